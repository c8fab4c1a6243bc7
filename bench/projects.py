"""The two sites the benchmark builds at each scale, under ``bench/out/<scale>/``.

``handbook/`` is our handbook: the repository's ``mkdocs.yml`` and ``docs/`` (plus prose
pages at the synthetic scales), a playbook, and the ``macros`` package. ``plain/`` is the
baseline: the same site written by hand, i.e. the Markdown of every page exactly as the
macros rendered it, saved as static pages, with the macros plugin removed from a
configuration that is otherwise identical.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from pages import ids_by_macro, nav_lines, prose_pages, remap_ids
from synth import SCALES, SEED, write_playbook

from macros.check.checker import check_directory

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SCALE_NAMES = ("default", *SCALES)


@dataclass(frozen=True, slots=True)
class Project:
    """The handbook and its baseline at one scale."""

    scale: str
    entries: int
    prose_pages: int
    handbook: Path
    plain: Path


def _replace(text: str, pattern: str, new: str) -> str:
    changed, count = re.subn(pattern, new, text, count=1, flags=re.MULTILINE)
    if count != 1:
        raise ValueError(f"mkdocs.yml: cannot find {pattern!r}")
    return changed


def _entries(project: Path) -> int:
    playbook, _ = check_directory(project)
    return sum(1 for _ in playbook.all_entries())


def prepare(scale: str) -> Project:
    """Write the handbook project of ``scale`` (``default``, ``1k`` or ``5k``)."""
    base = OUT / scale
    shutil.rmtree(base, ignore_errors=True)
    handbook = base / "handbook"
    if scale == "default":
        # A clone, for the history the build reads from git; then the working tree's files.
        git = ["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(handbook)]
        subprocess.run(git, check=True)
        shutil.copytree(ROOT / "playbook_data", handbook / "playbook_data")
    shutil.copytree(ROOT / "docs", handbook / "docs")
    (handbook / "macros").symlink_to(ROOT / "macros")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    prose = 0
    if scale != "default":
        files = write_playbook(handbook, SCALES[scale])
        ids = ids_by_macro(files)
        chosen: dict[tuple[str, str], str] = {}
        for page in (handbook / "docs").rglob("*.md"):
            page.write_text(remap_ids(page.read_text("utf-8"), ids, chosen), "utf-8")
        pages = prose_pages(files, SCALES[scale].prose_pages, SEED)
        for path, text in pages.items():
            (handbook / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
            (handbook / "docs" / path).write_text(text, encoding="utf-8")
        config = _replace(config, r"^(?=\nmarkdown_extensions:)", nav_lines(list(pages)))
        prose = len(pages)
    (handbook / "mkdocs.yml").write_text(config, encoding="utf-8")
    return Project(scale, _entries(handbook), prose, handbook, base / "plain")


def capture(project: Project, site_dir: Path) -> None:
    """Build the handbook once, saving its rendered Markdown, and write the baseline."""
    plain = project.plain
    shutil.rmtree(plain, ignore_errors=True)
    shutil.copytree(project.handbook / "docs", plain / "docs")
    for page in (plain / "docs").rglob("*.md"):
        page.unlink()
    # The theme and the link extension, without the package that holds them: importing it
    # would load the whole data layer into the baseline too.
    (plain / "theme").symlink_to(ROOT / "macros" / "theme")
    shutil.copyfile(ROOT / "macros" / "glue" / "external_links.py", plain / "playbook_links.py")
    config = (project.handbook / "mkdocs.yml").read_text(encoding="utf-8")
    hook = f"\nhooks:\n  - {ROOT / 'bench' / 'capture.py'}\n"
    capture_config = project.handbook / "mkdocs.capture.yml"
    capture_config.write_text(config + hook, encoding="utf-8")
    done = subprocess.run(
        [MKDOCS, "build", "-f", str(capture_config), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        check=False,
        env={**ENV, "PLAYBOOK_CAPTURE": str(plain), "PYTHONPATH": str(project.handbook)},
    )
    capture_config.unlink()
    if done.returncode != 0:
        raise RuntimeError(f"the capture build failed:\n{done.stdout}{done.stderr}")
    settings = json.loads((plain / "settings.json").read_text())
    config = _replace(config, r"^  - macros:\n(?:      .*\n)+", "")
    config = _replace(config, r"^  custom_dir: macros/theme$", "  custom_dir: theme")
    config = _replace(config, r"^  - macros.glue.external_links$", "  - playbook_links")
    config = _replace(config, r"^watch:\n(?:  - .*\n)+", "")  # no data to watch
    if settings["not_in_nav"]:
        config += "\nnot_in_nav: |\n" + "".join(f"  /{p}\n" for p in settings["not_in_nav"])
    (plain / "mkdocs.yml").write_text(config, encoding="utf-8")
