"""API answers as CSV (``?format=csv``): one header row, one row per item, UTF-8.

Series come out in the import format (``metric,ts,value,<labels>``, times ISO 8601 in the
site zone), so ``pantau import`` reads an export back.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo


def write_csv(columns: list[str], rows: list[dict]) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for row in rows:
        w.writerow({k: ("" if row.get(k) is None else _cell(row.get(k))) for k in columns})
    return buf.getvalue().encode("utf-8")


def _cell(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list | tuple):
        return ";".join(str(x) for x in v)
    if isinstance(v, dict):
        return ";".join(f"{k}={x}" for k, x in v.items())
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r") and not _numeric(v):
        return "'" + v  # a spreadsheet must not run a formula a feed slipped into a title
    return v


def _numeric(v: str) -> bool:
    try:
        float(v)
    except ValueError:
        return False
    return True


def series_csv(answer: dict, tz: str) -> bytes:
    """Every point of every series of a /series answer, one row each."""
    zone = ZoneInfo(tz)
    names = sorted({k for s in answer["series"] for k in s["labels"]})
    shifted = any(s.get("shift") for s in answer["series"])
    columns = ["metric", "ts", "value", *(["shift"] if shifted else []), *names]
    rows = []
    for s in answer["series"]:
        base = {"metric": s["metric"], "shift": s.get("shift", 0), **s["labels"]}
        for ms, value in s["points"]:
            when = datetime.fromtimestamp(ms / 1000, UTC).astimezone(zone).isoformat()
            rows.append({**base, "ts": when, "value": value})
    return write_csv(columns, rows)


def latest_csv(answer: dict) -> bytes:
    names = sorted({k for s in answer["series"] for k in s["labels"]})
    rows = [{**s, **s["labels"]} for s in answer["series"]]
    return write_csv(["metric", "time", "value", "age_seconds", "stale", *names], rows)


def sources_csv(answer: dict) -> bytes:
    cols = ["id", "kind", "enabled", "status", "last_run", "last_success", "next_due", "stale",
            "last_error", "samples", "rejected", "duration_seconds", "interval_seconds"]
    return write_csv(cols, answer["sources"])


def articles_csv(answer: dict) -> bytes:
    cols = ["published", "outlet", "channel", "title", "url", "sentiment", "topics", "summary"]
    return write_csv(cols, answer["articles"])


def metrics_csv(answer: dict) -> bytes:
    cols = ["name", "title", "unit", "better", "agg", "target", "warn", "crit", "stale_after"]
    return write_csv(cols, answer["metrics"])
