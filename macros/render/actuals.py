"""Actuals against targets: each KPI's series, its status and its trend chart (inline SVG).

The chart is drawn here, as a small SVG with one point per period and a dashed target
line: no chart library, nothing from another host, no script. Its ``<title>`` (the
accessible name of an SVG image) states every number, for screen readers and for anyone
without the image.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Literal

from ..check.actuals import check_actuals, period_of, period_start
from ..model.entries import Actual, Kpi, Playbook, Sla
from ..model.formatting import quantity

Status = Literal["met", "missed"]
LAST = 12
"""How many periods a trend chart shows."""
WIDTH, HEIGHT, PAD = 240, 64, 6
_CACHE: dict[int, tuple[Playbook, Mapping[str, tuple[Actual, ...]]]] = {}


def series(playbook: Playbook) -> Mapping[str, tuple[Actual, ...]]:
    """Return each KPI's accepted actuals, oldest period first (computed once a playbook)."""
    cached = _CACHE.get(id(playbook))
    if cached is not None and cached[0] is playbook:
        return cached[1]
    kpis = {kpi.id: kpi for kpi in playbook.kpis}
    grouped: dict[str, list[Actual]] = {}
    for actual in check_actuals(playbook)[0]:
        grouped.setdefault(actual.kpi, []).append(actual)
    found = {
        kpi: tuple(sorted(rows, key=lambda a: str(period_start(a.period, period_of(kpis[kpi])))))
        for kpi, rows in grouped.items()
    }
    if len(_CACHE) > 4:
        _CACHE.clear()
    _CACHE[id(playbook)] = (playbook, found)
    return found


def is_sample(playbook: Playbook) -> bool:
    """Tell whether the actuals come from sample files (``sample*.csv``)."""
    return any(a.where[0].path.rsplit("/", 1)[-1].startswith("sample") for a in playbook.actuals)


def status(kpi: Kpi, value: float) -> Status:
    """Return whether a value meets the KPI's target, by its direction."""
    met = value >= kpi.target.value if kpi.direction == "up" else value <= kpi.target.value
    return "met" if met else "missed"


def gap(kpi: Kpi, value: float) -> str:
    """Say by how much a value misses its target, e.g. ``USD 120,000 short``."""
    short = kpi.target.value - value if kpi.direction == "up" else value - kpi.target.value
    word = "short" if kpi.direction == "up" else "over"
    return f"{quantity(round(abs(short), 2), kpi.unit)} {word}"


def _number(actual: Actual) -> float:
    return actual.number if actual.number is not None else 0.0


def alternative(kpi: Kpi, rows: tuple[Actual, ...]) -> str:
    """State the chart's numbers in words: each period, the target and the latest status."""
    shown = rows[-LAST:]
    points = "; ".join(f"{a.period}: {quantity(_number(a), kpi.unit)}" for a in shown)
    latest = shown[-1]
    better = "higher" if kpi.direction == "up" else "lower"
    return (
        f"{kpi.name}, last {len(shown)} periods: {points}. Target "
        f"{quantity(kpi.target.value, kpi.unit)} ({better} is better). Latest "
        f"{latest.period}: {status(kpi, _number(latest))}."
    )


def trend_svg(kpi: Kpi, rows: tuple[Actual, ...]) -> str:
    """Draw the last 12 periods as an SVG line with one point each, and the target line.

    A met period is a filled point, a missed one a hollow ring; the title states them all.
    """
    shown = rows[-LAST:]
    values = [_number(a) for a in shown]
    low = min([*values, kpi.target.value])
    high = max([*values, kpi.target.value])
    span = (high - low) or 1.0

    def y(value: float) -> float:
        return round(HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD), 1)

    step = (WIDTH - 2 * PAD) / max(len(shown) - 1, 1)
    xs = [round(PAD + n * step, 1) if len(shown) > 1 else WIDTH / 2 for n in range(len(shown))]
    text = html.escape(alternative(kpi, rows), quote=True)
    line = " ".join(f"{x:g},{y(v):g}" for x, v in zip(xs, values, strict=True))
    target = y(kpi.target.value)
    circles = "".join(
        f'<circle cx="{x:g}" cy="{y(v):g}" r="2"'
        + ("" if status(kpi, v) == "met" else ' fill="none" stroke="currentColor"')
        + "/>"
        for x, v in zip(xs, values, strict=True)
    )
    return (
        f'<svg class="pb-trend" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">'
        f"<title>{text}</title>"
        f'<line x1="0" y1="{target:g}" x2="{WIDTH}" y2="{target:g}" stroke="currentColor" '
        f'stroke-opacity="0.5" stroke-dasharray="4 3"/>'
        f'<polyline points="{line}" fill="none" stroke="currentColor" stroke-width="1.5"/>'
        f'<g fill="currentColor">{circles}</g></svg>'
    )


def latest(kpi: Kpi, rows: tuple[Actual, ...]) -> str:
    """Say the latest actual against the target, e.g. ``412 for 2026-11: met``."""
    last = rows[-1]
    value = _number(last)
    said = status(kpi, value)
    how = "" if said == "met" else f" ({gap(kpi, value)})"
    return f"{quantity(value, kpi.unit)} for {last.period}: **{said}**{how}"


def sla_met(sla: Sla, value: float) -> bool:
    """Tell whether one period's value of the measuring KPI keeps the SLA's promise."""
    if sla.target.comparison == "at_most":
        return value <= sla.target.value
    return value >= sla.target.value


def attainment(sla: Sla, playbook: Playbook) -> str:
    """Say the SLA's attainment per period, from the actuals of the KPI that measures it.

    Returns:
        ``Kept in 10 of 12 periods; breached in 2025-W44 (1.6 business hours), …``, or "".
    """
    rows = series(playbook).get(sla.measured_by, ())[-LAST:]
    if not rows:
        return ""
    breached = [a for a in rows if not sla_met(sla, _number(a))]
    kept = len(rows) - len(breached)
    said = f"kept in {kept} of {len(rows)} periods ({rows[0].period} to {rows[-1].period})"
    if breached:
        said += "; **breached** in " + ", ".join(
            f"{a.period} ({quantity(_number(a), sla.target.unit)})" for a in breached
        )
    return said[0].upper() + said[1:]


def sla_latest(sla: Sla, playbook: Playbook) -> str:
    """Say the latest period's value for an SLA and whether it was kept, or ""."""
    rows = series(playbook).get(sla.measured_by, ())
    if not rows:
        return ""
    last = rows[-1]
    kept = "kept" if sla_met(sla, _number(last)) else "**breached**"
    return f"{quantity(_number(last), sla.target.unit)} for {last.period}: {kept}"
