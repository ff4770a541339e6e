"""No two modules under tests/ share a file name: pytest's default import mode ("prepend")
imports each test folder's modules by their bare name, so the second of two
``test_report_words.py`` fails to collect, but only in a full run (a folder run alone passes).
The same holds for helper modules imported by name (``from wall_seed import ...``)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def test_module_names_under_tests_are_unique():
    seen: dict[str, list[str]] = defaultdict(list)
    for path in TESTS.rglob("*.py"):
        if path.name in ("conftest.py", "__init__.py") or "support" in path.parts:
            continue  # conftest files are loaded by path; support/ is a package
        seen[path.name].append(str(path.relative_to(TESTS)))
    clashes = {name: where for name, where in seen.items() if len(where) > 1}
    assert not clashes, clashes
