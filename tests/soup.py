"""Typed reading of parsed HTML for the tests.

Beautiful Soup types every attribute as a string or a list of strings (``class`` and
``rel`` are lists) and every search as possibly finding nothing. A test knows which it
expects; these helpers say so, and fail the test when the page disagrees.
"""

from __future__ import annotations

from bs4 import Tag


def attr(tag: Tag, name: str, default: str | None = None) -> str:
    """Return a single-valued attribute (``href``, ``id``, ``style``) of ``tag``.

    Args:
        tag: The element.
        name: The attribute; without a default, a missing one raises KeyError as
            ``tag[name]`` does.
        default: The value when the attribute is missing.

    Returns:
        The attribute's text.
    """
    value = tag[name] if default is None else tag.get(name, default)
    assert isinstance(value, str), f"<{tag.name} {name}> holds several values: {value!r}"
    return value


def found(tag: Tag | None) -> Tag:
    """Return the element a search found; the test fails if it found none."""
    assert tag is not None, "no such element"
    return tag
