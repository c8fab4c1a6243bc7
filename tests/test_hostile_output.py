"""What the data and git put in a terminal, a pull-request comment or a page stays text.

Control characters in problems and diffs are written out as escapes; display names in the
Markdown diff cannot mention, link, add HTML or fold lines away; commit subjects on the
site are plain text.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from macros.change import gfm
from macros.change.history import read_history
from macros.check.checker import load_checked
from macros.model.index import Index
from macros.model.kinds import Kind
from macros.model.printable import json_document, printable
from macros.render.changes import changes
from macros.render.common import Site, history_block
from macros.render.text import literal

from .conftest import FIXTURES, MINI, TESTS, Golden, copy_project
from .gitrepo import GitRepo, playbook
from .sitebuild import build, make_project
from .soup import attr, found
from .test_check_golden import overlay, run_check

CONTROLS = FIXTURES / "hostile" / "control-characters"
FORMATS = FIXTURES / "hostile" / "format-characters"
"""Bidi and format characters, which the reader lets through to the messages."""
GOLDEN = TESTS / "golden" / "hostile-output"
RAW_CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]"
)
"""Any control or format character except the line breaks that end output lines."""
SUBJECT = "Fix [link](https://evil) @acme/sales <b>x</b> www.evil.example :smile: *em* \x1b[2K"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text, é 日本 👍 → ≥", "plain text, é 日本 👍 → ≥"),
        ("\r\x1b[2Kclean", "\\x0d\\x1b[2Kclean"),
        ("a\nb\tc\x00\x7f\x85\x9b", "a\\x0ab\\x09c\\x00\\x7f\\x85\\x9b"),
        (
            "\u202etxt\u2066\u2069\u200e\u200f\u061c",
            "\\u202etxt\\u2066\\u2069\\u200e\\u200f\\u061c",
        ),
        ("\u2028\u2029\ufeff\u200b", "\\u2028\\u2029\\ufeff\\u200b"),
        ("tag \U000e0041 and \udcff", "tag \\U000e0041 and \\udcff"),
    ],
)
def test_printable_writes_out_controls(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_json_document_escapes_controls_and_keeps_the_data() -> None:
    data = {"key": "\r\x1b[2K\x7f\x9b\u202e\U000e0041é 日本 → ok"}
    text = json_document(data)
    assert not RAW_CONTROL.search(text.replace("\n", ""))
    assert text == (
        '{\n  "key": "\\r\\u001b[2K\\u007f\\u009b\\u202e\\udb40\\udc41é 日本 → ok"\n}\n'
    )
    assert json.loads(text) == data


@pytest.mark.parametrize("fixture", [CONTROLS, FORMATS], ids=["controls", "formats"])
@pytest.mark.parametrize(
    ("fmt", "expected"),
    [("text", "expected.txt"), ("github", "expected-github.txt"), ("json", "expected.json")],
)
def test_check_output_shows_controls_as_escapes(
    fixture: Path,
    fmt: str,
    expected: str,
    *,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    golden: Golden,
) -> None:
    """Keys and values hold CR, erase-line sequences and NUL (refused by the reader, which
    names them without quoting them), or bidi overrides and isolates (quoted, as escapes)."""
    project = copy_project(MINI, tmp_path)
    overlay(fixture, project)
    code, output = run_check(project, monkeypatch, "--strict", "--format", fmt)
    assert code == 1
    assert not RAW_CONTROL.search(output)
    golden(fixture / expected, output)


def test_check_json_keeps_the_exact_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(MINI, tmp_path)
    overlay(FORMATS, project)
    _, output = run_check(project, monkeypatch, "--format", "json")
    messages = [p["message"] for p in json.loads(output)["problems"]]
    assert "term 'speed-to-lead' has unknown field 'notes\u202e'" in messages


def test_annotations_stay_one_command_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A line break or '%0A' in the data cannot end an annotation or start another one."""
    project = copy_project(MINI, tmp_path)
    overlay(FORMATS, project)
    _, output = run_check(project, monkeypatch, "--format", "github")
    lines = output.splitlines()
    assert len(lines) == 5
    assert all(line.startswith("::error file=playbook_data/glossary.yml,") for line in lines[:4])
    assert "'status::error file=x::%250A'" in lines[3]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Sales Accepted Lead", "Sales Accepted Lead"),
        ("R&D, Lead (marketing) / 50% + more", "R&D, Lead (marketing) / 50% + more"),
        ("Qualifié à 日本", "Qualifié à 日本"),
        ("@acme/sales", "`@acme/sales`"),
        ("#12", "`#12`"),
        ("GH-12", "`GH-12`"),
        ("fixed in deadbeef", "`fixed in deadbeef`"),
        ("www.evil.example", "`www.evil.example`"),
        ("https://evil", "`https://evil`"),
        ("*em* _em_ ~~s~~ :smile:", "`*em* _em_ ~~s~~ :smile:`"),
        ("a`b``c", "```a`b``c```"),
        ("`x`", "`` `x` ``"),
        ("two\n  lines\r\x1b[2K", "`two lines \\x1b[2K`"),
        ("", ""),
    ],
)
def test_comment_text_is_plain_or_a_code_span(text: str, shown: str) -> None:
    assert gfm.text(text) == shown


HOSTILE_NAMES = [
    ("glossary.yml", "term: Marketing Qualified Lead", "term: '@acme/sales'"),
    ("glossary.yml", "term: Sales Qualified Lead", """term: '<a href="https://evil">x</a>'"""),
    (
        "glossary.yml",
        "term: Speed to lead\n    definition: Time from",
        "term: '<details><summary>wording only</summary>'\n    definition: Since",
    ),
    ("kpis.yml", "name: MQL volume", "name: '[x](https://evil)'"),
    ("kpis.yml", "name: Speed to lead", "name: '![x](https://evil/i.png)'"),
    ("kpis.yml", "name: Win rate", "name: '#12'"),
    ("cadence.yml", "name: Weekly SLA sync", f"name: '{SUBJECT[:-5]}'"),
    ("slas.yml", "title: MQL follow-up", 'title: "``</code><b>x</b> ``"'),
]


@pytest.fixture
def hostile_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """The mini playbook tagged `start`, then a commit giving entries hostile names."""
    repo = GitRepo(tmp_path, monkeypatch)
    repo.git("tag", "start")
    for name, old, new in HOSTILE_NAMES:
        repo.edit(name, old, new)
    repo.commit(SUBJECT)
    repo.git("tag", "@acme/sales")
    return repo


@pytest.mark.parametrize(("fmt", "suffix"), [("text", "txt"), ("markdown", "md"), ("json", "json")])
def test_diff_of_hostile_names(
    hostile_names: GitRepo, golden: Golden, fmt: str, suffix: str
) -> None:
    result = playbook("diff", "--format", fmt, "start", "@acme/sales")
    assert result.exit_code == 0, result.output
    assert not RAW_CONTROL.search(result.stdout)
    golden(GOLDEN / f"diff.{suffix}", result.stdout)


def _comment_html(comment: str) -> BeautifulSoup:
    """Return the comment as HTML, the way CommonMark reads it.

    CommonMark ends an HTML block at a blank line, so the fenced diff inside the report's
    own ``<details>`` is a code block; Python-Markdown would read the whole box as HTML.
    The report's own two lines of HTML are taken out first, and counted.
    """
    own = ("<details><summary>Old and new</summary>", "</details>")
    kept = [line for line in comment.splitlines() if line.strip() not in own]
    assert len(comment.splitlines()) - len(kept) == 2 * comment.count("Old and new")
    html = markdown.Markdown(extensions=["fenced_code"]).convert("\n".join(kept))
    return BeautifulSoup(html, "html.parser")


def test_comment_shows_hostile_names_literally(hostile_names: GitRepo) -> None:
    comment = playbook("diff", "--format", "markdown", "start", "@acme/sales").stdout
    page = _comment_html(comment)
    assert page.find_all(["a", "img", "details", "summary", "b", "em"]) == []
    for needle in ("@acme", "#12", "https://evil", "<", "[x]", "*em*", ":smile:", "www."):
        for text in page.find_all(string=re.compile(re.escape(needle))):
            assert found(text.parent).name == "code", (needle, text)
    # The change lines of the entry named like a <details> box are still there.
    assert "- Time from an MQL" in comment
    assert "+ Since an MQL" in comment


def _history_markdown(repo: GitRepo) -> str:
    history = read_history(repo.path)
    index = Index(load_checked(repo.path))
    kpi = index.get(Kind.KPI, "win-rate")
    assert kpi is not None
    box = history_block(Site(page="kpis.md", history=history), Kind.KPI, kpi)
    site = Site(page="changes.md", commit_url="https://git.example.internal/c/", history=history)
    rendered = f"{box}\n\n---\n\n{changes(index, site)}"
    for number, name in enumerate(("HEAD", "HEAD~1")):
        full = repo.git("rev-parse", name).strip()
        rendered = rendered.replace(full, f"<c{number}>").replace(full[:7], f"<s{number}>")
    return rendered


@pytest.fixture
def hostile_subject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repo = GitRepo(tmp_path, monkeypatch)
    repo.edit("kpis.yml", "value: 25, period: quarter", "value: 30, period: quarter")
    repo.commit(SUBJECT + " \u202eevil")
    return repo


def test_commit_subject_is_plain_text_on_the_site(hostile_subject: GitRepo, golden: Golden) -> None:
    rendered = _history_markdown(hostile_subject)
    golden(GOLDEN / "history.md", rendered)
    extensions = ["admonition", "pymdownx.details", "pymdownx.magiclink", "pymdownx.emoji"]
    page = BeautifulSoup(markdown.Markdown(extensions=extensions).convert(rendered), "html.parser")
    assert page.find_all(["img", "b", "em"]) == []
    hrefs = [attr(a, "href") for a in page.find_all("a")]
    assert all(re.match(r"[a-z]+\.md#|https://git\.example\.internal/c/<", h) for h in hrefs)
    shown = "Fix [link](https://evil) @acme/sales <b>x</b> www.evil.example :smile: *em* "
    assert page.get_text().count(shown + "\\x1b[2K \\u202eevil") == 2


def test_literal_escapes_every_mark() -> None:
    assert literal("a_b *c* [d](e) <f> &g; {h} |i| `j` !k #l :m: n@o.p\\") == (
        "a&#95;b &#42;c&#42; &#91;d&#93;(e) &lt;f&gt; &amp;g; &#123;h&#125; &#124;i&#124; "
        "&#96;j&#96; &#33;k &#35;l &#58;m&#58; n&#64;o&#46;p&#92;"
    )


@pytest.mark.slow
def test_built_site_shows_a_hostile_subject_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "p")
    GitRepo.adopt(project, monkeypatch)
    kpis = project / "playbook_data" / "kpis.yml"
    kpis.write_text(kpis.read_text("utf-8").replace("value: 25\n", "value: 27\n", 1), "utf-8")
    subprocess.run(["git", "commit", "-qam", SUBJECT], cwd=project, check=True)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout
    page = BeautifulSoup(
        (tmp_path / "site" / "changes" / "index.html").read_text("utf-8"), "html.parser"
    )
    article = found(page.find("article"))
    heading = next(h for h in article.find_all("h3") if "Fix" in h.get_text())
    assert heading.get_text().startswith("2026-01-05: " + SUBJECT[:-5])
    assert [el.name for el in heading.find_all(True)] == ["a"]  # its permalink only
    assert found(heading.a)["class"] == ["headerlink"]


def test_git_errors_show_controls_as_escapes(hostile_names: GitRepo) -> None:
    result = playbook("diff", "nope\r\x1b[2K\u202e", "HEAD")
    assert result.exit_code == 2
    assert not RAW_CONTROL.search(result.output)
    assert result.output.startswith(
        "playbook: error: unknown git revision 'nope\\x0d\\x1b[2K\\u202e'\n"
    )
