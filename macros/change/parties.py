"""Which teams an entry involves: those whose people own it, promise it or take part in it."""

from __future__ import annotations

from ..model.entries import Entry
from ..model.index import Index
from ..model.kinds import Kind


def teams_of(kind: Kind, entry: Entry, index: Index) -> set[str]:
    """Return the ids of the teams an entry involves.

    A term involves its owner's team and the teams of every entry that uses it: a term used
    across teams is shared. Other entries involve the teams of the teams and roles they
    commit (see :attr:`~macros.model.kinds.KindInfo.parties`).
    """
    parties = list(kind.info.parties_of(entry))
    if kind is Kind.TERM:
        for use in index.used_by(kind, entry.id):
            user = index.get(use.kind, use.id)
            if user is not None:
                parties += use.kind.info.parties_of(user)
    teams = (index.team_of(party) for party in parties)
    return {team for team in teams if team is not None}
