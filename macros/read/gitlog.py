"""The commits that touched the data, read from ``git log``, and where their history starts.

A history read from git is cut in one of three places: at the repository's first commit, at
the limit of commits read (the commit before the oldest one read is the starting point), or
at the boundary of a shallow clone, where the commits before are not there at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..contract.schema import DATA_DIR, FILES
from .git import git_kind, run_git

_NAMES = frozenset(spec.name for spec in FILES)
_DELETED = "0" * 40


@dataclass(frozen=True, slots=True)
class Commit:
    """A commit touching the data: its id, date, subject, and the data files it changed."""

    id: str
    date: str
    subject: str
    files: dict[str, str | None]
    """File name → its new blob id, or None when the commit deleted it."""
    odd: dict[str, str] = field(default_factory=dict)
    """File name → what it became when not a regular file (``a symbolic link``)."""


def data_commits(project: Path, limit: int) -> list[Commit]:
    """Return the commits touching the data with the files each changed, oldest first."""
    done = run_git(
        project,
        "log",
        "--first-parent",
        f"-n{limit}",
        "--raw",
        "--no-abbrev",
        "--no-renames",
        "--format=%x1e%H%x1f%cs%x1f%s",
        "--",
        DATA_DIR,
    )
    if done.returncode != 0:
        return []
    found = []
    for record in done.stdout.decode("utf-8", "replace").split("\x1e")[1:]:
        head, _, raw = record.partition("\n")
        commit, date, subject = [*head.split("\x1f", 2), "", ""][:3]
        files: dict[str, str | None] = {}
        odd: dict[str, str] = {}
        for line in raw.splitlines():
            meta, _, path = line.partition("\t")
            fields = meta.split()
            name = Path(path).name
            if len(fields) == 5 and Path(path).parent.name == DATA_DIR and name in _NAMES:
                files[name] = None if fields[3] == _DELETED else fields[3]
                kind = None if files[name] is None else git_kind(fields[1].lstrip(":"))
                if kind is not None:
                    odd[name] = kind
        found.append(Commit(commit, date, subject, files, odd))
    return list(reversed(found))


def parent_commit(project: Path, oldest: str) -> Commit | None:
    """Return the commit just before the oldest one read (None when it has no parent)."""
    done = run_git(project, "log", "-1", "--format=%H%x1f%cs", f"{oldest}^", "--")
    if done.returncode != 0:
        return None
    commit, _, date = done.stdout.decode("utf-8", "replace").strip().partition("\x1f")
    return Commit(commit, date, "", {})


def shallow_boundary(project: Path, commit: str) -> bool:
    """Tell whether ``commit`` is where a shallow clone's history was cut."""
    shallow = run_git(project, "rev-parse", "--is-shallow-repository")
    if shallow.stdout.strip() != b"true":
        return False
    path = run_git(project, "rev-parse", "--git-path", "shallow").stdout.decode().strip()
    try:
        cut = (project / path).read_text("ascii", "replace").split()
    except OSError:
        return False
    return commit in cut
