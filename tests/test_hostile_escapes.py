"""Characters data may not hold, written as YAML escapes, refused by either parser.

The fixtures under fixtures/hostile/escape-*/ check the messages of the default parser
(libyaml); these cases need the pure-Python one too.
"""

from __future__ import annotations

import pytest
import yaml

from macros.model.codes import Code
from macros.read import yaml_nodes as source
from macros.read.yaml_nodes import parse_yaml

from .conftest import MINI

DATA = "playbook_data"


@pytest.mark.parametrize(
    ("escape", "point"),
    [("\\ud800", "D800"), ("\\udfff", "DFFF"), ("\\ud83d\\ude00", "D83D")],
)
def test_surrogate_escapes_are_refused_by_either_parser(
    escape: str, point: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """libyaml refuses them as a syntax error; the pure-Python parser, used without libyaml,
    decodes them, and the check refuses the text: it could not be written out as UTF-8."""
    text = (MINI / DATA / "glossary.yml").read_text("utf-8")
    text = text.replace("term: Speed to lead", f'term: "Speed {escape} lead"')
    shown = f"{DATA}/glossary.yml"
    assert [p.code for p in parse_yaml(text, shown).problems] == ["yaml-syntax"]
    monkeypatch.setattr(source, "_Loader", yaml.SafeLoader)
    problems = parse_yaml(text, shown).problems
    assert [str(p) for p in problems] == [
        (
            f"{shown}:18:11: error: text holds U+{point}, which is not a character; "
            "remove it; write a character as itself, or as one \\U escape"
        )
    ]
    assert [p.code for p in problems] == [Code.NOT_A_CHARACTER]
