r"""Text made safe for a terminal or a CI log: control characters shown, never obeyed.

Data is untrusted, and so is what git hands over. A carriage return, an escape sequence
(``\x1b[2K`` clears the line) or a right-to-left override (U+202E) in a value could make a
terminal show something the output does not say, such as a clean result. Every message
printed by the ``playbook`` command goes through :func:`printable` first.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from .characters import is_invisible

_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""Controls, format characters (bidi, zero-width), surrogates, line and paragraph separators."""
_SUSPECT = re.compile(r"[^\x20-\x7e]")
_NOT_ASCII = re.compile(r"[^\x00-\x7e]")
"""What JSON leaves as it is: it escapes the C0 controls in strings itself."""


def _hidden(char: str) -> bool:
    return unicodedata.category(char) in _HIDDEN_CATEGORIES or is_invisible(char)


def _shown(char: str) -> str:
    point = ord(char)
    if point <= 0xFF:
        return f"\\x{point:02x}"
    return f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}"


def printable(text: str) -> str:
    r"""Return text with every control and format character written out as an escape.

    C0 and C1 controls, DEL, line breaks and tabs, bidirectional and zero-width format
    characters and lone surrogates become ``\x1b``, ``\u202e`` and the like; everything
    else, including letters of every script and emoji, is kept.

    Args:
        text: Any text, from the data, git or the command line.

    Returns:
        The text on one line, safe to write to a terminal.
    """
    return _SUSPECT.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    return _shown(char) if _hidden(char) else char


def _json_escape(match: re.Match[str]) -> str:
    char = match.group()
    if not _hidden(char):
        return char
    data = char.encode("utf-16-le", "surrogatepass")
    units = [int.from_bytes(data[i : i + 2], "little") for i in range(0, len(data), 2)]
    return "".join(f"\\u{unit:04x}" for unit in units)


def json_document(document: Any) -> str:
    r"""Return a JSON document, indented, with control and format characters escaped.

    Programs reading it get the data exactly (``\u202e`` decodes to U+202E); a person
    reading it in a terminal sees the escape, not its effect. Other characters stay as they
    are, not as ``\u`` escapes.

    Args:
        document: Any value ``json.dumps`` accepts.

    Returns:
        The JSON text, ending with a line break.
    """
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return _NOT_ASCII.sub(_json_escape, text) + "\n"
