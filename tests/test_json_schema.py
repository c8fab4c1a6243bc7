"""The JSON Schema of each data file: current, valid, met by the data, failed by schema matters.

Validation is the `jsonschema` library's. The data files are read as an editor's YAML
language server reads them (YAML 1.2: `2024-05-01` and `yes` are text), and every invalid
fixture whose problems include a code marked as a schema matter must fail its schema too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner  # noqa: TID251 - tests drive the CLI

from macros.cli import main
from macros.contract.json_schema import file_schema, modeline, schema_files, schema_name
from macros.contract.schema import DATA_DIR, FILES
from macros.model.codes import SCHEMA_MATTERS, Code
from macros.render.definitions import SCHEMA_NAME, definitions_schema

from .conftest import FIXTURES, ROOT
from .test_check_golden import prepare, problems_of, run_check
from .test_codes import FIXTURE_CASES

SPEC_OF = {spec.name: spec for spec in FILES}


class _Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2's core scalars: no timestamps, no yes/no/on/off."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [
        (tag, pattern)
        for tag, pattern in resolvers
        if tag not in {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_yaml(path: Path) -> Any:
    """Read a data file as the YAML language server does."""
    return yaml.load(path.read_text("utf-8"), Loader=_Yaml12Loader)  # noqa: S506 - a safe loader


def validator(name: str) -> jsonschema.Draft202012Validator:
    """Return a validator of the committed schema of the data file ``name``."""
    text = (ROOT / "schema" / schema_name(SPEC_OF[name])).read_text("utf-8")
    return jsonschema.Draft202012Validator(
        json.loads(text), format_checker=jsonschema.FormatChecker()
    )


def test_committed_schemas_are_current() -> None:
    committed = {path.name for path in (ROOT / "schema").glob("*.schema.json")}
    wanted = {**schema_files(), SCHEMA_NAME: definitions_schema()}
    assert committed == set(wanted)
    for name, text in wanted.items():
        assert (ROOT / "schema" / name).read_text("utf-8") == text, f"{name}: make schemas"


@pytest.mark.parametrize("name", sorted(schema_files()))
def test_each_schema_is_a_valid_json_schema(name: str) -> None:
    text = (ROOT / "schema" / name).read_text("utf-8")
    jsonschema.Draft202012Validator.check_schema(json.loads(text))


@pytest.mark.parametrize("name", sorted(SPEC_OF))
def test_each_default_data_file_names_its_schema_and_meets_it(name: str) -> None:
    path = ROOT / DATA_DIR / name
    assert path.read_text("utf-8").splitlines()[0] == modeline(SPEC_OF[name])
    errors = [error.message for error in validator(name).iter_errors(read_yaml(path))]
    assert errors == []


def test_ids_are_offered_as_enums_only_when_given() -> None:
    spec = SPEC_OF["kpis.yml"]
    owner = file_schema(spec)["properties"]["kpis"]["items"]["properties"]["owner"]
    assert "enum" not in owner
    offered = file_schema(spec, {k: (f"{k.label}-b", f"{k.label}-a") for k in SPEC_OF_KINDS})
    owner = offered["properties"]["kpis"]["items"]["properties"]["owner"]
    assert owner["enum"] == ["role-a", "role-b"]


SPEC_OF_KINDS = [section.kind for spec in FILES for section in spec.sections]


def test_schemas_check_fails_when_stale_and_writes_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["schemas", "--check"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "schema/roles.schema.json: error: out of date; run playbook schemas"
    )
    assert CliRunner().invoke(main, ["schemas"]).exit_code == 0
    result = CliRunner().invoke(main, ["schemas", "--check"])
    assert (result.exit_code, result.output) == (0, "")
    assert CliRunner().invoke(main, ["schemas"]).output == "schema/ is up to date\n"


def _schema_matters(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> set[Code]:
    """Check that the files of a case's schema-matter problems fail; return those codes."""
    project, options = prepare(case, tmp_path, monkeypatch)
    _, output = run_check(project, monkeypatch, "--strict", "--format", "json", *options)
    # Actuals are CSV, which no JSON Schema describes.
    matters = [
        p for p in problems_of(output) if p.code.schema_matter and p.where.path.endswith(".yml")
    ]
    for path in sorted({p.where.path for p in matters}):
        data = read_yaml(project / path)
        assert not validator(Path(path).name).is_valid(data), f"{case}: {path} meets its schema"
    return {p.code for p in matters}


def test_schema_matters_fail_their_schema_and_every_one_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: set[Code] = set()
    for number, case in enumerate(FIXTURE_CASES):
        (tmp_path / str(number)).mkdir()
        shown |= _schema_matters(case, tmp_path / str(number), monkeypatch)
    assert sorted(SCHEMA_MATTERS - shown) == []


SCHEMA_ERRORS = {
    "unknown-key": [
        ("kpis.yml", "$.kpis[0]", "'owner' is a required property"),
        ("kpis.yml", "$.kpis[0]", "Additional properties are not allowed ('onwer' was unexpected)"),
    ],
    "missing-field": [("kpis.yml", "$.kpis[2]", "'owner' is a required property")],
    "invalid-choice": [
        (
            "cadence.yml",
            "$.meetings[0].frequency",
            (
                "'weeky' is not one of "
                "['daily', 'weekly', 'biweekly', 'monthly', 'quarterly', 'annually']"
            ),
        ),
        ("kpis.yml", "$.kpis[1].direction", "'lower' is not one of ['up', 'down']"),
    ],
    "wrong-type": [
        (
            "cadence.yml",
            "$.meetings[0].duration_minutes",
            "'half an hour' is not of type 'integer'",
        ),
        ("glossary.yml", "$.terms[1].see_also", "'mql' is not of type 'array'"),
        (
            "roles.yml",
            "$.roles[1].responsibilities[1]",
            "{'region': 'EMEA'} is not of type 'string'",
        ),
    ],
}


@pytest.mark.parametrize("case", sorted(SCHEMA_ERRORS))
def test_an_editor_sees_the_schema_matters_of_a_fixture(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, _ = prepare(FIXTURES / "invalid" / case, tmp_path, monkeypatch)
    seen = [
        (path.name, error.json_path, error.message)
        for path in sorted((FIXTURES / "invalid" / case / DATA_DIR).iterdir())
        for error in validator(path.name).iter_errors(read_yaml(project / DATA_DIR / path.name))
    ]
    assert sorted(seen) == SCHEMA_ERRORS[case]
