"""The cadence page: the rhythm by week, month and quarter, each meeting, and its load."""

from __future__ import annotations

from ..model.anchors import EVERY, MEETING_LOAD
from ..model.entries import FREQUENCIES, Meeting
from ..model.index import Index
from ..model.kinds import Kind
from .actuals import latest, series, sla_latest
from .common import (
    Site,
    entry_section,
    link,
    links,
    referrers,
    sources,
)
from .common import used_by as used_by_lines
from .text import block, inline

RHYTHM = {
    "daily": "Every day",
    "weekly": "Every week",
    "biweekly": "Every two weeks",
    "monthly": "Every month",
    "quarterly": "Every quarter",
    "annually": "Every year",
}
PER_MONTH = {
    "daily": 21.0,
    "weekly": 52 / 12,
    "biweekly": 26 / 12,
    "monthly": 1.0,
    "quarterly": 1 / 3,
    "annually": 1 / 12,
}


def _reviews(index: Index, site: Site, meeting: Meeting) -> list[str]:
    """Return what a meeting reviews: its KPIs, and its SLAs, listed or naming it."""
    kpis = [i for i in meeting.inputs if index.get(Kind.KPI, i) is not None]
    listed = [i for i in meeting.inputs if index.get(Kind.KPI, i) is None]
    naming = referrers(index, Kind.MEETING, meeting.id, Kind.SLA, "reviewed_in")
    slas = list(dict.fromkeys([*listed, *naming]))
    return [
        f"**Reviews KPIs:** {links(index, site, Kind.KPI, kpis)}" if kpis else "",
        f"**Reviews SLAs:** {links(index, site, Kind.SLA, slas)}" if slas else "",
        _latest(index, site, kpis, slas),
    ]


def _latest(index: Index, site: Site, kpis: list[str], slas: list[str]) -> str:
    """List the latest actual of each KPI and SLA a meeting reviews: its agenda's numbers."""
    items = []
    for id_ in kpis:
        kpi = index.get(Kind.KPI, id_)
        rows = series(index.playbook).get(id_)
        if kpi is not None and rows:
            items.append(f"{link(index, site, Kind.KPI, id_)}: {latest(kpi, rows)}")
    for id_ in slas:
        sla = index.get(Kind.SLA, id_)
        said = sla_latest(sla, index.playbook) if sla is not None else ""
        if said:
            items.append(f"{link(index, site, Kind.SLA, id_)}: {said}")
    if not items:
        return ""
    return "**Latest actuals:**\n\n" + "\n".join(f"    - {item}" for item in items)


def rhythm(index: Index, site: Site) -> str:
    """Render the operating rhythm: one row per frequency, the meetings in it."""
    lines = ["| Rhythm | Meeting | When | Length | Owner |", "|---|---|---|---|---|"]
    by_rhythm = sorted(index.playbook.meetings, key=lambda m: FREQUENCIES.index(m.frequency))
    lines.extend(
        f"| {RHYTHM[meeting.frequency]} | {link(index, site, Kind.MEETING, meeting.id)} "
        f"| {inline(meeting.when) or '–'} | {meeting.duration_minutes} min "
        f"| {link(index, site, Kind.ROLE, meeting.owner)} |"
        for meeting in by_rhythm
    )
    return "\n".join(lines)


def load(index: Index, site: Site) -> str:
    """Render each role's time in recurring meetings, in hours per month."""
    minutes: dict[str, float] = {}
    for meeting in index.playbook.meetings:
        for attendee in dict.fromkeys((*meeting.attendees, meeting.owner)):
            cost = meeting.duration_minutes * PER_MONTH[meeting.frequency]
            minutes[attendee] = minutes.get(attendee, 0.0) + cost
    lines = ["| Role | Hours per month in these meetings |", "|---|---|"]
    for role in index.playbook.roles:
        if role.id in minutes:
            hours = f"{minutes[role.id] / 60:.1f}"
            lines.append(f"| {link(index, site, Kind.ROLE, role.id)} | {hours} |")
    return "\n".join(lines)


def meeting_entry(meeting: Meeting, index: Index, site: Site) -> str:
    """Render one meeting: purpose, who attends, what it reviews and produces."""
    agenda = "\n".join(
        f"{n}. {inline(item, site.tips)}" for n, item in enumerate(meeting.agenda, start=1)
    )
    outputs = "\n".join(f"- {inline(item, site.tips)}" for item in meeting.outputs)
    when = f", {inline(meeting.when)}" if meeting.when else ""
    lines = [
        f"**When:** {RHYTHM[meeting.frequency].lower()}{when}, {meeting.duration_minutes} minutes",
        f"**Attendees:** {links(index, site, Kind.ROLE, meeting.attendees)}",
        *_reviews(index, site, meeting),
        *used_by_lines(
            index, site, Kind.MEETING, meeting.id, skip=frozenset({(Kind.SLA, "reviewed_in")})
        ),
        sources(meeting),
    ]
    return entry_section(
        index,
        site,
        Kind.MEETING,
        meeting,
        owners=(meeting.owner,),
        body=[
            block(meeting.purpose, site.tips),
        ],
        lines=lines,
        after=[
            f"**Agenda**\n\n{agenda}" if agenda else "",
            f"**Outputs**\n\n{outputs}",
        ],
    )


def cadence(index: Index, site: Site) -> str:
    """Render the rhythm table, the meetings grouped by frequency, and the meeting load."""
    out = [rhythm(index, site)]
    for frequency in FREQUENCIES:
        meetings = [m for m in index.playbook.meetings if m.frequency == frequency]
        if meetings:
            out.append(f"## {RHYTHM[frequency]} {{: #{EVERY(frequency)} }}")
            out.extend(meeting_entry(m, index, site) for m in meetings)
    out.append(f"## Time in meetings {{: #{MEETING_LOAD.anchor} }}")
    out.append(load(index, site))
    return "\n\n".join(out) + "\n"
