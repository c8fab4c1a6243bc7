"""cadence.ics: one recurring event per meeting, read back with the icalendar library."""

from __future__ import annotations

from typing import Any

import icalendar

from macros.change.history import Event, History
from macros.check.checker import load_checked
from macros.model.index import Index
from macros.model.kinds import Kind
from macros.render.calendar import cadence_calendar
from macros.render.common import Site

from .conftest import ROOT

RULES = {
    "lead-queue-standup": "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
    "weekly-sla-sync": "FREQ=WEEKLY;BYDAY=MO",
    "pipeline-review": "FREQ=WEEKLY;BYDAY=TU",
    "forecast-call": "FREQ=WEEKLY;BYDAY=TH",
    "monthly-funnel-review": "FREQ=MONTHLY;BYDAY=2WE",
    "win-loss-review": "FREQ=MONTHLY;BYDAY=-1TH",
    "quarterly-business-review": "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU",
    "quarterly-planning-sla-reset": "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=18",
}


NO_HISTORY = Site()


def events(site: Site = NO_HISTORY, site_url: str = "https://playbook.example.com/") -> list[Any]:
    calendar = icalendar.Calendar.from_ical(
        cadence_calendar(Index(load_checked(ROOT)), site, site_url)
    )
    return list(calendar.walk("VEVENT"))


def test_one_event_per_meeting_with_the_rule_of_its_frequency() -> None:
    found = {str(e["uid"]): e["rrule"].to_ical().decode() for e in events()}
    assert found == {f"{id_}@cadence.alignment-playbook": rule for id_, rule in RULES.items()}
    ids = [entry.id for entry in load_checked(ROOT).entries(Kind.MEETING)]
    assert sorted(ids) == sorted(RULES)


def test_an_event_starts_at_the_local_time_for_its_duration_and_links_its_entry() -> None:
    event = next(e for e in events() if str(e["uid"]).startswith("monthly-funnel-review@"))
    assert event["dtstart"].to_ical() == b"20270113T150000"
    assert event["dtstart"].params["TZID"] == "America/New_York"
    assert event["duration"].to_ical() == b"PT1H"
    assert str(event["url"]) == "https://playbook.example.com/cadence/#monthly-funnel-review"
    assert str(event["description"]).splitlines()[2] == "Owner: Revenue Operations Manager"


def test_the_calendar_is_the_same_on_every_build_and_dated_by_commits() -> None:
    index = Index(load_checked(ROOT))
    assert cadence_calendar(index, Site()) == cadence_calendar(index, Site())
    change = Event(
        "2027-02-01", "a" * 40, "Move the sync", Kind.MEETING, "weekly-sla-sync", "changed", ()
    )
    history = History(by_entry={(Kind.MEETING, "weekly-sla-sync"): (change,)})
    stamps = {
        str(e["uid"]).split("@")[0]: e["dtstamp"].to_ical() for e in events(Site(history=history))
    }
    assert stamps["weekly-sla-sync"] == b"20270201T000000Z"
    assert stamps["pipeline-review"] == b"20270105T000000Z"


def test_without_a_site_url_the_events_carry_no_link() -> None:
    assert [e.get("url") for e in events(site_url="")] == [None] * len(RULES)
