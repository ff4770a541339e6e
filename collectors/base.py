"""What every collector kind shares: the context a run gets, the error it raises, the model base.

A kind is a class with ``kind`` (its name in config.yaml), ``Options`` (a frozen pydantic model
of its ``options``) and ``collect(options, ctx) -> Batch``: the ``typing.Protocol``
``collectors.contract.CollectorKind``. It fetches and parses only: it never
touches the store. Everything from outside (HTTP client, clock, site time zone, limits) comes in
``ctx``, so tests run offline against local servers and fixed clocks::

    class MyCollector:
        kind = "my_kind"
        Options = MyOptions

        def collect(self, options: MyOptions, ctx: CollectContext) -> Batch:
            body = fetch_ok(ctx, options.url).body
            ...
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
from pantau.data.batch import Batch
from pydantic import BaseModel, ConfigDict, Field

MAX_BODY_BYTES = 10 * 1024 * 1024
"""The largest answer any fetch accepts, after decompression (10 MB)."""

USER_AGENT = "Pantau/0.1 (+https://github.com/pantau)"


class Options(BaseModel):
    """Base of every kind's options: unknown keys are errors, values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class LabelledValue(Options):
    """One metric a source emits, labelled from its data (``labels``: label name to where
    in the answer) and with fixed labels (``static_labels``); kinds add where the value is."""

    metric: str
    labels: dict[str, str] = Field(default_factory=dict)
    static_labels: dict[str, str] = Field(default_factory=dict)


class CollectError(Exception):
    """A collection failed for a reason the operator can act on; ``str()`` is the runs.error.

    ``batch`` may carry what was still measured (a failed probe still reports service_up 0).
    """

    def __init__(self, message: str, batch: Batch | None = None):
        super().__init__(message)
        self.batch = batch


HttpFactory = Callable[..., httpx.Client]
"""``factory(timeout: float, verify: bool) -> httpx.Client``; the runner closes the client."""


def default_http(timeout: float, verify: bool = True) -> httpx.Client:
    """A plain client: the given timeout on every phase, redirects followed, our user agent."""
    return httpx.Client(timeout=httpx.Timeout(timeout), verify=verify, follow_redirects=True,
                        headers={"User-Agent": USER_AGENT}, trust_env=False)


@dataclass
class CollectContext:
    """Everything one run of one source may use."""

    source_id: str
    timeout: float
    tz: str = "UTC"
    clock: Callable[[], float] = time.time
    http_factory: HttpFactory = default_http
    max_body: int = MAX_BODY_BYTES
    started: float = field(default_factory=time.monotonic)
    _clients: dict = field(default_factory=dict, repr=False)

    @property
    def deadline(self) -> float:
        """``time.monotonic()`` value after which the run is abandoned."""
        return self.started + self.timeout

    def remaining(self) -> float:
        """Seconds left before the deadline (never below a small positive floor)."""
        return max(0.05, self.deadline - time.monotonic())

    def expired(self) -> bool:
        return time.monotonic() >= self.deadline

    def http(self, verify: bool = True) -> httpx.Client:
        """The run's HTTP client (one per ``verify`` setting), made on first use."""
        client = self._clients.get(verify)
        if client is None:
            client = self._clients[verify] = self.http_factory(self.timeout, verify)
        return client

    def close(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()
