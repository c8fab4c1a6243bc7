"""The ``gh-pages`` branch that mike writes: its versions, its default, its order, its push.

mike keeps one folder per version on the branch and lists them in ``versions.json``, which
Material's version selector reads. mike sorts that list by version name; the handbook
lists editions by the date of their tag, so after mike the list is put in that order here,
with git's plumbing (no checkout): the root tree gets the new ``versions.json`` and the
commit mike just made is replaced by one with the same parent and message.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..read.git import GitError, run_git

BRANCH = "gh-pages"
VERSIONS = "versions.json"


def _git(project: Path, *args: str, stdin: bytes | None = None) -> str:
    """Run git and return its output; raise GitError when it fails."""
    if stdin is None:
        done = run_git(project, *args)
    else:
        done = subprocess.run(
            ["git", *args], cwd=project, input=stdin, capture_output=True, check=False, timeout=60
        )
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().removeprefix("fatal: ")
        raise GitError(f"git {args[0]} failed: {detail}", "check the repository (git status)")
    return done.stdout.decode("utf-8", "replace")


def branch_head(project: Path, branch: str = BRANCH) -> str | None:
    """Return the commit a branch points at, or None when there is no such branch."""
    done = run_git(project, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{commit}}")
    return done.stdout.decode().strip() if done.returncode == 0 else None


def read_file(project: Path, ref: str, path: str) -> bytes | None:
    """Return a file of a branch or commit, or None when it is not there."""
    done = run_git(project, "cat-file", "blob", f"{ref}:{path}")
    return done.stdout if done.returncode == 0 else None


def versions(project: Path, remote: str = "origin") -> list[dict[str, Any]]:
    """Return the versions published on the branch (local, else the remote's), or []."""
    for ref in (f"refs/heads/{BRANCH}", f"refs/remotes/{remote}/{BRANCH}"):
        raw = read_file(project, ref, VERSIONS)
        if raw is not None:
            try:
                found = json.loads(raw)
            except ValueError:
                return []
            return [v for v in found if isinstance(v, dict)] if isinstance(found, list) else []
    return []


def published(found: Sequence[Mapping[str, Any]], name: str) -> bool:
    """Return whether a version of this name is on the branch."""
    return any(v.get("version") == name for v in found)


def default_is(project: Path, target: str) -> bool:
    """Return whether the branch's root page sends readers to ``target``."""
    raw = read_file(project, f"refs/heads/{BRANCH}", "index.html")
    return raw is not None and f'"{target}/"'.encode() in raw


def write_versions(project: Path, ordered: Sequence[Mapping[str, Any]], before: str | None) -> None:
    """Put ``versions.json`` on the branch in the given order, if it is not in it already.

    Args:
        project: A directory inside the repository.
        ordered: The versions, in the order the selector should list them.
        before: The branch's commit before this release: when the branch has moved since,
            its newest commit (mike's) is replaced by one with the new list; otherwise a
            commit is added.
    """
    head = branch_head(project)
    if head is None:
        return
    text = json.dumps(list(ordered), indent=2) + "\n"
    if read_file(project, head, VERSIONS) == text.encode():
        return
    blob = _git(project, "hash-object", "-w", "--stdin", stdin=text.encode()).strip()
    listing = _git(project, "ls-tree", "-z", head).split("\0")
    rows = [row for row in listing if row and not row.endswith(f"\t{VERSIONS}")]
    rows.append(f"100644 blob {blob}\t{VERSIONS}")
    tree = _git(project, "mktree", "-z", stdin="".join(f"{r}\0" for r in rows).encode()).strip()
    parents = _git(project, "log", "-1", "--format=%P", head).split()
    amend = head != before and before is not None and parents == [before]
    amend = amend or (before is None and not parents)
    if amend:
        message = _git(project, "log", "-1", "--format=%B", head)
        base = [arg for parent in parents for arg in ("-p", parent)]
    else:
        message = "List the editions by the date of their tag\n"
        base = ["-p", head]
    commit = _git(project, "commit-tree", tree, *base, stdin=message.encode()).strip()
    _git(project, "update-ref", f"refs/heads/{BRANCH}", commit, head)


def push(project: Path, remote: str, refspecs: Sequence[str]) -> None:
    """Push refs (the branch, a tag; ``+`` before one that may move) to a remote."""
    _git(project, "push", "--", remote, *refspecs)
