"""What actuals cost: 5,000 KPIs with 24 periods of actuals each, against the same without.

A synthetic playbook of 5,000 KPIs is built twice, in turn: as generated, and with 120,000
actuals (24 periods of each KPI, written as its period is counted) spread over several CSV
files, each under the 5 MB limit. The figures are the medians of both builds and of loading
and checking the data, their ratios, and the largest page, which must stay under 1.5 MB.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path
from typing import Any

from measure import alternate, build, load_and_check, median, site_sizes
from projects import OUT, prepare
from synth import SCALES, Scale

from macros.check.actuals import period_of
from macros.read.actuals import MAX_BYTES
from macros.read.load import load_directory

KPIS = 5000
PERIODS = 24
ROWS_PER_FILE = 25_000
PAGE_LIMIT = 1_500_000
SCALE = Scale("actuals", 6, 60, 20, 200, 12, KPIS, 40, 30, 1)


def _periods(kind: str) -> list[str]:
    """Return 24 consecutive periods of a kind, ending in 2025."""
    if kind == "year":
        return [str(y) for y in range(2025 - PERIODS + 1, 2026)]
    if kind == "quarter":
        return [f"{2020 + n // 4}-Q{n % 4 + 1}" for n in range(PERIODS)]
    if kind == "week":
        return [f"2025-W{w:02d}" for w in range(1, PERIODS + 1)]
    if kind == "day":
        first = dt.date(2025, 12, 1)
        return [(first + dt.timedelta(days=n)).isoformat() for n in range(PERIODS)]
    return [f"{2024 + n // 12}-{n % 12 + 1:02d}" for n in range(PERIODS)]


def write_actuals(project: Path, seed: int = 7) -> tuple[int, list[int]]:
    """Write 24 periods of actuals of every KPI; return the rows and each file's size."""
    rng = random.Random(seed)
    playbook = load_directory(project).playbook
    rows = []
    for kpi in playbook.kpis:
        for period in _periods(period_of(kpi)):
            value = kpi.target.value * rng.uniform(0.8, 1.2)
            value = min(value, 100.0) if kpi.unit == "percent" else value
            written = str(round(value)) if kpi.unit == "count" else f"{value:.1f}"
            rows.append(f"{period},{kpi.id},{written}\n")
    folder = project / "playbook_data" / "actuals"
    folder.mkdir(exist_ok=True)
    sizes = []
    for number in range(0, len(rows), ROWS_PER_FILE):
        text = "period,kpi,value\n" + "".join(rows[number : number + ROWS_PER_FILE])
        path = folder / f"crm-{number // ROWS_PER_FILE + 1:02d}.csv"
        path.write_text(text, encoding="utf-8")
        sizes.append(path.stat().st_size)
    if max(sizes) > MAX_BYTES:
        raise RuntimeError(f"an actuals file is {max(sizes)} bytes, over the limit")
    return len(rows), sizes


def actuals_cost(runs: int = 3) -> dict[str, Any]:
    """Build 5,000 KPIs with and without their actuals, in turn; return the figures."""
    SCALES[SCALE.name] = SCALE
    without = prepare(SCALE.name).handbook
    sites = OUT / SCALE.name / "sites"
    bare = load_and_check(without, 3)
    base = OUT / f"{SCALE.name}-measured"
    shutil.rmtree(base, ignore_errors=True)
    shutil.copytree(without, base, symlinks=True)
    rows, sizes = write_actuals(base)
    measured = load_and_check(base, 3)
    if bare.problems or measured.problems:
        raise RuntimeError(f"problems: {bare.problems} without, {measured.problems} with")
    results = alternate(
        {
            "without": lambda: build(without / "mkdocs.yml", sites / "without"),
            "with": lambda: build(base / "mkdocs.yml", sites / "with"),
        },
        runs,
    )
    off = median([b.wall for b in results["without"]])
    on = median([b.wall for b in results["with"]])
    site = site_sizes(sites / "with")
    return {
        "kpis": KPIS,
        "periods": PERIODS,
        "rows": rows,
        "files": len(sizes),
        "largest_file_bytes": max(sizes),
        "load_and_check_seconds": {"without": bare.wall, "with": measured.wall},
        "load_and_check_ratio": round(measured.wall / bare.wall, 2),
        "build_seconds": {"without": off, "with": on},
        "build_ratio": round(on / off, 2),
        "runs": runs,
        "largest_page": site["largest_page"],
        "largest_page_bytes": site["largest_page_bytes"],
        "pages_within_limit": int(str(site["largest_page_bytes"])) <= PAGE_LIMIT,
    }
