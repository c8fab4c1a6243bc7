"""Every error kind has an invalid fixture and its exact `playbook check` output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner  # noqa: TID251 - tests drive the CLI

from macros.cli import main

from .conftest import FIXTURES, MINI, Golden, copy_project

INVALID = FIXTURES / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def overlay(case: Path, project: Path) -> None:
    """Apply a case's files over a copy of the mini playbook; `X.delete` removes X."""
    for path in sorted((case / "playbook_data").iterdir()):
        target = project / "playbook_data" / path.name
        if path.suffix == ".delete":
            target.with_suffix("").unlink()
        else:
            shutil.copyfile(path, target)


def run_check(project: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result.exit_code, result.output


def test_mini_playbook_is_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(MINI, tmp_path)
    code, output = run_check(project, monkeypatch, "--strict")
    assert (code, output) == (0, "playbook check: 0 errors, 0 warnings\n")


@pytest.mark.parametrize("case", CASES)
def test_invalid_fixture(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, golden: Golden
) -> None:
    project = copy_project(MINI, tmp_path)
    overlay(INVALID / case, project)
    code, output = run_check(project, monkeypatch, "--strict")
    assert code == 1
    golden(INVALID / case / "expected.txt", output)


def test_warnings_pass_without_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(MINI, tmp_path)
    overlay(INVALID / "warnings", project)
    code, output = run_check(project, monkeypatch)
    assert code == 0
    assert output.endswith("playbook check: 0 errors, 3 warnings\n")
