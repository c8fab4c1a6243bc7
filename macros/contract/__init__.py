"""Contract: the data contract (field types and every file's schema), declared once."""
