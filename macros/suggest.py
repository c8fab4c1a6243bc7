"""Hints for mistyped names: the closest valid ones, or the list of valid ones."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_SHOWN = 12


def closest(word: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Return up to ``limit`` candidates that look like ``word``, best first."""
    pool = sorted(set(candidates))
    lowered = {c.lower(): c for c in pool}
    matches = difflib.get_close_matches(word.lower(), list(lowered), n=limit, cutoff=0.6)
    return [lowered[match] for match in matches]


def listing(candidates: Iterable[str]) -> str:
    """Return the candidates sorted and comma-separated, cut short when there are many."""
    pool = sorted(set(candidates))
    shown = ", ".join(pool[:_SHOWN])
    rest = len(pool) - _SHOWN
    return f"{shown}, … ({rest} more)" if rest > 0 else shown


def did_you_mean(word: str, candidates: Iterable[str], noun: str) -> str:
    """Return a hint naming the closest candidates, or else all valid ones.

    Args:
        word: What was written.
        candidates: The valid names.
        noun: What the candidates are, plural, e.g. ``role ids``.

    Returns:
        ``did you mean 'x'?`` or ``the valid role ids are a, b, c``; empty if none exist.
    """
    pool = sorted(set(candidates))
    if not pool:
        return f"there are no {noun} yet"
    near = closest(word, pool)
    if near:
        return "did you mean " + " or ".join(f"'{n}'" for n in near) + "?"
    return f"the valid {noun} are {listing(pool)}"


def slugify(text: str) -> str:
    """Turn text into an id-shaped slug, e.g. ``Win Rate`` into ``win-rate``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
