"""Refuse entry ids that would take an anchor the handbook makes itself (``letter-m``)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.anchors import Family, reserved_by
from ..model.codes import Code
from ..model.entries import Entry, Playbook
from ..model.kinds import Kind
from ..model.problems import Problem


def _problem(kind: Kind, entry: Entry, id_: str, family: Family, field: str) -> Problem:
    what = f"{kind.label} id" if field == "id" else f"{kind.label} '{entry.id}' former id"
    if family.is_prefix:
        hint = f"ids starting with '{family.anchor}' are the handbook's own anchors"
    else:
        hint = f"'{family.anchor}' is the handbook's own anchor"
    return Problem(
        entry.at(field),
        "error",
        f"{what} '{id_}' is already an anchor of {family.what}",
        f"{hint}; pick another id",
        Code.RESERVED_ID,
    )


def reserved_ids(playbook: Playbook) -> Iterator[Problem]:
    """Report every id and former id that is one of the anchors the renderers make."""
    for kind, entry in playbook.all_entries():
        family = reserved_by(entry.id)
        if family is not None:
            yield _problem(kind, entry, entry.id, family, "id")
        for old in entry.renamed_from:
            family = reserved_by(old)
            if family is not None:
                yield _problem(kind, entry, old, family, "renamed_from")
