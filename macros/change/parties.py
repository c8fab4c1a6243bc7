"""Which teams an entry involves: those whose people own it, promise it or take part in it."""

from __future__ import annotations

from ..model.entries import Entry, Kind, Meeting, RaciActivity, Role, Sla, Team
from ..model.index import Index


def _parties(entry: Entry) -> tuple[str, ...]:
    """Return the teams and roles an entry commits, by id."""
    if isinstance(entry, Team):
        return (entry.id,)
    if isinstance(entry, Role):
        return (entry.team,)
    if isinstance(entry, RaciActivity):
        return (*entry.responsible, entry.accountable, *entry.consulted, *entry.informed)
    if isinstance(entry, Sla):
        return (entry.provider, entry.consumer)
    if isinstance(entry, Meeting):
        return (entry.owner, *entry.attendees)
    owner = getattr(entry, "owner", None)
    return (owner,) if isinstance(owner, str) else ()


def teams_of(kind: Kind, entry: Entry, index: Index) -> set[str]:
    """Return the ids of the teams an entry involves.

    A term involves its owner's team and the teams of every entry that uses it: a term used
    across teams is shared. Other entries involve the teams of their owner and parties.
    """
    parties = list(_parties(entry))
    if kind is Kind.TERM:
        for use in index.used_by(kind, entry.id):
            user = index.get(use.kind, use.id)
            if user is not None:
                parties += _parties(user)
    teams = set()
    for party in parties:
        found = index.party(party)
        if isinstance(found, Team):
            teams.add(found.id)
        elif isinstance(found, Role):
            teams.add(found.team)
    return teams
