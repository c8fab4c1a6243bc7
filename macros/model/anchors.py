"""The anchors the handbook makes itself, declared once, and names made unique by construction.

An entry's id is its permanent anchor (``glossary/#mql``). The pages carry anchors of their
own too: a heading per glossary letter (``letter-m``), per funnel stage, per frequency, per
pair of teams, per team of a split page, and the section headings of the prose pages that
hold the entries. The renderers make those anchors from the families declared here, and the
checker refuses an entry id (or former id) that would take one of them: two elements of a
page sharing an id would send a permanent link to the wrong place.

Generated names that could still coincide (two groups whose keys slug alike, two parts
wanting one path) go through :class:`Names`, which adds ``--2``, ``--3``… to a name already
taken. An id never holds ``--``, so a name made unique that way is never one that data can
ask for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Family:
    """Anchors the renderer makes: every anchor starting with a prefix, or one exact anchor.

    Attributes:
        anchor: The prefix (ending in ``-``) or the exact anchor.
        what: What carries these anchors, as users read it.
    """

    anchor: str
    what: str

    @property
    def is_prefix(self) -> bool:
        """Whether the family is every anchor starting with ``anchor``."""
        return self.anchor.endswith("-")

    def __call__(self, key: str) -> str:
        """Return the anchor of one group of this family, e.g. ``letter-m``."""
        return f"{self.anchor}{key}"

    def takes(self, id_: str) -> bool:
        """Whether ``id_`` is one of this family's anchors."""
        return id_.startswith(self.anchor) if self.is_prefix else id_ == self.anchor


LETTER = Family("letter-", "the glossary's letter headings")
STAGE = Family("stage-", "the KPI headings by funnel stage")
EVERY = Family("every-", "the meeting headings by frequency")
FROM = Family("from-", "the SLA headings by team")
ROLES = Family("roles-", "the team headings of a split role charter")
RACI = Family("raci-", "the RACI headings (the matrix, and the teams of a split RACI)")
OWN = Family("pb-", "the handbook's own elements, such as the title of a part page")
MEETING_LOAD = Family("meeting-load", "the cadence's time-in-meetings heading")

PART_TITLE = OWN("part")
"""The anchor of the title of a part page (``glossary/m/``)."""

PROSE_HEADINGS = frozenset(
    {
        "glossary",
        "roles-and-raci",
        "raci-matrix",
        "teams",
        "roles",
        "funnel",
        "kpis",
        "service-level-agreements",
        "meeting-cadence",
    }
)
"""The anchors of the headings of the prose pages that hold the entries (``docs/*.md``),
as the Markdown ``toc`` extension makes them. ``tests/test_split_paths.py`` keeps this in
step with the pages."""

RESERVED: tuple[Family, ...] = (
    LETTER,
    STAGE,
    EVERY,
    FROM,
    ROLES,
    RACI,
    OWN,
    MEETING_LOAD,
    *(Family(anchor, "a section heading of the prose pages") for anchor in sorted(PROSE_HEADINGS)),
)
"""Every anchor the handbook makes, which no entry id may take."""


FIXED: frozenset[str] = PROSE_HEADINGS | {MEETING_LOAD.anchor, PART_TITLE}
"""The handbook's own anchors that are not made from a key: a group's anchor (``raci-`` and
a team ``matrix``) must not take one of them either."""


def reserved_by(id_: str) -> Family | None:
    """Return the family of handbook anchors that ``id_`` belongs to, or None."""
    return next((family for family in RESERVED if family.takes(id_)), None)


SEPARATOR = "--"
"""What joins a name and its number when the name is taken; no id holds it."""


class Names:
    """Hands out names unique by construction: a taken name gets ``--2``, ``--3``… added.

    ``same`` maps a name to what makes two names the same (e.g. the URL a page path is
    served at); two names are told apart by that, not by their spelling.
    """

    def __init__(self, taken: Iterable[str] = (), same: Callable[[str], str] = str) -> None:
        """Create an allocator.

        Args:
            taken: Names already in use.
            same: What two names must differ in.
        """
        self._same = same
        self._taken = {same(name) for name in taken}

    def claim(self, wanted: str) -> str:
        """Return ``wanted``, or the first of ``wanted--2``, ``wanted--3``… that is free."""
        name, number = wanted, 1
        while self._same(name) in self._taken:
            number += 1
            name = f"{wanted}{SEPARATOR}{number}"
        self._taken.add(self._same(name))
        return name
