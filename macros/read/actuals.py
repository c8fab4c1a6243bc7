"""Actuals: the CSV files in ``playbook_data/actuals/``, one row per ``period,kpi,value``.

Blank lines and lines starting with ``#`` (a note such as "sample data") are skipped.

Each file is read through the bounded regular-file reader (at most 5 MB), decoded as UTF-8
and parsed by a small CSV reader that keeps the line and column of every field. A field is
kept as text: a value such as ``=HYPERLINK(…)`` is never evaluated, and the renderers escape
it where it is shown. What a row means (a known KPI, a number that fits its unit, a period of
the KPI's kind) is the checker's (:mod:`macros.check.actuals`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..model.characters import PROSE, char_name, refused
from ..model.codes import Code
from ..model.entries import Actual
from ..model.printable import printable
from ..model.problems import Location, Problem
from .files import DataDirectory, decode_text

DIRECTORY = "actuals"
MAX_BYTES = 5_000_000
"""The size limit of one actuals file: 5 MB."""
MAX_FIELD = 200
"""The most characters one field may hold."""
_PLAIN = re.compile(rf"[ -~]{{0,{MAX_FIELD}}}")
"""A field of printable ASCII within the length limit: nothing to refuse (the fast path)."""
HEADER = ("period", "kpi", "value")
"""The documented header, as a CRM or BI report exports it."""


@dataclass(frozen=True, slots=True)
class Actuals:
    """The rows read from every actuals file, and the problems found while reading."""

    rows: tuple[Actual, ...] = ()
    problems: tuple[Problem, ...] = ()


def _fields(line: str) -> tuple[list[tuple[str, int]], str]:
    """Split one line into (field, 1-based column) pairs; return why it cannot be, or ""."""
    fields: list[tuple[str, int]] = []
    at, size = 0, len(line)
    while True:
        col = at + 1
        if at < size and line[at] == '"':
            text, at = [], at + 1
            while True:
                end = line.find('"', at)
                if end < 0:
                    return fields, "a quoted field is not closed on its line"
                text.append(line[at:end])
                if end + 1 < size and line[end + 1] == '"':
                    text.append('"')
                    at = end + 2
                    continue
                at = end + 1
                break
            value = "".join(text)
            if at < size and line[at] != ",":
                return fields, "a quoted field goes on after its closing quote"
        else:
            end = line.find(",", at)
            end = size if end < 0 else end
            value, at = line[at:end], end
        fields.append((value, col))
        if at >= size:
            return fields, ""
        at += 1


def _skipped(line: str) -> bool:
    """Tell whether a line is blank or a comment (``#`` first), which the reader skips."""
    return not line.strip() or line.startswith("#")


def _error(where: Location, message: str, hint: str, code: Code) -> Problem:
    return Problem(where, "error", message, hint, code)


def _check_field(value: str, where: Location) -> Problem | None:
    if _PLAIN.fullmatch(value):
        return None
    if len(value) > MAX_FIELD:
        message = f"field is {len(value):,} characters, over the limit of {MAX_FIELD}"
        return _error(where, message, "an actual is a period, a KPI id and a number", Code.TOO_LONG)
    for char in value:
        if char < " " or char == "\x7f":
            message = f"field holds the control character {char_name(char)}"
            return _error(where, message, "remove it", Code.CONTROL_CHARACTER)
    for bad in refused(value, PROSE):
        message = f"field holds {char_name(bad.char)}, which reorders the text around it"
        return _error(where, message, "remove it", bad.code)
    return None


def parse(text: str, shown: str) -> Actuals:
    """Parse one actuals file's text; every row that can be read, and every problem."""
    lines = text.split("\n")
    first = next((n for n, line in enumerate(lines) if not _skipped(line)), 0)
    header = [f for f, _ in _fields(lines[first].rstrip("\r"))[0]]
    if tuple(h.strip().lower() for h in header) != HEADER:
        written = printable(",".join(header)[:80])
        return Actuals(
            problems=(
                _error(
                    Location(shown, first + 1),
                    f"header is '{written}', not the documented 'period,kpi,value'",
                    "the first line names the columns: period,kpi,value",
                    Code.ACTUALS_HEADER,
                ),
            )
        )
    rows: list[Actual] = []
    problems: list[Problem] = []
    for number, raw in enumerate(lines[first + 1 :], start=first + 2):
        line = raw.rstrip("\r")
        if _skipped(line):
            continue
        fields, wrong = _fields(line)
        if not wrong and len(fields) != len(HEADER):
            wrong = f"row has {len(fields)} fields, not the {len(HEADER)} of the header"
        if wrong:
            hint = "write period,kpi,value; quote a field that holds a comma"
            problems.append(_error(Location(shown, number), wrong, hint, Code.ACTUALS_ROW))
            continue
        at = [Location(shown, number, col) for _, col in fields]
        found = [p for (v, _), w in zip(fields, at, strict=True) if (p := _check_field(v, w))]
        if found:
            problems += found
            continue
        period, kpi, value = (v.strip() for v, _ in fields)
        rows.append(Actual(period=period, kpi=kpi, value=value, where=tuple(at)))
    return Actuals(tuple(rows), tuple(problems))


def _read_file(directory: DataDirectory, name: str, shown: str) -> Actuals:
    raw, problems = directory.read(name, shown, MAX_BYTES)
    if raw is None:
        return Actuals(problems=tuple(problems))
    if not raw.strip():
        hint = "the first line names the columns: period,kpi,value"
        return Actuals(problems=(_error(Location(shown), "file is empty", hint, Code.EMPTY),))
    text, problems = decode_text(raw, shown)
    return Actuals(problems=tuple(problems)) if text is None else parse(text, shown)


def load_actuals(data: Path, shown_data: str) -> Actuals:
    """Read every ``*.csv`` file of ``actuals/`` in the data directory, in name order.

    Args:
        data: The data directory on disk.
        shown_data: Its path as printed in messages, e.g. ``playbook_data``.

    Returns:
        Every readable row and every problem; nothing when there is no ``actuals/``.
    """
    path = data / DIRECTORY
    shown = os.path.join(shown_data, DIRECTORY)
    if not os.path.lexists(path):
        return Actuals()
    rows: list[Actual] = []
    problems: list[Problem] = []
    with DataDirectory(path, shown) as directory:
        if directory.problem is not None:
            return Actuals(problems=(directory.problem,))
        for name in sorted(directory.names):
            if name.startswith("."):
                continue
            where = Location(os.path.join(shown, printable(name)))
            if not name.endswith(".csv"):
                hint = f"move it out of {shown}/: only .csv files are read there"
                message = f"'{printable(name)}' is not read; actuals are .csv files"
                problems.append(Problem(where, "warning", message, hint, Code.UNKNOWN_FILE))
                continue
            read = _read_file(directory, name, where.path)
            rows += read.rows
            problems += read.problems
    return Actuals(tuple(rows), tuple(problems))


def commit_day(project: Path) -> dt.date | None:
    """Return the day of the commit checked out in ``project``, or None outside git.

    It is the playbook's "as of": actuals of a period that starts later are in the future.
    """
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "HEAD"],
            cwd=project,
            capture_output=True,
            check=False,
            timeout=60,
        )
        return dt.date.fromisoformat(done.stdout.decode("ascii").strip())
    except (OSError, ValueError, UnicodeDecodeError, subprocess.SubprocessError):
        return None
