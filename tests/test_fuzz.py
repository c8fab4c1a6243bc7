"""Fuzzing the default playbook: whatever a pull request does to the data, nothing crashes.

Mutations change value types, delete and rename keys, duplicate entries, swap references,
reorder lists, insert Unicode (direction marks, emoji, NUL, line separators, surrogates
left by undecodable bytes, look-alike letters, invisible characters), very long strings,
and cut files short; numbers of 4,301 digits and beyond every bound are written into the
text. The checker must answer every one with problems that name a file, a
line and a column, or accept it; when it accepts, the site must build.

PLAYBOOK_FUZZ_EXAMPLES sets the number of examples per test: 400 in ``make test``, 20,000
in ``make fuzz``.
"""

from __future__ import annotations

import copy
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from macros.check.checker import check_loaded
from macros.contract.fields import ListOf, Text
from macros.contract.schema import FILES, SECTIONS
from macros.model.problems import Problem
from macros.read.load import load_directory, load_texts, shown_path
from macros.read.yaml_nodes import parse_yaml, read_yaml

from .conftest import ROOT
from .siteproject import make_project, run_build

EXAMPLES = int(os.environ.get("PLAYBOOK_FUZZ_EXAMPLES", "400"))
SITE_EXAMPLES = max(6, EXAMPLES // 1000)
DATA = ROOT / "playbook_data"
NAMES = [spec.name for spec in FILES]
TEXTS = {name: (DATA / name).read_text("utf-8") for name in NAMES}
TREES = {name: yaml.safe_load(text) for name, text in TEXTS.items()}
SHOWN = {shown_path(".", name) for name in NAMES}
IDS = sorted(
    {e["id"] for t in TREES.values() for s in t.values() if isinstance(s, list) for e in s}
)
KEYS = sorted(
    {k for t in TREES.values() for s in t.values() if isinstance(s, list) for e in s for k in e}
)
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

LONG = st.sampled_from([999, 1_000, 1_001, 1_002, 9_999, 10_000, 10_001, 10_002, 100_000])
"""Lengths around the limits of one-line texts and paragraphs, and far beyond."""
SPECIAL = [
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u2028",  # line separator
    "\x85",  # next line
    "\x00",
    "\ufeff",
    "\t",
    "\r",
    "😀",
    "👩🏽‍💻",
    "e\u0301",
    *["\u041c", "\u0430", "\u03bf", "\uff2d", "\U0001d40c", "\ufb01"],  # look-alike letters
    *["\u200b", "\u200d", "\u2060", "\u00ad", "\ufe0f", "\u3164", "\U000e0041"],  # invisible
    *["\u2066", "\u2069", "\u202a", "\u061c"],  # direction isolates, embedding, mark
    "'",
    '"',
    "\\",
    *[":", "-", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "%", "@", "`", "#", "?"],
    *["~", "<<", "---", "...", "%YAML 1.1\n", "--- !!python/name:os.system\n"],
    *["\x1b[8m", "\x9b", "\x7f", "\u2029", '"\\0"', '"\\e[2J"', '"\\ud800"', '"\\x85"'],
    *["9" * 4_301, "1e999", "-.inf", ".nan", "0x" + "f" * 40, "1_" * 2_000 + "1"],  # numbers
]
words = st.one_of(
    st.text(max_size=20),
    st.sampled_from(SPECIAL),
    st.sampled_from(IDS),
    LONG.map(lambda n: "x" * n),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([10**16, -(10**18), 1e308, 5e-324]),  # beyond the bounds (text: SPECIAL)
    st.floats(),
    st.dates(),
    st.sampled_from(IDS),
    st.lists(words, max_size=4).map("".join),
    LONG.map(lambda n: "a " * (n // 2)),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=12), st.integers(), st.none())
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=6,
)


def assert_located(problems: tuple[Problem, ...]) -> None:
    """Every problem names a data file, a line and a column, and prints."""
    for problem in problems:
        assert problem.where.path in SHOWN, problem
        assert problem.where.line >= 1, problem
        assert problem.where.col >= 1, problem
        assert problem.severity in ("error", "warning"), problem
        assert problem.message, problem
        assert str(problem)


def check(texts: dict[str, str]) -> tuple[Problem, ...]:
    problems = check_loaded(load_texts(lambda name, _shown: (texts[name], [])))
    assert_located(problems)
    return problems


def paths(tree: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every node of a YAML tree, as the path of keys and indexes leading to it."""
    found = [at]
    if isinstance(tree, dict):
        for key, value in tree.items():
            found += paths(value, (*at, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            found += paths(value, (*at, index))
    return found


def _parent(tree: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        tree = tree[step]
    return tree


def mutate_tree(tree: Any, data: st.DataObject) -> Any:
    """Apply one structural mutation somewhere in the tree; return the (new) tree."""
    path = data.draw(st.sampled_from(paths(tree)))
    operation = data.draw(st.sampled_from(["replace", "delete", "rename", "copy", "shuffle"]))
    if not path:
        return data.draw(values) if operation == "replace" else tree
    parent, last = _parent(tree, path), path[-1]
    if operation == "replace":
        parent[last] = data.draw(values)
    elif operation == "delete":
        del parent[last]
    elif operation == "rename" and isinstance(parent, dict):
        parent[data.draw(keys)] = parent.pop(last)
    elif operation == "copy" and isinstance(parent, list):
        parent.insert(data.draw(st.integers(0, len(parent))), copy.deepcopy(parent[last]))
    elif operation == "shuffle" and isinstance(parent[last], list):
        parent[last] = data.draw(st.permutations(parent[last]))
    return tree


@pytest.mark.fuzz
@FUZZ
@given(name=st.sampled_from(NAMES), data=st.data())
def test_checker_survives_structural_mutations(name: str, data: st.DataObject) -> None:
    tree = copy.deepcopy(TREES[name])
    for _ in range(data.draw(st.integers(1, 4))):
        tree = mutate_tree(tree, data)
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)
    check({**TEXTS, name: text})


def mutate_text(text: str, data: st.DataObject) -> str:
    """Apply one edit to the file's text, as a careless edit or a bad merge would."""
    lines = text.splitlines(keepends=True)
    at = data.draw(st.integers(0, len(text)))
    line = data.draw(st.integers(0, max(len(lines) - 1, 0)))
    operation = data.draw(
        st.sampled_from(["cut", "insert", "delete", "surrogate", "dup-line", "swap", "indent"])
    )
    if operation == "cut":
        return text[:at]
    if operation == "insert":
        return text[:at] + data.draw(words) + text[at:]
    if operation == "delete":
        return text[:at] + text[at + data.draw(st.integers(1, 200)) :]
    if operation == "surrogate":  # a byte that was not UTF-8, decoded with surrogateescape
        return text[:at] + chr(data.draw(st.integers(0xDC80, 0xDCFF))) + text[at:]
    if not lines:
        return text
    if operation == "dup-line":
        lines.insert(data.draw(st.integers(0, len(lines))), lines[line])
    elif operation == "swap":
        other = data.draw(st.integers(0, len(lines) - 1))
        lines[line], lines[other] = lines[other], lines[line]
    else:
        lines[line] = data.draw(st.sampled_from(["", "  ", "\t", "- "])) + lines[line].lstrip()
    return "".join(lines)


@pytest.mark.fuzz
@FUZZ
@given(name=st.sampled_from(NAMES), data=st.data())
def test_checker_survives_text_mutations(name: str, data: st.DataObject) -> None:
    text = TEXTS[name]
    for _ in range(data.draw(st.integers(1, 3))):
        text = mutate_text(text, data)
    check({**TEXTS, name: text})


@pytest.mark.fuzz
@FUZZ
@given(text=st.one_of(st.text(), st.lists(st.sampled_from(SPECIAL) | words).map("".join)))
def test_parser_never_raises(text: str) -> None:
    source = parse_yaml(text, "playbook_data/kpis.yml")
    assert_located(tuple(source.problems))
    assert (source.root is None) == bool(source.problems)


@pytest.mark.fuzz
@FUZZ
@given(
    raw=st.one_of(
        st.binary(),
        st.text().map(str.encode),
        st.sampled_from(NAMES).map(lambda name: TEXTS[name].encode("utf-8")),
    ),
    cut=st.integers(0, 10_000),
    noise=st.binary(max_size=8),
)
def test_reader_never_raises_on_bytes(
    raw: bytes, cut: int, noise: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.getbasetemp() / "fuzz-kpis.yml"
    path.write_bytes(raw[:cut] + noise + raw[cut:])
    source = read_yaml(path, "playbook_data/kpis.yml")
    assert_located(tuple(source.problems))


def _text_paths(tree: dict[str, Any]) -> list[tuple[str, int, str, bool]]:
    """The text fields of every entry: section, index, field, and whether one line."""
    found = []
    for section in SECTIONS.values():
        for index, entry in enumerate(tree.get(section.key, [])):
            for field in section.record.fields:
                listed = isinstance(field.type, ListOf) and isinstance(field.type.item, Text)
                if isinstance(field.type, Text) and field.name in entry:
                    found.append((section.key, index, field.name, field.type.single_line))
                elif listed and entry.get(field.name):
                    found.append((section.key, index, field.name, True))
    return found


prose = st.lists(
    st.one_of(
        st.text(st.characters(exclude_categories=["Cc", "Cs", "Zl", "Zp"]), max_size=30),
        st.sampled_from(["*em*", "**strong**", "[web](https://example.com/a)", "😀", "\u200f"]),
        st.sampled_from(["<b>x</b>", "{{ 7*7 }}", "{% raw %}", '{: onclick="x" }', "7*7"]),
    ),
    min_size=1,
    max_size=6,
).map(" ".join)


@pytest.mark.slow
@pytest.mark.fuzz
@settings(max_examples=SITE_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=st.sampled_from(NAMES), data=st.data())
def test_accepted_data_builds(
    name: str, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Text fields rewritten with any text: when the checker accepts, the site builds."""
    tree = copy.deepcopy(TREES[name])
    fields = _text_paths(tree)
    for _ in range(data.draw(st.integers(1, 8))):
        key, index, field, one_line = data.draw(st.sampled_from(fields))
        text = data.draw(prose.filter(str.strip))
        text = " ".join(text.split()) if one_line else text
        entry = tree[key][index]
        entry[field] = [text] if isinstance(entry[field], list) else text
    texts = {**TEXTS, name: yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)}
    assume(check(texts) == ())
    base = tmp_path_factory.mktemp("fuzz-site")
    (base / "data" / "playbook_data").mkdir(parents=True)
    for file_name, text in texts.items():
        (base / "data" / "playbook_data" / file_name).write_text(text, "utf-8")
    project = make_project(base / "project", base / "data")
    result = run_build(project)
    shutil.rmtree(base)
    assert result.returncode == 0, result.stderr


ENTRIES: dict[str, Callable[[Path], object]] = {
    "link to /dev/zero": lambda path: path.symlink_to("/dev/zero"),
    "link to /etc/passwd": lambda path: path.symlink_to("/etc/passwd"),
    "link inside": lambda path: path.symlink_to("kpis.yml"),
    "link to itself": lambda path: path.symlink_to(path.name),
    "named pipe": os.mkfifo,
    "directory": lambda path: path.mkdir(),
    "empty file": lambda path: path.write_bytes(b""),
}
"""What a pull request or a checkout can put in place of a data file, or beside one."""


@pytest.mark.fuzz
@settings(FUZZ, max_examples=max(20, EXAMPLES // 10))
@given(
    changes=st.lists(
        st.tuples(
            st.sampled_from([*NAMES, "Kpis.YML", "kpis.yaml", "x\x1b[2J.yml", "notes"]),
            st.sampled_from(sorted(ENTRIES)),
        ),
        max_size=4,
    ),
    whole_directory=st.sampled_from([None, "link", "file"]),
)
def test_loader_survives_special_files(
    changes: list[tuple[str, str]],
    whole_directory: str | None,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Links, pipes and directories anywhere in playbook_data/: problems, never a hang."""
    project = tmp_path_factory.mktemp("fuzz-files")
    data = project / "playbook_data"
    shutil.copytree(DATA, data)
    for name, kind in changes:
        path = data / name
        if path.is_dir() and not path.is_symlink():
            path.rmdir()
        elif path.exists() or path.is_symlink():
            path.unlink()
        ENTRIES[kind](path)
    if whole_directory == "link":
        data.rename(project / "kept")
        data.symlink_to("kept")
    elif whole_directory == "file":
        shutil.rmtree(data)
        data.write_text("version: 1\n", "utf-8")
    problems = check_loaded(load_directory(project))
    for problem in problems:
        assert problem.where.path.startswith("playbook_data"), problem
        assert str(problem).isprintable(), problem
        assert "root:" not in str(problem), problem
    assert bool(problems) == bool(changes or whole_directory)
    shutil.rmtree(project)
