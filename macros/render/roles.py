"""The role charter page: teams, roles and the RACI matrix drawn from the data."""

from __future__ import annotations

from ..model.entries import RaciActivity, Role, Team
from ..model.index import Index
from ..model.kinds import Kind
from .common import (
    Site,
    entry_section,
    link,
    links,
    sources,
    used_by,
)
from .text import block, code, inline, tip


def team_entry(team: Team, index: Index, site: Site) -> str:
    """Render one team: its description, its roles, and what refers to it."""
    roles = [role.id for role in index.playbook.roles if role.team == team.id]
    lines = [
        f"**GitHub team:** {code(team.github_team)}" if team.github_team else "",
        *used_by(index, site, Kind.TEAM, team.id, skip=frozenset({(Kind.ROLE, "team")})),
        f"**Roles:** {links(index, site, Kind.ROLE, roles)}" if roles else "",
        sources(team),
    ]
    return entry_section(
        index,
        site,
        Kind.TEAM,
        team,
        body=[
            block(team.description, site.tips) if team.description else "",
        ],
        lines=lines,
    )


def role_entry(role: Role, index: Index, site: Site) -> str:
    """Render one role: mission, responsibilities, and everything it owns or joins."""
    lines = [
        f"**Team:** {link(index, site, Kind.TEAM, role.team)}",
        f"**Reports to:** {link(index, site, Kind.ROLE, role.reports_to)}"
        if role.reports_to
        else "",
        *used_by(index, site, Kind.ROLE, role.id),
        sources(role),
    ]
    duties = "\n".join(f"- {inline(duty, site.tips)}" for duty in role.responsibilities)
    return entry_section(
        index,
        site,
        Kind.ROLE,
        role,
        owners=(role.reports_to or role.team,),
        body=[
            block(role.mission, site.tips),
            f"**Responsibilities**\n\n{duties}",
        ],
        lines=lines,
    )


def _short(role: Role) -> str:
    return role.short_name or "".join(word[0] for word in role.name.split()).upper()


def _letters(row: RaciActivity, role_id: str) -> str:
    held = []
    if role_id == row.accountable:
        held.append("**A**")
    if role_id in row.responsible:
        held.append("R")
    if role_id in row.consulted:
        held.append("C")
    if role_id in row.informed:
        held.append("I")
    return "/".join(held)


def raci_matrix(index: Index, site: Site) -> str:
    """Render the RACI matrix: one row per activity, one column per role taking part."""
    rows = index.playbook.raci
    taking_part = {
        role
        for row in rows
        for role in (*row.responsible, row.accountable, *row.consulted, *row.informed)
    }
    roles = [role for role in index.playbook.roles if role.id in taking_part]
    header = " | ".join(
        tip(f"[{inline(_short(role))}]({site.href(Kind.ROLE, role.id)})", role.name)
        for role in roles
    )
    lines = [f"| Activity | {header} |", "|:---|" + ":-:|" * len(roles)]
    for row in rows:
        cells = " | ".join(_letters(row, role.id) for role in roles)
        activity = f"[{inline(row.activity)}]({site.href(Kind.RACI, row.id)})"
        lines.append(f"| {activity} | {cells} |")
    legend = (
        "**R** responsible (does the work) · **A** accountable (exactly one per activity) · "
        "**C** consulted before · **I** informed after"
    )
    table = "\n".join(lines)
    return f'<div class="pb-raci" markdown>\n\n{table}\n\n</div>\n\n{legend}'


def raci_entry(row: RaciActivity, index: Index, site: Site) -> str:
    """Render one RACI activity with its four letters spelled out."""
    lines = [
        f"**Accountable (A):** {link(index, site, Kind.ROLE, row.accountable)}",
        f"**Responsible (R):** {links(index, site, Kind.ROLE, row.responsible)}",
        f"**Consulted (C):** {links(index, site, Kind.ROLE, row.consulted)}"
        if row.consulted
        else "",
        f"**Informed (I):** {links(index, site, Kind.ROLE, row.informed)}" if row.informed else "",
        sources(row),
    ]
    return entry_section(
        index,
        site,
        Kind.RACI,
        row,
        owners=(row.accountable,),
        lines=lines,
    )


def teams(index: Index, site: Site) -> str:
    """Render every team."""
    return "\n\n".join(team_entry(team, index, site) for team in index.playbook.teams) + "\n"


def roles(index: Index, site: Site) -> str:
    """Render every role, in charter order."""
    return "\n\n".join(role_entry(role, index, site) for role in index.playbook.roles) + "\n"


def raci(index: Index, site: Site) -> str:
    """Render the RACI matrix, then each activity."""
    entries = "\n\n".join(raci_entry(row, index, site) for row in index.playbook.raci)
    return f"{raci_matrix(index, site)}\n\n{entries}\n"
