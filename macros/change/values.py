"""How a field's value reads in a diff: its style, and its text in the handbook's words."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ..contract.fields import ListOf, Record, Text
from ..contract.schema import SECTIONS
from ..model.entries import Entry, Escalation, Kpi, Qualification, SlaTarget
from ..model.formatting import escalation_step, kpi_target, number, sla_target
from ..model.kinds import Kind

Style = Literal["value", "list", "prose", "lines"]
"""How a field's values read: one value, a short list, prose, or a list of sentences."""


def style_of(kind: Kind, name: str) -> Style:
    """Return how a field of a kind reads, from its declared type."""
    spec = SECTIONS[kind].record.field(name)
    type_ = spec.type if spec is not None else Text()
    if isinstance(type_, Text) and not type_.single_line:
        return "prose"
    if isinstance(type_, ListOf):
        item = type_.item
        if isinstance(item, Record) or (isinstance(item, Text) and item.markdown):
            return "lines"
        return "list"
    return "value"


def _qualification(value: Qualification) -> str:
    return f"{value.framework} ({', '.join(value.criteria)}), passes with {value.pass_rule}"


def _escalation(step: Escalation) -> str:
    return f"{escalation_step(step)}, to {step.to}: {step.action}"


def _text(value: object) -> str:
    if isinstance(value, int | float):
        return number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Qualification):
        return _qualification(value)
    if isinstance(value, Escalation):
        return _escalation(value)
    if isinstance(value, SlaTarget):
        return sla_target(value)
    return str(value)


def shown_value(entry: Entry, name: str) -> tuple[str, ...]:
    """Return a field's value as readers see it: no item when unset, else its items."""
    value = getattr(entry, name)
    if name == "target" and isinstance(entry, Kpi):
        return (kpi_target(entry),)
    if value is None or value == "":
        return ()
    if isinstance(value, tuple):
        return tuple(_text(item) for item in value)
    return (_text(value),)
