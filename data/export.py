"""Tables of points as files: CSV in the import format, and XLSX with the filters used.

``pantau export`` and the HTTP API both write through here, so they give the same data, the
same escaping and the same limits:

- every text cell a spreadsheet would run as a formula (``= + - @``, tab, CR first) is
  written quoted (``'=1+1``), in CSV and XLSX alike (``escape_cell``);
- CSV streams: ``csv_chunks`` / ``write_csv`` hold one chunk of rows at a time, and
  ``raw_frames`` / ``bucket_frames`` read the store a window at a time, so an export of
  any length costs constant memory;
- an XLSX is built whole in memory, so it (and any answer that is not streamed) is refused
  before reading when it would hold more than ``web.export_max_rows`` rows
  (``check_rows``), naming the limit and the step that would fit.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from typing import IO
from zoneinfo import ZoneInfo

import pandas as pd
from pantau.data import queries
from pantau.data.buckets import nice_step
from pantau.data.durations import format_duration
from pantau.data.zones import zone_label

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
CSV_CHUNK = 64 * 1024
WINDOW_ROWS = 20_000


def escape_cell(value):
    """``value``, with a text a spreadsheet would run as a formula quoted (``'=HYPERLINK(..)``):
    a label or a feed's title must never become a live formula. Numbers written as text
    (``-5``, ``+62``) stay as they are."""
    if isinstance(value, str) and value[:1] in FORMULA_LEADS and not _numeric(value):
        return "'" + value
    return value


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


class ExportTooLarge(ValueError):
    """An export that would hold more than the limit: its rows, the limit and a step that
    fits (None when even the coarsest step would not)."""

    def __init__(self, rows: int, limit: int, step: int | None):
        self.rows, self.limit, self.step = rows, limit, step
        fit = (f"use a step of at least {format_duration(step)} or a shorter period"
               if step else "use a shorter period or fewer series")
        super().__init__(f"the export would hold {rows:,} rows; at most {limit:,} "
                         f"(web.export_max_rows): {fit}")


def export_rows(store, metric: str, start: int, end: int, step: int | None,
                filters=None, scope: str | None = None) -> tuple[int, int]:
    """``(rows, series)`` an export of ``metric`` would hold: raw samples counted in the
    database when ``step`` is None, series x buckets otherwise (series in ``scope``)."""
    n = len(queries.series_labels(store, metric, filters, scope))
    if step is None:
        return queries.count_points(store, metric, start, end, filters, scope), n
    return n * math.ceil((end - start) / step), n


def check_rows(rows: int, limit: int, span: int, series: int) -> None:
    """Raise ``ExportTooLarge`` when ``rows`` exceeds ``limit``, with the nice step at which
    ``series`` series over ``span`` seconds would fit."""
    if rows <= limit:
        return
    per_series = limit // max(1, series)
    step = nice_step(span, per_series) if per_series >= 1 else None
    raise ExportTooLarge(rows, limit, step)


def csv_chunks(columns: list[str], rows: Iterable[Iterable]) -> Iterator[bytes]:
    """UTF-8 CSV (header, then ``rows``) in chunks of about 64 KB; None and NaN are empty,
    formula-like texts escaped (``escape_cell``)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for row in rows:
        w.writerow(["" if v is None or (isinstance(v, float) and math.isnan(v))
                    else escape_cell(v) for v in row])
        if buf.tell() >= CSV_CHUNK:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode("utf-8")


def _iso(ts: int, zone: ZoneInfo) -> str:
    return datetime.fromtimestamp(int(ts), UTC).astimezone(zone).isoformat()


def frame_rows(frames: Iterable[pd.DataFrame], metric: str, tz: str,
               names: list[str]) -> Iterator[list]:
    """``[metric, ts, value, *labels]`` rows of ``frames`` (``ts`` ISO 8601 in ``tz``);
    ``names``: the label columns, the same for every frame."""
    zone = ZoneInfo(tz)
    for df in frames:
        labels = [df[n].to_numpy() if n in df.columns else [None] * len(df) for n in names]
        for i, (ts, value) in enumerate(zip(df["ts"].to_numpy(), df["value"].to_numpy(),
                                            strict=True)):
            yield [metric, _iso(ts, zone), float(value), *(col[i] for col in labels)]


def write_csv(fh: IO[bytes], frames: Iterable[pd.DataFrame], metric: str, tz: str,
              names: list[str]) -> int:
    """Stream ``frames`` to ``fh`` as import-format CSV; returns the rows written."""
    count = 0

    def counted():
        nonlocal count
        for row in frame_rows(frames, metric, tz, names):
            count += 1
            yield row

    for chunk in csv_chunks(["metric", "ts", "value", *names], counted()):
        fh.write(chunk)
    return count


def raw_frames(store, metric: str, start: int, end: int, filters=None,
               scope: str | None = None) -> Iterator[pd.DataFrame]:
    """The raw samples of an export, a window of rows at a time (``queries.points_chunks``),
    of the series in ``scope``."""
    yield from queries.points_chunks(store, metric, start, end, filters, WINDOW_ROWS, scope)


def bucket_frames(store, metric: str, start: int, end: int, step: int, agg: str, filters=None,
                  origin: int = 0, scope: str | None = None) -> Iterator[pd.DataFrame]:
    """The buckets of an export, one series and ``WINDOW_ROWS`` buckets at a time, in the
    order of ``queries.series`` (series, then time), of the series in ``scope``."""
    width = step * WINDOW_ROWS
    for sid, labels in queries.series_labels(store, metric, filters, scope).items():
        lo = start
        while lo < end:
            hi = min(end, lo + width)
            yield queries.series(store, metric, lo, hi, step, agg, origin=origin,
                                 labels={sid: labels})
            lo = hi


def tidy(df: pd.DataFrame, metric: str, tz: str) -> pd.DataFrame:
    """``metric, ts, value`` plus one column per label; ``ts`` as ISO 8601 in ``tz``.

    The result is what ``pantau import`` reads back.
    """
    zone = ZoneInfo(tz)
    names = df.attrs.get("label_names", [])
    out = pd.DataFrame({
        "metric": metric,
        "ts": [datetime.fromtimestamp(int(t), UTC).astimezone(zone).isoformat()
               for t in df["ts"]],
        "value": df["value"].to_numpy(),
    })
    for name in names:
        out[name] = [escape_cell(v) for v in df[name].to_numpy()]
    return out


def to_csv(df: pd.DataFrame, metric: str, tz: str) -> bytes:
    """The points as UTF-8 CSV in the import format."""
    names = df.attrs.get("label_names", [])
    return b"".join(csv_chunks(["metric", "ts", "value", *names],
                               frame_rows([df], metric, tz, names)))


def tidy_many(frames, tz: str) -> pd.DataFrame:
    """``tidy`` of several ``(metric, shift, df)`` frames stacked (a comparison): a column
    ``shift`` (seconds earlier) is added when one of them is a shifted period."""
    parts = []
    shifted = any(shift for _, shift, _ in frames)
    for metric, shift, df in frames:
        part = tidy(df, metric, tz)
        if shifted:
            part.insert(3, "shift", int(shift or 0))
        parts.append(part)
    return pd.concat(parts, ignore_index=True) if parts else tidy(pd.DataFrame(
        {"ts": [], "value": []}), "", tz)


HEADERS_ID = {"metric": "metrik", "ts": "waktu", "value": "nilai", "shift": "geser_detik"}


SOURCE_HEADERS = {"id": ("id", "judul", "jenis", "URL"), "en": ("id", "title", "kind", "URL")}
EXCEL_TIME = "yyyy-mm-dd hh:mm:ss"


def excel_time(ts, tz: str) -> datetime | None:
    """Epoch seconds as the naive wall-clock time in ``tz`` that Excel stores (it has no
    zones: the zone is named in the column header)."""
    if ts is None:
        return None
    return datetime.fromtimestamp(int(ts), UTC).astimezone(ZoneInfo(tz)).replace(tzinfo=None)


def to_xlsx(df: pd.DataFrame, metric: str, tz: str, filters: Mapping[str, object],
            lang: str = "id", title: str | None = None, extra=(), created: float | None = None,
            sources=(), names: Mapping[str, Mapping[str, str]] | None = None,
            notes=()) -> bytes:
    """A workbook: sheet 1 the data (Indonesian headers when ``lang`` is id), sheet 2 the
    filters, period, step, aggregation and time zone used, sheet 3 the ``sources`` of the data
    (rows of ``data.provenance.source_rows``).

    ``names`` (``{label: {value: name}}``, from ``data.labels.value_names``) adds a name
    column right after each such label's code column (``region``, ``region_nama``) and names
    the filtered values.

    ``extra`` adds compared frames as ``(metric, shift_seconds_or_None, df)`` below the data.
    ``notes`` (annotation rows: ``at_ts``, ``end_ts``, ``kind``, ``text``, ``author``) add a
    sheet of the annotations of the period, when there are any.
    Values stay numbers and times are Excel date-times in the site zone, named in the header
    (``waktu (WITA)``), so a spreadsheet can sum, sort and filter them.
    """
    data = tidy_many([(metric, None, df), *extra], tz)
    stamps = [int(t) for t in df["ts"]] + [int(t) for _, _, d in extra for t in d["ts"]]
    data["ts"] = [excel_time(t, tz) for t in stamps]
    if lang == "id":
        data = data.rename(columns=HEADERS_ID)
    zone_head = f" ({zone_label(tz)})"
    data = data.rename(columns={data.columns[1]: data.columns[1] + zone_head})
    names = names or {}
    for label, named in names.items():
        if label in data.columns:
            at = list(data.columns).index(label) + 1
            data.insert(at, f"{label}_{'nama' if lang == 'id' else 'name'}",
                        [escape_cell(named.get(str(v), str(v))) if v == v and v is not None
                         else v for v in data[label]])
    a = df.attrs

    def named_filter(label: str, values) -> str:
        values = values if isinstance(values, list | tuple) else [values]
        named = names.get(label, {})
        return ", ".join(f"{v} ({named[str(v)]})" if named.get(str(v), str(v)) != str(v)
                         else str(v) for v in values)

    def when(ts):
        return excel_time(ts, tz) if ts is not None else ""

    key_id = lang == "id"
    made = created if created is not None else datetime.now(UTC).timestamp()
    meta = [
        ("Metrik" if key_id else "Metric", metric),
        ("Judul" if key_id else "Title", escape_cell(title or metric)),
        (("Dari" if key_id else "From") + zone_head, when(a.get("start"))),
        (("Sampai" if key_id else "To") + zone_head, when(a.get("end"))),
        ("Langkah (detik)" if key_id else "Step (seconds)", a.get("step") or "mentah / raw"),
        ("Agregasi" if key_id else "Aggregation", a.get("agg") or "-"),
        ("Zona waktu" if key_id else "Time zone", f"{tz} ({zone_label(tz)})"),
        (("Dibuat" if key_id else "Created") + zone_head, when(made)),
    ]
    meta += [(f"Filter {k}", escape_cell(named_filter(k, v))) for k, v in filters.items()]
    for other, shift, _ in extra:
        meta.append(("Pembanding" if key_id else "Compared with",
                     f"{other}, {shift} s" if shift else other))
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl", datetime_format=EXCEL_TIME) as xl:
        data.to_excel(xl, sheet_name="Data", index=False)
        pd.DataFrame(meta, columns=["Filter" if not key_id else "Keterangan",
                                    "Value" if not key_id else "Nilai"]).to_excel(
            xl, sheet_name="Filter", index=False)
        heads = SOURCE_HEADERS["id" if key_id else "en"]
        pd.DataFrame([[escape_cell(r.get(k, "")) for k in ("id", "title", "kind", "url")]
                      for r in sources],
                     columns=list(heads)).to_excel(
            xl, sheet_name="Sumber" if key_id else "Sources", index=False)
        if notes:
            heads = (["Waktu", "Sampai", "Jenis", "Catatan", "Oleh"] if key_id else
                     ["Time", "Until", "Kind", "Text", "By"])
            heads[0] += zone_head
            heads[1] += zone_head
            pd.DataFrame([[when(n["at_ts"]), when(n.get("end_ts")), n["kind"],
                           escape_cell(n["text"]), escape_cell(n["author"])] for n in notes],
                         columns=heads).to_excel(
                xl, sheet_name="Anotasi" if key_id else "Annotations", index=False)
        _widen(xl)
    return buf.getvalue()


def _widen(xl) -> None:
    # Excel shows "#####" in a date-time column narrower than the time; fit each column.
    for sheet in xl.sheets.values():
        for col in sheet.columns:
            width = max(len(str(c.value)) if c.value is not None else 0 for c in col)
            if any(isinstance(c.value, datetime) for c in col):
                width = max(width, 19)
            sheet.column_dimensions[col[0].column_letter].width = min(60, width + 2)
        for row in sheet.iter_rows():
            for c in row:
                if isinstance(c.value, datetime):
                    c.number_format = EXCEL_TIME
