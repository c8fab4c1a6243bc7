"""Check: every rule over a loaded playbook, and the report of its problems."""
