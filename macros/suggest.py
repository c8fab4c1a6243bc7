"""Hints for mistyped names: the closest valid ones, or the list of valid ones."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable

_SHOWN = 12
_SMALL = 200
"""Up to this many names, every one is compared; above, only the likeliest (shared
trigrams), so that thousands of wrong ids against thousands of entries stay fast."""
_POOL = 60
_BUDGET = 2000
"""How many trigram occurrences to count per look-up, rarest trigrams first."""


def _trigrams(word: str) -> list[str]:
    padded = f"  {word} "
    return sorted({padded[i : i + 3] for i in range(len(padded) - 2)})


class Vocabulary:
    """The valid names of one kind of thing, prepared once for many look-ups."""

    def __init__(self, names: Iterable[str]) -> None:
        """Prepare the names (duplicates and order do not matter)."""
        self.names = sorted(set(names))
        self._lowered = [name.lower() for name in self.names]
        self._original = dict(zip(self._lowered, self.names, strict=True))
        self._grams: dict[str, list[int]] = {}
        if len(self.names) > _SMALL:
            for number, low in enumerate(self._lowered):
                for gram in _trigrams(low):
                    self._grams.setdefault(gram, []).append(number)

    def _pool(self, word: str) -> list[str]:
        if not self._grams:
            return self._lowered
        postings = sorted((self._grams.get(gram, []) for gram in _trigrams(word)), key=len)
        shared: Counter[int] = Counter()
        budget = _BUDGET
        for posting in postings:  # rarest trigrams first: they tell names apart
            if posting and budget <= 0:
                break
            shared.update(posting)
            budget -= len(posting)
        likeliest = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:_POOL]
        return [self._lowered[number] for number, _ in sorted(likeliest)]

    def closest(self, word: str, limit: int = 3) -> list[str]:
        """Return up to ``limit`` names that look like ``word``, best first."""
        low = word.lower()
        matches = difflib.get_close_matches(low, self._pool(low), n=limit, cutoff=0.6)
        return [self._original[match] for match in matches]


def closest(word: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Return up to ``limit`` candidates that look like ``word``, best first."""
    return Vocabulary(candidates).closest(word, limit)


def listing(candidates: Iterable[str]) -> str:
    """Return the candidates sorted and comma-separated, cut short when there are many."""
    pool = sorted(set(candidates))
    shown = ", ".join(pool[:_SHOWN])
    rest = len(pool) - _SHOWN
    return f"{shown}, … ({rest} more)" if rest > 0 else shown


def did_you_mean(word: str, candidates: Iterable[str] | Vocabulary, noun: str) -> str:
    """Return a hint naming the closest candidates, or else all valid ones.

    Args:
        word: What was written.
        candidates: The valid names, or a :class:`Vocabulary` of them prepared once.
        noun: What the candidates are, plural, e.g. ``role ids``.

    Returns:
        ``did you mean 'x'?`` or ``the valid role ids are a, b, c``; empty if none exist.
    """
    vocabulary = candidates if isinstance(candidates, Vocabulary) else Vocabulary(candidates)
    if not vocabulary.names:
        return f"there are no {noun} yet"
    near = vocabulary.closest(word)
    if near:
        return "did you mean " + " or ".join(f"'{n}'" for n in near) + "?"
    return f"the valid {noun} are {listing(vocabulary.names)}"


def slugify(text: str) -> str:
    """Turn text into an id-shaped slug, e.g. ``Win Rate`` into ``win-rate``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
