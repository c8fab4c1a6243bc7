"""Change: two playbooks compared, the history from git, removals, and who must review."""
