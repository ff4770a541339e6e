"""The config models of reports (issue 20): the letterhead (kop surat) of ``site.letterhead``
and the scheduled reports of ``reports:``.

    site:
      letterhead:
        logo: branding/logo-ntb.png       # PNG, JPEG or SVG, at most 1 MB (path from the
                                          # working directory of pantau)
        lines: [PEMERINTAH PROVINSI NUSA TENGGARA BARAT, DINAS KOMUNIKASI, INFORMATIKA DAN STATISTIK]
        address: Jl. Udayana No. 4, Mataram 83122 · diskominfotik.ntbprov.go.id
    reports:
      - id: weekly
        page: overview                     # overview | metric | media | screen | explore | aduan | spbe
        period: 7d                         # today | 7d | 30d | 90d | ytd
        region: "52.71"                    # optional: a kabupaten/kota in the site's area
        cron: "0 7 * * mon"                # in the site's zone
        format: pdf                        # pdf | png (the image card)
        paper: A4                          # A4 | F4
        channels: [mail, tg]               # ids of alerts.channels

Checked against the channels, metrics and screens by ``data.config.parse_config``.
"""

from __future__ import annotations

import os
import re
from typing import Literal

from pantau.data.config_base import Frozen
from pantau.data.periods import DEFAULT_PERIOD
from pydantic import Field, field_validator

LOGO_MAX_BYTES = 1_000_000
LOGO_KINDS = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
              ".svg": "image/svg+xml"}
_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
_MAGIC = {"image/png": (b"\x89PNG\r\n\x1a\n",), "image/jpeg": (b"\xff\xd8\xff",)}

PAGES = ("overview", "metric", "media", "screen", "explore", "aduan", "spbe")
Page = Literal["overview", "metric", "media", "screen", "explore", "aduan", "spbe"]
Period = Literal["today", "7d", "30d", "90d", "ytd"]


def logo_kind(path: str) -> str:
    """The MIME type of the logo at ``path``; ValueError naming what is wrong (missing, not
    PNG/JPEG/SVG, larger than 1 MB, content not of its kind)."""
    ext = os.path.splitext(path)[1].lower()
    if ext not in LOGO_KINDS:
        raise ValueError(f"{path!r}: the logo must be a .png, .jpg/.jpeg or .svg file")
    if not os.path.isfile(path):
        raise ValueError(f"{path!r}: no such file (paths are read from pantau's working "
                         f"directory {os.getcwd()})")
    size = os.path.getsize(path)
    if size > LOGO_MAX_BYTES:
        raise ValueError(f"{path!r} is {size:,} bytes; a logo may have at most "
                         f"{LOGO_MAX_BYTES:,}")
    kind = LOGO_KINDS[ext]
    with open(path, "rb") as f:
        head = f.read(512)
    if kind in _MAGIC and not head.startswith(_MAGIC[kind]):
        raise ValueError(f"{path!r} is not a {ext[1:].upper()} image")
    if kind == "image/svg+xml" and b"<svg" not in head.lower() and b"<?xml" not in head:
        raise ValueError(f"{path!r} is not an SVG image")
    return kind


class Letterhead(Frozen):
    """The kop surat printed at the top of every report."""

    logo: str | None = None
    lines: tuple[str, ...] = Field(default=(), max_length=5)
    """The institution's name, one line each (the first is printed largest)."""
    address: str | None = Field(None, max_length=300)

    @field_validator("logo")
    @classmethod
    def _logo(cls, v: str | None) -> str | None:
        if v is not None:
            logo_kind(v)
        return v

    @field_validator("lines")
    @classmethod
    def _lines(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for line in v:
            if not line.strip() or len(line) > 200:
                raise ValueError("each line must be 1 to 200 characters")
        return v


class Report(Frozen):
    """One scheduled report: what (page, period, filters), when (``cron`` in the site's
    zone), as what (``format``, ``paper``) and where (``channels`` of ``alerts.channels``)."""

    id: str
    title: str | None = Field(None, max_length=200)
    page: Page = "overview"
    metric: str | None = None
    """For ``page: metric`` and ``explore``: the catalogue metric."""
    screen: str | None = None
    """For ``page: screen``: the id of a screen of ``screens:``."""
    period: Period = DEFAULT_PERIOD  # type: ignore[assignment]
    region: str | None = None
    cron: str | None = None
    format: Literal["pdf", "png"] = "pdf"
    paper: Literal["A4", "F4"] = "A4"
    lang: Literal["id", "en"] = "id"
    channels: tuple[str, ...] = ()

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError(f"{v!r} may hold only letters, digits, '_', '-' and '.'")
        return v

    @field_validator("cron")
    @classmethod
    def _cron(cls, v: str | None) -> str | None:
        if v is None:
            return v
        from apscheduler.triggers.cron import CronTrigger

        try:
            CronTrigger.from_crontab(v)
        except ValueError as exc:
            raise ValueError(f"{v!r} is not a crontab expression "
                             f"(minute hour day month weekday): {exc}") from None
        return v


def report_problems(reports, cfg_site, metrics, screens, channels) -> list[str]:
    """``reports[i].field: message`` for what a report names that the config lacks."""
    from pantau.data.reference import codes

    out, seen = [], set()
    for i, r in enumerate(reports):
        if r is None:
            continue
        if r.id in seen:
            out.append(f"reports[{i}].id: {r.id!r} is used twice")
        seen.add(r.id)
        if r.page in ("metric", "explore") and r.metric not in metrics:
            out.append(f"reports[{i}].metric: page {r.page} needs a metric of metrics "
                       f"(got {r.metric!r})")
        if r.page == "screen" and r.screen not in screens:
            out.append(f"reports[{i}].screen: page screen needs a screen id of screens "
                       f"(got {r.screen!r})")
        for j, ch in enumerate(r.channels):
            if ch not in channels:
                out.append(f"reports[{i}].channels[{j}]: {ch!r} is not in alerts.channels")
        if r.region is not None and cfg_site is not None and r.region != cfg_site.region:
            why = codes.refusal(r.region, cfg_site.region)
            if why:
                out.append(f"reports[{i}].region: {why}")
    return out
