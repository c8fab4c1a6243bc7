"""The benchmark's synthetic playbooks are valid, and split kinds keep every link working.

A small synthetic playbook must pass ``playbook check --strict``. Built with thresholds
low enough to split every kind that can be split, each entry id (and former id) must stay
an anchor on its kind's page, forwarding to a part page that holds the entry.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path
from types import ModuleType
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner  # noqa: TID251 - tests drive the CLI

from macros.cli import main
from macros.model.kinds import Kind
from macros.read.load import load_directory
from macros.render.split import SPLIT_ABOVE

from .conftest import ROOT
from .sitebuild import build
from .siteproject import make_project
from .soup import attr

pytestmark = pytest.mark.slow

PAGES = {
    Kind.TERM: "glossary",
    Kind.KPI: "kpis",
    Kind.SLA: "slas",
    Kind.MEETING: "cadence",
    Kind.ROLE: "roles",
    Kind.RACI: "roles",
}
LIMITS = {Kind.TERM: 12, Kind.KPI: 8, Kind.SLA: 5, Kind.MEETING: 4, Kind.ROLE: 6, Kind.RACI: 5}


@pytest.fixture(scope="module")
def synth() -> ModuleType:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        return importlib.import_module("synth")
    finally:
        sys.path.remove(str(ROOT / "bench"))


@pytest.fixture(scope="module")
def data(synth: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("data")
    scale = synth.Scale("test", 3, 14, 12, 80, 4, 30, 14, 10, 0)
    synth.write_playbook(target, scale)
    return target


@pytest.fixture(scope="module")
def site(data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("project"), data)
    config = (project / "mkdocs.yml").read_text("utf-8")
    limits = ", ".join(f"{kind.name.lower()}: {limit}" for kind, limit in LIMITS.items())
    config, count = re.subn(
        r"(?m)^  playbook:\n", f"  playbook:\n    split_above: {{{limits}}}\n", config
    )
    assert count == 1
    (project / "mkdocs.yml").write_text(config, "utf-8")
    done = build(project, project / "site")
    assert done.returncode == 0, done.stdout
    return project / "site"


def test_synthetic_playbook_passes_the_strict_check(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(data)
    result = CliRunner().invoke(main, ["check", "--strict"])
    assert (result.exit_code, result.output) == (0, "playbook check: 0 errors, 0 warnings\n")


def test_generation_is_deterministic(synth: ModuleType) -> None:
    scale = synth.SCALES["1k"]
    assert synth.generate(scale) == synth.generate(scale)
    assert scale.entries == 1000


def test_default_thresholds_leave_small_playbooks_whole() -> None:
    playbook = load_directory(ROOT).playbook
    for kind, limit in SPLIT_ABOVE.items():
        assert len(playbook.entries(kind)) <= limit, kind


def _page(site: Path, url: str) -> BeautifulSoup:
    path = site / urlsplit(url).path.strip("/") / "index.html"
    assert path.is_file(), url
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


@pytest.mark.parametrize("kind", list(LIMITS))
def test_every_permanent_link_lands_on_its_entry(kind: Kind, data: Path, site: Path) -> None:
    """``glossary/#id`` is an anchor forwarding to the part page that holds the entry."""
    base = f"http://handbook.test/{PAGES[kind]}/"
    page = _page(site, base)
    assert any("data-pb-part" in (script.string or "") for script in page.find_all("script"))
    entries = load_directory(data).playbook.entries(kind)
    assert len(entries) > LIMITS[kind]
    parts = set()
    for entry in entries:
        for anchor in (entry.id, *entry.renamed_from):
            item = page.find(id=anchor)
            assert item is not None, f"{PAGES[kind]}/#{anchor} is gone"
            assert item.name == "a"
            assert item.has_attr("data-pb-part")
            target = urljoin(base, attr(item, "href"))
            assert urlsplit(target).fragment == entry.id
            parts.add(urlsplit(target).path)
            assert _page(site, target).find(id=entry.id) is not None, target
    assert len(parts) > 1


def test_links_between_entries_point_at_the_parts(site: Path) -> None:
    """No link in the site points at an entry anchor that its page does not hold."""
    pages = {p: BeautifulSoup(p.read_text("utf-8"), "html.parser") for p in site.rglob("*.html")}
    ids = {p: {tag["id"] for tag in soup.find_all(id=True)} for p, soup in pages.items()}
    for path, soup in pages.items():
        base = "http://handbook.test/" + path.relative_to(site).as_posix()
        for link in soup.select("article a[href*='#']"):
            target = urlsplit(urljoin(base, attr(link, "href")))
            if target.netloc != "handbook.test" or not target.fragment:
                continue
            file = site / target.path.strip("/") / "index.html"
            if target.path.endswith(".html"):
                file = site / target.path.strip("/")
            assert target.fragment in ids[file], f"{path}: {link['href']}"


def test_hint_benchmark_reports_every_unknown_reference(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        hints = importlib.import_module("hints")
    finally:
        sys.path.remove(str(ROOT / "bench"))
    figures = hints.hint_cost(tmp_path, runs=1, roles=150, unknown=400)
    assert figures["errors_reported"] == 400
    assert figures["close_match_lookups"] == 100
    assert set(figures) >= {"median_seconds", "ratio", "meets_goal"}
