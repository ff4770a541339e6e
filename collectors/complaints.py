"""``complaints``: public complaints (SP4N-LAPOR!) as records, from a JSON API or a CSV/XLSX
file; the store upserts them by (source id, complaint id) (``pantau.data.complaints``).

    options:
      url: https://lapor.example.go.id/api/aduan     # or path: /data/lapor.xlsx
      format: json                                   # json, csv or xlsx (default: by the name)
      items: data[]                                  # JSON: where the list of complaints is
      fields:                                        # field -> JMESPath (JSON) or column
        id: nomor_tiket
        region: kode_wilayah
        agency: instansi
        received_at: tanggal_masuk
        verified_at: tanggal_verifikasi

Fields not given are read from the key or column of the same name (``id``, ``region``,
``agency``, ``category``, ``channel``, ``received_at``, ``verified_at``, ``followed_up_at``,
``closed_at``). Times are ISO 8601 or Unix seconds (a time without a zone is in the site's
zone). A bad complaint is refused by the store with its id and reason; the others land. Only
these fields are read: nothing about the complainant is kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import jmespath
from pantau.collectors.base import CollectContext, CollectError, Options
from pantau.collectors.csv_file import read_csv, read_xlsx
from pantau.collectors.fetch import check_url, fetch_ok, read_limited, where
from pantau.collectors.http_json import _compile, parse_json
from pantau.data.batch import Batch
from pantau.data.complaint_import import epoch_text
from pantau.data.complaint_metrics import OVERDUE_METRIC
from pydantic import Field, field_validator, model_validator

FIELDS = ("id", "region", "agency", "category", "channel", "received_at", "verified_at",
          "followed_up_at", "closed_at")
TIMES = ("received_at", "verified_at", "followed_up_at", "closed_at")
MAX_ITEMS = 200_000


class ComplaintsOptions(Options):
    url: str | None = None
    path: str | None = None
    format: Literal["json", "csv", "xlsx"] | None = None
    items: str = "@"
    sheet: str | None = None
    delimiter: str = ","
    fields: dict[str, str] = Field(default_factory=dict)

    @field_validator("url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        return None if v is None else check_url(v)

    @field_validator("items")
    @classmethod
    def _items(cls, v: str) -> str:
        return _compile(v)

    @field_validator("fields")
    @classmethod
    def _fields(cls, v: dict[str, str]) -> dict[str, str]:
        for name in v:
            if name not in FIELDS:
                raise ValueError(f"{name!r} is not a complaint field ({', '.join(FIELDS)})")
        return v

    @model_validator(mode="after")
    def _one_place(self):
        if (self.url is None) == (self.path is None):
            raise ValueError("give exactly one of url or path")
        if self.kind() == "json":
            for expr in self.fields.values():
                _compile(expr)
        return self

    def emitted_metrics(self) -> list[str]:
        """What the store derives from every run: complaints lewat tenggat (when declared)."""
        return [OVERDUE_METRIC]

    def kind(self) -> str:
        if self.format:
            return self.format
        name = (self.url or self.path or "").split("?")[0].lower()
        if name.endswith((".xlsx", ".xlsm")):
            return "xlsx"
        return "csv" if name.endswith(".csv") else "json"

    def where_is(self, field: str) -> str:
        return self.fields.get(field, field)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class ComplaintsCollector:
    """Read complaint records from a JSON API or a CSV/XLSX table."""

    kind = "complaints"
    Options = ComplaintsOptions

    def collect(self, options: ComplaintsOptions, ctx: CollectContext) -> Batch:
        if options.path is not None:
            name, body = options.path, read_limited(ctx, Path(options.path))
        else:
            name, body = where(options.url or ""), fetch_ok(ctx, options.url or "").body
        rows: list[dict[str, str]] = []
        if options.kind() == "json":
            items = jmespath.search(options.items, parse_json(body, name))
            if not isinstance(items, list):
                raise CollectError(f"items {options.items!r} of {name} is not a list")
            for item in items[:MAX_ITEMS]:
                rows.append({f: _text(jmespath.search(options.where_is(f), item))
                             for f in FIELDS})
        else:
            header, table = (read_xlsx(body, options.sheet, name) if options.kind() == "xlsx"
                             else read_csv(body, options.delimiter, name))
            missing = [options.where_is(f) for f in ("id", "agency", "received_at")
                       if options.where_is(f) not in header]
            if missing:
                raise CollectError(f"{name} has no column(s) {', '.join(missing)}")
            at = {f: header.index(options.where_is(f)) for f in FIELDS
                  if options.where_is(f) in header}
            for _, cells in table[:MAX_ITEMS]:
                rows.append({f: _text(cells[i]) if f in at else ""
                             for f, i in ((f, at.get(f)) for f in FIELDS)})
        for row in rows:
            row["source"] = ctx.source_id
            for t in TIMES:
                row[t] = epoch_text(row[t], ctx.tz)
        return Batch(complaints=rows)
