"""Data text made safe for Markdown: text stays text, whatever a contributor typed.

Data is untrusted. HTML is escaped, so ``<script>`` shows as text; braces are escaped, so
neither Markdown attribute lists (``{: onclick=… }``) nor template syntax (``{{ … }}``)
can act; links keep only web, mail and in-site targets. Emphasis (``*x*``, ``**x**``) and
links with safe targets stay, as documented in the data contract.
"""

from __future__ import annotations

import html
import re

_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]*)(?:\s+\"[^\"\n]*\")?\)")
_SAFE_URL = re.compile(r"^(https?://|mailto:|#|\.{0,2}/|[a-z0-9][a-z0-9._/-]*(\.md)?(#[\w-]*)?$)")
_BLOCK_START = re.compile(r"^(\s*)(#{1,6}\s|>|\[[^\]]*\]:|\*\[|={3,}|-{3,}\s*$|\|)", re.MULTILINE)
_INDENTED_CODE = re.compile(r"^( {4,}|\t)", re.MULTILINE)
_MARKUP = re.compile(r"[*_`~]+")


def safe_url(url: str) -> bool:
    """Tell whether a link target is allowed: http(s), mailto, or a path in the site."""
    lowered = url.strip().lower()
    return bool(_SAFE_URL.match(lowered)) and not lowered.startswith(("//", "javascript:"))


def _escape(text: str) -> str:
    escaped = html.escape(text, quote=False)
    return escaped.replace("{", "&#123;").replace("}", "&#125;")


def _links(text: str) -> str:
    """Escape text, keeping Markdown links whose target is safe; others become their text."""
    out: list[str] = []
    last = 0
    for match in _LINK.finditer(text):
        out.append(_escape(text[last : match.start()]))
        label, url = match.group(1), match.group(2)
        if safe_url(url):
            out.append(f"[{_escape(label)}]({html.escape(url, quote=True)})")
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
        rendered.append(safe)
    return "\n\n".join(rendered)


def plain(text: str, limit: int = 0) -> str:
    """Return text without Markdown markup or links, for titles and tooltips."""
    flat = " ".join(_LINK.sub(r"\1", text).split())
    flat = _MARKUP.sub("", flat)
    if limit and len(flat) > limit:
        flat = flat[: limit - 1].rsplit(" ", 1)[0] + "…"
    return flat


def attribute(text: str) -> str:
    """Escape text for a double-quoted Markdown link title or HTML attribute."""
    return _escape(plain(text)).replace('"', "&quot;")


def first_sentence(text: str) -> str:
    """Return the first sentence of plain text (up to 200 characters)."""
    flat = plain(text)
    match = re.match(r"(.+?[.!?])(\s|$)", flat)
    sentence = match.group(1) if match else flat
    return plain(sentence, 200)
