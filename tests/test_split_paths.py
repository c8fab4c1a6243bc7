"""Part paths and group anchors are unique by construction, and ids stay off both.

Two groups whose keys coincide (a team ``sales`` split in chunks beside a team ``sales-2``,
the letters K and the Kelvin sign, a team ``raci-sales`` beside the RACI of ``sales``) must
still get a page each, and every generated anchor must be reserved from the entries' ids.
"""

from __future__ import annotations

import dataclasses
import re

import markdown.extensions.toc
import pytest

from macros.glue.plugin import BLOCKS
from macros.model.anchors import PROSE_HEADINGS, Names, reserved_by
from macros.model.entries import Playbook, RaciActivity, Role, Team, Term
from macros.model.index import Index
from macros.model.kinds import Kind
from macros.read.load import load_directory
from macros.render import glossary, slas
from macros.render.common import DEFAULT_PAGES, Site
from macros.render.split import SPLIT_ABOVE, plan, served_at

from .conftest import MINI, ROOT


def test_a_free_name_is_handed_out_as_asked() -> None:
    names = Names()
    assert [names.claim("sales"), names.claim("sales-2")] == ["sales", "sales-2"]


def test_a_taken_name_gets_the_next_free_number() -> None:
    names = Names(["sales"])
    assert [names.claim("sales"), names.claim("sales"), names.claim("sales--2")] == [
        "sales--2",
        "sales--3",
        "sales--2--2",
    ]


def test_names_are_told_apart_by_what_makes_them_the_same() -> None:
    """``roles/index.md`` is served where ``roles.md`` is: it may not have that path."""
    paths = Names(["roles.md"], served_at)
    assert paths.claim("roles/index") == "roles/index--2"
    assert paths.claim("roles/README") == "roles/README--2"
    assert paths.claim("roles/indexes") == "roles/indexes"


@pytest.mark.parametrize(
    ("path", "address"),
    [
        ("roles.md", "roles"),
        ("roles/index.md", "roles"),
        ("roles/README.md", "roles"),
        ("index.md", ""),
        ("roles/sales.md", "roles/sales"),
        ("roles/sales/2.md", "roles/sales/2"),
    ],
)
def test_served_at(path: str, address: str) -> None:
    assert served_at(path) == address


def _team_playbook(teams: dict[str, int], raci_of: str = "") -> Index:
    """Teams with that many roles each; one RACI activity per role of team ``raci_of``."""
    roles = tuple(
        Role(id=f"{team}-r{n}", name=f"R{n}", team=team, mission="M", responsibilities=("D",))
        for team, count in teams.items()
        for n in range(count)
    )
    raci = tuple(
        RaciActivity(id=f"a-{role.id}", activity="A", responsible=(role.id,), accountable=role.id)
        for role in roles
        if role.team == raci_of
    )
    found = tuple(Team(id=team, name=team.title()) for team in teams)
    return Index(Playbook(teams=found, roles=roles, raci=raci))


LIMITS = {**SPLIT_ABOVE, Kind.ROLE: 2, Kind.RACI: 1}


def test_a_groups_own_key_cannot_take_another_groups_chunk() -> None:
    index = _team_playbook({"sales": 5, "sales-2": 1})
    paths = [(p.path, [e.id for e in p.entries]) for p in plan(index, DEFAULT_PAGES, LIMITS).parts]
    assert paths == [
        ("roles/sales.md", ["sales-r0", "sales-r1"]),
        ("roles/sales/2.md", ["sales-r2", "sales-r3"]),
        ("roles/sales/3.md", ["sales-r4"]),
        ("roles/sales-2.md", ["sales-2-r0"]),
    ]


def test_paths_that_coincide_across_kinds_are_told_apart() -> None:
    """The roles of team ``raci-sales`` and the RACI of team ``sales`` want one path."""
    index = _team_playbook({"raci-sales": 3, "sales": 2, "index": 3}, raci_of="sales")
    split = plan(index, DEFAULT_PAGES, LIMITS)
    addresses = [served_at(p.path) for p in split.parts]
    assert len(set(addresses)) == len(addresses)
    assert not set(addresses) & {served_at(page) for page in DEFAULT_PAGES.values()}
    assert [p.path for p in split.of(Kind.RACI)] == [
        "roles/raci-sales--2.md",
        "roles/raci-sales--2/2.md",
    ]
    assert [p.path for p in split.of(Kind.ROLE) if p.group.key == "index"] == [
        "roles/index--2.md",
        "roles/index--2/2.md",
    ]


def test_the_path_of_a_group_does_not_depend_on_the_order_of_the_groups() -> None:
    forward = plan(_team_playbook({"sales": 5, "sales-2": 3}), DEFAULT_PAGES, LIMITS)
    backward = plan(_team_playbook({"sales-2": 3, "sales": 5}), DEFAULT_PAGES, LIMITS)
    assert sorted(p.path for p in forward.parts) == sorted(p.path for p in backward.parts)
    assert forward.pages() == backward.pages()


def _term(id_: str, name: str) -> Term:
    return Term(id=id_, term=name, definition="D", owner="cmo")


def test_letters_that_read_alike_share_one_heading() -> None:
    terms = [
        _term("key", "Key account"),
        _term("kelvin", "\u212aelvin scale"),
        _term("wide-m", "\uff2dargin"),
        _term("mql", "MQL"),
        _term("kpi", "kpi"),
        _term("three", "3-way call"),
        _term("tilde", "~approx"),
    ]
    letters = [
        (letter.key, letter.title, letter.anchor, [t.id for t in letter.terms])
        for letter in glossary.by_letter(terms)
    ]
    assert letters == [
        ("#", "#", "letter-#", ["three", "tilde"]),
        ("k", "K", "letter-k", ["kelvin", "key", "kpi"]),
        ("m", "M", "letter-m", ["wide-m", "mql"]),
    ]


def test_split_glossary_has_one_part_per_letter() -> None:
    terms = (_term("key", "Key"), _term("kelvin", "\u212aelvin"), _term("mql", "MQL"))
    split = plan(Index(Playbook(terms=terms)), DEFAULT_PAGES, {Kind.TERM: 2})
    assert [(p.path, p.group.anchor) for p in split.parts] == [
        ("glossary/k.md", "letter-k"),
        ("glossary/m.md", "letter-m"),
    ]


def test_sla_headings_of_teams_named_alike_get_anchors_of_their_own() -> None:
    playbook = load_directory(MINI).playbook
    teams = tuple(
        Team(id=t.id, name="Sales to Sales" if t.id == "sales" else "Sales", where=t.where)
        for t in playbook.teams
    )
    playbook = dataclasses.replace(playbook, teams=teams)
    page = slas.slas(Index(playbook), Site(page="slas.md"))
    anchors = re.findall(r"\{: #(from-[^ ]+) \}", page)
    assert len(anchors) == len(set(anchors)) > 1


def _heading_ids(text: str) -> list[str]:
    """The anchors of a prose page's headings, as the ``toc`` extension makes them."""
    found = []
    for line in text.splitlines():
        heading = re.match(r"#{1,6} (.+?)(?: \{: #([^ }]+) \})?$", line)
        if heading:
            found.append(heading[2] or markdown.extensions.toc.slugify(heading[1], "-"))
    return found


def test_every_heading_of_a_page_holding_entries_is_reserved() -> None:
    """The declaration of the prose headings follows the pages in docs/."""
    calls = re.compile(r"\{\{ (" + "|".join(BLOCKS) + r")\(\) \}\}")
    headings: set[str] = set()
    for page in sorted(set(DEFAULT_PAGES.values())):
        text = (ROOT / "docs" / page).read_text("utf-8")
        assert calls.search(text), page
        headings.update(_heading_ids(text))
    assert {h for h in headings if reserved_by(h) is None} == set()
    assert headings >= PROSE_HEADINGS


def test_ids_of_the_default_playbook_are_not_reserved() -> None:
    playbook = load_directory(ROOT).playbook
    ids = [id_ for _, e in playbook.all_entries() for id_ in (e.id, *e.renamed_from)]
    assert len(ids) > 50
    assert [id_ for id_ in ids if reserved_by(id_)] == []


def test_a_group_anchor_does_not_take_a_heading_of_the_page() -> None:
    """The RACI of a team ``matrix`` would head its group ``raci-matrix``, like docs/roles.md."""
    index = _team_playbook({"matrix": 2, "sales": 1}, raci_of="matrix")
    split = plan(index, DEFAULT_PAGES, LIMITS)
    assert [p.group.anchor for p in split.of(Kind.RACI)] == ["raci-matrix--2"] * 2
    assert [p.group.anchor for p in split.of(Kind.ROLE)] == ["roles-matrix", "roles-sales"]
