"""Lookups over a loaded playbook: entries by id, former ids, and who refers to whom."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .entries import Entry, Kind, Playbook, Reference, Role

PARTY_KINDS = (Kind.TEAM, Kind.ROLE)
_ORDER = {kind: number for number, kind in enumerate(Kind)}


@dataclass(frozen=True, slots=True)
class Use:
    """One place an entry is referred to: by which entry, in which field."""

    kind: Kind
    id: str
    field: str


class Index:
    """Entries by kind and id, former ids, and the computed "used by" of every entry."""

    def __init__(self, playbook: Playbook) -> None:
        """Index a playbook.

        Args:
            playbook: The loaded playbook.
        """
        self.playbook = playbook
        self.by_id: dict[Kind, dict[str, Entry]] = {kind: {} for kind in Kind}
        self.former: dict[Kind, dict[str, str]] = {kind: {} for kind in Kind}
        for kind, entry in playbook.all_entries():
            self.by_id[kind].setdefault(entry.id, entry)
            for old in entry.renamed_from:
                self.former[kind].setdefault(old, entry.id)
        # Current ids first, then former ids not taken by a current one: one lookup per get.
        self._lookup: dict[Kind, dict[str, Entry]] = {
            kind: {**{old: ids[new] for old, new in self.former[kind].items()}, **ids}
            for kind, ids in self.by_id.items()
        }
        self._used_by: dict[tuple[Kind, str], list[Use]] = defaultdict(list)
        for ref in playbook.references:
            target = self.resolve(ref)
            if target is not None:
                use = Use(ref.source_kind, ref.source_id, ref.field)
                self._used_by[target].append(use)
        self._sorted: dict[tuple[Kind, str], list[Use]] = {}

    def get(self, kind: Kind, id_: str) -> Entry | None:
        """Return the entry of ``kind`` with ``id_``, following a former id."""
        return self._lookup[kind].get(id_)

    def resolve(self, ref: Reference) -> tuple[Kind, str] | None:
        """Return the kind and current id a reference lands on, or None."""
        for kind in ref.targets:
            entry = self.get(kind, ref.target)
            if entry is not None:
                return kind, entry.id
        return None

    def used_by(self, kind: Kind, id_: str) -> list[Use]:
        """Return the places that refer to an entry, sorted, without repeats."""
        key = (kind, id_)
        found = self._sorted.get(key)
        if found is None:
            found = sorted(
                set(self._used_by.get(key, ())),
                key=lambda use: (_ORDER[use.kind], use.id, use.field),
            )
            self._sorted[key] = found
        return list(found)

    def party(self, id_: str) -> Entry | None:
        """Return the team or role named ``id_``."""
        for kind in PARTY_KINDS:
            entry = self._lookup[kind].get(id_)
            if entry is not None:
                return entry
        return None

    def team_of(self, party: str) -> str | None:
        """Return the id of the team that a party is or belongs to; None for no team or role."""
        found = self.party(party)
        if isinstance(found, Role):
            return found.team
        return found.id if found is not None else None
