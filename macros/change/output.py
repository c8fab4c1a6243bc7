"""Show a playbook diff as text (terminals), Markdown (pull-request comments) or JSON.

Output depends only on the diff: changes come sorted by kind then id, fields in model order.
Every text from the data or git is made safe for where it goes: printable for a terminal
(:mod:`macros.model.printable`), literal in a GitHub comment (:mod:`macros.change.gfm`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from itertools import groupby
from typing import Any, Literal

from ..model.formatting import capitalized, count
from ..model.printable import json_document, printable
from . import gfm
from .diff import ACTIONS, Change, Diff, FieldChange

DiffFormat = Literal["text", "markdown", "json"]
DIFF_FORMATS: tuple[DiffFormat, ...] = ("text", "markdown", "json")
MARKER = "<!-- playbook-diff -->"
"""First line of the Markdown output, so a workflow can find and update its own comment."""

_NONE = "(none)"


def _same(text: str) -> str:
    return text


def summary(diff: Diff, shown: Callable[[str], str] = _same) -> str:
    """Return the one-line tally, e.g. ``2 changes: 1 added, 1 changed; needs both teams: …``.

    Args:
        diff: The diff to count.
        shown: How an entry id is written in the output (made safe for a comment).
    """
    if not diff.changes:
        return "no changes"
    tally = Counter(change.action for change in diff.changes)
    parts = ", ".join(f"{tally[action]} {action}" for action in ACTIONS if tally[action])
    line = f"{count(len(diff.changes), 'change')}: {parts}"
    both = [f"{c.kind.label} {shown(c.id)}" for c in diff.changes if c.both_teams]
    return f"{line}; needs both teams: {', '.join(both)}" if both else line


def _load_notes(diff: Diff, shown: Callable[[str], str] = _same) -> Iterator[str]:
    for side, errors in ((diff.base, diff.base_errors), (diff.head, diff.head_errors)):
        if errors:
            yield (
                f"{count(errors, 'error')} loading {shown(side)}: entries that failed to "
                "load are not compared; run playbook check"
            )


def _joined(items: tuple[str, ...]) -> str:
    """Return values on one line: comma-separated, each with its whitespace collapsed."""
    return ", ".join(" ".join(item.split()) for item in items)


def field_line(change: FieldChange) -> str:
    """Describe a field change in one line, e.g. ``owner vp-sales → cro``."""
    if change.style == "prose":
        if not change.old or not change.new:
            return f"{change.name} {'added' if change.new else 'removed'}"
        return f"{change.name} changed"
    if change.style == "lines":
        added, removed = change.counts()
        parts = [f"{n} {what}" for n, what in ((added, "added"), (removed, "removed")) if n]
        return f"{change.name} changed ({', '.join(parts) or 'reordered'})"
    return f"{change.name} {_joined(change.old) or _NONE} → {_joined(change.new) or _NONE}"


def action_line(change: Change) -> str | None:
    """Describe what happened to the entry as a whole; None for a plain change of fields."""
    if change.action == "renamed":
        return f"{change.kind.label} {change.old_id} → {change.id}: renamed"
    if change.action == "deprecated":
        return f"{change.label}: deprecated, replaced by {change.replaced_by}"
    if change.action == "merged":
        return f"{change.label}: removed, merged into {change.replaced_by}"
    if change.action == "changed":
        return None
    return f"{change.label}: {change.action}"


def as_text(diff: Diff) -> str:
    """One line per added, removed, renamed or deprecated entry and per changed field.

    Each line is printable: control characters in the data show as escapes.
    """
    lines = [f"Playbook changes from {diff.base} to {diff.head}", summary(diff)]
    lines += [f"note: {note}" for note in _load_notes(diff)]
    if diff.changes:
        lines.append("")
    for change in diff.changes:
        action = action_line(change)
        if action is not None:
            lines.append(action)
        lines += [f"{change.label}: {field_line(field)}" for field in change.fields]
    return "\n".join(printable(line) for line in lines) + "\n"


def _shown(items: tuple[str, ...]) -> str:
    return gfm.code(_joined(items)) or "*none*"


def _details(field: FieldChange) -> list[str]:
    """Return a collapsed block showing the old and new text as a diff."""
    old, new = field.old, field.new
    if field.style == "lines":
        old = tuple(item for item in field.old if item not in field.new)
        new = tuple(item for item in field.new if item not in field.old)
    if not old and not new:
        return []
    body = [f"- {line}" for item in old for line in item.splitlines()]
    body += [f"+ {line}" for item in new for line in item.splitlines()]
    block = ["<details><summary>Old and new</summary>", "", *gfm.fenced(body, "diff")]
    return [*block, "", "</details>"]


def _field_markdown(field: FieldChange) -> list[str]:
    if field.style in ("value", "list"):
        return [f"- `{field.name}`: {_shown(field.old)} → {_shown(field.new)}"]
    head = field_line(field).removeprefix(field.name)
    details = _details(field)
    lines = [f"- `{field.name}`{head}"]
    if details:
        lines += ["  " + line if line else "" for line in details]
    return lines


def _change_markdown(change: Change) -> list[str]:
    shown = gfm.text(change.name) if change.name and change.name != change.id else ""
    name = f" ({shown})" if shown else ""
    teams = f" ({', '.join(gfm.text(t) for t in change.teams)})" if len(change.teams) > 1 else ""
    both = f" · **needs both teams**{teams}" if change.both_teams else ""
    what = {
        "renamed": f"renamed from {gfm.code(change.old_id or '')}",
        "deprecated": f"deprecated, replaced by {gfm.code(change.replaced_by or '')}",
        "merged": f"removed, merged into {gfm.code(change.replaced_by or '')}",
    }.get(change.action, change.action)
    lines = [f"- **{change.kind.label} {gfm.code(change.id)}**{name}: {what}{both}"]
    for field in change.fields:
        lines += ["  " + line if line else "" for line in _field_markdown(field)]
    return lines


def as_markdown(diff: Diff) -> str:
    """A pull-request comment: the tally, then the changes grouped by kind.

    Every text from the data or git is literal (see :mod:`macros.change.gfm`): a display name
    cannot mention a team, add a link or HTML, or hide the lines that follow it.
    """
    title = f"### Playbook changes from {gfm.text(diff.base)} to {gfm.text(diff.head)}"
    lines = [MARKER, title, "", summary(diff, gfm.text)]
    for note in _load_notes(diff, gfm.text):
        lines += ["", "> [!WARNING]", f"> {note}"]
    for kind, changes in groupby(diff.changes, key=lambda change: change.kind):
        lines += ["", f"#### {capitalized(kind.info.plural)}", ""]
        for change in changes:
            lines += _change_markdown(change)
    return "\n".join(lines) + "\n"


def _value(field: FieldChange, items: tuple[str, ...]) -> Any:
    if field.style in ("list", "lines"):
        return list(items)
    return items[0] if items else None


def _change_json(change: Change) -> dict[str, Any]:
    return {
        "kind": change.kind.label,
        "id": change.id,
        "action": change.action,
        "name": change.name,
        "old_id": change.old_id,
        "replaced_by": change.replaced_by,
        "teams": list(change.teams),
        "needs_both_teams": change.both_teams,
        "summary": action_line(change),
        "fields": [
            {
                "field": field.name,
                "style": field.style,
                "old": _value(field, field.old),
                "new": _value(field, field.new),
                "summary": field_line(field),
            }
            for field in change.fields
        ],
    }


def as_json(diff: Diff) -> str:
    """A JSON document for programs: the tally, the load errors and every change."""
    tally = Counter(change.action for change in diff.changes)
    document = {
        "base": diff.base,
        "head": diff.head,
        "summary": summary(diff),
        "counts": {action: tally[action] for action in ACTIONS},
        "needs_both_teams": [change.label for change in diff.changes if change.both_teams],
        "load_errors": {"base": diff.base_errors, "head": diff.head_errors},
        "changes": [_change_json(change) for change in diff.changes],
    }
    return json_document(document)


def render_diff(diff: Diff, fmt: DiffFormat) -> str:
    """Format a diff in one of :data:`DIFF_FORMATS`."""
    return {"text": as_text, "markdown": as_markdown, "json": as_json}[fmt](diff)
