"""``prometheus``: samples from a Prometheus text-exposition endpoint (a node exporter, say).

    options:
      url: http://10.52.0.10:9100/metrics
      include: "^node_load1$"              # regex on metric names (default: all)
      rename: {node_load1: server_load}    # exposition name -> catalogue name

Exposition labels become labels; a timestamp on a line (milliseconds) is kept, otherwise the
time of collection. Names that are not in the catalogue are refused by the store, with the
reason, so ``include`` and ``rename`` are how an exporter is mapped onto the catalogue.
"""

from __future__ import annotations

import math
import re

from pantau.collectors.base import CollectContext, CollectError, Options
from pantau.collectors.fetch import SourceUrl, fetch_ok, where
from pantau.data.batch import Batch, Sample
from pydantic import Field, field_validator

_NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")
_LABEL = re.compile(r"\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*\"((?:[^\"\\]|\\.)*)\"\s*(,)?")
_UNESCAPE = {"\\\\": "\\", "\\\"": "\"", "\\n": "\n"}
_SPECIAL = {"nan": math.nan, "+inf": math.inf, "inf": math.inf, "-inf": -math.inf}


class PrometheusOptions(Options):
    url: SourceUrl
    include: str | None = None
    rename: dict[str, str] = Field(default_factory=dict)


    @field_validator("include")
    @classmethod
    def _include(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                re.compile(v)
            except re.error as exc:
                raise ValueError(f"{v!r} is not a regular expression ({exc})") from None
        return v

    def emitted_metrics(self) -> list[str]:
        return list(dict.fromkeys(self.rename.values()))


def parse_exposition(text: str) -> list[tuple[str, dict[str, str], float, int | None]]:
    """``(name, labels, value, timestamp seconds or None)`` per sample line; ``ValueError``
    naming the line for anything that is not the text exposition format."""
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = _NAME.match(line)
        if not m:
            raise ValueError(f"line {n}: {line[:60]!r} does not start with a metric name")
        name, pos = m.group(0), m.end()
        labels: dict[str, str] = {}
        if pos < len(line) and line[pos] == "{":
            pos += 1
            while True:
                if line[pos:pos + 1] == "}":
                    pos += 1
                    break
                lm = _LABEL.match(line, pos)
                if not lm:
                    raise ValueError(f"line {n}: malformed labels in {line[:80]!r}")
                labels[lm.group(1)] = re.sub(r"\\[\\\"n]", lambda e: _UNESCAPE[e.group(0)],
                                             lm.group(2))
                pos = lm.end()
                if not lm.group(3) and line[pos:pos + 1] != "}":
                    raise ValueError(f"line {n}: expected ',' or '}}' in {line[:80]!r}")
        parts = line[pos:].split()
        if not parts or len(parts) > 2:
            raise ValueError(f"line {n}: expected a value (and optional timestamp) after "
                             f"{name!r}")
        try:
            value = _SPECIAL.get(parts[0].lower())
            value = float(parts[0]) if value is None else value
            ts = int(int(parts[1]) / 1000) if len(parts) == 2 else None
        except ValueError:
            raise ValueError(f"line {n}: {' '.join(parts)!r} is not a number") from None
        out.append((name, labels, value, ts))
    return out


class PrometheusCollector:
    """Scrape an exposition endpoint."""

    kind = "prometheus"
    Options = PrometheusOptions

    def collect(self, options: PrometheusOptions, ctx: CollectContext) -> Batch:
        got = fetch_ok(ctx, options.url, headers={"Accept": "text/plain;version=0.0.4"})
        text = got.body.decode("utf-8", "replace")
        try:
            parsed = parse_exposition(text)
        except ValueError as exc:
            raise CollectError(f"answer of {where(options.url)} is not Prometheus text "
                               f"exposition: {exc}") from None
        include = re.compile(options.include) if options.include else None
        samples = [Sample(options.rename.get(name, name), value, labels, ts)
                   for name, labels, value, ts in parsed
                   if include is None or include.search(name)]
        return Batch(samples=samples)
