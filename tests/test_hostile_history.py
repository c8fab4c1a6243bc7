"""Hostile numbers and old revisions: bounded parsing, and a history that never fails a build.

A revision committed and reverted inside a pull request stays in main's history after a
fast-forward or rebase merge: the history reader meets it on every build, and must skip it
with a note rather than fail. Real git repositories throughout (see gitrepo.py).
"""

from __future__ import annotations

import subprocess
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from macros.change.history import read_history
from macros.check.checker import load_checked
from macros.model.index import Index
from macros.model.kinds import Kind
from macros.read.files import MAX_FILE_BYTES
from macros.read.numbers import MAX_CHARS, MAX_MAGNITUDE, NotANumber, parse_number
from macros.render.changes import changes
from macros.render.common import Site, history_block

from .conftest import Golden
from .gitrepo import GitRepo, playbook
from .sitebuild import build, make_project

GOLDEN = Path(__file__).parent / "golden" / "history"
HUGE = "9" * 4_301
TARGET = "target: {value: 400, period: month}"


@pytest.mark.parametrize(
    ("raw", "value"),
    [("25", 25), ("1_000", 1000), ("0.5", 0.5), ("2e3", 2000.0), ("-0", 0), ("5.", 5.0)],
)
def test_plain_numbers_are_read(raw: str, value: float) -> None:
    assert parse_number(raw) == value


def test_minus_zero_is_read_as_zero() -> None:
    assert str(parse_number("-0.0")) == "0.0"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (HUGE, "number-too-large"),
        ("1" * (MAX_CHARS + 1), "number-too-large"),
        ("1e999", "number-too-large"),
        ("-1e999", "number-too-large"),
        ("1e16", "number-too-large"),
        ("1" + "0" * 15 + ".5", "number-too-large"),
        ("1" * 2_000_000 + "x", "wrong-type"),
        (".inf", "wrong-type"),
        ("-.Inf", "wrong-type"),
        (".nan", "wrong-type"),
        ("+.e5", "wrong-type"),
        ("e5", "wrong-type"),
        ("._", "wrong-type"),
        ("0x1f", "wrong-type"),
        ("nan", "wrong-type"),
        ("infinity", "wrong-type"),
    ],
)
def test_unusable_numbers_are_refused_without_raising(raw: str, code: str) -> None:
    refused = parse_number(raw)
    assert isinstance(refused, NotANumber)
    assert refused.code == code


def test_the_largest_number_is_read() -> None:
    assert parse_number(f"{MAX_MAGNITUDE}") == MAX_MAGNITUDE
    assert parse_number(f"-{MAX_MAGNITUDE}") == -MAX_MAGNITUDE


@pytest.fixture
def reverted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """A repository where a commit puts a 4,301-digit integer in and the next takes it out."""
    repo = GitRepo(tmp_path, monkeypatch)
    repo.edit("kpis.yml", TARGET, f"target: {{value: {HUGE}, period: month}}")
    repo.commit("Try a very large MQL target")
    repo.edit("kpis.yml", f"target: {{value: {HUGE}, period: month}}", TARGET)
    repo.commit("Revert the very large MQL target")
    repo.edit("kpis.yml", "value: 25, period: quarter", "value: 30, period: quarter")
    repo.commit("Raise the win-rate target")
    return repo


def test_history_skips_a_revision_that_does_not_load(reverted: GitRepo) -> None:
    history = read_history(reverted.path)
    bad = reverted.git("rev-parse", "HEAD~2").strip()
    assert [(s.commit, s.note()) for s in history.skipped] == [
        (
            bad,
            (
                f"history: skipped revision {bad[:7]} (2026-01-05): playbook_data/kpis.yml:10:21: "
                "error: KPI 'mql-volume' field 'target.value' is a number of 4,301 characters, "
                "over the limit of 30; numbers are at most 1,000,000,000,000,000 in size; write "
                "it in a larger unit"
            ),
        )
    ]
    subjects = [events[0].subject for events in history.by_commit]
    assert subjects == ["Raise the win-rate target", "Start from the mini playbook"]
    assert [e.action for e in history.of(Kind.KPI, "mql-volume")] == ["added"]


def test_history_with_a_skipped_revision_renders(reverted: GitRepo, golden: Golden) -> None:
    history = read_history(reverted.path)
    index = Index(load_checked(reverted.path))
    site = Site(page="changes.md", history=history)
    kpi = index.get(Kind.KPI, "win-rate")
    assert kpi is not None
    text = history_block(Site(page="kpis.md", history=history), Kind.KPI, kpi)
    rendered = f"{text}\n\n---\n\n{changes(index, site)}"
    for number in range(4):
        full = reverted.git("rev-parse", f"HEAD~{number}").strip()
        rendered = rendered.replace(full[:7], f"<c~{number}>")
    golden(GOLDEN / "skipped.md", rendered)


def test_diff_against_the_bad_revision_is_clean(reverted: GitRepo) -> None:
    result = playbook("diff", "HEAD~2", "HEAD~1")
    assert result.exit_code == 0
    assert result.output == (
        "Playbook changes from HEAD~2 to HEAD~1\nno changes\n"
        "note: 1 error loading HEAD~2: entries that failed to load are not compared; "
        "run playbook check\n"
    )


def test_check_base_against_the_bad_revision_is_clean(reverted: GitRepo) -> None:
    result = playbook("check", "--strict", "--base", "HEAD~2")
    assert (result.exit_code, result.output) == (0, "playbook check: 0 errors, 0 warnings\n")


def test_check_and_diff_of_a_bad_working_tree_are_clean(reverted: GitRepo) -> None:
    reverted.edit("kpis.yml", TARGET, "target: {value: 1e999, period: month}")
    error = (
        "playbook_data/kpis.yml:10:21: error: KPI 'mql-volume' field 'target.value' is too "
        "large: 1e999; numbers are at most 1,000,000,000,000,000 in size; write it in a "
        "larger unit\n"
    )
    result = playbook("check", "--base", "HEAD~2")
    assert (result.exit_code, result.output) == (1, error + "playbook check: 1 error, 0 warnings\n")
    result = playbook("diff", "HEAD")
    assert result.exit_code == 0
    assert result.output.endswith(
        "note: 1 error loading the working tree: entries that failed "
        "to load are not compared; run playbook check\n"
    )


def test_shallow_clone_does_not_claim_every_entry_added(reverted: GitRepo, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    source = f"file://{reverted.path}"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", source, str(clone)],
        check=True,
        capture_output=True,
    )
    history = read_history(clone)
    assert history.by_commit == ()
    assert history.since == "2026-01-05"
    assert history.skipped == ()
    index = Index(load_checked(clone))
    assert changes(index, Site(page="changes.md", history=history)) == (
        "History before 2026-01-05 is not available in this clone of the repository "
        "(a shallow clone); `git fetch --unshallow` brings it.\n"
    )


def test_shallow_clone_keeps_the_changes_it_has(reverted: GitRepo, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "2", f"file://{reverted.path}", str(clone)],
        check=True,
        capture_output=True,
    )
    history = read_history(clone)
    assert [events[0].subject for events in history.by_commit] == ["Raise the win-rate target"]
    assert [e.action for e in history.of(Kind.KPI, "mql-volume")] == []
    assert history.since == "2026-01-05"
    kpi = Index(load_checked(clone)).get(Kind.KPI, "win-rate")
    assert kpi is not None
    head = history.by_commit[0][0].commit[:7]
    assert history_block(Site(page="kpis.md", history=history), Kind.KPI, kpi) == (
        '??? abstract "History: 1 change"\n\n'
        "    - **2026-01-05**: target ≥ 25% per quarter → ≥ 30% per quarter "
        f"(Raise the win-rate target, `{head}`)\n"
        "    - history before 2026-01-05 is not available in this clone"
    )


def test_history_of_broken_yaml_and_a_missing_file_is_skipped(reverted: GitRepo) -> None:
    reverted.edit("kpis.yml", "kpis:\n", "kpis: [\n")
    reverted.commit("Break the YAML")
    reverted.edit("kpis.yml", "kpis: [\n", "kpis:\n")
    (reverted.path / "playbook_data" / "slas.yml").unlink()
    reverted.commit("Lose the SLAs")
    history = read_history(reverted.path)
    reasons = [s.reason.split(": error: ")[1].split(";")[0] for s in history.skipped]
    assert reasons == [
        "file is missing",
        "YAML syntax error: did not find expected node content",
        (
            "KPI 'mql-volume' field 'target.value' is a number of 4,301 characters, over the "
            "limit of 30"
        ),
    ]


def _peak_bytes(project: Path, limit: int) -> int:
    tracemalloc.start()
    try:
        history = read_history(project, limit)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(history.by_commit) == limit
    return peak


@pytest.mark.slow
def test_history_memory_stays_flat_over_many_commits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each version is dropped once the next is compared: 40 commits cost what 5 do."""
    repo = GitRepo(tmp_path, monkeypatch)
    repo.append(
        "glossary.yml",
        "".join(
            f"  - id: term-{n}\n    term: Term {n}\n    owner: cmo\n"
            f"    definition: Term {n} as first written, at some length to make it larger.\n"
            for n in range(800)
        ),
    )
    repo.commit("Add many terms")
    for number in range(40):
        repo.edit("glossary.yml", f"Term {number} as first", f"Term {number} as later")
        repo.commit(f"Reword term {number}")
    few, many = _peak_bytes(repo.path, 5), _peak_bytes(repo.path, 40)
    assert many < 2 * few, (few, many)


@pytest.mark.slow
def test_strict_build_passes_over_a_reverted_revision_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "p")
    GitRepo.adopt(project, monkeypatch)
    kpis = project / "playbook_data" / "kpis.yml"
    good = kpis.read_text("utf-8")
    first = good.index("value: ") + len("value: ")
    kpis.write_text(good[:first] + HUGE + good[good.index("\n", first) :], "utf-8")
    subprocess.run(["git", "commit", "-qam", "Try a huge target"], cwd=project, check=True)
    bad = subprocess.run(
        ["git", "rev-parse", "--short=7", "HEAD"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    kpis.write_text(good, "utf-8")
    subprocess.run(["git", "commit", "-qam", "Revert the huge target"], cwd=project, check=True)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout
    notes = [line for line in result.stdout.splitlines() if "history: skipped" in line]
    assert len(notes) == 1, result.stdout
    assert notes[0].startswith("INFO")
    assert f"history: skipped revision {bad} (2026-01-05): playbook_data/kpis.yml:" in notes[0]
    assert "is a number of 4,301 characters, over the limit of 30" in notes[0]
    page = (tmp_path / "site" / "changes" / "index.html").read_text("utf-8")
    assert "Left out: 1 revision whose data did not load" in page


def _committed_and_reverted(
    repo: GitRepo, name: str, make: Callable[[Path], object], message: str
) -> str:
    """Commit the change ``make`` does to a data file, then restore it; return the bad id."""
    path = repo.path / "playbook_data" / name
    good = path.read_bytes()
    path.unlink()
    make(path)
    repo.commit(message)
    bad = repo.git("rev-parse", "HEAD").strip()
    path.unlink()
    path.write_bytes(good)
    repo.commit(f"Revert: {message}")
    return bad


def test_history_skips_a_revision_where_a_file_is_a_symbolic_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The link is refused as on disk; what it points to is never read or quoted."""
    repo = GitRepo(tmp_path, monkeypatch)
    bad = _committed_and_reverted(
        repo, "glossary.yml", lambda path: path.symlink_to("/etc/passwd"), "Link the glossary"
    )
    history = read_history(repo.path)
    assert [(s.commit, s.note()) for s in history.skipped] == [
        (
            bad,
            (
                f"history: skipped revision {bad[:7]} (2026-01-05): "
                "playbook_data/glossary.yml:1:1: error: file is a symbolic link, not a regular "
                "file; replace the link with the file itself: links are refused even when they "
                "point inside the repository, since a pull request can point them anywhere"
            ),
        )
    ]
    assert "root:" not in repr(history)


def test_history_skips_an_oversized_revision_without_holding_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = GitRepo(tmp_path, monkeypatch)
    big = b"# padding\n" * (MAX_FILE_BYTES // 10 * 4)
    bad = _committed_and_reverted(
        repo, "glossary.yml", lambda path: path.write_bytes(big), "Pad the glossary"
    )
    tracemalloc.start()
    history = read_history(repo.path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [s.commit for s in history.skipped] == [bad]
    assert "file is over the limit of 8 MiB" in history.skipped[0].note()
    assert peak < MAX_FILE_BYTES
