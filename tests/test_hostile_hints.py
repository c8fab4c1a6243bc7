"""Did-you-mean hints have a total bound: a flood of wrong ids cannot make the check crawl.

Each distinct wrong id costs one close-match look-up, shared by every vocabulary of one
check; the same wrong id again reuses its hint. Once the look-ups are spent, the remaining
wrong ids are still reported, each with the list of the valid ids.
"""

from __future__ import annotations

from pathlib import Path

from macros.check.checker import check_loaded
from macros.check.report import as_text
from macros.model.hints import LOOKUPS, Budget, Vocabulary
from macros.read.load import load_directory

from .conftest import MINI, Golden, copy_project

CADENCE = "playbook_data/cadence.yml"


def _with_attendees(project: Path, attendees: list[str]) -> None:
    cadence = project / CADENCE
    text = cadence.read_text("utf-8")
    listed = ", ".join(attendees)
    cadence.write_text(text.replace("attendees: [vp-sales, cmo]", f"attendees: [{listed}]"))


def test_hints_past_the_budget_list_the_valid_ids(tmp_path: Path, golden: Golden) -> None:
    project = copy_project(MINI, tmp_path)
    _with_attendees(project, ["vp-sale", "cmoo", "vp-sale", "sdrr", "ecmo"])
    problems = check_loaded(load_directory(project, "."), lookups=2)
    golden(Path(__file__).parent / "golden" / "hints" / "two-lookups.txt", as_text(problems))


def test_the_same_wrong_id_spends_one_look_up() -> None:
    vocabulary = Vocabulary(["cmo", "sdr", "vp-sales"])
    budget = Budget(1)
    first = vocabulary.hint("vp-sale", "role ids", budget)
    assert first == "did you mean 'vp-sales'?"
    assert vocabulary.hint("vp-sale", "role ids", budget) == first
    assert budget.used == 1


def test_a_case_slip_is_named_without_a_look_up() -> None:
    budget = Budget(0)
    hint = Vocabulary(["cmo", "vp-sales"]).hint("VP-Sales", "role ids", budget)
    assert hint == "did you mean 'vp-sales'?"


def test_every_wrong_id_is_reported_past_the_default_budget(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path)
    wrong = [f"vp-sales-{n}" for n in range(LOOKUPS + 50)]
    _with_attendees(project, wrong)
    problems = check_loaded(load_directory(project, "."))
    unknown = [p for p in problems if p.code == "unknown-reference"]
    assert len(unknown) == len(wrong)
    listed = [p for p in unknown if p.hint.startswith("the valid role ids are")]
    assert len(listed) == 50
    assert all(f"the first {LOOKUPS} unknown names" in p.hint for p in listed)
