"""A Markdown extension for the handbook's links: mark external ones, drop unsafe ones.

Links to another host get the class ``pb-external`` (styled with an arrow) and
``rel="noopener noreferrer"``; a link whose target runs code (``javascript:``, ``data:``,
``vbscript:``) becomes plain text in a ``<span class="pb-unsafe">``, whoever wrote it (a
span, not an ``<a>`` without ``href``: MkDocs expects every link it sees to have a target).
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ..model.urls import IGNORED, runs_code

_EXTERNAL = ("http://", "https://", "//")


def _normalised(href: str) -> str:
    r"""Return a link target as a browser reads its scheme and host.

    Character references are decoded (``&#106;avascript:`` is ``javascript:``: Markdown
    keeps them as they are written) and a backslash is a slash (``/\host`` is ``//host``).
    """
    return IGNORED.sub("", html.unescape(href)).replace("\\", "/").lower()


class LinkPolicy(Treeprocessor):
    """Mark external links and neutralise unsafe ones."""

    def run(self, root: ET.Element) -> None:
        """Walk every link of the page."""
        for anchor in root.iter("a"):
            href = _normalised(anchor.get("href", ""))
            if runs_code(href):
                anchor.tag = "span"
                anchor.attrib.clear()
                anchor.set("class", "pb-unsafe")
            elif href.startswith(_EXTERNAL):
                classes = anchor.get("class", "").split()
                anchor.set("class", " ".join([*classes, "pb-external"]))
                anchor.set("rel", "noopener noreferrer")


class LinkPolicyExtension(Extension):
    """Register :class:`LinkPolicy` after the inline patterns have made the links."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        """Add the tree processor."""
        md.treeprocessors.register(LinkPolicy(md), "pb_link_policy", 0)


def makeExtension(**kwargs: object) -> LinkPolicyExtension:  # noqa: N802 (Markdown's API name)
    """Create the extension (the entry point Python-Markdown looks for)."""
    return LinkPolicyExtension(**kwargs)
