"""Hostile text in every field of the data: the built site shows it as text, and nothing more.

One site is built from the mini playbook with a payload written into every text field of
every entry (names, definitions, list items, nested records): HTML and script tags, event
handlers, template syntax, Markdown attribute lists, raw HTML blocks, a label that tries to
break out of the link a renderer wraps around it. The index page links every entry through
its inline macro, so tooltips carry the payload too; the payload names the glossary's
abbreviations, so data text marks them with tooltips. The tests read the built HTML.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from macros.contract.fields import ListOf, Record, RecordSpec, Text
from macros.contract.schema import SECTIONS

from .conftest import MINI
from .siteproject import html_pages, make_project, run_build
from .soup import attr

pytestmark = pytest.mark.slow

SINGLE = (
    'MQL <script>alert("pb")</script> <img src=x onerror=alert(1)> *em*{: onclick="alert(2)" } '
    "{{ 7*7 }} {% if true %}pb-stmt{% endif %} {# pb-comment #} "
    '<a href="https://evil.example/a" onclick="alert(3)">raw</a> '
    "[ext](https://vendor.example/doc) https://bare.example/page x](javascript:alert(4)) [y "
    '<iframe src="https://evil.example/f"></iframe> <link rel=stylesheet href=//evil.example/s> '
    "<style>body{background:url(https://evil.example/bg.png)}</style> `tick` \\"
)
"""A one-line payload; the mark of its field is put in front of it."""

BLOCK = (
    "\n\n# pb-heading\n\n    pb-indented-code\n\n```\n<b>pb-fenced</b>\n```\n\n"
    '<div markdown="1" onclick="alert(5)">*md*</div>\n\n'
    'A paragraph.\n{: onclick="alert(6)" }\n\n'
    "| a | b |\n|---|---|\n| c | d |\n\n> pb-quote\n\n*[pb]: an abbreviation\n\n"
    "[ref]: https://evil.example/ref\n\n[pb-ref][ref]"
)
"""Added to the payload in fields that hold paragraphs."""

UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")
EXTERNAL = re.compile(r"^(https?:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?:https?:)?//", re.IGNORECASE)


def _fill(spec: RecordSpec, record: dict[str, Any], mark: str) -> None:
    """Put the payload into every text field of a record, adding the optional ones."""
    for field in spec.fields:
        item = field.type.item if isinstance(field.type, ListOf) else field.type
        if isinstance(item, Text) and item.shape is None:  # an abbreviation keeps its shape
            text = f"{mark}.{field.name} {SINGLE}"
            if not item.single_line:
                text += BLOCK
            record[field.name] = [text] if isinstance(field.type, ListOf) else text
        elif isinstance(item, Record) and field.name in record:
            value = record[field.name]
            for number, sub in enumerate(value if isinstance(value, list) else [value]):
                _fill(item.spec, sub, f"{mark}.{field.name}{number}")


def hostile_data(target: Path) -> Path:
    """Write the mini playbook with the payload in every text field; return its project."""
    (target / "playbook_data").mkdir(parents=True)
    for path in sorted((MINI / "playbook_data").glob("*.yml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for section in SECTIONS.values():
            for entry in data.get(section.key, []):
                _fill(section.record, entry, entry["id"])
        out = target / "playbook_data" / path.name
        out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return target


def build_site(project: Path) -> Path:
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = hostile_data(tmp_path_factory.mktemp("data"))
    return build_site(make_project(tmp_path_factory.mktemp("hostile"), data))


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, BeautifulSoup]:
    return html_pages(site)


def content(soup: BeautifulSoup) -> Tag:
    article = soup.find("article")
    assert isinstance(article, Tag)
    return article


def texts(pages: dict[str, BeautifulSoup]) -> str:
    return "\n".join(content(soup).get_text() for soup in pages.values())


def attributes(pages: dict[str, BeautifulSoup]) -> list[tuple[str, Tag, str, str]]:
    return [
        (page, tag, name, " ".join(value) if isinstance(value, list) else str(value))
        for page, soup in pages.items()
        for tag in soup.find_all(True)
        for name, value in tag.attrs.items()
    ]


def test_payload_reached_every_page(pages: dict[str, BeautifulSoup]) -> None:
    for page in ("index.html", "glossary/index.html", "roles/index.html", "funnel/index.html"):
        assert '<script>alert("pb")</script>' in content(pages[page]).get_text(), page
    for page in ("kpis/index.html", "slas/index.html", "cadence/index.html"):
        assert '<script>alert("pb")</script>' in content(pages[page]).get_text(), page


def test_no_script_or_event_handler_comes_from_data(pages: dict[str, BeautifulSoup]) -> None:
    scripts = [
        (page, str(script)[:80])
        for page, soup in pages.items()
        for script in soup.find_all("script")
        if "alert" in script.get_text() or "evil" in str(script)
    ]
    handlers = [
        (page, tag.name, name) for page, tag, name, _ in attributes(pages) if name.startswith("on")
    ]
    raw = [
        (page, tag.name)
        for page, soup in pages.items()
        for tag in content(soup).find_all(["iframe", "style", "img", "link", "object", "embed"])
    ]
    assert scripts == []
    assert handlers == []
    assert raw == []


def test_html_in_data_shows_as_text(pages: dict[str, BeautifulSoup]) -> None:
    glossary = content(pages["glossary/index.html"]).get_text()
    for shown in (
        '<script>alert("pb")</script>',
        "<img src=x onerror=alert(1)>",
        '<a href="https://evil.example/a" onclick="alert(3)">raw</a>',
        '<div markdown="1" onclick="alert(5)">',
    ):
        assert shown in glossary


def test_template_syntax_in_data_is_never_evaluated(pages: dict[str, BeautifulSoup]) -> None:
    """Every time the payload shows, its template parts show as written, never as "49"."""
    text = texts(pages)
    literal = '{: onclick="alert(2)" } {{ 7*7 }} {% if true %}pb-stmt{% endif %} {# pb-comment #}'
    assert text.count("onerror=alert(1)>") == text.count(literal) >= 50
    assert text.count("pb-stmt") == text.count("{% if true %}pb-stmt{% endif %}")


def test_template_syntax_stays_literal_through_an_inline_macro(
    pages: dict[str, BeautifulSoup],
) -> None:
    """The index links each term with {{ term('…') }}: its definition is the tooltip."""
    wrappers = content(pages["index.html"]).select("span.pb-tip[data-pb-tip]")
    tooltips = {
        str(span["data-pb-tip"])
        for span in wrappers
        if any("glossary/#" in str(a.get("href", "")) for a in span.find_all("a"))
    }
    assert len(tooltips) == 3
    for tooltip in tooltips:
        assert '.definition MQL <script>alert("pb")</script>' in tooltip
        assert "{{ 7*7 }} {% if true %}pb-stmt{% endif %} {# pb-comment #}" in tooltip


def test_attribute_lists_in_data_do_nothing(pages: dict[str, BeautifulSoup]) -> None:
    text = texts(pages)
    assert 'em{: onclick="alert(2)" }' in text
    assert '{: onclick="alert(6)" }' in text
    assert not any(name == "onclick" for _, _, name, _ in attributes(pages))


def test_markdown_blocks_in_data_stay_text(pages: dict[str, BeautifulSoup]) -> None:
    article = content(pages["glossary/index.html"])
    assert "# pb-heading" in article.get_text()
    assert not any("pb-heading" in h.get_text() for h in article.find_all(re.compile("^h[1-6]$")))
    assert not any(
        "pb" in tag.get_text() for tag in article.find_all(["pre", "blockquote", "table"])
    )


def test_no_link_runs_code(pages: dict[str, BeautifulSoup]) -> None:
    """The label breakout never forms a link: not even the link policy had to step in."""
    unsafe = [
        (page, name, value)
        for page, _, name, value in attributes(pages)
        if name in ("href", "src", "action", "formaction", "data")
        and re.sub(r"[\x00-\x20]", "", value).lower().startswith(UNSAFE_SCHEMES)
    ]
    assert unsafe == []
    assert not any(soup.select(".pb-unsafe") for soup in pages.values())
    assert "x](javascript:alert(4)) [y" in texts(pages)


def test_links_leaving_the_handbook_are_marked(pages: dict[str, BeautifulSoup]) -> None:
    external = [
        (page, tag)
        for page, soup in pages.items()
        for tag in content(soup).find_all("a", href=EXTERNAL)
        if "md-content__button" not in tag.get_attribute_list("class")  # the edit-page icon
    ]
    repository = [soup.select_one("a.md-source") for soup in pages.values()]
    assert all(link is not None and "pb-external" in link["class"] for link in repository)
    assert any(tag["href"] == "https://vendor.example/doc" for _, tag in external)
    assert any(tag["href"] == "https://bare.example/page" for _, tag in external)
    unmarked = [
        (page, tag["href"])
        for page, tag in external
        if "pb-external" not in tag.get_attribute_list("class")
        or "noopener" not in tag.get_attribute_list("rel")
    ]
    assert unmarked == []


def test_nothing_is_loaded_from_another_host(site: Path, pages: dict[str, BeautifulSoup]) -> None:
    loads = [
        (page, tag.name, name, value)
        for page, tag, name, value in attributes(pages)
        if (name in ("src", "srcset", "data", "poster") or (name == "href" and tag.name == "link"))
        and any(EXTERNAL.match(part.strip()) for part in value.split(","))
    ]
    styles = [
        (page, tag.name)
        for page, soup in pages.items()
        for tag in soup.find_all(True)
        if CSS_URL.search(attr(tag, "style", ""))
        or (tag.name == "style" and CSS_URL.search(tag.text))
    ]
    css = [
        path.name
        for path in site.rglob("*.css")
        if CSS_URL.search(re.sub(r"url\(\"?data:[^)]*\)", "", path.read_text("utf-8")))
    ]
    refresh = [
        page for page, soup in pages.items() if soup.find("meta", attrs={"http-equiv": True})
    ]
    assert loads == []
    assert styles == []
    assert css == []
    assert refresh == []


def test_every_page_asks_search_engines_to_stay_out(pages: dict[str, BeautifulSoup]) -> None:
    missing = [
        page
        for page, soup in pages.items()
        if soup.find("meta", attrs={"name": "robots", "content": "noindex, nofollow"}) is None
    ]
    assert missing == []
    assert len(pages) >= 8


def test_noindex_can_be_turned_off(tmp_path: Path) -> None:
    site = build_site(make_project(tmp_path, noindex=False))
    pages = html_pages(site)
    assert pages
    assert all(soup.find("meta", attrs={"name": "robots"}) is None for soup in pages.values())


def test_search_index_holds_no_markup_from_data(site: Path) -> None:
    """The search box shows titles and text from the index: data HTML stays escaped there."""
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    entries = [doc for doc in index["docs"] if "pb" in doc["text"] + doc["title"]]
    assert entries
    for doc in entries:
        for field in ("title", "text"):
            shown = BeautifulSoup(doc[field], "html.parser")
            tags = shown.find_all(["script", "img", "iframe", "style", "link", "a"])
            handlers = [n for tag in shown.find_all(True) for n in tag.attrs if n.startswith("on")]
            assert (tags, handlers) == ([], []), (doc["location"], field)


def test_external_hosts_named_only_in_marked_links(site: Path) -> None:
    """Any mention of the payload's hosts outside text is a marked link, never a resource."""
    for path in site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                shown = " ".join(value) if isinstance(value, list) else str(value)
                host = urlsplit(shown).hostname or ""
                if host.endswith(".example") and name != "title":
                    assert (tag.name, name) == ("a", "href"), (path, tag.name, name)
                    assert "pb-external" in tag.get_attribute_list("class"), (path, shown)


THEME_TITLES = {
    "Alignment Playbook",
    "Clear",
    "Copy the permanent link",
    "Edit this entry",
    "Edit this page",
    "Go to repository",
    "Permanent link",
    "Switch to dark mode",
    "Switch to light mode",
}
"""Every ``title`` the built site has: the theme's and the renderers' own words."""


def test_no_title_holds_data(site: Path) -> None:
    """A title becomes a tooltip outside the site's control: data never reaches one."""
    titles: set[str] = set()
    for path in site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        titles.update(str(tag["title"]) for tag in soup.find_all(title=True))
    assert titles == THEME_TITLES


def test_tooltips_hold_the_data_as_text(pages: dict[str, BeautifulSoup]) -> None:
    """Abbreviations and entry links carry their tooltip in data-pb-tip, decoded exactly."""
    abbreviations = [
        (page, abbr) for page, soup in pages.items() for abbr in content(soup).find_all("abbr")
    ]
    assert {page for page, _ in abbreviations} >= {
        "glossary/index.html",
        "roles/index.html",
        "funnel/index.html",
        "kpis/index.html",
        "slas/index.html",
        "cadence/index.html",
    }
    for page, abbr in abbreviations:
        assert abbr.get_text() in ("MQL", "SQL"), page
        assert abbr.attrs.keys() == {"class", "tabindex", "data-pb-tip"}, page
        tooltip = str(abbr["data-pb-tip"])
        name = "mql" if abbr.get_text() == "MQL" else "sql"
        assert tooltip.startswith(f'{name}.term MQL <script>alert("pb")</script> <img src=x'), page
        assert abbr.find_parent(["a", "code", "h1", "h2", "h3", "h4"]) is None, page


def test_abbreviations_mark_data_text_only(pages: dict[str, BeautifulSoup]) -> None:
    """The index page's prose says nothing about MQL: only the links of its macros do."""
    index = content(pages["index.html"])
    assert index.find("abbr") is None
    assert index.select("span.pb-tip a[href]")
