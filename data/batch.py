"""What a collector hands to the runner: samples and articles, never written by the collector."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


def labels_key(labels: dict[str, str]) -> str:
    """The canonical text of a label set: sorted JSON, so equal sets give equal keys."""
    return json.dumps({str(k): str(v) for k, v in labels.items()}, sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class Sample:
    """One value of one metric. ``ts`` is UTC epoch seconds; None means the time of collection."""

    metric: str
    value: float
    labels: dict[str, str] = field(default_factory=dict)
    ts: int | None = None


@dataclass(slots=True)
class Article:
    """One media item. ``title`` and ``summary`` must already be plain text."""

    url: str
    title: str
    summary: str = ""
    outlet: str = ""
    channel: str = "media_massa"
    published_ts: int | None = None
    source_id: str = ""
    sentiment: str | None = None
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quake:
    """One earthquake as BMKG reports it (``collectors.bmkg`` parses it, ``data.quakes``
    stores it). ``ts`` is the quake's time, UTC epoch seconds: with the source it is the key
    (the same quake in autogempa, gempaterkini and gempadirasakan is one row). Text fields
    BMKG left out are None (a later feed may fill them); ``tsunami`` is BMKG's own words."""

    ts: int
    magnitude: float
    depth_km: float
    lat: float
    lon: float
    region: str
    felt: str | None = None
    tsunami: str | None = None
    shakemap: str | None = None
    feed: str = ""


@dataclass(slots=True)
class Rejection:
    """One row refused, with the reason (and where it came from, when known)."""

    reason: str
    metric: str = ""
    where: Any = None


@dataclass(slots=True)
class Batch:
    """The result of one collection: samples, articles, complaint rows (field -> text,
    times as Unix seconds; ``data.complaint_import.parse_row`` checks them in the store),
    SPBE level rows (``year,region,indicator,score`` -> text; ``data.spbe_store.parse_row``),
    quakes, and the items the collector itself refused (``refused``: counted as rejected)."""

    samples: list[Sample] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    complaints: list[dict[str, str]] = field(default_factory=list)
    spbe: list[dict[str, str]] = field(default_factory=list)
    quakes: list[Quake] = field(default_factory=list)
    refused: list[Rejection] = field(default_factory=list)


@dataclass(slots=True)
class WriteResult:
    """What ``Store.write`` did: rows written, articles new, and every rejection."""

    written: int = 0
    articles: int = 0
    complaints: int = 0
    spbe: int = 0
    quakes: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.rejections)
