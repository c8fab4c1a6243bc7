"""Keep every link working: an id that resolves on the base branch must still resolve.

Ids are the anchors and URLs of the handbook, pasted into decks, tickets and chats. An id
may leave only in one of two ways: its entry stays, deprecated, with ``replaced_by``; or
another entry lists it in ``renamed_from``, so that the old anchor lands there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..contract.schema import FILE_OF
from ..model.codes import Code
from ..model.entries import Entry
from ..model.hints import closest
from ..model.kinds import Kind
from ..model.problems import Location, Problem
from ..read.load import Loaded, shown_path


def _resolvable(loaded: Loaded, kind: Kind) -> dict[str, Entry | None]:
    """Return every id that resolves for a kind: entry ids (→ None) and former ids (→ entry)."""
    ids: dict[str, Entry | None] = {item.id: None for item in loaded.declared if item.kind == kind}
    for entry in loaded.playbook.entries(kind):
        for former in entry.renamed_from:
            ids.setdefault(former, entry)
    return ids


@dataclass(frozen=True, slots=True)
class _Compare:
    """The base and new playbooks, and how messages name the base and the files."""

    base: Loaded
    head: Loaded
    label: str
    root: str

    def landing(self, kind: Kind, gone: str) -> Location:
        """Return where a gone entry used to sit in the new file, found by its old neighbours."""
        order = [item.id for item in self.base.declared if item.kind == kind]
        now = {entry.id: entry for entry in self.head.playbook.entries(kind)}
        if gone in order:
            at = order.index(gone)
            for neighbour in [*order[at + 1 :], *reversed(order[:at])]:
                if neighbour in now:
                    return now[neighbour].where
        return Location(shown_path(self.root, FILE_OF[kind]))

    def hint(self, kind: Kind, gone: str) -> str:
        """Say how to keep the id, naming the likeliest new entry to take it over."""
        hint = (
            f"keep it with 'status: deprecated' and 'replaced_by', or add "
            f"'renamed_from: [{gone}]' to the entry that replaces it"
        )
        before = {entry.id for entry in self.base.playbook.entries(kind)}
        new = [e.id for e in self.head.playbook.entries(kind) if e.id not in before]
        near = closest(gone, new, 1) or (new[:1] if len(new) == 1 else [])
        return f"{hint} (e.g. {kind.label} '{near[0]}')" if near else hint

    def problem(self, kind: Kind, gone: str) -> Problem:
        """Describe one id that resolved on the base side and resolves no more."""
        claimed_by = _resolvable(self.base, kind)[gone]
        now = {entry.id: entry for entry in self.head.playbook.entries(kind)}
        if claimed_by is not None and claimed_by.id in now:
            entry = now[claimed_by.id]
            return Problem(
                entry.at("renamed_from"),
                "error",
                f"{kind.label} '{entry.id}' no longer lists '{gone}' in renamed_from, but "
                f"links to '{gone}' land on it at {self.label}",
                f"keep '{gone}' in renamed_from: former ids are permanent",
                Code.REMOVED_ID,
            )
        what = "former id" if claimed_by is not None else "id"
        return Problem(
            self.landing(kind, gone),
            "error",
            f"{kind.label} {what} '{gone}' was removed, but it exists at {self.label}: links "
            "to it would break",
            self.hint(kind, gone),
            Code.REMOVED_ID,
        )


def removed_ids(base: Loaded, head: Loaded, label: str, root: str = ".") -> Iterator[Problem]:
    """Report every id that resolves on the base side and resolves no more.

    Kinds whose file does not load on the new side are skipped: the loader reports why.

    Args:
        base: The playbook as loaded at the base revision.
        head: The playbook as it is now.
        label: How the base is named in messages, e.g. ``origin/main``.
        root: The project root as the user named it, for the paths in messages.

    Yields:
        One error per id that would break, at the place in the new file where it was.
    """
    compare = _Compare(base, head, label, root)
    for kind in Kind:
        if kind in head.unreadable:
            continue
        now = _resolvable(head, kind)
        for gone in _resolvable(base, kind):
            if gone not in now:
                yield compare.problem(kind, gone)
