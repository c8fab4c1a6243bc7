"""Load ``playbook_data/`` into a :class:`~macros.model.Playbook`, collecting every problem.

Loading checks each file on its own (syntax, version, sections, fields and their types);
:mod:`macros.check` then checks the playbook as a whole (ids, references, rules).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .convert import Context, convert_fields, describe, read_pairs
from .fields import FileSpec, SectionSpec
from .model import Entry, Kind, Playbook, Reference
from .problems import Location, Problem
from .schema import DATA_DIR, FILES, VERSION
from .source import Map, Node, Scalar, Seq, parse_yaml, read_text
from .suggest import did_you_mean

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
            node.where, f"must be a mapping of fields, not {describe(node)}", code="wrong-type"
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
        ctx.error(root.where, "has no 'version'", f"start the file with 'version: {VERSION}'")
        return False
    node = pairs["version"][1]
    if not isinstance(node, Scalar) or node.value.strip() != str(VERSION):
        ctx.error(
            node.where,
            f"has unsupported version {describe(node)}",
            f"this playbook reads version {VERSION}",
            "version",
        )
        return False
    return True


def _load_section(
    node: Node, section: SectionSpec, ctx: Context, entries: list[Entry], declared: list[Declared]
) -> bool:
    if not isinstance(node, Seq):
        ctx.error(node.where, f"section '{section.key}' must be a list, not {describe(node)}")
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
        ctx.error(root.where, f"must be a mapping with {keys}, not {describe(root)}")
        return unreadable
    allowed = ("version", *(s.key for s in spec.sections))
    pairs, meant = read_pairs(root, allowed, ctx, f"sections of {spec.name}")
    if not _version(pairs, root, ctx):
        return unreadable
    for section in spec.sections:
        ctx.label = spec.name
        if section.key not in pairs:
            if section.key not in meant:
                ctx.error(root.where, f"has no '{section.key}' section", f"add '{section.key}:'")
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
    fields: dict[str, Any] = {
        "teams": entries[Kind.TEAM],
        "roles": entries[Kind.ROLE],
        "raci": entries[Kind.RACI],
        "terms": entries[Kind.TERM],
        "stages": entries[Kind.STAGE],
        "kpis": entries[Kind.KPI],
        "slas": entries[Kind.SLA],
        "meetings": entries[Kind.MEETING],
    }
    return Playbook(
        **{name: tuple(items) for name, items in fields.items()}, references=tuple(references)
    )


def _unknown_files(data_dir: Path, root: str) -> list[Problem]:
    known = {spec.name for spec in FILES}
    return [
        Problem(
            Location(shown_path(root, path.name)),
            "error",
            f"'{path.name}' is not a playbook data file",
            did_you_mean(path.name, known, "data files"),
            "unknown-file",
        )
        for path in sorted(data_dir.iterdir())
        if path.suffix in (".yml", ".yaml") and path.name not in known
    ]


def load_directory(project: Path, root: str = ".") -> Loaded:
    """Load the playbook of a project directory.

    Args:
        project: The project directory (holding ``playbook_data/``).
        root: The project root as the user named it, for the paths in messages.

    Returns:
        The loaded playbook, every declared id and every problem found while loading.
    """
    data_dir = project / DATA_DIR
    if not data_dir.is_dir():
        where = Location(os.path.normpath(os.path.join(root, DATA_DIR)))
        problem = Problem(
            where, "error", "data directory is missing", "run from the project root", "file-missing"
        )
        return Loaded(Playbook(), (), (problem,))
    loaded = load_texts(lambda name, shown: read_text(data_dir / name, shown), root)
    problems = _unknown_files(data_dir, root) + list(loaded.problems)
    return Loaded(loaded.playbook, loaded.declared, tuple(problems), loaded.unreadable)
