"""What `playbook check` costs when a pull request names 110,000 roles that do not exist.

A synthetic playbook with 3,000 roles (entries as rich as the generator makes them) is
checked twice by the real command line, in a fresh process each time: as generated, and
with one more meeting whose attendees are 110,000 distinct unknown role ids, each a
plausible typo of a real one. Every wrong id must be reported with a hint; close matches
are looked for only for the first few hundred (:data:`macros.model.hints.LOOKUPS`), so the
check stays within seconds instead of the ten minutes an unbounded search took.
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml
from projects import ENV, OUT, ROOT
from report import markdown
from synth import Scale, write_playbook

from macros.model.hints import LOOKUPS

ROLES = 3000
UNKNOWN = 110_000
GOAL_SECONDS = 10.0
PLAYBOOK = str(Path(sys.executable).with_name("playbook"))


def _with_unknown_attendees(project: Path, roles: list[str], count: int) -> None:
    """Add a meeting whose attendees are ``count`` distinct ids that name no role."""
    cadence = project / "playbook_data" / "cadence.yml"
    document = yaml.safe_load(cadence.read_text(encoding="utf-8"))
    typos = [f"{roles[n % len(roles)]}-{n // len(roles)}x" for n in range(count)]
    meeting = {
        "id": "all-hands-of-typos",
        "name": "All hands of typos",
        "frequency": "monthly",
        "duration_minutes": 60,
        "owner": roles[0],
        "attendees": typos,
        "purpose": "Name every role there is, each one slightly wrong.",
        "outputs": ["Nothing"],
    }
    document["meetings"] = [*document.get("meetings", []), meeting]
    cadence.write_text(yaml.safe_dump(document, sort_keys=False, width=96), encoding="utf-8")


def _check(project: Path) -> tuple[float, int]:
    """Run ``playbook check`` in a fresh process: seconds and the number of errors."""
    start = time.perf_counter()
    done = subprocess.run(
        [PLAYBOOK, "check"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env=ENV,
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise RuntimeError(f"playbook check failed: {done.stderr[-2000:]}")
    tally = re.search(r"^playbook check: ([0-9]+) errors?", done.stdout, re.MULTILINE)
    if tally is None:
        raise RuntimeError(f"playbook check printed no tally: {done.stdout[-2000:]}")
    return seconds, int(tally.group(1))


def hint_cost(
    work: Path, runs: int = 3, roles: int = ROLES, unknown: int = UNKNOWN
) -> dict[str, Any]:
    """Time the check of ``roles`` roles with and without ``unknown`` unknown references."""
    clean, typos = work / "hints-clean", work / "hints-typos"
    scale = Scale("hints", 12, roles, 40, 200, 6, 60, 30, 20, 0)
    for project in (clean, typos):
        files = write_playbook(project, scale)
    role_ids = [role["id"] for role in files["roles.yml"]["roles"]]
    _with_unknown_attendees(typos, role_ids, unknown)
    without = [_check(clean)[0] for _ in range(runs)]
    measured = [_check(typos) for _ in range(runs)]
    errors = measured[0][1]
    if errors < unknown:
        raise RuntimeError(f"only {errors} of {unknown} unknown references were reported")
    median = statistics.median(seconds for seconds, _ in measured)
    baseline = statistics.median(without)
    return {
        "roles": roles,
        "unknown_references": unknown,
        "errors_reported": errors,
        "close_match_lookups": LOOKUPS,
        "runs": runs,
        "median_seconds": round(median, 2),
        "median_seconds_without_unknown": round(baseline, 2),
        "ratio": round(median / baseline, 2),
        "goal_seconds": GOAL_SECONDS,
        "meets_goal": median < GOAL_SECONDS,
    }


def record(results: Path, figures: dict[str, Any]) -> None:
    """Put ``figures`` into the committed results as their ``hints`` part."""
    document = json.loads((results / "results.json").read_text(encoding="utf-8"))
    document["hints"] = figures
    (results / "results.json").write_text(json.dumps(document, indent=2) + "\n")
    (results / "results.md").write_text(markdown(document))


if __name__ == "__main__":
    # Measure this part alone and record it with the last full run: python bench/hints.py
    figures = hint_cost(OUT)
    print(figures)
    record(ROOT / "bench" / "results", figures)
