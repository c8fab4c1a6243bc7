"""The rules of KPIs' typed measures: the fields each type needs, order and units."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..model.codes import Code
from ..model.entries import Kpi, Measure, Playbook
from ..model.problems import Problem

NEEDS: Mapping[str, tuple[str, ...]] = {
    "count": ("stage",),
    "conversion": ("from_stage", "to_stage"),
    "ratio": ("numerator", "denominator"),
    "duration": ("statistic", "start", "end"),
    "amount": ("stage", "aggregate"),
}
"""The fields each type of measure needs."""
ALLOWS: Mapping[str, tuple[str, ...]] = {
    "conversion": ("window_days",),
    "amount": ("funnel_share",),
}
"""The fields a type of measure may give besides those it needs."""
OPTIONAL = (
    "stage",
    "from_stage",
    "to_stage",
    "window_days",
    "numerator",
    "denominator",
    "statistic",
    "start",
    "end",
    "aggregate",
    "funnel_share",
)
UNITS: Mapping[str, tuple[str, ...]] = {
    "count": ("count",),
    "conversion": ("percent",),
    "ratio": ("ratio", "percent"),
    "duration": ("minutes", "hours", "business_hours", "days", "business_days", "months"),
    "amount": ("usd", "eur", "gbp"),
}
"""The units a KPI of each type of measure may have."""


def _given(measure: Measure, field: str) -> bool:
    value = getattr(measure, field)
    return value is not None and value != ""


def _fields(kpi: Kpi, measure: Measure) -> Iterator[Problem]:
    needs = NEEDS[measure.type]
    missing = [f for f in needs if not _given(measure, f)]
    extra = [
        f
        for f in OPTIONAL
        if _given(measure, f) and f not in needs and f not in ALLOWS.get(measure.type, ())
    ]
    label = f"KPI '{kpi.id}' measure of type '{measure.type}'"
    if missing:
        yield Problem(
            kpi.at("measure"),
            "error",
            f"{label} lacks {', '.join(repr(f) for f in missing)}",
            f"a {measure.type} measure needs {', '.join(needs)}",
            Code.MEASURE_FIELDS,
        )
    if extra:
        yield Problem(
            kpi.at("measure"),
            "error",
            f"{label} does not use {', '.join(repr(f) for f in extra)}",
            "remove it, or change the type",
            Code.MEASURE_FIELDS,
        )


def _order(kpi: Kpi, measure: Measure, stages: Mapping[str, int]) -> Iterator[Problem]:
    if measure.type == "conversion":
        start, end = stages.get(measure.from_stage), stages.get(measure.to_stage)
        if start is not None and end is not None and start >= end:
            yield Problem(
                kpi.at("measure"),
                "error",
                f"KPI '{kpi.id}' converts from stage '{measure.from_stage}' to "
                f"'{measure.to_stage}', which does not come after it in the funnel",
                "a conversion runs from a stage to a later one, in the order of funnel.yml",
                Code.MEASURE_ORDER,
            )
    if measure.type == "ratio" and kpi.id in (measure.numerator, measure.denominator):
        yield Problem(
            kpi.at("measure"),
            "error",
            f"KPI '{kpi.id}' is a ratio of itself",
            "divide two other KPIs",
            Code.MEASURE_ORDER,
        )


def measures(playbook: Playbook) -> Iterator[Problem]:
    """Yield the problems of every KPI's measure, in the order of the KPIs."""
    stages = {stage.id: n for n, stage in enumerate(playbook.stages)}
    for kpi in playbook.kpis:
        measure = kpi.measure
        if measure is None:
            continue
        yield from _fields(kpi, measure)
        yield from _order(kpi, measure, stages)
        if kpi.unit not in UNITS[measure.type]:
            yield Problem(
                kpi.at("unit"),
                "error",
                f"KPI '{kpi.id}' has unit '{kpi.unit}', which does not fit a "
                f"{measure.type} measure",
                f"use {' or '.join(UNITS[measure.type])}",
                Code.MEASURE_UNIT,
            )
