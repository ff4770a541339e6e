"""What the SPBE page, its KPI card and the wall tile share: the asker's evaluations through
the query cache, and how an index, a change and a predikat are written.

    b = cached_book(ctx, now)              # data.spbe_answers.Book in current() scope
    index_text(3.518, "id")                # "3,52"
    change_text(0.15, 2022, "id")          # "▲ +0,15 dari 2022"
    predikat_chip("Baik", "id")            # a coloured pill
"""

from __future__ import annotations

from dash import html
from pantau.dashboard.access import current
from pantau.dashboard.context import AppContext
from pantau.dashboard.figures.style import precise
from pantau.dashboard.i18n import t
from pantau.data import spbe
from pantau.data.reference import codes
from pantau.data.spbe_answers import Book, book

COLORS = {"Memuaskan": "#0b6e3a", "Sangat Baik": "#2e9e55", "Baik": "#1f6fb2",
          "Cukup": "#d98a00", "Kurang": "#c0392b"}
"""One colour per predikat: greens above the target, blue at it, amber and red below."""
TEXT_ON = {"Cukup": "#1a1a1a"}


def cached_book(ctx: AppContext, now: float) -> Book:
    """Every evaluation inside the site's area that the current principal may see, computed
    once per cache period and scope (``Cache.get_or_set`` keys by scope)."""
    area, scope = ctx.config.site.region, current().region
    return ctx.cache.get_or_set(f"spbe:book:{area}:{scope}:{int(now) // 60}",
                                ctx.config.web.cache_ttl,
                                lambda: book(ctx.store, area, scope))


def index_text(v: float | None, lang: str) -> str:
    """The index as published: two decimals (``3,52``), ``–`` when there is none."""
    return "–" if v is None else precise(spbe.published(v), "score", lang)


def points_text(v: float, lang: str) -> str:
    return precise(abs(v), "score", lang)


def delta_text(change: float | None, lang: str) -> str:
    """``▲ +0,15``, ``▼ −0,05``, ``■ 0,00``; ``–`` without a change."""
    if change is None:
        return "–"
    sign = "▲ +" if change > 0 else ("▼ −" if change < 0 else "■ ")
    return sign + points_text(change, lang)


def change_text(change: float | None, year: int, lang: str) -> str:
    """``▲ +0,15 dari 2022``, ``tetap dari 2022``; "" without a change."""
    if change is None:
        return ""
    if change == 0:
        return t("spbe.no_change", lang, year=year)
    return t("spbe.change", lang, delta=delta_text(change, lang), year=year)


def predikat_text(name: str | None, lang: str) -> str:
    return t(f"spbe.predikat.{name}", lang) if name else "–"


def predikat_chip(name: str | None, lang: str, size: str = "") -> html.Span:
    """The predikat as a coloured pill (``spbe-chip``)."""
    style = {"background": COLORS.get(name or "", "#6c757d"),
             "color": TEXT_ON.get(name or "", "#ffffff")}
    return html.Span(predikat_text(name, lang), className=f"spbe-chip {size}".strip(),
                     style=style, **{"data-predikat": name or ""})


def region_text(code: str) -> str:
    """"Lombok Barat", "Kota Bima", "Nusa Tenggara Barat" (a kota keeps its word: Bima is
    both a kabupaten and a kota)."""
    if codes.kind(code) == "kota":
        return codes.name(code) or code
    if codes.kind(code) == "provinsi":
        return t("spbe.province", "id", name=codes.name(code) or code)
    return codes.short_name(code) or codes.name(code) or code


def origin_text(source: str, lang: str) -> str:
    if source == "demo:published":
        return t("spbe.origin.published", lang)
    if source.startswith("demo"):
        return t("spbe.origin.made_up", lang)
    return source or t("spbe.origin.import", lang)


def target_text(lang: str) -> str:
    return t("spbe.target", lang, value=index_text(spbe.TARGET, lang))
