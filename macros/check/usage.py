"""Warnings for what is legal but suspicious: entries nothing uses, owners owning nothing."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.codes import Code
from ..model.entries import Playbook
from ..model.index import Index
from ..model.kinds import Kind
from ..model.problems import Problem


def coverage(playbook: Playbook, index: Index) -> Iterator[Problem]:
    """Warn about teams without roles, idle roles, unreviewed KPIs and unmeasured stages."""
    yield from _idle_parties(playbook, index)
    yield from _unwatched_numbers(playbook, index)


def _idle_parties(playbook: Playbook, index: Index) -> Iterator[Problem]:
    team_of_roles = {role.team for role in playbook.roles}
    for team in playbook.teams:
        if team.id not in team_of_roles and team.status != "deprecated":
            yield Problem(
                team.where,
                "warning",
                f"team '{team.id}' has no roles",
                "add its roles to 'roles', or remove the team",
                Code.UNUSED,
            )
    for role in playbook.roles:
        uses = [u for u in index.used_by(Kind.ROLE, role.id) if u.field != "reports_to"]
        if not uses and role.status != "deprecated":
            yield Problem(
                role.where,
                "warning",
                f"role '{role.id}' owns nothing and takes part in no RACI activity or meeting",
                "make it the owner of something, or remove the role",
                Code.UNUSED,
            )


def _unwatched_numbers(playbook: Playbook, index: Index) -> Iterator[Problem]:
    for kpi in playbook.kpis:
        if not index.used_by(Kind.KPI, kpi.id) and kpi.status != "deprecated":
            yield Problem(
                kpi.where,
                "warning",
                f"KPI '{kpi.id}' is reviewed in no meeting and measures no SLA",
                "add it to the inputs of the meeting that reviews it",
                Code.UNUSED,
            )
    measured = {kpi.stage for kpi in playbook.kpis}
    for stage in playbook.stages:
        if stage.id not in measured and stage.status != "deprecated":
            yield Problem(
                stage.where,
                "warning",
                f"stage '{stage.id}' is measured by no KPI",
                "give the stage a KPI, so that its flow is watched",
                Code.UNUSED,
            )
    for meeting in playbook.meetings:
        if meeting.owner not in meeting.attendees:
            yield Problem(
                meeting.at("owner"),
                "warning",
                f"meeting '{meeting.id}' owner '{meeting.owner}' is not among its attendees",
                "add the owner to 'attendees'",
                Code.OWNER_ABSENT,
            )
