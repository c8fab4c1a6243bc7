"""The alignment playbook: load, check and render playbook data into the handbook.

mkdocs-macros loads this package by name (``modules: [macros]`` in ``mkdocs.yml``) and calls
the two hooks below. They import the glue, the only part that knows MkDocs, when they are
called, so that the ``playbook`` command never imports MkDocs.

The package is layered; each folder imports only from the folders below it:

- ``cli`` and ``glue``: the ``playbook`` command; the mkdocs-macros glue, its settings, the
  Markdown extension and the atomic build.
- ``render``: pure functions from the loaded playbook to Markdown, one module per page.
- ``change``: a playbook compared with another, its history from git, what a pull request
  changes and who must review it.
- ``check``: every rule over a loaded playbook, and the report of its problems.
- ``read``: files, YAML with line and column, git revisions, into the model.
- ``contract``: the data contract, declared once.
- ``model``: problems, entries, kinds, the index, and text facts every layer shares.
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """Load the playbook and register the macros (mkdocs-macros calls this once per build)."""
    from .glue.plugin import define_env as define  # noqa: PLC0415 - MkDocs only when building

    define(env)


def on_post_build(env: Any) -> None:
    """Let the collector see the playbook again once the site is written."""
    from .glue.plugin import on_post_build as post_build  # noqa: PLC0415 - as above

    post_build(env)
