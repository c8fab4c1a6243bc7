"""Rules of meetings' schedules that the field types cannot say: a real time zone."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterator

from ..model.codes import Code
from ..model.entries import Meeting, Playbook
from ..model.hints import did_you_mean
from ..model.problems import Problem


def _known(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def schedules(playbook: Playbook) -> Iterator[Problem]:
    """Yield a problem for each meeting whose schedule names an unknown time zone."""
    for meeting in playbook.meetings:
        schedule = meeting.schedule if isinstance(meeting, Meeting) else None
        if schedule is None or _known(schedule.time_zone):
            continue
        zones = sorted(zoneinfo.available_timezones())
        hint = did_you_mean(schedule.time_zone, zones, "time zones")
        yield Problem(
            meeting.where,
            "error",
            f"meeting '{meeting.id}' schedule has unknown time zone '{schedule.time_zone}'",
            hint,
            Code.TIME_ZONE,
        )
