"""What a reader sees, in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from .browser import CHROMIUM_ARGS, chromium_path, serve
from .sitebuild import build, make_project
from .siteproject import BLOCK_PAGES
from .siteproject import make_project as make_test_project
from .test_hostile_site import build_site, hostile_data

pytestmark = pytest.mark.slow

if chromium_path() is None:
    if os.environ.get("PLAYBOOK_REQUIRE_BROWSER"):
        pytest.fail("Chromium is required (PLAYBOOK_REQUIRE_BROWSER is set)", pytrace=False)
    pytest.skip("Chromium is not installed (make browser)", allow_module_level=True)

from playwright.sync_api import (  # noqa: E402 (after the skip)
    Browser,
    Dialog,
    Page,
    Route,
    sync_playwright,
)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(tmp_path_factory.mktemp("project"))
    result = build(project, project / "site")
    assert result.returncode == 0, result.stdout
    with serve(project / "site") as url:
        yield url


@pytest.fixture(scope="module")
def split_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The default handbook with its glossary split by letter (a low threshold)."""
    project = make_project(tmp_path_factory.mktemp("split"))
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8").replace(
        "  playbook:\n", "  playbook:\n    split_above: {term: 5}\n", 1
    )
    config.write_text(text, "utf-8")
    result = build(project, project / "site")
    assert result.returncode == 0, result.stdout
    assert (project / "site" / "glossary" / "m" / "index.html").exists()
    with serve(project / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    opened = context.new_page()
    yield opened
    context.close()


def test_pages_request_nothing_from_another_host(page: Page, base_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("", "glossary/", "roles/", "funnel/", "kpis/", "slas/", "cadence/"):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    assert requested
    assert [url for url in requested if not url.startswith(base_url)] == []


def test_permanent_link_lands_on_the_entry(page: Page, base_url: str) -> None:
    page.goto(base_url + "kpis/#win-rate")
    heading = page.locator("#win-rate")
    assert heading.inner_text().startswith("Win rate")
    assert heading.is_visible()
    top = heading.evaluate("element => element.getBoundingClientRect().top")
    assert 0 <= top < 300


def test_copy_link_copies_the_permanent_url(page: Page, base_url: str) -> None:
    page.goto(base_url + "glossary/")
    page.locator('a.pb-copy[href="#mql"]').click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == base_url + "glossary/#mql"
    assert page.locator('a.pb-copy[href="#mql"]').get_attribute("class") == "pb-copy pb-copied"


def test_funnel_band_takes_the_reader_to_the_stage(page: Page, base_url: str) -> None:
    page.goto(base_url + "funnel/")
    page.locator(".pb-funnel__stage", has_text="Sales Accepted Lead").click()
    assert page.url == base_url + "funnel/#sal"
    assert page.locator("#sal").is_visible()


def test_abbreviation_explains_itself_on_hover(page: Page, base_url: str) -> None:
    page.goto(base_url + "slas/")
    abbr = page.locator("article abbr", has_text="MQL").first
    abbr.hover()
    tooltip = page.locator(".pb-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    assert tooltip.inner_text().startswith("Marketing Qualified Lead: ")


def test_search_finds_a_term_by_its_synonym(page: Page, base_url: str) -> None:
    page.goto(base_url)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("demand unit", delay=20)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(state="visible", timeout=15000)
    hrefs = [link.get_attribute("href") or "" for link in results.all()]
    assert any("/glossary/" in h and h.endswith("#buying-group") for h in hrefs), hrefs


def test_screenshots_are_taken_of_the_real_pages(page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + "roles/#raci-matrix")
    shot = tmp_path / "raci.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_split_kind_permanent_link_forwards_to_its_part(page: Page, split_url: str) -> None:
    page.goto(split_url + "glossary/#mql")
    page.wait_for_url(split_url + "glossary/m/#mql")
    assert page.locator("#mql").is_visible()


def test_copy_link_on_a_part_copies_the_permanent_url(page: Page, split_url: str) -> None:
    page.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=split_url.rstrip("/")
    )
    page.goto(split_url + "glossary/m/")
    page.locator('a.pb-copy[href="#mql"]').click()
    assert page.evaluate("navigator.clipboard.readText()") == split_url + "glossary/#mql"


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site built from data with script and markup in every text field."""
    data = hostile_data(tmp_path_factory.mktemp("hostile-data"))
    site = build_site(make_test_project(tmp_path_factory.mktemp("hostile"), data))
    with serve(site) as url:
        yield url


PWNED = "window.__pwned"
"""Counts every alert, confirm and prompt: any script the payload smuggles in calls one."""
TRAP = (
    "window.__pwned = 0;"
    "for (const name of ['alert', 'confirm', 'prompt']) {"
    "  window[name] = () => { window.__pwned += 1; };"
    "}"
)


def _tooltip(page: Page) -> tuple[bool, str]:
    shown = page.locator(".pb-tooltip")
    return shown.is_visible(), shown.inner_text() if shown.count() else ""


def _hover_and_focus_every_tip(page: Page, path: str) -> int:
    """Hover and focus every tooltip of the page; return how many there were."""
    tips = page.locator("article [data-pb-tip]")
    for number in range(tips.count()):
        tip = tips.nth(number)
        expected = tip.get_attribute("data-pb-tip")
        tip.scroll_into_view_if_needed()
        tip.hover()
        assert _tooltip(page) == (True, expected), (path, number)
        page.mouse.move(0, 0)
        assert not page.locator(".pb-tooltip").is_visible(), (path, number)
        focus = tip if tip.evaluate("e => e.matches('abbr')") else tip.locator("a[href]").first
        focus.focus()
        assert _tooltip(page) == (True, expected), (path, number)
        held = page.locator(f"#{focus.get_attribute('aria-describedby')}")
        assert held.get_attribute("hidden") is not None
        assert held.text_content() == expected
        page.keyboard.press("Escape")
        assert not page.locator(".pb-tooltip").is_visible(), (path, number)
        focus.blur()
    return tips.count()


def test_every_tooltip_of_hostile_data_shows_text_only(browser: Browser, hostile_url: str) -> None:
    """Hover and focus every tooltip on every page: its text shows, nothing runs or loads."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(TRAP)
    outside: list[str] = []
    dialogs: list[str] = []

    def local_only(route: Route) -> None:
        if route.request.url.startswith(hostile_url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    context.route("**/*", local_only)
    page = context.new_page()
    page.on("dialog", dismiss)
    hovered: dict[str, int] = {}
    abbreviations: dict[str, int] = {}
    for name in ["index.md", *BLOCK_PAGES]:
        path = "" if name == "index.md" else name.removesuffix(".md") + "/"
        page.goto(hostile_url + path)
        page.wait_for_load_state("networkidle")
        abbreviations[path] = page.locator("article abbr.pb-tip").count()
        hovered[path] = _hover_and_focus_every_tip(page, path)
        assert page.evaluate(PWNED) == 0, path
    context.close()
    assert all(abbreviations[path] > 0 for path in hovered if path)
    assert all(hovered[path] >= abbreviations[path] > 0 for path in hovered if path)
    # The index links every entry; all but the RACI activity have a tooltip.
    assert (abbreviations[""], hovered[""]) == (0, 18)
    assert dialogs == []
    assert outside == []


def test_tooltip_shows_on_tap(browser: Browser, hostile_url: str) -> None:
    context = browser.new_context(viewport={"width": 400, "height": 800}, has_touch=True)
    context.add_init_script(TRAP)
    page = context.new_page()
    page.goto(hostile_url + "slas/")
    abbr = page.locator("article abbr.pb-tip").first
    expected = abbr.get_attribute("data-pb-tip") or ""
    assert expected.startswith('mql.term MQL <script>alert("pb")</script>')
    abbr.tap()
    assert _tooltip(page) == (True, expected)
    page.locator("article h1").tap()
    assert not page.locator(".pb-tooltip").is_visible()
    assert page.evaluate(PWNED) == 0
    context.close()
