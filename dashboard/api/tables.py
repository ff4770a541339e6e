"""API answers as CSV (``?format=csv``): one header row, one row per item, UTF-8.

Series come out in the import format (``metric,ts,value,<labels>``, times ISO 8601 in the
site zone), so ``pantau import`` reads an export back.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from pantau.data.export import csv_chunks


def write_csv(columns: list[str], rows: list[dict]) -> bytes:
    """``rows`` as CSV through the one writer of exports (``data.export.csv_chunks``, which
    escapes formula-like texts)."""
    return b"".join(csv_chunks(columns, ([_cell(row.get(k)) for k in columns] for row in rows)))


def _cell(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list | tuple):
        return ";".join(str(x) for x in v)
    if isinstance(v, dict):
        return ";".join(f"{k}={x}" for k, x in v.items())
    return v


def series_csv(answer: dict, tz: str) -> Iterator[bytes]:
    """Every point of every series of a /series answer, one row each, streamed in chunks."""
    zone = ZoneInfo(tz)
    names = sorted({k for s in answer["series"] for k in s["labels"]})
    named = {k for s in answer["series"] for k in s.get("label_names", {})}
    shifted = any(s.get("shift") for s in answer["series"])
    # a named label's column is followed by its names: region, region_name
    cols = [c for n in names for c in ([n, f"{n}_name"] if n in named else [n])]
    columns = ["metric", "ts", "value", *(["shift"] if shifted else []), *cols]

    def cell(s, c):
        if c.endswith("_name") and c[:-5] in named:
            return s.get("label_names", {}).get(c[:-5], s["labels"].get(c[:-5]))
        return s["labels"].get(c)

    def rows():
        for s in answer["series"]:
            head = [s["metric"]]
            tail = ([s.get("shift", 0)] if shifted else []) + [cell(s, c) for c in cols]
            for ms, value in s["points"]:
                when = datetime.fromtimestamp(ms / 1000, UTC).astimezone(zone).isoformat()
                yield [*head, when, value, *tail]

    return csv_chunks(columns, rows())


def latest_csv(answer: dict) -> bytes:
    names = sorted({k for s in answer["series"] for k in s["labels"]})
    named = {k for s in answer["series"] for k in s.get("label_names", {})}
    cols = [c for n in names for c in ([n, f"{n}_name"] if n in named else [n])]
    rows = [{**s, **s["labels"], **{f"{k}_name": v for k, v in s.get("label_names", {}).items()}}
            for s in answer["series"]]
    return write_csv(["metric", "time", "value", "age_seconds", "stale", *cols], rows)


def sources_csv(answer: dict) -> bytes:
    cols = ["id", "title", "kind", "enabled", "status", "state", "last_run", "last_success", "next_due", "stale",
            "last_error", "samples", "rejected", "duration_seconds", "interval_seconds"]
    return write_csv(cols, answer["sources"])


def articles_csv(answer: dict) -> bytes:
    cols = ["published", "outlet", "channel", "title", "url", "sentiment", "topics", "summary"]
    return write_csv(cols, answer["articles"])


def metrics_csv(answer: dict) -> bytes:
    cols = ["name", "title", "unit", "better", "agg", "target", "warn", "crit", "stale_after"]
    return write_csv(cols, answer["metrics"])
