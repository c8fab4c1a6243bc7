"""A stopped or killed `playbook build` leaves the old site, no work directory and no MkDocs.

The project holds its build with an MkDocs hook after every page is written: the hook
writes the MkDocs process's pid to ``holding`` and sleeps, so the signal reaches the build
at a known point, with ``site.new-…`` full, instead of racing it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import RUNAWAY_SECONDS
from .siteproject import make_project, run_build
from .test_sitebuild import leftovers, snapshot

pytestmark = pytest.mark.slow

HOLD = """\
import os
import time
from pathlib import Path


def on_post_build(config, **kwargs):
    holding = Path(config.config_file_path).with_name("holding")
    Path(f"{holding}.part").write_text(str(os.getpid()))
    Path(f"{holding}.part").rename(holding)  # whole, once there
    time.sleep(600)
"""


def wait_for(condition: Callable[[], bool], what: str) -> None:
    """Wait until condition() holds; fail after RUNAWAY_SECONDS (a hang guard)."""
    deadline = time.monotonic() + RUNAWAY_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.02)


def processes_mentioning(text: str) -> list[int]:
    """The pids of running processes whose command line holds text."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if text.encode() in cmdline:
                found.append(int(entry.name))
    return found


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project whose site/ holds a previous build, and whose next build holds."""
    project = make_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("<p>the last good site</p>\n", "utf-8")
    (project / "site" / "assets").mkdir()
    (project / "site" / "assets" / "page.css").write_text("p { color: red }\n", "utf-8")
    (project / "hold.py").write_text(HOLD, "utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nhooks:\n  - hold.py\n")
    return project


@pytest.fixture
def held(project: Path) -> Iterator[tuple[subprocess.Popen[str], int, str]]:
    """``playbook build`` running, held after writing its pages: (it, MkDocs' pid, work dir)."""
    build = subprocess.Popen(
        [sys.executable, "-m", "macros", "build"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    holding = project / "holding"
    wait_for(lambda: build.poll() is not None or holding.is_file(), "the build to hold")
    assert build.poll() is None, build.communicate()
    (work,) = [name for name in leftovers(project) if name.startswith("site.new-")]
    assert (project / work / "glossary" / "index.html").is_file()
    assert processes_mentioning(work) == [int(holding.read_text())]
    yield build, int(holding.read_text()), work
    for pid in processes_mentioning(work):  # only if a test failed
        os.kill(pid, signal.SIGKILL)
    build.kill()
    build.communicate(timeout=RUNAWAY_SECONDS)


@pytest.mark.parametrize(
    "signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda signum: signum.name
)
def test_a_stopped_build_leaves_the_site_and_nothing_else(
    project: Path, held: tuple[subprocess.Popen[str], int, str], signum: signal.Signals
) -> None:
    build, _, work = held
    before = snapshot(project / "site")
    build.send_signal(signum)
    build.wait(timeout=RUNAWAY_SECONDS)
    assert processes_mentioning(work) == []
    stdout, stderr = build.communicate(timeout=RUNAWAY_SECONDS)
    assert build.returncode == 128 + signum
    assert stdout == ""
    assert stderr.endswith(f"playbook build: stopped by {signum.name}; site was left as it was\n")
    assert "Traceback" not in stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_mkdocs_dies_with_a_killed_build_and_the_next_build_cleans_up(
    project: Path, held: tuple[subprocess.Popen[str], int, str]
) -> None:
    build, _, work = held
    before = snapshot(project / "site")
    build.kill()
    build.wait(timeout=RUNAWAY_SECONDS)
    wait_for(lambda: processes_mentioning(work) == [], "MkDocs to die with its parent")
    assert snapshot(project / "site") == before
    assert leftovers(project) == [work]  # nothing could remove it yet
    (project / "hold.py").write_text("", "utf-8")
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    assert leftovers(project) == []
    assert "the last good site" not in (project / "site" / "index.html").read_text("utf-8")
