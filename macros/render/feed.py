"""``changes.xml``: an Atom feed of the playbook's changes, one item per commit.

It is read from the history already computed from git: each item is a commit that changed
the playbook, dated by the commit and listing the entries it changed. Nothing in it comes
from the clock of the build, so the same history gives the same feed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..change.history import Event
from .common import Site
from .text import plain

ATOM = "http://www.w3.org/2005/Atom"
FEED_ID = "urn:alignment-playbook:changes"
NO_DATE = "1970-01-01"
"""The feed's date when the history is empty (never the build's clock)."""


def _stamp(date: str) -> str:
    return f"{date}T00:00:00Z"


def _line(event: Event) -> str:
    said = f"{event.kind.info.label} {event.id} {event.action}"
    return said + (": " + "; ".join(plain(c) for c in event.changes) if event.changes else "")


def _entry(feed: ET.Element, commit: tuple[Event, ...], site: Site, changes_url: str) -> None:
    first = commit[0]
    entry = ET.SubElement(feed, "entry")
    ET.SubElement(entry, "id").text = f"urn:alignment-playbook:commit:{first.commit}"
    ET.SubElement(entry, "title").text = plain(first.subject) or first.commit[:12]
    ET.SubElement(entry, "updated").text = _stamp(first.date)
    if site.commit_url:
        ET.SubElement(entry, "link", rel="alternate", href=f"{site.commit_url}{first.commit}")
    elif changes_url:
        ET.SubElement(entry, "link", rel="alternate", href=changes_url)
    ET.SubElement(entry, "content", type="text").text = "\n".join(_line(e) for e in commit)
    for kind in dict.fromkeys(e.kind for e in commit):
        ET.SubElement(entry, "category", term=kind.info.section, label=kind.info.plural)


def changes_feed(site: Site, site_url: str = "") -> str:
    """Return ``changes.xml`` for the history in ``site``, newest commit first.

    Args:
        site: The site (its history, pages and commit URL).
        site_url: The site's absolute address; without it, the feed links to no page.
    """
    feed = ET.Element("feed", xmlns=ATOM)
    ET.SubElement(feed, "id").text = FEED_ID
    ET.SubElement(feed, "title").text = "Playbook changes"
    commits = site.history.by_commit
    ET.SubElement(feed, "updated").text = _stamp(commits[0][0].date if commits else NO_DATE)
    author = ET.SubElement(feed, "author")
    ET.SubElement(author, "name").text = "The playbook's contributors"
    changes_url = f"{site_url.rstrip('/')}/changes/" if site_url else ""
    if changes_url:
        ET.SubElement(feed, "link", rel="alternate", href=changes_url)
        ET.SubElement(feed, "link", rel="self", href=f"{site_url.rstrip('/')}/changes.xml")
    for commit in commits:
        if commit:
            _entry(feed, commit, site, changes_url)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"
