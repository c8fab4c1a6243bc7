"""Compare two playbooks entry by entry: what was added, removed, renamed, deprecated, changed.

The comparison is of the loaded data, not of the YAML text: moving an entry, reformatting a
list or adding a comment changes nothing. Each change names the teams it touches, so that a
pull request that needs both teams says so.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..model.entries import Entry, Playbook, display_name
from ..model.index import Index
from ..model.kinds import Kind
from ..read.load import Loaded
from .parties import teams_of
from .values import Style, shown_value, style_of

Action = Literal["added", "removed", "renamed", "merged", "deprecated", "changed"]
ACTIONS: tuple[Action, ...] = ("added", "changed", "renamed", "merged", "deprecated", "removed")
"""Every action, in the order summaries list them."""

_NOT_COMPARED = frozenset({"id", "where", "locations"})


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field whose value differs, with both values as readers see them.

    Attributes:
        name: The field as written in the YAML, e.g. ``target``.
        style: How the values read; decides how the change is shown.
        old: The old value: no item when unset, one item for a value or prose, else the items.
        new: The new value, in the same shape.
    """

    name: str
    style: Style
    old: tuple[str, ...]
    new: tuple[str, ...]

    def counts(self) -> tuple[int, int]:
        """Return how many items were added and removed (for list-like fields)."""
        added = [item for item in self.new if item not in self.old]
        removed = [item for item in self.old if item not in self.new]
        return len(added), len(removed)


@dataclass(frozen=True, slots=True)
class Change:
    """What happened to one entry between the two playbooks.

    Attributes:
        kind: The kind of entry.
        id: Its id: the new id when renamed, the old one when removed or merged.
        action: What happened to it as a whole.
        name: Its display name (the newer one when both exist).
        fields: The fields that differ, in the model's field order.
        old_id: For a rename, the id it had before.
        replaced_by: For a deprecation, the replacement; for a merge, the entry it went into.
        teams: The ids of the teams the entry involves, on either side, sorted.
        both_teams: True when the change needs the approval of more than one team.
    """

    kind: Kind
    id: str
    action: Action
    name: str = ""
    fields: tuple[FieldChange, ...] = ()
    old_id: str | None = None
    replaced_by: str | None = None
    teams: tuple[str, ...] = ()
    both_teams: bool = False

    @property
    def label(self) -> str:
        """The entry as messages name it, e.g. ``SLA lead-follow-up``."""
        return f"{self.kind.label} {self.id}"


def field_changes(
    kind: Kind, old: Entry, new: Entry, skip: frozenset[str]
) -> tuple[FieldChange, ...]:
    """Return the fields that differ between two versions of an entry, in field order."""
    found = []
    for spec in dataclasses.fields(new):
        name = spec.name
        if name in _NOT_COMPARED or name in skip or getattr(old, name) == getattr(new, name):
            continue
        style = style_of(kind, name)
        found.append(FieldChange(name, style, shown_value(old, name), shown_value(new, name)))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Diff:
    """The changes between two playbooks, and how well each side loaded.

    Attributes:
        base: How the old side is named in output, e.g. ``origin/main``.
        head: How the new side is named, e.g. ``HEAD`` or ``the working tree``.
        changes: One change per entry that differs, by kind then id.
        base_errors: Errors met loading the old side (its broken entries are not compared).
        head_errors: Errors met loading the new side.
    """

    base: str
    head: str
    changes: tuple[Change, ...]
    base_errors: int = 0
    head_errors: int = 0


class _Sides:
    """The two playbooks, indexed, and how to describe a change between them."""

    def __init__(self, old: Playbook, new: Playbook) -> None:
        self.old = Index(old)
        self.new = Index(new)

    def teams(self, kind: Kind, old: Entry | None, new: Entry | None) -> tuple[str, ...]:
        teams: set[str] = set()
        if old is not None:
            teams |= teams_of(kind, old, self.old)
        if new is not None:
            teams |= teams_of(kind, new, self.new)
        return tuple(sorted(teams))

    def change(  # noqa: PLR0913 - one keyword per optional part of a change
        self,
        kind: Kind,
        action: Action,
        old: Entry | None,
        new: Entry | None,
        *,
        fields: tuple[FieldChange, ...] = (),
        old_id: str | None = None,
        replaced_by: str | None = None,
    ) -> Change:
        shown = old if action in ("merged", "removed") else new
        if shown is None:
            raise ValueError(f"a change of action '{action}' needs its entry")
        teams = self.teams(kind, old, new)
        return Change(
            kind,
            shown.id,
            action,
            display_name(shown),
            fields,
            old_id,
            replaced_by,
            teams,
            kind is Kind.SLA or len(teams) > 1,
        )


def _by_id(entries: tuple[Entry, ...]) -> dict[str, Entry]:
    """Return entries by id in file order; of two with one id, the first (the checker says)."""
    found: dict[str, Entry] = {}
    for entry in entries:
        found.setdefault(entry.id, entry)
    return found


def _claims(old: dict[str, Entry], new: dict[str, Entry]) -> dict[str, Entry]:
    """Return, for each old id gone from the new side, the new entry that lists it as former."""
    claims: dict[str, Entry] = {}
    for entry in new.values():
        for former in entry.renamed_from:
            if former in old and former not in new:
                claims.setdefault(former, entry)
    return claims


def _settled(entry: Entry, moved: dict[str, Entry]) -> Entry:
    """Return the entry without the former ids that moved to it in this very diff.

    Those moves are shown as renames and merges; listing them again as a change of
    ``renamed_from`` would say the same thing twice.
    """
    kept = tuple(former for former in entry.renamed_from if former not in moved)
    return entry if kept == entry.renamed_from else dataclasses.replace(entry, renamed_from=kept)


def _kept(sides: _Sides, kind: Kind, old: Entry, new: Entry, compared: Entry) -> Change | None:
    if new.status == "deprecated" and old.status != "deprecated":
        skip = frozenset({"status", "replaced_by"})
        fields = field_changes(kind, old, compared, skip)
        return sides.change(
            kind, "deprecated", old, new, fields=fields, replaced_by=new.replaced_by
        )
    fields = field_changes(kind, old, compared, frozenset())
    return sides.change(kind, "changed", old, new, fields=fields) if fields else None


def _kind_changes(sides: _Sides, kind: Kind, before: Playbook, after: Playbook) -> Iterator[Change]:
    old = _by_id(before.entries(kind))
    new = _by_id(after.entries(kind))
    claims = _claims(old, new)
    renamed_to: set[str] = set()
    for id_, entry in old.items():
        if id_ in new:
            change = _kept(sides, kind, entry, new[id_], _settled(new[id_], claims))
            if change is not None:
                yield change
        elif id_ in claims:
            target = claims[id_]
            if target.id in old or target.id in renamed_to:
                yield sides.change(kind, "merged", entry, target, replaced_by=target.id)
                continue
            renamed_to.add(target.id)
            fields = field_changes(kind, entry, _settled(target, claims), frozenset())
            yield sides.change(kind, "renamed", entry, target, fields=fields, old_id=id_)
        else:
            yield sides.change(kind, "removed", entry, None)
    for id_, entry in new.items():
        if id_ not in old and id_ not in renamed_to:
            yield sides.change(kind, "added", None, entry)


def diff_playbooks(
    old: Playbook,
    new: Playbook,
    base: str = "base",
    head: str = "head",
    kinds: frozenset[Kind] | None = None,
) -> Diff:
    """Compare two playbooks entry by entry.

    Args:
        old: The playbook before (e.g. on the base branch).
        new: The playbook after (e.g. in the working tree).
        base: How to name the old side in output.
        head: How to name the new side in output.
        kinds: Compare only these kinds (the others are known to be unchanged); all if None.

    Returns:
        Every change, sorted by kind (in the playbook's order) then id.
    """
    sides = _Sides(old, new)
    compared = [kind for kind in Kind if kinds is None or kind in kinds]
    found = [change for kind in compared for change in _kind_changes(sides, kind, old, new)]
    order = {kind: n for n, kind in enumerate(Kind)}
    found.sort(key=lambda c: (order[c.kind], c.id, ACTIONS.index(c.action)))
    return Diff(base, head, tuple(found))


def diff_loaded(
    old: Loaded, new: Loaded, base: str, head: str, kinds: frozenset[Kind] | None = None
) -> Diff:
    """Compare what loaded of two playbooks, counting each side's loading errors.

    Entries that failed to load on either side are left out of the comparison, and so are
    the entries of a file that cannot be read at all on the new side; the counts tell the
    reader that the diff is partial. ``kinds`` limits the comparison as in
    :func:`diff_playbooks`.
    """
    diff = diff_playbooks(old.playbook, new.playbook, base, head, kinds)
    broken = _Broken(old, new)
    changes = tuple(change for change in diff.changes if not broken(change))
    return Diff(base, head, changes, _errors(old), _errors(new))


class _Broken:
    """Tells whether a change only says that an entry failed to load on one side."""

    def __init__(self, old: Loaded, new: Loaded) -> None:
        self.old_declared = {(item.kind, item.id) for item in old.declared}
        self.new_declared = {(item.kind, item.id) for item in new.declared}
        self.new_unreadable = new.unreadable

    def __call__(self, change: Change) -> bool:
        key = (change.kind, change.id)
        if change.action == "removed":
            return key in self.new_declared or change.kind in self.new_unreadable
        if change.action == "added":
            return key in self.old_declared
        return False


def _errors(loaded: Loaded) -> int:
    return sum(1 for problem in loaded.problems if problem.severity == "error")
