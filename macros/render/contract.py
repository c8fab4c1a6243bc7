"""The data contract as tables, generated from the schema, for the docs and the README."""

from __future__ import annotations

from ..contract.fields import Record, RecordSpec, SectionSpec
from ..contract.schema import FILES, envelope
from ..model.kinds import Kind

ENVELOPE = tuple(field.name for field in envelope(Kind.TERM) if field.name != "id")


def _rows(spec: RecordSpec, prefix: str = "", skip: tuple[str, ...] = ()) -> list[str]:
    rows = []
    for field in spec.fields:
        if field.name in skip:
            continue
        required = "yes" if field.required else "no"
        doc = field.doc.replace("|", "\\|")
        rows.append(f"| `{prefix}{field.name}` | {field.type.describe()} | {required} | {doc} |")
        nested = field.type if isinstance(field.type, Record) else getattr(field.type, "item", None)
        if isinstance(nested, Record):
            rows.extend(_rows(nested.spec, f"{prefix}{field.name}."))
    return rows


def section_table(section: SectionSpec) -> str:
    """Render one section's fields as a table."""
    return "\n".join(_HEADER + _rows(section.record, skip=ENVELOPE))


_HEADER = ["| Field | Type | Required | Meaning |", "|---|---|---|---|"]


def envelope_table() -> str:
    """Render the fields every entry of every kind has."""
    rows = _rows(RecordSpec("entry", envelope(Kind.TERM), dict))
    rows = [row.replace("a term id", "an id of the same kind") for row in rows]
    return "\n".join(_HEADER + rows)


def data_contract(level: int = 2) -> str:
    """Render every data file, section and field of the contract."""
    intro = "Every entry of every kind has these fields, besides those of its kind."
    out = [f"{'#' * level} Every entry\n\n{intro}", envelope_table()]
    for spec in FILES:
        out.append(f"{'#' * level} `{spec.name}`\n\n{spec.doc}")
        for section in spec.sections:
            out.append(f"{'#' * (level + 1)} `{section.key}`\n\n{section.doc}")
            out.append(section_table(section))
    return "\n\n".join(out) + "\n"
