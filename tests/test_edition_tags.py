"""Edition tags in real git repositories: their order, the edition compared with, names."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from macros.change.diff import Change, Diff, FieldChange
from macros.change.editions import EditionChanges, edition_changes, order_versions
from macros.model.entries import Playbook
from macros.model.index import Index
from macros.model.kinds import Kind
from macros.read.load import load_directory
from macros.read.tags import EditionTag, edition_tags, name_problem, previous_edition
from macros.render.common import Site
from macros.render.edition import edition_page

from .gitrepo import GitRepo, playbook
from .soup import attr


class TaggedRepo(GitRepo):
    """A repository that tags its commits as editions at given dates."""

    def __init__(self, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        super().__init__(path, monkeypatch)
        self.monkeypatch = monkeypatch


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TaggedRepo:
    return TaggedRepo(tmp_path, monkeypatch)


def _tag(repo: TaggedRepo, name: str, date: str, *, annotated: bool = True) -> None:
    repo.monkeypatch.setenv("GIT_COMMITTER_DATE", date)
    if annotated:
        repo.git("tag", "--annotate", "-m", f"Edition {name}", f"edition/{name}")
    else:
        repo.git("tag", f"edition/{name}")


def test_editions_are_ordered_by_tag_date_not_by_name(repo: TaggedRepo) -> None:
    _tag(repo, "zebra", "2026-03-01T00:00:00+00:00")
    _tag(repo, "2026-q2", "2026-06-01T00:00:00+00:00", annotated=False)  # the commit's date
    _tag(repo, "alpha", "2026-09-01T00:00:00+00:00")
    repo.git("tag", "edition/Not-A-Name")  # not an edition name: left out
    assert [t.name for t in edition_tags(repo.path)] == ["alpha", "zebra", "2026-q2"]


def test_the_edition_compared_with_is_the_newest_ancestor_tag(repo: TaggedRepo) -> None:
    _tag(repo, "2026-q3", "2026-09-30T00:00:00+00:00")
    first = repo.git("rev-parse", "HEAD").strip()
    repo.git("switch", "--quiet", "-c", "other")
    repo.commit("Elsewhere")
    _tag(repo, "2026-q5", "2027-03-01T00:00:00+00:00")  # not an ancestor of main
    repo.git("switch", "--quiet", "main")
    repo.edit("kpis.yml", "name: Win rate", "name: Close rate")
    repo.commit("Rename")
    _tag(repo, "2026-q4", "2026-12-15T00:00:00+00:00")
    head = repo.git("rev-parse", "HEAD").strip()
    previous = previous_edition(repo.path, head, "2026-q4")
    assert previous is not None
    assert (previous.name, previous.commit) == ("2026-q3", first)
    newest = previous_edition(repo.path, head)
    assert newest is not None
    assert newest.name == "2026-q4"  # dev: the newest it holds
    changes = edition_changes(repo.path, load_directory(repo.path).playbook, "2026-q4")
    assert changes.previous == previous
    assert changes.diff is not None
    assert [f"{c.label}: {c.action}" for c in changes.diff.changes] == ["KPI win-rate: changed"]
    assert changes.diff.base == "the 2026-q3 edition"


def test_outside_git_there_is_nothing_to_compare(tmp_path: Path) -> None:
    changes = edition_changes(tmp_path, load_directory(tmp_path).playbook, "2026-q4")
    assert (changes.in_git, changes.previous, changes.diff) == (False, None, None)


def test_versions_list_dev_first_then_editions_by_tag_date() -> None:
    versions = [
        {"version": "zebra", "aliases": []},
        {"version": "dev", "aliases": []},
        {"version": "2026-q2", "aliases": ["latest"]},
        {"version": "untagged", "aliases": []},
        {"version": "alpha", "aliases": []},
    ]
    tags = [
        EditionTag("2026-q2", "c", 300),
        EditionTag("alpha", "b", 200),
        EditionTag("zebra", "a", 100),
    ]
    assert [v["version"] for v in order_versions(versions, tags)] == [
        "dev",
        "2026-q2",
        "alpha",
        "zebra",
        "untagged",
    ]


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("2026-q4", None),
        ("v1.2", None),
        ("latest", "'latest' is reserved for the alias of the newest edition"),
        (
            "Q4",
            (
                "'Q4' is not an edition name: use lowercase letters, digits, dots and single "
                "hyphens, starting with a letter or digit, at most 40 characters (e.g. 2026-q4)"
            ),
        ),
        (
            "a--b",
            (
                "'a--b' is not an edition name: use lowercase letters, digits, dots and single "
                "hyphens, starting with a letter or digit, at most 40 characters (e.g. 2026-q4)"
            ),
        ),
        (
            "../x",
            (
                "'../x' is not an edition name: use lowercase letters, digits, dots and single "
                "hyphens, starting with a letter or digit, at most 40 characters (e.g. 2026-q4)"
            ),
        ),
    ],
)
def test_edition_names(name: str, problem: str | None) -> None:
    assert name_problem(name) == problem


def test_release_refuses_a_reserved_name_and_a_dirty_working_tree(repo: TaggedRepo) -> None:
    result = playbook("release", "latest")
    assert (result.exit_code, result.output) == (
        2,
        (
            "playbook release: error: 'latest' is reserved for the alias of the newest edition\n"
            "hint: choose another name, e.g. 2026-q4\n"
        ),
    )
    repo.edit("kpis.yml", "name: Win rate", "name: Close rate")
    result = playbook("release", "2026-q4")
    assert (result.exit_code, result.output) == (
        2,
        (
            "playbook release: error: the working tree has uncommitted changes, and an edition is "
            "built from a commit\nhint: commit or stash them first, or name the commit with --rev\n"
        ),
    )
    assert repo.git("tag", "--list") == ""
    assert repo.git("branch", "--list", "gh-pages") == ""


HOSTILE = '<script>alert(1)</script> {{ 7*7 }} [x](javascript:alert(1)) {: onclick="x" }'


def test_the_what_changed_page_shows_hostile_data_as_text() -> None:
    """Names, values and definitions from the data reach the page as text, never markup."""
    prose = FieldChange("definition", "prose", (HOSTILE,), (HOSTILE + " now",))
    value = FieldChange("name", "value", (HOSTILE,), ("Plain",))
    change = Change(
        Kind.TERM, "gone", "removed", name=HOSTILE, fields=(prose, value), teams=("a<b", "c")
    )
    changes = EditionChanges(
        "2026-q4",
        EditionTag("2026-q3", "0" * 40, 0),
        Diff("the 2026-q3 edition", "the 2026-q4 edition", (change,)),
    )
    page = edition_page(Index(Playbook()), Site(page="edition.md"), changes)
    assert "{{" not in page
    assert "{:" not in page
    soup = BeautifulSoup(
        markdown.Markdown(extensions=["attr_list", "macros.glue.external_links"]).convert(page),
        "html.parser",
    )
    assert soup.find(["script", "img"]) is None
    assert all(not attr(a, "href", "").startswith("javascript") for a in soup.find_all("a"))
    assert all(not name.startswith("on") for tag in soup.find_all(True) for name in tag.attrs)
    assert "<script>alert(1)</script> {{ 7*7 }}" in soup.get_text()
