"""What an edition changed since the one before it, and the order editions are listed in.

An edition is compared with the newest edition tag at its commit or before it (see
:func:`macros.read.tags.previous_edition`), so the same commit and tags always give the
same page. The development version is compared the same way, with the newest edition it
contains.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model.entries import Playbook
from ..read.git import GitError, Revision, load_revision, run_git
from ..read.tags import EditionTag, previous_edition
from .diff import Diff, diff_playbooks

DEV = "dev"
"""The name of the development version: the main branch, published as it is."""


@dataclass(frozen=True, slots=True)
class EditionChanges:
    """What one edition (or the development version) changed since the edition before it.

    Attributes:
        edition: The edition's name; ``dev`` or "" for the development version.
        previous: The edition it is compared with, or None when there is none.
        diff: The changes since ``previous``; None when there is nothing to compare with.
        in_git: False when the handbook is not in a git repository (so has no editions).
    """

    edition: str
    previous: EditionTag | None = None
    diff: Diff | None = None
    in_git: bool = True

    @property
    def released(self) -> bool:
        """True for a released edition, False for the development version."""
        return self.edition not in ("", DEV)


def tag_date(tag: EditionTag) -> str:
    """Return the day an edition was tagged, in UTC (``2026-09-30``)."""
    return dt.datetime.fromtimestamp(tag.date, dt.UTC).date().isoformat()


def _head(project: Path) -> str | None:
    done = run_git(project, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    return done.stdout.decode().strip() if done.returncode == 0 else None


def edition_changes(project: Path, playbook: Playbook, edition: str) -> EditionChanges:
    """Compare the playbook being built with the edition before it.

    Args:
        project: The project directory; its git repository holds the edition tags.
        playbook: The playbook being built (the checked-out commit, or the working tree).
        edition: The name of the edition being built; "" or ``dev`` for the development
            version.

    Returns:
        The previous edition and the changes since; no diff without one.
    """
    try:
        head = _head(project)
    except GitError:
        head = None
    if head is None:
        return EditionChanges(edition, in_git=False)
    previous = previous_edition(project, head, edition)
    if previous is None:
        return EditionChanges(edition)
    try:
        old = load_revision(project, Revision(previous.tag, previous.commit))
    except GitError:
        return EditionChanges(edition)
    this = f"the {edition} edition" if edition not in ("", DEV) else "the development version"
    diff = diff_playbooks(old.playbook, playbook, f"the {previous.name} edition", this)
    errors = sum(1 for problem in old.problems if problem.severity == "error")
    return EditionChanges(edition, previous, Diff(diff.base, diff.head, diff.changes, errors))


def order_versions(
    versions: Sequence[Mapping[str, Any]], tags: Sequence[EditionTag]
) -> list[Mapping[str, Any]]:
    """Return mike's list of versions ordered for the version selector.

    The development version comes first, then the editions by the date of their tag,
    newest first; a version without a tag keeps its place after them, in mike's order.
    """
    dates = {tag.name: tag.date for tag in tags}
    first = [v for v in versions if v.get("version") == DEV]
    dated = [v for v in versions if v.get("version") in dates]
    dated.sort(key=lambda v: (-dates[str(v["version"])], str(v["version"])))
    rest = [v for v in versions if v not in first and v not in dated]
    return [*first, *dated, *rest]


def newest(tags: Sequence[EditionTag], released: Sequence[str]) -> str | None:
    """Return the newest edition, by tag date, among the released version names."""
    names = set(released)
    return next((tag.name for tag in tags if tag.name in names), None)
