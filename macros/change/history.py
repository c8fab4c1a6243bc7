"""The history of every entry, read from git: when and how each definition changed.

Each commit that touched ``playbook_data/`` is compared with the one before it, the same way
``playbook diff`` compares two revisions; a rename carries the entry's history along.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..contract.schema import FILES
from ..model.codes import Code
from ..model.entries import Playbook
from ..model.kinds import Kind
from ..model.problems import Location, Problem
from ..read.files import not_a_file
from ..read.git import BlobReader, GitError, data_blobs, decode_blob, run_git
from ..read.gitlog import Commit, data_commits, parent_commit, shallow_boundary
from ..read.load import FilePart, Loaded, combine, load_file, paused_gc, shown_path
from .diff import Change, diff_loaded
from .output import field_line

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
class Skipped:
    """A revision whose data did not load, left out of the history.

    Attributes:
        commit: The full commit id.
        date: The commit date, ``YYYY-MM-DD``.
        reason: The first problem met loading it, on one line.
    """

    commit: str
    date: str
    reason: str

    def note(self) -> str:
        """Say which revision was skipped and why, on one line, for the build's log."""
        return f"history: skipped revision {self.commit[:7]} ({self.date}): {self.reason}"


@dataclass(frozen=True, slots=True)
class History:
    """Every change of every entry, newest first, by entry and by commit.

    Attributes:
        by_entry: The changes of each entry, newest first.
        by_commit: The changes of each commit, newest first.
        skipped: The revisions left out because their data did not load, newest first.
        since: In a shallow clone, the date of its oldest commit: the history before it is
            not there to read (and the entries that commit holds are not claimed as added).
    """

    by_entry: dict[Key, tuple[Event, ...]] = field(default_factory=dict)
    by_commit: tuple[tuple[Event, ...], ...] = ()
    skipped: tuple[Skipped, ...] = ()
    since: str = ""

    def of(self, kind: Kind, id_: str) -> tuple[Event, ...]:
        """Return the changes of one entry, newest first."""
        return self.by_entry.get((kind, id_), ())


_CACHE: dict[tuple[str, str, int], History] = {}
_SPECS = {spec.name: spec for spec in FILES}


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


class _Files:
    """The data files of successive commits, loaded one version at a time.

    Only the version last loaded of each file is kept (the playbook before it holds the one
    before): memory stays flat however long the history is.
    """

    def __init__(self, blobs: BlobReader) -> None:
        self.blobs = blobs
        self.current: dict[str, tuple[tuple[str | None, str | None], FilePart]] = {}

    def part(self, name: str, oid: str | None, odd: str | None = None) -> FilePart:
        known = self.current.get(name)
        if known is not None and known[0] == (oid, odd):
            return known[1]
        shown = shown_path(".", name)
        if oid is None:
            missing = Problem(Location(shown), "error", "file is missing", "", Code.FILE_MISSING)
            text, problems = None, [missing]
        elif odd is not None:
            text, problems = None, [not_a_file(shown, odd)]
        else:
            text, problems = decode_blob(self.blobs.read(oid), shown)
        part = load_file(_SPECS[name], text, problems, shown)
        self.current[name] = ((oid, odd), part)
        return part

    def playbook(self, tree: dict[str, str], odd: dict[str, str]) -> Loaded | str:
        """Return the playbook of a tree, or why it did not load (its first problem).

        Args:
            tree: File name → blob id.
            odd: File name → what it is, for the files that are not regular files.
        """
        try:
            parts = [self.part(s.name, tree.get(s.name), odd.get(s.name)) for s in FILES]
            loaded = combine(parts)
        except Exception as err:  # noqa: BLE001 - an old revision must never stop the build
            return _one_line(f"cannot be read: {type(err).__name__}: {err}")
        errors = [problem for problem in loaded.problems if problem.severity == "error"]
        if not errors:
            return loaded
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return _one_line(str(errors[0])) + more


def _one_line(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


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
    key = (str(project.resolve()), head.stdout.decode().strip(), limit)
    if key not in _CACHE:
        try:
            with paused_gc():
                _CACHE[key] = _walk(project, limit)
        except GitError:
            _CACHE[key] = History()
    return _CACHE[key]


class _Walk:
    """The history being gathered, commit after commit, from the oldest."""

    def __init__(self) -> None:
        self.by_entry: dict[Key, list[Event]] = defaultdict(list)
        self.by_commit: list[tuple[Event, ...]] = []
        self.skipped: list[Skipped] = []

    def loaded(self, commit: Commit, outcome: Loaded | str) -> Loaded | None:
        """Return the playbook of a commit, or None after noting why it is skipped."""
        if isinstance(outcome, str):
            self.skipped.append(Skipped(commit.id, commit.date, outcome))
            return None
        return outcome

    def compare(self, commit: Commit, before: Loaded, after: Loaded) -> None:
        """Record what a commit changed."""
        kinds = frozenset(s.kind for name in commit.files for s in _SPECS[name].sections)
        try:
            diff = diff_loaded(before, after, "before", commit.id[:7], kinds)
        except Exception as err:  # noqa: BLE001 - an old revision must never stop the build
            self.loaded(commit, _one_line(f"cannot be compared: {type(err).__name__}: {err}"))
            return
        events = [_record(self.by_entry, commit, change) for change in diff.changes]
        if events:
            self.by_commit.append(tuple(events))

    def history(self, since: str) -> History:
        newest_first = {key: tuple(reversed(events)) for key, events in self.by_entry.items()}
        return History(
            newest_first,
            tuple(reversed(self.by_commit)),
            tuple(reversed(self.skipped)),
            since,
        )


def _walk(project: Path, limit: int) -> History:
    commits = data_commits(project, limit)
    if not commits:
        return History()
    walk = _Walk()
    oldest = commits[0]
    parent = parent_commit(project, oldest.id)
    since = oldest.date if parent is None and shallow_boundary(project, oldest.id) else ""
    tree = data_blobs(project, parent.id) if parent is not None else {}
    odd: dict[str, str] = {}
    with BlobReader(project) as blobs:
        files = _Files(blobs)
        before: Loaded | None = None if since else _EMPTY
        if parent is not None:
            before = walk.loaded(parent, files.playbook(tree, odd))
        for commit in commits:
            for name, oid in commit.files.items():
                odd.pop(name, None)
                if oid is None:
                    tree.pop(name, None)
                else:
                    tree[name] = oid
            odd.update(commit.odd)
            after = walk.loaded(commit, files.playbook(tree, odd))
            if after is None:
                continue
            if before is not None:
                walk.compare(commit, before, after)
            before = after
    return walk.history(since)


def _record(by_entry: dict[Key, list[Event]], commit: Commit, change: Change) -> Event:
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
