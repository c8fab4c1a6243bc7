"""The "recent changes" page: what changed in the playbook, commit by commit, newest first."""

from __future__ import annotations

from collections import Counter

from ..change.history import Event, History
from ..model.formatting import count
from ..model.index import Index
from .common import Site, commit_link, link
from .text import inline, literal


def _tally(events: tuple[Event, ...]) -> str:
    counts = Counter((event.kind.label, event.action) for event in events)
    return "\n".join(
        f"- {kind}: {count} {action}" for (kind, action), count in sorted(counts.items())
    )


def _notes(history: History, listed: int = 10) -> list[str]:
    """Say where the history is incomplete: a shallow clone, revisions that did not load."""
    notes = []
    if history.since:
        notes.append(
            f"History before {history.since} is not available in this clone of the repository "
            "(a shallow clone); `git fetch --unshallow` brings it."
        )
    if skipped := history.skipped:
        shown = ", ".join(f"`{s.commit[:7]}`" for s in skipped[:listed])
        more = f" and {len(skipped) - listed} more" if len(skipped) > listed else ""
        notes.append(
            f"Left out: {count(len(skipped), 'revision')} whose data "
            f"did not load ({shown}{more}); what changed there shows in the next commit that loads."
        )
    return notes


def changes(index: Index, site: Site, commits: int = 30, listed: int = 25) -> str:
    """Render the latest commits that changed the playbook, each entry's changes linked."""
    notes = _notes(site.history)
    if not site.history.by_commit and notes:
        return "\n\n".join(notes) + "\n"
    if not site.history.by_commit:
        return (
            "No history yet: this copy of the handbook was built outside a git repository, "
            "or nothing has been committed to `playbook_data/`.\n"
        )
    out = []
    for events in site.history.by_commit[:commits]:
        first = events[0]
        out.append(
            f"### {first.date}: {literal(first.subject)}\n\nCommit {commit_link(site, first)}"
        )
        if len(events) > listed:
            out.append(f"{len(events)} entries changed:\n\n{_tally(events)}")
            continue
        items = []
        for event in events:
            named = link(index, site, event.kind, event.id)
            if named.startswith("`"):
                named = f"`{event.id}`"
            items.append(
                f"- {event.kind.label} {named}: {'; '.join(inline(c) for c in event.changes)}"
            )
        out.append("\n".join(items))
    return "\n\n".join(out + notes) + "\n"
