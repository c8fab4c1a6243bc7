"""How long ``mkdocs serve`` takes to show one YAML edit: save the file, poll the page.

The server runs on 127.0.0.1 on a free port, in a copy of the project; it is always
stopped, whatever happens. Each edit changes one glossary definition, and the time runs
from saving the file to the first response of the glossary page that holds the new text.
"""

from __future__ import annotations

import contextlib
import re
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from projects import ENV, MKDOCS

POLL = 0.02
TIMEOUT = 60.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (local server)
            body: bytes = response.read()
            return body.decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, text: str) -> float:
    """Poll ``url`` until its body contains ``text``; return the time it took."""
    start = time.perf_counter()
    while time.perf_counter() - start < TIMEOUT:
        body = _get(url)
        if body is not None and text in body:
            return time.perf_counter() - start
        time.sleep(POLL)
    raise TimeoutError(f"{url} did not show {text!r} within {TIMEOUT:.0f} s")


@contextlib.contextmanager
def _server(project: Path, port: int) -> Iterator[subprocess.Popen[bytes]]:
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [MKDOCS, "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=ENV,
        )
        try:
            yield server
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def serve_rebuilds(project: Path, edits: int = 5) -> dict[str, object]:
    """Measure ``edits`` rebuilds after a one-line edit of ``playbook_data/glossary.yml``."""
    data = project / "playbook_data" / "glossary.yml"
    original = data.read_text(encoding="utf-8")
    anchor = re.search(r"^    definition: (?=[^\"'|>])", original, re.MULTILINE)
    if anchor is None:
        raise ValueError(f"{data}: no plain definition to edit")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/glossary/"
    times = []
    try:
        with _server(project, port):
            startup = _wait_for(url, "</html>")
            for number in range(1, edits + 1):
                marker = f"Edited for the benchmark, take {number}."
                edited = f"{original[: anchor.end()]}{marker} {original[anchor.end() :]}"
                data.write_text(edited, encoding="utf-8")
                times.append(_wait_for(url, marker))
                time.sleep(1.0)  # let the server settle before the next edit
    finally:
        data.write_text(original, encoding="utf-8")
    return {
        "startup_seconds": round(startup, 3),
        "edits": edits,
        "rebuild_seconds": [round(t, 3) for t in times],
        "median_seconds": round(statistics.median(times), 3),
    }
