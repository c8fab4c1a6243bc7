"""The glossary page: every term A–Z, with synonyms, words to avoid, and what uses it."""

from __future__ import annotations

from itertools import groupby

from ..index import Index
from ..model import Kind, Term
from .common import (
    Site,
    entry_section,
    links,
    sources,
    used_by,
)
from .text import block, inline


def _letter(term: Term) -> str:
    first = term.term[:1].upper()
    return first if first.isalpha() else "#"


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
            block(term.definition),
        ],
        lines=lines,
    )


def glossary(index: Index, site: Site) -> str:
    """Render the whole glossary: an A–Z jump list, then the terms by letter."""
    terms = sorted(index.playbook.terms, key=lambda t: (t.term.casefold(), t.id))
    grouped = [(letter, list(items)) for letter, items in groupby(terms, key=_letter)]
    jump = " · ".join(f"[{letter}](#letter-{letter.lower()})" for letter, _ in grouped)
    out = [f"{len(terms)} terms. {jump}\n{{ .pb-jump }}"]
    for letter, items in grouped:
        out.append(f"## {letter} {{: #letter-{letter.lower()} }}")
        out.extend(term_entry(term, index, site) for term in items)
    return "\n\n".join(out) + "\n"
