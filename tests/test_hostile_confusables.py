"""Look-alike names: one collision key, and character rules every text field gets by its type.

The golden cases are fixtures/hostile/{confusable-term,nfd-name,zero-width-name,
bidi-control,mixed-script}; these tests pin the building blocks and check that no text
field of any kind escapes the rules.
"""

from __future__ import annotations

import copy
import json
import unicodedata

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.check.checker import check_loaded
from macros.check.report import as_github, as_json
from macros.contract.fields import ListOf, Text
from macros.contract.schema import FILE_OF, FILES, SECTIONS
from macros.model.characters import (
    LABEL,
    LOOK_ALIKES,
    PROSE,
    Refused,
    collision_key,
    is_invisible,
    mixed_script_words,
    refused,
)
from macros.model.codes import Code
from macros.model.kinds import Kind
from macros.model.printable import printable
from macros.model.problems import Location, Problem
from macros.read.load import load_texts

from .conftest import ROOT

CYRILLIC_EM = "\u041c"
DATA = ROOT / "playbook_data"
TEXTS = {spec.name: (DATA / spec.name).read_text("utf-8") for spec in FILES}


@pytest.mark.parametrize(
    ("name", "same_as"),
    [
        pytest.param(CYRILLIC_EM + "QL", "MQL", id="cyrillic-em"),
        pytest.param("Le\u200bad", "Lead", id="zero-width-space"),
        pytest.param("De\u0301al", "D\u00e9al", id="nfd-nfc"),
        pytest.param("\uff2d\uff31\uff2c", "MQL", id="fullwidth"),
        pytest.param("\U0001d40c\U0001d410\U0001d40b", "MQL", id="mathematical-bold"),
        pytest.param("Mark\u00adeting", "Marketing", id="soft-hyphen"),
        pytest.param("M\u2060Q\ufeffL\u200c\u200d", "MQL", id="joiners-and-bom"),
        pytest.param("Lead\ufe0f", "Lead", id="variation-selector"),
        pytest.param("\u0392\u0391NT", "BANT", id="greek-capitals"),
        pytest.param("\u0440\u0456p\u0435line", "pipeline", id="cyrillic-small"),
        pytest.param("Marketing   Qualified\tLead ", "marketing qualified lead", id="spaces"),
        pytest.param("\ufb01nance", "finance", id="ligature"),
    ],
)
def test_look_alike_names_share_a_key(name: str, same_as: str) -> None:
    assert name != same_as
    assert collision_key(name) == collision_key(same_as)


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("Deal", "D\u00e9al"),
        ("MQL", "MQ1"),
        ("Lead", "Load"),
        ("\u0421\u0434\u0435\u043b\u043a\u0430", "Cdelka"),
    ],
)
def test_different_words_keep_different_keys(name: str, other: str) -> None:
    assert collision_key(name) != collision_key(other)


INVISIBLE = st.sampled_from(
    [c for c in map(chr, [*range(0x30000), *range(0xE0000, 0xE1000)]) if is_invisible(c)]
)


@settings(max_examples=300, deadline=None)
@given(text=st.text(), at=st.integers(0, 40), hidden=st.text(INVISIBLE, min_size=1, max_size=3))
def test_invisible_characters_never_change_a_key(text: str, at: int, hidden: str) -> None:
    assert collision_key(text[:at] + hidden + text[at:]) == collision_key(text)


def test_collision_key_is_exact() -> None:
    assert collision_key(" \u041carketing  Qualified\u200b Lead ") == "marketing qualified lead"
    assert collision_key("De\u0301al DESK") == "d\u00e9al desk"


def test_look_alike_table_maps_other_scripts_to_latin_only() -> None:
    assert len(LOOK_ALIKES) == 78
    for char, latin in LOOK_ALIKES.items():
        assert not char.isascii(), char
        assert latin.isascii(), char
        assert latin.isalpha(), char
        # The table is applied after NFKC and NFD: a letter they change would never be met.
        assert unicodedata.normalize("NFD", unicodedata.normalize("NFKC", char)) == char


def test_labels_refuse_every_invisible_character_and_direction_control() -> None:
    text = "a\u200bb\u200cc\u200d\u2060\ufeff\u00ad\ufe0f\u3164\u200e\u200f\u061c\u202a\u2066\u200b"
    assert [(r.code, f"{ord(r.char):04X}", r.position) for r in refused(text, LABEL)] == [
        ("invisible-character", "200B", 2),
        ("invisible-character", "200C", 4),
        ("invisible-character", "200D", 6),
        ("invisible-character", "2060", 7),
        ("invisible-character", "FEFF", 8),
        ("invisible-character", "00AD", 9),
        ("invisible-character", "FE0F", 10),
        ("invisible-character", "3164", 11),
        ("bidi-control", "200E", 12),
        ("bidi-control", "200F", 13),
        ("bidi-control", "061C", 14),
        ("bidi-control", "202A", 15),
        ("bidi-control", "2066", 16),
    ]


def test_prose_refuses_only_the_controls_that_reorder_text() -> None:
    emoji = "\U0001f469\u200d\U0001f4bb \u2764\ufe0f"
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    hebrew = "\u05e2\u05d1\u05e8\u05d9\u05ea\u200f (x)"
    assert refused(f"{emoji} {persian} {hebrew} soft\u00adhyphen", PROSE) == ()
    controls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    found = refused("x" + controls, PROSE)
    assert [(r.char, r.position) for r in found] == [(c, i) for i, c in enumerate(controls, 2)]
    assert {r.code for r in found} == {"bidi-control"}
    assert refused("a\u202eb\u202ec", PROSE) == (Refused(Code.BIDI_CONTROL, "\u202e", 2),)


def test_a_word_mixing_scripts_is_found_with_its_odd_letters() -> None:
    text = f"{CYRILLIC_EM}QL, \u0421\u0434\u0435\u043b\u043a\u0430, na\u00efve, \u0394elta Q1"
    assert list(mixed_script_words(text)) == [
        (f"{CYRILLIC_EM}QL", (CYRILLIC_EM,)),
        ("\u0394elta", ("\u0394",)),
    ]
    assert list(mixed_script_words("\u0441\u0430\u0441 \u0441\u0442\u043e")) == []


def test_problems_show_invisible_characters_quoted_from_the_data() -> None:
    """Printed, the characters show as escapes; in JSON, a program gets them exactly."""
    problem = Problem(
        Location("f.yml"), "error", "id 'a\u202eb\u200dc'", "not 'd\u2066'", Code.ID_FORMAT
    )
    assert str(problem) == "f.yml:1:1: error: id 'a\\u202eb\\u200dc'; not 'd\\u2066'"
    text = as_json((problem,))
    assert "\u202e" not in text
    assert json.loads(text)["problems"][0]["message"] == "id 'a\u202eb\u200dc'"
    assert "a\\u202eb" in as_github((problem,))
    assert printable("plain \u00e9 \u041c") == "plain \u00e9 \u041c"


def _text_fields() -> list[pytest.ParameterSet]:
    cases = []
    for kind, section in SECTIONS.items():
        for field in section.record.fields:
            type_ = field.type.item if isinstance(field.type, ListOf) else field.type
            if isinstance(type_, Text):
                cases.append(pytest.param(kind, field.name, type_, id=f"{kind.label}.{field.name}"))
    return cases


def _with_value(kind: Kind, name: str, value: str) -> dict[str, str]:
    file_name = FILE_OF[kind]
    tree = copy.deepcopy(yaml.safe_load(TEXTS[file_name]))
    entry = tree[SECTIONS[kind].key][0]
    field = SECTIONS[kind].record.field(name)
    assert field is not None
    listed = isinstance(field.type, ListOf)
    entry[name] = [value] if listed else value
    return {**TEXTS, file_name: yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)}


@pytest.mark.parametrize(("kind", "name", "type_"), _text_fields())
def test_every_text_field_refuses_direction_overrides(kind: Kind, name: str, type_: Text) -> None:
    """No field is left out: each gets the rules from its declared type."""
    texts = _with_value(kind, name, "Order \u202eredro\u202c here")
    problems = check_loaded(load_texts(lambda file, _shown: (texts[file], [])))
    assert {(p.code, p.severity) for p in problems} == {("bidi-control", "error")}
    invisible = _with_value(kind, name, "Le\u200bad")
    problems = check_loaded(load_texts(lambda file, _shown: (invisible[file], [])))
    codes = [p.code for p in problems]
    assert codes == ([] if type_.markdown else ["invisible-character"])
