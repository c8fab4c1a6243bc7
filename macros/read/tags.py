"""Released editions as git knows them: one tag ``edition/NAME`` per edition.

Editions are ordered by the date of their tag (the tagger's date for an annotated tag, the
commit's for a lightweight one), never by name: ``2026-q4`` and ``2027-h1`` sort by when
they were released.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .git import run_git

TAG_PREFIX = "edition/"
"""Every edition's tag is this prefix and the edition's name."""

NAME = re.compile(r"^[0-9a-z](?:[0-9a-z.]|-(?!-)){0,39}$")
"""An edition name: lowercase letters, digits, dots and single hyphens, at most 40."""

RESERVED = frozenset({"latest", "dev"})
"""Names of the aliases and of the development version, never an edition's."""


@dataclass(frozen=True, slots=True)
class EditionTag:
    """One released edition's tag.

    Attributes:
        name: The edition's name, e.g. ``2026-q4`` (the tag without ``edition/``).
        commit: The commit the tag points at.
        date: The tag's date, in seconds since the epoch.
    """

    name: str
    commit: str
    date: int

    @property
    def tag(self) -> str:
        """The tag's name, e.g. ``edition/2026-q4``."""
        return TAG_PREFIX + self.name


def name_problem(name: str) -> str | None:
    """Return why a name cannot be an edition's, or None when it can."""
    if name in RESERVED:
        what = "the alias of the newest edition" if name == "latest" else "the development version"
        return f"'{name}' is reserved for {what}"
    if not NAME.match(name):
        return (
            f"'{name}' is not an edition name: use lowercase letters, digits, dots and single "
            "hyphens, starting with a letter or digit, at most 40 characters (e.g. 2026-q4)"
        )
    return None


def edition_tags(project: Path, merged: str | None = None) -> list[EditionTag]:
    """Return the edition tags, newest first; with ``merged``, only those it contains.

    Args:
        project: A directory inside the repository.
        merged: A commit: keep only the tags whose commit is this one or an ancestor of it.

    Returns:
        The tags by date, newest first (ties by name, so the order is always the same);
        empty outside a repository.
    """
    args = [
        "for-each-ref",
        "--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)%00%(creatordate:unix)",
    ]
    if merged is not None:
        args.append(f"--merged={merged}")
    done = run_git(project, *args, "refs/tags/" + TAG_PREFIX)
    if done.returncode != 0:
        return []
    found = []
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        tag, own, peeled, date = [*line.split("\0"), "", "", ""][:4]
        name = tag.removeprefix(TAG_PREFIX)
        if tag.startswith(TAG_PREFIX) and name_problem(name) is None and date.isdigit():
            found.append(EditionTag(name, peeled or own, int(date)))
    found.sort(key=lambda t: (-t.date, t.name))
    return found


def previous_edition(project: Path, commit: str, edition: str = "") -> EditionTag | None:
    """Return the newest edition tag at ``commit`` or before it, other than ``edition``.

    This is what an edition is compared with: the same commit and the same tags always
    give the same answer, whatever was released later or on other branches.
    """
    for found in edition_tags(project, merged=commit):
        if found.name != edition:
            return found
    return None
