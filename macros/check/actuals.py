"""The rules of actuals: a known KPI, a number that fits its unit, a period of its kind.

A period is written as the KPI's target period is counted: ``2026`` (year), ``2026-Q4``
(quarter), ``2026-11`` (month, also for a KPI without a period), ``2026-W45`` (ISO week)
or ``2026-11-30`` (day). A period that starts after the commit the playbook is read at is in
the future; two rows of one KPI and period are an error naming both lines.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from ..model.codes import Code
from ..model.entries import Actual, Kpi, Playbook
from ..model.hints import Vocabulary
from ..model.problems import Problem
from ..read.numbers import NotANumber, parse_number

FORMS: Mapping[str, tuple[re.Pattern[str], str]] = {
    "year": (re.compile(r"([0-9]{4})"), "2026"),
    "quarter": (re.compile(r"([0-9]{4})-Q([1-4])"), "2026-Q4"),
    "month": (re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])"), "2026-11"),
    "week": (re.compile(r"([0-9]{4})-W(0[1-9]|[1-4][0-9]|5[0-3])"), "2026-W45"),
    "day": (re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})"), "2026-11-30"),
}
"""How a period of each kind is written, with an example."""


def period_of(kpi: Kpi) -> str:
    """Return the kind of period a KPI's actuals are given for (month when unstated)."""
    return kpi.target.period or "month"


def period_start(period: str, kind: str) -> dt.date | None:
    """Return the first day of a period written as ``kind`` is, or None if it is not one."""
    match = FORMS[kind][0].fullmatch(period)
    if match is None:
        return None
    parts = [int(p) for p in match.groups()]
    try:
        if kind == "week":
            return dt.date.fromisocalendar(parts[0], parts[1], 1)
        if kind == "quarter":
            return dt.date(parts[0], parts[1] * 3 - 2, 1)
        return dt.date(parts[0], *[*parts[1:], 1, 1][:2])
    except ValueError:
        return None


def _error(actual: Actual, field: int, message: str, hint: str, code: Code) -> Problem:
    return Problem(actual.where[field], "error", message, hint, code)


def _value(actual: Actual, kpi: Kpi) -> float | Problem:
    number = parse_number(actual.value.replace(",", "_") if actual.value else "")
    label = f"actual of KPI '{kpi.id}' for {actual.period}"
    shown = actual.value if len(actual.value) <= 40 else actual.value[:40] + "…"
    if isinstance(number, NotANumber):
        hint = "write a plain number, e.g. 412 or 48.5, without a unit or a formula"
        return _error(actual, 2, f"{label} is not a number: '{shown}'", hint, Code.ACTUALS_VALUE)
    if number < 0:
        hint = f"a KPI in {kpi.unit} is never negative"
        return _error(actual, 2, f"{label} is negative: {shown}", hint, Code.ACTUALS_VALUE)
    if kpi.unit == "percent" and number > 100:
        hint = "a percent KPI is a share, 0 to 100; write 48.5 for 48.5%"
        return _error(actual, 2, f"{label} is {shown}%, over 100%", hint, Code.ACTUALS_VALUE)
    if kpi.unit == "count" and number != int(number):
        hint = "a count is a whole number"
        return _error(actual, 2, f"{label} is {shown}, not a whole count", hint, Code.ACTUALS_VALUE)
    return float(number)


def _period(actual: Actual, kpi: Kpi, as_of: dt.date | None) -> Problem | None:
    kind = period_of(kpi)
    start = period_start(actual.period, kind)
    if start is None:
        shown = actual.period[:40]
        return _error(
            actual,
            0,
            f"period '{shown}' of KPI '{kpi.id}' is not a {kind}",
            f"KPI '{kpi.id}' is counted per {kind}: write a period such as {FORMS[kind][1]}",
            Code.ACTUALS_PERIOD,
        )
    if as_of is not None and start > as_of:
        return _error(
            actual,
            0,
            f"period {actual.period} of KPI '{kpi.id}' starts after the commit ({as_of})",
            "actuals are figures of periods that have begun; remove the row",
            Code.ACTUALS_FUTURE,
        )
    return None


def check_actuals(
    playbook: Playbook, as_of: dt.date | None = None
) -> tuple[tuple[Actual, ...], tuple[Problem, ...]]:
    """Check every actual; return those accepted, with their numbers, and the problems.

    Args:
        playbook: The playbook, with the rows of its actuals files.
        as_of: The day of the commit the playbook is read at; None skips the future check.
    """
    kpis = {kpi.id: kpi for kpi in playbook.kpis}
    vocabulary = Vocabulary(kpis)
    seen: dict[tuple[str, str], Actual] = {}
    accepted: list[Actual] = []
    problems: list[Problem] = []
    for actual in playbook.actuals:
        kpi = kpis.get(actual.kpi)
        if kpi is None:
            hint = vocabulary.hint(actual.kpi, "KPI ids", None)
            message = f"actual for {actual.period[:40]} names '{actual.kpi}', which is not a KPI"
            problems.append(_error(actual, 1, message, hint, Code.UNKNOWN_REFERENCE))
            continue
        value = _value(actual, kpi)
        if isinstance(value, Problem):
            problems.append(value)
            continue
        wrong = _period(actual, kpi, as_of)
        if wrong is not None:
            problems.append(wrong)
            continue
        first = seen.setdefault((kpi.id, actual.period), actual)
        if first is not actual:
            message = (
                f"KPI '{kpi.id}' has a second actual for {actual.period}; the first is at "
                f"line {first.where[0].line}"
                + (
                    ""
                    if first.where[0].path == actual.where[0].path
                    else f" of {first.where[0].path}"
                )
            )
            hint = "keep one row per KPI and period: remove or correct one of them"
            problems.append(_error(actual, 0, message, hint, Code.ACTUALS_DUPLICATE))
            continue
        accepted.append(
            Actual(
                period=actual.period,
                kpi=actual.kpi,
                value=actual.value,
                where=actual.where,
                number=value,
            )
        )
    return tuple(accepted), tuple(problems)
