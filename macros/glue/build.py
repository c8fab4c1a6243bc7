"""Build the handbook site so that a failed or stopped build never replaces the last good one.

``mkdocs build`` cleans its output directory first and then writes page by page, so a build
that fails half-way leaves half a site where the last good one was. Here MkDocs builds into
a new directory next to the site (``site.new-…``), strictly, in its own process; only when
it succeeds is the new site swapped in: the old one is renamed away (``site.old-…``), the
new one renamed into place, and the old one deleted. When it fails, the new directory is
removed and the old site is left exactly as it was.

Stopping the build (SIGTERM, SIGINT, SIGHUP) kills the MkDocs process and everything it
started, removes the new directory and leaves the old site as it was. On Linux the MkDocs
process also dies when this one is killed outright (``kill -9``), and the next build
removes the directory it left (see :mod:`macros.glue.site_dir`).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

from .site_dir import SiteDir, remove_stale, work_dir

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
_PR_SET_PDEATHSIG = 1


class BuildStoppedError(Exception):
    """The build was stopped by a signal; the site was left as it was."""

    def __init__(self, signum: int) -> None:
        """Record the signal that stopped the build."""
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class _Stop:
    """A signal handler that records the first stop signal and kills the MkDocs process."""

    def __init__(self) -> None:
        self.signum = 0
        self.child: subprocess.Popen[bytes] | None = None

    def __call__(self, signum: int, _frame: FrameType | None) -> None:
        self.signum = self.signum or signum
        self.kill_child()

    def requested(self) -> bool:
        """Whether a stop signal has arrived."""
        return self.signum != 0

    def kill_child(self) -> None:
        """Kill the MkDocs process and what it started (its own process group)."""
        child = self.child
        if child is not None and child.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(child.pid, signal.SIGKILL)


@contextlib.contextmanager
def _stop_signals() -> Iterator[_Stop]:
    """Handle the stop signals with a :class:`_Stop` for the time of the block."""
    stop = _Stop()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    try:
        yield stop
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)


def _die_with_parent() -> Callable[[], None] | None:
    """A hook for the new MkDocs process: die when this process dies (Linux only)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    prctl.argtypes = [ctypes.c_int, *[ctypes.c_ulong] * 4]
    parent = os.getpid()

    def hook() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # gone before the request was made
            os._exit(1)

    return hook


def _run_mkdocs(project: Path, new: Path, stop: _Stop) -> int:
    """Run ``mkdocs build --strict`` into ``new``; return its exit status."""
    if stop.requested():
        return 1
    stop.child = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(new)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        process_group=0,
        preexec_fn=_die_with_parent(),  # noqa: PLW1509 (the command runs no threads)
    )
    if stop.requested():
        stop.kill_child()
    try:
        return stop.child.wait()
    finally:
        stop.child = None


def swap_in(new: Path, site: Path) -> None:
    """Put the new site in place of the old one, then delete the old one.

    The old site stays until the new one is in place; if that fails, it is put back.
    """
    if not os.path.lexists(site):
        new.rename(site)
        return
    old = work_dir(site, "old")
    site.rename(old)
    try:
        new.rename(site)
    except OSError:
        old.rename(site)
        raise
    shutil.rmtree(old, ignore_errors=True)  # what is left, the next build removes


def build_site(project: Path, site: SiteDir) -> int:
    """Build the site of ``project`` into ``site``, replacing it only on success.

    MkDocs runs in its own process (``python -m mkdocs build --strict``) with the project as
    working directory; its messages, the checker's ``path:line:col`` lines among them, go
    to this process's output. Work directories left by builds that were killed are removed
    first.

    Args:
        project: The project directory, holding ``mkdocs.yml``.
        site: The site directory to build into, checked by ``resolve_site_dir``.

    Returns:
        The exit status of MkDocs: 0 when the new site is in place.

    Raises:
        BuildStoppedError: When a stop signal arrived before the swap; the site is as it was.
        OSError: When a directory next to the site cannot be created, renamed or read.
    """
    remove_stale(site.path)
    site.path.parent.mkdir(parents=True, exist_ok=True)
    with _stop_signals() as stop:
        new = work_dir(site.path, "new")
        new.mkdir()
        try:
            status = _run_mkdocs(project, new, stop)
            if stop.requested():
                raise BuildStoppedError(stop.signum)
            if status == 0:
                swap_in(new, site.path)
            return status
        finally:
            shutil.rmtree(new, ignore_errors=True)
