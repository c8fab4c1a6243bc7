"""`playbook build --site-dir`: resolved and checked once, refused in one line, never raising."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from macros.glue.build import swap_in
from macros.glue.site_dir import SiteDirError, remove_stale, resolve_site_dir

from .conftest import TESTS, Golden
from .gitrepo import playbook

GOLDEN = TESTS / "golden" / "site-dir" / "refused.txt"


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under directory (not following links) and its bytes."""
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project (only what the checks look at) with a built site, as working directory."""
    project = tmp_path / "project"
    for name in ("docs", "playbook_data", "site", "notes", "elsewhere"):
        (project / name).mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: test\n", "utf-8")
    (project / "docs" / "index.md").write_text("# Start\n", "utf-8")
    (project / "playbook_data" / "glossary.yml").write_text("terms: []\n", "utf-8")
    (project / "site" / "index.html").write_text("<p>the last good site</p>\n", "utf-8")
    (project / "notes" / "todo.txt").write_text("not a site\n", "utf-8")
    (project / "out").symlink_to(project / "elsewhere")
    (project / "gone").symlink_to(project / "nowhere")
    (project / "here").symlink_to(project)
    monkeypatch.chdir(project)
    return project


@pytest.mark.parametrize(
    "given", ["site", "site/", "./site/", "site/.", "site/../site", "site//", "notes/../site"]
)
def test_spellings_of_the_site_resolve_to_it(project: Path, given: str) -> None:
    site = resolve_site_dir(Path(), given)
    assert (site.path, site.shown) == (project / "site", "site")


def test_an_absolute_site_dir_is_shown_absolute_outside_the_project(project: Path) -> None:
    outside = project.parent / "public"
    assert resolve_site_dir(Path(), str(project / "site" / ".")).shown == "site"
    assert resolve_site_dir(Path(), f"{outside}/").shown == str(outside)
    assert resolve_site_dir(Path("docs/.."), "public/x").shown == "docs/../public/x"


REFUSED = [
    "",
    ".",
    "./",
    "..",
    "site/..",
    "<project>",
    "<project>/",
    "<project>/../project/.",
    "here",
    "here/",
    "here/site",
    "site/../here",
    "out",
    "out/site",
    "out/../site",
    "gone",
    "docs",
    "docs/",
    "docs/assets",
    "playbook_data",
    "playbook_data/../playbook_data/new",
    ".git/site",
    "notes",
    "mkdocs.yml",
    "mkdocs.yml/",
    "mkdocs.yml/site",
    "site.new-4242-0123abcd",
    "public/site.old-1-fedcba98/",
]


def test_a_site_dir_that_a_build_must_not_replace_is_refused(project: Path, golden: Golden) -> None:
    before = snapshot(project)
    transcript = []
    for value in REFUSED:
        given = value.replace("<project>", str(project))
        result = playbook("build", "--site-dir", given)
        transcript.append(
            f"$ playbook build --site-dir {shlex.quote(value)}\n"
            f"{result.stderr.replace(str(project), '<project>')}"
            f"{result.stdout}exit {result.exit_code}\n"
        )
        assert result.exit_code == 2, transcript[-1]
        assert result.stderr.count("\n") == 1, transcript[-1]
    golden(GOLDEN, "\n".join(transcript))
    assert snapshot(project) == before
    assert sorted(p.name for p in project.iterdir()) == [
        "docs", "elsewhere", "gone", "here", "mkdocs.yml", "notes", "out", "playbook_data", "site"
    ]  # fmt: skip


def test_a_site_dir_is_refused_before_any_build(project: Path) -> None:
    """The real command, in its own process: one line, exit 2, nothing written."""
    result = subprocess.run(
        [sys.executable, "-m", "macros", "build", "--site-dir", "here"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "playbook: error: --site-dir 'here': it is a symbolic link; choose another "
        "--site-dir (a new directory, or one holding a built site)\n"
    )


def test_the_reason_names_the_link_on_the_way(project: Path) -> None:
    with pytest.raises(SiteDirError, match=r"^it goes through the symbolic link 'out'$"):
        resolve_site_dir(project, "out/new/site")


def dead_pid() -> int:
    """The pid of a process that has finished (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", ""])
    child.wait()
    return child.pid


def test_work_dirs_of_dead_builds_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    dead, live = dead_pid(), os.getpid()
    names = {
        f"site.new-{dead}-0123abcd": False,
        f"site.old-{dead}-0123abcd": False,
        f"site.new-{live}-0123abcd": True,
        f"site.old-{live}-0123abcd": True,
        "site.new-0123abcd": True,  # no owner recorded: maybe a live build
        f"public.new-{dead}-0123abcd": True,  # another site's
        f"site.new-{dead}-0123abcd.keep": True,
    }
    for name in names:
        (tmp_path / name / "assets").mkdir(parents=True)
        (tmp_path / name / "assets" / "page.html").write_text(name, "utf-8")
    (tmp_path / "target").mkdir()
    (tmp_path / f"site.new-{dead}-fedcba98").symlink_to(tmp_path / "target")
    remove_stale(site)
    kept = {name for name, keep in names.items() if keep}
    assert {p.name for p in tmp_path.iterdir()} == {
        *kept,
        "site",
        "target",
        f"site.new-{dead}-fedcba98",
    }


def test_an_old_site_moved_aside_by_a_dead_build_is_put_back(tmp_path: Path) -> None:
    site = tmp_path / "site"
    aside = tmp_path / f"site.old-{dead_pid()}-0123abcd"
    aside.mkdir()
    (aside / "index.html").write_text("<p>the last good site</p>\n", "utf-8")
    remove_stale(site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (site / "index.html").read_text("utf-8") == "<p>the last good site</p>\n"


def test_a_swap_that_fails_puts_the_old_site_back(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>the last good site</p>\n", "utf-8")
    with pytest.raises(FileNotFoundError):
        swap_in(tmp_path / "site.new-1-0123abcd", site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (site / "index.html").read_text("utf-8") == "<p>the last good site</p>\n"


def test_a_swap_replaces_the_old_site_and_removes_it(tmp_path: Path) -> None:
    site, new = tmp_path / "site", tmp_path / "site.new-1-0123abcd"
    for directory in (site, new):
        directory.mkdir()
        (directory / "index.html").write_text(directory.name, "utf-8")
    swap_in(new, site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (site / "index.html").read_text("utf-8") == new.name
