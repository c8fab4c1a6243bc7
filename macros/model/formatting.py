"""Formatting shared by the renderers, the diff and the reports.

Units and targets in words, counts of things, capitals, and Markdown code spans and fences
that hold any backticks.
"""

from __future__ import annotations

import re

from .entries import Escalation, Kpi, KpiTarget, SlaTarget

UNIT_WORDS: dict[str, tuple[str, str]] = {
    "count": ("", ""),
    "percent": ("%", "%"),
    "ratio": ("×", "×"),
    "usd": ("USD", "USD"),
    "eur": ("EUR", "EUR"),
    "gbp": ("GBP", "GBP"),
    "attempts": ("attempt", "attempts"),
    "minutes": ("minute", "minutes"),
    "hours": ("hour", "hours"),
    "business_hours": ("business hour", "business hours"),
    "days": ("day", "days"),
    "business_days": ("business day", "business days"),
    "months": ("month", "months"),
}
_CURRENCIES = ("usd", "eur", "gbp")
_BACKTICKS = re.compile(r"`+")


def count(n: int, noun: str) -> str:
    """Return a number of things, e.g. ``1 error`` or ``2 errors`` (a plural adds an s)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def capitalized(text: str) -> str:
    """Return text with its first letter a capital, the rest as it is: ``KPIs``, ``Teams``."""
    return text[:1].upper() + text[1:]


def fence(text: str, shortest: int = 1) -> str:
    """Return a run of backticks longer than any in text, and at least ``shortest`` long."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    return "`" * max(shortest, longest + 1)


def code_span(text: str) -> str:
    """Return text as one Markdown code span, whatever backticks it holds."""
    marks = fence(text)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{marks}{pad}{text}{pad}{marks}"


def number(value: float) -> str:
    """Format a number without a needless ``.0`` and with thousands separators."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def quantity(value: float, unit: str) -> str:
    """Format a value in a unit, e.g. ``4 business hours``, ``25%``, ``USD 40,000``."""
    singular, plural = UNIT_WORDS.get(unit, (unit, unit))
    if unit in _CURRENCIES:
        return f"{singular} {number(value)}"
    if unit in ("percent", "ratio"):
        return f"{number(value)}{singular}"
    word = singular if value == 1 else plural
    return f"{number(value)} {word}".rstrip()


def kpi_target(kpi: Kpi) -> str:
    """Format a KPI's target with its direction, e.g. ``≥ 25% per quarter``."""
    return target_text(kpi.target, kpi.unit, kpi.direction)


def target_text(target: KpiTarget, unit: str, direction: str) -> str:
    """Format a KPI target given the KPI's unit and direction."""
    sign = "≥" if direction == "up" else "≤"
    period = f" per {target.period}" if target.period else ""
    return f"{sign} {quantity(target.value, unit)}{period}"


def sla_target(target: SlaTarget) -> str:
    """Format an SLA target, e.g. ``at most 4 business hours`` or ``at least 400 per month``."""
    words = "at most" if target.comparison == "at_most" else "at least"
    per = f" per {target.per}" if target.per else ""
    return f"{words} {quantity(target.value, target.unit)}{per}"


def escalation_step(step: Escalation) -> str:
    """Format an escalation step's timing, e.g. ``after 2 business hours`` or ``at once``."""
    if step.after == 0:
        return "at once"
    return f"after {quantity(step.after, step.unit)}"
