"""The playbook's data model: small frozen records, each carrying its source location.

Every entry of every kind shares the fields of :class:`Entry` (the envelope); each kind adds
its own. Identifiers referring to other entries are kept as plain strings here: the loader
records each one as a :class:`Reference`, and the checker resolves them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal, get_args, get_type_hints

from .kinds import Kind
from .problems import Location

Status = Literal["draft", "approved", "deprecated"]
Frequency = Literal["daily", "weekly", "biweekly", "monthly", "quarterly", "annually"]
Direction = Literal["up", "down"]
Period = Literal["day", "week", "month", "quarter", "year"]

STATUSES: tuple[Status, ...] = ("draft", "approved", "deprecated")
FREQUENCIES: tuple[Frequency, ...] = (
    "daily",
    "weekly",
    "biweekly",
    "monthly",
    "quarterly",
    "annually",
)
DIRECTIONS: tuple[Direction, ...] = ("up", "down")
PERIODS: tuple[Period, ...] = ("day", "week", "month", "quarter", "year")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
KPI_UNITS = (
    "count",
    "percent",
    "ratio",
    "usd",
    "eur",
    "gbp",
    "minutes",
    "hours",
    "business_hours",
    "days",
    "business_days",
    "months",
)
SLA_UNITS = (
    "count",
    "percent",
    "attempts",
    "minutes",
    "hours",
    "business_hours",
    "days",
    "business_days",
)
DURATION_UNITS = ("minutes", "hours", "business_hours", "days", "business_days")
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""What an id looks like: lowercase letters and digits, in words joined by single hyphens."""


def _no_locations() -> Mapping[str, Location]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Reference:
    """One id written in the data that must name an entry of one of ``targets``.

    Attributes:
        source_kind: The kind of the entry holding the reference.
        source_id: The id of that entry.
        field: The field the reference sits in, e.g. ``owner`` or ``see_also``.
        target: The id as written.
        targets: The kinds the id may name, in order of preference.
        where: The position of the id in the file.
    """

    source_kind: Kind
    source_id: str
    field: str
    target: str
    targets: tuple[Kind, ...]
    where: Location


@dataclass(frozen=True, kw_only=True, slots=True)
class Entry:
    """The envelope every entry shares.

    Attributes:
        id: Lowercase slug, unique within the kind; the permanent anchor and URL.
        status: ``draft``, ``approved`` or ``deprecated``.
        replaced_by: For a deprecated entry, the id of the entry that replaces it.
        renamed_from: Former ids of this entry; links to them keep landing here.
        last_reviewed: The day the owners last confirmed the entry.
        sources: Where the definition or figure comes from.
        tags: Free labels for search and grouping.
        where: Where the entry starts in its file.
        locations: Where each of its keys is, by field name.
    """

    id: str
    status: Status = "approved"
    replaced_by: str | None = None
    renamed_from: tuple[str, ...] = ()
    last_reviewed: dt.date | None = None
    sources: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    where: Location = field(default=Location(""), compare=False, repr=False)
    locations: Mapping[str, Location] = field(
        default_factory=_no_locations, compare=False, repr=False, hash=False
    )

    def at(self, name: str) -> Location:
        """Return where field ``name`` is written, or where the entry starts."""
        return self.locations.get(name, self.where)


@dataclass(frozen=True, kw_only=True, slots=True)
class Team(Entry):
    """A department or group, e.g. Marketing or Sales."""

    name: str
    description: str = ""
    github_team: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Role(Entry):
    """A role in the charter, what it is for and what it does."""

    name: str
    team: str
    mission: str
    responsibilities: tuple[str, ...]
    short_name: str = ""
    reports_to: str | None = None
    github_team: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class RaciActivity(Entry):
    """One row of the RACI matrix: who is responsible, accountable, consulted, informed."""

    activity: str
    responsible: tuple[str, ...]
    accountable: str
    consulted: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class Term(Entry):
    """A glossary term, with the words to use and to avoid."""

    term: str
    definition: str
    owner: str
    abbreviation: str | None = None
    synonyms: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class Qualification:
    """A qualification framework applied at a stage, e.g. BANT with "3 of 4"."""

    framework: str
    criteria: tuple[str, ...]
    pass_rule: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Stage(Entry):
    """A funnel stage; stages are listed in funnel order."""

    name: str
    owner: str
    definition: str
    entry_criteria: tuple[str, ...]
    exit_criteria: tuple[str, ...]
    term: str | None = None
    qualification: Qualification | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class KpiTarget:
    """A KPI's target value, in the KPI's unit, optionally per period."""

    value: float
    period: Period | None = None


MEASURE_TYPES = ("count", "conversion", "ratio", "duration", "amount")
STATISTICS = ("median", "p75", "p90", "p95")
AGGREGATES = ("sum", "average")


@dataclass(frozen=True, kw_only=True, slots=True)
class Measure:
    """What a KPI measures, as data: its type and the stages, KPIs or events it reads.

    ``count`` counts entries into ``stage``; ``conversion`` is the share of ``from_stage``
    that reaches ``to_stage`` (within ``window_days``, if given); ``ratio`` divides two
    KPIs; ``duration`` is a ``statistic`` of the time from ``start`` to ``end``; ``amount``
    is the ``aggregate`` (sum or average) of deal amounts at ``stage``. An amount may name
    the ``funnel_share`` KPI: the share of it the modelled funnel is to deliver.
    """

    type: str
    stage: str = ""
    from_stage: str = ""
    to_stage: str = ""
    window_days: float | None = None
    numerator: str = ""
    denominator: str = ""
    statistic: str = ""
    start: str = ""
    end: str = ""
    aggregate: str = ""
    funnel_share: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class Actual:
    """One row of an actuals file: a KPI's figure for one period, as exported.

    Attributes:
        period: The period as written, e.g. ``2026-11``, ``2026-W45`` or ``2026-Q4``.
        kpi: The KPI's id.
        value: The value as written; kept as text, never evaluated.
        where: Where each field of the row is (period, kpi, value).
        number: The value as a number, once the checker has accepted it.
    """

    period: str
    kpi: str
    value: str
    where: tuple[Location, ...]
    number: float | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Kpi(Entry):
    """A key performance indicator with its formula, owner and target."""

    name: str
    definition: str
    formula: str
    unit: str
    owner: str
    stage: str
    target: KpiTarget
    direction: Direction
    inputs: tuple[str, ...] = ()
    benchmark: str = ""
    measure: Measure | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class SlaTarget:
    """The measurable promise of an SLA: at most or at least a value in a unit."""

    comparison: Literal["at_most", "at_least"]
    value: float
    unit: str
    per: Period | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Signature:
    """A dated agreement by one role: who signed (or was consulted) and on which day."""

    by: str
    on: dt.date


@dataclass(frozen=True, kw_only=True, slots=True)
class Escalation:
    """One escalation step: after how long, to whom, doing what."""

    after: float
    unit: str
    to: str
    action: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Sla(Entry):
    """A service level agreement between two teams or roles."""

    title: str
    provider: str
    consumer: str
    commitment: str
    target: SlaTarget
    measured_by: str
    reviewed_in: str
    escalation: tuple[Escalation, ...] = ()
    trigger: str | None = None
    exceptions: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class Schedule:
    """When a meeting recurs, for calendars: from its first day, at a local time.

    ``weekday`` (with ``week``, the week of the month counted from 1, or -1 for the last)
    or ``day_of_month`` picks the day in the period; without either, the first day's
    weekday (weekly) or day of the month (monthly and longer) repeats.
    """

    first_date: dt.date
    hour: int
    minute: int = 0
    time_zone: str
    weekday: str | None = None
    week: int | None = None
    day_of_month: int | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Meeting(Entry):
    """A recurring meeting of the operating cadence."""

    name: str
    frequency: Frequency
    duration_minutes: int
    owner: str
    attendees: tuple[str, ...]
    purpose: str
    outputs: tuple[str, ...]
    inputs: tuple[str, ...] = ()
    agenda: tuple[str, ...] = ()
    when: str = ""
    schedule: Schedule | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Playbook:
    """A whole loaded playbook: every entry of every kind, and every reference between them."""

    teams: tuple[Team, ...] = ()
    roles: tuple[Role, ...] = ()
    raci: tuple[RaciActivity, ...] = ()
    terms: tuple[Term, ...] = ()
    stages: tuple[Stage, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    slas: tuple[Sla, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    references: tuple[Reference, ...] = field(default=(), compare=False)
    actuals: tuple[Actual, ...] = field(default=(), compare=False)

    def entries(self, kind: Kind) -> tuple[Entry, ...]:
        """Return the entries of one kind, in file order."""
        found: tuple[Entry, ...] = getattr(self, kind.info.section)
        return found

    def all_entries(self) -> Iterator[tuple[Kind, Entry]]:
        """Yield every entry with its kind, kind by kind in file order."""
        for kind in Kind:
            for entry in self.entries(kind):
                yield kind, entry


_SECTIONS = get_type_hints(Playbook)
RECORDS: Mapping[Kind, type[Entry]] = MappingProxyType(
    {kind: get_args(_SECTIONS[kind.info.section])[0] for kind in Kind}
)
"""The record class of each kind: the type of the items of its field of :class:`Playbook`."""
_KIND_OF = {record: kind for kind, record in RECORDS.items()}


def display_name(entry: Entry) -> str:
    """Return an entry's display name: its name, term, title or activity (its id if none)."""
    kind = _KIND_OF.get(type(entry))
    return kind.info.name_of(entry) if kind is not None else entry.id
