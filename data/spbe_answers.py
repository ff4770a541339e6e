"""Named questions about SPBE for the page ``/spbe``, the KPI card on ``/`` and the wall tile:
stored levels (``data.spbe_store``) evaluated by the one set of rules (``data.spbe``).

    book = spbe_answers.book(store, area="52", scope=None)
    book.years                       # [2019, ..., 2024]
    book.get(2024, "52.71")          # Evaluation (index, predikat, domains, gaps) or None
    book.ranking(2024)               # [Rank(region, index, predikat, change)], best first
    book.headline(2024, "52")        # the site's own evaluation, else the mean of its regions

A principal limited to a region (``scope``) is given only the evaluations
``data.access.region_in_scope`` allows: its own and the site's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import fmean

from pantau.data import spbe, spbe_store
from pantau.data.access import region_in_scope
from pantau.data.spbe import Evaluation


@dataclass(frozen=True)
class Rank:
    region: str
    index: float | None
    predikat: str | None
    change: float | None
    """Change of the published index from the year before (None without one)."""


@dataclass(frozen=True)
class Headline:
    """One number for a place and a year: its own evaluation, or the mean of its regions."""

    year: int
    region: str
    index: float | None
    predikat: str | None
    change: float | None
    mean_of: int = 0
    """How many regions' indices were averaged (0: the place's own evaluation)."""
    reached: int = 0
    """Regions at or above the national target (Baik)."""
    counted: int = 0


@dataclass
class Book:
    """Every evaluation of the regions inside an area, in the asker's scope."""

    area: str
    evaluations: dict[tuple[int, str], Evaluation] = field(default_factory=dict)
    origins: dict[tuple[int, str], str] = field(default_factory=dict)
    """The source of each region-year's levels (``demo``/``demo:published`` in the demo)."""

    @property
    def years(self) -> list[int]:
        return sorted({y for y, _ in self.evaluations})

    @property
    def demo(self) -> bool:
        """True when the levels are the demo's made-up ones (source ``demo...``)."""
        return any(s.startswith("demo") for s in self.origins.values())

    def origin(self, year: int, region: str) -> str:
        return self.origins.get((year, region), "")

    def get(self, year: int, region: str) -> Evaluation | None:
        return self.evaluations.get((year, region))

    def regions(self, year: int | None = None) -> list[str]:
        """Regions below the area with an evaluation (in ``year`` when given), code order."""
        return sorted({r for y, r in self.evaluations
                       if r != self.area and (year is None or y == year)})

    def change(self, year: int, region: str) -> float | None:
        now, before = self.get(year, region), self.get(year - 1, region)
        if now is None or before is None or now.index is None or before.index is None:
            return None
        return round(spbe.published(now.index) - spbe.published(before.index), 2)

    def ranking(self, year: int) -> list[Rank]:
        """The regions below the area in ``year``, highest index first (no index last)."""
        rows = [Rank(r, e.index, e.predikat, self.change(year, r))
                for r in self.regions(year) if (e := self.get(year, r)) is not None]
        return sorted(rows, key=lambda x: (x.index is None, -(x.index or 0), x.region))

    def trend(self, region: str) -> list[tuple[int, float | None, float | None]]:
        return spbe.trend({y: e for (y, r), e in self.evaluations.items() if r == region})

    def headline(self, year: int, region: str) -> Headline:
        """``region``'s own evaluation in ``year`` if stored; for the area without one, the
        mean index of its regions (said so by ``mean_of``)."""
        ranks = self.ranking(year) if region == self.area else []
        indexed = [x for x in ranks if x.index is not None]
        reached = sum(1 for x in indexed if spbe.published(x.index) >= spbe.TARGET)
        own = self.get(year, region)
        if own is not None and own.index is not None:
            return Headline(year, region, own.index, own.predikat, self.change(year, region),
                            reached=reached, counted=len(indexed))
        if region != self.area or not indexed:
            return Headline(year, region, None, None, None)
        mean = fmean(x.index for x in indexed)
        before = [x.index - x.change for x in indexed if x.change is not None]
        change = None
        if len(before) == len(indexed):
            change = round(spbe.published(mean) - spbe.published(fmean(before)), 2)
        return Headline(year, region, mean, spbe.predikat(mean), change, mean_of=len(indexed),
                        reached=reached, counted=len(indexed))


def book(store, area: str, scope: str | None = None,
         years: tuple[int, int] | None = None) -> Book:
    """The evaluations of ``area`` and the regions inside it, in ``scope``."""
    out = Book(area)
    for (year, region), levels in spbe_store.levels(store, area=area, years=years).items():
        if region_in_scope(region, scope):
            out.evaluations[(year, region)] = spbe.evaluate(levels)
    if out.evaluations:
        out.origins = {k: v for k, v in spbe_store.origins(store, area).items()
                       if k in out.evaluations}
    return out


def last_update(store, area: str) -> int | None:
    """When the newest level inside ``area`` was written (Unix seconds), or None."""
    return spbe_store.last_update(store, area)
