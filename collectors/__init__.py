"""Collectors: fetch and parse only. One module per kind, a registry, the runner and the
scheduler. A collector returns a ``data.batch.Batch`` and never touches the store."""
