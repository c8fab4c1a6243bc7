"""A Markdown extension for the handbook's links: mark external ones, drop unsafe ones.

Links to another host get the class ``pb-external`` (styled with an arrow) and
``rel="noopener noreferrer"``; a link whose target runs code (``javascript:``, ``data:``,
``vbscript:``) loses its target, whoever wrote it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

_UNSAFE = ("javascript:", "data:", "vbscript:")
_EXTERNAL = ("http://", "https://", "//")


class LinkPolicy(Treeprocessor):
    """Mark external links and neutralise unsafe ones."""

    def run(self, root: ET.Element) -> None:
        """Walk every link of the page."""
        for anchor in root.iter("a"):
            href = "".join(anchor.get("href", "").split()).lower()
            if href.startswith(_UNSAFE):
                del anchor.attrib["href"]
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
