"""The "what changed in this edition" page: every entry that changed since the last edition.

The changes are the semantic diff ``playbook diff`` computes, between the edition before
(see :mod:`macros.change.editions`) and the one being built. Changes that needed both
teams come first; each entry links to itself in this edition, and a changed definition
shows the text before and after.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from ..change.diff import Change, FieldChange
from ..change.editions import EditionChanges, tag_date
from ..change.output import field_line, summary
from ..model.index import Index
from ..model.kinds import Kind
from .common import Site, link
from .text import code, inline, literal

PLURALS = {
    Kind.TEAM: "Teams",
    Kind.ROLE: "Roles",
    Kind.RACI: "RACI activities",
    Kind.TERM: "Terms",
    Kind.STAGE: "Funnel stages",
    Kind.KPI: "KPIs",
    Kind.SLA: "SLAs",
    Kind.MEETING: "Meetings",
}


def _intro(changes: EditionChanges) -> str:
    this = f"The {changes.edition} edition" if changes.released else "This development version"
    if not changes.in_git:
        return (
            "This copy of the handbook was built outside a git repository, so it has no "
            "editions to compare with.\n"
        )
    if changes.previous is None:
        if changes.released:
            return f"{this} is the first edition: there is no earlier edition to compare it with.\n"
        return (
            "No edition has been released yet, so there is nothing to compare this "
            "development version with.\n"
        )
    previous = changes.previous
    lead = "" if changes.released else "This is the development version, not a released edition. "
    return (
        f"{lead}{'Compared' if lead else this + ', compared'} with the {literal(previous.name)} "
        f"edition (tag {code(previous.tag)}, {tag_date(previous)}), entry by entry."
    )


def _text(items: tuple[str, ...]) -> str:
    return inline(" ".join(" ".join(items).split())) if items else "*(none)*"


def _field(change: FieldChange) -> list[str]:
    """Return the list lines of one changed field; prose shows the text before and after."""
    line = f"{code(change.name)} {literal(field_line(change).removeprefix(change.name).strip())}"
    if change.style != "prose" or not (change.old and change.new):
        return [f"    - {line}"]
    return [
        f"    - {line}:",
        f"        - before: {_text(change.old)}",
        f"        - now: {_text(change.new)}",
    ]


def _what(change: Change) -> str:
    if change.action == "renamed":
        return f"renamed from {code(change.old_id or '')}"
    if change.action == "deprecated":
        return f"deprecated, replaced by {code(change.replaced_by or '')}"
    if change.action == "merged":
        return f"removed, merged into {code(change.replaced_by or '')}"
    return change.action


def _entry(index: Index, site: Site, change: Change) -> list[str]:
    named = link(index, site, change.kind, change.id)
    if named.startswith("`"):  # no longer in the playbook
        named = f"{inline(change.name)} ({code(change.id)})" if change.name else code(change.id)
    teams = f" ({', '.join(literal(t) for t in change.teams)})" if change.both_teams else ""
    head = f"- {change.kind.label} {named}: {_what(change)}{teams}"
    return [head] + [line for field in change.fields for line in _field(field)]


def _by_kind(index: Index, site: Site, changes: Iterable[Change], level: str) -> list[str]:
    out = []
    for kind, group in groupby(changes, key=lambda change: change.kind):
        lines = [line for change in group for line in _entry(index, site, change)]
        out.append(f"{level} {PLURALS[kind]}\n\n" + "\n".join(lines))
    return out


def edition_page(index: Index, site: Site, changes: EditionChanges) -> str:
    """Render what changed in an edition since the one before, both-teams changes first."""
    intro = _intro(changes)
    diff = changes.diff
    if diff is None:
        return intro
    out = [intro, f"In all: {literal(summary(diff))}."]
    if diff.base_errors:
        out.append(
            f"The {literal(changes.previous.name if changes.previous else '')} edition did not "
            f"load completely ({diff.base_errors} errors): its broken entries are not compared."
        )
    both = [change for change in diff.changes if change.both_teams]
    rest = [change for change in diff.changes if not change.both_teams]
    if both:
        out.append(
            "## Agreed by both teams\n\nThese changes needed the approval of more than one team."
        )
        out += _by_kind(index, site, both, "###")
    if rest:
        out.append("## Other changes" if both else "## Changes")
        out += _by_kind(index, site, rest, "###")
    return "\n\n".join(out) + "\n"
