"""Hostile and broken data: the checker refuses it with exact messages, fast, without crashing.

Each case under fixtures/hostile/ is applied over the mini playbook like the invalid
fixtures, and its `playbook check --strict` output is compared with its expected.txt. Cases
too large to keep in the repository are written at test time.
"""

from __future__ import annotations

import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from macros.check.checker import check_directory, check_loaded
from macros.model.codes import Code
from macros.read.load import load_texts

from .conftest import FIXTURES, MINI, RUNAWAY_SECONDS, Golden, copy_project
from .test_check_golden import overlay, prepare, run_check

HOSTILE = FIXTURES / "hostile"
CASES = sorted(p.name for p in HOSTILE.iterdir() if p.is_dir())
GLOSSARY = "playbook_data/glossary.yml"


@pytest.mark.parametrize("case", CASES)
def test_hostile_fixture(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, golden: Golden
) -> None:
    project, options = prepare(HOSTILE / case, tmp_path, monkeypatch)
    code, output = run_check(project, monkeypatch, "--strict", *options)
    assert code == 1
    golden(HOSTILE / case / "expected.txt", output)


def test_alias_bomb_fails_fast_in_little_memory(tmp_path: Path) -> None:
    """A billion laughs stops at its first anchor: nothing is expanded, nothing is built."""
    project = copy_project(MINI, tmp_path)
    overlay(HOSTILE / "alias-bomb", project)
    tracemalloc.start()
    start = time.perf_counter()
    _, problems = check_directory(project)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [p.code for p in problems] == ["yaml-alias"]
    assert elapsed < RUNAWAY_SECONDS
    assert peak < 5 * 1024 * 1024


def test_python_tags_construct_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tagged values name os.system and Popen: checking must not run them."""
    marker = tmp_path / "pwned"
    project = copy_project(MINI, tmp_path / "project")
    for case in ("python-object-apply", "python-object-mapping"):
        text = (HOSTILE / case / "playbook_data" / "kpis.yml").read_text("utf-8")
        (project / "playbook_data" / "kpis.yml").write_text(
            text.replace("/tmp/pwned", str(marker)), "utf-8"
        )
        code, output = run_check(project, monkeypatch)
        assert code == 1
        assert "is not allowed" in output
    assert not marker.exists()


def test_huge_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(MINI, tmp_path)
    path = project / GLOSSARY
    with path.open("w", encoding="utf-8") as out:
        out.write("version: 1\nterms:\n")
        line = "  - {id: x, term: X, definition: " + "x" * 1000 + ", owner: cmo}\n"
        for _ in range(50 * 1024):
            out.write(line)
    assert path.stat().st_size > 50 * 1024 * 1024
    start = time.perf_counter()
    code, output = run_check(project, monkeypatch)
    assert time.perf_counter() - start < RUNAWAY_SECONDS
    assert code == 1
    assert output == (
        f"{GLOSSARY}:1:1: error: file is 51.1 MiB, over the limit of 8 MiB per data file; "
        "split the data or remove what does not belong in the handbook\n"
        "playbook check: 1 error, 0 warnings\n"
    )


DEPTH_ERROR = "error: data is nested deeper than 24 levels; playbook entries need at most 4\n"


@pytest.mark.parametrize(
    ("nesting", "where"),
    [
        pytest.param("terms: " + "[" * 100_000 + "]" * 100_000 + "\n", "2:31", id="flow-100k"),
        pytest.param(
            "terms: " + "{a: " * 100_000 + "}" * 100_000 + "\n", "2:100", id="flow-map-100k"
        ),
        pytest.param("terms:\n" + "- " * 100_000 + "x\n", "3:47", id="block-seq-100k"),
        pytest.param(
            "terms:\n" + "".join(f"{'  ' * i}k{i}:\n" for i in range(1, 2_000)) + "    x\n",
            "26:49",
            id="block-map-2k",
        ),
    ],
)
def test_deep_nesting_is_refused(
    nesting: str, where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """libyaml's own composer recurses (and crashes near 100k levels); ours is iterative."""
    project = copy_project(MINI, tmp_path)
    (project / GLOSSARY).write_text("version: 1\n" + nesting, "utf-8")
    code, output = run_check(project, monkeypatch)
    assert (code, output) == (
        1,
        f"{GLOSSARY}:{where}: {DEPTH_ERROR}playbook check: 1 error, 0 warnings\n",
    )


def test_deep_nesting_does_not_crash_the_interpreter(tmp_path: Path) -> None:
    """The same check in a fresh process: a crash would show as a signal, not exit status 1."""
    project = copy_project(MINI, tmp_path)
    (project / GLOSSARY).write_text("version: 1\nterms: " + "[" * 100_000 + "\n", "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "macros", "check"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PYTHONPATH": str(Path(__file__).parent.parent), "PATH": ""},
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith(f"{GLOSSARY}:2:31: {DEPTH_ERROR}")


def test_long_id_lists_are_checked_in_linear_time() -> None:
    """A list of 50,000 distinct ids: duplicates are found with a set, not pairwise."""
    files = {p.name: p.read_text("utf-8") for p in (MINI / "playbook_data").glob("*.yml")}
    ids = ", ".join(f"t{i}" for i in range(50_000))
    files["glossary.yml"] = files["glossary.yml"].replace("see_also: [sql]", f"see_also: [{ids}]")
    start = time.perf_counter()
    problems = check_loaded(load_texts(lambda name, _shown: (files[name], [])))
    assert time.perf_counter() - start < RUNAWAY_SECONDS
    assert len(problems) == 50_000
    assert {p.code for p in problems} == {"unknown-reference"}


def test_too_many_values_fail_fast_in_bounded_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under 8 MiB, `[a,a,a,…]` is four million values: reading stops at the limit."""
    project = copy_project(MINI, tmp_path)
    path = project / GLOSSARY
    path.write_text("version: 1\nterms: [" + "a," * 4_000_000 + "]\n", "utf-8")
    assert path.stat().st_size < 8 * 1024 * 1024
    start = time.perf_counter()
    code, output = run_check(project, monkeypatch)
    assert time.perf_counter() - start < RUNAWAY_SECONDS
    assert code == 1
    assert output == (
        f"{GLOSSARY}:2:499995: error: file has more than 250,000 parts (values, lists and "
        "mappings); split the data or remove what does not belong in the handbook\n"
        "playbook check: 1 error, 0 warnings\n"
    )
    tracemalloc.start()
    _, problems = check_directory(project)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 200 * 1024 * 1024
    assert [p.code for p in problems] == [Code.FILE_TOO_LARGE]


def test_text_that_is_not_unicode_is_a_problem_not_a_crash() -> None:
    """A reader that decodes with surrogateescape hands over lone surrogates."""
    files = {p.name: p.read_text("utf-8") for p in (MINI / "playbook_data").glob("*.yml")}
    raw = files["glossary.yml"].encode("utf-8").replace(b"Hot lead", b"Hot \xff lead")
    files["glossary.yml"] = raw.decode("utf-8", "surrogateescape")
    problems = check_loaded(load_texts(lambda name, _shown: (files[name], [])))
    assert [str(p) for p in problems] == [
        (
            "playbook_data/glossary.yml:9:17: error: text holds U+DCFF, which is not a "
            "character; save the file as UTF-8"
        )
    ]


def test_overlong_text_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Long texts would make the site build slow (Markdown is not linear in them)."""
    project = copy_project(MINI, tmp_path)
    path = project / GLOSSARY
    text = path.read_text("utf-8")
    text = text.replace("term: Speed to lead", "term: " + "Speed " * 200)
    text = text.replace("definition: Time from", "definition: Time from " + "[x](" * 2_600)
    path.write_text(text, "utf-8")
    code, output = run_check(project, monkeypatch)
    assert code == 1
    assert output == (
        f"{GLOSSARY}:18:11: error: term 'speed-to-lead' field 'term' is 1,199 characters long, "
        "over the limit of 1,000; a handbook entry says it briefly; link to a longer document "
        "in 'sources'\n"
        f"{GLOSSARY}:19:17: error: term 'speed-to-lead' field 'definition' is 10,462 characters "
        "long, over the limit of 10,000; a handbook entry says it briefly; link to a longer "
        "document in 'sources'\n"
        "playbook check: 2 errors, 0 warnings\n"
    )


def test_a_huge_number_is_refused_in_linear_time() -> None:
    """'111…1x' is not a number: finding out must not try every split of the digits."""
    files = {p.name: p.read_text("utf-8") for p in (MINI / "playbook_data").glob("*.yml")}
    digits = "1" * 2_000_000 + "x"
    files["kpis.yml"] = files["kpis.yml"].replace(
        "target: {value: 1}", f"target: {{value: {digits}}}"
    )
    start = time.perf_counter()
    problems = check_loaded(load_texts(lambda name, _shown: (files[name], [])))
    assert time.perf_counter() - start < RUNAWAY_SECONDS
    assert [p.code for p in problems] == ["wrong-type"]
