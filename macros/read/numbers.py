"""Read a number as YAML writes it, within bounds that no handbook figure comes near.

This is the one place where data text becomes an ``int`` or a ``float``. It never raises:
Python refuses to read an integer of more than 4,300 digits (a ``ValueError``), and reads
``1e999`` as infinity, which no comparison, sum or formatting can use. So a number is refused
when it is written in more than :data:`MAX_CHARS` characters or when its size is beyond
:data:`MAX_MAGNITUDE`; YAML's ``.inf`` and ``.nan`` are not numbers; ``-0`` is read as 0.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..model.codes import Code

MAX_CHARS = 30
"""Characters in a written number, signs, digits and ``_`` included."""
MAX_MAGNITUDE = 10**15
"""The largest size of a number (a million billion: more than any budget, count or rate)."""

_INT = re.compile(r"^[-+]?[0-9][0-9_]*$")
# Possessive: "111…1x" must fail in linear time, not try every split of the digits.
_FLOAT = re.compile(r"^[-+]?([0-9][0-9_]*+)?\.?[0-9_]*+([eE][-+]?[0-9]+)?$")
_SPECIALS = frozenset(
    sign + word
    for sign in ("", "+", "-")
    for word in (".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN")
)


@dataclass(frozen=True, slots=True)
class NotANumber:
    """Why a text is not a usable number.

    Attributes:
        code: The problem's code, ``wrong-type`` or ``number-too-large``.
        says: What is wrong, to follow the field's name, e.g. ``is too large``; empty for
            "not a number", which the caller words with the type it wants.
        hint: How to fix it.
    """

    code: Code
    says: str = ""
    hint: str = ""


_SPECIAL = NotANumber(Code.WRONG_TYPE, "", "YAML's .inf and .nan are not numbers a handbook shows")
_NOT_A_NUMBER = NotANumber(Code.WRONG_TYPE)


def _too_large(raw: str) -> NotANumber:
    hint = f"numbers are at most {MAX_MAGNITUDE:,} in size; write it in a larger unit"
    if len(raw) > MAX_CHARS:
        says = f"is a number of {len(raw):,} characters, over the limit of {MAX_CHARS}"
        return NotANumber(Code.NUMBER_TOO_LARGE, says, hint)
    return NotANumber(Code.NUMBER_TOO_LARGE, f"is too large: {raw}", hint)


def parse_number(raw: str) -> float | NotANumber:
    """Return the number a plain YAML scalar writes, or why it is not a usable one.

    Args:
        raw: The scalar's text, stripped, e.g. ``25``, ``1_000``, ``0.5`` or ``2e3``.

    Returns:
        An ``int`` for an integer, a finite ``float`` otherwise (never ``-0``), or the reason.
    """
    if raw in _SPECIALS:
        return _SPECIAL
    if not (_INT.match(raw) or _FLOAT.match(raw)) or not any(c.isdigit() for c in raw):
        return _NOT_A_NUMBER
    if len(raw) > MAX_CHARS:
        return _too_large(raw)
    digits = raw.replace("_", "")
    try:
        value: float = int(digits) if _INT.match(raw) else float(digits)
    except ValueError:  # a mantissa without digits, e.g. "+.e5"
        return _NOT_A_NUMBER
    if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
        return _too_large(raw)
    return abs(value) if value == 0 else value
