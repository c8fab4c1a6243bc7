"""Prose pages for synthetic handbooks: hand-written-looking notes full of inline macros.

Each page reads like a team's working note and links entries with ``{{ term('…') }}``,
``{{ kpi('…') }}`` and the other inline macros, about fifteen times per page.
"""

from __future__ import annotations

import random
import re
from typing import Any

import words as w

PAGES_PER_SECTION = 10
INLINE = {
    "term": ("glossary.yml", "terms"),
    "kpi": ("kpis.yml", "kpis"),
    "sla": ("slas.yml", "slas"),
    "role": ("roles.yml", "roles"),
    "team": ("roles.yml", "teams"),
    "stage": ("funnel.yml", "stages"),
    "meeting": ("cadence.yml", "meetings"),
    "activity": ("roles.yml", "raci"),
}
WEIGHTS = {"term": 6, "kpi": 3, "sla": 2, "role": 2, "team": 1, "stage": 1, "meeting": 1}


def ids_by_macro(files: dict[str, Any]) -> dict[str, list[str]]:
    """Return the approved ids each inline macro can link, e.g. ``term`` to term ids."""
    found = {}
    for macro, (name, section) in INLINE.items():
        entries = files[name][section]
        found[macro] = [e["id"] for e in entries if e.get("status", "approved") == "approved"]
    return found


def _paragraph(rng: random.Random, ids: dict[str, list[str]], calls: int) -> str:
    macros = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()), k=calls)
    out = []
    for macro in macros:
        out.append(w.sentence(rng, rng.randint(8, 16)))
        out.append(f"See {{{{ {macro}('{rng.choice(ids[macro])}') }}}}.")
    out.append(w.sentence(rng, 12))
    return " ".join(out)


def prose_pages(files: dict[str, Any], count: int, seed: int) -> dict[str, str]:
    """Return ``count`` prose pages, path under ``docs/`` to Markdown, in nav order."""
    rng = random.Random(f"{seed}-pages")
    ids = ids_by_macro(files)
    names: set[str] = set()
    pages = {}
    for number in range(1, count + 1):
        section = (number - 1) // PAGES_PER_SECTION + 1
        title = w.unique_name(rng, names)
        parts = [
            "---\nrender_macros: true\n---\n",
            f"# Field note {number}: {title}\n",
            _paragraph(rng, ids, 3) + "\n",
        ]
        for _ in range(3):
            parts.append(f"## {w.unique_name(rng, names)}\n")
            parts.append(_paragraph(rng, ids, 3) + "\n")
            parts.append("\n".join(f"- {item}" for item in w.items(rng, 2, 4)) + "\n")
        pages[f"notes/part-{section:02d}/note-{number:03d}.md"] = "\n".join(parts)
    return pages


def nav_lines(pages: list[str]) -> str:
    """Return the ``nav:`` lines for the prose pages, grouped in sections of ten."""
    lines = ["  - Field notes:"]
    for start in range(0, len(pages), PAGES_PER_SECTION):
        lines.append(f"      - Part {start // PAGES_PER_SECTION + 1}:")
        lines.extend(f"          - {page}" for page in pages[start : start + PAGES_PER_SECTION])
    return "\n".join(lines) + "\n"


def remap_ids(text: str, ids: dict[str, list[str]], chosen: dict[tuple[str, str], str]) -> str:
    """Point inline macros at entries of a synthetic playbook, keeping the page as it is.

    The handbook's pages link entries of the default playbook (``{{ term('mql') }}``); each
    such id is replaced by an id of the same kind, the same one wherever it appears.
    """

    def swap(match: re.Match[str]) -> str:
        macro, old = match.group(2), match.group(3)
        if old not in ids[macro]:
            new = chosen.setdefault((macro, old), ids[macro][len(chosen) % len(ids[macro])])
            return f"{match.group(1)}{new}{match.group(4)}"
        return match.group(0)

    pattern = r"(\b(" + "|".join(INLINE) + r")\(')([a-z0-9-]+)('\))"
    return re.sub(pattern, swap, text)
