"""The funnel model: what the count and conversion targets imply, stage by stage.

Counts convert between periods by calendar (a month is a third of a quarter). Conversion
targets apply as period rates: the volume entering a stage in a month times the rate is the
volume entering the next one in the same month (no cohort lag). A stated count, a conversion
over several stages, or the funnel's share of a summed amount (bookings) that differs from
what the chain implies by more than the tolerance is a warning naming both ends.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..model.codes import Code
from ..model.entries import Kpi, Measure, Playbook
from ..model.formatting import number, quantity
from ..model.problems import Problem

MONTHS: Mapping[str, float] = {
    "day": 12 / 365,
    "week": 12 / 52,
    "month": 1,
    "quarter": 3,
    "year": 12,
}
"""How many months a period is, by calendar."""
TOLERANCE = 0.10
"""The default `funnel_tolerance`: a tenth either way."""


@dataclass(frozen=True, slots=True)
class Step:
    """One stage of the modelled funnel.

    Attributes:
        stage: The stage's id.
        monthly: The volume entering it a month, as the chain implies (or as stated, at
            the top of a chain); None where no chain reaches it.
        origin: The count KPI the chain starts from.
        rate: The conversion KPI that leads into this stage, if any.
        stated: The count KPI that states this stage's volume, if any.
    """

    stage: str
    monthly: float | None
    origin: Kpi | None
    rate: Kpi | None
    stated: Kpi | None = None


def _measure(kpi: Kpi) -> Measure:
    """Return the measure of a KPI that :func:`_of_type` chose, which has one."""
    if kpi.measure is None:
        raise ValueError(f"KPI {kpi.id!r} has no measure")
    return kpi.measure


def monthly(kpi: Kpi) -> float:
    """Return a KPI's target a month, by calendar."""
    return kpi.target.value / _months(kpi)


def _months(kpi: Kpi) -> float:
    return MONTHS[kpi.target.period or "month"]


def _of_type(playbook: Playbook, kind: str) -> list[Kpi]:
    return [k for k in playbook.kpis if k.measure and k.measure.type == kind]


def _start(kpi: Kpi, order: Mapping[str, int]) -> int:
    return order[_measure(kpi).from_stage]


def _steps_into(playbook: Playbook) -> dict[str, Kpi]:
    """Map each stage to the conversion leading into it from the nearest earlier stage."""
    order = {s.id: n for n, s in enumerate(playbook.stages)}
    into: dict[str, Kpi] = {}
    for kpi in _of_type(playbook, "conversion"):
        measure = _measure(kpi)
        start, end = order[measure.from_stage], order[measure.to_stage]
        known = into.get(measure.to_stage)
        if start < end and (known is None or _start(known, order) < start):
            into[measure.to_stage] = kpi
    return into


def model(playbook: Playbook) -> tuple[Step, ...]:
    """Return the modelled funnel: each stage's volume a month, as its targets imply."""
    counts = {_measure(k).stage: k for k in _of_type(playbook, "count")}
    into = _steps_into(playbook)
    volumes: dict[str, tuple[float, Kpi]] = {}
    steps: list[Step] = []
    for stage in playbook.stages:
        rate = into.get(stage.id)
        implied: tuple[float, Kpi] | None = None
        if rate is not None and rate.measure and rate.measure.from_stage in volumes:
            volume, origin = volumes[rate.measure.from_stage]
            implied = (volume * rate.target.value / 100, origin)
        stated = counts.get(stage.id)
        if stated is not None:
            volumes[stage.id] = (stated.target.value / _months(stated), stated)
        elif implied is not None:
            volumes[stage.id] = implied
        shown = implied if implied is not None else volumes.get(stage.id)
        steps.append(
            Step(stage.id, shown[0] if shown else None, shown[1] if shown else None, rate, stated)
        )
    return tuple(steps)


def _off(stated: float, implied: float, tolerance: float) -> bool:
    return abs(stated - implied) > tolerance * abs(implied)


def _warning(kpi: Kpi, message: str, tolerance: float) -> Problem:
    return Problem(
        kpi.at("target"),
        "warning",
        message,
        f"make the targets agree, or widen funnel_tolerance ({number(tolerance * 100)}% now)",
        Code.FUNNEL_MISMATCH,
    )


def _in_period(value: float, kpi: Kpi) -> str:
    return f"{quantity(value, kpi.unit)} a {kpi.target.period or 'month'}"


def _counts(playbook: Playbook, steps: tuple[Step, ...], tolerance: float) -> Iterator[Problem]:
    for kpi in _of_type(playbook, "count"):
        measure = _measure(kpi)
        step = next(s for s in steps if s.stage == measure.stage)
        if step.monthly is None or step.origin is None or step.origin is kpi:
            continue
        implied = step.monthly * _months(kpi)
        if _off(kpi.target.value, implied, tolerance):
            yield _warning(
                kpi,
                f"KPI '{kpi.id}' target {_in_period(kpi.target.value, kpi)} contradicts the "
                f"funnel: '{step.origin.id}' at {_in_period(step.origin.target.value, step.origin)}"
                f" implies {_in_period(round(implied, 2), kpi)}",
                tolerance,
            )


def _spans(playbook: Playbook, tolerance: float) -> Iterator[Problem]:
    """Check each conversion over several stages against the product of the steps."""
    into = _steps_into(playbook)
    for kpi in _of_type(playbook, "conversion"):
        measure = _measure(kpi)
        stage, rate, path = measure.to_stage, 1.0, []
        while stage != measure.from_stage and stage in into and into[stage] is not kpi:
            step = into[stage]
            rate *= step.target.value / 100
            path.append(step.id)
            stage = _measure(step).from_stage
        if stage != measure.from_stage or len(path) < 2:
            continue
        implied = rate * 100
        if _off(kpi.target.value, implied, tolerance):
            chain = " × ".join(f"'{p}'" for p in reversed(path))
            yield _warning(
                kpi,
                f"KPI '{kpi.id}' target {quantity(kpi.target.value, kpi.unit)} contradicts the "
                f"funnel: {chain} implies {quantity(round(implied, 2), kpi.unit)}",
                tolerance,
            )


def _amounts(playbook: Playbook, steps: tuple[Step, ...], tolerance: float) -> Iterator[Problem]:
    """Check each summed amount's funnel share against volume × average amount."""
    kpis = {k.id: k for k in playbook.kpis}
    averages = {
        k.measure.stage: k
        for k in _of_type(playbook, "amount")
        if k.measure and k.measure.aggregate == "average"
    }
    for kpi in _of_type(playbook, "amount"):
        measure = _measure(kpi)
        share = kpis.get(measure.funnel_share)
        average = averages.get(measure.stage)
        step = next(s for s in steps if s.stage == measure.stage)
        if share is None or average is None or step.monthly is None or step.origin is None:
            continue
        implied = step.monthly * average.target.value * _months(kpi)
        stated = kpi.target.value * share.target.value / 100
        if _off(stated, implied, tolerance):
            yield _warning(
                kpi,
                f"KPI '{kpi.id}' target {_in_period(kpi.target.value, kpi)} × '{share.id}' "
                f"{quantity(share.target.value, share.unit)} is {_in_period(stated, kpi)}, but "
                f"the funnel from '{step.origin.id}' at "
                f"{_in_period(step.origin.target.value, step.origin)} × '{average.id}' "
                f"{quantity(average.target.value, average.unit)} implies "
                f"{_in_period(round(implied, 2), kpi)}",
                tolerance,
            )


def funnel_problems(playbook: Playbook, tolerance: float = TOLERANCE) -> Iterator[Problem]:
    """Yield a warning for each target that contradicts the modelled funnel."""
    steps = model(playbook)
    yield from _counts(playbook, steps, tolerance)
    yield from _spans(playbook, tolerance)
    yield from _amounts(playbook, steps, tolerance)
