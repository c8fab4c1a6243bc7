"""Format problems for people (text), programs (JSON) and GitHub Actions (annotations)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal

from .problems import Problem

Format = Literal["text", "json", "github"]
FORMATS: tuple[Format, ...] = ("text", "json", "github")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def summary(problems: Sequence[Problem]) -> str:
    """Return a one-line tally, e.g. ``2 errors, 1 warning``."""
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    return f"{_count(errors, 'error')}, {_count(warnings, 'warning')}"


def as_text(problems: Sequence[Problem]) -> str:
    """One ``path:line:col: severity: message; hint`` line per problem, then the tally."""
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
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands, one annotation per problem on its file and line."""
    lines = []
    for p in problems:
        message = f"{p.message}; {p.hint}" if p.hint else p.message
        props = (
            f"file={_escape_property(p.where.path)},line={p.where.line},col={p.where.col},"
            f"title={_escape_property('playbook ' + (p.code or p.severity))}"
        )
        lines.append(f"::{p.severity} {props}::{_escape_data(message)}")
    lines.append(f"playbook check: {summary(problems)}")
    return "\n".join(lines) + "\n"


def render(problems: Sequence[Problem], fmt: Format) -> str:
    """Format problems in one of :data:`FORMATS`."""
    return {"text": as_text, "json": as_json, "github": as_github}[fmt](problems)
