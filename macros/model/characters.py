r"""Characters that text may not hold, and the key under which two names are the same word.

Three tricks make two different strings look alike, or make text read in another order
than it is written:

- **Invisible characters** (Unicode's *default ignorable* code points and format
  characters: zero-width space, joiners, word joiner, byte order mark, soft hyphen,
  variation selectors, tag characters, Hangul fillers): ``Le\u200bad`` shows as ``Lead``.
- **Bidirectional controls**: embeddings, overrides and isolates (U+202A–U+202E,
  U+2066–U+2069) reorder the text around them as it is shown ("Trojan Source"); the marks
  U+200E, U+200F and U+061C change how neutral characters such as brackets are placed.
- **Look-alike letters** from other scripts: ``\u041cQL``, with a Cyrillic capital em, shows
  as ``MQL``.

A :class:`Characters` rule says what one kind of text refuses. Labels (names, terms,
synonyms, abbreviations, titles, tags, ids) refuse every invisible character and every
bidirectional control, and a word in them that mixes Latin, Cyrillic, Greek or Armenian
letters is a warning. Prose (the Markdown fields) refuses the embeddings, overrides and
isolates only: it keeps zero-width joiners (emoji sequences, Indic scripts), non-joiners
(Persian), variation selectors (emoji presentation), soft hyphens and direction marks,
which have honest uses in sentences and cannot reorder a run of text.

:func:`collision_key` is the one place that decides whether two names are the same word.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from .codes import Code

BIDI_REORDERING = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Embeddings, overrides and isolates: they reorder the text after them as it is shown."""
BIDI_MARKS = frozenset("\u200e\u200f\u061c")
"""Left-to-right, right-to-left and Arabic letter marks."""

_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian variation selectors and vowel separator
    (0x200B, 0x200F),  # zero-width space, non-joiner, joiner, direction marks
    (0x202A, 0x202E),  # bidirectional embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, isolates, deprecated formats
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # zero-width no-break space (byte order mark)
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFF8),  # unassigned specials
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol formats
    (0xE0000, 0xE0FFF),  # tags, variation selectors supplement
)
"""Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt)."""

# A compact skeleton table in the spirit of Unicode TR39 (confusables.txt): the letters of
# other scripts that are drawn like a Latin letter in common fonts, each beside that letter.
# Both cases are listed because the table is applied before case folding. Look-alikes
# within Latin (1/l/I, 0/O, rn/m) are left out: they change a word's spelling, and
# vocabulary legitimately holds digits. Compatibility forms (fullwidth letters, bold or
# script mathematical letters, ligatures) are folded by NFKC before the table is applied.
# The letters are escaped so that this file holds no look-alike itself.
_LOOK_ALIKE_GROUPS = (
    # Cyrillic capitals: a, ve, ie, dze, byelorussian-ukrainian i, je, ka, em, en, o, er,
    # es, te, ha, u, straight u, komi de, qa, we, palochka, shha, izhitsa
    (
        (
            "\u0410\u0412\u0415\u0405\u0406\u0408\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425"
            "\u0423\u04ae\u0500\u051a\u051c\u04c0\u04ba\u0474"
        ),
        "ABESIJKMHOPCTXYYDQWIHV",
    ),
    # Cyrillic small letters, the same letters
    (
        (
            "\u0430\u0432\u0435\u0455\u0456\u0458\u043a\u043c\u043d\u043e\u0440\u0441\u0442\u0445"
            "\u0443\u04af\u0501\u051b\u051d\u04cf\u04bb\u0475"
        ),
        "abesijkmhopctxyydqwlhv",
    ),
    # Greek capitals: alpha, beta, epsilon, zeta, eta, iota, kappa, mu, nu, omicron, rho,
    # tau, upsilon, chi
    (
        "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7",
        "ABEZHIKMNOPTYX",
    ),
    # Greek small letters: alpha, gamma, eta, iota, kappa, nu, omicron, rho, tau, upsilon,
    # chi, yot
    ("\u03b1\u03b3\u03b7\u03b9\u03ba\u03bd\u03bf\u03c1\u03c4\u03c5\u03c7\u03f3", "aynikvoptuxj"),
    # Armenian small letters: oh, seh, vo, ho, za
    ("\u0585\u057d\u0578\u0570\u0566", "ounhq"),
    # Latin small letters dotless i, alpha, script g
    ("\u0131\u0251\u0261", "iag"),
)
LOOK_ALIKES = {
    char: latin
    for others, latins in _LOOK_ALIKE_GROUPS
    for char, latin in zip(others, latins, strict=True)
}
"""Letter of another script -> the Latin letter it is drawn like."""

_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN")
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Characters:
    """What one kind of text refuses.

    Attributes:
        kind: ``label`` or ``prose``, for docs and messages.
        invisible: Refuse every invisible character and every bidirectional mark too (the
            reordering controls are refused in every text).
        one_script_words: Warn about a word that mixes letters of two scripts.
    """

    kind: str
    invisible: bool
    one_script_words: bool


LABEL = Characters("label", invisible=True, one_script_words=True)
"""Names, terms, synonyms, abbreviations, titles, tags and ids."""
PROSE = Characters("prose", invisible=False, one_script_words=False)
"""Definitions and other Markdown text."""


@dataclass(frozen=True, slots=True)
class Refused:
    """A character a text may not hold: its code (the rule) and where it first is."""

    code: Code
    char: str
    position: int


_IGNORABLE = frozenset(chr(p) for low, high in _DEFAULT_IGNORABLE for p in range(low, high + 1))


def is_invisible(char: str) -> bool:
    """Tell whether a character is default ignorable or a format character (shows nothing)."""
    return char in _IGNORABLE or unicodedata.category(char) == "Cf"


def char_name(char: str) -> str:
    """Return ``U+200B ZERO WIDTH SPACE``: the code point and, when it has one, its name."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X}"


def _rule_of(char: str, rules: Characters) -> Code | None:
    if char in BIDI_REORDERING or (rules.invisible and char in BIDI_MARKS):
        return Code.BIDI_CONTROL
    if rules.invisible and is_invisible(char):
        return Code.INVISIBLE_CHARACTER
    return None


def refused(text: str, rules: Characters) -> tuple[Refused, ...]:
    """Return each distinct character of ``text`` that ``rules`` refuse, in text order."""
    if text.isascii():  # every refused character lies above U+007F
        return ()
    found: dict[str, Refused] = {}
    for position, char in enumerate(text, start=1):
        if char not in found:
            code = _rule_of(char, rules)
            if code is not None:
                found[char] = Refused(code, char, position)
    return tuple(found.values())


@functools.lru_cache(maxsize=4096)
def script_of(char: str) -> str | None:
    """Return the script of a letter among Latin, Cyrillic, Greek and Armenian, or None."""
    words = unicodedata.name(char, "").split()[:2]
    return next((word.title() for word in words if word in _SCRIPTS), None)


def mixed_script_words(text: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Yield each word that mixes scripts, with its letters outside the word's main script."""
    if text.isascii():  # ASCII letters are all Latin
        return
    for match in _WORD.finditer(text):
        word = match.group()
        scripts = Counter(s for s in map(script_of, word) if s is not None)
        if len(scripts) < 2:
            continue
        main = scripts.most_common(1)[0][0]
        if "Latin" in scripts and scripts["Latin"] == scripts[main]:
            main = "Latin"
        odd = (c for c in word if script_of(c) not in (None, main))
        yield word, tuple(dict.fromkeys(odd))


def collision_key(text: str) -> str:
    r"""Return the key under which two names are the same word, however they are written.

    NFKC folds compatibility forms (fullwidth letters, ligatures, styled letters); invisible
    characters are dropped; each letter of another script drawn like a Latin letter becomes
    that letter (a TR39-style skeleton); case is folded; runs of spaces become one.
    ``\u041cQL`` (a Cyrillic capital em), ``Le\u200bad`` and a decomposed ``De\u0301al``
    thus meet ``MQL``, ``Lead`` and ``D\u00e9al``.
    """
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if not is_invisible(c))
    text = unicodedata.normalize("NFD", text)
    text = "".join(LOOK_ALIKES.get(c, c) for c in text).casefold()
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
