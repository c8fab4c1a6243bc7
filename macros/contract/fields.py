"""The building blocks of the data contract: value types, fields, records, sections, files.

:mod:`macros.contract.schema` declares the playbook's files with them;
:mod:`macros.read.convert` reads YAML against them; the docs' field tables are generated
from them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from ..model.characters import LABEL, PROSE, Characters
from ..model.codes import Code
from ..model.kinds import Kind


@dataclass(frozen=True, slots=True)
class Shape:
    """What a one-word text must look like beyond being text, e.g. an abbreviation.

    Attributes:
        name: What the text is, for messages, e.g. ``abbreviation``.
        pattern: The whole text must match it.
        max_length: The most characters it may have.
        reserved: Words the text may not hold in any case (e.g. Markdown's placeholders).
        rule: The rule in words, for the hint.
        code: The problem code when the text breaks the rule.
    """

    name: str
    pattern: re.Pattern[str]
    max_length: int
    reserved: tuple[str, ...]
    rule: str
    code: Code

    def fault(self, text: str) -> str:
        """Return what is wrong with text, or "" when it has the shape."""
        lowered = text.casefold()
        reserved = next((word for word in self.reserved if word in lowered), None)
        if reserved is not None and not reserved.isprintable():
            reserved = f"U+{ord(reserved[0]):04X}"
        odd = next((char for char in text if not char.isprintable()), " ")
        faults = (
            (reserved is not None, f"it holds '{reserved}', which the Markdown processor reserves"),
            (any(char.isspace() for char in text), "it must be one word, without spaces"),
            (not odd.isspace(), f"it holds the control character U+{ord(odd):04X}"),
            (
                not any(char.isupper() or char.isdigit() for char in text),
                "it has no capital letter or digit, so it would mark ordinary words",
            ),
            (
                not self.pattern.fullmatch(text),
                "it holds characters other than letters and digits joined by & + / . -",
            ),
            (len(text) > self.max_length, f"it is longer than {self.max_length} characters"),
        )
        return next((message for failed, message in faults if failed), "")


@dataclass(frozen=True, slots=True)
class Text:
    """Non-empty text; Markdown emphasis and links allowed where ``markdown`` is true.

    Plain text is a label (a name, term, title, tag): it refuses invisible characters and
    bidirectional controls, and warns about a word mixing scripts. Markdown text is prose:
    it refuses the controls that reorder text only (see :mod:`macros.model.characters`).

    A ``shape`` restricts a one-word text further (see :class:`Shape`).
    """

    single_line: bool = True
    markdown: bool = False
    shape: Shape | None = None

    @property
    def characters(self) -> Characters:
        """The character rules of this text: prose for Markdown, a label otherwise."""
        return PROSE if self.markdown else LABEL

    def describe(self) -> str:
        """Name the type for docs and messages."""
        return "text (Markdown)" if self.markdown else "text"


@dataclass(frozen=True, slots=True)
class Slug:
    """A lowercase id: letters, digits and single hyphens."""

    characters: ClassVar[Characters] = LABEL

    def describe(self) -> str:
        """Name the type for docs and messages."""
        return "an id"


@dataclass(frozen=True, slots=True)
class Ref:
    """The id of an entry of one of ``targets``."""

    characters: ClassVar[Characters] = LABEL

    targets: tuple[Kind, ...]

    def describe(self) -> str:
        """Name the type for docs and messages."""
        return "a " + " or ".join(kind.label for kind in self.targets) + " id"


@dataclass(frozen=True, slots=True)
class Number:
    """A number, optionally bounded."""

    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False

    def describe(self) -> str:
        """Name the type for docs and messages."""
        return "a whole number" if self.integer else "a number"


@dataclass(frozen=True, slots=True)
class Choice:
    """One of a fixed set of words."""

    characters: ClassVar[Characters] = LABEL

    values: tuple[str, ...]

    def describe(self) -> str:
        """Name the type for docs and messages."""
        return "one of " + ", ".join(self.values)


@dataclass(frozen=True, slots=True)
class Date:
    """A calendar day written ``YYYY-MM-DD``."""

    characters: ClassVar[Characters] = LABEL

    def describe(self) -> str:
        """Name the type for docs and messages."""
        return "a date (YYYY-MM-DD)"


@dataclass(frozen=True, slots=True)
class ListOf:
    """A list of values of one type."""

    item: ValueType
    min_items: int = 0

    def describe(self) -> str:
        """Name the type for docs and messages."""
        item = self.item
        if isinstance(item, Ref):
            return "a list of " + " or ".join(kind.label for kind in item.targets) + " ids"
        if isinstance(item, Record):
            return "a list of " + item.describe().removeprefix("a ").replace("mapping", "mappings")
        return {Slug: "a list of ids", Text: "a list of text items"}.get(type(item), "a list")


@dataclass(frozen=True, slots=True)
class Record:
    """A mapping with its own fields, built into a model object."""

    spec: RecordSpec

    def describe(self) -> str:
        """Name the type for docs and messages."""
        return "a mapping (" + ", ".join(f.name for f in self.spec.fields) + ")"


ValueType = Text | Slug | Ref | Number | Choice | Date | ListOf | Record


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a record: its name, type, whether it is required, what it means."""

    name: str
    type: ValueType
    required: bool
    doc: str


@dataclass(frozen=True, slots=True)
class RecordSpec:
    """The fields of a record, and how to build the model object from their values.

    ``one_of`` lists groups of fields of which exactly one must be given.
    """

    label: str
    fields: tuple[FieldSpec, ...]
    build: Callable[..., Any]
    one_of: tuple[tuple[str, ...], ...] = ()

    def field(self, name: str) -> FieldSpec | None:
        """Return the field called ``name``, if any."""
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True, slots=True)
class SectionSpec:
    """A top-level list of entries in a file, e.g. ``kpis`` in ``kpis.yml``."""

    kind: Kind
    record: RecordSpec
    doc: str

    @property
    def key(self) -> str:
        """The section's key in its file, e.g. ``kpis``: the kind's section."""
        return self.kind.info.section


@dataclass(frozen=True, slots=True)
class FileSpec:
    """One data file and the sections it holds."""

    name: str
    sections: tuple[SectionSpec, ...]
    doc: str
