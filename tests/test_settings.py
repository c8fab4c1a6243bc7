"""The settings under ``extra.playbook``: each read with its default, each wrong one told.

Every wrong value is one line naming the setting at its position in ``mkdocs.yml``, all of
them at once, whatever YAML built; a real build stops with that line and no traceback.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.glue.config_file import locator
from macros.glue.plugin import _repo_urls
from macros.glue.settings import NAMES, Settings, read_settings
from macros.model.codes import Code
from macros.model.kinds import Kind
from macros.render.common import DEFAULT_PAGES
from macros.render.split import SPLIT_ABOVE

from .conftest import ROOT
from .siteproject import make_project, run_build

KINDS_LISTED = "the kinds are kpi, meeting, raci, role, sla, stage, team, term"
SPLIT_LISTED = "the kinds that can be split are kpi, meeting, raci, role, sla, term"
PAGE_HINT = "write the page's path from docs/, e.g. glossary.md"
BRANCH_HINT = "a branch name holds no spaces and none of ~ ^ : ? * [ \\ .. @{, e.g. main"
HISTORY_HINT = "false turns the history off, {commits: 50} reads the last 50 commits"
COMMITS_HINT = "write a number such as 50, or history: false to read none"
SPLIT_HINT = "a kind's page is split when the kind has more entries than this"
REMOVE = "remove the setting to keep the default"


def config(body: str) -> str:
    """An mkdocs.yml whose ``extra.playbook`` is ``body`` (on line 4 when it is a mapping)."""
    inner = "\n" + textwrap.indent(body, "    ") if ":" in body else f" {body}"
    return f"site_name: x\nextra:\n  playbook:{inner}\n"


def read(text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Settings, list[str]]:
    """Read the settings of a config file as the build does; return them and the problems."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(text, "utf-8")
    raw = yaml.safe_load(text)["extra"].get("playbook", {})
    found, problems = read_settings(raw, locator(str(tmp_path / "mkdocs.yml")))
    return found, [str(problem) for problem in problems]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("{}", Settings()),
        ("branch: release/2026.1", Settings(branch="release/2026.1")),
        ("noindex: false", Settings(noindex=False)),
        ("edition: 2026-q4", Settings(edition="2026-q4")),
        ("edition: dev", Settings(edition="dev")),
        ("edition: ''", Settings()),
        ("history: false", Settings(history=False)),
        ("funnel_tolerance: 0.25", Settings(funnel_tolerance=0.25)),
        ("funnel_tolerance: 0", Settings(funnel_tolerance=0.0)),
        ("history: true", Settings()),
        ("history: {}", Settings()),
        ("history: {commits: 50}", Settings(commits=50)),
        (
            "pages: {term: reference/terms.md, raci: raci.md}",
            Settings(
                pages={**DEFAULT_PAGES, Kind.TERM: "reference/terms.md", Kind.RACI: "raci.md"}
            ),
        ),
        (
            "split_above: {term: 5, raci: 1, kpi: 100000000000000000000000}",
            Settings(split_above={**SPLIT_ABOVE, Kind.TERM: 5, Kind.RACI: 1, Kind.KPI: 10**23}),
        ),
    ],
)
def test_good_settings_are_read(
    body: str, expected: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert read(config(body), tmp_path, monkeypatch) == (expected, [])


def test_no_settings_are_the_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found, problems = read("site_name: x\nextra: {}\n", tmp_path, monkeypatch)
    assert (found, problems) == (Settings(), [])
    assert (found.branch, found.noindex, found.history, found.commits) == ("main", True, True, 200)
    assert found.pages == DEFAULT_PAGES
    assert found.split_above == SPLIT_ABOVE


MAPPING = "expected a mapping of settings, e.g. {branch: main}, found"
QUOTES = "write the name in quotes if it looks like a number or a date"
NOT_GIT = "is not a branch name git accepts"
EDITION = "expected an edition name such as 2026-q4, or dev, found"
EDITION_HINT = "playbook release sets it while it builds an edition; leave it empty otherwise"
NOINDEX_HINT = "true asks search engines not to index the site, false lets them (without quotes)"
HISTORY = "expected true, false or {commits: N}, found"
COMMITS = "expected a whole number of commits, 1 or more, found"
PAGES = "expected a mapping of kinds to pages, e.g. {term: glossary.md}, found"
NOT_KIND = "is not a kind of entry"
PAGE = "expected the path of a page, found"
NOT_WRITTEN = "is not a page's path as MkDocs writes it"
LIMITS = "expected a mapping of kinds to numbers of entries, e.g. {term: 400}, found"
ENTRIES = "expected a whole number of entries, 1 or more, found"
TOLERANCE = "expected a fraction such as 0.1, found"
TOLERANCE_HINT = "a fraction from 0 up to 1, e.g. 0.1 for 10% either way"
SETTINGS = (
    "the valid settings are branch, edition, funnel_tolerance, history, noindex, pages, split_above"
)

BAD = [
    ("3", "3:13", "", f"{MAPPING} 3; {REMOVE}"),
    ("null", "3:13", "", f"{MAPPING} null; {REMOVE}"),
    ("[a]", "3:13", "", f"{MAPPING} a list; {REMOVE}"),
    ("brnch: x", "4:5", "brnch", "unknown setting 'brnch'; did you mean 'branch'?"),
    ("colour: blue", "4:5", "colour", f"unknown setting 'colour'; {SETTINGS}"),
    ("branch: 2024", "4:13", "branch", f"expected the name of a branch, found 2024; {QUOTES}"),
    (
        "branch: 2024-01-01",
        "4:13",
        "branch",
        f"expected the name of a branch, found the date 2024-01-01; {QUOTES}",
    ),
    ("branch: my branch", "4:13", "branch", f"'my branch' {NOT_GIT}; {BRANCH_HINT}"),
    ("branch: feature/..x", "4:13", "branch", f"'feature/..x' {NOT_GIT}; {BRANCH_HINT}"),
    ("branch: ''", "4:13", "branch", f"'' {NOT_GIT}; {BRANCH_HINT}"),
    (
        "noindex: 'false'",
        "4:14",
        "noindex",
        f"expected true or false, found 'false'; {NOINDEX_HINT}",
    ),
    ("noindex: 1", "4:14", "noindex", f"expected true or false, found 1; {NOINDEX_HINT}"),
    ("edition: latest", "4:14", "edition", f"{EDITION} 'latest'; {EDITION_HINT}"),
    ("edition: 2026 Q4", "4:14", "edition", f"{EDITION} '2026 Q4'; {EDITION_HINT}"),
    ("edition: 4", "4:14", "edition", f"{EDITION} 4; {EDITION_HINT}"),
    ("funnel_tolerance: 10", "4:23", "funnel_tolerance", f"{TOLERANCE} 10; {TOLERANCE_HINT}"),
    ("funnel_tolerance: '10%'", "4:23", "funnel_tolerance", f"{TOLERANCE} '10%'; {TOLERANCE_HINT}"),
    ("funnel_tolerance: true", "4:23", "funnel_tolerance", f"{TOLERANCE} true; {TOLERANCE_HINT}"),
    ("history: 'off'", "4:14", "history", f"{HISTORY} 'off'; {HISTORY_HINT}"),
    ("history:", "4:5", "history", f"{HISTORY} null; {HISTORY_HINT}"),
    ("history: {commits: abc}", "4:24", "history.commits", f"{COMMITS} 'abc'; {COMMITS_HINT}"),
    ("history: {commits: 0}", "4:24", "history.commits", f"{COMMITS} 0; {COMMITS_HINT}"),
    ("history: {commits: -3}", "4:24", "history.commits", f"{COMMITS} -3; {COMMITS_HINT}"),
    ("history: {commits: true}", "4:24", "history.commits", f"{COMMITS} true; {COMMITS_HINT}"),
    ("history: {commits: 2.5}", "4:24", "history.commits", f"{COMMITS} 2.5; {COMMITS_HINT}"),
    ("history: {commits: .inf}", "4:24", "history.commits", f"{COMMITS} .inf; {COMMITS_HINT}"),
    (
        "history: {comits: 3}",
        "4:15",
        "history.comits",
        "unknown setting 'comits'; did you mean 'commits'?",
    ),
    ("pages: [term]", "4:12", "pages", f"{PAGES} a list; {REMOVE}"),
    ("pages:", "4:5", "pages", f"{PAGES} null; {REMOVE}"),
    (
        "pages: {glossary: glossary.md}",
        "4:13",
        "pages.glossary",
        f"'glossary' {NOT_KIND}; did you mean 'term'? {KINDS_LISTED}",
    ),
    (
        "pages: {funnel: funnel.md}",
        "4:13",
        "pages.funnel",
        f"'funnel' {NOT_KIND}; did you mean 'stage'? {KINDS_LISTED}",
    ),
    (
        "pages: {activity: roles.md}",
        "4:13",
        "pages.activity",
        f"'activity' {NOT_KIND}; did you mean 'raci'? {KINDS_LISTED}",
    ),
    (
        "pages: {Term: x.md}",
        "4:13",
        "pages.Term",
        f"'Term' {NOT_KIND}; did you mean 'term'? {KINDS_LISTED}",
    ),
    (
        "pages: {kpis: x.md}",
        "4:13",
        "pages.kpis",
        f"'kpis' {NOT_KIND}; did you mean 'kpi'? {KINDS_LISTED}",
    ),
    ("pages: {xyz: x.md}", "4:13", "pages.xyz", f"'xyz' {NOT_KIND}; {KINDS_LISTED}"),
    ("pages: {1: x.md}", "4:13", "pages.1", f"1 {NOT_KIND}; {KINDS_LISTED}"),
    (
        "pages: {term: glossary}",
        "4:19",
        "pages.term",
        "'glossary' is not a Markdown page; did you mean 'glossary.md'?",
    ),
    (
        "pages: {term: glossary.html}",
        "4:19",
        "pages.term",
        "'glossary.html' is not a Markdown page; did you mean 'glossary.md'?",
    ),
    (
        "pages: {term: /glossary.md}",
        "4:19",
        "pages.term",
        f"'/glossary.md' is not a page under docs/; {PAGE_HINT}",
    ),
    (
        "pages: {term: ../glossary.md}",
        "4:19",
        "pages.term",
        f"'../glossary.md' is not a page under docs/; {PAGE_HINT}",
    ),
    (
        "pages: {term: ./glossary.md}",
        "4:19",
        "pages.term",
        f"'./glossary.md' {NOT_WRITTEN}; did you mean 'glossary.md'?",
    ),
    (
        "pages: {term: 'a\\b.md'}",
        "4:19",
        "pages.term",
        f"'a\\b.md' {NOT_WRITTEN}; did you mean 'a/b.md'?",
    ),
    ("pages: {term: 3}", "4:19", "pages.term", f"{PAGE} 3; {PAGE_HINT}"),
    ("pages: {term: ''}", "4:19", "pages.term", f"{PAGE} ''; {PAGE_HINT}"),
    ("pages: {term: [a.md]}", "4:19", "pages.term", f"{PAGE} a list; {PAGE_HINT}"),
    ("split_above: 5", "4:18", "split_above", f"{LIMITS} 5; {REMOVE}"),
    (
        "split_above: {glossary: 3}",
        "4:19",
        "split_above.glossary",
        f"'glossary' {NOT_KIND}; did you mean 'term'? {SPLIT_LISTED}",
    ),
    (
        "split_above: {activity: 3}",
        "4:19",
        "split_above.activity",
        f"'activity' {NOT_KIND}; did you mean 'raci'? {SPLIT_LISTED}",
    ),
    ("split_above: {xyz: 1}", "4:19", "split_above.xyz", f"'xyz' {NOT_KIND}; {SPLIT_LISTED}"),
    (
        "split_above: {team: 3}",
        "4:19",
        "split_above.team",
        f"'team' is a kind that is never split; {SPLIT_LISTED}",
    ),
    (
        "split_above: {stage: 3}",
        "4:19",
        "split_above.stage",
        f"'stage' is a kind that is never split; {SPLIT_LISTED}",
    ),
    ("split_above: {term: true}", "4:25", "split_above.term", f"{ENTRIES} true; {SPLIT_HINT}"),
    ("split_above: {term: 0}", "4:25", "split_above.term", f"{ENTRIES} 0; {SPLIT_HINT}"),
    ("split_above: {term: -1}", "4:25", "split_above.term", f"{ENTRIES} -1; {SPLIT_HINT}"),
    ("split_above: {term: '5'}", "4:25", "split_above.term", f"{ENTRIES} '5'; {SPLIT_HINT}"),
    ("split_above: {term: 2.5}", "4:25", "split_above.term", f"{ENTRIES} 2.5; {SPLIT_HINT}"),
    ("split_above: {term: null}", "4:25", "split_above.term", f"{ENTRIES} null; {SPLIT_HINT}"),
]


def wrong(position: str, setting: str, message: str) -> str:
    """The line of a wrong setting: ``setting`` is below ``extra.playbook``, or empty."""
    name = f"extra.playbook.{setting}" if setting else "extra.playbook"
    return f"mkdocs.yml:{position}: error: {name}: {message}"


@pytest.mark.parametrize(
    ("body", "expected"), [(b, wrong(p, s, m)) for b, p, s, m in BAD], ids=[b[0] for b in BAD]
)
def test_a_wrong_setting_is_one_line_at_its_position(
    body: str, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found, problems = read(config(body), tmp_path, monkeypatch)
    assert problems == [expected]
    assert found == Settings()  # a wrong setting keeps its default
    raw = yaml.safe_load(config(body))["extra"]["playbook"]
    assert [p.code for p in read_settings(raw)[1]] == [Code.SETTING]


def test_every_problem_is_told_at_once_in_file_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = """\
split_above:
  glossary: 3
  term: 0
history: {commits: abc}
pages: {glossary: glossary.md, term: terms}
brnch: main
"""
    _, problems = read(config(body), tmp_path, monkeypatch)
    assert [problem.split(": error: ")[0] for problem in problems] == [
        "mkdocs.yml:5:7",
        "mkdocs.yml:6:13",
        "mkdocs.yml:7:24",
        "mkdocs.yml:8:13",
        "mkdocs.yml:8:42",
        "mkdocs.yml:9:5",
    ]
    assert [problem.split(": error: ")[1].split(":")[0] for problem in problems] == [
        "extra.playbook.split_above.glossary",
        "extra.playbook.split_above.term",
        "extra.playbook.history.commits",
        "extra.playbook.pages.glossary",
        "extra.playbook.pages.term",
        "extra.playbook.brnch",
    ]


def test_the_real_config_is_located_despite_its_python_tags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert "!!python/name:" in text
    text = text.replace("    noindex: true\n", "    noindex: yes please\n", 1)
    line = text.splitlines().index("    noindex: yes please") + 1
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(text, "utf-8")
    _, problems = read_settings({"noindex": "yes please"}, locator(str(tmp_path / "mkdocs.yml")))
    assert [str(p).split(": error: ")[0] for p in problems] == [f"mkdocs.yml:{line}:14"]
    assert {p.code for p in problems} == {"setting"}


def test_a_setting_not_in_the_file_is_placed_at_the_nearest_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A setting inherited from another file (INHERIT) is not in this one."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nextra:\n  playbook:\n    a: 1\n", "utf-8")
    (tmp_path / "empty.yml").write_text("site_name: x\n", "utf-8")
    raw = {"pages": {"glossary": "g.md"}}
    shown = [
        str(read_settings(raw, locate)[1][0]).split(": error: ")[0]
        for locate in (
            locator(str(tmp_path / "mkdocs.yml")),
            locator(str(tmp_path / "empty.yml")),
            locator(str(tmp_path / "missing.yml")),
            locator(None),
        )
    ]
    assert shown == ["mkdocs.yml:3:3", "empty.yml:1:1", "missing.yml:1:1", "mkdocs.yml:1:1"]


def test_the_last_of_duplicate_keys_is_the_one_placed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = config("branch: a b\nbranch: c d")
    found, problems = read(text, tmp_path, monkeypatch)
    assert problems == [wrong("5:13", "branch", f"'c d' {NOT_GIT}; {BRANCH_HINT}")]
    assert found.branch == "main"


def test_a_branch_is_quoted_in_links() -> None:
    conf = {"repo_url": "https://example.com/acme/playbook/"}
    assert _repo_urls(conf, "fix/a#b") == (
        "https://example.com/acme/playbook/blob/fix/a%23b/",
        "https://example.com/acme/playbook/commit/",
    )
    assert _repo_urls({"repo_url": None}, "main") == ("", "")


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**30)
    | st.floats()
    | st.text(max_size=60)
    | st.dates()
    | st.sampled_from([math.inf, -math.inf, math.nan, "term", "glossary", "main", "x.md"])
)
KEYS = (
    st.sampled_from([*NAMES, "commits", "term", "team", "Term", "glossary"])
    | st.text(max_size=50)
    | st.integers()
    | st.booleans()
    | st.none()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=6),
    max_leaves=16,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=8) | VALUES)
def test_whatever_yaml_built_the_answer_is_settings_and_one_line_problems(raw: object) -> None:
    found, problems = read_settings(raw)
    assert isinstance(found, Settings)
    assert isinstance(found.branch, str)
    assert all(isinstance(n, int) and n >= 1 for n in (found.commits, *found.split_above.values()))
    assert set(found.pages) == set(Kind)
    for problem in problems:
        line = str(problem)
        assert "\n" not in line
        assert line.startswith("mkdocs.yml:1:1: error: extra.playbook")


@pytest.mark.slow
def test_a_wrong_setting_stops_the_build_with_its_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    config_file = project / "mkdocs.yml"
    text = config_file.read_text("utf-8").replace(
        "  playbook:\n", "  playbook:\n    split_above: {glossary: 3}\n", 1
    )
    config_file.write_text(text, "utf-8")
    line = text.splitlines().index("    split_above: {glossary: 3}") + 1
    result = run_build(project)
    assert result.returncode == 1
    errors = [row for row in result.stderr.splitlines() if "error" in row.lower()]
    assert errors == [
        "ERROR   -  "
        + wrong(
            f"{line}:19",
            "split_above.glossary",
            f"'glossary' {NOT_KIND}; did you mean 'term'? {SPLIT_LISTED}",
        )
    ]
    assert "Aborted with a BuildError!" in result.stdout
    assert "playbook build: failed; site was left as it was" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (project / "site").exists()
