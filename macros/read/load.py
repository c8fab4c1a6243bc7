"""Load ``playbook_data/`` into a :class:`~macros.model.entries.Playbook`, collecting every problem.

Loading checks each file on its own (syntax, version, sections, fields and their types);
:mod:`macros.check.checker` then checks the playbook as a whole (ids, references, rules).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..contract.fields import FileSpec, SectionSpec
from ..contract.schema import DATA_DIR, FILES, VERSION
from ..model.codes import Code
from ..model.entries import Entry, Playbook, Reference
from ..model.hints import closest
from ..model.kinds import Kind
from ..model.printable import printable
from ..model.problems import Location, Problem
from .actuals import DIRECTORY as ACTUALS
from .actuals import commit_day, load_actuals
from .convert import Context, convert_fields, describe, read_pairs
from .files import DataDirectory, decode_text
from .yaml_nodes import Map, Node, Scalar, Seq, parse_yaml

Reader = Callable[[str, str], tuple[str | None, list[Problem]]]
"""Given a data file's name (``kpis.yml``) and its shown path, returns its text, or None
and the problems that make it unreadable (missing, not UTF-8, too large, empty)."""


@dataclass(frozen=True, slots=True)
class Declared:
    """An id as declared by an entry, valid or not, for duplicate and reference checks."""

    kind: Kind
    id: str
    where: Location


@dataclass(frozen=True, slots=True)
class Loaded:
    """The outcome of loading: the valid entries, every id declared, the problems.

    ``unreadable`` holds the kinds whose file could not be read at all (missing, not YAML,
    wrong version): references to them cannot be checked, and are not reported.
    """

    playbook: Playbook
    declared: tuple[Declared, ...]
    problems: tuple[Problem, ...]
    unreadable: frozenset[Kind] = frozenset()
    as_of: dt.date | None = None


def shown_path(root: str, name: str) -> str:
    """Return how a data file is named in messages, relative to where the user stands."""
    return os.path.normpath(os.path.join(root, DATA_DIR, name))


def _entry_id(node: Map) -> str:
    for key, value in node.pairs:
        if isinstance(key, Scalar) and key.value == "id" and isinstance(value, Scalar):
            return value.value.strip()
    return ""


def _load_entry(node: Node, index: int, section: SectionSpec, ctx: Context) -> Entry | None:
    ctx.kind = section.kind
    ctx.entry_id = _entry_id(node) if isinstance(node, Map) else ""
    ctx.label = (
        f"{section.kind.label} '{ctx.entry_id}'"
        if ctx.entry_id
        else f"{section.kind.label} #{index + 1} in '{section.key}'"
    )
    if not isinstance(node, Map):
        ctx.error(
            node.where, f"must be a mapping of fields, not {describe(node)}", "", Code.WRONG_TYPE
        )
        return None
    values = convert_fields(node, section.record, ctx, "")
    if values is None:
        return None
    locations = {key.value: key.where for key, _ in node.pairs if isinstance(key, Scalar)}
    entry: Entry = section.record.build(
        **values, where=node.where, locations=MappingProxyType(locations)
    )
    return entry


def _version(pairs: dict[str, tuple[Node, Node]], root: Map, ctx: Context) -> bool:
    if "version" not in pairs:
        hint = f"start the file with 'version: {VERSION}'"
        ctx.error(root.where, "has no 'version'", hint, Code.MISSING_VERSION)
        return False
    node = pairs["version"][1]
    if not isinstance(node, Scalar) or node.value.strip() != str(VERSION):
        ctx.error(
            node.where,
            f"has unsupported version {describe(node)}",
            f"this playbook reads version {VERSION}",
            Code.VERSION,
        )
        return False
    return True


def _load_section(
    node: Node, section: SectionSpec, ctx: Context, entries: list[Entry], declared: list[Declared]
) -> bool:
    if not isinstance(node, Seq):
        message = f"section '{section.key}' must be a list, not {describe(node)}"
        ctx.error(node.where, message, "", Code.WRONG_TYPE)
        return False
    for index, item in enumerate(node.items):
        entry = _load_entry(item, index, section, ctx)
        if ctx.entry_id and isinstance(item, Map):
            declared.append(Declared(section.kind, ctx.entry_id, item.where))
        if entry is not None:
            entries.append(entry)
    return True


def _load_file(
    spec: FileSpec,
    root: Node,
    ctx: Context,
    entries: dict[Kind, list[Entry]],
    declared: list[Declared],
) -> set[Kind]:
    """Load one file's entries; return the kinds whose section could not be read at all."""
    ctx.label = spec.name
    unreadable = {section.kind for section in spec.sections}
    if not isinstance(root, Map):
        keys = ", ".join(["version", *(s.key for s in spec.sections)])
        ctx.error(
            root.where, f"must be a mapping with {keys}, not {describe(root)}", "", Code.WRONG_TYPE
        )
        return unreadable
    allowed = ("version", *(s.key for s in spec.sections))
    pairs, meant = read_pairs(root, allowed, ctx, f"sections of {spec.name}")
    if not _version(pairs, root, ctx):
        return unreadable
    for section in spec.sections:
        ctx.label = spec.name
        if section.key not in pairs:
            if section.key not in meant:
                message, hint = f"has no '{section.key}' section", f"add '{section.key}:'"
                ctx.error(root.where, message, hint, Code.MISSING_SECTION)
            continue
        node = pairs[section.key][1]
        if _load_section(node, section, ctx, entries[section.kind], declared):
            unreadable.discard(section.kind)
    return unreadable


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building the playbook's many objects.

    Loading creates a tree of small objects, none of them in a reference cycle; without the
    pause, the collector walks the growing tree again and again, which costs about as much
    as the loading itself. Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_texts(read: Reader, root: str = ".") -> Loaded:
    """Load a playbook from file texts.

    Args:
        read: Returns a data file's text, or None and the problems that make it unreadable.
        root: The project root as the user named it, for the paths in messages.

    Returns:
        The loaded playbook, every declared id and every problem found while loading.
    """
    with paused_gc():
        return _load_texts(read, root)


@dataclass(frozen=True, slots=True)
class FilePart:
    """What one data file contributes to a playbook, loaded on its own."""

    entries: dict[Kind, list[Entry]]
    declared: tuple[Declared, ...]
    references: tuple[Reference, ...]
    problems: tuple[Problem, ...]
    unreadable: frozenset[Kind]


def load_file(spec: FileSpec, text: str | None, problems: list[Problem], shown: str) -> FilePart:
    """Load one data file from its text (None when it could not be read).

    Args:
        spec: The file's declaration.
        text: Its text, or None.
        problems: The problems met reading it.
        shown: Its path as printed in messages.

    Returns:
        Its entries, declared ids, references and problems.
    """
    ctx = Context()
    ctx.problems.extend(problems)
    entries: dict[Kind, list[Entry]] = {section.kind: [] for section in spec.sections}
    declared: list[Declared] = []
    unreadable = {section.kind for section in spec.sections}
    source = parse_yaml(text, shown) if text is not None else None
    if source is not None:
        ctx.problems.extend(source.problems)
        if source.root is not None:
            unreadable = _load_file(spec, source.root, ctx, entries, declared)
    return FilePart(
        entries, tuple(declared), tuple(ctx.references), tuple(ctx.problems), frozenset(unreadable)
    )


def combine(parts: list[FilePart]) -> Loaded:
    """Put the files of a playbook together, in the order of :data:`FILES`."""
    entries: dict[Kind, list[Entry]] = {kind: [] for kind in Kind}
    for part in parts:
        for kind, items in part.entries.items():
            entries[kind].extend(items)
    references = [ref for part in parts for ref in part.references]
    return Loaded(
        _playbook(entries, references),
        tuple(item for part in parts for item in part.declared),
        tuple(problem for part in parts for problem in part.problems),
        frozenset().union(*(part.unreadable for part in parts)),
    )


def _load_texts(read: Reader, root: str) -> Loaded:
    parts = []
    for spec in FILES:
        shown = shown_path(root, spec.name)
        text, problems = read(spec.name, shown)
        parts.append(load_file(spec, text, problems, shown))
    return combine(parts)


def _playbook(entries: dict[Kind, list[Entry]], references: list[Reference]) -> Playbook:
    fields: dict[str, Any] = {kind.info.section: tuple(entries[kind]) for kind in Kind}
    return Playbook(**fields, references=tuple(references))


def _unread(name: str, kind: str | None, root: str) -> Problem:
    """Report an entry of the data directory that the playbook does not read."""
    known = sorted(spec.name for spec in FILES)
    shown = printable(name)
    reads = f"the playbook reads only {', '.join(known)}"
    lowered = name.lower()
    stem = lowered.removesuffix(".yaml").removesuffix(".yml")
    meant = next((k for k in known if stem == k.removesuffix(".yml")), None)
    what = "file" if kind is None else kind.removeprefix("a ")
    where = Location(shown_path(root, shown))
    message = f"{what} '{shown}' is not read; {reads}"
    if meant is not None:
        return Problem(where, "error", message, f"rename it to '{meant}'", Code.UNKNOWN_FILE)
    elsewhere = f"move it out of {DATA_DIR}/: nothing else in it is read"
    if lowered.endswith((".yml", ".yaml")):
        near = closest(name, known)
        hint = "did you mean " + " or ".join(f"'{n}'" for n in near) + "?" if near else elsewhere
        return Problem(where, "error", message, hint, Code.UNKNOWN_FILE)
    return Problem(where, "warning", message, elsewhere, Code.UNKNOWN_FILE)


def _unknown_files(directory: DataDirectory, root: str) -> list[Problem]:
    """Report every entry of the data directory that is not read, hidden ones aside."""
    known = {spec.name for spec in FILES}
    return [
        _unread(name, directory.kind(name), root)
        for name in sorted(directory.names)
        if name not in known and not name.startswith(".") and name != ACTUALS
    ]


def load_directory(project: Path, root: str = ".") -> Loaded:
    """Load the playbook of a project directory.

    Args:
        project: The project directory (holding ``playbook_data/``).
        root: The project root as the user named it, for the paths in messages.

    Returns:
        The loaded playbook, every declared id and every problem found while loading.
    """
    shown = os.path.normpath(os.path.join(root, DATA_DIR))
    with DataDirectory(project / DATA_DIR, shown) as directory:
        if directory.problem is not None:
            return Loaded(Playbook(), (), (directory.problem,))

        def read(name: str, shown: str) -> tuple[str | None, list[Problem]]:
            raw, problems = directory.read(name, shown)
            return (None, problems) if raw is None else decode_text(raw, shown)

        loaded = load_texts(read, root)
        problems = _unknown_files(directory, root) + list(loaded.problems)
    actuals = load_actuals(project / DATA_DIR, shown)
    if not actuals.rows and not actuals.problems:
        return Loaded(loaded.playbook, loaded.declared, tuple(problems), loaded.unreadable)
    playbook = dataclasses.replace(loaded.playbook, actuals=actuals.rows)
    problems += actuals.problems
    return Loaded(
        playbook, loaded.declared, tuple(problems), loaded.unreadable, commit_day(project)
    )
