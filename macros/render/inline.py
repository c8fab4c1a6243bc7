"""Links to single entries for prose pages, e.g. ``{{ term('mql') }}``, and page summaries."""

from __future__ import annotations

from ..model.entries import Entry, Kind, Kpi, Meeting, Role, Sla, Stage, Team, Term
from ..model.formatting import capitalized
from ..model.index import Index
from .common import Site, title
from .text import first_sentence, inline, tip

GIST_FIELD: dict[type[Entry], str] = {
    Term: "definition",
    Kpi: "definition",
    Sla: "commitment",
    Role: "mission",
    Meeting: "purpose",
    Stage: "definition",
    Team: "description",
}


def _gist(entry: Entry) -> str:
    text = str(getattr(entry, GIST_FIELD.get(type(entry), ""), "") or "")
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
    return tip(f"[{inline(title(entry))}]({site.href(kind, entry.id)})", _gist(entry))


def summary(index: Index, site: Site) -> str:
    """Render the playbook at a glance: how many of each kind, each linking to its page."""
    book = index.playbook
    counts = [
        ("teams", len(book.teams), Kind.TEAM),
        ("roles", len(book.roles), Kind.ROLE),
        ("RACI activities", len(book.raci), Kind.RACI),
        ("glossary terms", len(book.terms), Kind.TERM),
        ("funnel stages", len(book.stages), Kind.STAGE),
        ("KPIs", len(book.kpis), Kind.KPI),
        ("SLAs", len(book.slas), Kind.SLA),
        ("meetings", len(book.meetings), Kind.MEETING),
    ]
    lines = ["| What | How many |", "|---|---|"]
    for label, count, kind in counts:
        page = site.href(kind, "").rstrip("#")
        lines.append(f"| [{capitalized(label)}]({page or '#'}) | {count} |")
    return "\n".join(lines)


def abbreviations(index: Index) -> dict[str, str]:
    """Return each term's abbreviation with its full term and gist, for hover tooltips."""
    found = {}
    for term in index.playbook.terms:
        if term.abbreviation and term.status != "deprecated":
            gist = first_sentence(term.definition)
            found[term.abbreviation] = f"{term.term}: {gist}"
    return dict(sorted(found.items()))
