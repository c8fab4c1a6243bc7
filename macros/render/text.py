"""Data text made safe for Markdown: text stays text, whatever a contributor typed.

Data is untrusted. HTML is escaped, so ``<script>`` shows as text; braces are escaped, so
neither Markdown attribute lists (``{: onclick=… }``) nor template syntax (``{{ … }}``)
can act; square brackets are escaped, so data cannot close the label of a link the
renderers wrap around it; vertical bars are escaped, so data cannot add a table column;
links keep only web, mail and in-site targets, and an image becomes a link (the site
loads nothing from another host). Emphasis (``*x*``, ``**x**``) and links with safe
targets stay, as documented in the data contract.
"""

from __future__ import annotations

import html
import re

from ..printable import printable
from ..textrules import LINK, safe_url

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


def inline(text: str) -> str:
    """Render one line of data text: escaped, on one line, emphasis and safe links kept."""
    flat = " ".join(text.split())
    return _BLOCK_START.sub(r"\1\\\2", _links(flat))


def block(text: str) -> str:
    """Render data prose: paragraphs and lists kept, headings, quotes and code neutralised."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    rendered = []
    for paragraph in paragraphs:
        lines = _INDENTED_CODE.sub("", paragraph)
        safe = _BLOCK_START.sub(r"\1\\\2", _links(lines))
        # A code fence would show the escaped text as entities: keep its marks as text.
        safe = _FENCE.sub(
            lambda m: m[1] + "&#96;" * m[2].count("`") + "&#126;" * m[2].count("~"), safe
        )
        rendered.append(safe)
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


def attribute(text: str) -> str:
    """Escape text for a double-quoted Markdown link title or HTML attribute."""
    return _escape(plain(text)).replace('"', "&quot;")


def code(text: str) -> str:
    """Render text as one inline code span, whatever backticks it holds."""
    flat = " ".join(text.split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def first_sentence(text: str) -> str:
    """Return the first sentence of plain text (up to 200 characters)."""
    flat = plain(text)
    match = re.match(r"(.+?[.!?])(\s|$)", flat)
    sentence = match.group(1) if match else flat
    return plain(sentence, 200)
