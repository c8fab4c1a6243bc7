"""Model: problems, entries and kinds, the index, and text facts every layer shares."""
