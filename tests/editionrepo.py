"""A real git repository with two released editions, for the edition tests.

The project is the mini playbook with the real config, theme and assets. The 2026-q3
edition is released from the first commit; then a KPI is renamed and redefined, a term
redefined and another deprecated for a new one, and 2026-q4 is released. Every commit and
tag has a fixed date, so every build is the same. The same commit is then published as
the development version, as CI does for main.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .siteproject import make_project

IDENTITY = {
    "GIT_AUTHOR_NAME": "Playbook Tests",
    "GIT_AUTHOR_EMAIL": "tests@example.com",
    "GIT_COMMITTER_NAME": "Playbook Tests",
    "GIT_COMMITTER_EMAIL": "tests@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "NO_MKDOCS_2_WARNING": "1",
}
Q3 = "2026-09-30T12:00:00+00:00"
Q4 = "2026-12-15T12:00:00+00:00"
EDITION_PAGE = (Path(__file__).parent.parent / "docs" / "edition.md").read_text("utf-8")


@dataclass(frozen=True)
class Done:
    """A finished command: its exit status and what it printed."""

    status: int
    stdout: str
    stderr: str


class EditionRepo:
    """The project and its repository; commands run in processes of their own."""

    def __init__(self, path: Path) -> None:
        self.path = make_project(path)
        (self.path / "docs" / "edition.md").write_text(EDITION_PAGE, "utf-8")
        config = self.path / "mkdocs.yml"
        text = config.read_text("utf-8").replace("nav:\n", "nav:\n  - edition.md\n", 1)
        config.write_text(text, "utf-8")
        (self.path / ".gitignore").write_text("site/\n", "utf-8")
        self.git("init", "--quiet", "--initial-branch=main")

    def env(self, date: str) -> dict[str, str]:
        return {**os.environ, **IDENTITY, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}

    def git(self, *args: str, date: str = Q3) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.path,
            env=self.env(date),
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def commit(self, message: str, date: str) -> None:
        self.git("add", "--all", date=date)
        self.git("commit", "--quiet", "-m", message, date=date)

    def playbook(self, *args: str, date: str = Q4) -> Done:
        done = subprocess.run(
            [sys.executable, "-m", "macros", *args],
            cwd=self.path,
            env=self.env(date),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        return Done(done.returncode, done.stdout, done.stderr)

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.path / "playbook_data" / name
        text = path.read_text("utf-8")
        assert text.count(old) == 1, f"{old!r} is not once in {name}"
        path.write_text(text.replace(old, new), "utf-8")

    def pages(self) -> str:
        """The commit gh-pages points at."""
        return self.git("rev-parse", "gh-pages").strip()

    def export(self, target: Path) -> Path:
        """Write the gh-pages branch out to a directory, as a static host would serve it."""
        target.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", "gh-pages"], cwd=self.path, capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-m", "-C", str(target)], input=archive.stdout, check=True)
        return target


def second_edition(repo: EditionRepo) -> None:
    """Rename and redefine a KPI, redefine a term, deprecate one for a new one."""
    repo.edit(
        "kpis.yml",
        "  - id: win-rate\n    name: Win rate\n"
        "    definition: Share of closed deals that were won.",
        "  - id: close-rate\n    renamed_from: [win-rate]\n    name: Close rate\n"
        "    definition: Share of closed deals that were won, counted at contract signature.",
    )
    repo.edit("cadence.yml", "inputs: [win-rate]", "inputs: [close-rate]")
    repo.edit("glossary.yml", "passed the score threshold.", "passed the score of 60 points.")
    repo.edit(
        "glossary.yml",
        "    owner: sdr\n    last_reviewed: 2026-10-01\n",
        "    owner: sdr\n    last_reviewed: 2026-10-01\n    status: deprecated\n"
        "    replaced_by: first-touch-time\n  - id: first-touch-time\n"
        "    term: First touch time\n"
        "    definition: Business hours from an MQL to the first sales touch.\n    owner: sdr\n",
    )


def released(path: Path) -> EditionRepo:
    """Return a repository with the editions 2026-q3 and 2026-q4 released."""
    repo = EditionRepo(path)
    repo.commit("The first agreement", Q3)
    done = repo.playbook("release", "2026-q3", date=Q3)
    assert done.status == 0, done.stdout + done.stderr
    second_edition(repo)
    repo.commit("Close rate replaces win rate; MQL at 60 points", Q4)
    done = repo.playbook("release", "2026-q4", date=Q4)
    assert done.status == 0, done.stdout + done.stderr
    done = repo.playbook("release", "dev", date=Q4)  # what CI does on every push to main
    assert done.status == 0, done.stdout + done.stderr
    return repo
