"""The problem codes as a table, generated from the registry, for the reference docs."""

from __future__ import annotations

from ..model.codes import Code


def problem_codes() -> str:
    """Render every problem code with its severity and meaning, in the registry's order.

    A code whose severity depends on the case shows ``error or warning``; its meaning says
    which is which.
    """
    rows = ["| Code | Severity | Meaning |", "|---|---|---|"]
    for code in Code:
        severity = code.severity or "error or warning"
        meaning = code.meaning.replace("|", "\\|")
        rows.append(f"| `{code.value}` | {severity} | {meaning} |")
    return "\n".join(rows) + "\n"
