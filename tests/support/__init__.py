"""Helpers shared by the test folders, importable as ``support.<module>`` everywhere under
``tests/`` (pyproject.toml puts ``tests`` on pytest's ``pythonpath``): no ``sys.path`` edits.

- ``support.realdata``: the real third-party captures of ``../shared/realdata`` (marker
  ``realdata``; skipped when absent, a failure with ``PANTAU_REQUIRE_REALDATA=1``).
- ``support.feeds``: the project's own RSS fixtures (``tests/collectors/fixtures/rss``).
"""
