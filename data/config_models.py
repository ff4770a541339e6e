"""The frozen pydantic models of config.yaml (the README's annotated excerpt; how they are
used: docs/architecture.md, "One metric, from config.yaml to a pixel").

Kind-specific ``options`` are validated later by the kind's own model (see ``data.config``);
here they are kept as a plain mapping.
"""

from __future__ import annotations

import re
from datetime import date as Date
from typing import Annotated, Any, Literal

from pantau.data.alert_models import Alerts
from pantau.data.config_auth import Auth, Oidc  # noqa: F401 (part of the config's models)
from pantau.data.config_base import Duration, Frozen, LocalText, Text  # noqa: F401
from pantau.data.config_reports import Letterhead, Report
from pantau.data.reference import codes
from pantau.data.zones import is_zone
from pydantic import BeforeValidator, Field, field_validator, model_validator

_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
_REGION = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


def region_code(value: Any) -> str:
    """Kemendagri codes are strings: ``"52"``, ``"52.71"``. Numbers are refused, since
    YAML turns 52.10 into 52.1."""
    if not isinstance(value, str):
        raise ValueError(f'region codes must be quoted strings, e.g. "52.71" (got {value!r})')
    if not _REGION.match(value):
        raise ValueError(f"{value!r} is not a Kemendagri code such as 52 or 52.71")
    return value


RegionCode = Annotated[str, BeforeValidator(region_code)]


def site_region(value: Any) -> Any:
    """``site.region`` must be a province or a kabupaten/kota of the national code list; a
    name or a code not in it is refused naming the closest places ("Sukoharjo" -> 33.11)."""
    if not isinstance(value, str) or (codes.known(value) and value.count(".") <= 1):
        return value
    if codes.known(value):
        raise ValueError(f"{value!r} ({codes.name(value)}) is a {codes.level(value)}; a site is "
                         "a provinsi or a kabupaten/kota")
    near = codes.suggest(value)
    hint = "; closest: " + ", ".join(f'"{c}" ({n})' for c, n in near) if near else ""
    raise ValueError(f"{value!r} is not a provinsi or kabupaten/kota code in the Kemendagri "
                     f"list{hint}")


class Site(Frozen):
    name: str = "Pantau"
    language: Literal["id", "en"] = "id"
    timezone: str = "Asia/Makassar"
    """The site's zone; when not given, the zone of ``region``'s province (WIB, WITA, WIT)."""
    region: Annotated[RegionCode, BeforeValidator(site_region)] = "52"
    """The site's own area: a province (drills to kabupaten/kota) or a kabupaten/kota (drills
    to kecamatan)."""
    boundaries: str = "var/regions"
    """Folder of boundaries loaded with ``pantau regions import`` (read before the shipped ones)."""
    demo: bool = False
    letterhead: Letterhead = Letterhead()
    """The kop surat of reports (``data.config_reports``)."""

    @model_validator(mode="before")
    @classmethod
    def _zone_from_region(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("timezone") is None:
            region = data.get("region", "52")
            if isinstance(region, str) and codes.known(region):
                return {**data, "timezone": codes.province_zone(region)}
        return data

    @field_validator("timezone")
    @classmethod
    def _zone(cls, v: str) -> str:
        if not is_zone(v):
            raise ValueError(f"{v!r} is not a time zone; use e.g. Asia/Makassar (WITA)")
        return v


class Store(Frozen):
    url: str = "sqlite:///var/pantau.db"
    retention_days: int = Field(730, ge=1)


class Web(Frozen):
    host: str = "127.0.0.1"
    port: int = Field(8050, ge=1, le=65535)
    workers: int = Field(2, ge=1, le=64)
    min_refresh: Duration = 10
    cache_url: str | None = None
    """``redis://host:6379/0`` to share the query cache between web hosts; memory otherwise."""
    cache_ttl: Duration = 10
    access_log: bool = True
    """One line per HTTP request on stdout (gunicorn's access log)."""
    metrics_token: str | None = None
    """Bearer token that lets a non-loopback client read ``/metrics`` (give it as
    ``{$env: NAME}``); without it ``/metrics`` is served to loopback clients only."""
    cache_mb: int = Field(64, ge=1, le=4096)
    """Bytes the query cache of each web process may hold, in MB (least recently used out)."""
    export_max_rows: int = Field(100_000, ge=100, le=1_048_575)
    """Most rows an XLSX export (built whole in memory) may hold; larger ones are refused at
    once, naming the step that fits. CSV streams and is bounded only by the API's points."""
    heavy_requests: int = Field(2, ge=1, le=64)
    """Files (XLSX, CSV, charts, PDF reports) made at once per web process; one more is
    answered 429 at once, so /healthz and the wall keep their threads."""
    trusted_proxies: tuple[str, ...] = ()
    """Addresses or networks (``10.0.0.5``, ``10.0.0.0/24``) of reverse proxies whose
    ``X-Forwarded-Proto`` and ``X-Forwarded-Host`` say which site a request was sent to
    (``dashboard.same_origin``); from anyone else those headers are ignored."""

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        import ipaddress

        for item in v:
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError:
                raise ValueError(f"{item!r} is not an IP address or network "
                                 "(10.0.0.5, 10.0.0.0/24, ::1)") from None
        return v


Unit = Literal["count", "percent", "ratio", "seconds", "score", "rupiah", "days", "bytes", "index",
               "mm", "celsius"]


class Metric(Frozen):
    name: str
    title: LocalText
    unit: Unit = "count"
    better: Literal["up", "down", "none"] = "none"
    agg: Literal["sum", "avg", "last", "min", "max"] = "last"
    target: float | None = None
    warn: float | None = None
    crit: float | None = None
    per: Duration | None = None
    """For a ``sum`` metric: ``target``, ``warn`` and ``crit`` count per this period (``1d``:
    per day); a view of another length scales them (30 days: x30). Unset: as written."""
    region_targets: dict[RegionCode, float] = Field(default_factory=dict)
    """Targets of kabupaten/kota by Kemendagri code (``{"52.71": 120}``), in the units and
    ``per`` of ``target``. A summed metric's ``target``/``warn``/``crit`` are the
    province's: a region without an entry here shows no target (``data.shows``)."""
    stale_after: Duration | None = None
    combine: Literal["sum", "avg", "min", "max", "worst"] | None = None
    """How several series (regions, services) make one number; see ``data.kpi.combine_rule``."""
    description: LocalText | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not _NAME.match(v):
            raise ValueError(f"{v!r} must be lower_snake_case (letters, digits, _)")
        return v

    def title_in(self, lang: str) -> str:
        return self.title.get(lang)

    def scale(self, period: float | None) -> float:
        """What ``target``/``warn``/``crit`` are multiplied by for a view of ``period``
        seconds: ``period / per`` for a sum metric with ``per``, else 1."""
        if self.per and period and self.agg == "sum":
            return float(period) / self.per
        return 1.0

    def target_for(self, period: float | None) -> float | None:
        """``target`` for a view of ``period`` seconds (see ``per``)."""
        return None if self.target is None else self.target * self.scale(period)


class Source(Frozen):
    id: str
    kind: str
    title: LocalText | None = None
    """What people read instead of the id (legends, tables, exports); the id when unset."""
    every: Duration | None = None
    cron: str | None = None
    timeout: Duration = 30
    retries: int = Field(1, ge=0, le=20)
    enabled: bool = True
    options: Any = Field(default_factory=dict)

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError(f"{v!r} may hold only letters, digits, '_', '-' and '.'")
        return v

    def title_in(self, lang: str) -> str:
        """The title in ``lang``, or the id when the config gives none."""
        return self.title.get(lang) if self.title is not None else self.id


class Media(Frozen):
    topics: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    sentiment: str = "lexicon"
    """``lexicon`` (built in) or ``package.module:function`` taking a text, returning a label."""


View = Literal["kpi", "line", "area", "bar", "map", "headlines", "topics", "table", "sla",
               "gempa", "cuaca", "spbe"]
"""``sla``: complaints lewat tenggat now, per stage they wait at (``data.complaint_views``);
``gempa``, ``cuaca``: BMKG's quakes and today's forecast (``data.quakes``, ``data.weather``);
``spbe``: the latest SPBE evaluation per kabupaten/kota (``data.spbe_answers``)."""
METRICLESS_VIEWS = ("headlines", "topics", "sla", "gempa", "cuaca", "spbe")
"""Views that name no metric: what they show is fixed (articles, topics, complaints, BMKG's
quakes and forecast, the SPBE evaluation)."""


class Tile(Frozen):
    view: View
    metric: str | None = None
    period: Duration = 7 * 86400
    by: str | None = None
    limit: int = Field(8, ge=1, le=100)
    title: LocalText | None = None


class Screen(Frozen):
    id: str
    title: LocalText
    tiles: tuple[Tile, ...]


class Wall(Frozen):
    playlist: tuple[str, ...] = ()
    rotate: Duration = 30
    refresh: Duration = 30
    theme: Literal["dark", "light"] = "dark"
    reload_at: str = "03:00"
    """Local time of a nightly full reload that dodges browser memory growth."""

    @field_validator("reload_at")
    @classmethod
    def _hhmm(cls, v: str) -> str:
        if not re.match(r"^([01]\d|2[0-3]):[0-5]\d$", v):
            raise ValueError(f"{v!r} must be a time of day as HH:MM")
        return v


class ExtraHoliday(Frozen):
    date: Date
    name: str = "Hari libur (config)"


def _extra_holiday(value: Any) -> Any:
    return {"date": value} if isinstance(value, Date | str) else value


class Calendar(Frozen):
    """Hari kerja beyond the national calendar (``data.workdays``)."""

    extra_holidays: tuple[Annotated[ExtraHoliday, BeforeValidator(_extra_holiday)], ...] = ()
    """Regional holidays and days a decree adds: ``2026-04-10`` or ``{date: 2026-04-10,
    name: "HUT Kota Mataram"}``."""
    extra_workdays: tuple[Date, ...] = ()
    """Days that are working days whatever the national calendar says (a cancelled cuti
    bersama, a Saturday made a working day)."""


class Complaints(Frozen):
    """Service-level deadlines of public complaints per stage (``data.complaint_sla``).

    Defaults: the SP4N-LAPOR! service levels as issue 15 gives them, verification within 3
    hari kerja of receipt and follow-up (tindak lanjut) within 5 hari kerja of verification
    (the national guideline is Permenpan RB No. 62 Tahun 2018 on SP4N; not checked against
    its text here). Completion within 60 days of receipt, after UU No. 25 Tahun 2009
    tentang Pelayanan Publik, Pasal 50 ayat (5) (the law counts from a complete file,
    Pantau from receipt). The pemda sets its own here."""

    verification_workdays: int = Field(3, ge=1, le=60)
    followup_workdays: int = Field(5, ge=1, le=60)
    completion: int = Field(60, ge=1, le=365)
    completion_unit: Literal["days", "workdays"] = "days"
    """``days``: calendar days after receipt; ``workdays``: hari kerja after receipt."""


class Config(Frozen):
    """The whole config.yaml, validated. Build it with ``data.config.load_config``."""

    site: Site = Site()
    store: Store = Store()
    web: Web = Web()
    metrics: tuple[Metric, ...] = ()
    sources: tuple[Source, ...] = ()
    media: Media = Media()
    screens: tuple[Screen, ...] = ()
    wall: Wall = Wall()
    alerts: Alerts = Alerts()
    """Alert rules, channels and mute windows (``data.alert_models``)."""
    auth: Auth | None = None
    calendar: Calendar = Calendar()
    """Extra holidays and working days of the site (``data.workdays``)."""
    complaints: Complaints = Complaints()
    """Deadlines of the complaint stages (``data.complaint_sla``)."""
    reports: tuple[Report, ...] = ()
    """Scheduled reports (``data.config_reports``)."""

    def metric(self, name: str) -> Metric | None:
        """The catalogue entry named ``name``, or None."""
        for m in self.metrics:
            if m.name == name:
                return m
        return None

    def source(self, source_id: str) -> Source | None:
        for s in self.sources:
            if s.id == source_id:
                return s
        return None

    def report(self, report_id: str) -> Report | None:
        return next((r for r in self.reports if r.id == report_id), None)

    def screen(self, screen_id: str) -> Screen | None:
        for s in self.screens:
            if s.id == screen_id:
                return s
        return None
