"""What a report holds: the numbers of one page, asked of the same named questions the page
asks (``card_data`` through the overview's cache, ``values_by``, ``tile_data``, the media
page's ``cached``), as texts ready for the template.

    spec = Spec(page="overview", period="30d", region="52", lang="id")
    doc = build(ctx, spec, scope)        # -> Doc(title, period, filters, sections, ...)

A ``Spec`` comes from the button's URL (``dashboard.report.routes``) or from a report of
config.yaml (``Spec.of(report)``). ``scope`` is the principal's region (None: the whole site;
the worker's scheduled reports).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pantau.dashboard import fmt
from pantau.dashboard.context import AppContext
from pantau.dashboard.i18n import t
from pantau.data.config_reports import PAGES
from pantau.data.periods import PERIODS, window

MAX_CHARTS = 6


@dataclass(frozen=True)
class Spec:
    """Which page, in which state: the report's "what"."""

    page: str = "overview"
    period: str = "7d"
    region: str | None = None
    metric: str | None = None
    screen: str | None = None
    lang: str = "id"
    paper: str = "A4"
    media: tuple = ()
    """``(("outlet", "Suara NTB"), ("by", "topic"), ...)`` for the media page."""
    explore: tuple = ()
    """The explorer's query parameters, as pairs."""
    year: str | None = None
    """``/spbe``'s evaluation year (default the latest)."""

    @classmethod
    def of(cls, report) -> Spec:
        """The spec of a scheduled report (``data.config_reports.Report``)."""
        return cls(page=report.page, period=report.period, region=report.region,
                   metric=report.metric, screen=report.screen, lang=report.lang,
                   paper=report.paper)


@dataclass
class Kpi:
    title: str
    value: str
    change: str = ""
    status: str = ""
    target: str = ""
    note: str = ""


@dataclass
class Section:
    title: str
    kpis: list[Kpi] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    charts: list[bytes] = field(default_factory=list)
    """SVG images (kaleido)."""
    numeric: bool = True
    """The table's columns after the first are numbers (right-aligned)."""


@dataclass
class Doc:
    page: str
    title: str
    subject: str
    period: str
    filters: list[tuple[str, str]]
    made: float
    sections: list[Section]
    demo: bool = False
    stem: str = ""
    """What the file is, for its name: ``ringkasan``, ``indikator-ipm`` ..."""


class ReportInputError(ValueError):
    """A report asked with a bad page, metric, screen or period (names the parameter)."""

    def __init__(self, message: str, param: str):
        super().__init__(message)
        self.param = param


def check(ctx: AppContext, spec: Spec) -> None:
    """ReportInputError naming what is wrong with ``spec``."""
    if spec.page not in PAGES:
        raise ReportInputError(f"page must be one of {', '.join(PAGES)}", "page")
    if spec.page not in ("explore", "media", "spbe") and spec.period not in PERIODS:
        raise ReportInputError(f"period must be one of {', '.join(PERIODS)}", "period")
    if spec.page == "metric" and ctx.config.metric(spec.metric or "") is None:
        raise ReportInputError(f"metric {spec.metric!r} is not in config.yaml metrics",
                               "metric")
    if spec.page == "screen" and ctx.config.screen(spec.screen or "") is None:
        raise ReportInputError(f"screen {spec.screen!r} is not in config.yaml screens",
                               "screen")
    if spec.paper not in ("A4", "F4"):
        raise ReportInputError("paper must be A4 or F4", "paper")


def build(ctx: AppContext, spec: Spec, scope: str | None) -> Doc:
    """The document of ``spec`` as the page shows it now, in ``scope``."""
    from pantau.dashboard.report import pages, pages_spbe

    check(ctx, spec)
    now = ctx.clock()
    doc = getattr(pages_spbe if spec.page == "spbe" else pages, spec.page)(ctx, spec, scope,
                                                                           now)
    doc.made = now
    doc.demo = ctx.config.site.demo
    return doc


def region_words(ctx: AppContext, region: str | None, scope: str | None, lang: str) -> str:
    """The name of the region shown (never a code): ``Kota Mataram``, ``Seluruh provinsi``."""
    from pantau.dashboard.components.regions import region_key, region_label

    province = ctx.config.site.region
    return region_label(region_key(region, province, scope), province, lang)


def period_of(ctx: AppContext, period: str, now: float, lang: str) -> tuple[int, int, str]:
    """``(start, end, words)`` of an overview period (``data.periods``) at ``now``."""
    start, end = window(period, now, ctx.tz)
    return start, end, fmt.period_words(start, min(end, now + 1), lang, ctx.tz)


def heading(spec: Spec, lang: str) -> str:
    return t(f"report.{spec.page}", lang)
