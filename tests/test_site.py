"""End to end: build the default handbook for real and inspect every page it produced."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from macros.check.checker import load_checked
from macros.model.codes import Code
from macros.render.common import DEFAULT_PAGES

from .sitebuild import ROOT, build, make_project
from .soup import attr, found

pytestmark = pytest.mark.slow
EXTERNAL = re.compile(r"^(https?:)?//", re.IGNORECASE)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("project"))
    out = project / "site"
    result = build(project, out)
    assert result.returncode == 0, result.stdout
    warnings = [line for line in result.stdout.splitlines() if line.startswith("WARNING")]
    assert warnings == []
    return out


def pages(site: Path) -> dict[Path, BeautifulSoup]:
    return {
        path: BeautifulSoup(path.read_text("utf-8"), "html.parser") for path in site.rglob("*.html")
    }


def page_file(site: Path, doc: str) -> Path:
    stem = doc.removesuffix(".md")
    return site / ("index.html" if stem == "index" else f"{stem}/index.html")


def test_every_entry_has_its_anchor_on_its_page(site: Path) -> None:
    playbook = load_checked(ROOT)
    soups = pages(site)
    missing = []
    for kind, entry in playbook.all_entries():
        soup = soups[page_file(site, DEFAULT_PAGES[kind])]
        if soup.find(id=entry.id) is None:
            missing.append(f"{kind.label} {entry.id}")
    assert missing == []
    assert sum(1 for _ in playbook.all_entries()) > 100


def _target(site: Path, page: Path, href: str) -> tuple[Path, str]:
    parts = urlsplit(href)
    base = site if parts.path.startswith("/") else page.parent
    path = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else page
    if path.is_dir() or not path.suffix:
        path = path / "index.html"
    return path, unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    soups = pages(site)
    ids = {
        path.resolve(): {tag["id"] for tag in soup.find_all(id=True)}
        for path, soup in soups.items()
    }
    broken = []
    for page, soup in soups.items():
        for tag in soup.find_all(["a", "link"], href=True):
            href = attr(tag, "href")
            if EXTERNAL.match(href) or href.startswith(("mailto:", "javascript:")):
                continue
            target, fragment = _target(site, page, href)
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {href} (no file)")
            elif fragment and target.suffix == ".html" and fragment not in ids[target]:
                broken.append(f"{page.relative_to(site)}: {href} (no anchor)")
    assert broken == []


def test_search_index_locations_resolve(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    ids_by_page: dict[str, set[str]] = {}
    for doc in index["docs"]:
        location = doc["location"]
        path, _, fragment = location.partition("#")
        target = site / path / "index.html" if path else site / "index.html"
        assert target.exists(), location
        if fragment:
            if path not in ids_by_page:
                soup = BeautifulSoup(target.read_text("utf-8"), "html.parser")
                ids_by_page[path] = {attr(tag, "id") for tag in soup.find_all(id=True)}
            assert fragment in ids_by_page[path], location


def test_no_page_shows_a_macro_error(site: Path) -> None:
    shown = []
    for path, soup in pages(site).items():
        text = soup.get_text()
        markers = ["Macro Rendering Error", "Macro Syntax Error"]
        shown += [
            f"{path.relative_to(site)}: unknown id"
            for s in soup.find_all("strong")
            if s.get_text().startswith("unknown ")
        ]
        if "reference" not in path.parts:  # the reference pages show macro syntax on purpose
            markers += ["{{", "{%"]
        shown += [f"{path.relative_to(site)}: {m}" for m in markers if m in text]
    assert shown == []


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    offending = []
    for path, soup in pages(site).items():
        for tag in soup.find_all(True):
            for attribute in ("src", "srcset", "data-src", "poster"):
                if tag.get(attribute) and EXTERNAL.search(str(tag[attribute])):
                    offending.append(f"{path.name}: <{tag.name} {attribute}={tag[attribute]}>")
            if tag.name == "link" and EXTERNAL.match(attr(tag, "href", "")):
                offending.append(f"{path.name}: <link href={tag['href']}>")
            if "url(" in attr(tag, "style", "") and re.search(
                r"url\(['\"]?(https?:)?//", attr(tag, "style")
            ):
                offending.append(f"{path.name}: style {tag['style']}")
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(['\"]?((?:https?:)?//[^)'\"]+)", css.read_text("utf-8")):
            offending.append(f"{css.name}: {url}")
    assert offending == []


def test_external_links_are_marked(site: Path) -> None:
    unmarked = []
    for path, soup in pages(site).items():
        content = soup.find("article")
        if content is None:
            continue
        for tag in content.find_all("a", href=EXTERNAL):
            classes = tag.get_attribute_list("class")
            if "md-content__button" in classes:  # the theme's edit-page icon, an action
                continue
            if "pb-external" not in classes or "noopener" not in tag.get_attribute_list("rel"):
                unmarked.append(f"{path.name}: {tag['href']}")
    assert unmarked == []


def test_glossary_abbreviations_are_tooltips_on_other_pages(site: Path) -> None:
    soup = BeautifulSoup(page_file(site, "slas.md").read_text("utf-8"), "html.parser")
    tips = {abbr.get_text(): attr(abbr, "data-pb-tip") for abbr in soup.find_all("abbr")}
    assert tips["MQL"].startswith("Marketing Qualified Lead: ")
    assert "SLA" in tips
    assert not any(abbr.has_attr("title") for abbr in soup.find_all("abbr"))


def test_search_finds_a_term_by_its_synonym(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    playbook = load_checked(ROOT)
    term = next(t for t in playbook.terms if t.synonyms)
    synonym = term.synonyms[0]
    hits = [doc["location"] for doc in index["docs"] if synonym in doc["text"]]
    assert f"glossary/#{term.id}" in hits


def test_entries_link_to_their_yaml_line(site: Path) -> None:
    soup = BeautifulSoup(page_file(site, "kpis.md").read_text("utf-8"), "html.parser")
    entry = found(soup.find(id="win-rate"))
    edit = found(entry.find_next("a", class_="pb-edit"))
    lines = (ROOT / "playbook_data" / "kpis.yml").read_text("utf-8").splitlines()
    line = int(attr(edit, "href").rsplit("#L", 1)[1])
    assert attr(edit, "href").startswith("https://github.com/acme/alignment-playbook/blob/main/")
    assert lines[line - 1].strip() == "- id: win-rate"


def test_problem_codes_page_lists_every_code(site: Path) -> None:
    soup = BeautifulSoup(page_file(site, "reference/problems.md").read_text("utf-8"), "html.parser")
    rows = [row.find_all("td") for row in soup.select("article table tbody tr")]
    assert [(cells[0].get_text(), cells[1].get_text()) for cells in rows] == [
        (code.value, code.severity or "error or warning") for code in Code
    ]
