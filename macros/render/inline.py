"""Links to single entries for prose pages, e.g. ``{{ term('mql') }}``, and page summaries."""

from __future__ import annotations

from collections.abc import Mapping

from ..model.entries import Entry
from ..model.formatting import capitalized
from ..model.index import Index
from ..model.kinds import Kind
from .common import Site, title
from .text import first_sentence, inline, tip

SUMMARY_NOUNS: Mapping[Kind, str] = {Kind.TERM: "glossary terms", Kind.STAGE: "funnel stages"}
"""How the summary names a kind, where it says more than the kind's plural."""


def _gist(kind: Kind, entry: Entry) -> str:
    text = str(getattr(entry, kind.info.gist) or "") if kind.info.gist else ""
    return first_sentence(text) if text else ""


def entry_link(index: Index, site: Site, kind: Kind, id_: str) -> str | None:
    """Return a link to an entry named by its display name, with its gist as tooltip.

    The tooltip is shown by the site's script from a ``data-pb-tip`` attribute, as text.

    Returns:
        The Markdown link, or None when no entry of ``kind`` has that id.
    """
    entry = index.get(kind, id_)
    if entry is None:
        return None
    return tip(f"[{inline(title(entry))}]({site.href(kind, entry.id)})", _gist(kind, entry))


def summary(index: Index, site: Site) -> str:
    """Render the playbook at a glance: how many of each kind, each linking to its page."""
    lines = ["| What | How many |", "|---|---|"]
    for kind in Kind:
        label = capitalized(SUMMARY_NOUNS.get(kind, kind.info.plural))
        page = site.href(kind, "").rstrip("#")
        lines.append(f"| [{label}]({page or '#'}) | {len(index.playbook.entries(kind))} |")
    return "\n".join(lines)


def abbreviations(index: Index) -> dict[str, str]:
    """Return each term's abbreviation with its full term and gist, for hover tooltips."""
    found = {}
    for term in index.playbook.terms:
        if term.abbreviation and term.status != "deprecated":
            gist = first_sentence(term.definition)
            found[term.abbreviation] = f"{term.term}: {gist}"
    return dict(sorted(found.items()))
