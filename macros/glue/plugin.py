"""The mkdocs-macros glue, and the only module that knows MkDocs.

It loads the data
once per build, stops the build with the checker's messages when the data has errors, and
registers macros that hand the loaded playbook to pure renderers returning Markdown.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from mkdocs.config.base import LegacyConfig
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ..change.editions import edition_changes
from ..change.history import History, read_history
from ..check.checker import check_loaded
from ..model.hints import did_you_mean
from ..model.index import Index
from ..model.kinds import Kind
from ..model.problems import DataError
from ..read.load import load_directory, paused_gc
from ..render import cadence, changes, funnel, glossary, kpis, roles, slas, split
from ..render.codes import problem_codes
from ..render.common import Site
from ..render.contract import data_contract
from ..render.edition import edition_page
from ..render.inline import abbreviations, entry_link, summary
from ..render.text import tips
from .config_file import locator
from .published import published_files
from .settings import Settings, read_settings

log = get_plugin_logger("playbook")

INLINE_KINDS: Mapping[str, Kind] = {kind.info.macro: kind for kind in Kind}
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


def _load(project: Path, tolerance: float) -> Index:
    root = os.path.relpath(project) if project.is_absolute() else str(project)
    with paused_gc():
        loaded = load_directory(project, root)
        index = Index(loaded.playbook)
        problems = check_loaded(loaded, index, tolerance=tolerance)
    if any(p.severity == "error" for p in problems):
        raise PluginError(str(DataError(problems)))
    for problem in problems:
        log.warning(str(problem))
    return index


def _settings(conf: Any) -> Settings:
    """Read ``extra.playbook``; stop the build with one line per wrong setting."""
    settings, problems = read_settings(
        conf["extra"].get("playbook", {}), locator(conf["config_file_path"])
    )
    if problems:
        raise PluginError("\n".join(str(p) for p in problems))
    return settings


def _repo_urls(conf: Any, branch: str) -> tuple[str, str]:
    """Return the base URLs to view a data file and a commit in the repository, or ""."""
    repo = (conf["repo_url"] or "").rstrip("/")
    if not repo:
        return "", ""
    return f"{repo}/blob/{quote(branch, safe='/')}/", f"{repo}/commit/"


def _history(project: Path, settings: Settings) -> History:
    """Read the entries' history from git, unless ``extra.playbook.history`` is false."""
    if not settings.history:
        return History()
    history = read_history(project, settings.commits)
    for skipped in history.skipped:
        log.info(skipped.note())
    return history


def define_env(env: MacrosEnv) -> None:
    """Load the playbook and register the macros (called by mkdocs-macros once per build)."""
    gc.unfreeze()  # in case the last build of `mkdocs serve` stopped before on_post_build
    settings = _settings(env.conf)
    index = _load(Path(env.project_dir), settings.funnel_tolerance)
    # The playbook lives until the build ends: keep the collector from walking it again and
    # again while the parts and then the pages are rendered (3% of a large build).
    gc.freeze()
    pages = settings.pages
    source_url, commit_url = _repo_urls(env.conf, settings.branch)
    history = _history(Path(env.project_dir), settings)
    # Abbreviations are marked where data text uses them, never over every page's text.
    known = tips(abbreviations(index))

    parts = split.plan(index, pages, settings.split_above)
    by_id = parts.pages()

    def site(page: str = "") -> Site:
        return Site(
            page=page or env.page.file.src_uri,
            pages=pages,
            source_url=source_url,
            commit_url=commit_url,
            history=history,
            parts=by_id,
            tips=known,
        )

    if parts.parts:
        generated = {p.path: split.part_page(p, index, site(p.path), parts) for p in parts.parts}
        env.conf["plugins"]["playbook-parts"] = _Parts(generated)
    env.conf["plugins"]["playbook-published"] = _Parts(
        published_files(
            index,
            Site(pages=pages, commit_url=commit_url, history=history),
            env.conf["site_url"] or "",
        ),
        "a file",
    )
    for name, render in BLOCKS.items():
        kind = split.BLOCKS.get(name)
        if kind is not None and parts.of(kind):
            render = _split_index(kind, parts, render)  # noqa: PLW2901 (the page is an index)
        env.macro(_block(render, index, site), name)
    for name, kind in INLINE_KINDS.items():
        env.macro(_inline(kind, name, index, site, env), name)
    env.macro(data_contract, "data_contract")
    env.macro(problem_codes, "problem_codes")
    env.macro(_edition(index, site, Path(env.project_dir), settings), "edition_changes")
    gc.freeze()  # the history and the rendered parts too


def on_post_build(env: MacrosEnv) -> None:  # noqa: ARG001 (the mkdocs-macros hook's signature)
    """Let the collector see the playbook again once the site is written."""
    gc.unfreeze()


class _Parts(BasePlugin[LegacyConfig]):  # type: ignore[no-untyped-call]
    """Adds the pages of split kinds (or published files) to the build, outside the navigation."""

    def __init__(self, parts: Mapping[str, str | bytes], what: str = "a part") -> None:
        self.parts = parts
        self.what = what

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        for path, markdown in self.parts.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"docs/{path} exists; the playbook needs that path for {self.what}"
                )
            files.append(
                File.generated(config, path, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV)
            )
        return files


def _split_index(
    kind: Kind, parts: split.Plan, whole: Callable[[Index, Site], str]
) -> Callable[[Index, Site], str]:
    def render(index: Index, site: Site) -> str:
        return split.index_page(kind, index, site, parts)

    render.__doc__ = whole.__doc__
    return render


def _block(render: Callable[[Index, Site], str], index: Index, site: Callable[[], Site]) -> Any:
    def block() -> str:
        return render(index, site())

    block.__doc__ = render.__doc__
    return block


def _edition(
    index: Index, site: Callable[[], Site], project: Path, settings: Settings
) -> Callable[[], str]:
    """The ``edition_changes()`` macro: what changed since the edition before this one."""
    edition = settings.edition

    def edition_changes_page() -> str:
        changes = edition_changes(project, index.playbook, edition)
        return edition_page(index, site(), changes)

    edition_changes_page.__doc__ = edition_page.__doc__
    return edition_changes_page


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
