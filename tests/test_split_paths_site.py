"""A real site whose split groups' keys coincide builds strict, and every permanent link lands.

The data: team ``sales`` with more roles than a part holds beside a team ``sales-2``, a
team ``index`` (whose part would be served where the role charter is), and glossary terms
filed under K and under the Kelvin sign.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from macros.model.kinds import Kind
from macros.read.load import load_directory

from .conftest import MINI, copy_project
from .sitebuild import build
from .siteproject import html_pages, make_project
from .soup import attr

pytestmark = pytest.mark.slow

LIMITS = "{role: 2, term: 2, raci: 1}"
TEAMS = {"sales-2": ["s2-rep"], "index": ["ix-rep"]}
MORE_SALES = ["ae-1", "ae-2", "ae-3"]
TERMS = """\
  - id: key-account
    term: Key account
    definition: A customer we plan for one by one.
    owner: vp-sales
  - id: kelvin
    term: \u212aelvin scale
    definition: A term filed under the Kelvin sign, which reads as K.
    owner: cmo
    renamed_from: [kelvin-scale]
"""


def _role(id_: str, team: str) -> str:
    return (
        f"  - id: {id_}\n    name: Rep {id_}\n    team: {team}\n"
        "    mission: Sells.\n    responsibilities: [Sells.]\n"
    )


def _data(target: Path) -> Path:
    project = copy_project(MINI, target)
    roles = project / "playbook_data" / "roles.yml"
    text = roles.read_text("utf-8")
    teams = "".join(f"  - id: {team}\n    name: Team {team}\n" for team in TEAMS)
    added = [(id_, team) for team, ids in TEAMS.items() for id_ in ids]
    added += [(id_, "sales") for id_ in MORE_SALES]
    text = text.replace("roles:\n", teams + "roles:\n", 1)
    text = text.replace("raci:\n", "".join(_role(i, t) for i, t in added) + "raci:\n", 1)
    roles.write_text(text, "utf-8")
    cadence = project / "playbook_data" / "cadence.yml"
    everyone = ", ".join(id_ for id_, _ in added)
    text = cadence.read_text("utf-8").replace("sdr]", f"sdr, {everyone}]", 1)
    cadence.write_text(text, "utf-8")
    glossary = project / "playbook_data" / "glossary.yml"
    glossary.write_text(glossary.read_text("utf-8") + TERMS, "utf-8")
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    data = _data(tmp_path_factory.mktemp("data"))
    project = make_project(tmp_path_factory.mktemp("project"), data)
    config = (project / "mkdocs.yml").read_text("utf-8")
    config, count = re.subn(
        r"(?m)^  playbook:\n", f"  playbook:\n    split_above: {LIMITS}\n", config
    )
    assert count == 1
    (project / "mkdocs.yml").write_text(config, "utf-8")
    done = build(project, project / "site")
    assert done.returncode == 0, done.stdout
    return data, project / "site", done.stdout


def test_the_build_warns_about_nothing(built: tuple[Path, Path, str]) -> None:
    assert "WARNING" not in built[2]


def test_groups_whose_keys_coincide_get_a_part_each(built: tuple[Path, Path, str]) -> None:
    _, site, _ = built
    parts = {p.parent.relative_to(site).as_posix() for p in site.glob("*/**/index.html")}
    assert {p for p in parts if p.startswith(("roles/", "glossary/"))} == {
        "roles/sales",
        "roles/sales/2",
        "roles/sales/3",
        "roles/sales-2",
        "roles/raci-sales",
        "roles/raci-marketing",
        "roles/index--2",
        "roles/marketing",
        "glossary/k",
        "glossary/m",
        "glossary/s",
    }


def test_no_page_holds_an_id_twice(built: tuple[Path, Path, str]) -> None:
    for path, soup in html_pages(built[1]).items():
        ids = Counter(tag["id"] for tag in soup.find_all(id=True))
        assert [id_ for id_, count in ids.items() if count > 1] == [], path


def _page(site: Path, url: str) -> BeautifulSoup:
    path = site / urlsplit(url).path.strip("/") / "index.html"
    assert path.is_file(), url
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


@pytest.mark.parametrize(
    ("kind", "page"), [(Kind.ROLE, "roles"), (Kind.RACI, "roles"), (Kind.TERM, "glossary")]
)
def test_every_permanent_link_lands_on_its_entry(
    kind: Kind, page: str, built: tuple[Path, Path, str]
) -> None:
    data, site, _ = built
    base = f"http://handbook.test/{page}/"
    index = _page(site, base)
    for entry in load_directory(data).playbook.entries(kind):
        for anchor in (entry.id, *entry.renamed_from):
            item = index.find(id=anchor)
            assert item is not None, f"{page}/#{anchor} is gone"
            assert item.has_attr("data-pb-part")
            target = urljoin(base, attr(item, "href"))
            assert urlsplit(target).fragment == entry.id
            assert _page(site, target).find(id=entry.id) is not None, target


def test_the_kelvin_sign_is_filed_under_k(built: tuple[Path, Path, str]) -> None:
    part = _page(built[1], "http://handbook.test/glossary/k/")
    assert part.find(id="kelvin") is not None
    assert part.find(id="key-account") is not None
    index = _page(built[1], "http://handbook.test/glossary/")
    assert [h["id"] for h in index.select("article h2[id^='letter-']")] == [
        "letter-k",
        "letter-m",
        "letter-s",
    ]
