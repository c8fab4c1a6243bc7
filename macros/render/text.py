"""Data text made safe for Markdown: text stays text, whatever a contributor typed.

Data is untrusted. HTML is escaped, so ``<script>`` shows as text; braces are escaped, so
neither Markdown attribute lists (``{: onclick=… }``) nor template syntax (``{{ … }}``)
can act; square brackets are escaped, so data cannot close the label of a link the
renderers wrap around it; vertical bars are escaped, so data cannot add a table column;
links keep only web, mail and in-site targets, and an image becomes a link (the site
loads nothing from another host). Emphasis (``*x*``, ``**x**``) and links with safe
targets stay, as documented in the data contract.

Tooltips never go into a ``title``: the site's script shows the text of a ``data-pb-tip``
attribute as text. Abbreviations are marked where data text uses them, from the glossary
handed in as :class:`Tips`, never by a pattern over whole pages.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeAlias, cast

from markdown.inlinepatterns import BACKTICK_RE, BacktickInlineProcessor

from ..check.links import LINK, safe_url
from ..model.formatting import code_span
from ..model.printable import printable

_BLOCK_START = re.compile(r"^(\s*)(#{1,6}\s|>|\[[^\]]*\]:|\*\[|={3,}|-{3,}\s*$|\|)", re.MULTILINE)
_INDENTED_CODE = re.compile(r"^( {4,}|\t)", re.MULTILINE)
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})", re.MULTILINE)
# The marked text never holds its own mark, so that long runs of marks take linear time.
_MARKUP = re.compile(
    r"(?<![*\w])(\*{1,3})(?=[^\s*])([^*]+?)(?<=\S)\1(?![*\w])"  # *x*, **x**, ***x***
    r"|(?<![_\w])(_{1,3})(?=[^\s_])([^_]+?)(?<=\S)\3(?![_\w])"  # _x_, __x__
    r"|(~~)(?=[^\s~])([^~]+?)(?<=\S)~~"  # ~~x~~
    r"|(?<!`)(`++)([^`]+)\7(?!`)"  # `x`
)
_ESCAPES = str.maketrans({"{": "&#123;", "}": "&#125;", "[": "&#91;", "]": "&#93;", "|": "&#124;"})
_URL_ESCAPES = str.maketrans({"{": "%7B", "}": "%7D", "|": "%7C"})
_INTRAWORD_STAR = re.compile(r"(?<=[^\W_])\*(?=[^\W_])")
_LITERAL = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;"} | {c: f"&#{ord(c)};" for c in "\\`*_~[]!#|{}:@."}
)
"""Every mark that could start markup, a link (``https:``, ``www.``, ``a@b.c``) or an emoji."""


def _escape(text: str) -> str:
    escaped = html.escape(text, quote=False).translate(_ESCAPES)
    # "7*7" and "a*b" are not emphasis: two of them must not pair up across the text.
    escaped = _INTRAWORD_STAR.sub("&#42;", escaped)
    # A final backslash would escape the bracket or brace that follows the fragment.
    return escaped[:-1] + "&#92;" if escaped.endswith("\\") else escaped


@dataclass(frozen=True, slots=True)
class Tips:
    """The abbreviations data text may use, ready to be marked with their tooltips.

    Attributes:
        shown: Each abbreviation as escaped text, with its tooltip as an attribute value.
        pattern: Finds any of them as a whole word of escaped text; None when there are none.
    """

    shown: Mapping[str, str] = field(default_factory=dict)
    pattern: re.Pattern[str] | None = None


NO_TIPS = Tips()
_Node: TypeAlias = "dict[str, _Node]"
_TOKEN = re.compile(r"\S+")
_ADDRESS = re.compile(r"://|@|www\.", re.IGNORECASE)
_CODE = BacktickInlineProcessor(BACKTICK_RE)


def tips(explained: Mapping[str, str]) -> Tips:
    """Prepare abbreviations for marking.

    Args:
        explained: Each abbreviation with the text of its tooltip.

    Returns:
        The tips; an abbreviation matches as a whole word, never inside an entity, a
        longer word or a longer abbreviation.
    """
    shown = {_escape(word): _attribute_value(plain(text)) for word, text in explained.items()}
    if not shown:
        return NO_TIPS
    pattern = re.compile(rf"(?<![\w&#]){_trie(shown)}(?!\w)")
    return Tips(shown, pattern)


def _trie(words: Iterable[str]) -> str:
    """Return a regular expression matching any of words, branching once per character.

    Each position of a text is tried in time bounded by the longest word, not by the
    number of words.
    """
    tree: _Node = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: _Node) -> str:
    ends = "" in node
    branches = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    return f"(?:{'|'.join(branches)}){'?' if ends else ''}"


def _attribute_value(text: str) -> str:
    """Escape text for a double-quoted HTML attribute written into Markdown.

    Every sign but letters, digits and spaces becomes a character reference, so that no
    Markdown pattern (code, emphasis, links, escapes) reads into the attribute and no
    quote ends it; control characters are dropped.
    """
    return "".join(
        char if char.isalnum() or char == " " else f"&#{ord(char)};"
        for char in text
        if char.isprintable()
    )


def _abbreviation(word: str, tip: str) -> str:
    return f'<abbr class="pb-tip" tabindex="0" data-pb-tip="{tip}">{word}</abbr>'


def _code_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield the code spans of inline Markdown, found exactly as Markdown finds them."""
    pos = 0
    while (opener := _CODE.compiled_re.search(text, pos)) is not None:
        if opener.group(1):  # escaped backslashes, then backticks that may open a span
            pos = opener.end()
            continue
        # Typed wrongly in the stubs: the end is None when no span closes.
        found = cast("tuple[int, int | None]", _CODE.find_code_spans(opener.start(), text))
        start, end = found
        if end is None:
            pos = start
            continue
        pos = end + start - opener.start()
        yield opener.start(), pos


def _skipped(text: str) -> list[tuple[int, int]]:
    """Return where no abbreviation may be marked: code spans and links, in order."""
    spans = sorted([*_code_spans(text), *((m.start(), m.end()) for m in LINK.finditer(text))])
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _mark(escaped: str, known: Tips) -> str:
    """Mark the first use of each known abbreviation in escaped Markdown text.

    Code spans, links and words holding an address (``://``, ``@``, ``www.``) are left
    alone: Markdown would show the mark as text there, or break the address.
    """
    if known.pattern is None or not escaped:
        return escaped
    out: list[str] = []
    last = 0
    seen: set[str] = set()
    skipped = [*_skipped(escaped), (len(escaped), len(escaped))]
    start = 0
    for skip_start, skip_end in skipped:
        for token in _TOKEN.finditer(escaped, start, skip_start):
            if _ADDRESS.search(token.group()):
                continue
            for hit in known.pattern.finditer(escaped, token.start(), token.end()):
                word = hit.group()
                if word not in seen:
                    seen.add(word)
                    out.extend(
                        (escaped[last : hit.start()], _abbreviation(word, known.shown[word]))
                    )
                    last = hit.end()
        start = skip_end
    out.append(escaped[last:])
    return "".join(out)


def tip(markdown: str, text: str) -> str:
    """Wrap rendered Markdown (e.g. a link) in an element showing text as its tooltip."""
    shown = _attribute_value(plain(text))
    return f'<span class="pb-tip" data-pb-tip="{shown}">{markdown}</span>' if shown else markdown


def _unmark(match: re.Match[str]) -> str:
    return next(group for group in match.groups()[1::2] if group is not None)


def _links(text: str) -> str:
    """Escape text, keeping Markdown links whose target is safe; others become their text."""
    out: list[str] = []
    last = 0
    for match in LINK.finditer(text):
        before = _escape(text[last : match.start()])
        # "![alt](url)" would load an image, maybe from another host: keep it a link.
        out.append(before[:-1] + "&#33;" if before.endswith("!") else before)
        label, url = match.group(1), match.group(2)
        if safe_url(url):
            target = html.escape(url, quote=True).translate(_URL_ESCAPES)
            out.append(f"[{_escape(label)}]({target})")
        else:
            out.append(_escape(label))
        last = match.end()
    out.append(_escape(text[last:]))
    return "".join(out)


def inline(text: str, known: Tips = NO_TIPS) -> str:
    """Render one line of data text: escaped, on one line, emphasis and safe links kept.

    The first use of each of the ``known`` abbreviations shows its tooltip.
    """
    flat = " ".join(text.split())
    return _mark(_BLOCK_START.sub(r"\1\\\2", _links(flat)), known)


def block(text: str, known: Tips = NO_TIPS) -> str:
    """Render data prose: paragraphs and lists kept, headings, quotes and code neutralised.

    The first use in each paragraph of each of the ``known`` abbreviations shows its tooltip.
    """
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    rendered = []
    for paragraph in paragraphs:
        lines = _INDENTED_CODE.sub("", paragraph)
        safe = _BLOCK_START.sub(r"\1\\\2", _links(lines))
        # A code fence would show the escaped text as entities: keep its marks as text.
        safe = _FENCE.sub(
            lambda m: m[1] + "&#96;" * m[2].count("`") + "&#126;" * m[2].count("~"), safe
        )
        rendered.append(_mark(safe, known))
    return "\n\n".join(rendered)


def plain(text: str, limit: int = 0) -> str:
    """Return text without Markdown markup or links, for titles and tooltips."""
    flat = " ".join(LINK.sub(r"\1", text).split())
    for _ in range(3):  # **a *b* c**: the inner mark first, then the outer one
        flat = _MARKUP.sub(_unmark, flat)
    if limit and len(flat) > limit:
        flat = flat[: limit - 1].rsplit(" ", 1)[0] + "…"
    return flat


def literal(text: str) -> str:
    """Render text that is not data, such as a commit subject, as plain text on one line.

    Unlike :func:`inline`, nothing is kept: no emphasis, no link (not even a bare URL or a
    mail address, which the site would otherwise link), no emoji shortcode. Control and
    format characters are written out as escapes. The result belongs inside a line (after
    other text), not at its start.
    """
    return printable(" ".join(text.split())).translate(_LITERAL)


def code(text: str) -> str:
    """Render text as one inline code span, whatever backticks it holds."""
    return code_span(" ".join(text.split()))


def first_sentence(text: str) -> str:
    """Return the first sentence of plain text (up to 200 characters)."""
    flat = plain(text)
    match = re.match(r"(.+?[.!?])(\s|$)", flat)
    sentence = match.group(1) if match else flat
    return plain(sentence, 200)
