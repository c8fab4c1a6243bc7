"""A build must fail loudly and clearly: unknown ids in prose, bad data; old links keep working."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .sitebuild import build, make_project

pytestmark = pytest.mark.slow


def test_unknown_term_in_prose_fails_the_build_naming_page_and_closest_ids(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    page = project / "docs" / "index.md"
    page.write_text(page.read_text("utf-8") + "\nSee {{ term('mqll') }}.\n", "utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert (
        "WARNING -  playbook: docs/index.md: {{ term('mqll') }}: 'mqll' is not a known term; "
        "did you mean 'mql'?"
    ) in result.stdout
    assert "Traceback" not in result.stdout


def test_data_errors_abort_the_build_with_the_checker_messages(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    kpis = project / "playbook_data" / "kpis.yml"
    kpis.write_text(
        kpis.read_text("utf-8").replace("owner: vp-sales", "owner: vp-sale", 1), "utf-8"
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "ERROR   -  the playbook data has 1 error(s):" in result.stdout
    assert "playbook_data/kpis.yml:" in result.stdout
    assert "is not a known role; did you mean 'vp-sales'?" in result.stdout
    assert "Traceback" not in result.stdout


def test_data_warnings_fail_the_strict_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    roles = project / "playbook_data" / "roles.yml"
    text = roles.read_text("utf-8").replace(
        "\nroles:\n", "\n  - id: finance\n    name: Finance\n\nroles:\n", 1
    )
    roles.write_text(text, "utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "team 'finance' has no roles" in result.stdout
    assert "Aborted with 1 warnings in strict mode!" in result.stdout


def test_a_renamed_entry_keeps_its_old_anchor(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    glossary = project / "playbook_data" / "glossary.yml"
    text = glossary.read_text("utf-8").replace(
        "      - speed-to-lead\n", "      - lead-response-time\n"
    )
    text = text.replace(
        "  - id: speed-to-lead\n",
        "  - id: lead-response-time\n    renamed_from: [speed-to-lead]\n",
        1,
    )
    glossary.write_text(text, "utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout
    soup = BeautifulSoup(
        (tmp_path / "site" / "glossary" / "index.html").read_text("utf-8"), "html.parser"
    )
    old = soup.find(id="speed-to-lead")
    new = soup.find(id="lead-response-time")
    assert old is not None
    assert new is not None
    assert old.find_next(["h2", "h3"]) is new
