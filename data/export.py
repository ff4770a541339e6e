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


def to_xlsx(df: pd.DataFrame, metric: str, tz: str, filters: Mapping[str, object],
            lang: str = "id", title: str | None = None, extra=(), created: float | None = None,
            ) -> bytes:
    """A workbook: sheet 1 the data (Indonesian headers when ``lang`` is id), sheet 2 the
    filters, period, step, aggregation and time zone used.

    ``extra`` adds compared frames as ``(metric, shift_seconds_or_None, df)`` below the data.
    Values stay numbers and times stay text in the site zone, so a spreadsheet can sum them.
    """
    data = tidy_many([(metric, None, df), *extra], tz)
    if lang == "id":
        data = data.rename(columns=HEADERS_ID)
    a = df.attrs
    zone = ZoneInfo(tz)

    def when(ts):
        if ts is None:
            return ""
        dt = datetime.fromtimestamp(int(ts), UTC).astimezone(zone)
        return dt.strftime("%Y-%m-%d %H:%M ") + zone_label(tz)

    key_id = lang == "id"
    made = created if created is not None else datetime.now(UTC).timestamp()
    meta = [
        ("Metrik" if key_id else "Metric", metric),
        ("Judul" if key_id else "Title", title or metric),
        ("Dari" if key_id else "From", when(a.get("start"))),
        ("Sampai" if key_id else "To", when(a.get("end"))),
        ("Langkah (detik)" if key_id else "Step (seconds)", a.get("step") or "mentah / raw"),
        ("Agregasi" if key_id else "Aggregation", a.get("agg") or "-"),
        ("Zona waktu" if key_id else "Time zone", f"{tz} ({zone_label(tz)})"),
        ("Dibuat" if key_id else "Created", when(made)),
    ]
    meta += [(f"Filter {k}", ", ".join(v) if isinstance(v, list | tuple) else str(v))
             for k, v in filters.items()]
    for other, shift, _ in extra:
        meta.append(("Pembanding" if key_id else "Compared with",
                     f"{other}, {shift} s" if shift else other))
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        data.to_excel(xl, sheet_name="Data", index=False)
        pd.DataFrame(meta, columns=["Filter" if not key_id else "Keterangan",
                                    "Value" if not key_id else "Nilai"]).to_excel(
            xl, sheet_name="Filter", index=False)
    return buf.getvalue()
