"""`playbook build` (and `make site`): a new site replaces the old one only when it is complete."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import FIXTURES
from .siteproject import make_project, run_build
from .test_check_golden import overlay

pytestmark = pytest.mark.slow


def snapshot(directory: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file under directory: its bytes, modification time and mode."""
    return {
        path.relative_to(directory).as_posix(): (
            path.read_bytes(),
            path.stat().st_mtime_ns,
            path.stat().st_mode,
        )
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith("site."))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project whose site/ holds a previous build: a stale page and an index."""
    project = make_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("<p>the last good site</p>\n", "utf-8")
    (project / "site" / "stale.html").write_text("<p>gone after a rebuild</p>\n", "utf-8")
    return project


def test_a_successful_build_replaces_the_site(project: Path) -> None:
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "playbook build: built site\n"
    site = project / "site"
    assert "Marketing Qualified Lead" in (site / "glossary" / "index.html").read_text("utf-8")
    assert "the last good site" not in (site / "index.html").read_text("utf-8")
    assert not (site / "stale.html").exists()
    assert leftovers(project) == []
    umask = os.umask(0)
    os.umask(umask)
    assert site.stat().st_mode & 0o777 == 0o777 & ~umask


def test_a_failed_build_leaves_the_site_untouched(project: Path) -> None:
    overlay(FIXTURES / "invalid" / "unknown-reference", project)
    before = snapshot(project / "site")
    result = run_build(project)
    assert result.returncode == 1
    assert snapshot(project / "site") == before
    assert leftovers(project) == []
    expected = (FIXTURES / "invalid" / "unknown-reference" / "expected.txt").read_text("utf-8")
    for line in expected.splitlines()[:-1]:  # all but the tally
        assert line in result.stderr.splitlines()
    assert result.stderr.endswith("playbook build: failed; site was left as it was\n")


def test_a_link_that_runs_code_fails_the_build(project: Path) -> None:
    overlay(FIXTURES / "hostile" / "unsafe-links", project)
    before = snapshot(project / "site")
    result = run_build(project)
    assert result.returncode == 1
    assert snapshot(project / "site") == before
    assert (
        "playbook_data/glossary.yml:6:5: error: term 'mql' field 'definition': link target "
        "'javascript:alert(document.cookie)' would run code in the reader's browser; remove "
        "it; links may go to web pages (https://…), mail (mailto:…) or pages of this handbook"
    ) in result.stderr.splitlines()


def test_a_first_build_creates_the_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    result = run_build(project, "--site-dir", "public")
    assert result.returncode == 0, result.stderr
    assert (project / "public" / "index.html").is_file()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("public")) == ["public"]


@pytest.mark.parametrize("site_dir", ["site/../site", "./site/", "site/."])
def test_another_spelling_of_the_site_replaces_it(project: Path, site_dir: str) -> None:
    result = run_build(project, "--site-dir", site_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "playbook build: built site\n"
    assert "Marketing Qualified Lead" in (project / "site" / "glossary" / "index.html").read_text()
    assert not (project / "site" / "stale.html").exists()
    assert leftovers(project) == []


def test_a_directory_without_a_project_is_a_usage_error(tmp_path: Path) -> None:
    result = run_build(tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "playbook: error: no mkdocs.yml in .\n"
        "hint: run from the project root, or name it with --root\n"
    )
