"""`playbook diff` on real git histories: each commit's exact output is a golden file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from macros.change.diff import diff_playbooks
from macros.change.output import MARKER, render_diff
from macros.read.load import load_directory

from .conftest import MINI, TESTS, Golden, copy_project
from .gitrepo import GitRepo, playbook

GOLDEN = TESTS / "golden" / "diff"

SAL = """\
  - id: sal
    term: Sales Accepted Lead
    abbreviation: SAL
    definition: An MQL that an SDR has accepted for follow-up.
    owner: sdr
    see_also: [mql]
"""
FIRST_TOUCH = """\
  - id: first-touch-time
    term: First touch time
    definition: Business hours from the moment a lead becomes an MQL to the first call or
      personal email from an SDR.
    owner: sdr
"""


def add_term(repo: GitRepo) -> None:
    repo.append("glossary.yml", SAL)


def change_sla(repo: GitRepo) -> None:
    repo.edit("slas.yml", "at_most: 4, unit: business_hours", "at_most: 2, unit: business_hours")
    repo.edit("slas.yml", "within four business hours.", "within two business hours.")


def change_owner_and_definition(repo: GitRepo) -> None:
    repo.edit("kpis.yml", "    owner: vp-sales\n    stage: won", "    owner: cmo\n    stage: won")
    repo.edit("glossary.yml", "a real buying opportunity.", "a real opportunity with budget.")
    repo.edit("cadence.yml", "[Plan for next quarter]", "[Plan for next quarter, Risks]")


def rename_kpi(repo: GitRepo) -> None:
    repo.edit(
        "kpis.yml", "  - id: win-rate\n", "  - id: close-rate\n    renamed_from: [win-rate]\n"
    )
    repo.edit("kpis.yml", "name: Win rate", "name: Close rate")
    repo.edit("cadence.yml", "inputs: [win-rate]", "inputs: [close-rate]")


def deprecate_term(repo: GitRepo) -> None:
    repo.edit(
        "glossary.yml",
        "  - id: speed-to-lead\n",
        "  - id: speed-to-lead\n    status: deprecated\n    replaced_by: first-touch-time\n",
    )
    repo.append("glossary.yml", FIRST_TOUCH)


def delete_term(repo: GitRepo) -> None:
    path = repo.path / "playbook_data" / "glossary.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: speed-to-lead\n")
    end = text.index("  - id: sal\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")


def merge_term(repo: GitRepo) -> None:
    delete = SAL
    path = repo.path / "playbook_data" / "glossary.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(delete, ""), encoding="utf-8")
    repo.edit("glossary.yml", "  - id: sql\n", "  - id: sql\n    renamed_from: [sal]\n")


STEPS: list[tuple[str, Callable[[GitRepo], None]]] = [
    ("01-add-term", add_term),
    ("02-change-sla", change_sla),
    ("03-change-owner-and-definition", change_owner_and_definition),
    ("04-rename-kpi", rename_kpi),
    ("05-deprecate-term", deprecate_term),
    ("06-delete-term", delete_term),
    ("07-merge-term", merge_term),
]


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """The mini playbook, tagged `start`, then one commit per step."""
    repo = GitRepo(tmp_path, monkeypatch)
    repo.git("tag", "start")
    for name, step in STEPS:
        step(repo)
        repo.commit(name)
        repo.git("tag", name)
    return repo


def test_each_commit(history: GitRepo, golden: Golden) -> None:
    previous = "start"
    for name, _ in STEPS:
        result = playbook("diff", previous, name)
        assert result.exit_code == 0, result.output
        golden(GOLDEN / f"{name}.txt", result.stdout)
        previous = name


@pytest.mark.parametrize(("fmt", "suffix"), [("text", "txt"), ("markdown", "md"), ("json", "json")])
def test_whole_history(history: GitRepo, golden: Golden, fmt: str, suffix: str) -> None:
    result = playbook("diff", "--format", fmt, "start", "HEAD")
    assert result.exit_code == 0, result.output
    golden(GOLDEN / f"history.{suffix}", result.stdout)


def test_json_is_a_document(history: GitRepo) -> None:
    document = json.loads(playbook("diff", "--format", "json", "start", "HEAD").stdout)
    assert document["counts"]["renamed"] == 1
    assert "SLA lead-follow-up" in document["needs_both_teams"]
    target = next(c for c in document["changes"] if c["id"] == "lead-follow-up")["fields"][1]
    assert (target["old"], target["new"]) == (
        "at most 4 business hours",
        "at most 2 business hours",
    )


def test_markdown_starts_with_marker(history: GitRepo) -> None:
    output = playbook("diff", "--format", "markdown", "start", "HEAD").stdout
    assert output.startswith(MARKER + "\n")


def test_working_tree_against_merge_base(history: GitRepo, golden: Golden) -> None:
    history.git("checkout", "--quiet", "-b", "faster-follow-up", "02-change-sla")
    history.edit("slas.yml", "at_most: 2, unit: business_hours", "at_most: 1, unit: business_hours")
    result = playbook("diff")
    assert result.exit_code == 0, result.output
    golden(GOLDEN / "working-tree.txt", result.stdout)


def test_merge_base_falls_back_to_origin_main(history: GitRepo) -> None:
    history.git("branch", "-m", "main", "trunk")
    history.git("update-ref", "refs/remotes/origin/main", "06-delete-term")
    result = playbook("diff")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "Playbook changes from the merge base with origin/main to the working tree",
        "1 change: 1 merged; needs both teams: term sal",
    ]


def test_no_changes(history: GitRepo) -> None:
    result = playbook("diff", "HEAD", "HEAD")
    assert result.stdout == "Playbook changes from HEAD to HEAD\nno changes\n"


def test_reformatting_is_no_change(history: GitRepo) -> None:
    history.edit(
        "kpis.yml",
        "target: {value: 400, period: month}",
        "target:\n      value: 400.0\n      period: month",
    )
    history.append("kpis.yml", "# a comment changes nothing\n")
    result = playbook("diff", "HEAD")
    assert result.stdout.splitlines()[1] == "no changes"


def test_load_errors_are_counted(history: GitRepo, golden: Golden) -> None:
    history.edit(
        "slas.yml", "at_most: 2, unit: business_hours", "at_most: soon, unit: business_hours"
    )
    history.edit("kpis.yml", "name: MQL volume", "name: Marketing qualified lead volume")
    result = playbook("diff", "HEAD")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == [
        "1 change: 1 changed",
        (
            "note: 1 error loading the working tree: entries that failed to load are not "
            "compared; run playbook check"
        ),
        "",
        "KPI mql-volume: name MQL volume → Marketing qualified lead volume",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-ref"], "playbook: error: unknown git revision 'no-such-ref'\nhint: "),
        (["--", "-x"], "playbook: error: unknown git revision '-x'\nhint: "),
        (["strat"], "playbook: error: unknown git revision 'strat'\nhint: did you mean 'start'?"),
    ],
)
def test_bad_revision_is_a_usage_error(history: GitRepo, args: list[str], message: str) -> None:
    result = playbook("diff", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = playbook("diff", "main")
    assert result.exit_code == 2
    assert result.stderr.startswith("playbook: error: '.' is not in a git repository\nhint: ")


def test_without_main_branch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path, monkeypatch)
    repo.git("branch", "-m", "main", "trunk")
    result = playbook("diff")
    assert result.exit_code == 2
    assert "there is no 'main' or 'origin/main' branch" in result.stderr


def test_file_missing_at_base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path, monkeypatch)
    repo.git("rm", "--quiet", "playbook_data/cadence.yml")
    repo.commit("Drop the cadence")
    repo.git("checkout", "--quiet", "HEAD~1", "--", "playbook_data/cadence.yml")
    result = playbook("diff", "HEAD")
    lines = result.stdout.splitlines()
    assert lines[1] == "2 changes: 2 added; needs both teams: meeting qbr, meeting weekly-sync"
    assert lines[2].startswith("note: 1 error loading HEAD")


def test_same_playbook_is_no_change() -> None:
    loaded = load_directory(MINI)
    diff = diff_playbooks(loaded.playbook, loaded.playbook, "a", "b")
    assert diff.changes == ()
    assert render_diff(diff, "markdown").splitlines()[-1] == "no changes"


DOCS = TESTS.parent / "docs"
DOCS_EXAMPLE = [
    (DOCS / "contributing.md", ("docs-example.txt", "docs-example.md")),
    (DOCS.parent / "README.md", ("docs-example.txt",)),
]


def faster_follow_up(repo: GitRepo) -> None:
    """The change the contribution guide walks through, on a branch off main."""
    repo.git("checkout", "--quiet", "-b", "faster-follow-up")
    repo.edit("slas.yml", "at_most: 4, unit: business_hours", "at_most: 2, unit: business_hours")
    repo.edit("slas.yml", "within four business hours.", "within two business hours.")
    repo.edit("slas.yml", "{after: 4, unit: business_hours", "{after: 2, unit: business_hours")
    repo.edit(
        "kpis.yml", "  - id: win-rate\n", "  - id: close-rate\n    renamed_from: [win-rate]\n"
    )
    repo.edit("kpis.yml", "name: Win rate", "name: Close rate")
    repo.edit("cadence.yml", "inputs: [win-rate]", "inputs: [close-rate]")
    repo.append("glossary.yml", SAL)


@pytest.mark.parametrize(("fmt", "suffix"), [("text", "txt"), ("markdown", "md")])
def test_docs_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, golden: Golden, fmt: str, suffix: str
) -> None:
    faster_follow_up(GitRepo(tmp_path, monkeypatch))
    result = playbook("diff", "--format", fmt)
    assert result.exit_code == 0, result.output
    golden(GOLDEN / f"docs-example.{suffix}", result.stdout)


@pytest.mark.parametrize(("page", "examples"), DOCS_EXAMPLE, ids=lambda p: getattr(p, "name", ""))
def test_docs_show_the_real_output(page: Path, examples: tuple[str, ...]) -> None:
    """The guide pastes the example's output verbatim; regenerate it when the output changes."""
    text = page.read_text(encoding="utf-8")
    for example in examples:
        assert (GOLDEN / example).read_text(encoding="utf-8") in text, f"{example} in {page}"


def _edited(tmp_path: Path, name: str, old: str, new: str) -> Path:
    project = copy_project(MINI, tmp_path)
    path = project / "playbook_data" / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return project


NEEDS = [
    ("roles.yml", "informed: [sdr]", "informed: [sdr, vp-sales]", "lead-scoring", 2),
    ("roles.yml", "mission: Owns the revenue number.", "mission: Owns revenue.", "vp-sales", 1),
    ("kpis.yml", "benchmark: 15–30% in B2B SaaS.", "benchmark: 20%.", "win-rate", 1),
    (
        "roles.yml",
        "team: sales\n    mission: Owns",
        "team: marketing\n    mission: Owns",
        "vp-sales",
        2,
    ),
]


@pytest.mark.parametrize("case", NEEDS, ids=["raci-row", "role", "kpi", "role-moves-team"])
def test_which_changes_need_both_teams(
    tmp_path: Path, case: tuple[str, str, str, str, int]
) -> None:
    """A RACI row across teams or a role moving team needs both; one team's own entry does not."""
    name, old, new, label, teams = case
    project = _edited(tmp_path, name, old, new)
    diff = diff_playbooks(load_directory(MINI).playbook, load_directory(project).playbook)
    (change,) = [c for c in diff.changes if c.id == label]
    assert (len(change.teams), change.both_teams) == (teams, teams > 1)
