"""The funnel page: a diagram of the stages, then each stage with its criteria and KPIs."""

from __future__ import annotations

import html

from ..check.funnel import model, monthly
from ..model import formatting
from ..model.entries import Qualification, Stage
from ..model.index import Index
from ..model.kinds import Kind
from .common import (
    Site,
    entry_section,
    link,
    sources,
    used_by,
)
from .text import block, inline, plain


def diagram(index: Index) -> str:
    """Draw the funnel from the data: one band per stage, narrowing in funnel order."""
    stages = index.playbook.stages
    if not stages:
        return ""
    bands = []
    for number, stage in enumerate(stages):
        width = 100 - round(number * 55 / max(len(stages) - 1, 1))
        name = html.escape(plain(stage.name))
        bands.append(
            f'<a class="pb-funnel__stage" href="#{stage.id}" style="width: {width}%">'
            f"{number + 1}. {name}</a>"
        )
    label = "Funnel stages in order: " + ", ".join(html.escape(plain(s.name)) for s in stages)
    return f'<nav class="pb-funnel" aria-label="{label}">\n' + "\n".join(bands) + "\n</nav>"


def modelled(index: Index, site: Site) -> str:
    """Tabulate the modelled funnel: each stage's volume a month and the rate leading in.

    Volumes are those the count and conversion targets imply (see the README's funnel
    model); a stage no chain reaches shows a dash.
    """
    steps = [s for s in model(index.playbook) if s.monthly is not None or s.rate is not None]
    if not steps:
        return ""
    names = {stage.id: stage for stage in index.playbook.stages}
    rows = ["| Stage | Target volume a month | Target rate into it | Volume |", "|---|---|---|---|"]
    for step in steps:
        volume = step.monthly if step.stated is None else monthly(step.stated)
        shown = "–" if volume is None else formatting.number(round(volume, 1))
        rate = (
            f"{formatting.quantity(step.rate.target.value, step.rate.unit)} "
            f"({link(index, site, Kind.KPI, step.rate.id)})"
            if step.rate
            else "–"
        )
        if step.stated is not None:
            origin = "stated by " + link(index, site, Kind.KPI, step.stated.id)
        elif step.origin is not None:
            origin = "implied from " + link(index, site, Kind.KPI, step.origin.id)
        else:
            origin = "–"
        stage = f"[{inline(names[step.stage].name)}](#{step.stage})"
        rows.append(f"| {stage} | {shown} | {rate} | {origin} |")
    intro = (
        "## The modelled funnel\n\nWhat the count and conversion targets imply for each "
        "stage, a month, with conversions applied as period rates (no cohort lag).\n\n"
    )
    return intro + "\n".join(rows)


def _qualification(qualification: Qualification | None, site: Site) -> str:
    if qualification is None:
        return ""
    criteria = "\n".join(f"- {inline(c, site.tips)}" for c in qualification.criteria)
    return (
        f"**Qualification: {inline(qualification.framework)}** "
        f"(passes with {inline(qualification.pass_rule, site.tips)})\n\n{criteria}"
    )


def _criteria(label: str, items: tuple[str, ...], site: Site) -> str:
    return f"**{label}**\n\n" + "\n".join(f"- {inline(item, site.tips)}" for item in items)


def stage_entry(number: int, stage: Stage, index: Index, site: Site) -> str:
    """Render one stage: definition, entry and exit criteria, qualification, KPIs."""
    lines = [
        f"**Glossary:** {link(index, site, Kind.TERM, stage.term)}" if stage.term else "",
        *used_by(index, site, Kind.STAGE, stage.id),
        sources(stage),
    ]
    return entry_section(
        index,
        site,
        Kind.STAGE,
        stage,
        owners=(stage.owner,),
        body=[
            block(stage.definition, site.tips),
            _criteria("Entry criteria (all must hold)", stage.entry_criteria, site),
            _criteria("Exit criteria", stage.exit_criteria, site),
            _qualification(stage.qualification, site),
        ],
        lines=lines,
        level=2,
        prefix=f"{number}. ",
    )


def funnel(index: Index, site: Site) -> str:
    """Render the funnel diagram and every stage, in funnel order."""
    entries = [
        stage_entry(number, stage, index, site)
        for number, stage in enumerate(index.playbook.stages, start=1)
    ]
    parts = [diagram(index), modelled(index, site), *entries]
    return "\n\n".join(p for p in parts if p) + "\n"
