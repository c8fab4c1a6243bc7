"""The data contract, declared once: files, sections, fields, types and references.

The loader reads data against these declarations, the docs' field tables are generated from
them, and the diff names fields by them. Field names equal the model's attribute names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..model import entries as m
from ..model.codes import Code
from ..model.kinds import Kind
from .fields import (
    Choice,
    Date,
    FieldSpec,
    FileSpec,
    ListOf,
    Number,
    Record,
    RecordSpec,
    Ref,
    SectionSpec,
    Shape,
    Slug,
    Text,
    ValueType,
)


def _f(name: str, type_: ValueType, doc: str, *, required: bool = True) -> FieldSpec:
    return FieldSpec(name, type_, required=required, doc=doc)


def _opt(name: str, type_: ValueType, doc: str) -> FieldSpec:
    return FieldSpec(name, type_, required=False, doc=doc)


TEXT = Text()
PROSE = Text(single_line=False, markdown=True)
LINES = ListOf(Text(markdown=True))
ROLE = Ref((Kind.ROLE,))
PARTY = Ref((Kind.TEAM, Kind.ROLE))
ABBREVIATION = Text(
    shape=Shape(
        "abbreviation",
        re.compile(r"[^\W_]+(?:[&+/.-][^\W_]+)*\.?"),
        32,
        ("wzxhzdk", "klzzwxh", "\x02", "\x03"),
        "write it as one word of letters and digits (joined by & + / . - if need be) with a "
        "capital letter or a digit, e.g. MQL, B2B or R&D",
        Code.ABBREVIATION_SHAPE,
    )
)


def envelope(kind: Kind) -> tuple[FieldSpec, ...]:
    """Return the fields every entry of ``kind`` has."""
    return (
        _f("id", Slug(), "Permanent id: the anchor and URL of the entry. Never reuse one."),
        _opt("status", Choice(m.STATUSES), "`draft`, `approved` (default) or `deprecated`."),
        _opt(
            "replaced_by",
            Ref((kind,)),
            "Required when deprecated: the entry that replaces this one.",
        ),
        _opt(
            "renamed_from",
            ListOf(Slug()),
            "Former ids; links to them keep landing on this entry.",
        ),
        _opt("last_reviewed", Date(), "The day the owner last confirmed the entry."),
        _opt("sources", LINES, "Where the definition or figure comes from."),
        _opt("tags", ListOf(TEXT), "Free labels for search and grouping."),
    )


def _entry(kind: Kind, *fields: FieldSpec) -> RecordSpec:
    return RecordSpec(kind.label, envelope(kind) + fields, m.RECORDS[kind])


GITHUB_TEAM = _opt(
    "github_team",
    Text(),
    "GitHub team that reviews changes for it, e.g. `@acme/marketing-ops`.",
)

TEAM = _entry(
    Kind.TEAM,
    _f("name", TEXT, "Display name, e.g. Marketing."),
    _opt("description", PROSE, "What the team is for."),
    GITHUB_TEAM,
)
ROLE_SPEC = _entry(
    Kind.ROLE,
    _f("name", TEXT, "Display name, e.g. Account Executive."),
    _opt("short_name", TEXT, "Short label for the RACI matrix, e.g. AE."),
    _f("team", Ref((Kind.TEAM,)), "The team the role belongs to."),
    _f("mission", PROSE, "Why the role exists, in one or two sentences."),
    _f("responsibilities", ListOf(Text(markdown=True), 1), "What the role does."),
    _opt("reports_to", ROLE, "The role this one reports to."),
    GITHUB_TEAM,
)
RACI = _entry(
    Kind.RACI,
    _f("activity", TEXT, "The activity, e.g. Lead routing and assignment."),
    _f("responsible", ListOf(ROLE, 1), "Roles that do the work (R)."),
    _f("accountable", ROLE, "The one role that answers for the outcome (A)."),
    _opt("consulted", ListOf(ROLE), "Roles asked before a decision (C)."),
    _opt("informed", ListOf(ROLE), "Roles told after a decision (I)."),
)
TERM = _entry(
    Kind.TERM,
    _f("term", TEXT, "The term as people say it, e.g. Marketing Qualified Lead."),
    _opt("abbreviation", ABBREVIATION, "Short form, e.g. MQL; a tooltip explains it in entries."),
    _f("definition", PROSE, "What it means, precisely enough to decide a case."),
    _f("owner", ROLE, "The role that owns the definition."),
    _opt("synonyms", ListOf(TEXT), "Other names that mean the same; search finds them."),
    _opt("avoid", ListOf(TEXT), "Words not to use for it (say this, not that)."),
    _opt("see_also", ListOf(Ref((Kind.TERM,))), "Related terms."),
)
QUALIFICATION = RecordSpec(
    "qualification",
    (
        _f("framework", TEXT, "The framework's name, e.g. BANT."),
        _f("criteria", ListOf(Text(markdown=True), 1), "What is assessed."),
        _f("pass_rule", TEXT, "When the lead passes, e.g. 3 of 4 criteria met."),
    ),
    m.Qualification,
)
STAGE = _entry(
    Kind.STAGE,
    _f("name", TEXT, "Display name, e.g. Sales Accepted Lead."),
    _f("owner", ROLE, "The role that owns leads in this stage."),
    _f("definition", PROSE, "What being in this stage means."),
    _f("entry_criteria", ListOf(Text(markdown=True), 1), "All must hold to enter."),
    _f("exit_criteria", ListOf(Text(markdown=True), 1), "What moves a lead on or out."),
    _opt("term", Ref((Kind.TERM,)), "The glossary term naming this stage."),
    _opt("qualification", Record(QUALIFICATION), "The qualification framework applied."),
)
KPI_TARGET = RecordSpec(
    "target",
    (
        _f("value", Number(), "The target, in the KPI's unit."),
        _opt("period", Choice(m.PERIODS), "The period it applies to."),
    ),
    m.KpiTarget,
)
STAGE_REF = Ref((Kind.STAGE,))
KPI_REF = Ref((Kind.KPI,))
MEASURE = RecordSpec(
    "measure",
    (
        _f(
            "type", Choice(m.MEASURE_TYPES), "`count`, `conversion`, `ratio`, `duration`, `amount`."
        ),
        _opt("stage", STAGE_REF, "For `count` and `amount`: the stage entered or closed."),
        _opt("from_stage", STAGE_REF, "For `conversion`: the stage converted from."),
        _opt("to_stage", STAGE_REF, "For `conversion`: a later stage converted to."),
        _opt("window_days", Number(minimum=1), "For `conversion`: days allowed to convert."),
        _opt("numerator", KPI_REF, "For `ratio`: the KPI divided."),
        _opt("denominator", KPI_REF, "For `ratio`: the KPI divided by."),
        _opt("statistic", Choice(m.STATISTICS), "For `duration`: `median` or a percentile."),
        _opt("start", TEXT, "For `duration`: the event that starts the clock."),
        _opt("end", TEXT, "For `duration`: the event that stops it."),
        _opt("aggregate", Choice(m.AGGREGATES), "For `amount`: `sum` or `average`."),
        _opt(
            "funnel_share",
            KPI_REF,
            "For a `sum` amount: the percent KPI saying which share the funnel delivers.",
        ),
    ),
    m.Measure,
)
KPI = _entry(
    Kind.KPI,
    _f("name", TEXT, "Display name, e.g. Win rate."),
    _f("definition", PROSE, "What is counted, and what is not."),
    _f("formula", TEXT, "How it is computed, e.g. won ÷ (won + lost)."),
    _f("unit", Choice(m.KPI_UNITS), "The unit of the value."),
    _f("owner", ROLE, "The role accountable for the number."),
    _f("stage", Ref((Kind.STAGE,)), "The funnel stage it measures."),
    _f("target", Record(KPI_TARGET), "The goal: `value` and optional `period`."),
    _f("direction", Choice(m.DIRECTIONS), "`up` if higher is better, `down` if lower is."),
    _opt("inputs", ListOf(Ref((Kind.KPI,))), "KPIs this one is computed from or driven by."),
    _opt("benchmark", PROSE, "An outside reference value, with its source."),
    _opt("measure", Record(MEASURE), "What it measures, as data: type, stages or KPIs."),
)


def _sla_target(**values: Any) -> m.SlaTarget:
    at_most = "at_most" in values
    return m.SlaTarget(
        comparison="at_most" if at_most else "at_least",
        value=values["at_most" if at_most else "at_least"],
        unit=values["unit"],
        per=values.get("per"),
    )


SLA_TARGET = RecordSpec(
    "target",
    (
        _opt("at_most", Number(minimum=0), "The most allowed (e.g. hours to first touch)."),
        _opt("at_least", Number(minimum=0), "The least allowed (e.g. MQLs a month)."),
        _f("unit", Choice(m.SLA_UNITS), "The unit of the value."),
        _opt("per", Choice(m.PERIODS), "The period a count or rate applies to."),
    ),
    _sla_target,
    one_of=(("at_most", "at_least"),),
)
SIGNATURE = RecordSpec(
    "signature",
    (
        _f("by", ROLE, "The role that signed, or was consulted."),
        _f("on", Date(), "The day it did, e.g. 2026-11-04."),
    ),
    m.Signature,
)
"""A dated ``{by, on}`` record, shared by the kinds that record who agreed and when."""
ESCALATION = RecordSpec(
    "escalation step",
    (
        _f("after", Number(minimum=0), "How long after the breach this step starts."),
        _f("unit", Choice(m.DURATION_UNITS), "The unit of `after`."),
        _f("to", ROLE, "The role that is alerted."),
        _f("action", TEXT, "What happens."),
    ),
    m.Escalation,
)
SLA = _entry(
    Kind.SLA,
    _f("title", TEXT, "Display name, e.g. MQL follow-up."),
    _f("provider", PARTY, "The team or role that makes the promise."),
    _f("consumer", PARTY, "The team or role it is made to."),
    _f("commitment", PROSE, "The promise in plain words."),
    _f("target", Record(SLA_TARGET), "`at_most` or `at_least`, `unit`, optional `per`."),
    _f("measured_by", Ref((Kind.KPI,)), "The KPI that measures it."),
    _f("reviewed_in", Ref((Kind.MEETING,)), "The meeting that reviews it."),
    _opt("escalation", ListOf(Record(ESCALATION)), "Steps when it is breached, in order."),
    _opt("trigger", Ref((Kind.TERM,)), "The event that starts the clock, as a term."),
    _opt("exceptions", LINES, "Cases the promise does not cover."),
)
SCHEDULE = RecordSpec(
    "schedule",
    (
        _f("first_date", Date(), "The day of the first meeting; the series starts there."),
        _f("hour", Number(minimum=0, maximum=23, integer=True), "Local start hour, 0 to 23."),
        _opt("minute", Number(minimum=0, maximum=59, integer=True), "Start minute (default 0)."),
        _f("time_zone", TEXT, "The IANA time zone of the local time, e.g. Europe/Berlin."),
        _opt("weekday", Choice(m.WEEKDAYS), "The day of the week it meets, e.g. `monday`."),
        _opt(
            "week",
            Number(minimum=-1, maximum=5, integer=True),
            "With `weekday`, for monthly and longer: which one of the month (1-5, -1 the last).",
        ),
        _opt(
            "day_of_month",
            Number(minimum=1, maximum=31, integer=True),
            "For monthly and longer, instead of `weekday`: the day of the month.",
        ),
    ),
    m.Schedule,
)
MEETING = _entry(
    Kind.MEETING,
    _f("name", TEXT, "Display name, e.g. Weekly SLA sync."),
    _f("frequency", Choice(m.FREQUENCIES), "How often it meets."),
    _f("duration_minutes", Number(minimum=5, maximum=480, integer=True), "Length."),
    _f("owner", ROLE, "The role that runs it."),
    _f("attendees", ListOf(ROLE, 1), "Roles that attend."),
    _f("purpose", PROSE, "Why it exists."),
    _f("outputs", ListOf(Text(markdown=True), 1), "What it produces."),
    _opt("inputs", ListOf(Ref((Kind.KPI, Kind.SLA))), "KPIs and SLAs it reviews."),
    _opt("agenda", LINES, "Standing agenda items."),
    _opt("when", TEXT, "When in the week, month or quarter, e.g. Mondays 09:30."),
    _opt("schedule", Record(SCHEDULE), "When it recurs, for the calendar (`cadence.ics`)."),
)

FILES: tuple[FileSpec, ...] = (
    FileSpec(
        "roles.yml",
        (
            SectionSpec(Kind.TEAM, TEAM, "The teams."),
            SectionSpec(Kind.ROLE, ROLE_SPEC, "The roles of the charter."),
            SectionSpec(Kind.RACI, RACI, "The RACI matrix, one activity per entry."),
        ),
        "The role charter: teams, roles and the RACI matrix.",
    ),
    FileSpec(
        "glossary.yml",
        (SectionSpec(Kind.TERM, TERM, "The terms."),),
        "The shared vocabulary.",
    ),
    FileSpec(
        "funnel.yml",
        (SectionSpec(Kind.STAGE, STAGE, "The stages, in funnel order."),),
        "The funnel stages with their qualification criteria.",
    ),
    FileSpec(
        "kpis.yml",
        (SectionSpec(Kind.KPI, KPI, "The KPIs."),),
        "The KPI definitions.",
    ),
    FileSpec(
        "slas.yml",
        (SectionSpec(Kind.SLA, SLA, "The SLAs."),),
        "The service level agreements between the teams.",
    ),
    FileSpec(
        "cadence.yml",
        (SectionSpec(Kind.MEETING, MEETING, "The meetings."),),
        "The meeting cadence.",
    ),
)

SECTIONS: Mapping[Kind, SectionSpec] = {s.kind: s for f in FILES for s in f.sections}
FILE_OF: Mapping[Kind, str] = {s.kind: f.name for f in FILES for s in f.sections}
DATA_DIR = "playbook_data"
VERSION = 1
