"""Which series make up a place when a metric has series at more than one level: the one rule
against counting a place twice.

A metric may be reported per kecamatan by one source and per desa/kelurahan by another, or a
kecamatan may publish its own figure next to its desa's. The rule, written only here:

    **A place is its own series when the metric has one; otherwise the places one level below
    it, each by this same rule.**

So a series counts in a place unless a series of a place between them (or of the place itself)
exists: a kecamatan's own figure wins over its desa's (they are not added to it), the desa of a
kecamatan without a figure of its own add up (or average, by ``data.kpi.combine_rule``) to it,
and the site's total is the site's own series when there is one (a published figure beats a
sum of its parts, as for a province). Whether a place has a series is decided on every series
of the metric (``data.queries.label_values`` without scope), not on those of one period or one
asker, so a place's value never switches sources with the period or who asks.

Use::

    from pantau.data.places import parts, counted

    parts(["33.11.12", "33.11.12.2001", "33.11.01.2002"], "33.11.12")  # ["33.11.12"]
    parts(["33.11.12.2001", "33.11.12.2002"], "33.11.12")    # both desa
    counted(["33.11.12", "33.11.12.2001", "33.11.01.2002"], "33.11")
    # {"33.11.01.2002": "33.11.01", "33.11.12": "33.11.12"}: the desa of Kartasura are not
    # counted again; Weru's desa stand for Weru

``data.shows.place_filters`` (a KPI's place) and ``data.shows.region_totals`` (maps, bars and
tables by region, the wall's tiles) ask here.
"""

from __future__ import annotations

from collections.abc import Iterable

from pantau.data.reference import codes


def _counts_in(code: str, place: str, present: set[str]) -> bool:
    # ``code`` inside ``place`` counts when no place from ``place`` down to code's parent has
    # a series of its own.
    if code == place:
        return True
    if not codes.within(code, place) or place in present:
        return False
    up = codes.parent(code)
    while up is not None and up != place:
        if up in present:
            return False
        up = codes.parent(up)
    return True


def parts(values: Iterable[str], place: str) -> list[str]:
    """The region codes among ``values`` (one metric's region label values) whose series make
    up ``place``, in code order: ``[place]`` when it has its own series, else the codes inside
    it that no place in between covers. Empty when nothing is inside ``place``."""
    present = {str(v) for v in values if v}
    place = str(place)
    if place in present:
        return [place]
    return sorted(v for v in present if v != place and _counts_in(v, place, present))


def counted(values: Iterable[str], area: str) -> dict[str, str]:
    """``{code: region one level below area}`` for the codes among ``values`` whose series
    count in the regions one level below ``area`` (each region by :func:`parts`); series of
    ``area`` itself, of codes outside it, and those a place above them covers are left out."""
    present = {str(v) for v in values if v}
    by_region: dict[str, list[str]] = {}
    for v in present:
        region = codes.below(v, area)
        if region is not None:
            by_region.setdefault(region, []).append(v)
    return {code: region for region, inside in sorted(by_region.items())
            for code in parts(inside, region)}
