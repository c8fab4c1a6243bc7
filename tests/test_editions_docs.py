"""The README's and the contribution guide's edition commands are real commands."""

from __future__ import annotations

import re
import shlex

import pytest

from macros.cli import main

from .conftest import ROOT
from .test_workflows import makefile

DOCS = {"readme": ROOT / "README.md", "contributing": ROOT / "docs" / "contributing.md"}


def _section(name: str) -> str:
    text = DOCS[name].read_text("utf-8")
    heading = "## Editions" if name == "readme" else "## 8. Release an edition"
    start = text.index(heading)
    end = text.find("\n## ", start + len(heading))
    return text[start : end if end > 0 else len(text)]


def _commands(section: str) -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    lines = [line.split("#", 1)[0].strip() for block in blocks for line in block.splitlines()]
    inline = re.findall(r"\(or: ([^)]*)\)", section)
    return [line for line in lines + inline if line]


@pytest.mark.parametrize("name", sorted(DOCS))
def test_edition_commands_are_real(name: str) -> None:
    commands = _commands(_section(name))
    assert any(c.startswith("make release EDITION=") for c in commands)
    assert "make editions" in commands
    seen = set()
    for command in commands:
        words = shlex.split(command.replace(".venv/bin/", ""))
        if words[0] == "playbook":
            main.commands[words[1]].make_context(words[1], words[2:])
            seen.add(words[1])
        elif words[0] == "make":
            assert words[1] in makefile(), command
    assert "release" in seen


def test_make_release_runs_playbook_release() -> None:
    targets = makefile()
    assert targets["release"].recipe[-1] == '$(BIN)/playbook release "$(EDITION)"'
    assert targets["editions"].recipe == ("$(BIN)/mike serve --dev-addr 127.0.0.1:8000",)
