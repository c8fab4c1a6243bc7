"""Actuals on the KPI page: the scorecard, the trend chart and its text, hostile CSV text."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner  # noqa: TID251 - tests drive the CLI

from macros.check.checker import load_checked
from macros.cli import main
from macros.model.codes import Code
from macros.model.index import Index
from macros.read.actuals import MAX_BYTES
from macros.read.load import load_directory
from macros.render import cadence, kpis, slas
from macros.render.actuals import series, trend_svg
from macros.render.common import Site

from .conftest import MINI, TESTS, Golden, copy_project
from .test_check_golden import run_check

GOLDEN = TESTS / "golden" / "actuals"
SVG = "{http://www.w3.org/2000/svg}"
MONTHS = [f"2025-{m:02d}" for m in range(1, 13)]
MQLS = [380, 410, 395, 420, 430, 398, 405, 415, 360, 440, 401, 412]


def _project(tmp_path: Path, text: str, name: str = "crm.csv") -> Path:
    project = copy_project(MINI, tmp_path)
    (project / "playbook_data" / "actuals").mkdir()
    (project / "playbook_data" / "actuals" / name).write_text(text, "utf-8")
    return project


def _measured(tmp_path: Path) -> Index:
    rows = [f"{m},mql-volume,{v}" for m, v in zip(MONTHS, MQLS, strict=True)]
    rows += ["2025-10,speed-to-lead,1.5", "2025-11,speed-to-lead,0.8", "2025-Q4,win-rate,23.5"]
    rows += ["2025-12,speed-to-lead,0.9", "2024-12,mql-volume,300"]
    project = _project(tmp_path, "period,kpi,value\n" + "\n".join(rows) + "\n")
    return Index(load_checked(project, strict=True))


def test_kpi_page_shows_latest_actuals_status_and_charts(tmp_path: Path, golden: Golden) -> None:
    index = _measured(tmp_path)
    golden(GOLDEN / "kpis.md", kpis.kpis(index, Site(page="kpis.md")))


def test_the_trend_chart_is_xml_with_one_point_per_period(tmp_path: Path, golden: Golden) -> None:
    index = _measured(tmp_path)
    kpi = next(k for k in index.playbook.kpis if k.id == "mql-volume")
    svg = trend_svg(kpi, series(index.playbook)["mql-volume"])
    golden(GOLDEN / "trend.svg", svg + "\n")
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    points = root.findall(f"{SVG}g/{SVG}circle")
    assert len(points) == 12  # the last 12 of 13 periods
    missed = [m for m, v in zip(MONTHS, MQLS, strict=True) if v < 400]
    assert [p.get("fill") == "none" for p in points] == [m in missed for m in MONTHS]
    assert len(root.findall(f"{SVG}polyline")) == len(root.findall(f"{SVG}line")) == 1
    text = root.findtext(f"{SVG}title")
    assert root.get("role") == "img"
    assert text == (
        "MQL volume, last 12 periods: "
        + "; ".join(f"{m}: {v}" for m, v in zip(MONTHS, MQLS, strict=True))
        + ". Target 400 (higher is better). Latest 2025-12: met."
    )


def test_status_follows_the_direction(tmp_path: Path) -> None:
    markdown = kpis.kpis(_measured(tmp_path), Site(page="kpis.md"))
    assert "**Latest actual:** 0.9 business hours for 2025-12: **met**" in markdown
    assert "**Latest actual:** 23.5% for 2025-Q4: **missed** (1.5% short)" in markdown


def test_a_file_over_5_mb_is_refused(tmp_path: Path) -> None:
    row = "2025-01,mql-volume,1\n"
    project = _project(tmp_path, "period,kpi,value\n" + row * (MAX_BYTES // len(row) + 1))
    problems = load_directory(project, ".").problems
    assert [(str(p), p.code) for p in problems] == [
        (
            (
                "playbook_data/actuals/crm.csv:1:1: error: file is 5.0 MB, over the limit of "
                "5 MB per data file; split the data or remove what does not belong in the handbook"
            ),
            Code.FILE_TOO_LARGE,
        )
    ]


@pytest.mark.parametrize("fmt", ["json", "github", "text"])
def test_formula_injection_stays_text_in_every_output(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    formula = '=HYPERLINK("http://example.com","x")'
    quoted = formula.replace('"', '""')
    project = _project(tmp_path, f'period,kpi,value\n2025-01,mql-volume,"{quoted}"\n')
    code, output = run_check(project, monkeypatch, "--format", fmt)
    assert code == 1
    if fmt == "json":
        (problem,) = json.loads(output)["problems"]
        assert formula in problem["message"]
        assert problem["code"] == "actuals-value"
    else:
        assert "HYPERLINK" in output


def test_slas_show_attainment_and_meetings_the_latest_actuals(
    tmp_path: Path, golden: Golden
) -> None:
    index = _measured(tmp_path)
    golden(GOLDEN / "slas.md", slas.slas(index, Site(page="slas.md")))
    golden(GOLDEN / "cadence.md", cadence.cadence(index, Site(page="cadence.md")))


REPORT_SCHEMA = {
    "type": "object",
    "required": ["period", "sample", "totals", "owners"],
    "additionalProperties": False,
    "properties": {
        "period": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
        "sample": {"type": "boolean"},
        "totals": {
            "type": "object",
            "required": ["met", "missed", "no actual"],
            "additionalProperties": {"type": "integer", "minimum": 0},
        },
        "owners": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["owner", "name", "kpis"],
                "additionalProperties": False,
                "properties": {
                    "owner": {"type": "string"},
                    "name": {"type": "string"},
                    "kpis": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": [
                                "kpi",
                                "name",
                                "period",
                                "value",
                                "unit",
                                "target",
                                "direction",
                                "status",
                                "gap",
                            ],
                            "properties": {
                                "kpi": {"type": "string"},
                                "name": {"type": "string"},
                                "period": {"type": ["string", "null"]},
                                "value": {"type": ["number", "null"]},
                                "unit": {"type": "string"},
                                "target": {"type": "number"},
                                "direction": {"enum": ["up", "down"]},
                                "status": {"enum": ["met", "missed", "no actual"]},
                                "gap": {"type": ["string", "null"]},
                            },
                        },
                    },
                },
            },
        },
    },
}


@pytest.mark.parametrize(("fmt", "suffix"), [("text", "txt"), ("markdown", "md"), ("json", "json")])
@pytest.mark.parametrize("period", ["2025-12", "2025-10"])
def test_report_of_a_month_in_every_format(
    fmt: str, suffix: str, period: str, golden: Golden, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The default playbook's sample actuals, reported for a month met and a month missed."""
    monkeypatch.chdir(TESTS.parent)
    result = CliRunner().invoke(main, ["report", "--period", period, "--format", fmt])
    assert result.exit_code == 0, result.output
    golden(GOLDEN / f"report-{period}.{suffix}", result.output)
    if fmt == "json":
        document = json.loads(result.output)
        jsonschema.validate(document, REPORT_SCHEMA)
        assert document["period"] == period
        assert document["sample"] is True


def test_report_defaults_to_the_latest_month_and_refuses_a_wrong_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(TESTS.parent)
    latest = CliRunner().invoke(main, ["report"])
    assert latest.output.startswith("Scorecard for 2025-12 (sample data)\n")
    wrong = CliRunner().invoke(main, ["report", "--period", "2025-13"])
    assert wrong.exit_code == 2
    assert "'2025-13' is not a month such as 2026-11" in wrong.output
