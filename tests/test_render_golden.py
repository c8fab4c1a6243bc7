"""Each renderer's exact Markdown for the mini playbook, against golden files."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from macros.check.checker import load_checked
from macros.model.index import Index
from macros.model.kinds import Kind
from macros.render import cadence, funnel, glossary, kpis, roles, slas
from macros.render.codes import problem_codes
from macros.render.common import Site
from macros.render.contract import data_contract
from macros.render.inline import abbreviations, entry_link, summary
from macros.render.text import tips

from .conftest import MINI, TESTS, Golden

GOLDEN = TESTS / "golden" / "render"
SOURCE = "https://git.example.internal/acme/playbook/blob/main/"

RENDERERS: dict[str, tuple[str, Callable[[Index, Site], str]]] = {
    "glossary": ("glossary.md", glossary.glossary),
    "teams": ("roles.md", roles.teams),
    "roles": ("roles.md", roles.roles),
    "raci": ("roles.md", roles.raci),
    "funnel": ("funnel.md", funnel.funnel),
    "kpis": ("kpis.md", kpis.kpis),
    "slas": ("slas.md", slas.slas),
    "cadence": ("cadence.md", cadence.cadence),
    "summary": ("index.md", summary),
}


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(load_checked(MINI, strict=True))


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_renderer(name: str, index: Index, golden: Golden) -> None:
    page, render = RENDERERS[name]
    known = tips(abbreviations(index))
    markdown = render(index, Site(page=page, source_url=SOURCE, tips=known))
    golden(GOLDEN / f"{name}.md", markdown)


def test_renderers_are_deterministic(index: Index) -> None:
    for page, render in RENDERERS.values():
        site = Site(page=page, source_url=SOURCE)
        assert render(index, site) == render(Index(load_checked(MINI)), site)


def test_data_contract(golden: Golden) -> None:
    golden(GOLDEN / "data_contract.md", data_contract())


def test_problem_codes(golden: Golden) -> None:
    golden(GOLDEN / "problem_codes.md", problem_codes())


def test_inline_links(index: Index, golden: Golden) -> None:
    site = Site(page="reference/example.md")
    lines = [
        f"{kind.name} {id_}: {entry_link(index, site, kind, id_)}"
        for kind, id_ in [
            (Kind.TERM, "mql"),
            (Kind.KPI, "win-rate"),
            (Kind.SLA, "lead-follow-up"),
            (Kind.ROLE, "vp-sales"),
            (Kind.TEAM, "sales"),
            (Kind.STAGE, "sql"),
            (Kind.MEETING, "qbr"),
            (Kind.RACI, "mql-follow-up"),
            (Kind.TERM, "no-such-term"),
        ]
    ]
    golden(GOLDEN / "inline.md", "\n".join(lines) + "\n")


def test_abbreviations(index: Index) -> None:
    assert abbreviations(index) == {
        "MQL": "Marketing Qualified Lead: A lead that fits the ideal customer profile "
        "and passed the score threshold.",
        "SQL": "Sales Qualified Lead: A lead sales has qualified as a real buying opportunity.",
    }


def test_links_are_relative_to_the_page() -> None:
    site = Site(page="reference/data.md")
    assert site.href(Kind.TERM, "mql") == "../glossary.md#mql"
    assert Site(page="glossary.md").href(Kind.TERM, "mql") == "#mql"
    assert Site(page="kpis.md").href(Kind.ROLE, "cmo") == "roles.md#cmo"


def test_golden_dir_has_no_strays() -> None:
    expected = {f"{name}.md" for name in RENDERERS} | {
        "data_contract.md",
        "problem_codes.md",
        "inline.md",
        "modelled_funnel.md",
    }
    assert {p.name for p in Path(GOLDEN).iterdir()} == expected


def test_meetings_and_slas_show_every_review_link(tmp_path: Path) -> None:
    """An SLA reviewed in one meeting and listed in another's inputs shows both, and both
    meetings show the SLA."""
    shutil.copytree(MINI / "playbook_data", tmp_path / "playbook_data")
    slas_file = tmp_path / "playbook_data" / "slas.yml"
    text = slas_file.read_text("utf-8")
    head, tail = text.rsplit("reviewed_in: weekly-sync", 1)  # the second SLA, mql-delivery
    slas_file.write_text(f"{head}reviewed_in: qbr{tail}", "utf-8")
    index = Index(load_checked(tmp_path))
    delivery = index.get(Kind.SLA, "mql-delivery")
    qbr = index.get(Kind.MEETING, "qbr")
    assert delivery is not None
    assert qbr is not None
    sla_text = slas.sla_entry(delivery, index, Site(page="slas.md"))
    assert (
        "**Reviewed in:** [Quarterly business review](cadence.md#qbr), "
        "[Weekly SLA sync](cadence.md#weekly-sync)"
    ) in sla_text
    meeting_text = cadence.meeting_entry(qbr, index, Site(page="cadence.md"))
    assert "**Reviews SLAs:** [MQL delivery](slas.md#mql-delivery)" in meeting_text


def test_modelled_funnel_of_the_default_playbook(golden: Golden) -> None:
    index = Index(load_checked(TESTS.parent, strict=True))
    golden(GOLDEN / "modelled_funnel.md", funnel.modelled(index, Site(page="funnel.md")))
