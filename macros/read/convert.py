"""Turn located YAML nodes into typed values, one declared field type at a time.

Every mistake becomes a :class:`~macros.model.problems.Problem` at the node it is about; conversion
goes on, so that one run reports every problem in a file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..contract.fields import (
    Choice,
    Date,
    ListOf,
    Number,
    Record,
    RecordSpec,
    Ref,
    Slug,
    Text,
    ValueType,
)
from ..model.characters import Characters, char_name, mixed_script_words, refused
from ..model.codes import Code
from ..model.entries import ID_PATTERN, Reference
from ..model.hints import closest, did_you_mean, listing, slugify
from ..model.kinds import Kind
from ..model.problems import Location, Problem
from .numbers import NotANumber, parse_number
from .yaml_nodes import Map, Node, Scalar, Seq

INVALID: Any = object()
"""Returned for a value that could not be converted (a problem was recorded)."""

_ID = re.compile(ID_PATTERN)
_MAX_ID = 64
MAX_LINE = 1_000
"""Characters in a one-line text (the default playbook's longest has about 150)."""
MAX_PROSE = 10_000
"""Characters in a text of paragraphs (the default playbook's longest has about 400)."""
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def describe(node: Node) -> str:
    """Name what a node is, for messages: a mapping, a list or the text itself."""
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    text = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    return f"'{text}'"


@dataclass
class Context:
    """Where conversion is: the entry being read, and what has been found so far."""

    problems: list[Problem] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    kind: Kind = Kind.TEAM
    entry_id: str = ""
    label: str = ""

    def error(self, where: Location, message: str, hint: str, code: Code) -> None:
        """Record an error about the current entry."""
        self.problems.append(Problem(where, "error", f"{self.label} {message}", hint, code))


def convert(node: Node, type_: ValueType, ctx: Context, path: str) -> Any:
    """Convert ``node`` to a value of ``type_``, or record why not and return INVALID.

    Args:
        node: The YAML node.
        type_: The declared type.
        ctx: The conversion context.
        path: The field path for messages, e.g. ``target.unit``.

    Returns:
        The value, or INVALID.
    """
    if isinstance(type_, ListOf):
        return _list(node, type_, ctx, path)
    if isinstance(type_, Record):
        return convert_record(node, type_.spec, ctx, path)
    if not isinstance(node, Scalar):
        hint = "give exactly one id" if isinstance(type_, Ref) and isinstance(node, Seq) else ""
        ctx.error(
            node.where,
            f"field '{path}' must be {type_.describe()}, not {describe(node)}",
            hint,
            Code.WRONG_TYPE,
        )
        return INVALID
    if isinstance(type_, Number):
        return _number(node, type_, ctx, path)
    text = _text(node, ctx, path)
    if text is INVALID or not _characters(node, text, type_.characters, ctx, path):
        return INVALID
    return _SCALARS[type(type_)](node, text, type_, ctx, path)


_REFUSED_HINT = {
    Code.BIDI_CONTROL: "remove it: it reorders how the text around it is shown",
    Code.INVISIBLE_CHARACTER: "remove it: it shows as nothing, so the text reads as another",
}


def _characters(node: Scalar, text: str, rules: Characters, ctx: Context, path: str) -> bool:
    """Report the characters ``rules`` refuse, and words mixing scripts; False if refused."""
    found = refused(text, rules)
    for item in found:
        what = "a bidirectional control" if item.code == Code.BIDI_CONTROL else "invisible"
        message = f"field '{path}' holds {char_name(item.char)} ({what}) at character "
        ctx.error(node.where, f"{message}{item.position}", _REFUSED_HINT[item.code], item.code)
    if found or not rules.one_script_words:
        return not found
    for word, odd in mixed_script_words(text):
        letters = ", ".join(char_name(char) for char in odd[:3])
        message = f"{ctx.label} field '{path}' mixes scripts in the word '{word}' ({letters})"
        hint = "write each word in one script: a look-alike letter makes it another word"
        ctx.problems.append(Problem(node.where, "warning", message, hint, Code.MIXED_SCRIPT))
    return True


def _single_line(node: Scalar, text: str, type_: Text, ctx: Context, path: str) -> Any:
    if type_.single_line and "\n" in text:
        ctx.error(node.where, f"field '{path}' must be one line", "", Code.WRONG_TYPE)
        return INVALID
    limit = MAX_LINE if type_.single_line else MAX_PROSE
    if len(text) > limit:
        ctx.error(
            node.where,
            f"field '{path}' is {len(text):,} characters long, over the limit of {limit:,}",
            "a handbook entry says it briefly; link to a longer document in 'sources'",
            Code.TOO_LONG,
        )
        return INVALID
    fault = type_.shape.fault(text) if type_.shape is not None else ""
    if type_.shape is not None and fault:
        shape = type_.shape
        shown = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text[:40])
        message = f"field '{path}' has invalid {shape.name} '{shown}': {fault}"
        ctx.error(node.where, message, shape.rule, shape.code)
        return INVALID
    return text


def _choice(node: Scalar, text: str, type_: Choice, ctx: Context, path: str) -> Any:
    if text in type_.values:
        return text
    hint = did_you_mean(text, type_.values, "values")
    if not hint.startswith("the valid"):
        hint += f" (one of {listing(type_.values)})"
    ctx.error(node.where, f"field '{path}' has invalid value '{text}'", hint, Code.CHOICE)
    return INVALID


def _text(node: Scalar, ctx: Context, path: str) -> Any:
    if node.tag is not None and not node.tag.endswith((":str", ":null")):
        short = node.tag.rsplit(":", 1)[-1]
        ctx.error(node.where, f"field '{path}' must be text, not a YAML !!{short}", "", Code.TAG)
        return INVALID
    text = node.value.strip()
    if not text or (node.plain and text in _NULLS):
        ctx.error(
            node.where, f"field '{path}' is empty", "write a value or remove the key", Code.EMPTY
        )
        return INVALID
    return text


def _slug(node: Scalar, text: str, type_: Slug | Ref, ctx: Context, path: str) -> Any:
    if not _ID.match(text) or len(text) > _MAX_ID:
        suggestion = slugify(text)[:_MAX_ID].strip("-")
        hint = "ids are lowercase letters, digits and single hyphens"
        if suggestion and suggestion != text:
            hint += f", e.g. '{suggestion}'"
        ctx.error(node.where, f"field '{path}' has invalid id '{text}'", hint, Code.ID_FORMAT)
        return INVALID
    if isinstance(type_, Ref):
        ctx.references.append(
            Reference(ctx.kind, ctx.entry_id, path, text, type_.targets, node.where)
        )
    return text


def _number(node: Scalar, type_: Number, ctx: Context, path: str) -> Any:
    raw = node.value.strip()
    quoted = node.tag is None and not node.plain
    numeric_tag = node.tag is None or node.tag.endswith((":int", ":float"))
    value = parse_number(raw) if numeric_tag else NotANumber(Code.WRONG_TYPE)
    if isinstance(value, NotANumber) and value.says and not quoted:
        ctx.error(node.where, f"field '{path}' {value.says}", value.hint, value.code)
        return INVALID
    if isinstance(value, NotANumber) or quoted:
        why = value.hint if isinstance(value, NotANumber) else "remove the quotes"
        ctx.error(
            node.where,
            f"field '{path}' must be {type_.describe()}, not {describe(node)}",
            "" if quoted and isinstance(value, NotANumber) else why,
            Code.WRONG_TYPE,
        )
        return INVALID
    if type_.integer and value != int(value):
        ctx.error(
            node.where, f"field '{path}' must be a whole number, not {raw}", "", Code.WRONG_TYPE
        )
        return INVALID
    low, high = type_.minimum, type_.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            bounds = f"between {low:g} and {high:g}"
        else:
            bounds = f"at most {high:g}" if high is not None else f"at least {low:g}"
        ctx.error(node.where, f"field '{path}' must be {bounds}, not {raw}", "", Code.RANGE)
        return INVALID
    return int(value) if type_.integer else value


def _date(node: Scalar, text: str, type_: Date, ctx: Context, path: str) -> Any:
    if _DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass  # a month 13 or a February 30 is reported below
    ctx.error(
        node.where,
        f"field '{path}' must be {type_.describe()}, not '{text}'",
        "write it like 2026-01-31",
        Code.WRONG_TYPE,
    )
    return INVALID


_SCALARS: dict[type, Callable[[Scalar, str, Any, Context, str], Any]] = {
    Text: _single_line,
    Slug: _slug,
    Ref: _slug,
    Choice: _choice,
    Date: _date,
}


def _list(node: Node, type_: ListOf, ctx: Context, path: str) -> Any:
    if not isinstance(node, Seq):
        ctx.error(
            node.where,
            f"field '{path}' must be {type_.describe()}, not {describe(node)}",
            "write one item per line, each starting with '- '",
            Code.WRONG_TYPE,
        )
        return INVALID
    if isinstance(type_.item, Record):
        paths = [f"{path}[{number}]" for number in range(1, len(node.items) + 1)]
    else:
        paths = [path] * len(node.items)
    items = [convert(item, type_.item, ctx, at) for item, at in zip(node.items, paths, strict=True)]
    if any(item is INVALID for item in items):
        return INVALID
    if len(items) < type_.min_items:
        message = f"field '{path}' needs at least {type_.min_items} item(s)"
        ctx.error(node.where, message, "", Code.TOO_FEW_ITEMS)
        return INVALID
    if isinstance(type_.item, Slug | Ref):
        seen: set[str] = set()
        for index, item in enumerate(items):
            if item in seen:
                message = f"field '{path}' lists '{item}' twice"
                ctx.error(node.items[index].where, message, "", Code.DUPLICATE_ITEM)
                return INVALID
            seen.add(item)
    return tuple(items)


def key_text(key: Node, ctx: Context) -> str | None:
    """Return a mapping key's text, recording an error if it is not a plain word."""
    if isinstance(key, Scalar) and key.value:
        return key.value
    ctx.error(key.where, f"has a key that is {describe(key)}", "keys are plain words", Code.KEY)
    return None


def read_pairs(
    node: Map, allowed: tuple[str, ...], ctx: Context, noun: str
) -> tuple[dict[str, tuple[Node, Node]], set[str]]:
    """Return a mapping's pairs by key, reporting duplicate and unknown keys.

    Args:
        node: The mapping.
        allowed: The valid keys.
        ctx: The conversion context.
        noun: What the keys are, for hints, e.g. ``fields of a KPI``.

    Returns:
        The first pair for each known key, and the keys that unknown keys were likely
        meant to be (already reported, so not to be reported missing as well).
    """
    found: dict[str, tuple[Node, Node]] = {}
    meant: set[str] = set()
    for key, value in node.pairs:
        name = key_text(key, ctx)
        if name is None:
            continue
        if name in found:
            first, again = found[name][0].where, key.where
            places = (
                f"lines {first.line} and {again.line}"
                if first.line != again.line
                else f"line {first.line}, columns {first.col} and {again.col}"
            )
            ctx.error(
                key.where,
                f"has key '{name}' twice ({places})",
                "YAML would keep only the last one; merge them into one",
                Code.DUPLICATE_KEY,
            )
        elif name not in allowed:
            hint = did_you_mean(name, allowed, noun)
            ctx.error(key.where, f"has unknown field '{name}'", hint, Code.UNKNOWN_KEY)
            meant.update(closest(name, allowed, limit=1))
        else:
            found[name] = (key, value)
    return found, meant


def convert_record(node: Node, spec: RecordSpec, ctx: Context, path: str) -> Any:
    """Convert a mapping to a model object of ``spec``, or return INVALID."""
    if not isinstance(node, Map):
        ctx.error(
            node.where,
            f"field '{path}' must be a mapping with {', '.join(f.name for f in spec.fields)}"
            f", not {describe(node)}",
            "",
            Code.WRONG_TYPE,
        )
        return INVALID
    values = convert_fields(node, spec, ctx, f"{path}.")
    return INVALID if values is None else spec.build(**values)


def convert_fields(node: Map, spec: RecordSpec, ctx: Context, prefix: str) -> dict[str, Any] | None:
    """Convert every field of a mapping; return the values, or None if any is wrong."""
    names = tuple(f.name for f in spec.fields)
    pairs, meant = read_pairs(node, names, ctx, f"fields of {'a ' + spec.label}")
    values: dict[str, Any] = {}
    ok = True
    for spec_field in spec.fields:
        if spec_field.name not in pairs:
            if spec_field.required and spec_field.name not in meant:
                ctx.error(
                    node.where,
                    f"is missing required field '{prefix}{spec_field.name}'",
                    f"add it: {spec_field.doc}",
                    Code.MISSING_FIELD,
                )
            ok = ok and not spec_field.required
            continue
        value = convert(pairs[spec_field.name][1], spec_field.type, ctx, prefix + spec_field.name)
        ok = ok and value is not INVALID
        values[spec_field.name] = value
    for group in spec.one_of:
        given = [name for name in group if name in pairs]
        if len(given) != 1:
            options = " or ".join(f"'{prefix}{name}'" for name in group)
            ctx.error(node.where, f"must give exactly one of {options}", "", Code.ONE_OF)
            ok = False
    return values if ok else None
