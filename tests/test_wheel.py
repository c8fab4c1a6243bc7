"""The package is complete: a wheel of the repository, installed into a clean virtualenv,
checks the default playbook and builds the default handbook strictly.

The project is copied without ``macros/``, so everything the check and the build use comes
from the installed wheel: the engine, its layers and the theme overrides.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def _run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv holding the wheel built from the repository, and its pinned deps."""
    work = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip"]
    _run(*pip, "wheel", "--quiet", "--no-deps", "--wheel-dir", work / "dist", ROOT)
    (wheel,) = (work / "dist").glob("alignment_playbook-*.whl")
    venv.create(work / "venv", with_pip=True)
    python = work / "venv" / "bin" / "python"
    _run(python, "-m", "pip", "install", "--quiet", "-c", ROOT / "constraints.txt", wheel)
    return work / "venv"


@pytest.fixture(scope="module")
def project(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default handbook without ``macros/``, its theme taken from the installed package."""
    target = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copytree(ROOT / "playbook_data", target / "playbook_data")
    where = "import macros; print(macros.__path__[0])"
    package = _run(installed / "bin" / "python", "-c", where, cwd=target).stdout.strip()
    assert not package.startswith(str(ROOT)), package
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert "custom_dir: macros/theme\n" in config
    config = config.replace("macros/theme", f"{package}/theme")  # custom_dir and watch
    (target / "mkdocs.yml").write_text(config, "utf-8")
    return target


def test_the_installed_command_checks_the_default_playbook(installed: Path, project: Path) -> None:
    done = _run(installed / "bin" / "playbook", "check", "--strict", cwd=project)
    assert done.stdout == "playbook check: 0 errors, 0 warnings\n"


def test_the_installed_package_builds_the_default_handbook(installed: Path, project: Path) -> None:
    done = _run(installed / "bin" / "playbook", "build", "--site-dir", "site", cwd=project)
    assert done.stdout.endswith("playbook build: built site\n"), done.stdout
    assert (project / "site" / "glossary" / "index.html").is_file()
    page = (project / "site" / "glossary" / "index.html").read_text("utf-8")
    assert 'id="mql"' in page
    assert "playbook.js" in page
