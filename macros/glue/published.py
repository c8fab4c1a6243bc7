"""Files the site publishes besides its pages: schemas, definitions, calendar, feed.

The schemas in the site are the committed ones plus, for each reference field, the ids the
playbook has when the site is built, so an editor pointed at the site's copy offers them.
"""

from __future__ import annotations

from ..contract.json_schema import SCHEMA_DIR, schema_files
from ..model.index import Index
from ..model.kinds import Kind
from ..render.calendar import cadence_calendar
from ..render.common import Site
from ..render.definitions import SCHEMA_NAME, as_json, definitions, definitions_schema
from ..render.feed import changes_feed

CALENDAR = "cadence.ics"
"""The calendar's fixed path in the site, which people subscribe to."""
FEED = "changes.xml"
"""The Atom feed of the playbook's commits, at a fixed path in the site."""


def published_files(index: Index, site: Site, site_url: str) -> dict[str, str | bytes]:
    """Return the content of every published file by its path in the site."""
    ids = {kind: [entry.id for entry in index.playbook.entries(kind)] for kind in Kind}
    files: dict[str, str | bytes] = {
        f"{SCHEMA_DIR}/{name}": text for name, text in schema_files(ids).items()
    }
    files[f"{SCHEMA_DIR}/{SCHEMA_NAME}"] = definitions_schema()
    files["definitions.json"] = as_json(definitions(index, site.pages, site_url))
    files[CALENDAR] = cadence_calendar(index, site, site_url)
    files[FEED] = changes_feed(site, site_url)
    return files
