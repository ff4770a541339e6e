"""README.md stays true: the two commands first, every collector kind and option, every metric
of config.yaml, and pictures that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def kind_row(kind: str) -> str:
    rows = [line for line in README.splitlines() if line.startswith(f"| `{kind}` |")]
    assert rows, f"README has no row for the collector kind {kind!r}"
    return rows[0]


def option_names(model) -> set[str]:
    """Every option name of a kind's options model, nested models included."""
    from pydantic import BaseModel

    names = set()
    for name, field in model.model_fields.items():
        names.add(name)
        for t in getattr(field.annotation, "__args__", ()) + (field.annotation,):
            for inner in getattr(t, "__args__", ()) + (t,):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    names |= option_names(inner)
    return names


def test_the_first_lines_are_the_two_commands_and_the_makefile_keeps_them_true():
    head = "\n".join(README.splitlines()[:6])
    assert "make demo" in head and "make test" in head
    makefile = (ROOT / "Makefile").read_text()
    demo = re.search(r"^demo: (.*)\n\t(.*)$", makefile, re.M)
    test = re.search(r"^test: (.*)\n\t(.*)$", makefile, re.M)
    assert demo and "$(STAMP)" in demo[1] and demo[2].strip().endswith("pantau demo")
    assert test and "$(STAMP)" in test[1] and "pytest" in test[2]
    assert re.search(r"^\$\(STAMP\):.*\n\t\$\(PY\) -m venv", makefile, re.M)


def test_every_registered_kind_and_option_is_in_the_table():
    from pantau.collectors.registry import kinds

    registered = kinds()
    assert {"http_json", "rss", "csv", "sql", "http_probe", "prometheus"} <= set(registered)
    for kind, cls in registered.items():
        row = kind_row(kind)
        missing = [o for o in sorted(option_names(cls.Options)) if f"`{o}`" not in row]
        assert not missing, f"README row of {kind!r} lacks options {missing}"


@pytest.mark.parametrize("config", ["config.yaml", "demo/config.yaml", "demo/sukoharjo.yaml",
                                    "examples/sukoharjo.yaml"])
def test_every_metric_is_documented(config):
    import yaml
    from pantau.demo import PLACEHOLDERS, render_config

    raw = render_config({name: "x" for name in PLACEHOLDERS}, (ROOT / config).read_text())
    metrics = [m["name"] for m in yaml.safe_load(raw)["metrics"]]
    assert metrics
    missing = [m for m in metrics if f"`{m}`" not in README]
    assert not missing, f"README does not mention {missing} of {config}"


def test_pictures_and_links_exist():
    targets = re.findall(r"\]\(((?!https?://)[^)#]+)\)", README)
    assert any(t.startswith("docs/screenshots/") for t in targets)
    missing = [t for t in targets if not (ROOT / t).exists()]
    assert not missing, f"README links to missing files: {missing}"
