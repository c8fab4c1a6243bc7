"""`make install` installs pinned versions: every dependency has its pin in constraints.txt."""

from __future__ import annotations

import re
import tomllib

from .conftest import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_every_dependency_is_pinned() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    pins = {
        _name(line): line.split("==", 1)[1]
        for line in (ROOT / "constraints.txt").read_text("utf-8").splitlines()
        if "==" in line
    }
    assert [_name(r) for r in wanted if _name(r) not in pins] == []


def test_mkdocs_stays_below_2() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert "mkdocs>=1.6,<2" in project["dependencies"]
    pins = (ROOT / "constraints.txt").read_text("utf-8")
    assert re.search(r"^mkdocs==1\.", pins, re.MULTILINE)
