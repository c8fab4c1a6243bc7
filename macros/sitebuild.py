"""Build the handbook site so that a failed build never replaces the last good one.

``mkdocs build`` cleans its output directory first and then writes page by page, so a build
that fails half-way leaves half a site where the last good one was. Here MkDocs builds into
a new directory next to the site (``site.new-…``), strictly, in its own process; only when
it succeeds is the new site swapped in: the old one is renamed away (``site.old-…``), the
new one renamed into place, and the old one deleted. When it fails, the new directory is
removed and the old site is left exactly as it was.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path


class SiteDirError(Exception):
    """The site directory cannot safely be replaced (it holds the project, or other files)."""


def _refuse(project: Path, site: Path) -> str:
    """Return why ``site`` must not be replaced by a build of ``project``, or ""."""
    project, site = project.resolve(), site.resolve()
    if site == project or site in project.parents:
        return f"the site directory {site} would hold the project itself"
    if (project / "docs").resolve() in (site, *site.parents):
        return f"the site directory {site} is inside the docs directory"
    if not site.exists():
        return ""
    if not site.is_dir():
        return f"{site} exists and is not a directory"
    if any(site.iterdir()) and not (site / "index.html").is_file():
        return f"{site} holds files but no index.html: it does not look like a built site"
    return ""


def _fresh_dir(site: Path, role: str) -> Path:
    """Create an empty directory next to the site (with the usual permissions)."""
    path = site.with_name(f"{site.name}.{role}-{secrets.token_hex(4)}")
    path.mkdir()
    return path


def _swap(new: Path, site: Path) -> None:
    """Put the new site in place of the old one, then delete the old one."""
    if not site.exists():
        new.rename(site)
        return
    holder = _fresh_dir(site, "old")
    site.rename(holder / site.name)
    new.rename(site)
    shutil.rmtree(holder)


def build_site(project: Path, site: Path) -> int:
    """Build the site of ``project`` into ``site``, replacing it only on success.

    MkDocs runs in its own process (``python -m mkdocs build --strict``) with the project as
    working directory; its messages, the checker's ``path:line:col`` lines among them, go
    to this process's output.

    Args:
        project: The project directory, holding ``mkdocs.yml``.
        site: The site directory to build into.

    Returns:
        The exit status of MkDocs: 0 when the new site is in place.

    Raises:
        SiteDirError: When ``site`` cannot safely be replaced.
    """
    reason = _refuse(project, site)
    if reason:
        raise SiteDirError(reason)
    site.parent.mkdir(parents=True, exist_ok=True)
    new = _fresh_dir(site, "new")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(new.resolve())],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            check=False,
        )
        if done.returncode == 0:
            _swap(new, site)
        return done.returncode
    finally:
        if new.exists():
            shutil.rmtree(new)
