"""``http_probe``: is a public e-service up, how fast does it answer, when does its TLS
certificate expire — as uptime monitors measure it.

    options: {url: https://ppid.ntbprov.go.id, expect_text: PPID, expect_status: 200-399}

Emits, labelled ``{service: <source id>}``: ``service_up`` (1 or 0), ``service_latency_seconds``
(only when an answer came: a timeout is a failure, never a 0 ms latency) and, for https,
``tls_expiry_days``. A failed check is a failed run (the runner turns it into PENDING while
retries are left, then DOWN), and ``service_up 0`` is still written.
"""

from __future__ import annotations

import re
from typing import Literal

from pantau.collectors.base import CollectContext, CollectError, Options
from pantau.collectors.fetch import check_url, fetch
from pantau.data.batch import Batch, Sample
from pydantic import field_validator

UP, LATENCY, TLS_DAYS = "service_up", "service_latency_seconds", "tls_expiry_days"
_RANGE = re.compile(r"^\s*(\d{3})\s*(?:-\s*(\d{3}))?\s*$")


def status_ranges(spec) -> tuple[tuple[int, int], ...]:
    """``200``, ``"200-399"`` or a list of them, as inclusive ranges; ValueError otherwise."""
    items = spec if isinstance(spec, list | tuple) else [spec]
    out = []
    for item in items:
        if isinstance(item, bool):
            raise ValueError(f"{item!r} is not an HTTP status")
        m = _RANGE.match(str(item))
        if not m:
            raise ValueError(f"{item!r} is not an HTTP status or a range like 200-399")
        lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
        if not (100 <= lo <= hi <= 599):
            raise ValueError(f"{item!r} is not a range of HTTP statuses (100-599)")
        out.append((lo, hi))
    if not out:
        raise ValueError("give at least one status")
    return tuple(out)


class HttpProbeOptions(Options):
    url: str
    method: Literal["GET", "HEAD", "POST"] = "GET"
    expect_status: int | str | tuple[int | str, ...] = "200-399"
    expect_text: str | None = None
    verify_tls: bool = True

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        return check_url(v, ("http", "https"))

    @field_validator("expect_status")
    @classmethod
    def _status(cls, v):
        status_ranges(v)
        return v

    def accepts(self, status: int) -> bool:
        return any(lo <= status <= hi for lo, hi in status_ranges(self.expect_status))

    def emitted_metrics(self) -> list[str]:
        return [UP, LATENCY, TLS_DAYS] if self.url.lower().startswith("https") else [UP, LATENCY]


class HttpProbeCollector:
    """Check one URL; a failed check raises ``CollectError`` carrying ``service_up 0``."""

    kind = "http_probe"
    Options = HttpProbeOptions

    def collect(self, options: HttpProbeOptions, ctx: CollectContext) -> Batch:
        labels = {"service": ctx.source_id}
        now = ctx.clock()
        https = options.url.lower().startswith("https")
        try:
            got = fetch(ctx, options.url, method=options.method, verify=options.verify_tls,
                        want_cert=https)
        except CollectError as exc:
            raise CollectError(str(exc), Batch([Sample(UP, 0.0, labels)])) from None
        samples = [Sample(LATENCY, round(got.elapsed, 6), labels)]
        if got.cert_not_after is not None:
            days = (got.cert_not_after - now) / 86400
            samples.append(Sample(TLS_DAYS, round(days, 2), labels))
        problem = None
        if not options.accepts(got.status):
            problem = f"HTTP {got.status}, expected {options.expect_status}"
        elif options.expect_text is not None:
            text = got.body.decode("utf-8", "replace")
            if options.expect_text not in text:
                problem = f"text {options.expect_text!r} not found in the answer (HTTP {got.status})"
        if problem:
            raise CollectError(problem, Batch([Sample(UP, 0.0, labels), *samples]))
        return Batch([Sample(UP, 1.0, labels), *samples])
