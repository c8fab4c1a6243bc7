"""Small handbook projects for site tests: the real config, a page per kind, any data.

The docs pages are written here, not copied: they render every block macro and link every
entry with its inline macro, so whatever the data holds reaches every renderer.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from bs4 import BeautifulSoup

from macros.glue.plugin import INLINE_KINDS
from macros.read.load import load_directory

from .conftest import MINI, ROOT

BLOCK_PAGES: Mapping[str, str] = {
    "glossary.md": "# Glossary\n\n{{ glossary() }}\n",
    "roles.md": "# Roles\n\n{{ raci() }}\n\n{{ teams() }}\n\n{{ roles() }}\n",
    "funnel.md": "# Funnel\n\n{{ funnel() }}\n",
    "kpis.md": "# KPIs\n\n{{ kpis() }}\n",
    "slas.md": "# SLAs\n\n{{ slas() }}\n",
    "cadence.md": "# Cadence\n\n{{ cadence() }}\n",
}
FRONT_MATTER = "---\nrender_macros: true\n---\n\n"


def _index_page(project: Path) -> str:
    """A prose page linking every entry through its inline macro, then the summary."""
    macro_of = {kind: name for name, kind in INLINE_KINDS.items()}
    playbook = load_directory(project).playbook
    lines = [
        f"- {{{{ {macro_of[kind]}('{entry.id}') }}}}" for kind, entry in playbook.all_entries()
    ]
    return (
        "# Start here\n\nEvery entry, linked from prose:\n\n"
        + "\n".join(lines)
        + ("\n\n{{ summary() }}\n")
    )


def _config(noindex: bool | None) -> str:
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    pages = ["index.md", *BLOCK_PAGES]
    nav = "nav:\n" + "".join(f"  - {page}\n" for page in pages)
    text = re.sub(r"^nav:\n(?:[ ].*\n)+", nav, text, count=1, flags=re.MULTILINE)
    if noindex is not None:
        text, count = re.subn(r"(?m)^(\s+noindex:) \w+$", rf"\1 {str(noindex).lower()}", text)
        assert count == 1, "mkdocs.yml has no extra.playbook.noindex"
    return text


def make_project(target: Path, data: Path = MINI, *, noindex: bool | None = None) -> Path:
    """Create a project in target: the real config and theme, test pages, data from data.

    Args:
        target: The new project directory.
        data: A directory holding ``playbook_data/``.
        noindex: Set ``extra.playbook.noindex`` to this, or keep the real config's value.

    Returns:
        The project directory.
    """
    target.mkdir(parents=True, exist_ok=True)
    (target / "mkdocs.yml").write_text(_config(noindex), "utf-8")
    (target / "macros").symlink_to(ROOT / "macros")
    shutil.copytree(ROOT / "docs" / "assets", target / "docs" / "assets")
    shutil.copytree(data / "playbook_data", target / "playbook_data")
    for name, body in BLOCK_PAGES.items():
        (target / "docs" / name).write_text(FRONT_MATTER + body, "utf-8")
    (target / "docs" / "index.md").write_text(FRONT_MATTER + _index_page(target), "utf-8")
    return target


def run_build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``playbook build`` in its own process; return it finished, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "macros", "build", *args],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def html_pages(site: Path) -> dict[str, BeautifulSoup]:
    """Parse every HTML page of a built site, by path relative to the site."""
    return {
        path.relative_to(site).as_posix(): BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for path in sorted(site.rglob("*.html"))
    }
