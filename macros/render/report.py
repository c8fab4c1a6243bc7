"""The scorecard of one month, for ``playbook report``: met, missed and by how much, by owner.

A KPI counted per quarter or year is shown for the period holding the month, one counted
per week or day for its last period starting in the month. Text is for the terminal (data
shown with escapes), Markdown for the pull-request comment (data in comment-safe spans),
JSON for programs (its shape is pinned by a JSON Schema in the tests).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from ..change.gfm import text as gfm
from ..check.actuals import period_of, period_start
from ..model.entries import Actual, Kpi, Playbook
from ..model.formatting import kpi_target, quantity
from ..model.printable import json_document, printable
from .actuals import gap, series, status

_HEAD = "| KPI | Status | Actual against target |"
ReportFormat = Literal["text", "markdown", "json"]
REPORT_FORMATS: tuple[ReportFormat, ...] = ("text", "markdown", "json")


@dataclass(frozen=True, slots=True)
class Line:
    """One KPI in the report: its actual for the period, the status and the gap."""

    kpi: Kpi
    actual: Actual | None


def _month(period: str) -> tuple[dt.date, dt.date]:
    start = period_start(period, "month")
    if start is None:
        raise ValueError(f"{period!r} is not a month such as 2026-11")
    end = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start, end


def _holds(kpi: Kpi, actual: Actual, start: dt.date, end: dt.date) -> bool:
    begins = period_start(actual.period, period_of(kpi))
    if begins is None:
        return False
    if period_of(kpi) in ("quarter", "year"):
        months = 3 if period_of(kpi) == "quarter" else 12
        last = dt.date(
            begins.year + (begins.month + months - 1) // 12, (begins.month + months - 1) % 12 + 1, 1
        )
        return begins <= start < last
    return start <= begins < end


def latest_month(playbook: Playbook) -> str:
    """Return the latest month any monthly actual is for, or "" when there is none."""
    months = [a.period for a in playbook.actuals if period_start(a.period, "month") is not None]
    return max(months, default="")


def lines(playbook: Playbook, period: str) -> list[Line]:
    """Return each KPI's line for a month (``2026-11``), KPIs in file order."""
    start, end = _month(period)
    found = series(playbook)
    out = []
    for kpi in playbook.kpis:
        rows = [a for a in found.get(kpi.id, ()) if _holds(kpi, a, start, end)]
        out.append(Line(kpi, rows[-1] if rows else None))
    return out


def _record(line: Line) -> dict[str, Any]:
    value = line.actual.number if line.actual is not None else None
    return {
        "kpi": line.kpi.id,
        "name": line.kpi.name,
        "period": line.actual.period if line.actual is not None else None,
        "value": value,
        "unit": line.kpi.unit,
        "target": line.kpi.target.value,
        "direction": line.kpi.direction,
        "status": "no actual" if value is None else status(line.kpi, value),
        "gap": None if value is None or status(line.kpi, value) == "met" else gap(line.kpi, value),
    }


def _grouped(playbook: Playbook, period: str) -> list[tuple[str, str, list[dict[str, Any]]]]:
    names = {role.id: role.name for role in playbook.roles}
    groups: dict[str, list[dict[str, Any]]] = {}
    for line in lines(playbook, period):
        groups.setdefault(line.kpi.owner, []).append(_record(line))
    order = {role.id: n for n, role in enumerate(playbook.roles)}
    return [
        (owner, names.get(owner, owner), records)
        for owner, records in sorted(groups.items(), key=lambda g: order.get(g[0], len(order)))
    ]


def _totals(groups: list[tuple[str, str, list[dict[str, Any]]]]) -> dict[str, int]:
    said = [r["status"] for _, _, records in groups for r in records]
    return {k: said.count(k) for k in ("met", "missed", "no actual")}


def _said(record: dict[str, Any], kpi: Kpi) -> str:
    if record["value"] is None:
        return f"no actual, target {kpi_target(kpi)}"
    how = f" ({record['gap']})" if record["gap"] else ""
    return (
        f"{quantity(record['value'], kpi.unit)} for {record['period']}, "
        f"target {kpi_target(kpi)}{how}"
    )


def report(playbook: Playbook, period: str, fmt: ReportFormat, sample: bool = False) -> str:
    """Return the scorecard of a month in a format.

    Args:
        playbook: The checked playbook, with its actuals.
        period: The month, e.g. ``2026-11``.
        fmt: ``text``, ``markdown`` or ``json``.
        sample: Whether the actuals are sample data, which the report says.

    Raises:
        ValueError: When the period is not a month.
    """
    groups = _grouped(playbook, period)
    totals = _totals(groups)
    kpis = {kpi.id: kpi for kpi in playbook.kpis}
    if fmt == "json":
        document = {
            "period": period,
            "sample": sample,
            "totals": totals,
            "owners": [{"owner": o, "name": n, "kpis": r} for o, n, r in groups],
        }
        return json_document(document)
    title = f"Scorecard for {period}" + (" (sample data)" if sample else "")
    summary = (
        f"{totals['met']} met, {totals['missed']} missed, {totals['no actual']} without an actual"
    )
    if fmt == "markdown":
        out = [f"## {title}", "", summary]
        for owner, name, records in groups:
            out += [
                "",
                f"### {gfm(name)} (`{owner}`)",
                "",
                "| KPI | Status | Actual against target |",
                "|---|---|---|",
            ]
            out += [
                f"| {gfm(kpis[r['kpi']].name)} | {r['status']} | {_said(r, kpis[r['kpi']])} |"
                for r in records
            ]
        return "\n".join(out) + "\n"
    out = [title, summary]
    for owner, name, records in groups:
        out += ["", f"{printable(name)} ({owner})"]
        out += [
            f"  {r['status']:<9}  {printable(kpis[r['kpi']].name)}: {_said(r, kpis[r['kpi']])}"
            for r in records
        ]
    return "\n".join(out) + "\n"
