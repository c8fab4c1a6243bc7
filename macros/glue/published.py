"""Files the site publishes besides its pages: the data files' schemas, with ids offered.

The schemas in the site are the committed ones plus, for each reference field, the ids the
playbook has when the site is built, so an editor pointed at the site's copy offers them.
"""

from __future__ import annotations

from ..contract.json_schema import SCHEMA_DIR, schema_files
from ..model.index import Index
from ..model.kinds import Kind


def published_files(index: Index) -> dict[str, str]:
    """Return the text of every published file by its path in the site."""
    ids = {kind: [entry.id for entry in index.playbook.entries(kind)] for kind in Kind}
    return {f"{SCHEMA_DIR}/{name}": text for name, text in schema_files(ids).items()}
