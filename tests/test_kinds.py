"""The table of kinds agrees with the records, the contract and the typed lookups.

Each kind is declared once, in :mod:`macros.model.kinds`; what cannot be read from its row
(the record class is the item type of its field of the playbook, the typed lookup is an
overload of ``Index.get``) is checked against it here.
"""

from __future__ import annotations

import dataclasses
import typing

import pytest

from macros.contract.fields import ListOf, Ref
from macros.contract.schema import FILES, SECTIONS
from macros.model import index as index_module
from macros.model.entries import RECORDS, Meeting, Playbook, Sla, SlaTarget, display_name
from macros.model.index import Index
from macros.model.kinds import Kind, named

KINDS = list(Kind)


def test_each_section_is_a_field_of_the_playbook_in_the_order_of_the_kinds() -> None:
    """Every field of the playbook but the last two (references and actuals) is a section."""
    sections = [field.name for field in dataclasses.fields(Playbook)][:-2]
    assert sections == [kind.info.section for kind in KINDS]


def test_the_contract_reads_each_kind_into_its_record_class() -> None:
    assert [s.kind for f in FILES for s in f.sections] == KINDS
    for kind, section in SECTIONS.items():
        assert section.key == kind.info.section
        assert section.record.build is RECORDS[kind]
        assert section.record.label == kind.label


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_the_fields_a_row_names_are_fields_of_the_record(kind: Kind) -> None:
    names = {field.name for field in dataclasses.fields(RECORDS[kind])}
    info = kind.info
    gist = (info.gist,) if info.gist else ()
    assert {info.name, *gist, *info.owners, *info.parties} <= names


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_owners_and_parties_name_teams_or_roles(kind: Kind) -> None:
    record = SECTIONS[kind].record
    for name in {*kind.info.owners, *kind.info.parties} - {"id"}:
        spec = record.field(name)
        assert spec is not None
        type_ = spec.type.item if isinstance(spec.type, ListOf) else spec.type
        assert isinstance(type_, Ref)
        assert set(type_.targets) <= {Kind.TEAM, Kind.ROLE}, name
    assert set(kind.info.owners) <= set(kind.info.parties)


def test_labels_macros_and_sections_are_each_unique() -> None:
    for fact in ("label", "plural", "section", "macro"):
        values = [getattr(kind.info, fact) for kind in KINDS]
        assert len(set(values)) == len(values), fact


def test_each_kind_has_an_overload_of_get_returning_its_record() -> None:
    hints = [
        typing.get_type_hints(overload, vars(index_module))
        for overload in typing.get_overloads(Index.get)
    ]
    typed = {
        typing.get_args(h["kind"])[0]: typing.get_args(h["return"])[0]
        for h in hints
        if typing.get_origin(h["kind"]) is typing.Literal
    }
    assert typed == dict(RECORDS)
    assert hints[-1]["kind"] is Kind


def test_display_names_owners_and_parties_are_read_from_the_row() -> None:
    meeting = Meeting(
        id="sync",
        name="Weekly sync",
        frequency="weekly",
        duration_minutes=30,
        owner="ae",
        attendees=("ae", "sdr"),
        purpose="P.",
        outputs=("O",),
    )
    sla = Sla(
        id="follow-up",
        title="Follow-up",
        provider="sales",
        consumer="marketing",
        commitment="C.",
        target=SlaTarget(comparison="at_most", value=4, unit="hours"),
        measured_by="speed",
        reviewed_in="sync",
    )
    assert [display_name(meeting), display_name(sla)] == ["Weekly sync", "Follow-up"]
    assert Kind.MEETING.info.parties_of(meeting) == ("ae", "ae", "sdr")
    assert Kind.MEETING.info.owners_of(meeting) == ("ae",)
    assert Kind.SLA.info.owners_of(sla) == ("sales", "marketing")
    assert named(meeting, ("when", "inputs")) == ()
