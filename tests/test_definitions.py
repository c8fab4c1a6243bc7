"""`playbook export` and definitions.json: every entry, its schema, a CSV without formulas."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner  # noqa: TID251 - tests drive the CLI

from macros.check.checker import load_checked
from macros.cli import main
from macros.render.definitions import CSV_COLUMNS, as_csv, neutralised

from .conftest import MINI, ROOT, Golden

GOLDEN = Path(__file__).parent / "golden" / "export"
SCHEMA = json.loads((ROOT / "schema" / "definitions.schema.json").read_text("utf-8"))


def export(project: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["export", "--root", str(project), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_default_export_meets_its_schema_and_holds_every_id() -> None:
    document = json.loads(export(ROOT))
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    playbook = load_checked(ROOT)
    expected = [(kind.info.label, entry.id) for kind, entry in playbook.all_entries()]
    assert [(d["kind"], d["id"]) for d in document["definitions"]] == expected
    assert export(ROOT) == export(ROOT)


def test_the_default_csv_round_trips_and_starts_no_formula() -> None:
    text = export(ROOT, "--format", "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(CSV_COLUMNS)
    document = json.loads(export(ROOT))
    assert [row[0] for row in rows[1:]] == [d["id"] for d in document["definitions"]]
    assert [row[7] for row in rows[1:]] == [d["definition"] for d in document["definitions"]]
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@")]


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Win rate", "Win rate"),
        ("", ""),
    ],
)
def test_a_cell_that_would_start_a_formula_gets_an_apostrophe(cell: str, shown: str) -> None:
    assert neutralised(cell) == shown


def test_every_column_of_the_csv_is_neutralised() -> None:
    record = {
        "id": "x",
        "kind": "term",
        "name": "=1+1",
        "owner": ["-cmo"],
        "status": "approved",
        "path": "glossary/#x",
        "url": None,
        "definition": "@now",
        "definition_html": "<p>@now</p>",
        "references": [{"field": "owner", "kind": "role", "id": "cmo"}],
    }
    rows = list(csv.reader(io.StringIO(as_csv([record]), newline="")))
    assert rows[1] == [
        "x",
        "term",
        "'=1+1",
        "'-cmo",
        "approved",
        "glossary/#x",
        "",
        "'@now",
        "owner=cmo",
    ]


@pytest.mark.parametrize(("name", "args"), [("mini.json", ()), ("mini.csv", ("--format", "csv"))])
def test_the_export_of_the_mini_playbook(name: str, args: tuple[str, ...], golden: Golden) -> None:
    golden(GOLDEN / name, export(MINI, "--site-url", "https://playbook.example.com/", *args))


def test_export_refuses_data_with_errors(tmp_path: Path) -> None:
    (tmp_path / "playbook_data").mkdir()
    result = CliRunner().invoke(main, ["export", "--root", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "playbook check: 6 errors, 0 warnings"
