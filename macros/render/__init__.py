"""Renderers: pure functions from a loaded playbook to Markdown, one module per page."""
