"""The SLA page: both sides of every promise, its target, measure and escalation."""

from __future__ import annotations

from ..model.anchors import FIXED, FROM, Names
from ..model.entries import Sla
from ..model.formatting import escalation_step, sla_target
from ..model.hints import slugify
from ..model.index import Index
from ..model.kinds import Kind
from .actuals import attainment
from .common import (
    Site,
    entry_section,
    link,
    links,
    party_link,
    referrers,
    sources,
    title,
    used_by,
)
from .text import block, inline


def _team_of(index: Index, party: str) -> str:
    """Return the name of the team a party is or belongs to, or its id when it has none."""
    team_id = index.team_of(party)
    team = index.get(Kind.TEAM, team_id) if team_id is not None else None
    return title(team) if team is not None else team_id or party


def overview(index: Index, site: Site) -> str:
    """Render one table of every SLA: who promises whom, what, measured how."""
    lines = ["| SLA | From → to | Target | Measured by |", "|---|---|---|---|"]
    for sla in index.playbook.slas:
        parties = (
            f"{party_link(index, site, sla.provider)} → {party_link(index, site, sla.consumer)}"
        )
        lines.append(
            f"| {link(index, site, Kind.SLA, sla.id)} | {parties} | {sla_target(sla.target)} "
            f"| {link(index, site, Kind.KPI, sla.measured_by)} |"
        )
    return "\n".join(lines)


def _escalation(index: Index, site: Site, sla: Sla) -> str:
    if not sla.escalation:
        return ""
    steps = "\n".join(
        f"{number}. {escalation_step(step).capitalize()}: {link(index, site, Kind.ROLE, step.to)}"
        f" — {inline(step.action, site.tips)}"
        for number, step in enumerate(sla.escalation, start=1)
    )
    return f"**Escalation when the target is missed**\n\n{steps}"


def _meetings(index: Index, sla: Sla) -> list[str]:
    """Return the meetings that review an SLA: its own ``reviewed_in``, then any other."""
    others = referrers(index, Kind.SLA, sla.id, Kind.MEETING, "inputs")
    return list(dict.fromkeys([sla.reviewed_in, *others]))


def _attainment(sla: Sla, index: Index) -> str:
    said = attainment(sla, index.playbook)
    return f"**Attainment:** {said}" if said else ""


def sla_entry(sla: Sla, index: Index, site: Site) -> str:
    """Render one SLA: the two parties, the commitment, target, measure, escalation."""
    sides = (
        f"**Who promises:** {party_link(index, site, sla.provider)} · "
        f"**To whom:** {party_link(index, site, sla.consumer)}"
    )
    lines = [
        f"**Target:** {sla_target(sla.target)}",
        f"**Clock starts at:** {link(index, site, Kind.TERM, sla.trigger)}" if sla.trigger else "",
        f"**Measured by:** {link(index, site, Kind.KPI, sla.measured_by)}",
        _attainment(sla, index),
        f"**Reviewed in:** {links(index, site, Kind.MEETING, _meetings(index, sla))}",
        *used_by(index, site, Kind.SLA, sla.id, skip=frozenset({(Kind.MEETING, "inputs")})),
        sources(sla),
    ]
    exceptions = "\n".join(f"- {inline(e, site.tips)}" for e in sla.exceptions)
    return entry_section(
        index,
        site,
        Kind.SLA,
        sla,
        owners=(sla.provider, sla.consumer),
        body=[
            sides,
            block(sla.commitment, site.tips),
        ],
        lines=lines,
        after=[
            _escalation(index, site, sla),
            f"**Not covered**\n\n{exceptions}" if exceptions else "",
        ],
    )


def slas(index: Index, site: Site) -> str:
    """Render the overview, then the SLAs grouped by direction (team to team)."""
    out = [overview(index, site)]
    groups: dict[tuple[str, str], list[Sla]] = {}
    for sla in index.playbook.slas:
        key = (_team_of(index, sla.provider), _team_of(index, sla.consumer))
        groups.setdefault(key, []).append(sla)
    anchors = Names(FIXED)
    for (provider, consumer), items in groups.items():
        anchor = anchors.claim(FROM(slugify(f"{provider} to {consumer}")))
        out.append(f"## {inline(provider)} → {inline(consumer)} {{: #{anchor} }}")
        out.extend(sla_entry(sla, index, site) for sla in items)
    return "\n\n".join(out) + "\n"
