"""The KPI page: a scorecard table, then every KPI by funnel stage with its formula."""

from __future__ import annotations

from ..model.anchors import STAGE
from ..model.entries import Kpi
from ..model.formatting import kpi_target
from ..model.index import Index
from ..model.kinds import Kind
from .common import (
    Site,
    entry_section,
    link,
    links,
    sources,
)
from .common import used_by as used_by_lines
from .text import block, inline


def scorecard(index: Index, site: Site) -> str:
    """Render one table of every KPI: stage, owner and target."""
    order = {stage.id: number for number, stage in enumerate(index.playbook.stages)}
    by_stage = sorted(index.playbook.kpis, key=lambda k: order.get(k.stage, len(order)))
    lines = ["| KPI | Stage | Owner | Target |", "|---|---|---|---|"]
    lines.extend(
        f"| {link(index, site, Kind.KPI, kpi.id)} | {link(index, site, Kind.STAGE, kpi.stage)} "
        f"| {link(index, site, Kind.ROLE, kpi.owner)} | {kpi_target(kpi)} |"
        for kpi in by_stage
    )
    return "\n".join(lines)


def kpi_entry(kpi: Kpi, index: Index, site: Site) -> str:
    """Render one KPI: definition, formula, target, inputs and who uses it."""
    direction = "higher is better" if kpi.direction == "up" else "lower is better"
    lines = [
        f"**Formula:** `{kpi.formula.replace('`', '')}`",
        f"**Target:** {kpi_target(kpi)} ({direction})",
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
