"""Every UI text from the catalogue, in both languages; pages pass no literal text to
components."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from pantau.dashboard.i18n import LANGS, catalogue

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "dashboard" / "pages"
MINE = [ROOT / "dashboard" / p for p in (
    "pages/overview.py", "pages/metric.py", "components/kpi_card.py", "components/filters.py",
    "components/regions.py", "figures/history.py", "figures/region_map.py")]
TEXT_ARGS = {"children", "placeholder", "label", "title"}
LIBS = {"html", "dbc", "dcc"}


def test_every_key_has_indonesian_and_english():
    missing = [f"{key}: {lang}" for key, entry in catalogue().items() for lang in LANGS
               if not isinstance(entry.get(lang), str) or not entry[lang].strip()]
    assert not missing, "texts without a translation:\n" + "\n".join(missing)


def test_both_languages_take_the_same_placeholders():
    bad = []
    for key, entry in catalogue().items():
        names = [set(re.findall(r"{(\w+)}", entry.get(lang) or "")) for lang in LANGS]
        if names[0] != names[1]:
            bad.append(key)
    assert not bad, bad


def test_keys_used_by_the_overview_and_metric_pages_exist():
    used = set()
    for path in MINE:
        used |= set(re.findall(r"""\bt\(\s*f?["']([a-z0-9_.{}]+)["']""", path.read_text()))
    literal = {k for k in used if "{" not in k}
    assert literal, "no t() calls found: the scan is broken"
    assert not literal - set(catalogue()), sorted(literal - set(catalogue()))
    for prefix in ("overview.period.", "kpi.status."):
        assert any(k.startswith(prefix) for k in catalogue())


def _is_text(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return len(node.value.strip()) > 2 and any(c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and re.search(r"[A-Za-z]{3}", str(v.value))
                   for v in node.values)
    return False


def _texts(node: ast.AST):
    if isinstance(node, ast.List | ast.Tuple):
        for elt in node.elts:
            yield from _texts(elt)
    elif _is_text(node):
        yield node


def literal_texts(source: str) -> list[tuple[int, str]]:
    """(line, text) of every literal text given to an html/dbc/dcc component as children
    (positional or keyword), placeholder, label or title."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id in LIBS):
            continue
        args = list(node.args[:1]) + [k.value for k in node.keywords if k.arg in TEXT_ARGS]
        for arg in args:
            found += [(n.lineno, ast.unparse(n)) for n in _texts(arg)]
    return found


def test_the_scan_catches_literal_text():
    src = ('html.H1("Ringkasan")\nhtml.Div(["ok", html.P(children="Total aduan")])\n'
           'dbc.Input(placeholder="Cari...")\nhtml.Span(f"Data {x}")\nhtml.Span("–")\n'
           'html.Span(t("a.b", lang))\n')
    assert sorted(line for line, _ in literal_texts(src)) == [1, 2, 3, 4]


def test_pages_pass_no_literal_text_to_components():
    problems = []
    for path in sorted(PAGES.glob("*.py")):
        problems += [f"{path.relative_to(ROOT)}:{line}: {text}"
                     for line, text in literal_texts(path.read_text(encoding="utf-8"))]
    assert not problems, "use t() from dashboard.i18n:\n" + "\n".join(problems)
