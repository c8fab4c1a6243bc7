"""Decide, once, where a site build may go, and clear what interrupted builds left there.

A build replaces its site directory and deletes the old one, so the directory is checked
before anything is written: the path is normalised (``site/../site`` is ``site``), must not
be or go through a symbolic link, must not hold the project or lie among its sources, and
must be missing, empty or a built site (with an ``index.html``).

Next to the site, a build works in directories named ``<site>.new-<pid>-<random>`` (the new
site) and ``<site>.old-<pid>-<random>`` (the old one, during the swap). The pid is the
building process's: when that process is gone (killed outright, say), the next build
removes what it left, and puts back an old site that a swap had moved away. A directory
whose process still runs is never touched.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

SOURCE_DIRS = ("docs", "playbook_data", ".git")
"""Project directories that hold sources: a site may not be built into them."""
_WORK_NAME = r"{site}\.(new|old)-([0-9]{{1,9}})-[0-9a-f]{{8}}"


class SiteDirError(Exception):
    """The site directory cannot safely be replaced by a build."""


@dataclass(frozen=True)
class SiteDir:
    """A site directory that a build may replace.

    Attributes:
        path: The directory, absolute and normalised, reached through no symbolic link.
        shown: How messages name it: relative to ``--root`` when inside the project.
    """

    path: Path
    shown: str


def resolve_site_dir(project: Path, given: str) -> SiteDir:
    """Resolve ``given`` (relative to ``project``) and check that a build may replace it.

    Args:
        project: The project directory.
        given: The site directory as the user wrote it.

    Returns:
        The site directory, normalised.

    Raises:
        SiteDirError: With the reason, when a build must not write or replace it.
    """
    if not given:
        raise SiteDirError("it is empty")
    try:
        root = project.resolve(strict=True)
        path = _without_links(root, given)
        _refuse_project_parts(root, path)
        _refuse_contents(path)
    except (OSError, ValueError) as err:
        raise SiteDirError(f"it cannot be used: {getattr(err, 'strerror', None) or err}") from err
    try:
        shown = str(project / path.relative_to(root))
    except ValueError:
        shown = str(path)
    return SiteDir(path, shown)


def _without_links(root: Path, given: str) -> Path:
    """The absolute, normalised path of ``given``; refused if a symbolic link is on it."""
    candidate = root / given  # an absolute ``given`` replaces root
    for depth in range(1, len(candidate.parts) + 1):
        prefix = Path(*candidate.parts[:depth])
        if prefix.is_symlink():
            if depth == len(candidate.parts):
                raise SiteDirError("it is a symbolic link")
            raise SiteDirError(f"it goes through the symbolic link {_shown(root, prefix)}")
    lexical = Path(os.path.normpath(candidate))
    if Path(os.path.realpath(candidate)) != lexical:
        raise SiteDirError("it goes through a symbolic link")
    return lexical


def _shown(root: Path, path: Path) -> str:
    """``path`` normalised, relative to the project when inside it, quoted."""
    normal = Path(os.path.normpath(path))
    return f"'{normal.relative_to(root) if normal.is_relative_to(root) else normal}'"


def _refuse_project_parts(root: Path, path: Path) -> None:
    """Refuse the project, its parents, its source directories and work directory names."""
    if path == root:
        raise SiteDirError("it is the project directory")
    if path in root.parents:
        raise SiteDirError("it holds the project directory")
    for name in SOURCE_DIRS:
        source = root / name
        if source == path or source in path.parents:
            raise SiteDirError(f"it lies in {name}/, which holds the project's sources")
    if re.fullmatch(_WORK_NAME.format(site=".+"), path.name):
        raise SiteDirError("its name is that of a build's work directory, removed when stale")


def _refuse_contents(path: Path) -> None:
    """Refuse anything but a missing directory, an empty one or a built site."""
    if path.exists():
        if not path.is_dir():
            raise SiteDirError("it exists and is not a directory")
        if any(path.iterdir()) and not (path / "index.html").is_file():
            raise SiteDirError("it holds files but no index.html, so it is not a built site")
        return
    ancestor = path.parent
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise SiteDirError(f"'{ancestor.name}' on its path is not a directory")


def work_dir(site: Path, role: str) -> Path:
    """A fresh name next to ``site`` for this process's ``new`` or ``old`` directory."""
    return site.with_name(f"{site.name}.{role}-{os.getpid()}-{secrets.token_hex(4)}")


def _owner(site: Path, entry: Path) -> tuple[str, int] | None:
    """The role and owning pid of a work directory of ``site``, or None if it is not one."""
    found = re.fullmatch(_WORK_NAME.format(site=re.escape(site.name)), entry.name)
    return (found[1], int(found[2])) if found else None


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (or might: when in doubt, it counts as alive)."""
    if pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text("ascii")
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def remove_stale(site: Path) -> None:
    """Remove the work directories of ``site`` left by builds whose process is gone.

    When the site itself is missing and a dead build left the old one aside, that old site
    is put back instead of removed.
    """
    if not site.parent.is_dir():
        return
    for entry in sorted(site.parent.iterdir()):
        owner = _owner(site, entry)
        if owner is None or process_alive(owner[1]) or entry.is_symlink():
            continue
        if owner[0] == "old" and not os.path.lexists(site):
            entry.rename(site)
        else:
            shutil.rmtree(entry, ignore_errors=True)
