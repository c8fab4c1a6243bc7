"""Shared test helpers: the fixture playbooks and golden files."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Protocol

import pytest

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
MINI = FIXTURES / "mini"
ROOT = TESTS.parent
RUNAWAY_SECONDS = 30
"""A bound for tests that guard against runaway work (quadratic or exponential time on
hostile input, which took minutes before it was fixed). It is a hang guard, far above
the real cost, not a speed measurement: speed is measured by `make bench`."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite golden files from the current output instead of comparing.",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: builds the site or drives a browser")
    config.addinivalue_line("markers", "fuzz: property-based tests with many examples")


class Golden(Protocol):
    """The ``golden`` fixture: compare text with a golden file, or rewrite it."""

    def __call__(self, path: Path, actual: str) -> None:
        """Assert that ``actual`` is the text of ``path`` (under --update-golden, write it)."""


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """Compare text with a golden file, or rewrite it under --update-golden."""

    def compare(path: Path, actual: str) -> None:
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"missing golden file {path}; run pytest --update-golden"
        assert actual == path.read_text(encoding="utf-8")

    return compare


def copy_project(source: Path, target: Path) -> Path:
    """Copy a fixture project (its playbook_data/) into target and return target."""
    shutil.copytree(source / "playbook_data", target / "playbook_data")
    return target
