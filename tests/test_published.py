"""End to end: the files the default site publishes besides its pages."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest
from click.testing import CliRunner  # noqa: TID251 - tests drive the CLI

from macros.check.checker import load_checked
from macros.cli import main
from macros.contract.json_schema import schema_files
from macros.contract.schema import DATA_DIR, FILES
from macros.model.kinds import Kind

from .sitebuild import ROOT, build, make_project
from .test_json_schema import read_yaml

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("project"))
    out = project / "site"
    result = build(project, out)
    assert result.returncode == 0, result.stdout
    return out


def test_the_site_publishes_each_schema_with_the_ids_offered(site: Path) -> None:
    playbook = load_checked(ROOT)
    roles = sorted(entry.id for entry in playbook.entries(Kind.ROLE))
    published = sorted(p.name for p in (site / "schema").iterdir())
    assert published == sorted([*schema_files(), "definitions.schema.json"])
    for spec in FILES:
        schema = json.loads(
            (site / "schema" / spec.name.replace(".yml", ".schema.json")).read_text()
        )
        data = read_yaml(ROOT / DATA_DIR / spec.name)
        assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []
    kpis = json.loads((site / "schema" / "kpis.schema.json").read_text("utf-8"))
    assert kpis["properties"]["kpis"]["items"]["properties"]["owner"]["enum"] == roles


def test_the_site_publishes_definitions_json_as_the_export_prints_it(site: Path) -> None:
    document = json.loads((site / "definitions.json").read_text("utf-8"))
    schema = json.loads((site / "schema" / "definitions.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    result = CliRunner().invoke(main, ["export", "--root", str(ROOT)])
    assert document == json.loads(result.output)


def test_the_site_publishes_cadence_ics_linked_from_the_cadence_page(site: Path) -> None:
    calendar = icalendar.Calendar.from_ical((site / "cadence.ics").read_bytes())
    meetings = load_checked(ROOT).entries(Kind.MEETING)
    assert len(list(calendar.walk("VEVENT"))) == len(meetings)
    assert 'href="../cadence.ics"' in (site / "cadence" / "index.html").read_text("utf-8")


def test_the_site_publishes_changes_xml_linked_from_the_changes_page(site: Path) -> None:
    parsed = feedparser.parse((site / "changes.xml").read_text("utf-8"))
    assert (parsed.bozo, parsed.version) == (0, "atom10")
    assert 'href="../changes.xml"' in (site / "changes" / "index.html").read_text("utf-8")
