"""A ``Doc`` (``dashboard.report.content``) as HTML for the browser to print: the kop surat
of ``site.letterhead``, title, period in words, filters, generated-at, the sections (KPI
boxes, tables, kaleido's SVG charts) and page numbers in the margin; or as the image card.

Everything is escaped by Jinja2's autoescape; images are inline ``data:`` URLs, so the page
loads nothing.
"""

from __future__ import annotations

import base64
import os
from functools import lru_cache

from jinja2 import Environment
from pantau.dashboard import fmt
from pantau.dashboard.i18n import t
from pantau.data.config_reports import logo_kind

PAPER = {"A4": "210mm 297mm", "F4": "215mm 330mm"}
CARD = (1080, 1350)

_DOC = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ doc.title }}</title>
<style>{{ css|safe }}
@page { size: {{ paper }};
  @bottom-left { content: "{{ footer_left|safe }}"; font: 7.5pt "DejaVu Sans", sans-serif;
                 color: #6c757d; }
  @bottom-right { content: "{{ page_word|safe }} " counter(page) " {{ of_word|safe }} " counter(pages);
                  font: 7.5pt "DejaVu Sans", sans-serif; color: #6c757d; } }
</style></head><body>
<header class="kop">
  {% if logo %}<img class="kop-logo" src="{{ logo }}" alt="">{% endif %}
  <div class="kop-text">
    {% for line in lines %}<div class="kop-line{{ ' first' if loop.first }}">{{ line }}</div>{% endfor %}
    {% if address %}<div class="kop-address">{{ address }}</div>{% endif %}
  </div>
  {% if logo %}<div class="kop-spacer"></div>{% endif %}
</header>
<h1>{{ doc.title }}</h1>
<div class="subject">{{ doc.subject }}</div>
{% if doc.demo %}<div class="demo">{{ demo_word }}</div>{% endif %}
<table class="meta">
  <tr><th>{{ period_word }}</th><td class="period">{{ doc.period }}</td></tr>
  {% for k, v in doc.filters %}<tr><th>{{ k }}</th><td>{{ v }}</td></tr>{% endfor %}
  <tr><th>{{ generated_word }}</th><td class="generated">{{ generated }}</td></tr>
</table>
{% for s in doc.sections %}
<section>
  <h2>{{ s.title }}</h2>
  {% if s.kpis %}<div class="kpis">{% for k in s.kpis %}
    <div class="kpi"><div class="kpi-title">{{ k.title }}</div>
      <div class="kpi-value">{{ k.value }}</div>
      {% if k.change %}<div class="kpi-line">{{ k.change }}</div>{% endif %}
      {% if k.status %}<div class="kpi-line kpi-status">{{ k.status }}</div>{% endif %}
      {% if k.target %}<div class="kpi-line">{{ k.target }}</div>{% endif %}
      {% if k.note %}<div class="kpi-line">{{ k.note }}</div>{% endif %}
    </div>{% endfor %}</div>{% endif %}
  {% for c in s.charts %}<div class="chart"><img src="{{ c }}" alt=""></div>{% endfor %}
  {% if s.rows %}<table class="data"><thead><tr>{% for h in s.header %}
    <th{{ ' class=num' if s.numeric and not loop.first }}>{{ h }}</th>{% endfor %}</tr></thead><tbody>
    {% for r in s.rows %}<tr>{% for c in r %}<td{{ ' class=num' if s.numeric and not loop.first }}>{{ c }}</td>{% endfor %}</tr>
    {% endfor %}</tbody></table>{% endif %}
</section>
{% endfor %}
</body></html>
"""

_CARD = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><style>
html, body { margin: 0; width: 1080px; height: 1350px; overflow: hidden; }
body { font-family: "DejaVu Sans", sans-serif; background: #0b2545; color: #fff;
       display: flex; flex-direction: column; padding: 56px 60px; box-sizing: border-box; }
.top { display: flex; align-items: center; gap: 28px; }
.top img { width: 110px; height: 110px; object-fit: contain; background: #fff;
           border-radius: 16px; padding: 8px; }
.inst { font-size: 25px; font-weight: bold; line-height: 1.25; }
h1 { font-size: 52px; margin: 44px 0 8px; line-height: 1.1; }
.period { font-size: 32px; color: #b9d6f2; }
.region { font-size: 28px; color: #b9d6f2; margin-top: 6px; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; margin-top: 40px; }
.k { background: #13315c; border-radius: 20px; padding: 24px 28px; }
.k .t { font-size: 24px; color: #d0e1f9; min-height: 58px; }
.k .v { font-size: 54px; font-weight: bold; margin-top: 8px; }
.k .c { font-size: 22px; color: #d0e1f9; margin-top: 6px; }
.foot { margin-top: auto; font-size: 22px; color: #b9d6f2; }
.demo { color: #ffb3b3; font-weight: bold; }
</style></head><body>
<div class="top">{% if logo %}<img src="{{ logo }}" alt="">{% endif %}
  <div class="inst">{% for line in lines[:2] %}<div>{{ line }}</div>{% endfor %}</div></div>
<h1>{{ doc.title }}</h1>
<div class="period">{{ doc.period }}</div>
{% for k, v in doc.filters[:1] %}<div class="region">{{ v }}</div>{% endfor %}
<div class="grid">{% for k in kpis %}<div class="k"><div class="t">{{ k.title }}</div>
  <div class="v">{{ k.value }}</div>{% if k.change %}<div class="c">{{ k.change }}</div>{% endif %}
</div>{% endfor %}</div>
<div class="foot">{% if doc.demo %}<span class="demo">{{ demo_word }}</span> · {% endif %}
  {{ generated_word }} {{ generated }}</div>
</body></html>
"""


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)


@lru_cache(maxsize=1)
def _css() -> str:
    with open(os.path.join(os.path.dirname(__file__), "report.css"), encoding="utf-8") as f:
        return f.read()


def data_url(content: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"


def logo_url(letterhead) -> str | None:
    """The letterhead's logo inline (checked again: the file may have changed since the
    config was read)."""
    if not letterhead.logo:
        return None
    mime = logo_kind(letterhead.logo)
    with open(letterhead.logo, "rb") as f:
        return data_url(f.read(), mime)


def _css_text(text: str) -> str:
    """``text`` safe inside a CSS string of the @page rule."""
    return "".join(c for c in text if c not in '"\\<>\n\r{}')[:120]


def _common(cfg, doc, lang: str, tz: str) -> dict:
    head = cfg.site.letterhead
    return dict(doc=doc, lang=lang, logo=logo_url(head),
                lines=list(head.lines) or [cfg.site.name], address=head.address,
                generated=fmt.stamp(doc.made, lang, tz),
                period_word=t("report.period", lang), generated_word=t("report.generated", lang),
                demo_word=t("report.demo", lang))


def document(cfg, doc, lang: str, tz: str, paper: str = "A4") -> str:
    """The HTML of the PDF report."""
    for s in doc.sections:
        s.charts = [c if isinstance(c, str) else data_url(c, "image/svg+xml")
                    for c in s.charts]
    return _env().from_string(_DOC).render(
        **_common(cfg, doc, lang, tz), css=_css(), paper=PAPER[paper],
        footer_left=_css_text(f"{cfg.site.name} · {doc.title}"),
        page_word=_css_text(t("report.page", lang)), of_word=_css_text(t("report.of", lang)))


def card(cfg, doc, lang: str, tz: str) -> str:
    """The HTML of the image card: the first six KPIs of the report."""
    kpis = [k for s in doc.sections for k in s.kpis][:6]
    return _env().from_string(_CARD).render(**_common(cfg, doc, lang, tz), kpis=kpis)
