"""The ``playbook`` command: check the data, and (in later commands) diff and own it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .check import check_directory
from .report import FORMATS, Format, render

_ROOT = click.option(
    "--root",
    default=".",
    show_default=True,
    type=click.Path(file_okay=False),
    help="The handbook's project directory (holding playbook_data/).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="alignment-playbook", prog_name="playbook")
def main() -> None:
    """Check, compare and publish the alignment playbook.

    Run from the project root, or name it with --root.
    """


@main.command()
@_ROOT
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text for people, json for programs, github for workflow annotations.",
)
def check(root: str, strict: bool, fmt: Format) -> None:
    """Check every data file and report all problems at once.

    Each problem is one line, path:line:col: error|warning: message; hint.
    Exit status: 0 when clean, 1 when problems were found, 2 on usage errors.

    Example: playbook check --strict --format github
    """
    _, problems = check_directory(Path(root), root)
    sys.stdout.write(render(problems, fmt))
    failing = [p for p in problems if p.severity == "error" or strict]
    sys.exit(1 if failing else 0)
