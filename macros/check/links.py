"""Links in data text, judged once for the checker and the renderer alike.

Data text may hold Markdown links. The site keeps a link only when its target is safe: a
web page (``https://``), a mail address (``mailto:``) or a page or anchor of the handbook.
Any other target is dropped and only the label shows, so the checker says so first, at the
field, and nothing is lost silently: a target that runs code in the reader's browser
(``javascript:``, ``data:``, ``vbscript:``) is an error; any other refused target, and an
image (the site loads nothing from another host, so it shows as a link), is a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..contract.fields import ListOf, Record, RecordSpec, Text
from ..contract.schema import SECTIONS
from ..model.codes import Code
from ..model.entries import Entry, Playbook
from ..model.kinds import Kind
from ..model.problems import Location, Problem
from ..model.urls import CODE_SCHEMES, runs_code

LINK = re.compile(r"\[([^\[\]\n]*)\]\(((?:[^()\s]|\([^()\s]*\))*)(?:\s+\"[^\"\n]*\")?\)")
"""A Markdown inline link: ``[label](target)`` or ``[label](target "title")``; a target
may hold one level of parentheses (``…/wiki/Lead_(marketing)``). A label holds no
bracket, so that a run of ``[`` is scanned in linear time."""

_SAFE_URL = re.compile(r"^(https?://|mailto:|#|\.{0,2}/|[a-z0-9][a-z0-9._/-]*(\.md)?(#[\w-]*)?$)")
_HINT = "links may go to web pages (https://…), mail (mailto:…) or pages of this handbook"


def safe_url(url: str) -> bool:
    r"""Tell whether a link target is allowed: http(s), mailto, or a path in the site.

    A backslash is refused anywhere: browsers read ``/\host`` as ``//host``.
    """
    lowered = url.strip().lower()
    return (
        bool(_SAFE_URL.match(lowered))
        and not lowered.startswith(("//", *CODE_SCHEMES))
        and "\\" not in lowered
    )


def _texts(spec: RecordSpec, record: object, prefix: str = "") -> Iterator[tuple[str, str]]:
    """Yield the field path and value of every text of a record, nested records included."""
    for field in spec.fields:
        value = getattr(record, field.name, None)
        if value is None:
            continue
        listed = isinstance(field.type, ListOf)
        item_type = field.type.item if isinstance(field.type, ListOf) else field.type
        items = value if listed else (value,)
        if isinstance(item_type, Text):
            yield from ((prefix + field.name, str(item)) for item in items)
        elif isinstance(item_type, Record):
            for number, item in enumerate(items, start=1):
                path = f"{prefix}{field.name}[{number}]." if listed else f"{prefix}{field.name}."
                yield from _texts(item_type.spec, item, path)


def _text_problems(where: Location, label: str, text: str) -> Iterator[Problem]:
    for match in LINK.finditer(text):
        target = match.group(2)
        if runs_code(target):
            message = f"{label}: link target '{target}' would run code in the reader's browser"
            yield Problem(where, "error", message, f"remove it; {_HINT}", Code.UNSAFE_LINK)
        elif not safe_url(target):
            message = f"{label}: link target '{target}' is not allowed; only the label will show"
            yield Problem(where, "warning", message, _HINT, Code.LINK_TARGET)
        elif match.start() > 0 and text[match.start() - 1] == "!":
            message = f"{label}: images are not shown; '![…]({target})' will show as a link"
            hint = "the handbook loads nothing from other hosts; remove the '!'"
            yield Problem(where, "warning", message, hint, Code.IMAGE)


def _entry_problems(kind: Kind, entry: Entry) -> Iterator[Problem]:
    for path, text in _texts(SECTIONS[kind].record, entry):
        label = f"{kind.label} '{entry.id}' field '{path}'"
        where = entry.at(re.split(r"[.\[]", path, maxsplit=1)[0])
        yield from _text_problems(where, label, text)


def link_problems(playbook: Playbook) -> Iterator[Problem]:
    """Report every link in data text that the site would not keep as it is written.

    Args:
        playbook: The loaded playbook.

    Yields:
        An error for each target that runs code, a warning for each other refused target
        and for each image, at the field holding it.
    """
    for kind, entry in playbook.all_entries():
        yield from _entry_problems(kind, entry)
