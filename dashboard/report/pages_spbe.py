"""The report of ``/spbe``: the evaluation year's headline of the site and the ranking of its
kabupaten/kota (index, predikat, change), from the page's own book (``spbe_view.cached_book``)
and choice of year (``pages.spbe.choose``), in the page's texts."""

from __future__ import annotations

from pantau.dashboard.context import AppContext
from pantau.dashboard.i18n import t
from pantau.dashboard.report.content import Doc, Kpi, Section, Spec, heading, region_words


def spbe(ctx: AppContext, spec: Spec, scope, now: float) -> Doc:
    from pantau.dashboard.components.spbe_view import (
        cached_book,
        change_text,
        delta_text,
        index_text,
        predikat_text,
        region_text,
    )
    from pantau.dashboard.pages.spbe import choose
    from pantau.data import spbe as S

    lang = spec.lang
    b = cached_book(ctx, now)
    year, _ = choose(b, spec.year, None)
    sections = []
    if year is not None:
        head = b.headline(year, b.area)
        kpis = [Kpi(t("spbe.card.title", lang), index_text(head.index, lang),
                    change_text(head.change, year - 1, lang), predikat_text(head.predikat, lang))]
        if head.counted:
            kpis.append(Kpi(t("spbe.col.predikat", lang), f"{head.reached}/{head.counted}",
                            t("spbe.reached", lang, n=head.reached, of=head.counted,
                              value=index_text(S.TARGET, lang))))
        ranks = b.ranking(year)
        sections.append(Section(
            t("spbe.table", lang, year=year), kpis=kpis,
            header=[t("spbe.col.region", lang), t("spbe.col.index", lang),
                    t("spbe.col.predikat", lang), t("spbe.col.change", lang)],
            rows=[[region_text(r.region), index_text(r.index, lang),
                   predikat_text(r.predikat, lang), delta_text(r.change, lang) or "–"]
                  for r in ranks]))
    words = f"{t('spbe.year', lang)} {year}" if year is not None else "–"
    return Doc("spbe", heading(spec, lang), ctx.config.site.name, words,
               [(t("report.region", lang), region_words(ctx, None, scope, lang))], now,
               sections, stem=t("report.file.spbe", lang) + (f"-{year}" if year else ""))
