"""Link targets as a browser reads them: the characters it drops, the schemes that run code.

The checker (links in data text) and the site's link policy (every link of every page) judge
a target by these, so that what the checker refuses is what the site neutralises.
"""

from __future__ import annotations

import re

IGNORED = re.compile(r"[\x00-\x20]")
"""What browsers drop from a URL before reading it: controls, spaces, tabs and newlines."""

CODE_SCHEMES = ("javascript:", "data:", "vbscript:")
"""The schemes of a link target that runs code in the reader's browser."""


def runs_code(url: str) -> bool:
    """Tell whether a link target runs code, read as a browser reads it (spaces dropped)."""
    return IGNORED.sub("", url).lower().startswith(CODE_SCHEMES)
