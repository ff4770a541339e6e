"""``bmkg``: BMKG's earthquakes and village forecasts, read in BMKG's own formats
(``collectors.bmkg_parse``). Data: BMKG (Badan Meteorologi, Klimatologi, dan Geofisika),
which asks to be credited wherever it is shown.

    options:
      feed: autogempa          # autogempa | gempaterkini | gempadirasakan | cuaca
      # url: https://data.bmkg.go.id/DataMKG/TEWS/autogempa.json   (the default per feed)

    options:
      feed: cuaca
      adm4: [52.71.01.1004, 52.01.01.2002]   # villages (Kemendagri codes), one request each
      # url: https://api.bmkg.go.id/publik/prakiraan-cuaca?adm4={adm4}

The quake feeds give ``Batch.quakes`` (the store upserts them by BMKG's time of the quake).
``cuaca`` gives, per kabupaten/kota of the villages (label ``region``: the ``adm2`` code), for
the site's today (slots whose time falls on today's date in ``site.timezone``):
``bmkg_hujan_maks_mm`` (the largest 3-hourly precipitation forecast, mm),
``bmkg_suhu_maks_c`` (the highest temperature) and ``bmkg_cuaca_slot_count`` per ``cuaca``
(BMKG's words: how many 3-hourly slots of today's forecast say "Hujan Petir", ...). BMKG
limits the API to 60 requests a minute per address: at most 30 villages a source.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import datetime
from typing import Literal

from pantau.collectors.base import CollectContext, CollectError, Options
from pantau.collectors.bmkg_parse import parse_forecast, parse_quakes
from pantau.collectors.fetch import SourceUrl, fetch_ok, where
from pantau.collectors.http_json import parse_json
from pantau.data.batch import Batch, Rejection, Sample
from pantau.data.quakes import QUAKE_FEEDS
from pantau.data.zones import zone
from pydantic import Field, field_validator, model_validator

TEWS = "https://data.bmkg.go.id/DataMKG/TEWS/{feed}.json"
FORECAST = "https://api.bmkg.go.id/publik/prakiraan-cuaca?adm4={adm4}"
WEATHER_METRICS = ("bmkg_hujan_maks_mm", "bmkg_suhu_maks_c", "bmkg_cuaca_slot_count")
MAX_VILLAGES = 30
_ADM4 = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")


class BmkgOptions(Options):
    feed: Literal["autogempa", "gempaterkini", "gempadirasakan", "cuaca"]
    url: SourceUrl | None = None
    adm4: list[str] = Field(default_factory=list)

    @field_validator("adm4")
    @classmethod
    def _adm4(cls, v: list[str]) -> list[str]:
        for code in v:
            if not _ADM4.match(str(code)):
                raise ValueError(f"{code!r} is not a village (adm4) code like 52.71.01.1004")
        if len(v) > MAX_VILLAGES:
            raise ValueError(f"{len(v)} villages; at most {MAX_VILLAGES} a source (BMKG "
                             "allows 60 requests a minute)")
        return list(dict.fromkeys(v))

    @model_validator(mode="after")
    def _fits_feed(self):
        if self.feed == "cuaca" and not self.adm4:
            raise ValueError("feed cuaca needs adm4: the village codes to forecast")
        if self.feed != "cuaca" and self.adm4:
            raise ValueError(f"adm4 is for feed cuaca, not {self.feed}")
        if self.feed == "cuaca" and self.url and "{adm4}" not in self.url:
            raise ValueError("the url of feed cuaca must hold {adm4}")
        return self

    def emitted_metrics(self) -> list[str]:
        return list(WEATHER_METRICS) if self.feed == "cuaca" else []


class BmkgCollector:
    kind = "bmkg"
    Options = BmkgOptions

    def collect(self, options: BmkgOptions, ctx: CollectContext) -> Batch:
        if options.feed in QUAKE_FEEDS:
            return self._quakes(options, ctx)
        return self._weather(options, ctx)

    def _quakes(self, options: BmkgOptions, ctx: CollectContext) -> Batch:
        url = options.url or TEWS.format(feed=options.feed)
        doc = parse_json(fetch_ok(ctx, url).body, url)
        try:
            good, bad = parse_quakes(doc, options.feed)
        except ValueError as exc:
            raise CollectError(f"answer of {where(url)}: {exc}") from None
        return Batch(quakes=good, refused=[Rejection(why, "quakes") for why in bad])

    def _weather(self, options: BmkgOptions, ctx: CollectContext) -> Batch:
        template = options.url or FORECAST
        slots, refused, failed = [], [], []
        for code in options.adm4:
            url = template.replace("{adm4}", code)
            try:
                got, bad = parse_forecast(parse_json(fetch_ok(ctx, url).body, url))
            except CollectError as exc:
                failed.append(f"{code}: {exc}")
                continue
            except ValueError as exc:
                failed.append(f"{code}: answer of {where(url)}: {exc}")
                continue
            slots += got
            refused += [Rejection(why, "cuaca") for why in bad]
        batch = Batch(samples=today_samples(slots, ctx.clock(), ctx.tz), refused=refused)
        if failed:
            raise CollectError(f"{len(failed)} of {len(options.adm4)} village(s) failed: "
                               + "; ".join(failed[:3]), batch)
        return batch


def today_samples(slots, now: float, tz: str) -> list[Sample]:
    """Per kabupaten/kota, today's (in ``tz``) largest rain, highest temperature and slots
    per weather word; samples without a time (the runner stamps the collection's)."""
    z = zone(tz)
    today = datetime.fromtimestamp(now, z).date()
    rain: dict[str, list[float]] = defaultdict(list)
    temp: dict[str, list[float]] = defaultdict(list)
    words: dict[str, Counter] = defaultdict(Counter)
    for s in slots:
        if datetime.fromtimestamp(s.ts, z).date() != today:
            continue
        words[s.kabkota][s.weather] += 1
        if s.rain_mm is not None:
            rain[s.kabkota].append(s.rain_mm)
        if s.temp_c is not None:
            temp[s.kabkota].append(s.temp_c)
    out = []
    for kab in sorted(words):
        if rain[kab]:
            out.append(Sample("bmkg_hujan_maks_mm", max(rain[kab]), {"region": kab}))
        if temp[kab]:
            out.append(Sample("bmkg_suhu_maks_c", max(temp[kab]), {"region": kab}))
        for word, n in sorted(words[kab].items()):
            out.append(Sample("bmkg_cuaca_slot_count", float(n), {"region": kab, "cuaca": word}))
    return out
