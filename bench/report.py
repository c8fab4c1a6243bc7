"""The benchmark's results as a Markdown page: one table per concern, then the machine."""

from __future__ import annotations

from typing import Any


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.2f} MB" if size >= 100_000 else f"{size / 1000:.0f} KB"


def _scale(row: dict[str, Any]) -> str:
    if row["scale"] == "default":
        return "default playbook"
    return f"{row['entries']:,} entries + {row['prose_pages']} prose pages"


def build_table(scales: list[dict[str, Any]]) -> str:
    """Return the table of build times: handbook, plain MkDocs, ratio."""
    lines = [
        "| Scale | Pages | Handbook (a) | Plain MkDocs (b) | Ratio (a)/(b) | CPU ratio | Runs |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for row in scales:
        a, b = row["handbook"], row["plain"]
        lines.append(
            f"| {_scale(row)} | {row['site']['pages']} | {a['median_wall_seconds']:.2f} s "
            f"| {b['median_wall_seconds']:.2f} s | **{row['ratio']:.2f}** "
            f"| {row['cpu_ratio']:.2f} | {a['runs']} + {b['runs']} |"
        )
    return "\n".join(lines)


def size_table(scales: list[dict[str, Any]]) -> str:
    """Return the table of load time, memory and sizes."""
    lines = [
        "| Scale | Load + check | Peak memory (a) / (b) | Largest page | Search index | Site |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for row in scales:
        site = row["site"]
        check = row["load_and_check"]
        lines.append(
            f"| {_scale(row)} | {check['median_wall_seconds'] * 1000:.0f} ms "
            f"| {row['handbook']['peak_rss_mib']:.0f} / {row['plain']['peak_rss_mib']:.0f} MiB "
            f"| {_mb(site['largest_page_bytes'])} (`{site['largest_page']}`) "
            f"| {_mb(site['search_index_bytes'])} | {_mb(site['site_bytes'])} |"
        )
    return "\n".join(lines)


def machine_line(machine: dict[str, Any]) -> str:
    """Return one line naming the machine and the versions."""
    return (
        f"{machine['nproc']} cores ({machine['cpu_model']}), {machine['memory_gib']} GiB, "
        f"{machine['system']}; Python {machine['python']}, mkdocs {machine['mkdocs']}, "
        f"mkdocs-material {machine['mkdocs_material']}, "
        f"mkdocs-macros-plugin {machine['mkdocs_macros_plugin']}; load average "
        f"{machine['load_average_at_start'][0]} at the start, "
        f"{machine.get('load_average_at_end', ['?'])[0]} at the end"
    )


def markdown(results: dict[str, Any]) -> str:
    """Return the whole results page."""
    scales = results["scales"]
    parts = [
        "# Benchmark results",
        (
            "Median wall time of `mkdocs build` (a) of the handbook and (b) of the same site "
            "as hand-written Markdown, built in turn; the goal is a ratio of at most "
            f"{results['goal_ratio']:.2f}."
        ),
        build_table(scales),
        size_table(scales),
    ]
    identical = [row["scale"] for row in scales if row["identical_output"]]
    parts.append(
        f"Both builds wrote byte-identical sites at: {', '.join(identical) or 'no scale'}."
    )
    prune = results.get("prune")
    if prune:
        on, off = prune["with_prune"], prune["without_prune"]
        parts.append(
            f"`navigation.prune`, plain build at scale {prune['scale']}: "
            f"{on['median_wall_seconds']:.2f} s with it, {off['median_wall_seconds']:.2f} s "
            f"without ({prune['time_saved']:.0%} saved); site {_mb(on['site']['site_bytes'])} "
            f"instead of {_mb(off['site']['site_bytes'])}."
        )
    history = results.get("history")
    if history:
        parts.append(
            f"History from git: {history['commits']} commits touching the data read in "
            f"{history['median_seconds']:.2f} s ({history['seconds_per_commit'] * 1000:.0f} ms "
            f"per commit), so about {history['projected_seconds_at_limit']:.0f} s for the "
            f"default limit of {history['default_limit_commits']} commits (first build of a "
            "session; the synthetic scales have no history)."
        )
    serve = results.get("serve")
    if serve:
        parts.append(
            f"`mkdocs serve`, default playbook: a saved YAML edit is served after "
            f"{serve['median_seconds']:.2f} s (median of {serve['edits']}; "
            f"{', '.join(f'{t:.2f}' for t in serve['rebuild_seconds'])} s)."
        )
    parts.append(f"Machine: {machine_line(results['machine'])}.")
    parts.append(f"Whole run: {results['total_seconds']:.0f} s.")
    return "\n\n".join(parts) + "\n"
