"""Helpers shared by the test folders, importable as ``support.<module>`` everywhere under
``tests/`` (pyproject.toml puts ``tests`` on pytest's ``pythonpath``): no ``sys.path`` edits.

- ``support.realdata``: the real third-party captures of ``../shared/realdata`` (marker
  ``realdata``; skipped when absent, a failure with ``PANTAU_REQUIRE_REALDATA=1``).
- ``support.feeds``: the project's own RSS fixtures (``tests/collectors/fixtures/rss``).
- ``support.api_seed``: the small fixed world of the API and explorer tests.

Helpers used by one folder only stay in that folder (``collector_helpers``, ``wall_seed``,
``ov_seed``, ...) and are imported by name: pytest puts a test's own folder on ``sys.path``.
"""
