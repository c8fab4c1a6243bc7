"""Where a setting is in the config file, so that its problem names the line.

MkDocs has read the file already and keeps no positions; the file is composed again, into
YAML nodes without building any value (its tags, such as ``!!python/name:``, stay names),
and only when a setting is wrong.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from ..model.problems import Location
from .settings import Locate

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def locator(config_file: str | None) -> Locate:
    """Return where the settings under ``extra.playbook`` are in a config file.

    Args:
        config_file: The config file's path, or None when it is not a file (read from
            standard input).

    Returns:
        A locator: a setting found gets its line and column, one that is not (it comes
        from a file it inherits) the position of the nearest key above it that is, at worst
        line 1. The file is composed at the first call.
    """
    shown = os.path.relpath(config_file) if config_file else "mkdocs.yml"
    composed: list[yaml.Node | None] = []

    def locate(path: tuple[str, ...], on_key: bool) -> Location:
        if not composed:
            composed.append(_compose(config_file))
        return _find(composed[0], ("extra", "playbook", *path), on_key, shown)

    return locate


def _compose(config_file: str | None) -> yaml.Node | None:
    if not config_file:
        return None
    try:
        node: yaml.Node | None = yaml.compose(Path(config_file).read_text("utf-8"), _Loader)
    except (OSError, UnicodeError, yaml.YAMLError, RecursionError):
        return None  # changed since MkDocs read it: the problems are still told, at line 1
    return node


def _find(root: yaml.Node | None, keys: tuple[str, ...], on_key: bool, shown: str) -> Location:
    """Return where the last of ``keys`` is (its key or its value), or the nearest found."""
    where = Location(shown)
    node = root
    for depth, name in enumerate(keys, start=1):
        if not isinstance(node, yaml.MappingNode):
            return where
        # The last of duplicate keys counts, as it does for MkDocs.
        pair = next(
            (
                (key, value)
                for key, value in reversed(node.value)
                if isinstance(key, yaml.ScalarNode) and key.value == name
            ),
            None,
        )
        if pair is None:
            return where
        key, node = pair
        empty = isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style
        mark = key.start_mark if on_key or depth < len(keys) or empty else node.start_mark
        where = Location(shown, mark.line + 1, mark.column + 1)
    return where
