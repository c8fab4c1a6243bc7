"""The layers contract is real: an upward import in a copy of the package breaks the lint.

The contract in ``pyproject.toml`` (import-linter's layers) runs on a temporary copy of the
real package, first as it is, then with one import that runs upward added to it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

LINT = str(Path(sys.executable).with_name("lint-imports"))


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "macros", tmp_path / "macros", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint(copy: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(copy)}
    return subprocess.run(
        [LINT, "--no-cache", "--config", str(copy / "pyproject.toml")],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_package_keeps_its_layers(tmp_path: Path) -> None:
    done = _lint(_copy(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "upward"),
    [
        ("model/entries.py", "from ..read import numbers"),
        ("read/load.py", "from ..check import rules"),
        ("check/rules.py", "from ..render import text"),
        ("render/text.py", "from ..glue import build"),
        ("glue/build.py", "from .. import cli"),
    ],
)
def test_an_upward_import_breaks_the_lint(tmp_path: Path, module: str, upward: str) -> None:
    copy = _copy(tmp_path)
    path = copy / "macros" / module
    path.write_text(f"{path.read_text('utf-8')}\n{upward}  # upward\n", "utf-8")
    done = _lint(copy)
    assert done.returncode == 1, done.stdout
    assert "0 kept, 1 broken" in done.stdout
    importer = "macros." + module.removesuffix(".py").replace("/", ".")
    assert importer in done.stdout
