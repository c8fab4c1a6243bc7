"""The kinds of entries, declared once: one row per kind holds what every layer needs of it.

A kind's row names it (label, plural), says where its entries are (the section of its data
file, which is also the field of :class:`~macros.model.entries.Playbook` holding them), which
fields name it, sum it up and commit teams, which page shows it and which macro links to
it. The tables the layers use (labels, plurals, pages, macros, display names, the teams an
entry concerns) are read from the rows. The page is here, below the renderers, because the
checker needs it too: kinds on one page share one set of ids. Which file holds a section,
and the fields of each record, are the data contract's (:mod:`macros.contract.schema`).

Adding a kind means adding its row here, its record class and its field of ``Playbook``
(whose type is the kind's record class), its section in :mod:`macros.contract.schema`, a
line of :meth:`macros.model.index.Index.get`'s overloads and its renderer.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


def named(entry: object, fields: tuple[str, ...]) -> tuple[str, ...]:
    """Return the ids that some fields of an entry hold, in field order.

    A field holds one id, a list of ids, or nothing (``None`` or empty).
    """
    found: list[str] = []
    for field in fields:
        value = getattr(entry, field)
        if isinstance(value, tuple):
            found += value
        elif isinstance(value, str) and value:
            found.append(value)
    return tuple(found)


@dataclass(frozen=True, slots=True)
class KindInfo:
    """What the engine knows of one kind of entry, besides its record and contract.

    Attributes:
        label: The kind's name in messages, e.g. ``KPI`` or ``RACI activity``.
        plural: Its plural in running text, e.g. ``KPIs`` or ``RACI activities``.
        section: The list of entries in its data file, e.g. ``raci`` in ``roles.yml``; the
            field of the playbook that holds them has the same name.
        name: The field holding an entry's display name, e.g. ``title`` for an SLA.
        gist: The field whose first sentence says what an entry is (the tooltip of a link
            to it), or "" for none.
        page: The page under ``docs/`` its entries are rendered on by default. Each id is an
            anchor of its page, so kinds rendered on one page share one set of ids.
        macro: The macro that links to one entry from prose, e.g. ``activity`` for
            ``{{ activity('lead-routing') }}``.
        owners: The fields naming the teams or roles that own an entry, whose GitHub teams
            review its changes; empty for a kind every team owns (the role charter).
        parties: The fields naming every team or role an entry commits.
    """

    label: str
    plural: str
    section: str
    name: str
    gist: str
    page: str
    macro: str
    owners: tuple[str, ...]
    parties: tuple[str, ...]

    def name_of(self, entry: object) -> str:
        """Return an entry's display name: its name, term, title or activity."""
        return str(getattr(entry, self.name))

    def owners_of(self, entry: object) -> tuple[str, ...]:
        """Return the ids of the teams and roles that own an entry."""
        return named(entry, self.owners)

    def parties_of(self, entry: object) -> tuple[str, ...]:
        """Return the ids of the teams and roles an entry commits."""
        return named(entry, self.parties)


_CHARTER = "roles.md"


class Kind(Enum):
    """The kinds of entries in a playbook, in the order every listing follows.

    Each member's value is its row: ``Kind.SLA.info.plural`` is ``SLAs``.
    """

    TEAM = KindInfo(
        label="team",
        plural="teams",
        section="teams",
        name="name",
        gist="description",
        page=_CHARTER,
        macro="team",
        owners=(),
        parties=("id",),
    )
    ROLE = KindInfo(
        label="role",
        plural="roles",
        section="roles",
        name="name",
        gist="mission",
        page=_CHARTER,
        macro="role",
        owners=(),
        parties=("team",),
    )
    RACI = KindInfo(
        label="RACI activity",
        plural="RACI activities",
        section="raci",
        name="activity",
        gist="",
        page=_CHARTER,
        macro="activity",
        owners=(),
        parties=("responsible", "accountable", "consulted", "informed"),
    )
    TERM = KindInfo(
        label="term",
        plural="terms",
        section="terms",
        name="term",
        gist="definition",
        page="glossary.md",
        macro="term",
        owners=("owner",),
        parties=("owner",),
    )
    STAGE = KindInfo(
        label="stage",
        plural="stages",
        section="stages",
        name="name",
        gist="definition",
        page="funnel.md",
        macro="stage",
        owners=("owner",),
        parties=("owner",),
    )
    KPI = KindInfo(
        label="KPI",
        plural="KPIs",
        section="kpis",
        name="name",
        gist="definition",
        page="kpis.md",
        macro="kpi",
        owners=("owner",),
        parties=("owner",),
    )
    SLA = KindInfo(
        label="SLA",
        plural="SLAs",
        section="slas",
        name="title",
        gist="commitment",
        page="slas.md",
        macro="sla",
        owners=("provider", "consumer"),
        parties=("provider", "consumer"),
    )
    MEETING = KindInfo(
        label="meeting",
        plural="meetings",
        section="meetings",
        name="name",
        gist="purpose",
        page="cadence.md",
        macro="meeting",
        owners=("owner",),
        parties=("owner", "attendees"),
    )

    @property
    def info(self) -> KindInfo:
        """The kind's row."""
        return self.value

    @property
    def label(self) -> str:
        """The kind's name in messages, e.g. ``KPI``."""
        return self.info.label

    def __repr__(self) -> str:
        """Name the member only: its row is long."""
        return f"<Kind.{self.name}>"
