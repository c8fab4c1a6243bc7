"""Every error kind has an invalid fixture and its exact `playbook check` output.

A case is a directory: its `playbook_data/` files are laid over a copy of the mini playbook
(`X.delete` removes X), its `.github/` directory, if any, is copied into the project, and
its `expected.txt` is the exact output of `playbook check --strict`. A case holding a file
named `git-base` runs in a git repository whose `main` branch is the mini playbook, checked
with `--base main`: its files are the change under review.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner  # noqa: TID251 - tests drive the CLI

from macros.cli import main
from macros.model.codes import Code
from macros.model.problems import Location, Problem

from .conftest import FIXTURES, MINI, Golden, copy_project
from .gitrepo import GitRepo

INVALID = FIXTURES / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def overlay(case: Path, project: Path) -> None:
    """Apply a case's files over a copy of the mini playbook; `X.delete` removes X.

    A directory (such as `actuals/`) is copied whole.
    """
    data = case / "playbook_data"
    for path in sorted(data.iterdir()) if data.is_dir() else ():
        target = project / "playbook_data" / path.name
        if path.suffix == ".delete":
            target.with_suffix("").unlink()
        elif path.is_dir():
            shutil.copytree(path, target)
        else:
            shutil.copyfile(path, target)
    if (case / ".github").is_dir():
        shutil.copytree(case / ".github", project / ".github")


def prepare(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, tuple[str, ...]]:
    """Make a case's project; return it and the options of its check besides `--strict`."""
    based = (case / "git-base").exists()
    project = GitRepo(tmp_path, monkeypatch).path if based else copy_project(MINI, tmp_path)
    overlay(case, project)
    return project, ("--base", "main") if based else ()


def run_check(project: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result.exit_code, result.output


def problems_of(output: str) -> list[Problem]:
    """Read the problems back from the output of `playbook check --format json`."""
    return [
        Problem(
            Location(p["path"], p["line"], p["col"]),
            p["severity"],
            p["message"],
            p["hint"],
            Code.named(p["code"]),
        )
        for p in json.loads(output)["problems"]
    ]


def test_mini_playbook_is_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(MINI, tmp_path)
    code, output = run_check(project, monkeypatch, "--strict")
    assert (code, output) == (0, "playbook check: 0 errors, 0 warnings\n")


@pytest.mark.parametrize("case", CASES)
def test_invalid_fixture(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, golden: Golden
) -> None:
    project, options = prepare(INVALID / case, tmp_path, monkeypatch)
    code, output = run_check(project, monkeypatch, "--strict", *options)
    assert code == 1
    golden(INVALID / case / "expected.txt", output)


def test_warnings_pass_without_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(MINI, tmp_path)
    overlay(INVALID / "warnings", project)
    code, output = run_check(project, monkeypatch)
    assert code == 0
    assert output.endswith("playbook check: 0 errors, 3 warnings\n")
