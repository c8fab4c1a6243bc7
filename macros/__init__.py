"""The alignment playbook: load, check and render playbook data into the handbook.

This module is the mkdocs-macros glue, and the only one that knows MkDocs: it loads the data
once per build, stops the build with the checker's messages when the data has errors, and
registers macros that hand the loaded playbook to pure renderers returning Markdown.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from .check import check_directory
from .history import History, read_history
from .index import Index
from .model import DataError, Kind
from .render import cadence, changes, funnel, glossary, kpis, roles, slas
from .render.common import DEFAULT_PAGES, Site
from .render.contract import data_contract
from .render.inline import abbreviations, entry_link, summary
from .suggest import did_you_mean

log = get_plugin_logger("playbook")

INLINE_KINDS: Mapping[str, Kind] = {
    "term": Kind.TERM,
    "kpi": Kind.KPI,
    "sla": Kind.SLA,
    "role": Kind.ROLE,
    "team": Kind.TEAM,
    "stage": Kind.STAGE,
    "meeting": Kind.MEETING,
    "activity": Kind.RACI,
}
BLOCKS: Mapping[str, Callable[[Index, Site], str]] = {
    "glossary": glossary.glossary,
    "teams": roles.teams,
    "roles": roles.roles,
    "raci": roles.raci,
    "raci_matrix": roles.raci_matrix,
    "funnel": funnel.funnel,
    "funnel_diagram": lambda index, _site: funnel.diagram(index),
    "kpis": kpis.kpis,
    "scorecard": kpis.scorecard,
    "slas": slas.slas,
    "sla_overview": slas.overview,
    "cadence": cadence.cadence,
    "summary": summary,
    "changes": changes.changes,
}


class MacrosEnv(Protocol):
    """The part of the mkdocs-macros environment this glue uses."""

    conf: Any
    page: Any
    project_dir: str

    def macro(self, function: Callable[..., str], name: str = "") -> Callable[..., str]:
        """Register a macro."""


def _load(project: Path) -> Index:
    root = os.path.relpath(project) if project.is_absolute() else str(project)
    playbook, problems = check_directory(project, root)
    if any(p.severity == "error" for p in problems):
        raise PluginError(str(DataError(problems)))
    for problem in problems:
        log.warning(str(problem))
    return Index(playbook)


def _repo_urls(conf: Any) -> tuple[str, str]:
    """Return the base URLs to view a data file and a commit in the repository, or ""."""
    settings = conf["extra"].get("playbook", {})
    repo = (conf["repo_url"] or "").rstrip("/")
    if not repo:
        return "", ""
    return f"{repo}/blob/{settings.get('branch', 'main')}/", f"{repo}/commit/"


def _history(project: Path, settings: Mapping[str, Any]) -> History:
    """Read the entries' history from git, unless ``extra.playbook.history`` is false."""
    option = settings.get("history", True)
    if option is False:
        return History()
    limit = option.get("commits", 200) if isinstance(option, dict) else 200
    return read_history(project, int(limit))


def define_env(env: MacrosEnv) -> None:
    """Load the playbook and register the macros (called by mkdocs-macros once per build)."""
    index = _load(Path(env.project_dir))
    settings = env.conf["extra"].get("playbook", {})
    pages = {**DEFAULT_PAGES, **{Kind[k.upper()]: v for k, v in settings.get("pages", {}).items()}}
    source_url, commit_url = _repo_urls(env.conf)
    history = _history(Path(env.project_dir), settings)
    env.conf["mdx_configs"].setdefault("abbr", {})["glossary"] = abbreviations(index)

    def site() -> Site:
        return Site(
            page=env.page.file.src_uri,
            pages=pages,
            source_url=source_url,
            commit_url=commit_url,
            history=history,
        )

    for name, render in BLOCKS.items():
        env.macro(_block(render, index, site), name)
    for name, kind in INLINE_KINDS.items():
        env.macro(_inline(kind, name, index, site, env), name)
    env.macro(data_contract, "data_contract")


def _block(render: Callable[[Index, Site], str], index: Index, site: Callable[[], Site]) -> Any:
    def block() -> str:
        return render(index, site())

    block.__doc__ = render.__doc__
    return block


def _inline(kind: Kind, name: str, index: Index, site: Callable[[], Site], env: MacrosEnv) -> Any:
    def link(id_: str) -> str:
        found = entry_link(index, site(), kind, str(id_))
        if found is not None:
            return found
        ids = [entry.id for entry in index.playbook.entries(kind)]
        hint = did_you_mean(str(id_), ids, f"{kind.label} ids")
        page = f"docs/{env.page.file.src_uri}"
        call = f"{{{{ {name}('{id_}') }}}}"
        log.warning("%s: %s: '%s' is not a known %s; %s", page, call, id_, kind.label, hint)
        return f"**unknown {kind.label} `{id_}`**"

    link.__doc__ = f"Link to the {kind.label} with this id, named by its display name."
    return link
