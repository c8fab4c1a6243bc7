"""The KPI page: a scorecard table, then every KPI by funnel stage with its formula."""

from __future__ import annotations

from ..model.anchors import STAGE
from ..model.entries import Kpi
from ..model.formatting import kpi_target, quantity
from ..model.index import Index
from ..model.kinds import Kind
from .actuals import is_sample, latest, series, status, trend_svg
from .common import (
    Site,
    entry_section,
    link,
    links,
    sources,
)
from .common import used_by as used_by_lines
from .text import block, inline

SAMPLE = (
    '!!! note "Sample data"\n    The actuals shown here are sample data (files named '
    "`sample*.csv` in `playbook_data/actuals/`), not figures from the CRM."
)


def _latest_cells(kpi: Kpi, index: Index) -> str:
    rows = series(index.playbook).get(kpi.id)
    if not rows:
        return " – | – |"
    last = rows[-1]
    value = last.number if last.number is not None else 0.0
    return f" {quantity(value, kpi.unit)} ({last.period}) | {status(kpi, value)} |"


def scorecard(index: Index, site: Site) -> str:
    """Render one table of every KPI: stage, owner, target and, with actuals, the latest."""
    order = {stage.id: number for number, stage in enumerate(index.playbook.stages)}
    by_stage = sorted(index.playbook.kpis, key=lambda k: order.get(k.stage, len(order)))
    measured = bool(index.playbook.actuals)
    head = "| KPI | Stage | Owner | Target |" + (" Latest | Status |" if measured else "")
    lines = [head, "|---|---|---|---|" + ("---|---|" if measured else "")]
    lines.extend(
        f"| {link(index, site, Kind.KPI, kpi.id)} | {link(index, site, Kind.STAGE, kpi.stage)} "
        f"| {link(index, site, Kind.ROLE, kpi.owner)} | {kpi_target(kpi)} |"
        + (_latest_cells(kpi, index) if measured else "")
        for kpi in by_stage
    )
    table = "\n".join(lines)
    return SAMPLE + "\n\n" + table if is_sample(index.playbook) else table


def _actuals(kpi: Kpi, index: Index) -> tuple[str, str]:
    """Return the KPI's latest-actual line and its trend chart, or two empty strings."""
    rows = series(index.playbook).get(kpi.id)
    if not rows:
        return "", ""
    return f"**Latest actual:** {latest(kpi, rows)}", trend_svg(kpi, rows)


def kpi_entry(kpi: Kpi, index: Index, site: Site) -> str:
    """Render one KPI: definition, formula, target, inputs and who uses it."""
    direction = "higher is better" if kpi.direction == "up" else "lower is better"
    actual, chart = _actuals(kpi, index)
    lines = [
        f"**Formula:** `{kpi.formula.replace('`', '')}`",
        f"**Target:** {kpi_target(kpi)} ({direction})",
        actual,
        f"**Stage:** {link(index, site, Kind.STAGE, kpi.stage)}",
        f"**Computed from:** {links(index, site, Kind.KPI, kpi.inputs)}" if kpi.inputs else "",
        *used_by_lines(index, site, Kind.KPI, kpi.id),
        f"**Benchmark:** {inline(kpi.benchmark, site.tips)}" if kpi.benchmark else "",
        sources(kpi),
    ]
    return entry_section(
        index,
        site,
        Kind.KPI,
        kpi,
        owners=(kpi.owner,),
        body=[
            block(kpi.definition, site.tips),
            chart,
        ],
        lines=lines,
    )


def kpis(index: Index, site: Site) -> str:
    """Render the scorecard, then the KPIs grouped by funnel stage."""
    out = [scorecard(index, site)]
    for stage in index.playbook.stages:
        measured = [k for k in index.playbook.kpis if k.stage == stage.id]
        if measured:
            out.append(f"## {inline(stage.name)} {{: #{STAGE(stage.id)} }}")
            out.extend(kpi_entry(kpi, index, site) for kpi in measured)
    return "\n\n".join(out) + "\n"
