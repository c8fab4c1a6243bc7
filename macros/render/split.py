"""Large kinds on several pages: a glossary by letter, KPIs by stage, roles by team.

Below its threshold a kind renders on its one page as always. Above it, the kind's page
becomes an index: every entry listed by name, each item carrying the entry's id (and its
former ids) as anchors and linking to the sub-page, or *part*, that holds the entry; a
small local script forwards a permanent link such as ``glossary/#mql`` to
``glossary/m/#mql``. Links between entries point straight at the parts (``Site.parts``).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from itertools import groupby
from typing import Any, NamedTuple

from ..model.anchors import (
    EVERY,
    FIXED,
    MEETING_LOAD,
    PART_TITLE,
    RACI,
    ROLES,
    STAGE,
    Family,
    Names,
)
from ..model.anchors import FROM as SLAS_FROM
from ..model.entries import (
    FREQUENCIES,
    Entry,
    Kpi,
    Meeting,
    Playbook,
    RaciActivity,
    Role,
    Sla,
    Term,
)
from ..model.index import Index
from ..model.kinds import Kind
from . import cadence, glossary, kpis, roles, slas
from .common import Site, relative, title
from .text import inline

SPLIT_ABOVE: Mapping[Kind, int] = {
    Kind.TERM: 400,
    Kind.KPI: 300,
    Kind.SLA: 250,
    Kind.MEETING: 250,
    Kind.ROLE: 100,
    Kind.RACI: 100,
}
"""A kind gets parts when it has more entries than this (pages stay near 1 MB at most);
a part holds at most as many entries."""

BLOCKS: Mapping[str, Kind] = {
    "glossary": Kind.TERM,
    "kpis": Kind.KPI,
    "slas": Kind.SLA,
    "cadence": Kind.MEETING,
    "roles": Kind.ROLE,
    "raci": Kind.RACI,
}
"""The block macros that render a whole kind, and become its index when it is split."""

FORWARD = """<script>
(function () {
  function forward() {
    var id = decodeURIComponent(location.hash.slice(1));
    var item = id && document.getElementById(id);
    if (!item || !item.hasAttribute("data-pb-part")) { return; }
    var url = new URL(item.href);
    url.search = location.search;  // ?from=EDITION, for the forwarding on the part
    location.replace(url);
  }
  forward();
  window.addEventListener("hashchange", forward);
})();
</script>"""


class Group(NamedTuple):
    """Entries that belong together: a letter, a stage, a team, a frequency."""

    key: str
    anchor: str
    title: str
    entries: list[Entry]


@dataclass(frozen=True, slots=True)
class Grouping:
    """How one kind is split, and what its pages are called."""

    heading: str
    prefix: str
    level: int
    groups: Callable[[Index], list[Group]]


@dataclass(frozen=True, slots=True)
class Part:
    """One sub-page: its path under ``docs/``, its group, title and entries in order."""

    kind: Kind
    path: str
    group: Group
    title: str
    entries: tuple[Entry, ...]


def _terms(index: Index) -> list[Group]:
    return [
        Group(
            "other" if letter.key == "#" else letter.key,
            letter.anchor,
            letter.title,
            list(letter.terms),
        )
        for letter in glossary.by_letter(index.playbook.terms)
    ]


def _kpis(index: Index) -> list[Group]:
    return [
        Group(s.id, STAGE(s.id), s.name, [k for k in index.playbook.kpis if k.stage == s.id])
        for s in index.playbook.stages
    ]


def _meetings(index: Index) -> list[Group]:
    rhythm = cadence.RHYTHM
    return [
        Group(f, EVERY(f), rhythm[f], [m for m in index.playbook.meetings if m.frequency == f])
        for f in FREQUENCIES
    ]


def _team(index: Index, party: str) -> str:
    """Return the id of the team a party is or belongs to, or the id as written."""
    return index.team_of(party) or party


def _by_team(index: Index, family: Family, pairs: Iterator[tuple[str, Entry]]) -> list[Group]:
    found: dict[str, list[Entry]] = {team.id: [] for team in index.playbook.teams}
    for team, entry in pairs:
        found.setdefault(team, []).append(entry)
    names = {team.id: team.name for team in index.playbook.teams}
    return [
        Group(key, family(key), names.get(key, key), entries)
        for key, entries in found.items()
        if entries
    ]


GROUPINGS: Mapping[Kind, Grouping] = {
    Kind.TERM: Grouping("Glossary: {}", "", 2, _terms),
    Kind.KPI: Grouping("KPIs: {}", "", 2, _kpis),
    Kind.SLA: Grouping(
        "SLAs made by {}",
        "",
        2,
        lambda i: _by_team(i, SLAS_FROM, ((_team(i, s.provider), s) for s in i.playbook.slas)),
    ),
    Kind.MEETING: Grouping("Meetings: {}", "", 2, _meetings),
    Kind.ROLE: Grouping(
        "Roles in {}",
        "",
        3,
        lambda i: _by_team(i, ROLES, ((r.team, r) for r in i.playbook.roles)),
    ),
    Kind.RACI: Grouping(
        "RACI of {}",
        "raci-",
        3,
        lambda i: _by_team(i, RACI, ((_team(i, row.accountable), row) for row in i.playbook.raci)),
    ),
}


@dataclass(frozen=True, slots=True)
class Plan:
    """The parts of every split kind, and the part page of each of their entries."""

    parts: tuple[Part, ...] = ()

    def of(self, kind: Kind) -> list[Part]:
        """Return the parts of one kind, in order; empty when the kind is not split."""
        return [part for part in self.parts if part.kind == kind]

    def pages(self) -> dict[Kind, dict[str, str]]:
        """Return, for each split kind, the part page of every entry id."""
        found: dict[Kind, dict[str, str]] = {}
        for part in self.parts:
            found.setdefault(part.kind, {}).update((e.id, part.path) for e in part.entries)
        return found


def served_at(path: str) -> str:
    """Return the address a page is served at: ``roles/index.md`` and ``roles.md`` → ``roles``.

    Two pages served at one address would overwrite each other, so paths are told apart by
    this; ``README`` is an index page too.
    """
    stem = posixpath.splitext(path)[0]
    folder, name = posixpath.split(stem)
    return folder if name in ("index", "README") else stem


def plan(index: Index, pages: Mapping[Kind, str], limits: Mapping[Kind, int]) -> Plan:
    """Return the parts of every kind that has more entries than its limit.

    A group's first part is named by its key (``roles/sales.md``), the next ones go in its
    folder (``roles/sales/2.md``): a key holds no ``/``, so no group's key can ask for
    another group's chunk. Every path is claimed from one allocator, so each part is served
    at an address of its own (not a kind's page, not another part, whatever the keys are);
    every group gets a heading anchor of its own likewise.
    """
    paths = Names(pages.values(), served_at)
    parts: list[Part] = []
    for kind, grouping in GROUPINGS.items():
        limit = max(limits.get(kind, SPLIT_ABOVE[kind]), 1)
        if kind is Kind.KPI and index.playbook.actuals:
            limit = max(limit // 2, 1)  # a KPI with actuals carries its chart: half as many
        if len(index.playbook.entries(kind)) <= limit:
            continue
        stem = posixpath.splitext(pages[kind])[0]
        anchors = Names(FIXED)
        for found in grouping.groups(index):
            group = found._replace(anchor=anchors.claim(found.anchor))
            chunks = [group.entries[at : at + limit] for at in range(0, len(group.entries), limit)]
            base = paths.claim(f"{stem}/{grouping.prefix}{group.key}")
            for number, chunk in enumerate(chunks, start=1):
                path = f"{base if number == 1 else paths.claim(f'{base}/{number}')}.md"
                name = group.title if len(chunks) == 1 else f"{group.title} ({number})"
                parts.append(Part(kind, path, group, name, tuple(chunk)))
    return Plan(tuple(parts))


def index_page(kind: Kind, index: Index, site: Site, split: Plan) -> str:
    """Render a split kind's page: its parts, every entry by name as an anchor, the script."""
    grouping = GROUPINGS[kind]
    parts = split.of(kind)
    jump = " · ".join(f"[{inline(p.title)}]({relative(site.page, p.path)})" for p in parts)
    count = len(index.playbook.entries(kind))
    out = [f"{count} {kind.info.plural} on {len(parts)} pages: {jump}\n{{ .pb-jump }}"]
    for _, members in groupby(parts, key=lambda part: part.group.anchor):
        group_parts = list(members)
        group = group_parts[0].group
        out.append(f"{'#' * grouping.level} {inline(group.title)} {{: #{group.anchor} }}")
        items = []
        for part in group_parts:
            href = relative(site.page, part.path)
            for entry in part.entries:
                target = f"{href}#{entry.id}"
                item = f'[{inline(title(entry))}]({target}){{: #{entry.id} data-pb-part="1" }}'
                former = (
                    f'[]({target}){{: #{old} data-pb-part="1" }}' for old in entry.renamed_from
                )
                items.append(item + "".join(former))
        out.append(" · ".join(items))
    if kind is Kind.MEETING:
        load = cadence.load(index, site)
        out.append(f"## Time in meetings {{: #{MEETING_LOAD.anchor} }}\n\n{load}")
    out.append(FORWARD)
    return "\n\n".join(out) + "\n"


ENTRY_RENDERERS: Mapping[type[Entry], Callable[[Any, Index, Site], str]] = {
    Term: glossary.term_entry,
    Kpi: kpis.kpi_entry,
    Sla: slas.sla_entry,
    Meeting: cadence.meeting_entry,
    Role: roles.role_entry,
    RaciActivity: roles.raci_entry,
}
"""How an entry of each kind that can be split is rendered on its part."""


def _entry(entry: Entry, index: Index, site: Site) -> str:
    return ENTRY_RENDERERS[type(entry)](entry, index, site)


def part_page(part: Part, index: Index, site: Site, split: Plan) -> str:
    """Render one part: a title, links to its siblings, then its entries.

    ``site.page`` must be the part's path.
    """
    grouping = GROUPINGS[part.kind]
    home = relative(part.path, site.pages[part.kind])
    jump = [f"[All {part.kind.info.plural}]({home}#{part.group.anchor})"] + [
        f"**{inline(p.title)}**"
        if p.path == part.path
        else f"[{inline(p.title)}]({relative(part.path, p.path)})"
        for p in split.of(part.kind)
    ]
    heading = f"# {grouping.heading.format(inline(part.title))} {{: #{PART_TITLE} }}"
    out = [heading, " · ".join(jump) + "\n{ .pb-jump }"]
    if part.kind is Kind.RACI:
        rows = tuple(e for e in part.entries if isinstance(e, RaciActivity))
        only = Index(Playbook(roles=index.playbook.roles, raci=rows))
        out.append(roles.raci_matrix(only, site))
    out.extend(_entry(entry, index, site) for entry in part.entries)
    return "\n\n".join(out) + "\n"
