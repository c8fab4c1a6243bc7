"""The glossary page: every term A–Z, with synonyms, words to avoid, and what uses it."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from ..model.anchors import LETTER
from ..model.entries import Term
from ..model.index import Index
from ..model.kinds import Kind
from .common import (
    Site,
    entry_section,
    links,
    sources,
    used_by,
)
from .text import block, inline


class Letter(NamedTuple):
    """The terms under one letter: its key (``m``, or ``#`` for the rest), title, terms."""

    key: str
    title: str
    terms: list[Term]

    @property
    def anchor(self) -> str:
        """The letter's heading anchor, e.g. ``letter-m``."""
        return LETTER(self.key)


def _folded(term: Term) -> str:
    """Return a term's name as it sorts: letters that read alike fold together.

    The Kelvin sign U+212A folds with K, a full-width M with M, so no two letters share a
    heading and each letter's terms stay together.
    """
    return unicodedata.normalize("NFKC", term.term).strip().casefold()


def _key(term: Term) -> str:
    """Return the letter a term is filed under: its first letter, folded, or ``#``."""
    first = _folded(term)[:1]
    return first if first.isalpha() else "#"


def by_letter(terms: Iterable[Term]) -> list[Letter]:
    """Return the terms by letter, letters in order, terms by name within a letter."""
    found: dict[str, list[Term]] = {}
    for term in terms:
        found.setdefault(_key(term), []).append(term)
    return [
        Letter(key, key.upper(), sorted(found[key], key=lambda t: (_folded(t), t.id)))
        for key in sorted(found)
    ]


def _say_this(term: Term) -> str:
    if not term.avoid:
        return ""
    preferred = " or ".join(
        f"**{inline(word)}**" for word in (term.term, term.abbreviation) if word
    )
    avoided = ", ".join(f"“{inline(word)}”" for word in term.avoid)
    return f"**Say this, not that:** say {preferred}, not {avoided}"


def term_entry(term: Term, index: Index, site: Site) -> str:
    """Render one term: heading, owner line, definition and its facts."""
    lines = [
        f"**Also called:** {', '.join(inline(s) for s in term.synonyms)}" if term.synonyms else "",
        _say_this(term),
        f"**See also:** {links(index, site, Kind.TERM, term.see_also)}" if term.see_also else "",
        *used_by(index, site, Kind.TERM, term.id),
        sources(term),
    ]
    return entry_section(
        index,
        site,
        Kind.TERM,
        term,
        owners=(term.owner,),
        body=[
            block(term.definition, site.tips),
        ],
        lines=lines,
    )


def glossary(index: Index, site: Site) -> str:
    """Render the whole glossary: an A–Z jump list, then the terms by letter."""
    letters = by_letter(index.playbook.terms)
    jump = " · ".join(f"[{letter.title}](#{letter.anchor})" for letter in letters)
    out = [f"{len(index.playbook.terms)} terms. {jump}\n{{ .pb-jump }}"]
    for letter in letters:
        out.append(f"## {letter.title} {{: #{letter.anchor} }}")
        out.extend(term_entry(term, index, site) for term in letter.terms)
    return "\n\n".join(out) + "\n"
