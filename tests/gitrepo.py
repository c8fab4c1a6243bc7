"""Real temporary git repositories holding a fixture playbook, with reproducible commits."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result  # noqa: TID251 - tests drive the CLI

from macros.cli import main

from .conftest import MINI

_IDENTITY = {
    "GIT_AUTHOR_NAME": "Playbook Tests",
    "GIT_AUTHOR_EMAIL": "tests@example.com",
    "GIT_AUTHOR_DATE": "2026-01-05T09:00:00+00:00",
    "GIT_COMMITTER_NAME": "Playbook Tests",
    "GIT_COMMITTER_EMAIL": "tests@example.com",
    "GIT_COMMITTER_DATE": "2026-01-05T09:00:00+00:00",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


class GitRepo:
    """A git repository in a temporary directory, starting as the mini playbook on main."""

    def __init__(self, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.path = path
        for name, value in _IDENTITY.items():
            monkeypatch.setenv(name, value)
        monkeypatch.chdir(path)
        shutil.copytree(MINI / "playbook_data", path / "playbook_data")
        self.git("init", "--quiet", "--initial-branch=main")
        self.commit("Start from the mini playbook")

    @staticmethod
    def adopt(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Make an existing project directory a repository with one commit of everything."""
        for name, value in _IDENTITY.items():
            monkeypatch.setenv(name, value)
        for args in (("init", "--quiet", "--initial-branch=main"), ("add", "--all")):
            subprocess.run(["git", *args], cwd=path, check=True)
        subprocess.run(
            ["git", "commit", "--quiet", "-m", "Adopt the playbook"], cwd=path, check=True
        )

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=self.path, capture_output=True, text=True, check=True
        )
        return done.stdout

    def commit(self, message: str) -> None:
        self.git("add", "--all")
        self.git("commit", "--quiet", "--allow-empty", "-m", message)

    def edit(self, name: str, old: str, new: str) -> None:
        """Replace text in a data file; the old text must be there exactly once."""
        path = self.path / "playbook_data" / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} is not once in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    def append(self, name: str, text: str) -> None:
        """Append entries to the end of a data file (its last section)."""
        path = self.path / "playbook_data" / name
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def playbook(*args: str) -> Result:
    """Run the playbook command; it must exit, never raise."""
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result
