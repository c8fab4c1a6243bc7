"""Read: data files from disk or a git revision, YAML with line and column, into the model."""
