"""Benchmark the handbook against plain MkDocs at three scales; ``make bench`` runs it.

For each scale (the default playbook, about 1,000 and about 5,000 synthetic entries with
prose pages) it builds (a) our handbook and (b) the same site as hand-written Markdown, in
alternation, and reports the medians and their ratio, the time to load and check the data,
peak memory, the largest page and the search index. It also times a ``mkdocs serve``
rebuild after one YAML edit. Results go to ``bench/results/results.{json,md}``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

from actuals import actuals_cost
from hints import hint_cost
from history import history_cost
from measure import Build, alternate, build, differing_files, load_and_check, median, site_sizes
from projects import OUT, ROOT, SCALE_NAMES, capture, prepare
from report import markdown
from serve import serve_rebuilds

RESULTS = ROOT / "bench" / "results"
BUILD_RUNS = {"default": 7, "1k": 5, "5k": 5}
LOAD_RUNS = {"default": 11, "1k": 9, "5k": 7}
GOAL_RATIO = 1.10


def machine() -> dict[str, Any]:
    """Describe the machine and the versions the figures were taken with."""
    cpuinfo = Path("/proc/cpuinfo")
    models = [
        line.split(":", 1)[1].strip()
        for line in (cpuinfo.read_text().splitlines() if cpuinfo.exists() else [])
        if line.startswith("model name")
    ]
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return {
        "nproc": os.cpu_count(),
        "cpu_model": models[0] if models else platform.processor(),
        "memory_gib": round(memory / 1024**3, 1),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "mkdocs_material": version("mkdocs-material"),
        "mkdocs_macros_plugin": version("mkdocs-macros-plugin"),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def _summary(builds: list[Build]) -> dict[str, Any]:
    return {
        "runs": len(builds),
        "wall_seconds": [round(b.wall, 3) for b in builds],
        "median_wall_seconds": median([b.wall for b in builds]),
        "median_cpu_seconds": median([b.cpu for b in builds]),
        "peak_rss_mib": round(max(b.rss for b in builds), 1),
    }


def bench_scale(scale: str, runs: int) -> dict[str, Any]:
    """Build both sites of one scale ``runs`` times each and return the figures."""
    print(f"[{scale}] preparing", flush=True)
    project = prepare(scale)
    check = load_and_check(project.handbook, LOAD_RUNS.get(scale, 5))
    if check.problems:
        raise RuntimeError(f"{scale}: the playbook has {check.problems} problem(s)")
    sites = OUT / scale / "sites"
    print(f"[{scale}] {project.entries} entries; capturing the baseline", flush=True)
    capture(project, sites / "capture")
    build(project.plain / "mkdocs.yml", sites / "plain")  # warm-up of the baseline
    print(f"[{scale}] building both sites {runs} times, in turn", flush=True)
    results = alternate(
        {
            "handbook": lambda: build(project.handbook / "mkdocs.yml", sites / "handbook"),
            "plain": lambda: build(project.plain / "mkdocs.yml", sites / "plain"),
        },
        runs,
    )
    handbook, plain = _summary(results["handbook"]), _summary(results["plain"])
    ratio = handbook["median_wall_seconds"] / plain["median_wall_seconds"]
    cpu_ratio = handbook["median_cpu_seconds"] / plain["median_cpu_seconds"]
    differing, edit_only = differing_files(sites / "handbook", sites / "plain")
    figures = {
        "scale": scale,
        "entries": project.entries,
        "prose_pages": project.prose_pages,
        "handbook": handbook,
        "plain": plain,
        "ratio": round(ratio, 3),
        "cpu_ratio": round(cpu_ratio, 3),
        "meets_goal": ratio <= GOAL_RATIO,
        "load_and_check": {"median_wall_seconds": check.wall, "median_cpu_seconds": check.cpu}
        | {"runs": check.runs},
        "site": site_sizes(sites / "handbook"),
        "identical_output": not differing,
        "differing_files": differing[:20],
        "pages_without_edit_button": len(edit_only),
    }
    print(f"[{scale}] ratio {ratio:.3f} ({handbook['median_wall_seconds']:.2f} s vs "
          f"{plain['median_wall_seconds']:.2f} s)", flush=True)  # fmt: skip
    return figures


def prune_effect(scale: str, runs: int) -> dict[str, Any]:
    """Build the baseline of ``scale`` without ``navigation.prune`` too, in turn with it."""
    plain = OUT / scale / "plain"
    config = (plain / "mkdocs.yml").read_text(encoding="utf-8")
    unpruned = plain / "mkdocs.unpruned.yml"
    unpruned.write_text(config.replace("    - navigation.prune\n", ""), encoding="utf-8")
    sites = OUT / scale / "sites"
    print(f"[{scale}] navigation.prune on and off, {runs} builds each", flush=True)
    results = alternate(
        {
            "on": lambda: build(plain / "mkdocs.yml", sites / "pruned"),
            "off": lambda: build(unpruned, sites / "unpruned"),
        },
        runs,
    )
    on, off = _summary(results["on"]), _summary(results["off"])
    sizes = {"on": site_sizes(sites / "pruned"), "off": site_sizes(sites / "unpruned")}
    return {
        "scale": scale,
        "with_prune": on | {"site": sizes["on"]},
        "without_prune": off | {"site": sizes["off"]},
        "time_saved": round(1 - on["median_wall_seconds"] / off["median_wall_seconds"], 3),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default=",".join(SCALE_NAMES), help="comma-separated")
    parser.add_argument("--runs", type=int, help="builds per site and scale (default 7/5/5)")
    parser.add_argument(
        "--quick", action="store_true", help="skip serve, history, hints, prune, actuals"
    )
    parser.add_argument("--keep", action="store_true", help="keep bench/out/ afterwards")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where to write results")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    scales = args.scales.split(",")
    results: dict[str, Any] = {"machine": machine(), "goal_ratio": GOAL_RATIO, "scales": []}
    for scale in scales:
        results["scales"].append(bench_scale(scale, args.runs or BUILD_RUNS[scale]))
    if not args.quick:
        results["prune"] = prune_effect(scales[-1], 2)
        print("[history] reading 30 commits of history from git", flush=True)
        results["history"] = history_cost(OUT, commits=30)
        print("[hints] checking 110,000 unknown references among 3,000 roles", flush=True)
        results["hints"] = hint_cost(OUT)
        print("[actuals] 5,000 KPIs with and without 24 periods of actuals", flush=True)
        results["actuals"] = actuals_cost()
        print("[serve] timing rebuilds after a YAML edit", flush=True)
        if "default" not in scales:
            prepare("default")
        results["serve"] = serve_rebuilds(OUT / "default" / "handbook")
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["total_seconds"] = round(time.perf_counter() - start, 1)
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (args.results / "results.md").write_text(markdown(results))
    print(markdown(results))
    if not args.keep:
        shutil.rmtree(OUT, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
