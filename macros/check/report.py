"""Format problems for people (text), programs (JSON) and GitHub Actions (annotations)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from ..model.formatting import count
from ..model.printable import json_document, printable
from ..model.problems import Problem

Format = Literal["text", "json", "github"]
FORMATS: tuple[Format, ...] = ("text", "json", "github")


def summary(problems: Sequence[Problem]) -> str:
    """Return a one-line tally, e.g. ``2 errors, 1 warning``."""
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    return f"{count(errors, 'error')}, {count(warnings, 'warning')}"


def as_text(problems: Sequence[Problem]) -> str:
    """One ``path:line:col: severity: message; hint`` line per problem, then the tally.

    Each line is printable: control characters in the data show as escapes.
    """
    lines = [str(p) for p in problems]
    lines.append(f"playbook check: {summary(problems)}")
    return "\n".join(lines) + "\n"


def as_json(problems: Sequence[Problem]) -> str:
    """A JSON document with every problem as an object, and the tally."""
    errors = sum(1 for p in problems if p.severity == "error")
    document = {
        "errors": errors,
        "warnings": len(problems) - errors,
        "problems": [
            {
                "path": p.where.path,
                "line": p.where.line,
                "col": p.where.col,
                "severity": p.severity,
                "code": p.code,
                "message": p.message,
                "hint": p.hint,
            }
            for p in problems
        ],
    }
    return json_document(document)


def _escape_data(text: str) -> str:
    """Escape text for a workflow command, after writing out its control characters.

    The runner turns ``%25``, ``%0D`` and ``%0A`` back into ``%``, CR and LF; a line break
    that reached it would end the annotation and could start another command. No raw line
    break is left after :func:`printable`, and the ``%`` escape keeps ``%0A`` in data as text.
    A ``::`` in the message needs nothing: the runner ends the properties at the first one.
    """
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands, one annotation per problem on its file and line."""
    lines = []
    for p in problems:
        message = f"{p.message}; {p.hint}" if p.hint else p.message
        props = (
            f"file={_escape_property(p.where.path)},line={p.where.line},col={p.where.col},"
            f"title={_escape_property('playbook ' + p.code)}"
        )
        lines.append(f"::{p.severity} {props}::{_escape_data(message)}")
    lines.append(f"playbook check: {summary(problems)}")
    return "\n".join(lines) + "\n"


def render(problems: Sequence[Problem], fmt: Format) -> str:
    """Format problems in one of :data:`FORMATS`."""
    return {"text": as_text, "json": as_json, "github": as_github}[fmt](problems)
