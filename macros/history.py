"""The history of every entry, read from git: when and how each definition changed.

Each commit that touched ``playbook_data/`` is compared with the one before it, the same way
``playbook diff`` compares two revisions; a rename carries the entry's history along.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .diff import Change, diff_loaded
from .diffrender import field_line
from .gitsource import GitError, Revision, load_revision, run_git
from .load import Loaded
from .model import Kind, Playbook
from .schema import DATA_DIR

Key = tuple[Kind, str]


@dataclass(frozen=True, slots=True)
class Event:
    """One change of one entry in one commit.

    Attributes:
        date: The commit date, ``YYYY-MM-DD``.
        commit: The full commit id.
        subject: The commit's subject line.
        kind: The kind of the entry.
        id: The entry's id after the commit (its last id, for a removed entry).
        action: What happened to the entry as a whole, e.g. ``added`` or ``changed``.
        changes: What changed, one short line each, e.g. ``owner vp-sales → cro``.
    """

    date: str
    commit: str
    subject: str
    kind: Kind
    id: str
    action: str
    changes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class History:
    """Every change of every entry, newest first, by entry and by commit."""

    by_entry: dict[Key, tuple[Event, ...]] = field(default_factory=dict)
    by_commit: tuple[tuple[Event, ...], ...] = ()

    def of(self, kind: Kind, id_: str) -> tuple[Event, ...]:
        """Return the changes of one entry, newest first."""
        return self.by_entry.get((kind, id_), ())


_EMPTY = Loaded(Playbook(), (), ())
_CACHE: dict[tuple[str, str], History] = {}


def _lines(change: Change) -> tuple[str, ...]:
    action = {
        "added": "added",
        "removed": "removed",
        "renamed": f"renamed from {change.old_id}",
        "deprecated": f"deprecated, replaced by {change.replaced_by}",
        "merged": f"merged into {change.replaced_by}",
    }.get(change.action)
    fields = tuple(field_line(item) for item in change.fields)
    return (action, *fields) if action else fields


def _commits(project: Path, limit: int) -> list[tuple[str, str, str]]:
    """Return (commit, date, subject) of the commits touching the data, oldest first."""
    done = run_git(
        project, "log", "--first-parent", f"-n{limit}", "--format=%H%x1f%cs%x1f%s", "--", DATA_DIR
    )
    if done.returncode != 0:
        return []
    found = []
    for record in reversed(done.stdout.decode("utf-8", "replace").splitlines()):
        commit, date, subject = [*record.split("\x1f", 2), "", ""][:3]
        found.append((commit, date, subject))
    return found


def _start(project: Path, oldest: str) -> Loaded:
    """Return the playbook just before the oldest commit read (empty at the root commit)."""
    parent = run_git(project, "rev-parse", "--verify", "--quiet", f"{oldest}^")
    if parent.returncode != 0:
        return _EMPTY
    commit = parent.stdout.decode().strip()
    return load_revision(project, Revision(commit[:7], commit))


def read_history(project: Path, limit: int = 200) -> History:
    """Read the history of every entry from the last ``limit`` commits touching the data.

    Args:
        project: The project directory, inside a git repository.
        limit: How many commits to read at most, newest first.

    Returns:
        The history; empty when the project is not in a git repository.
    """
    head = run_git(project, "rev-parse", "--verify", "--quiet", "HEAD")
    if head.returncode != 0:
        return History()
    key = (str(project.resolve()), head.stdout.decode().strip())
    if key not in _CACHE:
        try:
            _CACHE[key] = _walk(project, limit)
        except GitError:
            _CACHE[key] = History()
    return _CACHE[key]


def _walk(project: Path, limit: int) -> History:
    commits = _commits(project, limit)
    if not commits:
        return History()
    by_entry: dict[Key, list[Event]] = defaultdict(list)
    by_commit: list[tuple[Event, ...]] = []
    before = _start(project, commits[0][0])
    for commit, date, subject in commits:
        after = load_revision(project, Revision(commit[:7], commit))
        diff = diff_loaded(before, after, "before", commit[:7])
        events = []
        for change in diff.changes:
            if change.action == "renamed" and change.old_id is not None:
                by_entry[(change.kind, change.id)] = by_entry.pop((change.kind, change.old_id), [])
            event = Event(
                date, commit, subject, change.kind, change.id, change.action, _lines(change)
            )
            by_entry[(change.kind, change.id)].append(event)
            events.append(event)
        if events:
            by_commit.append(tuple(events))
        before = after
    newest_first = {key: tuple(reversed(events)) for key, events in by_entry.items()}
    return History(newest_first, tuple(reversed(by_commit)))
