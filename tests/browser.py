"""A real browser for tests and screenshots: Debian's Chromium driven by Playwright.

The built site is served from a local thread on 127.0.0.1; nothing leaves the machine.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """Return the Chromium executable to drive, or None when there is none."""
    found = os.environ.get("PLAYBOOK_CHROMIUM") or shutil.which("chromium")
    return found if found and Path(found).exists() else None


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib name)
        """Keep test output clean."""


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a directory on a free local port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
