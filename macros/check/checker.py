"""Check a loaded playbook as a whole: ids, references, and the rules between entries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model.codes import Code
from ..model.entries import Playbook, Reference
from ..model.hints import LOOKUPS, Budget, Vocabulary
from ..model.index import Index
from ..model.kinds import Kind
from ..model.problems import DataError, Problem
from ..read.load import Declared, Loaded, load_directory, paused_gc
from . import rules
from .actuals import check_actuals
from .funnel import TOLERANCE, funnel_problems
from .links import link_problems
from .measures import measures
from .reserved import reserved_ids
from .schedule import schedules
from .usage import coverage


def duplicate_ids(declared: Iterable[Declared]) -> Iterator[Problem]:
    """Report ids declared twice in one kind, or once each in two kinds shown on one page.

    Each id is an anchor of its kind's page, so kinds on one page share one set of ids (the
    role charter's teams, roles and RACI activities); references may name a team or a role.
    """
    first: dict[tuple[str, str], Declared] = {}
    for item in declared:
        key = (item.kind.info.page, item.id)
        if key not in first:
            first[key] = item
            continue
        other = first[key]
        yield Problem(
            item.where,
            "error",
            f"{item.kind.label} id '{item.id}' is already used by the {other.kind.label} "
            f"at {other.where.path}:{other.where.line}",
            "ids are permanent links and must be unique; rename one of the two",
            Code.DUPLICATE_ID,
        )


def former_id_clashes(playbook: Playbook) -> Iterator[Problem]:
    """Report a ``renamed_from`` id that is still in use, or claimed by two entries."""
    for kind in Kind:
        live = {entry.id for entry in playbook.entries(kind)}
        claimed: dict[str, str] = {}
        for entry in playbook.entries(kind):
            for old in entry.renamed_from:
                where = entry.at("renamed_from")
                if old in live:
                    yield Problem(
                        where,
                        "error",
                        f"{kind.label} '{entry.id}' lists '{old}' in renamed_from, but a "
                        f"{kind.label} with that id still exists",
                        "an id can only move when its old entry is gone",
                        Code.RENAMED_FROM,
                    )
                elif old in claimed:
                    yield Problem(
                        where,
                        "error",
                        f"{kind.label} '{entry.id}' and '{claimed[old]}' both claim the former "
                        f"id '{old}'",
                        "an old link can land on one entry only",
                        Code.RENAMED_FROM,
                    )
                claimed.setdefault(old, entry.id)


def _unknown(ref: Reference, vocabulary: Vocabulary, budget: Budget) -> Problem:
    """The error for a reference naming no entry, with the hint for what it may have meant."""
    noun = " and ".join(f"{kind.label} ids" for kind in ref.targets)
    names = " or ".join(kind.label for kind in ref.targets)
    return Problem(
        ref.where,
        "error",
        f"{ref.source_kind.label} '{ref.source_id}' field '{ref.field}': "
        f"'{ref.target}' is not a known {names}",
        vocabulary.hint(ref.target, noun, budget),
        Code.UNKNOWN_REFERENCE,
    )


def unresolved_references(
    playbook: Playbook,
    declared: Iterable[Declared],
    unreadable: frozenset[Kind] = frozenset(),
    lookups: int = LOOKUPS,
) -> Iterator[Problem]:
    """Report every reference that names no entry of the kinds it may name.

    References that may name a kind in ``unreadable`` are skipped: their file did not load.
    At most ``lookups`` distinct wrong ids are compared with the valid ones for a hint.
    """
    budget = Budget(lookups)
    ids: dict[Kind, set[str]] = defaultdict(set)
    for item in declared:
        ids[item.kind].add(item.id)
    for kind, entry in playbook.all_entries():
        ids[kind].update(entry.renamed_from)
    vocabularies: dict[tuple[Kind, ...], Vocabulary] = {}
    for ref in playbook.references:
        matches = [kind for kind in ref.targets if ref.target in ids[kind]]
        if not matches and unreadable.intersection(ref.targets):
            continue
        if not matches:
            if ref.targets not in vocabularies:
                known = set().union(*(ids[kind] for kind in ref.targets))
                vocabularies[ref.targets] = Vocabulary(known)
            yield _unknown(ref, vocabularies[ref.targets], budget)
        elif len(matches) > 1 and set(matches) != {Kind.TEAM, Kind.ROLE}:
            labels = " and a ".join(kind.label for kind in matches)
            yield Problem(
                ref.where,
                "error",
                f"{ref.source_kind.label} '{ref.source_id}' field '{ref.field}': "
                f"'{ref.target}' is both a {labels}",
                "rename one of them so the reference is unambiguous",
                Code.AMBIGUOUS_REFERENCE,
            )


def check_loaded(
    loaded: Loaded,
    index: Index | None = None,
    lookups: int = LOOKUPS,
    tolerance: float = TOLERANCE,
) -> tuple[Problem, ...]:
    """Return every problem of a loaded playbook, the loader's included, sorted by place.

    Args:
        loaded: The loaded playbook.
        index: The playbook's index, when the caller has built it already.
        lookups: How many wrong ids at most get a close-match hint.
        tolerance: How far a target may stray from the modelled funnel (0.1 is 10%).
    """
    playbook = loaded.playbook
    found: list[Problem] = list(loaded.problems)
    found += duplicate_ids(loaded.declared)
    found += former_id_clashes(playbook)
    found += reserved_ids(playbook)
    found += unresolved_references(playbook, loaded.declared, loaded.unreadable, lookups)
    index = index or Index(playbook)
    found += rules.check_rules(playbook, index)
    found += measures(playbook)
    found += check_actuals(playbook, loaded.as_of)[1]
    found += link_problems(playbook)
    found += schedules(playbook)
    if not any(p.severity == "error" for p in found):
        # Coverage is judged on a complete playbook only: a broken entry would look unused.
        found += coverage(playbook, index)
        found += funnel_problems(playbook, tolerance)
    unique = dict.fromkeys(found)
    return tuple(sorted(unique, key=lambda p: (p.where, p.severity, p.message)))


def check_directory(project: Path, root: str = ".") -> tuple[Playbook, tuple[Problem, ...]]:
    """Load and check the playbook of a project directory.

    Args:
        project: The project directory.
        root: The project root as the user named it, for the paths in messages.

    Returns:
        The playbook (valid entries only) and every problem, errors and warnings.
    """
    with paused_gc():
        loaded = load_directory(project, root)
        return loaded.playbook, check_loaded(loaded)


def load_checked(project: Path, root: str = ".", *, strict: bool = False) -> Playbook:
    """Load a playbook, raising when it has errors (or warnings, when strict).

    Args:
        project: The project directory.
        root: The project root as the user named it, for the paths in messages.
        strict: Treat warnings as errors.

    Returns:
        The playbook.

    Raises:
        DataError: With every problem, when the data is not clean enough.
    """
    playbook, problems = check_directory(project, root)
    failing = [p for p in problems if p.severity == "error" or strict]
    if failing:
        raise DataError(problems)
    return playbook
