"""Tables of points as files: CSV in the import format, and XLSX with the filters used.

``pantau export`` and the HTTP API both write through here, so they give the same data.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pandas as pd
from pantau.data.zones import zone_label


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
        out[name] = df[name].to_numpy()
    return out


def to_csv(df: pd.DataFrame, metric: str, tz: str) -> bytes:
    """The points as UTF-8 CSV in the import format."""
    buf = io.StringIO()
    tidy(df, metric, tz).to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8")


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
            sources=()) -> bytes:
    """A workbook: sheet 1 the data (Indonesian headers when ``lang`` is id), sheet 2 the
    filters, period, step, aggregation and time zone used, sheet 3 the ``sources`` of the data
    (rows of ``data.provenance.source_rows``).

    ``extra`` adds compared frames as ``(metric, shift_seconds_or_None, df)`` below the data.
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
    a = df.attrs

    def when(ts):
        return excel_time(ts, tz) if ts is not None else ""

    key_id = lang == "id"
    made = created if created is not None else datetime.now(UTC).timestamp()
    meta = [
        ("Metrik" if key_id else "Metric", metric),
        ("Judul" if key_id else "Title", title or metric),
        (("Dari" if key_id else "From") + zone_head, when(a.get("start"))),
        (("Sampai" if key_id else "To") + zone_head, when(a.get("end"))),
        ("Langkah (detik)" if key_id else "Step (seconds)", a.get("step") or "mentah / raw"),
        ("Agregasi" if key_id else "Aggregation", a.get("agg") or "-"),
        ("Zona waktu" if key_id else "Time zone", f"{tz} ({zone_label(tz)})"),
        (("Dibuat" if key_id else "Created") + zone_head, when(made)),
    ]
    meta += [(f"Filter {k}", ", ".join(v) if isinstance(v, list | tuple) else str(v))
             for k, v in filters.items()]
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
        pd.DataFrame([[r.get(k, "") for k in ("id", "title", "kind", "url")] for r in sources],
                     columns=list(heads)).to_excel(
            xl, sheet_name="Sumber" if key_id else "Sources", index=False)
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
