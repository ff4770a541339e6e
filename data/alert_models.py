"""The frozen models of config.yaml's ``alerts:`` section (issue 14): rules, channels, mute
windows. Validated by ``data.config.parse_config``; checked against the catalogue, the
sources and the channels by ``data.alert_checks``.

    alerts:
      rules:
        - id: lapor_lonjakan
          metric: lapor_complaints_received_count
          above: 50                 # or below:; compared with the metric's agg over `over`
          over: 1h                  # default: the interval of the metric's source
          for: 10m                  # pending period
          keep_firing_for: 5m
          by: [region]              # one alert per label set
          severity: critical        # info | warning | critical
          notify: [ops_webhook]
          resolve_below: 40         # hysteresis: firing until the value is under 40
          repeat: 4h                # resend while firing (default: never)
        - {id: portal_mati, source_down: portal_ntbprov, notify: [tg]}   # or source_down: any
        - {id: lapor_senyap, no_data: lapor_complaints_received_count, notify: [tg]}
      channels:
        - {id: ops_webhook, type: webhook, url: "https://wa-gateway.example/hook",
           headers: {Authorization: {$env: WA_TOKEN}}}
        - {id: tg, type: telegram, bot_token: {$env: TG_TOKEN}, chat_id: "-100123"}
        - {id: mail, type: email, host: smtp.ntbprov.go.id, port: 587, starttls: true,
           username: pantau, password: {$env: SMTP_PASSWORD}, sender: pantau@ntbprov.go.id,
           to: [piket@ntbprov.go.id]}
      mute:
        - {start: "2026-12-24T18:00", end: "2026-12-26T08:00"}      # a time range (site zone)
        - {days: [sat, sun], from: "00:00", to: "24:00"}            # weekly
        - {holidays: true}          # hari libur nasional dan cuti bersama (needs `holidays`)
      planned:                      # shown on the charts like annotations
        - {start: "2026-12-20T22:00", end: "2026-12-21T02:00", text: "Pemeliharaan server",
           metric: service_up}

Secrets are given by ``{$env: NAME}`` reference (``data.config.resolve_env``).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal

from pantau.data.config_base import Duration, Frozen
from pydantic import Field, field_validator, model_validator

_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

Severity = Literal["info", "warning", "critical"]


def _ident(v: str) -> str:
    if not _ID.match(v):
        raise ValueError(f"{v!r} may hold only letters, digits, '_', '-' and '.'")
    return v


class Rule(Frozen):
    """One alert rule: exactly one of ``metric`` (with ``above`` or ``below``),
    ``source_down`` or ``no_data``."""

    id: str
    metric: str | None = None
    above: float | None = None
    below: float | None = None
    over: Duration | None = None
    source_down: str | None = None
    no_data: str | None = None
    for_: Duration | None = Field(None, alias="for")
    keep_firing_for: Duration | None = None
    by: tuple[str, ...] = ()
    severity: Severity = "warning"
    notify: tuple[str, ...] = ()
    resolve_above: float | None = None
    resolve_below: float | None = None
    repeat: Duration | None = None

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        return _ident(v)

    @model_validator(mode="after")
    def _one_kind(self) -> Rule:
        kinds = [k for k in ("metric", "source_down", "no_data") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError("give exactly one of metric (with above or below), source_down "
                             "or no_data")
        if self.metric is not None:
            if (self.above is None) == (self.below is None):
                raise ValueError("a metric rule gives exactly one of above or below")
            if self.above is not None and self.resolve_above is not None:
                raise ValueError("resolve_above goes with below (an above rule resolves "
                                 "below a value: resolve_below)")
            if self.below is not None and self.resolve_below is not None:
                raise ValueError("resolve_below goes with above (a below rule resolves "
                                 "above a value: resolve_above)")
            if self.above is not None and self.resolve_below is not None \
                    and self.resolve_below > self.above:
                raise ValueError("resolve_below must not be over above")
            if self.below is not None and self.resolve_above is not None \
                    and self.resolve_above < self.below:
                raise ValueError("resolve_above must not be under below")
        else:
            extra = [k for k in ("above", "below", "over", "resolve_above", "resolve_below")
                     if getattr(self, k) is not None]
            if extra:
                raise ValueError(f"{', '.join(extra)}: only for a metric rule")
        return self

    @property
    def kind(self) -> Literal["threshold", "source_down", "no_data"]:
        """``threshold``, ``source_down`` or ``no_data``."""
        if self.metric is not None:
            return "threshold"
        return "source_down" if self.source_down is not None else "no_data"

    @property
    def series_metric(self) -> str | None:
        """The metric whose series the rule reads (None for ``source_down``)."""
        return self.metric or self.no_data

    @property
    def threshold(self) -> float | None:
        return self.above if self.above is not None else self.below

    def breached(self, value: float, firing: bool) -> bool:
        """Whether ``value`` is bad: over ``above`` (under ``below``); once ``firing`` (or
        pending), it stays bad until it passes ``resolve_below`` (``resolve_above``)."""
        if self.above is not None:
            if firing and self.resolve_below is not None:
                return value >= self.resolve_below
            return value > self.above
        if firing and self.resolve_above is not None:
            return value <= self.resolve_above
        return value < self.below


def local_time(text: str) -> datetime:
    """``2026-12-24T18:00`` (the site's local time) as a naive datetime; ValueError else."""
    try:
        return datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(f"{text!r} is not a date and time such as 2026-12-24T18:00") from None


class Webhook(Frozen):
    id: str
    type: Literal["webhook"]
    url: str
    headers: dict[str, str] = Field(default_factory=dict)
    timeout: Duration = 10


class Telegram(Frozen):
    id: str
    type: Literal["telegram"]
    bot_token: str
    chat_id: str
    api_url: str = "https://api.telegram.org"
    timeout: Duration = 10

    @field_validator("chat_id", mode="before")
    @classmethod
    def _chat(cls, v):
        return str(v) if isinstance(v, int) and not isinstance(v, bool) else v


class Email(Frozen):
    id: str
    type: Literal["email"]
    host: str
    port: int = Field(587, ge=1, le=65535)
    starttls: bool = True
    username: str | None = None
    password: str | None = None
    sender: str
    to: tuple[str, ...] = Field(min_length=1)
    ca_file: str | None = None
    """A CA bundle to trust for STARTTLS (a pemda's own CA); default the system's."""
    timeout: Duration = 20


Channel = Annotated[Webhook | Telegram | Email, Field(discriminator="type")]


class Mute(Frozen):
    """A mute window: a time range (``start``/``end``, local times of the site), a weekly
    window (``days`` with ``from``/``to``), or ``holidays: true`` (national holidays and
    cuti bersama). ``rules`` limits it to some rules (default: all)."""

    start: str | None = None
    end: str | None = None
    days: tuple[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"], ...] = ()
    from_: str | None = Field(None, alias="from")
    to: str | None = None
    holidays: bool = False
    rules: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _one_kind(self) -> Mute:
        kinds = [self.start is not None or self.end is not None, bool(self.days),
                 self.holidays]
        if sum(kinds) != 1:
            raise ValueError("give one of start/end, days with from/to, or holidays: true")
        if kinds[0]:
            if self.start is None or self.end is None:
                raise ValueError("a time range needs both start and end")
            try:
                if local_time(self.end) <= local_time(self.start):
                    raise ValueError("end must be after start")
            except TypeError:
                raise ValueError("start and end are both dates with a time, or neither "
                                 "has a zone") from None
        if kinds[1]:
            for name, v in (("from", self.from_), ("to", self.to)):
                if v is None or not _HHMM.match(v):
                    raise ValueError(f"{name}: a weekly window needs a time of day as HH:MM")
        return self


class Planned(Frozen):
    """A planned event shown on charts like an annotation: ``start`` (to ``end``), local
    times of the site, a ``text``, optionally the ``metric`` whose charts carry it (default:
    every chart) and the ``region`` it concerns."""

    start: str
    end: str | None = None
    text: str = Field(min_length=1, max_length=500)
    metric: str | None = None
    region: str | None = None

    @model_validator(mode="after")
    def _times(self) -> Planned:
        start = local_time(self.start)
        if self.end is not None and local_time(self.end) <= start:
            raise ValueError("end must be after start")
        return self


class Alerts(Frozen):
    rules: tuple[Rule, ...] = ()
    channels: tuple[Channel, ...] = ()
    mute: tuple[Mute, ...] = ()
    planned: tuple[Planned, ...] = ()
    """Planned events (maintenance, a regent's visit): annotations declared in config."""
    url: str | None = None
    """The address people open Pantau at, for the links in notifications; default
    ``http://<web.host>:<web.port>``."""

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def channel(self, channel_id: str):
        return next((c for c in self.channels if c.id == channel_id), None)
