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
from .gitsource import BlobReader, GitError, data_blobs, decode_blob, run_git
from .load import FilePart, Loaded, combine, load_file, paused_gc, shown_path
from .model import Kind, Playbook
from .problems import Location, Problem
from .schema import DATA_DIR, FILES

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


_CACHE: dict[tuple[str, str], History] = {}
_SPECS = {spec.name: spec for spec in FILES}
_DELETED = "0" * 40


@dataclass(frozen=True, slots=True)
class _Commit:
    """A commit touching the data: its id, date, subject, and the data files it changed."""

    id: str
    date: str
    subject: str
    files: dict[str, str | None]
    """File name → its new blob id, or None when the commit deleted it."""


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


def _commits(project: Path, limit: int) -> list[_Commit]:
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
        for line in raw.splitlines():
            meta, _, path = line.partition("\t")
            fields = meta.split()
            name = Path(path).name
            if len(fields) == 5 and Path(path).parent.name == DATA_DIR and name in _SPECS:
                files[name] = None if fields[3] == _DELETED else fields[3]
        found.append(_Commit(commit, date, subject, files))
    return list(reversed(found))


class _Files:
    """The data files of successive commits, each version loaded once."""

    def __init__(self, project: Path, blobs: BlobReader) -> None:
        self.project = project
        self.blobs = blobs
        self.loaded: dict[tuple[str, str | None], FilePart] = {}

    def part(self, name: str, oid: str | None) -> FilePart:
        key = (name, oid)
        if key not in self.loaded:
            shown = shown_path(".", name)
            if oid is None:
                missing = Problem(Location(shown), "error", "file is missing", "", "file-missing")
                text, problems = None, [missing]
            else:
                text, problems = decode_blob(self.blobs.read(oid), shown)
            self.loaded[key] = load_file(_SPECS[name], text, problems, shown)
        return self.loaded[key]

    def playbook(self, tree: dict[str, str]) -> Loaded:
        return combine([self.part(spec.name, tree.get(spec.name)) for spec in FILES])


def _start_tree(project: Path, oldest: str) -> dict[str, str] | None:
    """Return the data files just before the oldest commit read (None at the root commit)."""
    parent = run_git(project, "rev-parse", "--verify", "--quiet", f"{oldest}^")
    if parent.returncode != 0:
        return None
    return data_blobs(project, parent.stdout.decode().strip())


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
            with paused_gc():
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
    tree = _start_tree(project, commits[0].id)
    with BlobReader(project) as blobs:
        files = _Files(project, blobs)
        before = files.playbook(tree) if tree is not None else _EMPTY
        tree = tree or {}
        for commit in commits:
            for name, oid in commit.files.items():
                if oid is None:
                    tree.pop(name, None)
                else:
                    tree[name] = oid
            after = files.playbook(tree)
            kinds = frozenset(s.kind for name in commit.files for s in _SPECS[name].sections)
            diff = diff_loaded(before, after, "before", commit.id[:7], kinds)
            events = [_record(by_entry, commit, change) for change in diff.changes]
            if events:
                by_commit.append(tuple(events))
            before = after
    newest_first = {key: tuple(reversed(events)) for key, events in by_entry.items()}
    return History(newest_first, tuple(reversed(by_commit)))


def _record(by_entry: dict[Key, list[Event]], commit: _Commit, change: Change) -> Event:
    """Add a change to its entry's history (carrying the history along a rename)."""
    if change.action == "renamed" and change.old_id is not None:
        by_entry[(change.kind, change.id)] = by_entry.pop((change.kind, change.old_id), [])
    event = Event(
        commit.date,
        commit.id,
        commit.subject,
        change.kind,
        change.id,
        change.action,
        _lines(change),
    )
    by_entry[(change.kind, change.id)].append(event)
    return event


_EMPTY = Loaded(Playbook(), (), ())
