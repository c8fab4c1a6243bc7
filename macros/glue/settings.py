"""The settings under ``extra.playbook`` in ``mkdocs.yml``, read once and checked.

MkDocs hands over whatever YAML built there: text, numbers, booleans, null, lists, mappings.
:func:`read_settings` turns it into :class:`Settings`, and each wrong value into one problem
naming the setting (``extra.playbook.split_above.glossary``), all of them at once.

A kind of entry has one name in ``pages`` and ``split_above``, its name in the engine in
lower case: ``team``, ``role``, ``raci``, ``term``, ``stage``, ``kpi``, ``sla``,
``meeting``. The names a reader may try first (``glossary``, ``funnel``, ``cadence``,
``activity``) are not accepted; the hint names the kind they mean.
"""

from __future__ import annotations

import datetime as dt
import math
import posixpath
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

from ..model.codes import Code
from ..model.hints import closest, did_you_mean, listing
from ..model.kinds import Kind
from ..model.problems import Location, Problem
from ..read.tags import NAME as EDITION_NAME
from ..read.tags import RESERVED
from ..render.common import DEFAULT_PAGES
from ..render.split import SPLIT_ABOVE

CODE = Code.SETTING
"""The code of every problem with a setting."""
KINDS: Mapping[str, Kind] = MappingProxyType({kind.name.lower(): kind for kind in Kind})
"""Each kind by its name in settings."""
SPLIT_KINDS: Mapping[str, Kind] = MappingProxyType(
    {name: kind for name, kind in KINDS.items() if kind in SPLIT_ABOVE}
)
"""The kinds that ``split_above`` may name: those that can be split."""
_MEANT: Mapping[str, Kind] = {
    "glossary": Kind.TERM,
    "funnel": Kind.STAGE,
    "cadence": Kind.MEETING,
    "activity": Kind.RACI,
    "activities": Kind.RACI,
}
"""Names a reader may try for a kind (its page, its macro), hinting at the kind's name."""
NAMES = ("branch", "edition", "funnel_tolerance", "history", "noindex", "pages", "split_above")
_COMMITS = 200
_REMOVE = "remove the setting to keep the default"
_BAD_BRANCH = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]|\.\.|@\{|//|^[-/.]|/\.|[/.]$|\.lock$")
"""What git refuses in a branch name (see ``git check-ref-format``)."""


@dataclass(frozen=True, slots=True)
class Settings:
    """The checked settings, each with its default.

    Attributes:
        branch: The branch that links to data files point at, under ``repo_url``.
        noindex: Whether pages ask search engines not to index them (the theme reads it).
        history: Whether entries' history and the recent changes are read from git.
        commits: How many commits that touch the data the history reads at most.
        pages: The page of every kind, relative to ``docs/``.
        split_above: For every kind that can be split, how many entries its page holds
            before it is split.
        edition: The edition being built (``playbook release`` sets it), or empty.
        funnel_tolerance: How far a target may stray from what the funnel model implies
            before the check warns, as a fraction (0.1 is 10%).
    """

    branch: str = "main"
    noindex: bool = True
    history: bool = True
    commits: int = _COMMITS
    pages: Mapping[Kind, str] = field(default_factory=lambda: MappingProxyType(DEFAULT_PAGES))
    split_above: Mapping[Kind, int] = field(default_factory=lambda: MappingProxyType(SPLIT_ABOVE))
    edition: str = ""
    funnel_tolerance: float = 0.1


class Said(NamedTuple):
    """One wrong setting, before it is placed in the file.

    Attributes:
        path: The keys below ``extra.playbook``, e.g. ``("history", "commits")``.
        message: What is wrong, after the setting's name.
        hint: How to fix it.
        on_key: Whether the key is wrong, else its value.
    """

    path: tuple[str, ...]
    message: str
    hint: str
    on_key: bool = False


Locate = Callable[[tuple[str, ...], bool], Location]
"""Where a setting (the keys below ``extra.playbook``) is: its key (True) or its value."""


def nowhere(shown: str = "mkdocs.yml") -> Locate:
    """Return a locator that knows no positions: every setting is at line 1 of the file."""
    return lambda _path, _on_key: Location(shown)


def written(value: object) -> str:
    """Return a value as YAML writes it, kept short: ``'abc'``, ``true``, ``null``, ``a list``."""
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 40 else f"'{value[:39]}…'"
    if value is None or isinstance(value, bool | int | float):
        return _scalar(value)
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, Mapping):
        return "a mapping"
    return "a list" if isinstance(value, list | tuple) else f"a {type(value).__name__}"


def _scalar(value: float | None) -> str:
    """Return null, a boolean or a number as YAML writes it."""
    if value is None or isinstance(value, bool):
        return "null" if value is None else str(value).lower()
    if isinstance(value, int):
        return str(value) if value.bit_length() < 64 else "a number of 20 digits or more"
    if math.isnan(value):
        return ".nan"
    return repr(value) if math.isfinite(value) else ".inf" if value > 0 else "-.inf"


def _name(key: object) -> str:
    """Return a key as a part of a setting's name."""
    if not isinstance(key, str):
        return written(key)
    return key if len(key) <= 40 else f"{key[:39]}…"


def _mapping(
    value: object, path: tuple[str, ...], what: str, said: list[Said]
) -> Mapping[object, object]:
    """Return the value if it is a mapping, else say so and return an empty one."""
    if isinstance(value, Mapping):
        return value
    said.append(Said(path, f"expected {what}, found {written(value)}", _REMOVE))
    return {}


def _unknown(
    given: Mapping[object, object], known: tuple[str, ...], path: tuple[str, ...], said: list[Said]
) -> None:
    """Say which keys of a mapping are no setting."""
    for key in given:
        if key not in known:
            hint = did_you_mean(_name(key), known, "settings")
            message = f"unknown setting {written(key)}"
            said.append(Said((*path, _name(key)), message, hint, on_key=True))


def _count(
    value: object, path: tuple[str, ...], noun: str, hint: str, said: list[Said]
) -> int | None:
    """Return a whole number of 1 or more (a boolean is not one), else say why not."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    found = written(value)
    message = f"expected a whole number of {noun}, 1 or more, found {found}"
    said.append(Said(path, message, hint))
    return None


def _branch(value: object, said: list[Said]) -> str:
    if isinstance(value, str) and value and _BAD_BRANCH.search(value) is None:
        return value
    if isinstance(value, str):
        message = f"{written(value)} is not a branch name git accepts"
        hint = "a branch name holds no spaces and none of ~ ^ : ? * [ \\ .. @{, e.g. main"
    else:
        message = f"expected the name of a branch, found {written(value)}"
        hint = "write the name in quotes if it looks like a number or a date"
    said.append(Said(("branch",), message, hint))
    return "main"


def _noindex(value: object, said: list[Said]) -> bool:
    if isinstance(value, bool):
        return value
    hint = "true asks search engines not to index the site, false lets them (without quotes)"
    said.append(Said(("noindex",), f"expected true or false, found {written(value)}", hint))
    return True


def _tolerance(value: object, said: list[Said]) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 1:
        return float(value)
    hint = "a fraction from 0 up to 1, e.g. 0.1 for 10% either way"
    message = f"expected a fraction such as 0.1, found {written(value)}"
    said.append(Said(("funnel_tolerance",), message, hint))
    return 0.1


def _edition(value: object, said: list[Said]) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str) and EDITION_NAME.match(value) and value not in RESERVED - {"dev"}:
        return value
    hint = "playbook release sets it while it builds an edition; leave it empty otherwise"
    message = f"expected an edition name such as 2026-q4, or dev, found {written(value)}"
    said.append(Said(("edition",), message, hint))
    return ""


def _history(value: object, said: list[Said]) -> tuple[bool, int]:
    """Return whether to read the history, and how many commits."""
    if isinstance(value, bool):
        return value, _COMMITS
    if not isinstance(value, Mapping):
        message = f"expected true, false or {{commits: N}}, found {written(value)}"
        hint = "false turns the history off, {commits: 50} reads the last 50 commits"
        said.append(Said(("history",), message, hint))
        return True, _COMMITS
    _unknown(value, ("commits",), ("history",), said)
    hint = "write a number such as 50, or history: false to read none"
    commits = _count(value.get("commits", _COMMITS), ("history", "commits"), "commits", hint, said)
    return True, commits or _COMMITS


def _kind_hint(word: str, names: Collection[str], noun: str) -> str:
    """Return the kind a wrong name may mean (if ``names`` has it), then ``names``."""
    meant = {**KINDS, **_MEANT}
    near = closest(word, meant, limit=1)
    guess = meant[near[0]].name.lower() if near else ""
    ask = f"did you mean '{guess}'? " if guess in names else ""
    return f"{ask}the {noun} are {listing(names)}"


def _by_kind(
    value: object, kinds: tuple[str, str], names: Mapping[str, Kind], noun: str, said: list[Said]
) -> Iterator[tuple[Kind, tuple[str, ...], object]]:
    """Yield each kind a mapping names, its setting and its value; say which keys are wrong.

    Args:
        value: The mapping.
        kinds: The setting's name and what it is, e.g. ``a mapping of kinds to pages``.
        names: The kinds it may name.
        noun: What they are, e.g. ``kinds that can be split``.
        said: Where to add what is wrong.
    """
    setting, what = kinds
    for key, item in _mapping(value, (setting,), what, said).items():
        path = (setting, _name(key))
        kind = KINDS.get(key) if isinstance(key, str) else None
        if kind is not None and key in names:
            yield kind, path, item
        elif kind is not None:
            hint = f"the {noun} are {listing(names)}"
            message = f"{written(key)} is a kind that is never split"
            said.append(Said(path, message, hint, on_key=True))
        else:
            hint = _kind_hint(_name(key), names, noun)
            message = f"{written(key)} is not a kind of entry"
            said.append(Said(path, message, hint, on_key=True))


def _page_problem(page: object) -> tuple[str, str] | None:
    """Return what is wrong with a page's path, and the hint, or None."""
    example = "write the page's path from docs/, e.g. glossary.md"
    if not isinstance(page, str) or not page:
        return f"expected the path of a page, found {written(page)}", example
    normal = posixpath.normpath(page.replace("\\", "/"))
    if normal.startswith(("/", "../")) or normal == "..":
        return f"{written(page)} is not a page under docs/", example
    stem, suffix = posixpath.splitext(normal)
    if suffix != ".md":
        return f"{written(page)} is not a Markdown page", f"did you mean {written(stem + '.md')}?"
    if normal != page:
        return f"{written(page)} is not a page's path as MkDocs writes it", (
            f"did you mean {written(normal)}?"
        )
    return None


_PAGES = ("pages", "a mapping of kinds to pages, e.g. {term: glossary.md}")
_LIMITS = ("split_above", "a mapping of kinds to numbers of entries, e.g. {term: 400}")


def _pages(value: object, said: list[Said]) -> Mapping[Kind, str]:
    pages = dict(DEFAULT_PAGES)
    for kind, path, page in _by_kind(value, _PAGES, KINDS, "kinds", said):
        wrong = _page_problem(page)
        if wrong is None and isinstance(page, str):
            pages[kind] = page
        elif wrong is not None:
            said.append(Said(path, *wrong))
    return MappingProxyType(pages)


def _split_above(value: object, said: list[Said]) -> Mapping[Kind, int]:
    limits = dict(SPLIT_ABOVE)
    hint = "a kind's page is split when the kind has more entries than this"
    for kind, path, limit in _by_kind(value, _LIMITS, SPLIT_KINDS, "kinds that can be split", said):
        count = _count(limit, path, "entries", hint, said)
        limits[kind] = count or limits[kind]
    return MappingProxyType(limits)


def read_settings(
    raw: object, locate: Locate | None = None
) -> tuple[Settings, tuple[Problem, ...]]:
    """Read the value of ``extra.playbook`` into settings, and say what is wrong with it.

    Args:
        raw: The value as MkDocs read it from the config; ``{}`` when there is none.
        locate: Where each setting is in the config file; line 1 of ``mkdocs.yml`` if None.

    Returns:
        The settings (a wrong one keeps its default) and every problem, in file order.
    """
    said: list[Said] = []
    given = _mapping(raw, (), "a mapping of settings, e.g. {branch: main}", said)
    _unknown(given, NAMES, (), said)
    history, commits = _history(given.get("history", True), said)
    settings = Settings(
        branch=_branch(given.get("branch", "main"), said),
        noindex=_noindex(given.get("noindex", True), said),
        history=history,
        commits=commits,
        pages=_pages(given.get("pages", {}), said),
        split_above=_split_above(given.get("split_above", {}), said),
        edition=_edition(given.get("edition", ""), said),
        funnel_tolerance=_tolerance(given.get("funnel_tolerance", 0.1), said),
    )
    where = locate or nowhere()
    problems = [
        Problem(where(s.path, s.on_key), "error", f"{_setting(s.path)}: {s.message}", s.hint, CODE)
        for s in said
    ]
    return settings, tuple(sorted(problems, key=lambda p: p.where))


def _setting(path: tuple[str, ...]) -> str:
    return ".".join(("extra", "playbook", *path))
