"""``csv``: a table from a CSV or XLSX file, on disk (``path``) or on the web (``url``).

    options:
      url: https://data.ntbprov.go.id/dataset/indikator.xlsx    # or  path: /srv/indikator.csv
      format: xlsx              # csv | xlsx; default from the name, and the bytes decide
      sheet: indikator          # xlsx: default the first sheet
      delimiter: ","            # csv
      decimal: ","              # "1.234,5" when the file writes numbers the Indonesian way
      timestamp: {column: tahun, format: "%Y", timezone: Asia/Makassar}
      values:
        - {metric: ipm_score, column: ipm, labels: {region: kode_wilayah}}

    # or SPBE indicator levels, columns year,region,indicator,score, for the store to check
    # and upsert as ``pantau import --table spbe`` does (``pantau.data.spbe_store``):
      path: /srv/spbe/lhe-2024.csv
      records: spbe

The first row holds the column names. A zip file is read as XLSX whatever it is called;
a row with another number of fields than the header is an error naming its line.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Literal

from pantau.collectors.base import CollectContext, CollectError, Options
from pantau.collectors.fetch import check_url, fetch_ok, read_limited, where
from pantau.collectors.tabular import ColumnValue, TimestampColumn, rows_to_samples
from pantau.data.batch import Batch
from pydantic import field_validator, model_validator

_ZIP = b"PK\x03\x04"
SPBE_COLUMNS = ("year", "region", "indicator", "score")


class CsvOptions(Options):
    url: str | None = None
    path: str | None = None
    format: Literal["csv", "xlsx"] | None = None
    sheet: str | None = None
    delimiter: str = ","
    decimal: Literal[".", ","] = "."
    timestamp: TimestampColumn | None = None
    values: tuple[ColumnValue, ...] = ()
    records: Literal["spbe"] | None = None

    @field_validator("url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        return None if v is None else check_url(v)

    @field_validator("delimiter")
    @classmethod
    def _delimiter(cls, v: str) -> str:
        if v == "\\t":
            v = "\t"
        if len(v) != 1:
            raise ValueError(f"{v!r} must be one character, e.g. ',' or ';'")
        return v

    @model_validator(mode="after")
    def _one_place(self):
        if (self.url is None) == (self.path is None):
            raise ValueError("give exactly one of url or path")
        if self.records is None and not self.values:
            raise ValueError("give values (one or more columns to read as metrics) or "
                             "records: spbe")
        if self.records is not None and self.values:
            raise ValueError("records: spbe reads the columns year,region,indicator,score; "
                             "give no values with it")
        return self

    @property
    def location(self) -> str:
        return self.url or self.path or ""

    def expected_format(self) -> str:
        if self.format:
            return self.format
        name = self.location.split("?")[0].lower()
        return "xlsx" if name.endswith((".xlsx", ".xlsm")) else "csv"


def decode(body: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), else Windows-1252 as Excel writes."""
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return body.decode("cp1252", "replace")


def read_csv(body: bytes, delimiter: str, name: str) -> tuple[list[str], list[tuple[int, list]]]:
    """Header and ``(line number, fields)`` rows; ``CollectError`` for malformed CSV."""
    text = decode(body)
    if text.lstrip()[:1] == "<":
        raise CollectError(f"{name} is HTML or XML, not CSV (starts with "
                           f"{text.lstrip()[:40]!r})")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list]] = []
    try:
        header = next(reader, None)
        if not header:
            raise CollectError(f"{name} is empty: no header row")
        header = [h.strip() for h in header]
        for fields in reader:
            if not fields:
                continue
            if len(fields) != len(header):
                raise CollectError(f"{name} line {reader.line_num}: {len(fields)} fields, "
                                   f"the header has {len(header)} (delimiter {delimiter!r})")
            rows.append((reader.line_num, fields))
    except csv.Error as exc:
        raise CollectError(f"{name} line {reader.line_num}: malformed CSV ({exc})") from None
    return header, rows


def read_xlsx(body: bytes, sheet: str | None, name: str) -> tuple[list[str], list[tuple[int, list]]]:
    """Header and ``(row number, cells)`` rows of ``sheet`` (default the first)."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(body), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise CollectError(f"{name} is not a readable XLSX workbook ({exc})") from None
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise CollectError(f"{name} has no sheet {sheet!r} (sheets: "
                               f"{', '.join(repr(s) for s in wb.sheetnames)})")
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
        header: list[str] | None = None
        rows: list[tuple[int, list]] = []
        for n, cells in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = list(cells)
            if header is None:
                if any(c not in (None, "") for c in cells):
                    header = ["" if c is None else str(c).strip() for c in cells]
                continue
            cells = (cells + [None] * len(header))[:len(header)]
            rows.append((n, cells))
    finally:
        wb.close()
    if header is None:
        raise CollectError(f"{name}: sheet is empty (no header row)")
    return header, rows


def spbe_rows(header: list[str], rows: list[tuple[int, list]], name: str,
              source: str) -> list[dict[str, str]]:
    """SPBE level rows (``year,region,indicator,score`` -> text) for the store to check;
    ``CollectError`` naming the missing columns."""
    missing = [c for c in SPBE_COLUMNS if c not in header]
    if missing:
        raise CollectError(f"{name}: missing column(s) {', '.join(missing)}; records: spbe "
                           "reads year,region,indicator,score")
    at = {c: header.index(c) for c in SPBE_COLUMNS}
    return [{**{c: "" if cells[i] is None else str(cells[i]) for c, i in at.items()},
             "source": source} for _, cells in rows]


class CsvCollector:
    """Read a CSV or XLSX table and turn its rows into samples."""

    kind = "csv"
    Options = CsvOptions

    def collect(self, options: CsvOptions, ctx: CollectContext) -> Batch:
        if options.path is not None:
            name = options.path
            body = read_limited(ctx, Path(options.path))
        else:
            name = where(options.url or "")
            body = fetch_ok(ctx, options.url or "").body
        is_zip = body[:4] == _ZIP
        if options.expected_format() == "xlsx" and not is_zip:
            start = body[:40].decode("utf-8", "replace")
            raise CollectError(f"{name} is not an XLSX workbook (starts with {start!r})")
        if is_zip:
            header, rows = read_xlsx(body, options.sheet, name)
            row_word = "row"
        else:
            header, rows = read_csv(body, options.delimiter, name)
            row_word = "line"
        if options.records == "spbe":
            return Batch(spbe=spbe_rows(header, rows, name, ctx.source_id))
        return Batch(samples=rows_to_samples(header, rows, options.values, options.timestamp,
                                             ctx.tz, options.decimal, table=name,
                                             row_word=row_word))
