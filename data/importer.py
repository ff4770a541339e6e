"""Bulk-load history from CSV: columns ``metric,ts,value`` plus one column per label.

``ts`` is epoch seconds or ISO 8601 (a time without a zone is read in the site's zone).
Loading the same file twice changes nothing (samples are keyed on series and ts). A bad row is
reported with its line number and skipped; the good rows land.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from pantau.data.reference import codes
from pantau.data.store import FUTURE_SLACK, Store

REQUIRED = ("metric", "ts", "value")


class ImportError_(ValueError):
    """The file as a whole cannot be imported (missing columns, unreadable)."""


@dataclass
class ImportReport:
    rows: int = 0
    written: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.problems)


def _numbers(col: pd.Series) -> pd.Series:
    # The C parser already typed a clean numeric column; only text needs coercing.
    if pd.api.types.is_numeric_dtype(col):
        return col.astype("float64")
    return pd.to_numeric(col, errors="coerce")


def _parse_ts(raw: pd.Series, tz: str) -> pd.Series:
    num = _numbers(raw)
    if pd.api.types.is_numeric_dtype(raw):
        return num.where(num == np.floor(num))
    out = num.where(num.notna() & (num == np.floor(num)))
    text_rows = num.isna() & raw.notna()
    if text_rows.any():
        zone = ZoneInfo(tz)
        for idx, val in raw[text_rows].items():
            try:
                dt = datetime.fromisoformat(str(val).strip().replace("Z", "+00:00"))
            except ValueError:
                continue
            if dt.tzinfo is None:
                dt = dt.replace(tzinfo=zone)
            out[idx] = dt.timestamp()
    return out


def import_csv(store: Store, path: str | Path, catalogue: Collection[str], tz: str = "UTC",
               now: int | None = None, chunk_rows: int = 250_000,
               on_rows: Callable[[int], None] | None = None,
               area: str | None = None) -> ImportReport:
    """Load ``path`` into ``store``; return counts and every refused row with its line.
    ``on_rows(n)`` is called after each chunk of ``n`` rows is done (a progress bar).
    ``area`` (``site.region``): a ``region`` outside it is refused as the runner refuses it."""
    now = int(store.clock() if now is None else now)
    oldest = now - store.retention_days * 86400
    report = ImportReport()
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh), [])
        # Text columns as categories: metric and label values repeat on every row, and
        # grouping rows into series then works on small integer codes.
        # Read as text first: a "category" column whose values all look like numbers gets
        # float categories, and region "52.10" would become 52.1 ("52" 52.0).
        text_cols = {c: str for c in header if c not in ("ts", "value")}
        # ts and value are left to the C parser's number detection: the fast path for
        # clean files; a chunk with text in them falls back to coercion row by row.
        reader = pd.read_csv(path, dtype=text_cols, keep_default_na=False,
                             na_values={"ts": [""], "value": [""]}, chunksize=chunk_rows,
                             skipinitialspace=True)
    except FileNotFoundError:
        raise ImportError_(f"{path}: no such file") from None
    except (pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise ImportError_(f"{path}: not a CSV file ({exc})") from None
    first = True
    line = 2
    for df in reader:
        df = df.astype({c: "category" for c in df.columns if c in text_cols})
        if first:
            missing = [c for c in REQUIRED if c not in df.columns]
            if missing:
                raise ImportError_(f"{path}: missing column(s) {', '.join(missing)}; "
                                   "the header must be metric,ts,value[,label...]")
            first = False
        labels = [c for c in df.columns if c not in REQUIRED]
        n = len(df)
        lines = np.arange(line, line + n)
        line += n
        report.rows += n
        ts = _parse_ts(df["ts"], tz)
        values = _numbers(df["value"])
        # Checks as boolean arrays (comparisons on an object column of reasons cost more
        # than the write); reasons are spelled out only for the rows refused.
        checks = [
            (~df["metric"].isin(catalogue).to_numpy(), None),
            (~np.isfinite(values.to_numpy(dtype="float64", na_value=np.nan)),
             "value is not a finite number"),
            (ts.isna().to_numpy(), "ts is not epoch seconds or ISO 8601"),
            ((ts > now + FUTURE_SLACK).to_numpy(),
             "timestamp is more than 10 minutes in the future"),
            ((ts < oldest).to_numpy(),
             f"timestamp is older than retention ({store.retention_days} days)"),
        ]
        if area is not None and "region" in df.columns:
            # One reason per distinct value (a region column repeats a few codes).
            outside = {v: codes.refusal(v, area) for v in df["region"].unique() if v != ""}
            reasons = df["region"].astype(object).map(outside.get)
            checks.append((reasons.notna().to_numpy(), reasons.to_numpy()))
        bad = np.logical_or.reduce([mask for mask, _ in checks])
        if bad.any():
            metrics = df["metric"].to_numpy()
            for i in np.flatnonzero(bad):
                why = next(w for mask, w in checks if mask[i])
                why = why[i] if isinstance(why, np.ndarray) else why
                report.problems.append((int(lines[i]), why or
                                        f"metric not in the catalogue ({metrics[i]!r})"))
        good = df[~bad]
        if good.empty:
            if on_rows is not None:
                on_rows(n)
            continue
        good = good.assign(_ts=ts[~bad].astype("int64"), _v=values[~bad].astype("float64"))
        groups = []
        keys = ["metric", *labels]
        for key, part in good.groupby(keys, sort=False, observed=True):
            key = key if isinstance(key, tuple) else (key,)
            lab = {k: v for k, v in zip(labels, key[1:], strict=True) if v != ""}
            groups.append((key[0], lab, part["_ts"].tolist(), part["_v"].tolist()))
        report.written += store.write_points(groups)
        if on_rows is not None:
            on_rows(n)
    return report
