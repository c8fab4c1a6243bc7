"""Where a problem is and what it is: file positions, problems, and the error carrying them.

Every stage (loading, checking, comparing) reports what is wrong with the data as
:class:`Problem` records anchored to a :class:`Location`; they are printed as
``path:line:col: severity: message; hint``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .codes import Code, Severity
from .printable import printable


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A position in a data file: 1-based line and column.

    Attributes:
        path: The file as shown to the user, e.g. ``playbook_data/kpis.yml``.
        line: 1-based line number.
        col: 1-based column number.
    """

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        """Return ``path:line:col``."""
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the data, anchored to where it is.

    Attributes:
        where: The file position the problem is about.
        severity: ``error`` fails the check; ``warning`` fails it only with ``--strict``.
        message: What is wrong, in one sentence without a final period.
        hint: How to fix it (closest ids, allowed values), or empty.
        code: The rule it breaks (see :class:`~macros.model.codes.Code`).
    """

    where: Location
    severity: Severity
    message: str
    hint: str
    code: Code

    def __post_init__(self) -> None:
        """Refuse a code that is not one of the registry's.

        Raises:
            TypeError: When ``code`` is not a :class:`~macros.model.codes.Code`.
        """
        if not isinstance(self.code, Code):
            raise TypeError(f"problem code {self.code!r} is not a Code")

    def __str__(self) -> str:
        r"""Return ``path:line:col: severity: message; hint``, safe to print to a terminal.

        Control and format characters from the data (``\r``, escape sequences, bidi
        overrides) are written out as escapes, so the line shows what it says.
        """
        text = f"{self.where}: {self.severity}: {self.message}"
        return printable(f"{text}; {self.hint}" if self.hint else text)


class DataError(Exception):
    """The playbook data has errors; carries every problem found, in file order."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        """Create the error from the problems found.

        Args:
            problems: All problems, errors and warnings, sorted by location.
        """
        self.problems = problems
        errors = sum(1 for p in problems if p.severity == "error")
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"the playbook data has {errors} error(s):\n{lines}")
