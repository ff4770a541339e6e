"""Rows to samples, for the kinds whose data is a table (``csv`` and ``sql``).

Options shared by both: ``timestamp: {column, format, timezone}`` and ``values: [{metric,
column, labels: {name: column}, static_labels}]``. Each row gives one sample per entry of
``values``. A cell that is not a number is passed on as it is, so the store refuses it with the
reason and it is counted; an empty cell is no measurement and gives no sample.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from decimal import Decimal

from pantau.collectors.base import CollectError, LabelledValue, Options
from pantau.collectors.timestamps import to_epoch
from pantau.data.batch import Sample
from pantau.data.zones import is_zone
from pydantic import field_validator


class TimestampColumn(Options):
    """Where a row's time is: a column, its strftime ``format`` (default ISO 8601 or epoch
    seconds) and the ``timezone`` of times without one (default the site's)."""

    column: str
    format: str | None = None
    timezone: str | None = None

    @field_validator("timezone")
    @classmethod
    def _zone(cls, v: str | None) -> str | None:
        if v is not None and not is_zone(v):
            raise ValueError(f"{v!r} is not a time zone; use e.g. Asia/Makassar (WITA)")
        return v


class ColumnValue(LabelledValue):
    """One metric read from one column, labelled from other columns and fixed values."""

    column: str


def parse_number(cell, decimal: str = "."):
    """A cell as a float; text in the source's convention (``1.234,5`` with decimal ``,``).
    Returns None for an empty cell and the cell unchanged when it is not a number (so that
    the store refuses it with the reason)."""
    if cell is None:
        return None
    if isinstance(cell, bool):
        return float(cell)
    if isinstance(cell, int | float | Decimal):
        return float(cell)
    text = str(cell).strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if decimal == ",":
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", "")
    if text.endswith("%"):
        text = text[:-1]
    try:
        return float(text)
    except ValueError:
        return str(cell)


def label_text(cell) -> str:
    """A label cell as text: ``52`` not ``52.0``; region codes should be text cells."""
    if isinstance(cell, float) and math.isfinite(cell) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None else str(cell).strip()


def check_columns(header: Sequence[str], values: Iterable[ColumnValue],
                  timestamp: TimestampColumn | None, what: str) -> None:
    """Raise ``CollectError`` naming every column the options ask for that ``header`` lacks."""
    have = set(header)
    wanted = []
    for v in values:
        wanted += [v.column, *v.labels.values()]
    if timestamp:
        wanted.append(timestamp.column)
    missing = [c for c in dict.fromkeys(wanted) if c not in have]
    if missing:
        shown = ", ".join(repr(c) for c in header[:20])
        raise CollectError(f"{what} has no column {', '.join(repr(c) for c in missing)} "
                           f"(columns: {shown or 'none'})")


def rows_to_samples(header: Sequence[str], rows: Iterable[tuple[int, Sequence]],
                    values: Sequence[ColumnValue], timestamp: TimestampColumn | None, tz: str,
                    decimal: str = ".", table: str = "the table",
                    row_word: str = "row") -> list[Sample]:
    """Samples from ``rows``, pairs ``(row number, cells aligned with header)``. A bad
    timestamp is an error naming the row, since every sample of the row would be misplaced."""
    check_columns(header, values, timestamp, table)
    index = {name: i for i, name in enumerate(header)}
    ts_zone = (timestamp.timezone if timestamp and timestamp.timezone else tz)
    out: list[Sample] = []
    for n, row in rows:
        if all(c is None or str(c).strip() == "" for c in row):
            continue
        ts = None
        if timestamp:
            cell = row[index[timestamp.column]]
            try:
                ts = to_epoch(cell, ts_zone, timestamp.format)
            except ValueError as exc:
                raise CollectError(f"{table} {row_word} {n}, column {timestamp.column!r}: "
                                   f"{exc}") from None
        for v in values:
            value = parse_number(row[index[v.column]], decimal)
            if value is None:
                continue
            labels = dict(v.static_labels)
            labels.update({name: label_text(row[index[col]]) for name, col in v.labels.items()})
            out.append(Sample(v.metric, value, labels, ts))
    return out
