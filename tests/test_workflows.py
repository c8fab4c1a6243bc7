"""CI stays in step with the Makefile: same targets, same checks, real commands and options."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.change.output import MARKER
from macros.cli import main

from .conftest import ROOT

GITHUB = ROOT / ".github" / "workflows"
WORKFLOWS = {
    "pr": GITHUB / "pr.yml",
    "deploy": GITHUB / "deploy.yml",
    "gitlab": ROOT / ".gitlab-ci.yml",
}
_TARGET = re.compile(r"^([a-z][a-z-]*):(?!=)([^#\n]*)", re.MULTILINE)
_MAKE = re.compile(r"\bmake ([a-z][a-z-]*)")
_PLAYBOOK = re.compile(r"(?:\.venv/bin/|\$\(BIN\)/)playbook ([^;&|>\n]*)")


@dataclass(frozen=True)
class Target:
    prerequisites: tuple[str, ...]
    recipe: tuple[str, ...]


def makefile() -> dict[str, Target]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = {}
    for match in _TARGET.finditer(text):
        recipe = []
        for line in text[match.end() :].split("\n")[1:]:
            if not line.startswith("\t"):
                break
            recipe.append(line.strip())
        targets[match[1]] = Target(tuple(match[2].split()), tuple(recipe))
    return targets


def chain(target: str, targets: dict[str, Target]) -> set[str]:
    """Return a target and every target it depends on, transitively."""
    seen = {target}
    for name in targets[target].prerequisites:
        if name in targets and name not in seen:
            seen |= chain(name, targets)
    return seen


def load(path: Path) -> dict[str, Any]:
    # PyYAML reads the key `on` as True; workflows are read as text keys here.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return {str(key) if key is not True else "on": value for key, value in data.items()}


def commands(path: Path) -> list[str]:
    """Every shell command of a workflow: GitHub steps' run, GitLab jobs' scripts."""
    data = load(path)
    found: list[str] = []
    for job in data.get("jobs", {}).values():
        found += [step["run"] for step in job.get("steps", []) if "run" in step]
    for job in data.values():
        if isinstance(job, dict) and "script" in job:
            found += job.get("before_script", []) + job["script"]
    return found


def steps(name: str) -> list[dict[str, Any]]:
    return [step for job in load(WORKFLOWS[name])["jobs"].values() for step in job["steps"]]


def invoked(path: Path) -> set[str]:
    return {target for command in commands(path) for target in _MAKE.findall(command)}


@pytest.mark.parametrize("name", sorted(WORKFLOWS))
def test_make_targets_exist(name: str) -> None:
    targets = makefile()
    used = invoked(WORKFLOWS[name])
    assert used, f"{name} runs no make target"
    assert used <= set(targets), f"not Makefile targets: {used - set(targets)}"


@pytest.mark.parametrize("name", ["pr", "gitlab"])
def test_review_runs_what_make_test_runs(name: str) -> None:
    """Pull requests run the whole `make test` chain (lint, data check, tests) and the site."""
    targets = makefile()
    covered = set().union(*(chain(target, targets) for target in invoked(WORKFLOWS[name])))
    assert chain("test", targets) <= covered
    assert "site" in covered


@pytest.mark.parametrize("name", ["deploy", "gitlab"])
def test_deploy_checks_then_builds(name: str) -> None:
    used = invoked(WORKFLOWS[name])
    assert {"install", "check", "site"} <= used


def _playbook_calls(text: str) -> list[list[str]]:
    calls = []
    for match in _PLAYBOOK.finditer(text):
        words = shlex.split(re.sub(r"\$\{\{[^}]*\}\}|\$\(?[A-Z_]+\)?", "REF", match[1]))
        calls.append(words)
    return calls


def _parse(words: list[str]) -> None:
    """Parse a playbook command line as the CLI would; raise on an unknown command or option."""
    command = main.commands.get(words[0])
    assert command is not None, f"unknown command in {words}"
    command.make_context(words[0], words[1:])


def _all_playbook_calls() -> list[list[str]]:
    texts = [command for path in WORKFLOWS.values() for command in commands(path)]
    texts.append((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    texts += [line for target in makefile().values() for line in target.recipe]
    return [call for text in texts for call in _playbook_calls(text)]


def test_playbook_commands_are_real() -> None:
    calls = _all_playbook_calls()
    assert len(calls) >= 6
    for words in calls:
        _parse(words)


def test_checks_are_as_strict_as_make_check() -> None:
    make_check = _playbook_calls(" ".join(makefile()["check"].recipe))
    assert make_check == [["check", "--strict"]]
    for words in _all_playbook_calls():
        if words[0] == "check":
            assert "--strict" in words, words


def test_pull_request_workflow() -> None:
    workflow = load(WORKFLOWS["pr"])
    assert "pull_request" in workflow["on"]
    assert workflow["env"]["BASE"] == "origin/${{ github.base_ref }}"
    checkout = next(s for s in steps("pr") if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    python = next(s for s in steps("pr") if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["python-version"] == "3.11"
    runs = " ".join(commands(WORKFLOWS["pr"]))
    assert '.venv/bin/playbook check --strict --format github --base "$BASE"' in runs
    assert '.venv/bin/playbook diff --format markdown "$BASE" HEAD > diff.md' in runs


def test_comment_is_found_by_its_marker() -> None:
    """The comment script updates its own comment, found by the diff's first line."""
    script = next(s for s in steps("pr") if "github-script" in s.get("uses", ""))["with"]
    assert 'body.split("\\n")[0]' in script["script"]
    assert MARKER.startswith("<!--")


def test_deploy_publishes_main_and_editions_with_mike() -> None:
    """main is published as dev, an edition/* tag as its edition, both on gh-pages."""
    workflow = load(WORKFLOWS["deploy"])
    assert workflow["on"]["push"] == {"branches": ["main"], "tags": ["edition/*"]}
    assert workflow["permissions"] == {"contents": "write"}
    checkout = next(s for s in steps("deploy") if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # the tags and the gh-pages branch
    publish = {
        s.get("if"): s["run"] for s in steps("deploy") if "playbook release" in s.get("run", "")
    }
    assert publish == {
        "github.ref_type == 'branch'": ".venv/bin/playbook release dev --push",
        "github.ref_type == 'tag'": (
            '.venv/bin/playbook release "${GITHUB_REF_NAME#edition/}" --replace --push'
        ),
    }
    assert not any("pages-artifact" in s.get("uses", "") for s in steps("deploy"))


def test_gitlab_publishes_main_and_editions_and_serves_gh_pages() -> None:
    job = load(WORKFLOWS["gitlab"])["pages"]
    assert [rule["if"] for rule in job["rules"]] == [
        "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH",
        "$CI_COMMIT_TAG =~ /^edition\\//",
    ]
    script = " ".join(job["script"])
    assert '.venv/bin/playbook release "${CI_COMMIT_TAG#edition/}" --replace --push;' in script
    assert ".venv/bin/playbook release dev --push;" in script
    assert job["script"][-1] == "mkdir public && git archive gh-pages | tar -x -C public"
    assert job["artifacts"]["paths"] == ["public"]
    assert any("refs/remotes/origin/gh-pages" in line for line in job["before_script"])


def test_pre_commit_hook_runs_make_check() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = config["repos"][0]["hooks"]
    recipe = makefile()["check"].recipe
    assert [hook["entry"]] == [line.replace("$(BIN)", ".venv/bin") for line in recipe]
    assert hook["pass_filenames"] is False
    pattern = re.compile(hook["files"])
    assert pattern.search("playbook_data/slas.yml")
    assert pattern.search(".github/CODEOWNERS")
    assert not pattern.search("docs/index.md")


def test_pull_request_template_asks_why_who_and_approvals() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for heading in ("## Why", "## Teams affected", "## Approvals"):
        assert heading in text
    assert "needs both teams" in text
