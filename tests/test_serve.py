"""`make serve` previews with live reload: a YAML edit shows up without restarting."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from .sitebuild import MKDOCS, make_project

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (a local server)
        return str(response.read().decode("utf-8"))


def wait_for(url: str, predicate: Callable[[str], bool], seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if predicate(last):
                return last
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"{url} did not change in {seconds} s")


def test_a_yaml_edit_is_served_without_a_restart(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    port = free_port()
    server = subprocess.Popen(
        [str(MKDOCS), "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/glossary/"
        wait_for(url, lambda html: 'id="mql"' in html, 60)
        glossary = project / "playbook_data" / "glossary.yml"
        text = glossary.read_text("utf-8").replace(
            "term: Marketing Qualified Lead", "term: Marketing Qualified Prospect", 1
        )
        glossary.write_text(text, "utf-8")
        wait_for(url, lambda html: "Marketing Qualified Prospect" in html, 60)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
