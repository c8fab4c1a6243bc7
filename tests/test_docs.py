"""The README and the docs tell a new user everything: commands, macros, the data contract."""

from __future__ import annotations

import json
import re

import pytest

from macros.cli import main
from macros.glue.plugin import BLOCKS, INLINE_KINDS
from macros.render.contract import data_contract

from . import clidocs
from .conftest import ROOT

README = ROOT / "README.md"
CLI_PAGE = ROOT / "docs" / "reference" / "cli.md"
MACROS_PAGE = ROOT / "docs" / "reference" / "macros.md"
MAKEFILE = ROOT / "Makefile"


def section(text: str, name: str) -> str:
    match = re.search(rf"<!-- BEGIN {name}[^>]*-->\n(.*?)<!-- END {name} -->", text, re.DOTALL)
    assert match, f"README has no {name} markers"
    return match.group(1)


def test_readme_shows_the_two_commands() -> None:
    text = README.read_text("utf-8")
    assert "make serve" in text
    assert "make test" in text


def test_readme_data_contract_is_generated_from_the_schema(request: pytest.FixtureRequest) -> None:
    text = README.read_text("utf-8")
    expected = data_contract(level=3)
    if request.config.getoption("--update-golden"):
        current = section(text, "data-contract")
        README.write_text(
            text.replace(current, expected, 1)
            if current
            else text.replace(
                "<!-- END data-contract -->", expected + "<!-- END data-contract -->", 1
            ),
            "utf-8",
        )
        return
    assert section(text, "data-contract") == expected


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_documented_and_has_help(command: str) -> None:
    assert main.commands[command].help, f"playbook {command} has no help"
    assert f"playbook {command}" in README.read_text("utf-8")
    assert f"`playbook {command}`" in CLI_PAGE.read_text("utf-8")


@pytest.mark.parametrize(
    "macro", sorted([*BLOCKS, *INLINE_KINDS, "data_contract", "problem_codes"])
)
def test_every_macro_is_documented(macro: str) -> None:
    assert f"`{macro}(" in MACROS_PAGE.read_text("utf-8")
    assert f"`{macro}(" in README.read_text("utf-8")


def test_every_make_target_in_the_readme_exists() -> None:
    targets = set(re.findall(r"^([a-z-]+):", MAKEFILE.read_text("utf-8"), re.MULTILINE))
    mentioned = set(re.findall(r"`make ([a-z-]+)", README.read_text("utf-8")))
    assert mentioned <= targets, mentioned - targets
    documented = set(re.findall(r"^([a-z-]+):.*## ", MAKEFILE.read_text("utf-8"), re.MULTILINE))
    assert documented - {"help", "lint", "browser", "clean", "install"} <= mentioned


def test_readme_speed_table_is_the_committed_benchmark_run() -> None:
    results = json.loads((ROOT / "bench" / "results" / "results.json").read_text("utf-8"))
    text = section_between(README.read_text("utf-8"), "## Speed at scale", "## Developing")
    for scale in results["scales"]:
        handbook = scale["handbook"]["median_wall_seconds"]
        plain = scale["plain"]["median_wall_seconds"]
        row = f"| {handbook:.2f} s | {plain:.2f} s | **{scale['ratio']:.2f}** |"
        assert row in text, f"{scale['scale']}: {row}"
    assert f"{results['machine']['nproc']} cores" in text


def section_between(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end)]


def test_readme_module_map_matches_the_folders() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    table = text.split("<!-- BEGIN module-map", 1)[1].split("<!-- END module-map -->", 1)[0]
    documented: dict[str, set[str]] = {}
    for row in table.splitlines():
        cells = row.strip().strip("|").split("|")
        if len(cells) != 2 or not cells[0].strip().startswith("`"):
            continue
        folder = cells[0].strip().strip("`").rstrip("/")
        documented[folder] = set(re.findall(r"`([a-z_]+)`", cells[1]))
    package = ROOT / "macros"
    actual = {
        path.name: {module.stem for module in path.glob("*.py") if module.stem != "__init__"}
        for path in package.iterdir()
        if (path / "__init__.py").exists()
    }
    assert {k: v for k, v in documented.items() if k != "cli.py"} == actual
    assert "cli.py" in documented
    assert (package / "cli.py").exists()


def test_cli_reference_shows_the_real_help_of_every_command() -> None:
    page = (ROOT / "docs" / "reference" / "cli.md").read_text("utf-8")
    assert clidocs.commands_without_block(page) == []
    assert clidocs.rendered(page) == page, "docs/reference/cli.md is out of date: make cli-docs"
