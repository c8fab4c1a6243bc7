"""Generate valid synthetic playbooks at a given scale, deterministically from a seed.

Every generated playbook passes ``playbook check --strict``: ids are unique, references
resolve, nothing refers to drafts or deprecated entries, every role owns something, every
KPI is reviewed, every stage is measured. Entries are written with the real field names of
:mod:`macros.contract.schema`, which :func:`write_playbook` checks before writing.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import words as w
import yaml

from macros.contract.schema import DATA_DIR, FILES
from macros.model.entries import FREQUENCIES, KPI_UNITS, PERIODS, SLA_UNITS

Record = dict[str, Any]
SEED = 20261122
TEAM_NAMES = [
    "Marketing",
    "Sales Development",
    "Sales",
    "Revenue Operations",
    "Customer Success",
    "Partnerships",
    "Product Marketing",
    "Field Marketing",
    "Sales Engineering",
    "Enablement",
    "Channel Sales",
    "Growth",
]
ROLE_TITLES = ("Manager", "Lead", "Specialist", "Director", "Analyst", "Representative")


@dataclass(frozen=True, slots=True)
class Scale:
    """How many entries of each kind a synthetic playbook has, and how many prose pages."""

    name: str
    teams: int
    roles: int
    raci: int
    terms: int
    stages: int
    kpis: int
    slas: int
    meetings: int
    prose_pages: int

    @property
    def entries(self) -> int:
        """The number of entries of all kinds."""
        kinds = (self.teams, self.roles, self.raci, self.terms, self.stages, self.kpis)
        return sum((*kinds, self.slas, self.meetings))


SCALES = {
    "1k": Scale("1k", 6, 50, 50, 520, 8, 230, 90, 46, 20),
    "5k": Scale("5k", 12, 150, 150, 2600, 12, 1150, 600, 330, 100),
}


class _Book:
    """The playbook being generated: records by kind, and the names and ids in use."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names: set[str] = set()
        self.ids: set[str] = set()
        self.data: dict[str, list[Record]] = {}

    def new_id(self, name: str) -> str:
        base = w.slug(name)[:56].strip("-")
        found, number = base, 1
        while found in self.ids:
            number += 1
            found = f"{base}-{number}"
        self.ids.add(found)
        return found

    def named(self, suffix: str = "") -> tuple[str, str]:
        name = w.unique_name(self.rng, self.names) + suffix
        return self.new_id(name), name

    def reviewed(self) -> dt.date:
        return dt.date(2026, 1, 1) + dt.timedelta(days=self.rng.randrange(300))


def _teams_and_roles(book: _Book, scale: Scale) -> None:
    rng = book.rng
    teams = []
    for number in range(scale.teams):
        name = TEAM_NAMES[number % len(TEAM_NAMES)]
        if number >= len(TEAM_NAMES):
            name += f" {number // len(TEAM_NAMES) + 1}"
        book.names.add(name.casefold())
        teams.append({"id": book.new_id(name), "name": name, "description": w.prose(rng, 2)})
    roles: list[Record] = []
    for number in range(scale.roles):
        team = teams[number % len(teams)]["id"]
        role_id, name = book.named(f" {rng.choice(ROLE_TITLES)}")
        role: Record = {"id": role_id, "name": name, "team": team}
        if rng.random() < 0.5:
            role["short_name"] = w.initials(name)
        role["mission"] = w.prose(rng, 2)
        role["responsibilities"] = w.items(rng, 2, 5)
        same_team = [r["id"] for r in roles if r["team"] == team]
        if same_team:
            role["reports_to"] = rng.choice(same_team[:3])
        if rng.random() < 0.5:
            role["last_reviewed"] = book.reviewed()
        roles.append(role)
    raci = []
    for _ in range(scale.raci):
        start = rng.randrange(len(roles))
        nearby = [roles[(start + k) % len(roles)]["id"] for k in range(12)]
        picked = rng.sample(nearby, rng.randint(2, 6))
        activity_id, activity = book.named()
        row: Record = {"id": activity_id, "activity": activity, "accountable": picked[0]}
        row["responsible"] = picked[1:2] if rng.random() < 0.7 else picked[:2]
        if len(picked) > 2:
            cut = rng.randint(2, len(picked))
            row["consulted"], row["informed"] = picked[2:cut], picked[cut:]
        raci.append({k: v for k, v in row.items() if v != []})
    book.data["roles.yml"] = [{"teams": teams, "roles": roles, "raci": raci}]


def _term(book: _Book, owner: str) -> Record:
    rng = book.rng
    term_id, name = book.named()
    term: Record = {"id": term_id, "term": name}
    abbreviation = w.initials(name)
    if rng.random() < 0.25 and abbreviation.casefold() not in book.names:
        book.names.add(abbreviation.casefold())
        term["abbreviation"] = abbreviation
    if rng.random() < 0.2:
        term["synonyms"] = [w.unique_name(rng, book.names)]
    term["definition"] = w.prose(rng, rng.randint(2, 4))
    term["owner"] = owner
    return term


def _statuses(rng: random.Random, terms: list[Record]) -> list[str]:
    """Make a few terms drafts or deprecated; return the ids of the current ones."""
    current = [t["id"] for t in terms]
    for term in terms:
        roll = rng.random()
        if roll < 0.04:
            term["status"] = "deprecated" if roll < 0.02 else "draft"
            current.remove(term["id"])
    return current


def _terms(book: _Book, scale: Scale, roles: list[str]) -> list[str]:
    """Generate the glossary; return the ids others may refer to (approved, current)."""
    rng = book.rng
    terms = [_term(book, roles[number % len(roles)]) for number in range(scale.terms)]
    for term in terms:
        avoid = f"{rng.choice(w.AVOIDED)} {term['term'].split()[-1]}"
        if rng.random() < 0.1 and avoid.casefold() not in book.names:
            term["avoid"] = [avoid]
    current = _statuses(rng, terms)
    for term in terms:
        if term.get("status") == "deprecated":
            term["replaced_by"] = rng.choice(current)
        elif rng.random() < 0.6:
            others = [t for t in rng.sample(current, 3) if t != term["id"]]
            term["see_also"] = others[: rng.randint(1, 3)]
        if rng.random() < 0.03:
            term["renamed_from"] = [book.new_id(f"old {term['id']}")]
        if rng.random() < 0.3:
            term["sources"] = [f"{w.sentence(rng, 6)} (https://example.com/{term['id']})"]
        term["last_reviewed"] = book.reviewed()
    book.data["glossary.yml"] = [{"terms": terms}]
    return current


def _stages(book: _Book, scale: Scale, roles: list[str], terms: list[str]) -> list[str]:
    rng = book.rng
    stages = []
    for number in range(scale.stages):
        stage_id, name = book.named()
        stage: Record = {"id": stage_id, "name": name, "owner": rng.choice(roles)}
        stage["definition"] = w.prose(rng, 2)
        stage["entry_criteria"] = w.items(rng, 1, 4)
        stage["exit_criteria"] = w.items(rng, 1, 3)
        if number % 2 == 0:
            stage["term"] = terms[number]
        if number % 3 == 1:
            stage["qualification"] = {
                "framework": rng.choice(("BANT", "MEDDICC", "CHAMP", "GPCTBA")),
                "criteria": w.items(rng, 3, 5),
                "pass_rule": "3 criteria met",
            }
        stages.append(stage)
    book.data["funnel.yml"] = [{"stages": stages}]
    return [s["id"] for s in stages]


def _kpis(book: _Book, scale: Scale, roles: list[str], stages: list[str]) -> list[str]:
    rng = book.rng
    kpis: list[Record] = []
    for number in range(scale.kpis):
        kpi_id, name = book.named()
        unit = rng.choice(KPI_UNITS)
        kpi: Record = {"id": kpi_id, "name": name, "definition": w.prose(rng, 2)}
        kpi["formula"] = f"{w.item(rng).lower()} ÷ {rng.choice(w.NOUNS)}s"
        kpi["unit"] = unit
        kpi["owner"] = rng.choice(roles)
        kpi["stage"] = stages[number % len(stages)]
        value = (
            round(rng.uniform(1, 95), 1) if unit in ("percent", "ratio") else rng.randint(2, 900)
        )
        kpi["target"] = {"value": value, "period": rng.choice(PERIODS)}
        kpi["direction"] = rng.choice(("up", "down"))
        if number > 5 and rng.random() < 0.4:
            kpi["inputs"] = sorted({kpis[rng.randrange(number)]["id"] for _ in range(2)})
        if rng.random() < 0.2:
            kpi["benchmark"] = w.sentence(rng, 10)
        kpis.append(kpi)
    book.data["kpis.yml"] = [{"kpis": kpis}]
    return [k["id"] for k in kpis]


def _meetings(book: _Book, scale: Scale, roles: list[str], kpis: list[str]) -> list[Record]:
    rng = book.rng
    meetings = []
    for number in range(scale.meetings):
        meeting_id, name = book.named(" Meeting")
        owner = rng.choice(roles)
        others = [r for r in rng.sample(roles, 6) if r != owner]
        meeting: Record = {"id": meeting_id, "name": name, "frequency": rng.choice(FREQUENCIES)}
        meeting["duration_minutes"] = rng.choice((15, 30, 45, 60, 90, 120))
        meeting["owner"] = owner
        meeting["attendees"] = [owner, *others[: rng.randint(1, 5)]]
        meeting["purpose"] = w.prose(rng, 1)
        meeting["outputs"] = w.items(rng, 1, 3)
        meeting["inputs"] = kpis[number :: scale.meetings]
        if rng.random() < 0.6:
            meeting["agenda"] = w.items(rng, 2, 5)
        meetings.append(meeting)
    return meetings


def _slas(book: _Book, scale: Scale, roles: list[str], terms: list[str]) -> None:
    rng = book.rng
    teams = [t["id"] for t in book.data["roles.yml"][0]["teams"]]
    kpis = [k["id"] for k in book.data["kpis.yml"][0]["kpis"]]
    meetings = _meetings(book, scale, roles, kpis)
    slas = []
    for _ in range(scale.slas):
        sla_id, title = book.named(" Promise")
        provider, consumer = rng.sample(teams + roles, 2)
        sla: Record = {"id": sla_id, "title": title, "provider": provider, "consumer": consumer}
        sla["commitment"] = w.prose(rng, 2)
        unit = rng.choice(SLA_UNITS)
        bound = rng.choice(("at_most", "at_least"))
        sla["target"] = {bound: rng.randint(1, 100), "unit": unit}
        if unit in ("count", "percent", "attempts"):
            sla["target"]["per"] = rng.choice(PERIODS)
        sla["measured_by"] = rng.choice(kpis)
        meeting = rng.choice(meetings)
        sla["reviewed_in"] = meeting["id"]
        meeting["inputs"].append(sla_id)
        steps = rng.randint(0, 3)
        if steps:
            sla["escalation"] = [
                {"after": 4 * (k + 1), "unit": "hours", "to": rng.choice(roles)}
                | {"action": w.sentence(rng, 6)}
                for k in range(steps)
            ]
        if rng.random() < 0.4:
            sla["trigger"] = rng.choice(terms)
        if rng.random() < 0.3:
            sla["exceptions"] = w.items(rng, 1, 2)
        slas.append(sla)
    book.data["slas.yml"] = [{"slas": slas}]
    book.data["cadence.yml"] = [{"meetings": meetings}]


def generate(scale: Scale, seed: int = SEED) -> dict[str, Record]:
    """Return the playbook's data files at ``scale``: file name to YAML document."""
    book = _Book(random.Random(f"{seed}-{scale.name}"))
    _teams_and_roles(book, scale)
    roles = [r["id"] for r in book.data["roles.yml"][0]["roles"]]
    terms = _terms(book, scale, roles)
    stages = _stages(book, scale, roles, terms)
    _kpis(book, scale, roles, stages)
    _slas(book, scale, roles, terms)
    return {name: {"version": 1, **sections[0]} for name, sections in book.data.items()}


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:  # noqa: ARG002 (PyYAML's signature)
        return True


def _check_fields(files: dict[str, Record]) -> None:
    """Fail if a generated record has a field the real schema does not declare."""
    for spec in FILES:
        for section in spec.sections:
            names = {f.name for f in section.record.fields}
            for record in files[spec.name][section.key]:
                unknown = set(record) - names
                if unknown:
                    raise ValueError(f"{spec.name}: unknown fields {sorted(unknown)}")


def write_playbook(project: Path, scale: Scale, seed: int = SEED) -> dict[str, Record]:
    """Write a synthetic playbook into ``project/playbook_data/``; return its files' data."""
    files = generate(scale, seed)
    _check_fields(files)
    data_dir = project / DATA_DIR
    data_dir.mkdir(parents=True, exist_ok=True)
    for name, document in files.items():
        text = yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=96)
        (data_dir / name).write_text(f"# Synthetic playbook, scale {scale.name}.\n{text}")
    return files
