"""A MkDocs hook for the benchmark: save every page's Markdown as the macros left it.

Enabled only in the capture build (``hooks:`` in a copy of the configuration), it writes
each page, front matter included, under ``$PLAYBOOK_CAPTURE/docs/``, and the settings the
macros made (the pages kept out of the navigation) to ``$PLAYBOOK_CAPTURE/settings.json``:
together, the same site as hand-written Markdown. Tooltips are in the Markdown itself.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

TARGET = Path(os.environ.get("PLAYBOOK_CAPTURE", "capture"))
_NOT_IN_NAV: list[str] = []


@event_priority(-100)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:  # noqa: ARG001
    """Save the page's Markdown after every other plugin (lowest priority) changed it."""
    meta = page.meta  # kept whole: templates read it (render_macros is inert without macros)
    head = f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n\n" if meta else ""
    path = TARGET / "docs" / page.file.src_uri
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(head + markdown, encoding="utf-8")
    if not page.file.inclusion.is_in_nav():
        _NOT_IN_NAV.append(page.file.src_uri)
    return markdown


def on_post_build(config: MkDocsConfig) -> None:  # noqa: ARG001 (the hook's signature)
    """Save which pages the macros kept out of the navigation."""
    settings = {"not_in_nav": sorted(_NOT_IN_NAV)}
    (TARGET / "settings.json").write_text(json.dumps(settings, indent=1, sort_keys=True))
