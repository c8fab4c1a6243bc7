"""Every entry of every kind as records for other tools: ``definitions.json`` and a CSV.

CRMs, BI tools and spreadsheets read the definitions from here rather than from the pages.
The order is stable: kind by kind in the order of :class:`~macros.model.kinds.Kind`, entries
in file order. In the CSV no cell starts a formula: a cell starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return gets a leading apostrophe, as spreadsheets expect.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

import markdown

from ..model.entries import Entry, display_name
from ..model.index import Index
from ..model.kinds import Kind
from .text import block, plain

FORMATS = ("json", "csv")
SCHEMA_NAME = "definitions.schema.json"
CSV_COLUMNS = (
    "id",
    "kind",
    "name",
    "owner",
    "status",
    "path",
    "url",
    "definition",
    "references",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _folder(page: str) -> str:
    stem = page.removesuffix(".md")
    return stem.removesuffix("index") if stem.endswith("index") else f"{stem}/"


def _references(index: Index, kind: Kind, entry: Entry) -> list[dict[str, str]]:
    out = []
    for ref in index.playbook.references:
        if ref.source_kind is not kind or ref.source_id != entry.id:
            continue
        landed = index.resolve(ref)
        if landed is not None:
            out.append({"field": ref.field, "kind": landed[0].info.label, "id": landed[1]})
    return out


def record(
    index: Index, kind: Kind, entry: Entry, pages: Mapping[Kind, str], site_url: str
) -> dict[str, Any]:
    """Return one entry as a definitions record."""
    gist = str(getattr(entry, kind.info.gist) or "") if kind.info.gist else ""
    path = f"{_folder(pages[kind])}#{entry.id}"
    return {
        "id": entry.id,
        "kind": kind.info.label,
        "name": plain(display_name(entry)),
        "owner": list(kind.info.owners_of(entry)),
        "status": entry.status,
        "path": path,
        "url": f"{site_url.rstrip('/')}/{path}" if site_url else None,
        "definition": plain(gist),
        "definition_html": markdown.markdown(block(gist)) if gist else "",
        "references": _references(index, kind, entry),
    }


def definitions(
    index: Index, pages: Mapping[Kind, str], site_url: str = ""
) -> list[dict[str, Any]]:
    """Return every entry of every kind as a record, in the stable order."""
    return [
        record(index, kind, entry, pages, site_url)
        for kind in Kind
        for entry in index.playbook.entries(kind)
    ]


def as_json(records: list[dict[str, Any]]) -> str:
    """Return the records as the text of ``definitions.json``."""
    document = {"$schema": f"schema/{SCHEMA_NAME}", "definitions": records}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def neutralised(cell: str) -> str:
    """Return a CSV cell that no spreadsheet reads as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def as_csv(records: list[dict[str, Any]]) -> str:
    """Return the records as CSV, one row per entry, lists joined by ``; ``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for rec in records:
        cells = {
            **rec,
            "owner": "; ".join(rec["owner"]),
            "url": rec["url"] or "",
            "references": "; ".join(f"{r['field']}={r['id']}" for r in rec["references"]),
        }
        writer.writerow([neutralised(str(cells[column])) for column in CSV_COLUMNS])
    return out.getvalue()


_TEXT = {"type": "string"}
_IDS = {"type": "array", "items": {"type": "string"}}
_REFERENCE = {
    "type": "object",
    "properties": {"field": _TEXT, "kind": _TEXT, "id": _TEXT},
    "required": ["field", "kind", "id"],
    "additionalProperties": False,
}
_RECORD = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        "kind": {"enum": [kind.info.label for kind in Kind]},
        "name": _TEXT,
        "owner": _IDS,
        "status": {"enum": ["draft", "approved", "deprecated"]},
        "path": _TEXT,
        "url": {"type": ["string", "null"]},
        "definition": _TEXT,
        "definition_html": _TEXT,
        "references": {"type": "array", "items": _REFERENCE},
    },
    "additionalProperties": False,
}
_RECORD["required"] = list(_RECORD["properties"])  # type: ignore[call-overload]


def definitions_schema() -> str:
    """Return the JSON Schema of ``definitions.json`` as the text written to disk."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "definitions.json",
        "description": "Every entry of every kind of the playbook, for other tools.",
        "type": "object",
        "properties": {"$schema": _TEXT, "definitions": {"type": "array", "items": _RECORD}},
        "required": ["definitions"],
        "additionalProperties": False,
    }
    return json.dumps(schema, indent=2) + "\n"
