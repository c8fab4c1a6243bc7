"""Read one YAML file into a tree of located nodes, treating the file as untrusted.

The tree is built from libyaml's event stream by an iterative composer of our own, so that:
no tag ever constructs an object (values are read as text, and typed by the schema later);
anchors and aliases are refused (no expansion bomb); nesting depth, file size and the number
of parts are bounded (no stack overflow, no memory exhaustion: a file of 8 MiB written as
``[a,a,a,…]`` would otherwise become four million nodes); duplicate keys stay visible to the
loader (PyYAML would keep only the last one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import NamedTuple

import yaml

from ..model.codes import Code
from ..model.printable import printable
from ..model.problems import Location, Problem
from .files import MAX_FILE_BYTES as MAX_FILE_BYTES  # noqa: PLC0414 - the limit, re-exported
from .files import position, read_text

MAX_DEPTH = 24
MAX_EVENTS = 250_000
"""Parser events per file (a value is one, a list or mapping two): the default playbook's
largest file has under 2,000."""

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(
    _STD + name for name in ("str", "int", "float", "bool", "null", "timestamp")
)
_SEQ_TAG = _STD + "seq"
_MAP_TAG = _STD + "map"


class Scalar(NamedTuple):
    """A scalar as written: its text, its explicit tag if any, and whether it was plain."""

    value: str
    tag: str | None
    plain: bool
    where: Location


class Seq(NamedTuple):
    """A sequence of nodes."""

    items: list[Node]
    where: Location


class Map(NamedTuple):
    """A mapping, as the list of its key/value pairs in file order (duplicates kept)."""

    pairs: list[tuple[Node, Node]]
    where: Location


Node = Scalar | Seq | Map


class SourceFile(NamedTuple):
    """The outcome of reading one file: its root node (or None) and the problems met."""

    root: Node | None
    problems: list[Problem]


def _error(where: Location, message: str, hint: str, code: Code) -> Problem:
    return Problem(where, "error", message, hint, code)


def _mark(mark: yaml.Mark | yaml._yaml.Mark | None, shown: str) -> Location:
    if mark is None:
        return Location(shown, 1, 1)
    return Location(shown, mark.line + 1, mark.column + 1)


def _syntax_problem(err: yaml.YAMLError, text: str, shown: str) -> Problem:
    """Describe a YAML syntax error at its position, without PyYAML's stream names.

    The parser's words are made printable: the pure-Python parser quotes the character it
    stopped at.
    """
    if isinstance(err, yaml.MarkedYAMLError):
        where = _mark(err.problem_mark or err.context_mark, shown)
        message = f"YAML syntax error: {printable(err.problem or err.context or '')}"
        hint = ""
        if err.context and err.problem and err.context_mark is not None:
            start = _mark(err.context_mark, shown)
            context = printable(err.context)
            hint = f"{context} that starts at line {start.line}, column {start.col}"
        return _error(where, message, hint, Code.YAML_SYNTAX)
    if isinstance(err, yaml.reader.ReaderError):
        where = position(text, max(err.position, 0), shown)
        return _error(
            where,
            f"YAML syntax error: character #x{err.character:04x} is not allowed",
            "remove control characters from the file",
            Code.YAML_SYNTAX,
        )
    message = f"YAML syntax error: {printable(str(err))}"
    return _error(Location(shown, 1, 1), message, "", Code.YAML_SYNTAX)


def _anchor(event: yaml.NodeEvent, shown: str) -> Problem:
    return _error(
        _mark(event.start_mark, shown),
        f"anchors are not supported (&{event.anchor})",
        "write the value out in full",
        Code.YAML_ALIAS,
    )


def _refused(event: yaml.Event, shown: str) -> Problem:
    """Return the problem with a second document or an alias."""
    if isinstance(event, yaml.AliasEvent):
        return _error(
            _mark(event.start_mark, shown),
            f"aliases are not supported (*{event.anchor})",
            "write the value out in full",
            Code.YAML_ALIAS,
        )
    return _error(
        _mark(event.start_mark, shown),
        "a data file holds one YAML document; found a second one",
        "remove the '---' line and merge the two parts",
        Code.YAML_DOCUMENTS,
    )


def _opened(event: yaml.CollectionStartEvent, depth: int, shown: str) -> Seq | Map | Problem:
    """Return the empty collection an event starts, or the problem that refuses it."""
    where = _mark(event.start_mark, shown)
    if event.anchor is not None:
        return _anchor(event, shown)
    if depth >= MAX_DEPTH:
        return _error(
            where,
            f"data is nested deeper than {MAX_DEPTH} levels",
            "playbook entries need at most 4",
            Code.YAML_DEPTH,
        )
    if event.tag not in (None, "!", _SEQ_TAG, _MAP_TAG):
        return _unsupported_tag(event.tag, where)
    return Seq([], where) if isinstance(event, yaml.SequenceStartEvent) else Map([], where)


def _scalar(event: yaml.ScalarEvent, shown: str, refused: list[Problem]) -> Scalar | Problem:
    """Return the scalar an event holds, or the problem that refuses it.

    A text holding a character data may not hold is returned too, its problem added to
    ``refused``, so that all of them are reported at once.
    """
    if event.anchor is not None:
        return _anchor(event, shown)
    tag = None if event.tag in (None, "!") else event.tag
    where = _mark(event.start_mark, shown)
    if tag is not None and tag not in _SCALAR_TAGS:
        return _unsupported_tag(tag, where)
    scalar = Scalar(event.value, tag, not event.style and event.implicit[0], where)
    if (problem := _forbidden(scalar)) is not None:
        refused.append(problem)
    return scalar


_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
"""What a decoded text may not hold, though YAML escapes (``"\\0"``, ``"\\e"``) can write it:
control characters other than tab and line feed (a carriage return, a NUL or an escape
sequence would reach the page and the terminal), Unicode line and paragraph separators (line
breaks to some programs, not to others) and lone surrogates (not characters: they cannot be
written out as UTF-8)."""


def _forbidden(scalar: Scalar) -> Problem | None:
    """Return the problem with a text holding a character data may not hold, if any."""
    found = _FORBIDDEN.search(scalar.value)
    if found is None:
        return None
    point = ord(found.group())
    name = f"U+{point:04X}"
    if 0xD800 <= point <= 0xDFFF:
        message, code = f"text holds {name}, which is not a character", Code.NOT_A_CHARACTER
        hint = "remove it; write a character as itself, or as one \\U escape"
    elif point in (0x2028, 0x2029):
        kind = "line" if point == 0x2028 else "paragraph"
        message, code = f"text holds the {kind} separator {name}", Code.CONTROL_CHARACTER
        hint = "remove it; use a line break in a paragraph, or a space"
    else:
        message, code = f"text holds the control character {name}", Code.CONTROL_CHARACTER
        hint = "remove it; data text may hold tabs and line breaks, no other control characters"
    return _error(scalar.where, message, hint, code)


def _compose(
    events: Iterator[yaml.Event], shown: str, refused: list[Problem]
) -> Node | Problem | None:
    """Build located nodes from parser events, iteratively, refusing what we do not support.

    This loop runs once per node of every data file, so it stays flat: one branch per kind
    of event, the refusals checked in the order the events come.

    Texts holding characters data may not hold are reported in ``refused``.

    Returns:
        The root node, None for a stream without one, or the first problem that stops it.
    """
    top = Seq([], Location(shown))  # holds the root node
    stack: list[Seq | Map] = [top]  # the open collections, innermost last
    keys: list[Node | None] = [None]  # for each, the mapping key waiting for its value
    documents = 0
    for event in events:
        node: Node
        if isinstance(event, yaml.ScalarEvent):
            scalar = _scalar(event, shown, refused)
            if isinstance(scalar, Problem):
                return scalar
            node = scalar
        elif isinstance(event, yaml.CollectionStartEvent):
            opened = _opened(event, len(stack) - 1, shown)
            if isinstance(opened, Problem):
                return opened
            stack.append(opened)
            keys.append(None)
            continue
        elif isinstance(event, yaml.CollectionEndEvent):
            node = stack.pop()
            keys.pop()
        elif isinstance(event, yaml.AliasEvent) or (
            isinstance(event, yaml.DocumentStartEvent) and documents > 0
        ):
            return _refused(event, shown)
        else:
            documents += isinstance(event, yaml.DocumentStartEvent)
            continue
        if isinstance(parent := stack[-1], Seq):
            parent.items.append(node)
        elif (key := keys[-1]) is None:
            keys[-1] = node
        else:
            parent.pairs.append((key, node))
            keys[-1] = None
    return top.items[0] if top.items else None


def _unsupported_tag(tag: str, where: Location) -> Problem:
    short = printable(tag.replace("tag:yaml.org,2002:", "!!"))  # %1b in a tag is an escape
    return _error(
        where,
        f"YAML tag '{short}' is not allowed",
        "playbook data is plain text, numbers, lists and mappings; remove the tag",
        Code.YAML_TAG,
    )


def parse_yaml(text: str, shown: str) -> SourceFile:
    """Parse YAML text into located nodes, or report why it cannot be.

    Args:
        text: The file's text.
        shown: The path as printed in messages.

    Returns:
        The root node and the problems met; the root is None when there are problems (the
        file is then not used at all).
    """
    events = yaml.parse(text, Loader=_Loader)
    refused: list[Problem] = []
    try:
        root = _compose(islice(events, MAX_EVENTS), shown, refused)
        more = None if isinstance(root, Problem) else next(events, None)
    except yaml.YAMLError as err:
        root, more = _syntax_problem(err, text, shown), None
    except UnicodeEncodeError as err:
        # Text decoded with "surrogateescape" holds lone surrogates that libyaml cannot take.
        where = position(text, err.start, shown)
        message = f"text holds U+{ord(text[err.start]):04X}, which is not a character"
        return SourceFile(None, [_error(where, message, "save the file as UTF-8", Code.NOT_UTF8)])
    if more is not None:
        message = f"file has more than {MAX_EVENTS:,} parts (values, lists and mappings)"
        hint = "split the data or remove what does not belong in the handbook"
        root = _error(_mark(more.start_mark, shown), message, hint, Code.FILE_TOO_LARGE)
    if isinstance(root, Problem):
        return SourceFile(None, [*refused, root])
    if refused:
        return SourceFile(None, refused)
    if root is None:
        where = Location(shown, 1, 1)
        hint = "start it with 'version: 1'"
        return SourceFile(None, [_error(where, "file is empty", hint, Code.EMPTY)])
    return SourceFile(root, [])


def read_yaml(path: Path, shown: str) -> SourceFile:
    """Read and parse one data file.

    Args:
        path: The file on disk.
        shown: The path as printed in messages.

    Returns:
        The root node (None if the file is unusable) and the problems met.
    """
    text, problems = read_text(path, shown)
    if text is None:
        return SourceFile(None, problems)
    return parse_yaml(text, shown)
