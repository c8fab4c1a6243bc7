"""Hints for mistyped names: the closest valid ones, or the list of valid ones."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_SHOWN = 12
_SMALL = 200
"""Up to this many names, every one is compared; above, only the likeliest (shared
trigrams), so that thousands of wrong ids against thousands of entries stay fast."""
_POOL = 30
_BUDGET = 2000
"""How many trigram occurrences to count per look-up, rarest trigrams first."""
LOOKUPS = 100
"""How many close-match look-ups one check makes at most. Past that, a hint lists the valid
names instead: 110,000 wrong ids must not take minutes of comparing."""


@dataclass
class Budget:
    """How many close-match look-ups are left, shared by every vocabulary of one check."""

    limit: int = LOOKUPS
    used: int = 0

    def take(self) -> bool:
        """Spend one look-up; return False when none is left."""
        if self.used >= self.limit:
            return False
        self.used += 1
        return True


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
        self._hints: dict[tuple[str, str], str] = {}
        self._listing = listing(self.names)
        self._unsought: dict[tuple[str, int], str] = {}
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

    def hint(self, word: str, noun: str, budget: Budget | None = None) -> str:
        """Return the hint for ``word``: the closest names, or else the valid ones.

        The same word gets its hint once; each new look-up spends one of ``budget``.
        """
        known = self._hints.get((word, noun))
        if known is not None:
            return known
        if not self.names:
            return f"there are no {noun} yet"
        same = self._original.get(word.lower())
        if same is not None:
            near = [same]
        elif budget is not None and not budget.take():
            return self._unsought.setdefault(
                (noun, budget.limit),
                f"the valid {noun} are {self._listing} (close matches are looked for "
                f"only for the first {budget.limit} unknown names)",
            )
        else:
            near = self.closest(word)
        hint = (
            "did you mean " + " or ".join(f"'{n}'" for n in near) + "?"
            if near
            else f"the valid {noun} are {self._listing}"
        )
        self._hints[(word, noun)] = hint
        return hint


def closest(word: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Return up to ``limit`` candidates that look like ``word``, best first."""
    return Vocabulary(candidates).closest(word, limit)


def listing(candidates: Iterable[str]) -> str:
    """Return the candidates sorted and comma-separated, cut short when there are many."""
    pool = sorted(set(candidates))
    shown = ", ".join(pool[:_SHOWN])
    rest = len(pool) - _SHOWN
    return f"{shown}, … ({rest} more)" if rest > 0 else shown


def did_you_mean(
    word: str, candidates: Iterable[str] | Vocabulary, noun: str, budget: Budget | None = None
) -> str:
    """Return a hint naming the closest candidates, or else all valid ones.

    Args:
        word: What was written.
        candidates: The valid names, or a :class:`Vocabulary` of them prepared once.
        noun: What the candidates are, plural, e.g. ``role ids``.
        budget: The look-ups left for the whole check; unbounded when None.

    Returns:
        ``did you mean 'x'?`` or ``the valid role ids are a, b, c``.
    """
    vocabulary = candidates if isinstance(candidates, Vocabulary) else Vocabulary(candidates)
    return vocabulary.hint(word, noun, budget)


def slugify(text: str) -> str:
    """Turn text into an id-shaped slug, e.g. ``Win Rate`` into ``win-rate``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
