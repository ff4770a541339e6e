"""The core of Pantau: config models, metric catalogue, schema, store (the only writer) and
queries (the only reader). Imports nothing else of the project."""
