"""Every problem has a registered code, and every code is shown by a golden fixture.

The text output does not print codes, so each case is checked a second time with
`--format json`: its problems, printed, must be exactly its golden output, and their codes
are the codes the case shows. The cases are those under fixtures/invalid/ and
fixtures/hostile/, and those of test_hostile_reader (built at test time, their output under
golden/reader/). A code no case can show is listed in ELSEWHERE, with the test that pins
its output and code.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from macros.check.report import as_text
from macros.model.codes import Code
from macros.model.problems import Location, Problem

from .conftest import FIXTURES, MINI, TESTS, copy_project
from .test_check_golden import prepare, problems_of, run_check
from .test_hostile_reader import CASES as READER_CASES
from .test_hostile_reader import GOLDEN as READER_GOLDEN

FIXTURE_CASES = sorted(
    case
    for group in ("invalid", "hostile")
    for case in (FIXTURES / group).iterdir()
    if case.is_dir()
)
ELSEWHERE: dict[Code, tuple[str, str]] = {
    # Over 8 MiB, or over 250,000 values, lists and mappings: too large to keep.
    Code.FILE_TOO_LARGE: (
        "test_hostile_check.py",
        "test_too_many_values_fail_fast_in_bounded_memory",
    ),
    # git keeps no permissions but the executable bit.
    Code.FILE_UNREADABLE: ("test_hostile_reader.py", "test_unreadable_data_directory"),
    # libyaml refuses a lone surrogate as a syntax error; only the pure-Python parser reads it.
    Code.NOT_A_CHARACTER: (
        "test_hostile_escapes.py",
        "test_surrogate_escapes_are_refused_by_either_parser",
    ),
    # The settings are in mkdocs.yml, not in the data that check reads.
    Code.SETTING: ("test_settings.py", "test_a_wrong_setting_is_one_line_at_its_position"),
}
"""Codes no stored case can show, each with the test (file, function) that asserts it."""


def _shown(
    project: Path, options: tuple[str, ...], expected: Path, monkeypatch: pytest.MonkeyPatch
) -> list[Problem]:
    """Check a prepared project with `--format json`; its problems must be the golden ones."""
    _, output = run_check(project, monkeypatch, "--strict", "--format", "json", *options)
    problems = problems_of(output)
    assert as_text(problems) == expected.read_text("utf-8"), expected
    return problems


def _all_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[Code, set[str]]:
    """Return the codes the cases show, each with the severities it shows with."""
    shown: dict[Code, set[str]] = {}
    for number, case in enumerate(FIXTURE_CASES):
        (tmp_path / str(number)).mkdir()
        project, options = prepare(case, tmp_path / str(number), monkeypatch)
        for problem in _shown(project, options, case / "expected.txt", monkeypatch):
            shown.setdefault(problem.code, set()).add(problem.severity)
    for number, (name, make) in enumerate(sorted(READER_CASES.items())):
        # A short directory: a socket's path has at most 107 bytes.
        project = copy_project(MINI, tmp_path / f"r{number}")
        make(project / "playbook_data")
        for problem in _shown(project, (), READER_GOLDEN / f"{name}.txt", monkeypatch):
            shown.setdefault(problem.code, set()).add(problem.severity)
    return shown


def _pins(code: Code, test_file: str, test_name: str) -> bool:
    """Tell whether a test function exists and asserts ``code`` by its name."""
    tree = ast.parse((TESTS / test_file).read_text("utf-8"))
    test = next(
        (
            node
            for node in tree.body
            if isinstance(node, ast.FunctionDef) and node.name == test_name
        ),
        None,
    )
    return test is not None and f"Code.{code.name}" in ast.unparse(test)


def test_every_code_is_shown_by_a_fixture_with_its_severity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A code of one severity shows with it only; a code of either shows with both."""
    shown = _all_shown(tmp_path, monkeypatch)
    assert set(shown).isdisjoint(ELSEWHERE), "a fixture shows it: drop it from ELSEWHERE"
    missing = [code.value for code in Code if code not in shown and code not in ELSEWHERE]
    assert missing == [], "add a case under tests/fixtures/invalid/ that shows each"
    for code, (test_file, test_name) in ELSEWHERE.items():
        assert _pins(code, test_file, test_name), (code, test_file, test_name)
    wrong = {
        code.value: sorted(severities)
        for code, severities in shown.items()
        if severities != ({code.severity} if code.severity else {"error", "warning"})
    }
    assert wrong == {}


def test_codes_are_declared_once_with_a_meaning() -> None:
    for code in Code:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code.value), code
        assert code.name == code.value.upper().replace("-", "_"), code
        assert code.severity in ("error", "warning", None), code
        assert re.fullmatch(r"[A-Z`].*[^.]\.", code.meaning), code
        assert "\n" not in code.meaning, code
    assert len(Code.__members__) == len(Code)  # no value is declared twice (an alias)


def test_a_problem_refuses_a_code_that_is_not_registered() -> None:
    with pytest.raises(TypeError, match="problem code 'unknown-refrence' is not a Code"):
        Problem(Location("f.yml"), "error", "message", "", "unknown-refrence")  # type: ignore[arg-type]
