"""A JSON Schema for each data file, generated from the data contract.

Editors (VS Code's YAML extension and others speaking the YAML language server) read the
schema named on a data file's first line and flag an unknown field, a wrong type, a value
outside a set or a missing field while the file is typed. The schema says only what the
contract declares field by field; rules between entries (references that resolve, RACI
letters, cycles) stay with ``playbook check``.

The committed schemas hold no ids of entries, so that adding an entry never makes them
stale; :func:`file_schema` offers ids as enums only when it is given them (the copy
published with the site).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ..model.entries import ID_PATTERN
from ..model.kinds import Kind
from .fields import (
    Choice,
    Date,
    FileSpec,
    ListOf,
    Number,
    RecordSpec,
    Ref,
    Slug,
    Text,
    ValueType,
)
from .schema import FILES, VERSION

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "schema"
"""Where the committed schemas are, relative to the project root; the site has the same."""

Schema = dict[str, Any]
Ids = Mapping[Kind, Sequence[str]]


def schema_name(spec: FileSpec) -> str:
    """Return the schema's file name for a data file, e.g. ``kpis.schema.json``."""
    return spec.name.removesuffix(".yml") + ".schema.json"


def modeline(spec: FileSpec, base: str = f"../{SCHEMA_DIR}/") -> str:
    """Return the first line of a data file: the YAML language server's schema comment."""
    return f"# yaml-language-server: $schema={base}{schema_name(spec)}"


def _text(type_: Text) -> Schema:
    out: Schema = {"type": "string", "minLength": 1}
    if type_.shape is not None:
        out["pattern"] = f"^(?:{type_.shape.pattern.pattern})$"
        out["maxLength"] = type_.shape.max_length
    elif type_.single_line:
        out["pattern"] = "^[^\\n]*$"
    return out


def _ref(type_: Ref, ids: Ids | None) -> Schema:
    out: Schema = {"type": "string", "pattern": ID_PATTERN}
    if ids is not None:
        out["enum"] = sorted({i for kind in type_.targets for i in ids.get(kind, ())})
    return out


def _number(type_: Number) -> Schema:
    out: Schema = {"type": "integer" if type_.integer else "number"}
    if type_.minimum is not None:
        out["minimum"] = type_.minimum
    if type_.maximum is not None:
        out["maximum"] = type_.maximum
    return out


def _list(type_: ListOf, ids: Ids | None) -> Schema:
    out: Schema = {"type": "array", "items": value_schema(type_.item, ids)}
    if type_.min_items:
        out["minItems"] = type_.min_items
    if isinstance(type_.item, Slug | Ref):
        out["uniqueItems"] = True
    return out


def value_schema(type_: ValueType, ids: Ids | None = None) -> Schema:
    """Return the schema of one value of a declared type."""
    out: Schema
    match type_:
        case Text():
            out = _text(type_)
        case Slug():
            out = {"type": "string", "pattern": ID_PATTERN}
        case Ref():
            out = _ref(type_, ids)
        case Number():
            out = _number(type_)
        case Choice():
            out = {"enum": list(type_.values)}
        case Date():
            out = {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$", "format": "date"}
        case ListOf():
            out = _list(type_, ids)
        case _:
            out = record_schema(type_.spec, ids)
    return out


def record_schema(spec: RecordSpec, ids: Ids | None = None) -> Schema:
    """Return the schema of a mapping: its fields, the required ones, nothing else."""
    properties = {
        field.name: {"description": field.doc, **value_schema(field.type, ids)}
        for field in spec.fields
    }
    out: Schema = {
        "type": "object",
        "properties": properties,
        "required": [field.name for field in spec.fields if field.required],
        "additionalProperties": False,
    }
    if spec.one_of:
        out["allOf"] = [
            {"oneOf": [{"required": [name]} for name in group]} for group in spec.one_of
        ]
    return out


def file_schema(spec: FileSpec, ids: Ids | None = None) -> Schema:
    """Return the JSON Schema of one data file, with ids as enums when ``ids`` is given."""
    properties: Schema = {
        "version": {
            "description": "The version of the data format the playbook reads.",
            "const": VERSION,
        }
    }
    for section in spec.sections:
        properties[section.key] = {
            "description": section.doc,
            "type": "array",
            "items": record_schema(section.record, ids),
        }
    return {
        "$schema": DIALECT,
        "title": spec.name,
        "description": spec.doc,
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def rendered(spec: FileSpec, ids: Ids | None = None) -> str:
    """Return a data file's schema as the text written to disk: stable, indented JSON."""
    return json.dumps(file_schema(spec, ids), indent=2, ensure_ascii=False) + "\n"


def schema_files(ids: Ids | None = None) -> dict[str, str]:
    """Return every data file's schema text by its file name, in the contract's order."""
    return {schema_name(spec): rendered(spec, ids) for spec in FILES}
