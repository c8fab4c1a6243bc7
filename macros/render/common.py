"""Pieces every entry page shares: where entries live, links, headings, meta lines, "used by"."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from ..change.history import Event, History
from ..contract.schema import DATA_DIR, FILE_OF
from ..model.entries import Entry, Team, Term, display_name
from ..model.formatting import count
from ..model.index import Index
from ..model.kinds import Kind
from .text import NO_TIPS, Tips, inline, literal

DEFAULT_PAGES: Mapping[Kind, str] = {kind: kind.info.page for kind in Kind}


@dataclass(frozen=True, slots=True)
class Site:
    """What a renderer needs to know about the site: pages, the current page, the repo.

    Attributes:
        page: The page being rendered, relative to ``docs/``, e.g. ``glossary.md``.
        pages: The page of each kind, relative to ``docs/``.
        source_url: Base URL to view data files in the repository (ending in ``/``), or "".
        commit_url: Base URL of a commit in the repository (ending in ``/``), or "".
        history: The changes of every entry, from git; empty outside a repository.
        parts: For a kind split over several pages, the page of each entry id.
        tips: The glossary's abbreviations, marked with their tooltips in data text.
    """

    page: str = "index.md"
    pages: Mapping[Kind, str] = field(default_factory=lambda: dict(DEFAULT_PAGES))
    source_url: str = ""
    commit_url: str = ""
    history: History = field(default_factory=History)
    parts: Mapping[Kind, Mapping[str, str]] = field(default_factory=dict)
    tips: Tips = NO_TIPS

    def href(self, kind: Kind, id_: str) -> str:
        """Return the link from the current page to an entry's anchor."""
        target = self.parts.get(kind, {}).get(id_) or self.pages[kind]
        if target == self.page:
            return f"#{id_}"
        return f"{relative(self.page, target)}#{id_}"

    def source(self, kind: Kind, entry: Entry) -> str:
        """Return the URL of an entry's line in its data file, or "" without a repository."""
        if not self.source_url:
            return ""
        return f"{self.source_url}{DATA_DIR}/{FILE_OF[kind]}#L{entry.where.line}"


@lru_cache(maxsize=4096)
def relative(page: str, target: str) -> str:
    """Return the path of ``target`` relative to ``page``, both relative to ``docs/``."""
    folders, steps = page.split("/")[:-1], target.split("/")
    if any(step in ("", ".", "..") for step in folders + steps):
        return posixpath.relpath(target, posixpath.dirname(page) or ".")
    same = 0
    while same < min(len(folders), len(steps) - 1) and folders[same] == steps[same]:
        same += 1
    return "/".join([".."] * (len(folders) - same) + steps[same:])


def _url_folder(page: str) -> str:
    """Return the folder a page is served from (``glossary.md`` → ``glossary/``)."""
    stem = page.removesuffix(".md")
    return stem.removesuffix("index") if stem.endswith("index") else f"{stem}/"


def _permalink(site: Site, kind: Kind) -> str:
    """Return, for an entry on a part of a split kind, where its permanent link points.

    The permanent link of an entry is on its kind's page (``glossary/#mql``), which
    forwards to the part that holds it; a part's own address changes when the kind grows
    or shrinks, so *Copy link* must not copy it.
    """
    main = site.pages[kind]
    if site.page == main:
        return ""
    here, there = _url_folder(site.page), _url_folder(main)
    target = posixpath.relpath(there or ".", here.rstrip("/") or ".")
    return f' data-permalink="{target.rstrip("/")}/"'


@lru_cache(maxsize=65536)
def _name(text: str) -> str:
    """Return a display name as Markdown (cached: each entry is linked many times)."""
    return inline(text)


def title(entry: Entry) -> str:
    """Return an entry's display name, e.g. ``Marketing Qualified Lead (MQL)``."""
    name = display_name(entry)
    if isinstance(entry, Term) and entry.abbreviation:
        return f"{name} ({entry.abbreviation})"
    return name


def link(index: Index, site: Site, kind: Kind, id_: str) -> str:
    """Return a Markdown link to an entry, named by its display name."""
    entry = index.get(kind, id_)
    if entry is None:
        return f"`{id_}`"
    return f"[{_name(title(entry))}]({site.href(kind, entry.id)})"


def party_link(index: Index, site: Site, id_: str) -> str:
    """Return a link to a team or a role."""
    entry = index.party(id_)
    kind = Kind.TEAM if isinstance(entry, Team) else Kind.ROLE
    return link(index, site, kind, id_)


def links(index: Index, site: Site, kind: Kind, ids: Iterable[str]) -> str:
    """Return links to several entries, comma-separated."""
    return ", ".join(link(index, site, kind, id_) for id_ in ids)


def heading(level: int, entry: Entry, prefix: str = "") -> str:
    """Return an entry's heading with its permanent anchor, plus anchors for former ids.

    A former id (``renamed_from``) gets an empty anchor just before the heading, so that
    links written before the rename still land on the entry.
    """
    suffix = {"draft": " (draft)", "deprecated": " (deprecated)"}.get(entry.status, "")
    text = f"{'#' * level} {prefix}{inline(title(entry))}{suffix} {{: #{entry.id} }}"
    former = "".join(f'<a id="{old}"></a>' for old in entry.renamed_from)
    return f"{former}\n\n{text}" if former else text


def meta_line(
    index: Index, site: Site, kind: Kind, entry: Entry, owners: tuple[str, ...] = ()
) -> str:
    """Return the line under a heading: owners, status, review date, copy link, source."""
    parts = []
    if owners:
        label = "Owner" if len(owners) == 1 else "Owners"
        names = ", ".join(party_link(index, site, owner) for owner in owners)
        parts.append(f":material-account-tie: **{label}:** {names}")
    if entry.status != "approved":
        parts.append(f"**Status:** {entry.status}")
    if entry.last_reviewed is not None:
        parts.append(f"**Reviewed:** {entry.last_reviewed.isoformat()}")
    parts.append(
        f'[:material-link-variant: Copy link](#{entry.id} "Copy the permanent link")'
        f"{{ .pb-copy{_permalink(site, kind)} }}"
    )
    source = site.source(kind, entry)
    if source:
        where = f"{FILE_OF[kind]}:{entry.where.line}"
        parts.append(f'[:material-pencil: Edit {where}]({source} "Edit this entry"){{ .pb-edit }}')
    return " · ".join(parts) + "\n{ .pb-meta }"


def deprecation_note(index: Index, site: Site, kind: Kind, entry: Entry) -> str:
    """Return a warning box for a deprecated entry, pointing to its replacement."""
    if entry.status != "deprecated" or entry.replaced_by is None:
        return ""
    target = link(index, site, kind, entry.replaced_by)
    return f'!!! warning pb-deprecated "Deprecated"\n    Use {target} instead.'


RELATIONS: Mapping[tuple[Kind, str], str] = {
    (Kind.ROLE, "team"): "Roles",
    (Kind.ROLE, "reports_to"): "Direct reports",
    (Kind.RACI, "responsible"): "Responsible (R) for",
    (Kind.RACI, "accountable"): "Accountable (A) for",
    (Kind.RACI, "consulted"): "Consulted (C) on",
    (Kind.RACI, "informed"): "Informed (I) of",
    (Kind.MEETING, "attendees"): "Attends",
    (Kind.MEETING, "inputs"): "Reviewed in",
    (Kind.SLA, "provider"): "Makes the promise of",
    (Kind.SLA, "consumer"): "Is promised",
    (Kind.SLA, "escalation.to"): "Escalation contact for",
    (Kind.SLA, "trigger"): "Starts the clock of",
    (Kind.SLA, "measured_by"): "Measures",
    (Kind.SLA, "reviewed_in"): "Reviews",
    (Kind.TERM, "see_also"): "Referred to by",
    (Kind.STAGE, "term"): "Funnel stage",
    (Kind.KPI, "stage"): "Measured by",
    (Kind.KPI, "inputs"): "Feeds into",
}


@lru_cache(maxsize=1024)
def _base(field_name: str) -> str:
    """Return a field without its list positions: ``escalation[2].to`` → ``escalation.to``."""
    return re.sub(r"\[\d+\]", "", field_name)


@lru_cache(maxsize=1024)
def _relation(kind: Kind, field_name: str) -> str:
    base = _base(field_name)
    if base == "owner":
        return "Owner of"
    if base == "replaced_by":
        return "Replaces"
    return RELATIONS.get((kind, base), f"{kind.label} ({base})")


def referrers(index: Index, kind: Kind, id_: str, source: Kind, field_name: str) -> list[str]:
    """Return the ids of the ``source`` entries that name an entry in their ``field_name``."""
    found = index.used_by(kind, id_)
    return list(dict.fromkeys(u.id for u in found if u.kind is source and u.field == field_name))


def used_by(
    index: Index,
    site: Site,
    kind: Kind,
    id_: str,
    skip: frozenset[tuple[Kind, str]] = frozenset(),
) -> list[str]:
    """Return "used by" lines for an entry, computed from every reference to it.

    ``skip`` leaves out the references, as (kind of the referring entry, field), that the
    entry's own section already shows.
    """
    groups: dict[str, list[tuple[Kind, str]]] = {}
    for use in index.used_by(kind, id_):
        if (use.kind, _base(use.field)) in skip:
            continue
        label = _relation(use.kind, use.field)
        item = (use.kind, link(index, site, use.kind, use.id))
        entries = groups.setdefault(label, [])
        if item not in entries:
            entries.append(item)
    lines = []
    for label, items in groups.items():
        mixed = len({item_kind for item_kind, _ in items}) > 1
        shown = [f"{k.label} {text}" if mixed else text for k, text in items]
        lines.append(f"**{label}:** {', '.join(shown)}")
    return lines


def facts(lines: Iterable[str]) -> str:
    """Return labelled fact lines as a Markdown list, skipping empty ones."""
    items = [line for line in lines if line]
    return "\n".join(f"- {line}" for line in items)


def sources(entry: Entry) -> str:
    """Return the entry's sources as one fact line, or ""."""
    if not entry.sources:
        return ""
    return "**Sources:** " + "; ".join(inline(source) for source in entry.sources)


def commit_link(site: Site, event: Event) -> str:
    """Return the short id of an event's commit, linked to the repository when known."""
    short = f"`{event.commit[:7]}`"
    return f"[{short}]({site.commit_url}{event.commit})" if site.commit_url else short


def history_block(site: Site, kind: Kind, entry: Entry, shown: int = 10) -> str:
    """Return a collapsed "History" box: when and how the entry changed, newest first."""
    events = site.history.of(kind, entry.id)
    if not events:
        return ""
    lines = [
        f"    - **{event.date}**: {'; '.join(inline(c) for c in event.changes)}"
        f" ({literal(event.subject)}, {commit_link(site, event)})"
        for event in events[:shown]
    ]
    if len(events) > shown:
        lines.append(f"    - … and {len(events) - shown} earlier changes in the repository")
    if site.history.since:
        lines.append(f"    - history before {site.history.since} is not available in this clone")
    return f'??? abstract "History: {count(len(events), "change")}"\n\n' + "\n".join(lines)


def entry_section(  # noqa: PLR0913 - the parts every page arranges its entries from
    index: Index,
    site: Site,
    kind: Kind,
    entry: Entry,
    *,
    owners: tuple[str, ...] = (),
    body: Iterable[str] = (),
    lines: Iterable[str] = (),
    after: Iterable[str] = (),
    level: int = 3,
    prefix: str = "",
) -> str:
    """Render one entry as every page does, leaving out empty parts.

    The parts, in order: the heading with the permanent anchor (and former ids), the meta
    line (owners, status, copy link, edit link), a deprecation note, the ``body`` blocks,
    the fact ``lines`` as a list, the blocks ``after`` them, and the entry's history.
    """
    parts = [
        heading(level, entry, prefix),
        meta_line(index, site, kind, entry, owners),
        deprecation_note(index, site, kind, entry),
        *body,
        facts(lines),
        *after,
        history_block(site, kind, entry),
    ]
    return "\n\n".join(part for part in parts if part)
