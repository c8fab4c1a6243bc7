"""The history of every entry, read from real git commits, and how the site shows it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.change.history import read_history
from macros.check.checker import load_checked
from macros.model.index import Index
from macros.model.kinds import Kind
from macros.render.changes import changes
from macros.render.common import Site, history_block

from .conftest import Golden
from .gitrepo import GitRepo
from .sitebuild import build, make_project
from .soup import found

TESTS = Path(__file__).parent
GOLDEN = TESTS / "golden" / "history"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repo = GitRepo(tmp_path, monkeypatch)
    repo.edit("slas.yml", "at_most: 4, unit: business_hours", "at_most: 2, unit: business_hours")
    repo.commit("Faster MQL follow-up")
    repo.edit(
        "kpis.yml", "  - id: win-rate\n", "  - id: close-rate\n    renamed_from: [win-rate]\n"
    )
    repo.edit("cadence.yml", "inputs: [win-rate]", "inputs: [close-rate]")
    repo.commit("Call it close rate")
    repo.edit("kpis.yml", "value: 25, period: quarter", "value: 30, period: quarter")
    repo.commit("Raise the close-rate target")
    (repo.path / "README.md").write_text("not data\n", encoding="utf-8")
    repo.commit("A commit that does not touch the data")
    return repo


def test_history_of_an_entry_follows_its_renames(repo: GitRepo) -> None:
    history = read_history(repo.path)
    events = history.of(Kind.KPI, "close-rate")
    assert [(e.subject, e.action, e.changes) for e in events] == [
        (
            "Raise the close-rate target",
            "changed",
            ("target ≥ 25% per quarter → ≥ 30% per quarter",),
        ),
        ("Call it close rate", "renamed", ("renamed from win-rate",)),
        ("Start from the mini playbook", "added", ("added",)),
    ]
    assert history.of(Kind.KPI, "win-rate") == ()
    assert [e.date for e in events] == ["2026-01-05"] * 3


def test_history_by_commit_skips_commits_without_data_changes(repo: GitRepo) -> None:
    history = read_history(repo.path)
    subjects = [events[0].subject for events in history.by_commit]
    assert subjects == [
        "Raise the close-rate target",
        "Call it close rate",
        "Faster MQL follow-up",
        "Start from the mini playbook",
    ]


def test_history_limit_starts_from_the_playbook_before_the_oldest_commit(repo: GitRepo) -> None:
    history = read_history(repo.path, limit=2)
    assert [e.action for e in history.of(Kind.KPI, "close-rate")] == ["changed", "renamed"]
    assert history.of(Kind.SLA, "lead-follow-up") == ()


def test_no_history_outside_a_repository(tmp_path: Path) -> None:
    assert read_history(tmp_path).by_commit == ()


def test_history_rendering(repo: GitRepo, golden: Golden) -> None:
    history = read_history(repo.path)
    index = Index(load_checked(repo.path))
    site = Site(
        page="changes.md", commit_url="https://git.example.internal/commit/", history=history
    )
    kpi = index.get(Kind.KPI, "close-rate")
    assert kpi is not None
    text = history_block(Site(page="kpis.md", history=history), Kind.KPI, kpi)
    commit = repo.git("rev-parse", "HEAD~1").strip()
    rendered = f"{text}\n\n---\n\n{changes(index, site)}".replace(commit, "<commit>")
    for number in range(2, 5):
        full = repo.git("rev-parse", f"HEAD~{number}").strip()
        rendered = rendered.replace(full, f"<commit~{number}>").replace(full[:7], f"<c~{number}>")
    golden(GOLDEN / "rendered.md", rendered.replace(commit[:7], "<c>"))


@pytest.mark.slow
def test_built_site_shows_each_entry_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "p")
    GitRepo.adopt(project, monkeypatch)
    kpis = project / "playbook_data" / "kpis.yml"
    text = kpis.read_text("utf-8")
    start = text.index("  - id: win-rate\n")
    edited = text[:start] + text[start:].replace("value: 25\n", "value: 27\n", 1)
    kpis.write_text(edited, "utf-8")
    subprocess.run(["git", "commit", "-qam", "Raise the win-rate target"], cwd=project, check=True)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout
    page = BeautifulSoup(
        (tmp_path / "site" / "kpis" / "index.html").read_text("utf-8"), "html.parser"
    )
    box = found(found(page.find(id="win-rate")).find_next("details"))
    assert found(box.find("summary")).get_text() == "History: 2 changes"
    assert "target ≥ 25% per quarter → ≥ 27% per quarter" in box.get_text()
    recent = (tmp_path / "site" / "changes" / "index.html").read_text("utf-8")
    assert "Raise the win-rate target" in recent
