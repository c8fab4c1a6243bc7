"""Data text is text: the escaping layer and the link policy, one attack at a time."""

from __future__ import annotations

import re
import time
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from macros.check.links import safe_url
from macros.model.index import Index
from macros.read.load import load_directory
from macros.render.common import Site
from macros.render.funnel import funnel
from macros.render.glossary import glossary
from macros.render.text import block, code, first_sentence, inline, plain, tip

from .conftest import FIXTURES, MINI, RUNAWAY_SECONDS, copy_project
from .soup import attr
from .test_check_golden import overlay


def to_html(text: str) -> str:
    """Convert Markdown the way the site does, for the parts that matter here."""
    extensions = ["attr_list", "md_in_html", "def_list", "tables", "macros.glue.external_links"]
    return markdown.Markdown(extensions=extensions).convert(text)


def shown(text: str) -> BeautifulSoup:
    """Return the HTML of Markdown text as a browser reads it (entities decoded)."""
    return BeautifulSoup(to_html(text), "html.parser")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        (
            "{{ 7*7 }} {% if x %}y{% endif %}",
            "&#123;&#123; 7&#42;7 &#125;&#125; &#123;% if x %&#125;y&#123;% endif %&#125;",
        ),
        ('*a*{: onclick="alert(1)" }', '*a*&#123;: onclick="alert(1)" &#125;'),
        ("[x](javascript:alert(1))", "x"),
        ("[x](JavaScript:alert(1))", "x"),
        ("[x](data:text/html,hi)", "x"),
        ("[x](//evil.example/)", "x"),
        ("[x](/\\evil.example/)", "x"),
        ("[x](https://example.com/a)", "[x](https://example.com/a)"),
        (
            "[w](https://en.wikipedia.org/wiki/Lead_(marketing)).",
            "[w](https://en.wikipedia.org/wiki/Lead_(marketing)).",
        ),
        ("[q](https://e.example/?a={b})", "[q](https://e.example/?a=%7Bb%7D)"),
        ("![pixel](https://tracker.example/p.png)", "&#33;[pixel](https://tracker.example/p.png)"),
        ("x](javascript:alert(1)) [y", "x&#93;(javascript:alert(1)) &#91;y"),
        ("ends with a backslash\\", "ends with a backslash&#92;"),
        ("7*7 and 6*6 *em* **b**s", "7&#42;7 and 6&#42;6 *em* **b**s"),
    ],
)
def test_inline_escapes_data(data: str, expected: str) -> None:
    assert inline(data) == expected


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
        ("{{ 7*7 }} {% if true %}yes{% endif %}", "{{ 7*7 }} {% if true %}yes{% endif %}"),
        ('*em*{: onclick="alert(1)" }', 'em{: onclick="alert(1)" }'),
        ("`code`{: onclick=alert(1) }", "code{: onclick=alert(1) }"),
    ],
)
def test_inline_renders_as_text(data: str, text: str) -> None:
    soup = shown(inline(data))
    assert soup.find(["script", "img"]) is None
    assert all(not name.startswith("on") for tag in soup.find_all(True) for name in tag.attrs)
    assert soup.get_text() == text


def test_an_image_in_data_becomes_a_link() -> None:
    soup = shown(inline("![pixel](https://t.example/p.png)"))
    assert soup.find("img") is None
    assert soup.get_text() == "!pixel"
    assert soup.a is not None
    assert soup.a["class"] == ["pb-external"]


def test_data_cannot_close_a_link_label_around_it() -> None:
    """A renderer wraps names in links: a name must not end the label and start a link."""
    soup = shown(f"[{inline('x](javascript:alert(1)) [y')}](glossary.md#x)")
    assert [(a["href"], a.get_text()) for a in soup.find_all("a")] == [
        ("glossary.md#x", "x](javascript:alert(1)) [y")
    ]


def test_a_bar_in_data_adds_no_table_column() -> None:
    row = f"| {inline('Mon | Thu')} | {inline('[a|b](https://e.example/?q=a|b)')} |"
    soup = shown(f"| When | Link |\n|---|---|\n{row}")
    cells = soup.find_all("td")
    assert [cell.get_text() for cell in cells] == ["Mon | Thu", "a|b"]
    assert cells[1].a is not None
    assert cells[1].a["href"] == "https://e.example/?q=a%7Cb"


def test_block_neutralises_attribute_lists_headings_and_code() -> None:
    data = (
        '# Title\n\n    indented\n\nA paragraph.\n{: onclick="alert(1)" }\n\n*[HTML]: x\n\n'
        "```\n<b>fenced</b>\n```\n\n> quoted"
    )
    soup = shown(block(data))
    assert [tag.name for tag in soup.find_all(True)] == ["p"] * 6
    assert soup.find(onclick=True) is None
    assert '{: onclick="alert(1)" }' in soup.get_text()
    assert "```\n<b>fenced</b>\n```" in soup.get_text()


def test_plain_keeps_text_that_is_not_markup() -> None:
    """Tooltips keep formulas and names: only paired emphasis and code marks go."""
    assert plain("{{ 7*7 }} *em* **b** snake_case a*b ~~s~~ `c`") == (
        "{{ 7*7 }} em b snake_case a*b s c"
    )


def test_tip_is_safe_in_its_attribute() -> None:
    data = '"><script>alert(1)</script> {{ 7*7 }} *em* `c` [l](#b) a\\b'
    soup = shown(tip("[x](#a)", data))
    assert soup.find("script") is None
    assert soup.a is not None
    assert soup.a.attrs == {"href": "#a"}
    assert soup.span is not None
    assert soup.span.attrs == {
        "class": ["pb-tip"],
        "data-pb-tip": '"><script>alert(1)</script> {{ 7*7 }} em c l a\\b',
    }


@pytest.mark.parametrize(
    "text", ["@acme/sales", "x` <script>alert(1)</script> `y", "`start", "end`", "a``b"]
)
def test_code_is_one_code_span(text: str) -> None:
    html = to_html(code(text))
    assert html.startswith("<p><code>")
    assert html.endswith("</code></p>")
    assert html.count("<code>") == 1
    assert "<script" not in html


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.com", True),
        ("mailto:a@example.com", True),
        ("glossary.md#mql", True),
        ("#mql", True),
        ("../kpis/", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("vbscript:x", False),
        ("//evil.example", False),
        ("/\\evil.example", False),
        ("ftp://example.com", False),
    ],
)
def test_safe_url(url: str, safe: bool) -> None:
    assert safe_url(url) is safe


@pytest.mark.parametrize(
    "link",
    [
        "[a](javascript:alert(1))",
        "[a](JAVASCRIPT:alert(1))",
        "[a](java\tscript:alert(1))",
        "[a](&#106;avascript:alert(1))",
        "[a](&#x6A;avascript:alert(1))",
        "[a](vbscript:msgbox(1))",
        "[a](data:text/html,x)",
        "[a][r]\n\n[r]: javascript:alert(1)",
    ],
)
def test_link_policy_drops_unsafe_targets(link: str) -> None:
    """Whoever wrote the link, even a docs page: it becomes text, and MkDocs still builds."""
    html = to_html(link)
    assert html == '<p><span class="pb-unsafe">a</span></p>'


@pytest.mark.parametrize(
    "href", ["https://example.com", "http://example.com", "//example.com", "/\\example.com"]
)
def test_link_policy_marks_external_links(href: str) -> None:
    html = to_html(f"[a]({href})")
    assert 'class="pb-external"' in html
    assert 'rel="noopener noreferrer"' in html


def test_link_policy_leaves_internal_links() -> None:
    assert to_html("[a](glossary.md#mql)") == '<p><a href="glossary.md#mql">a</a></p>'


def test_renderers_drop_the_links_the_checker_refuses(tmp_path: Path) -> None:
    """Defence in depth: even unchecked, the unsafe-links fixture renders no unsafe link."""
    project = copy_project(MINI, tmp_path)
    overlay(FIXTURES / "hostile" / "unsafe-links", project)
    index = Index(load_directory(project).playbook)
    pages = glossary(index, Site(page="glossary.md")) + funnel(index, Site(page="funnel.md"))
    soup = shown(pages)
    targets = [attr(a, "href", "") for a in soup.find_all("a")]
    assert "https://example.com/scoring" in targets
    assert [t for t in targets if not re.match(r"^(#|https://|[a-z]+\.md#)", t)] == []
    assert soup.find("img") is None
    assert soup.select(".pb-unsafe") == []
    text = soup.get_text()
    assert "ideal customer profile and passed the score threshold." in text


@pytest.mark.parametrize(
    "text",
    [
        "`" * 400_000,
        "*a " * 200_000,
        "[" * 400_000,
        "[x](" * 100_000,
        "_" * 400_000,
        "~" * 400_000,
    ],
    ids=["ticks", "star-words", "brackets", "link-starts", "underscores", "tildes"],
)
def test_escaping_takes_linear_time(text: str) -> None:
    """Runs of marks once took minutes (backtracking regular expressions)."""
    start = time.perf_counter()
    inline(text)
    block(text)
    first_sentence(text)
    assert time.perf_counter() - start < RUNAWAY_SECONDS
