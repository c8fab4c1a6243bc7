"""Build real handbook sites for tests: the default one, or a copy with other data or pages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"


def make_project(target: Path, data: Path | None = None) -> Path:
    """Copy the handbook project (config, docs, macros link) to target, with data from data."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs")
    (target / "macros").symlink_to(ROOT / "macros")
    shutil.copytree((data or ROOT) / "playbook_data", target / "playbook_data")
    return target


def build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """Run a strict mkdocs build of project into site; return the finished process.

    MkDocs writes its log to both streams depending on the level; both go to ``stdout``.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "-d", str(site)],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
        check=False,
    )
