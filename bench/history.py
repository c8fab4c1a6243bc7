"""What reading the entries' history from git costs a build, per commit touching the data.

A clone of the default handbook gets a series of small commits (one edited definition
each); a fresh process then reads the history, as the first build of a session does. Its
peak memory is taken too, for 5 commits and for all of them: only the previous and the
current version of each file are held, so the two should be close.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from projects import ENV, ROOT

_READ = """
import resource, sys, time
from pathlib import Path
from macros.change.history import read_history
start = time.perf_counter()
history = read_history(Path(sys.argv[1]), int(sys.argv[2]))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(time.perf_counter() - start, len(history.by_commit), peak)
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=ENV)


def _edit_commits(repo: Path, count: int) -> None:
    data = repo / "playbook_data" / "glossary.yml"
    _git(repo, "config", "user.name", "Benchmark")
    _git(repo, "config", "user.email", "bench@example.invalid")
    plain = re.compile(r"^    definition: (?=[^\"'|>])", re.MULTILINE)
    for number in range(1, count + 1):
        text = data.read_text(encoding="utf-8")
        data.write_text(plain.sub(f"    definition: Revision {number}. ", text, 1), "utf-8")
        _git(repo, "commit", "--quiet", "--all", "--message", f"Glossary: revision {number}")


def history_cost(work: Path, commits: int = 30, runs: int = 3) -> dict[str, object]:
    """Time reading ``commits`` commits of history in a fresh process, ``runs`` times."""
    repo = work / "history"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(repo)], check=True, env=ENV)
    _edit_commits(repo, commits)
    times, changed, peaks = [], 0, []
    for _ in range(runs):
        seconds, changed, peak = _read(repo, commits)
        times.append(seconds)
        peaks.append(peak)
    few = _read(repo, min(5, commits))[2]
    median = statistics.median(times)
    return {
        "commits": commits,
        "commits_with_changes": changed,
        "median_seconds": round(median, 3),
        "seconds_per_commit": round(median / commits, 4),
        "default_limit_commits": 200,
        "projected_seconds_at_limit": round(median / commits * 200, 1),
        "peak_rss_mib": round(max(peaks) / 1024, 1),
        "peak_rss_mib_5_commits": round(few / 1024, 1),
    }


def _read(repo: Path, commits: int) -> tuple[float, int, int]:
    """Read the history in a fresh process: seconds, commits with changes, peak RSS in KiB."""
    done = subprocess.run(
        [sys.executable, "-c", _READ, str(repo), str(commits)],
        capture_output=True,
        text=True,
        check=True,
        env=ENV,
    )
    seconds, changed, peak = done.stdout.split()
    return float(seconds), int(changed), int(peak)


if __name__ == "__main__":
    start = time.perf_counter()
    print(history_cost(Path(sys.argv[1])), f"{time.perf_counter() - start:.1f} s")
