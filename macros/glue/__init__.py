"""Glue: the mkdocs-macros glue and its settings, the Markdown extension, the atomic build."""
