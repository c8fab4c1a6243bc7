"""Released editions on real git repositories: mike's gh-pages branch, aliases, the banner."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from macros.change.editions import edition_changes
from macros.model.index import Index
from macros.read.git import Revision, load_revision
from macros.render.common import Site
from macros.render.edition import edition_page

from .browser import CHROMIUM_ARGS, chromium_path, serve
from .conftest import TESTS
from .editionrepo import Q4, EditionRepo, released
from .soup import attr, found

pytestmark = pytest.mark.slow

GOLDEN = TESTS / "golden" / "editions"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> EditionRepo:
    return released(tmp_path_factory.mktemp("editions") / "project")


@pytest.fixture(scope="module")
def site(repo: EditionRepo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return repo.export(tmp_path_factory.mktemp("gh-pages") / "site")


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text("utf-8"), "html.parser")


def test_versions_json_lists_both_editions_latest_on_the_newest(repo: EditionRepo) -> None:
    listed = json.loads(repo.git("show", "gh-pages:versions.json"))
    assert listed == [
        {"version": "dev", "title": "dev", "aliases": []},
        {"version": "2026-q4", "title": "2026-q4", "aliases": ["latest"]},
        {"version": "2026-q3", "title": "2026-q3", "aliases": []},
    ]
    tags = repo.git(
        "for-each-ref", "--format=%(refname:short) %(creatordate:iso-strict)", "refs/tags"
    )
    assert tags.splitlines() == [
        "edition/2026-q3 2026-09-30T12:00:00+00:00",
        "edition/2026-q4 2026-12-15T12:00:00+00:00",
    ]


def test_latest_is_a_redirect_and_the_root_sends_readers_to_it(repo: EditionRepo) -> None:
    tree = repo.git("ls-tree", "gh-pages").split("\n")
    modes = {line.split("\t")[1]: line.split()[0] for line in tree if line}
    assert modes["latest"] == "040000"  # a folder of redirect pages, not a symbolic link
    page = repo.git("show", "gh-pages:latest/kpis/index.html")
    assert '"../../2026-q4/kpis/" + window.location.search + window.location.hash' in page
    assert 'url=../../2026-q4/kpis/"' in page
    assert '"latest/"' in repo.git("show", "gh-pages:index.html")


def test_the_old_edition_keeps_its_definition(site: Path) -> None:
    old = soup(site, "2026-q3/kpis/index.html")
    assert found(old.find(id="win-rate")).get_text().startswith("Win rate")
    assert "Share of closed deals that were won." in old.get_text()
    assert "contract signature" not in old.get_text()
    new = soup(site, "2026-q4/kpis/index.html")
    assert found(new.find(id="close-rate")).get_text().startswith("Close rate")
    assert "Share of closed deals that were won, counted at contract signature." in new.get_text()


def _banner(page: BeautifulSoup) -> tuple[str, str]:
    banner = found(page.select_one('[data-md-component="outdated"]'))
    link = found(banner.find("a", class_="pb-latest"))
    return " ".join(banner.get_text().split()), attr(link, "href")


def test_every_edition_carries_its_banner_and_name(site: Path) -> None:
    assert _banner(soup(site, "2026-q3/kpis/index.html")) == (
        "You are reading the 2026-q3 edition. This page in the latest edition →",
        "../../latest/kpis/",
    )
    assert _banner(soup(site, "2026-q3/index.html")) == (
        "You are reading the 2026-q3 edition. This page in the latest edition →",
        "./../latest/",
    )
    assert _banner(soup(site, "dev/kpis/index.html")) == (
        (
            "You are reading the development version, not a released edition. "
            "This page in the latest edition →"
        ),
        "../../latest/kpis/",
    )
    for edition in ("2026-q3", "2026-q4", "dev"):
        page = soup(site, f"{edition}/glossary/index.html")
        assert attr(found(page.find("meta", attrs={"name": "pb-edition"})), "content") == edition
        config = json.loads(found(page.find(id="__config")).get_text())
        assert config["version"] == {"provider": "mike", "default": "latest"}


def test_the_banner_link_resolves_in_the_latest_edition(site: Path) -> None:
    """The banner of 2026-q3 links to latest/kpis/#win-rate: there it is the renamed entry."""
    _, href = _banner(soup(site, "2026-q3/kpis/index.html"))
    target = (site / "2026-q3" / "kpis" / href / "index.html").resolve()
    assert target == (site / "latest" / "kpis" / "index.html").resolve()
    latest = soup(site, "2026-q4/kpis/index.html")
    former = found(latest.find(id="win-rate"))
    assert (former.name, former.get_text()) == ("a", "")
    assert attr(found(found(former.parent).find_next_sibling()), "id") == "close-rate"
    deprecated = found(soup(site, "2026-q4/glossary/index.html").find(id="speed-to-lead"))
    note = found(deprecated.find_next_sibling(class_="pb-deprecated"))
    assert attr(found(note.find("a")), "href") == "#first-touch-time"


def test_what_changed_in_the_edition(
    repo: EditionRepo, site: Path, golden: Callable[[Path, str], None]
) -> None:
    commit = repo.git("rev-parse", "edition/2026-q4^{commit}").strip()
    loaded = load_revision(repo.path, Revision("edition/2026-q4", commit))
    index = Index(loaded.playbook)
    changes = edition_changes(repo.path, loaded.playbook, "2026-q4")
    golden(GOLDEN / "what-changed.md", edition_page(index, Site(page="edition.md"), changes))
    first = found(soup(site, "2026-q3/edition/index.html").find("article")).get_text()
    assert "The 2026-q3 edition is the first edition" in first
    page = found(soup(site, "2026-q4/edition/index.html").find("article"))
    headings = [h.get_text().rstrip("¶") for h in page.find_all(["h2", "h3"])]
    assert headings == [
        "Agreed by both teams",
        *("Terms", "Meetings"),
        "Other changes",
        *("Terms", "KPIs"),
    ]


def test_playbook_diff_compares_edition_tags(repo: EditionRepo) -> None:
    done = repo.playbook("diff", "edition/2026-q3", "edition/2026-q4")
    assert (done.status, done.stderr) == (0, "")
    assert done.stdout.splitlines()[:2] == [
        "Playbook changes from edition/2026-q3 to edition/2026-q4",
        (
            "5 changes: 1 added, 2 changed, 1 renamed, 1 deprecated; "
            "needs both teams: term mql, meeting qbr"
        ),
    ]


def test_releasing_a_released_name_again_needs_replace(repo: EditionRepo) -> None:
    before = repo.pages()
    done = repo.playbook("release", "2026-q3")
    assert (done.status, done.stdout) == (1, "")
    assert done.stderr == (
        "playbook release: error: the 2026-q3 edition is already released (tag edition/2026-q3)\n"
        "hint: pass --replace to release it again, or choose a new name\n"
    )
    assert repo.pages() == before


def test_replacing_an_edition_from_the_same_commit_builds_the_same_bytes(
    repo: EditionRepo, tmp_path: Path
) -> None:
    """The same commit and tags build the same site: gh-pages does not move; --push pushes."""
    before = repo.pages()
    remote = tmp_path / "remote.git"
    repo.git("init", "--quiet", "--bare", str(remote))
    repo.git("remote", "add", "origin", str(remote))
    try:
        done = repo.playbook(
            "release", "2026-q3", "--replace", "--rev", "edition/2026-q3", "--push"
        )
        pushed = repo.git("ls-remote", "origin")
    finally:
        repo.git("remote", "remove", "origin")
    assert done.status == 0, done.stderr
    commit = repo.git("rev-parse", "edition/2026-q3^{commit}").strip()
    assert done.stdout.splitlines()[-1] == (
        f"playbook release: released 2026-q3 from {commit[:7]}; pushed to origin"
    )
    assert repo.pages() == before
    tag = repo.git("rev-parse", "edition/2026-q3").strip()
    refs = {ref: oid for oid, ref in (line.split("\t") for line in pushed.splitlines())}
    assert refs == {
        "refs/heads/gh-pages": before,
        "refs/tags/edition/2026-q3": tag,
        "refs/tags/edition/2026-q3^{}": commit,
    }


def test_a_release_with_data_errors_leaves_gh_pages_untouched(repo: EditionRepo) -> None:
    before = repo.pages()
    repo.edit("kpis.yml", "    owner: sdr\n    stage: sql", "    owner: sdrr\n    stage: sql")
    repo.commit("A typo", Q4)
    try:
        done = repo.playbook("release", "2027-q1")
    finally:
        repo.git("reset", "--quiet", "--hard", "HEAD~1")
    assert done.status == 1
    assert done.stdout == (
        "playbook_data/kpis.yml:17:12: error: KPI 'speed-to-lead' field 'owner': 'sdrr' is "
        "not a known role; did you mean 'sdr'?\nplaybook check: 1 error, 0 warnings\n"
    )
    assert done.stderr.startswith("playbook release: error: the data at ")
    assert "has 1 errors and 0 warnings; nothing was released and gh-pages was left" in done.stderr
    assert repo.pages() == before
    assert repo.git("tag", "--list", "edition/2027-q1") == ""


needs_browser = pytest.mark.skipif(chromium_path() is None, reason="Chromium is not installed")


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture
def page(served: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only with Chromium

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.rstrip("/"))
        outside: list[str] = []
        context.on(
            "request",
            lambda request: None if request.url.startswith(served) else outside.append(request.url),
        )
        yield context.new_page()
        browser.close()
        assert outside == []


def _on_screen(page: Any, selector: str) -> None:
    """The element is near the top of the window, or as near as the end of the page allows."""
    top, scrolled, most = page.locator(selector).evaluate(
        "e => [e.getBoundingClientRect().top, window.scrollY,"
        " document.documentElement.scrollHeight - window.innerHeight]"
    )
    assert 0 <= top < 300 or (0 <= top < 800 and scrolled >= most - 1), (top, scrolled, most)


@needs_browser
def test_the_version_selector_keeps_the_page(page: Any, served: str) -> None:
    page.goto(served + "2026-q4/glossary/")
    page.locator(".md-version__current").focus()
    page.locator(".md-version__link", has_text="2026-q3").click()
    page.wait_for_url(served + "2026-q3/glossary/")
    assert page.locator("#mql").is_visible()
    page.mouse.move(600, 600)
    page.locator(".md-version__current").focus()
    page.locator(".md-version__link", has_text="2026-q4").click()
    page.wait_for_url(served + "2026-q4/glossary/")


@needs_browser
def test_the_banner_lands_on_the_renamed_entry_in_the_latest_edition(
    page: Any, served: str
) -> None:
    page.goto(served + "2026-q3/kpis/#win-rate")
    banner = page.locator(".pb-edition-banner")
    banner.wait_for(state="visible")
    link = banner.locator("a.pb-latest")
    assert link.inner_text() == "This entry in the latest edition →"
    assert link.get_attribute("href") == served + "latest/kpis/?from=2026-q3#win-rate"
    link.click()
    page.wait_for_url(served + "2026-q4/kpis/?from=2026-q3#close-rate")
    assert page.locator("#close-rate").inner_text().startswith("Close rate")
    _on_screen(page, "#close-rate")
    assert not page.locator(".pb-edition-banner").is_visible()


@needs_browser
def test_the_banner_follows_a_replacement_and_notes_a_missing_entry(page: Any, served: str) -> None:
    page.goto(served + "2026-q3/glossary/#speed-to-lead")
    page.locator(".pb-edition-banner a.pb-latest").click()
    page.wait_for_url(served + "2026-q4/glossary/?from=2026-q3#first-touch-time")
    _on_screen(page, "#first-touch-time")
    page.goto(served + "latest/kpis/?from=2026-q3#pipeline-value")
    note = page.locator(".pb-edition-note")
    note.wait_for(state="visible")
    assert note.inner_text().split("\n", 1)[1].strip() == (
        "The entry \u2018pipeline-value\u2019 of the 2026-q3 edition is no longer in the playbook. "
        "This page shows its kind as it is now."
    )


@needs_browser
def test_copy_link_offers_this_edition_and_the_latest(page: Any, served: str) -> None:
    page.goto(served + "2026-q4/kpis/")
    page.locator('a.pb-copy[href="#close-rate"]').click()
    assert page.evaluate("navigator.clipboard.readText()") == served + "2026-q4/kpis/#close-rate"
    page.locator('a.pb-copy-latest[href="#close-rate"]').click()
    assert page.evaluate("navigator.clipboard.readText()") == served + "latest/kpis/#close-rate"


def test_a_failed_build_takes_back_its_tag_and_leaves_gh_pages(repo: EditionRepo) -> None:
    before = repo.pages()
    page = repo.path / "docs" / "kpis.md"
    page.write_text(page.read_text("utf-8") + "\nSee {{ kpi('no-such-kpi') }}.\n", "utf-8")
    repo.commit("A broken page", Q4)
    try:
        done = repo.playbook("release", "2027-q1")
    finally:
        repo.git("reset", "--quiet", "--hard", "HEAD~1")
    assert done.status == 1
    assert "{{ kpi('no-such-kpi') }}: 'no-such-kpi' is not a known KPI" in done.stderr
    assert done.stderr.endswith(
        "playbook release: error: the build of 2027-q1 failed; gh-pages was left as it was\n"
        "hint: the messages above say why\n"
    )
    assert repo.pages() == before
    assert repo.git("tag", "--list", "edition/2027-q1") == ""
    assert repo.git("worktree", "list").count("\n") == 1
