"""changes.xml: the Atom feed of the playbook's commits, read back with feedparser."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest

from macros.change.history import read_history
from macros.render.common import Site
from macros.render.feed import changes_feed

from .conftest import Golden
from .gitrepo import GitRepo
from .test_history import repo

GOLDEN = Path(__file__).parent / "golden" / "feed"
__all__ = ["repo"]


def feed_of(repo: GitRepo, site_url: str = "https://playbook.example.com/") -> str:
    site = Site(history=read_history(repo.path), commit_url="https://git.example.com/c/")
    return changes_feed(site, site_url)


def test_the_feed_is_atom_with_one_entry_per_playbook_commit(repo: GitRepo) -> None:
    parsed = feedparser.parse(feed_of(repo))
    assert (parsed.bozo, parsed.version) == (0, "atom10")
    assert [e.title for e in parsed.entries] == [
        "Raise the close-rate target",
        "Call it close rate",
        "Faster MQL follow-up",
        "Start from the mini playbook",
    ]
    assert parsed.entries[0].summary == (
        "KPI close-rate changed: target ≥ 25% per quarter → ≥ 30% per quarter"
    )
    assert parsed.feed.updated == "2026-01-05T00:00:00Z"
    assert feed_of(repo) == feed_of(repo)


def test_the_feed_of_the_repository(repo: GitRepo, golden: Golden) -> None:
    commits = [e[0].commit for e in read_history(repo.path).by_commit]
    text = feed_of(repo)
    for number, commit in enumerate(commits):
        text = text.replace(commit, f"COMMIT{number}")
    golden(GOLDEN / "changes.xml", text)


@pytest.mark.parametrize("site_url", ["", "https://playbook.example.com/"])
def test_an_empty_history_is_a_valid_feed_dated_without_the_clock(site_url: str) -> None:
    parsed = feedparser.parse(changes_feed(Site(), site_url))
    assert (parsed.bozo, parsed.version, parsed.entries) == (0, "atom10", [])
    assert parsed.feed.updated == "1970-01-01T00:00:00Z"
