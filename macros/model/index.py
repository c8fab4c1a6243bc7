"""Lookups over a loaded playbook: entries by id, former ids, and who refers to whom."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Literal, overload

from .entries import (
    Entry,
    Kpi,
    Meeting,
    Playbook,
    RaciActivity,
    Reference,
    Role,
    Sla,
    Stage,
    Team,
    Term,
)
from .kinds import Kind

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

    # One overload per kind, so that ``get(Kind.TERM, id_)`` is a Term or None; a test
    # checks them against the record class of each kind.
    @overload
    def get(self, kind: Literal[Kind.TEAM], id_: str) -> Team | None: ...
    @overload
    def get(self, kind: Literal[Kind.ROLE], id_: str) -> Role | None: ...
    @overload
    def get(self, kind: Literal[Kind.RACI], id_: str) -> RaciActivity | None: ...
    @overload
    def get(self, kind: Literal[Kind.TERM], id_: str) -> Term | None: ...
    @overload
    def get(self, kind: Literal[Kind.STAGE], id_: str) -> Stage | None: ...
    @overload
    def get(self, kind: Literal[Kind.KPI], id_: str) -> Kpi | None: ...
    @overload
    def get(self, kind: Literal[Kind.SLA], id_: str) -> Sla | None: ...
    @overload
    def get(self, kind: Literal[Kind.MEETING], id_: str) -> Meeting | None: ...
    @overload
    def get(self, kind: Kind, id_: str) -> Entry | None: ...
    def get(self, kind: Kind, id_: str) -> Entry | None:
        """Return the entry of ``kind`` with ``id_``, following a former id.

        The entry is of the kind's record class: ``get(Kind.TERM, "mql")`` is a Term.
        """
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

    def party(self, id_: str) -> Team | Role | None:
        """Return the team or role named ``id_``."""
        return self.get(Kind.TEAM, id_) or self.get(Kind.ROLE, id_)

    def team_of(self, party: str) -> str | None:
        """Return the id of the team that a party is or belongs to; None for no team or role."""
        found = self.party(party)
        if isinstance(found, Role):
            return found.team
        return found.id if found is not None else None
