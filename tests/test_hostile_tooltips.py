"""Tooltips from data: abbreviations are marked where data text uses them, and only there.

A tooltip's text lives in a ``data-pb-tip`` attribute, written so that no Markdown pattern
reads into it; abbreviations are whole words of data text, never inside code, links,
addresses or entities, and an abbreviation must look like one (the checker's rule).
"""

from __future__ import annotations

import time

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.contract.fields import Shape
from macros.contract.schema import ABBREVIATION
from macros.render.text import NO_TIPS, block, inline, tips

from .conftest import RUNAWAY_SECONDS

KNOWN = tips(
    {
        "MQL": 'Marketing Qualified Lead: <img src=x onerror=alert(1)> "q" `c` &lt; \x02x\x03',
        "R&D": "Research and development",
        "CI/CD": "Continuous delivery",
        "CI": "Continuous integration",
        "7": "Seven",
    }
)
MQL_TIP = 'Marketing Qualified Lead: <img src=x onerror=alert(1)> "q" c &lt; x'


def _shape() -> Shape:
    shape = ABBREVIATION.shape
    assert shape is not None
    return shape


SHAPE = _shape()


def to_html(text: str) -> BeautifulSoup:
    """Convert Markdown as the site does and parse it as a browser would."""
    extensions = ["attr_list", "md_in_html", "def_list", "tables", "macros.glue.external_links"]
    return BeautifulSoup(markdown.markdown(text, extensions=extensions), "html.parser")


def marks(text: str) -> list[tuple[str, str]]:
    """Return the abbreviations marked in rendered data text, with their tooltips."""
    soup = to_html(inline(text, KNOWN))
    return [(abbr.get_text(), str(abbr["data-pb-tip"])) for abbr in soup.find_all("abbr")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An MQL is a lead.", ["MQL"]),
        ("MQL and MQL again", ["MQL"]),
        ("MQLs, xMQL and MQL_x are other words", []),
        ("**MQL** and *R&D*", ["MQL", "R&D"]),
        ("CI/CD then CI/CX", ["CI/CD", "CI"]),
        ("`MQL` in code, then MQL", ["MQL"]),
        ("`` a ` MQL ``", []),
        ("[MQL](https://x.example/MQL) is a link", []),
        ("https://x.example/MQL www.MQL.example a@MQL.example", []),
        ("7&#42;7 and &#91;7&#93;", ["7"]),
        ("mql is not MQL-", ["MQL"]),
    ],
)
def test_abbreviations_are_marked_as_whole_words(text: str, expected: list[str]) -> None:
    assert [word for word, _ in marks(text)] == expected


def test_tooltip_is_the_text_exactly() -> None:
    soup = to_html(inline("An MQL.", KNOWN))
    abbr = soup.find("abbr")
    assert abbr is not None
    assert abbr.attrs == {"class": ["pb-tip"], "tabindex": "0", "data-pb-tip": MQL_TIP}
    assert soup.find("img") is None
    assert soup.get_text() == "An MQL."


def test_marks_stay_out_of_code_blocks_and_headings_in_prose() -> None:
    soup = to_html(block("# MQL\n\n```\nMQL\n```\n\n    MQL indented\n\nA CI step.", KNOWN))
    assert [abbr.get_text() for abbr in soup.find_all("abbr")] == ["MQL", "MQL", "MQL", "CI"]
    assert soup.find(["h1", "pre", "code"]) is None


def test_without_tips_nothing_is_marked() -> None:
    assert inline("An MQL.", NO_TIPS) == inline("An MQL.") == "An MQL."
    assert tips({}) is NO_TIPS


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="MQLR&D CI/7`*_[]()<>#;:.-x\\\n", max_size=60))
def test_marking_changes_no_text(text: str) -> None:
    """Whatever the data, marking adds elements and never adds, drops or moves text.

    Runs of spaces count as one, as a browser shows them: Python-Markdown keeps two spaces
    after a word but not always after an inline element.
    """
    for render in (inline, block):
        marked = to_html(render(text, KNOWN)).get_text().split()
        assert marked == to_html(render(text)).get_text().split()


def test_marking_takes_linear_time() -> None:
    many = tips({f"A{number}B": "x" for number in range(2_000)})
    text = " ".join(["A1B", "`", "A17", "[x](y)", "A1999B"] * 2_000)[:10_000]
    start = time.perf_counter()
    block(text, many)
    inline(text, many)
    assert time.perf_counter() - start < RUNAWAY_SECONDS


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        ("MQL", ""),
        ("B2B", ""),
        ("R&D", ""),
        ("Ph.D.", ""),
        ("CI/CD", ""),
        ("the", "it has no capital letter or digit, so it would mark ordinary words"),
        ("A B", "it must be one word, without spaces"),
        ("wzxhzdk", "it holds 'wzxhzdk', which the Markdown processor reserves"),
        ("XKLZZWXH1", "it holds 'klzzwxh', which the Markdown processor reserves"),
        ("\x02MQL\x03", "it holds 'U+0002', which the Markdown processor reserves"),
        ("M\x07L", "it holds the control character U+0007"),
        ("<MQL>", "it holds characters other than letters and digits joined by & + / . -"),
        ("M_Q", "it holds characters other than letters and digits joined by & + / . -"),
        ("A" * 33, "it is longer than 32 characters"),
    ],
)
def test_abbreviation_shape(text: str, fault: str) -> None:
    assert SHAPE.fault(text) == fault
