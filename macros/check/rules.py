"""The playbook's rules between entries: vocabulary, cycles, RACI, SLAs, lifecycle, coverage."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..model.characters import collision_key
from ..model.codes import Code
from ..model.entries import Entry, Playbook, Role, Term
from ..model.index import Index
from ..model.kinds import Kind
from ..model.problems import Location, Problem

_MINUTES = {"minutes": 1, "hours": 60, "business_hours": 60, "days": 1440, "business_days": 480}


def _error(where: Location, message: str, hint: str, code: Code) -> Problem:
    return Problem(where, "error", message, hint, code)


def _warning(where: Location, message: str, hint: str, code: Code) -> Problem:
    return Problem(where, "warning", message, hint, code)


def _names(term: Term) -> Iterator[tuple[str, str, Location]]:
    yield "term", term.term, term.at("term")
    if term.abbreviation:
        yield "abbreviation", term.abbreviation, term.at("abbreviation")
    for synonym in term.synonyms:
        yield "synonym", synonym, term.at("synonyms")


def _written(name: str, other: str) -> str:
    """Say how the other name is written, when it differs in more than case and spaces."""
    if " ".join(name.split()).casefold() == " ".join(other.split()).casefold():
        return ""
    return f" ('{other}' there: they read alike but are written with other characters)"


def vocabulary(playbook: Playbook) -> Iterator[Problem]:
    """Report names, abbreviations and synonyms claimed twice, and avoided words in use.

    Two names are the same word when their :func:`~macros.model.characters.collision_key` is:
    whatever their case, Unicode normalisation, invisible characters or look-alike letters.
    """
    owner: dict[str, tuple[Term, str, str]] = {}
    for term in playbook.terms:
        for what, name, where in _names(term):
            key = collision_key(name)
            if key not in owner:
                owner[key] = (term, what, name)
                continue
            other, other_what, other_name = owner[key]
            if other.id == term.id:
                yield _warning(
                    where,
                    f"term '{term.id}' repeats '{name}' as its {what}" + _written(name, other_name),
                    "remove the repetition",
                    Code.TERM_COLLISION,
                )
                continue
            yield _error(
                where,
                f"term '{term.id}' {what} '{name}' is already the {other_what} of term "
                f"'{other.id}'" + _written(name, other_name),
                "each word may mean one thing; merge the terms or pick another word",
                Code.TERM_COLLISION,
            )
    for term in playbook.terms:
        for word in term.avoid:
            match = owner.get(collision_key(word))
            if match is not None:
                yield _error(
                    term.at("avoid"),
                    f"term '{term.id}' says to avoid '{word}', but it is the {match[1]} of "
                    f"term '{match[0].id}'" + _written(word, match[2]),
                    "a word cannot be both preferred and avoided",
                    Code.AVOID_COLLISION,
                )


def _cycles(
    kind: Kind, entries: dict[str, Entry], edges: Callable[[Entry], tuple[str, ...]], field: str
) -> Iterator[Problem]:
    state: dict[str, int] = {}
    for start in sorted(entries):
        path: list[str] = []
        node: str | None = start
        while node is not None and node in entries and state.get(node, 0) == 0:
            state[node] = 1
            path.append(node)
            nexts = [n for n in edges(entries[node]) if n in entries]
            cycle_at = next((n for n in nexts if state.get(n) == 1), None)
            if cycle_at is not None:
                loop = [*path[path.index(cycle_at) :], cycle_at]
                yield _error(
                    entries[cycle_at].at(field),
                    f"{kind.label}s form a cycle through '{field}': {' → '.join(loop)}",
                    f"one {kind.label} in the loop must stop pointing at the next",
                    Code.CYCLE,
                )
                break
            node = next((n for n in nexts if state.get(n, 0) == 0), None)
        for visited in path:
            state[visited] = 2


def cycles(playbook: Playbook) -> Iterator[Problem]:
    """Report cycles in ``reports_to`` and in KPI ``inputs``."""
    roles: dict[str, Entry] = {role.id: role for role in playbook.roles}
    yield from _cycles(
        Kind.ROLE,
        roles,
        lambda e: (e.reports_to,) if isinstance(e, Role) and e.reports_to else (),
        "reports_to",
    )
    kpis: dict[str, Entry] = {kpi.id: kpi for kpi in playbook.kpis}
    yield from _cycles(Kind.KPI, kpis, lambda e: getattr(e, "inputs", ()), "inputs")


def raci(playbook: Playbook) -> Iterator[Problem]:
    """Report a role holding two letters of one activity (A with R excepted)."""
    for row in playbook.raci:
        letters: dict[str, list[str]] = {}
        for letter, roles in (
            ("R", row.responsible),
            ("A", (row.accountable,)),
            ("C", row.consulted),
            ("I", row.informed),
        ):
            for role in roles:
                letters.setdefault(role, []).append(letter)
        for role, held in sorted(letters.items()):
            if len(held) > 1 and sorted(held) != ["A", "R"]:
                yield _error(
                    row.where,
                    f"RACI activity '{row.id}': role '{role}' is both {' and '.join(held)}",
                    "give each role one letter per activity (only A may also be R)",
                    Code.RACI_LETTERS,
                )


def slas(playbook: Playbook) -> Iterator[Problem]:
    """Report an SLA made to its own provider, or escalations out of time order."""
    for sla in playbook.slas:
        if sla.provider == sla.consumer:
            yield _error(
                sla.at("consumer"),
                f"SLA '{sla.id}' is made by '{sla.provider}' to itself",
                "an SLA is a promise between two different teams or roles",
                Code.SLA_PARTIES,
            )
        times = [step.after * _MINUTES[step.unit] for step in sla.escalation]
        if times != sorted(times):
            yield _error(
                sla.at("escalation"),
                f"SLA '{sla.id}' escalation steps are not in order of time",
                "list the earliest step first",
                Code.ESCALATION_ORDER,
            )
        if sla.target.unit == "percent" and sla.target.value > 100:
            yield _error(
                sla.at("target"), f"SLA '{sla.id}' target is over 100 percent", "", Code.RANGE
            )


def lifecycle(playbook: Playbook, index: Index) -> Iterator[Problem]:
    """Report deprecations without a replacement, and references to deprecated entries."""
    for kind, entry in playbook.all_entries():
        label = f"{kind.label} '{entry.id}'"
        if entry.status == "deprecated" and entry.replaced_by is None:
            yield _error(
                entry.at("status"),
                f"{label} is deprecated without 'replaced_by'",
                "name the entry readers should use instead",
                Code.DEPRECATED,
            )
        if entry.replaced_by is not None:
            if entry.status != "deprecated":
                yield _error(
                    entry.at("replaced_by"),
                    f"{label} has 'replaced_by' but is not deprecated",
                    "set 'status: deprecated' or remove 'replaced_by'",
                    Code.DEPRECATED,
                )
            target = index.get(kind, entry.replaced_by)
            if target is not None and (target.id == entry.id or target.status == "deprecated"):
                yield _error(
                    entry.at("replaced_by"),
                    f"{label} is replaced by '{target.id}', which is itself "
                    + ("this entry" if target.id == entry.id else "deprecated"),
                    "point at a current entry",
                    Code.DEPRECATED,
                )
    yield from _stale_references(playbook, index)


def _stale_references(playbook: Playbook, index: Index) -> Iterator[Problem]:
    for ref in playbook.references:
        source = index.get(ref.source_kind, ref.source_id)
        target = index.resolve(ref)
        if source is None or target is None or source.status == "deprecated":
            continue
        entry = index.get(*target)
        if entry is None or ref.field == "replaced_by" or entry.replaced_by == entry.id:
            continue
        where = f"{ref.source_kind.label} '{ref.source_id}' field '{ref.field}'"
        if entry.id != ref.target:
            yield _warning(
                ref.where,
                f"{where} uses the former id '{ref.target}'",
                f"write '{entry.id}' instead",
                Code.FORMER_ID,
            )
        elif entry.status == "deprecated":
            yield _warning(
                ref.where,
                f"{where} refers to deprecated {target[0].label} '{ref.target}'",
                f"use '{entry.replaced_by}' instead",
                Code.DEPRECATED_REFERENCE,
            )
        elif entry.status == "draft" and source.status == "approved":
            yield _warning(
                ref.where,
                f"{where} refers to draft {target[0].label} '{ref.target}'",
                "approve it first, or make this entry a draft too",
                Code.DRAFT_REFERENCE,
            )


def check_rules(playbook: Playbook, index: Index) -> Iterator[Problem]:
    """Yield the problems of every rule between entries."""
    yield from vocabulary(playbook)
    yield from cycles(playbook)
    yield from raci(playbook)
    yield from slas(playbook)
    yield from lifecycle(playbook, index)
