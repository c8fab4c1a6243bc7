"""``cadence.ics``: one recurring event per meeting that has a ``schedule``, for calendars.

The recurrence rule comes from the meeting's ``frequency`` and ``schedule``; the event's
UID is the meeting id's, so a calendar that subscribed keeps one event per meeting across
builds. Its timestamp is the date of the last commit that changed the meeting (or its
first day without history), never the time of the build.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import icalendar

from ..model.entries import WEEKDAYS, Meeting, Schedule
from ..model.index import Index
from ..model.kinds import Kind
from .common import Site
from .text import plain

PRODID = "-//alignment-playbook//cadence//EN"
UID_DOMAIN = "cadence.alignment-playbook"
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_MONTHS = {"monthly": 1, "quarterly": 3}


def _day(schedule: Schedule) -> str:
    weekday = schedule.weekday or WEEKDAYS[schedule.first_date.weekday()]
    return _DAYS[WEEKDAYS.index(weekday)]


def rrule(meeting: Meeting, schedule: Schedule) -> dict[str, Any]:
    """Return the recurrence rule of a meeting, as icalendar's ``vRecur`` parts."""
    frequency = meeting.frequency
    if frequency == "daily":
        return {"FREQ": "DAILY", "BYDAY": list(_DAYS[:5])}
    if frequency in ("weekly", "biweekly"):
        interval = {"INTERVAL": 2} if frequency == "biweekly" else {}
        return {"FREQ": "WEEKLY", **interval, "BYDAY": _day(schedule)}
    base: dict[str, Any] = (
        {"FREQ": "YEARLY", "BYMONTH": schedule.first_date.month}
        if frequency == "annually"
        else {"FREQ": "MONTHLY", **({"INTERVAL": 3} if frequency == "quarterly" else {})}
    )
    if schedule.weekday is not None and schedule.week is not None:
        return {**base, "BYDAY": f"{schedule.week}{_day(schedule)}"}
    return {**base, "BYMONTHDAY": schedule.day_of_month or schedule.first_date.day}


def _stamp(site: Site, meeting: Meeting, schedule: Schedule) -> dt.datetime:
    events = site.history.of(Kind.MEETING, meeting.id)
    day = dt.date.fromisoformat(events[0].date) if events else schedule.first_date
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _description(index: Index, meeting: Meeting, url: str) -> str:
    def name(id_: str) -> str:
        role = index.get(Kind.ROLE, id_)
        return plain(role.name) if role is not None else id_

    lines = [
        plain(meeting.purpose),
        "",
        f"Owner: {name(meeting.owner)}",
        "Attendees: " + ", ".join(name(a) for a in meeting.attendees),
    ]
    if meeting.when:
        lines.append(f"When: {plain(meeting.when)}")
    if url:
        lines.append(f"Entry: {url}")
    return "\n".join(lines)


def _event(index: Index, site: Site, meeting: Meeting, schedule: Schedule, url: str) -> Any:
    start = dt.datetime.combine(
        schedule.first_date,
        dt.time(schedule.hour, schedule.minute),
        tzinfo=ZoneInfo(schedule.time_zone),
    )
    event = icalendar.Event()
    event.add("uid", f"{meeting.id}@{UID_DOMAIN}")
    event.add("dtstamp", _stamp(site, meeting, schedule))
    event.add("summary", plain(meeting.name))
    event.add("dtstart", start)
    event.add("duration", dt.timedelta(minutes=meeting.duration_minutes))
    event.add("rrule", rrule(meeting, schedule))
    event.add("description", _description(index, meeting, url))
    if url:
        event.add("url", url)
    return event


def cadence_calendar(index: Index, site: Site, site_url: str = "") -> bytes:
    """Return ``cadence.ics``: one event per scheduled meeting, in file order.

    Args:
        index: The playbook.
        site: The site (its pages and history).
        site_url: The site's absolute address; without it, events carry no link.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Playbook cadence")
    page = site.pages[Kind.MEETING].removesuffix(".md")
    for entry in index.playbook.entries(Kind.MEETING):
        meeting = entry if isinstance(entry, Meeting) else None
        if meeting is None or meeting.schedule is None:
            continue
        url = f"{site_url.rstrip('/')}/{page}/#{meeting.id}" if site_url else ""
        calendar.add_component(_event(index, site, meeting, meeting.schedule, url))
    calendar.add_missing_timezones()
    out: bytes = calendar.to_ical()
    return out
