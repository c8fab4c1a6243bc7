"""Text from the data or git made safe for a GitHub comment: shown as written, never acted on.

A pull-request comment is GitHub-flavoured Markdown, and GitHub does more with it than
Markdown does: ``@acme/sales`` notifies a team, ``#12``, ``GH-12`` and commit ids become
links, bare URLs and ``www.`` addresses become links, and ``<a>``, ``<img>`` and
``<details>`` are real HTML. None of this happens inside a code span, so text is either
made only of letters, digits, spaces and a few harmless marks (then it is shown as it is),
or it is shown as a code span. Control and format characters are written out as escapes
either way (see :mod:`macros.model.printable`).
"""

from __future__ import annotations

import re

from ..model.formatting import code_span, fence
from ..model.printable import printable

_PLAIN = re.compile(r"(?:[^\W_]|[ ,'()%&/+-])+")
"""Letters, digits and marks with no meaning to Markdown or GitHub, in any order."""
_AUTOLINKED = re.compile(r"[0-9a-fA-F]{7,}|[A-Za-z]-[0-9]")
"""What GitHub may link even in plain words: commit ids, and ``GH-12`` style references."""


def code(text: str) -> str:
    """Return text as one code span, whatever backticks it holds.

    Args:
        text: Any text; white space, line breaks included, is collapsed to single spaces.

    Returns:
        The code span, or ``""`` for text that is empty or only white space.
    """
    flat = printable(" ".join(text.split()))
    return code_span(flat) if flat else ""


def text(value: str) -> str:
    """Return text for running prose in a comment: as it is when harmless, else a code span.

    ``Sales Accepted Lead`` stays as it is; ``@acme/sales``, ``#12``, ``<b>x</b>``,
    ``[x](https://…)``, ``*x*`` and ``https://…`` become code spans, which GitHub shows
    literally: no mention, no link, no HTML, no emphasis.

    Args:
        value: Any text; white space is collapsed to single spaces.

    Returns:
        The text to put in the comment, or ``""`` for empty text.
    """
    flat = " ".join(value.split())
    if _PLAIN.fullmatch(flat) and not _AUTOLINKED.search(flat):
        return flat
    return code(flat)


def fenced(lines: list[str], info: str = "") -> list[str]:
    """Return lines as a fenced code block, whatever backticks they hold.

    Args:
        lines: The lines to show; control characters are written out as escapes.
        info: The info string after the opening fence, e.g. ``diff``.

    Returns:
        The block's lines, opening and closing fence included.
    """
    shown = [printable(line) for line in lines]
    marks = fence("\n".join(shown), 3)
    return [f"{marks}{info}", *shown, marks]
