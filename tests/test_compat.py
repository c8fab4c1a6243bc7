"""`playbook check --base`: an id that resolves on the base branch must keep resolving."""

from __future__ import annotations

from pathlib import Path

import pytest

from .gitrepo import GitRepo, playbook

CLEAN = "playbook check: 0 errors, 0 warnings\n"
KEEP_HINT = (
    "keep it with 'status: deprecated' and 'replaced_by', or add 'renamed_from: [win-rate]' "
    "to the entry that replaces it"
)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    return GitRepo(tmp_path, monkeypatch)


def drop_win_rate(repo: GitRepo) -> None:
    """Delete KPI win-rate (the last one) and the one reference to it.

    The error lands where the entry was: on the entry before it, speed-to-lead.
    """
    path = repo.path / "playbook_data" / "kpis.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: win-rate\n")], encoding="utf-8")
    repo.edit("cadence.yml", "    inputs: [win-rate]\n", "")


def test_unchanged_data_passes(repo: GitRepo) -> None:
    assert playbook("check", "--strict", "--base", "main").output == CLEAN


def test_deleted_id_without_redirect_fails(repo: GitRepo) -> None:
    drop_win_rate(repo)
    result = playbook("check", "--strict", "--base", "main")
    assert result.exit_code == 1
    assert result.stdout == (
        "playbook_data/funnel.yml:25:5: warning: stage 'won' is measured by no KPI; give the "
        "stage a KPI, so that its flow is watched\n"
        "playbook_data/kpis.yml:12:5: error: KPI id 'win-rate' was removed, but it exists at "
        f"main: links to it would break; {KEEP_HINT}\n"
        "playbook check: 1 error, 1 warning\n"
    )


def test_the_hint_names_a_new_entry(repo: GitRepo) -> None:
    repo.edit("kpis.yml", "  - id: win-rate\n", "  - id: close-rate\n")
    repo.edit("cadence.yml", "inputs: [win-rate]", "inputs: [close-rate]")
    result = playbook("check", "--base", "main")
    assert result.exit_code == 1
    assert f"{KEEP_HINT} (e.g. KPI 'close-rate')\n" in result.stdout


def test_rename_with_renamed_from_passes(repo: GitRepo) -> None:
    repo.edit(
        "kpis.yml", "  - id: win-rate\n", "  - id: close-rate\n    renamed_from: [win-rate]\n"
    )
    repo.edit("cadence.yml", "inputs: [win-rate]", "inputs: [close-rate]")
    result = playbook("check", "--strict", "--base", "main")
    assert (result.exit_code, result.output) == (0, CLEAN)


def test_deprecation_with_replaced_by_passes(repo: GitRepo) -> None:
    repo.edit(
        "glossary.yml",
        "  - id: speed-to-lead\n",
        "  - id: speed-to-lead\n    status: deprecated\n    replaced_by: sql\n",
    )
    result = playbook("check", "--strict", "--base", "main")
    assert (result.exit_code, result.output) == (0, CLEAN)


def test_dropping_a_former_id_fails(repo: GitRepo) -> None:
    repo.edit(
        "kpis.yml", "  - id: win-rate\n", "  - id: close-rate\n    renamed_from: [win-rate]\n"
    )
    repo.edit("cadence.yml", "inputs: [win-rate]", "inputs: [close-rate]")
    repo.commit("Rename win-rate")
    repo.edit("kpis.yml", "    renamed_from: [win-rate]\n", "")
    result = playbook("check", "--strict", "--base", "main")
    assert result.exit_code == 1
    assert result.stdout == (
        "playbook_data/kpis.yml:22:5: error: KPI 'close-rate' no longer lists 'win-rate' in "
        "renamed_from, but links to 'win-rate' land on it at main; keep 'win-rate' in "
        "renamed_from: former ids are permanent\n"
        "playbook check: 1 error, 0 warnings\n"
    )


def test_a_former_id_may_move_with_its_entry(repo: GitRepo) -> None:
    repo.edit(
        "kpis.yml", "  - id: win-rate\n", "  - id: close-rate\n    renamed_from: [win-rate]\n"
    )
    repo.edit("cadence.yml", "inputs: [win-rate]", "inputs: [close-rate]")
    repo.commit("Rename win-rate")
    repo.edit(
        "kpis.yml",
        "  - id: close-rate\n    renamed_from: [win-rate]\n",
        "  - id: deal-win-rate\n    renamed_from: [win-rate, close-rate]\n",
    )
    repo.edit("cadence.yml", "inputs: [close-rate]", "inputs: [deal-win-rate]")
    result = playbook("check", "--strict", "--base", "main")
    assert (result.exit_code, result.output) == (0, CLEAN)


def test_github_annotation(repo: GitRepo) -> None:
    drop_win_rate(repo)
    result = playbook("check", "--format", "github", "--base", "main")
    second = result.stdout.splitlines()[1]
    assert second.startswith(
        "::error file=playbook_data/kpis.yml,line=12,col=5,title=playbook removed-id::"
        "KPI id 'win-rate' was removed"
    )


def test_unreadable_file_is_not_reported_as_removals(repo: GitRepo) -> None:
    (repo.path / "playbook_data" / "kpis.yml").write_text("version: 1\nkpis: [\n")
    result = playbook("check", "--base", "main")
    assert result.exit_code == 1
    assert "removed-id" not in playbook("check", "--format", "json", "--base", "main").stdout
    assert "was removed" not in result.stdout


def test_bad_base_is_a_usage_error(repo: GitRepo) -> None:
    result = playbook("check", "--base", "mian")
    assert result.exit_code == 2
    assert result.stderr == (
        "playbook: error: unknown git revision 'mian'\nhint: did you mean 'main'?\n"
    )


def test_base_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "playbook_data").mkdir()
    monkeypatch.chdir(tmp_path)
    result = playbook("check", "--base", "main")
    assert result.exit_code == 2
    assert "is not in a git repository" in result.stderr
