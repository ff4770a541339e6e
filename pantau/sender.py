"""The worker's sender: delivers the alert outbox (``data.alert_store``) through the channels
(``pantau.channels``), with retries and backoff.

    sender = Sender(cfg, store)
    sender.send_due()                   # one pass; the worker calls it every second
    sender.loop(stop_event)

A channel that fails keeps its notification (and the ones queued after it for that channel,
so they arrive in order) for later: ``after`` seconds when the channel said so, else
2, 4, 8 ... up to 5 minutes; nothing is dropped or sent twice by the sender (one pass at a
time across workers, under an advisory lock). A mute window moves a notification to the
window's end; a silence marks it ``silenced`` with its reason. A scheduled report's row
(``payload["kind"] == "report"``, ``data.report_store``) is sent with its file, never muted.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import httpx

from pantau.channels import Undelivered, deliver, deliver_file
from pantau.data.alert_mute import muted_until, silenced_by
from pantau.data.alert_store import SILENCED, active_silences, due, mark_retry, mark_sent
from pantau.data.config_models import Config
from pantau.data.locks import SourceLocks
from pantau.data.store import Store

log = logging.getLogger("pantau.alerts")

MAX_BACKOFF = 300.0
PASS_EVERY = 1.0


def backoff(tries: int) -> float:
    """Seconds before try ``tries + 1`` of a notification that failed ``tries`` times."""
    return min(2.0 ** (tries + 1), MAX_BACKOFF)


class Sender:
    """Delivers what is due in the outbox of ``store`` through ``cfg``'s channels."""

    def __init__(self, cfg: Config, store: Store, clock: Callable[[], float] = time.time,
                 http: httpx.Client | None = None):
        self.cfg = cfg
        self.store = store
        self.clock = clock
        self.http = http or httpx.Client(follow_redirects=False)
        self.locks = SourceLocks(store)

    def send_due(self, only: str | None = None) -> int:
        """One pass over the due notifications (those whose key starts with ``only``, when
        given); return how many were delivered (0 while another worker's pass holds the
        outbox)."""
        held = self.locks.acquire("alert:outbox")
        if held is False:
            return 0
        try:
            return self._pass(only)
        finally:
            self.locks.release(held)

    def _pass(self, only: str | None = None) -> int:
        now = self.clock()
        rows = [r for r in due(self.store, now) if only is None or r.key.startswith(only)]
        if not rows:
            return 0
        silences = active_silences(self.store, now)
        waiting: set[str] = set()
        sent = 0
        for row in rows:
            body = row.payload
            channel = self.cfg.alerts.channel(row.channel)
            if channel is None:
                mark_retry(self.store, row.id, now + MAX_BACKOFF,
                           f"channel {row.channel!r} is not in alerts.channels", count=False)
                continue
            if body.get("kind") == "report":  # a scheduled report: no silence, no mute
                if row.channel in waiting:
                    continue
                if self._report(row, channel, body, waiting):
                    sent += 1
                continue
            why = silenced_by(silences, body["rule"], body.get("labels") or {})
            if why:
                mark_sent(self.store, row.id, now, SILENCED, why)
                log.info("alert %s: %s to %s silenced (%s)", body["rule"], body["state"],
                         row.channel, why)
                continue
            until = muted_until(self.cfg, body["rule"], now)
            if until is not None:
                mark_retry(self.store, row.id, until, "held by a mute window", count=False)
                continue
            if row.channel in waiting:
                continue  # an earlier one of this channel failed: keep the order
            try:
                deliver(channel, body, self.http)
            except Undelivered as exc:
                wait = exc.after if exc.after is not None else backoff(row.tries)
                mark_retry(self.store, row.id, self.clock() + wait, str(exc))
                waiting.add(row.channel)
                log.warning("alert %s: %s to %s not delivered (%s); again in %.0f s",
                            body["rule"], body["state"], row.channel, exc, wait)
                continue
            mark_sent(self.store, row.id, self.clock())
            sent += 1
            log.info("alert %s: %s sent to %s", body["rule"], body["state"], row.channel)
        return sent

    def _report(self, row, channel, body: dict, waiting: set[str]) -> bool:
        """Deliver a report's file (``data.report_store``); True when it arrived."""
        from pantau.data.report_store import report_file

        file = report_file(self.store, body["run"])
        try:
            if file is None:
                raise Undelivered(f"report {body['report']}: its file is not in the store")
            deliver_file(channel, body, file, self.http)
        except Undelivered as exc:
            wait = exc.after if exc.after is not None else backoff(row.tries)
            mark_retry(self.store, row.id, self.clock() + wait, str(exc))
            waiting.add(row.channel)
            log.warning("report %s to %s not delivered (%s); again in %.0f s",
                        body["report"], row.channel, exc, wait)
            return False
        mark_sent(self.store, row.id, self.clock())
        log.info("report %s (%s) sent to %s", body["report"], body["file_name"], row.channel)
        return True

    def loop(self, stop: threading.Event, every: float = PASS_EVERY) -> None:
        """``send_due`` every ``every`` seconds until ``stop`` is set."""
        while not stop.wait(every):
            try:
                self.send_due()
            except Exception as exc:  # the store away: the next pass tries again
                log.error("alert sender: %s", str(exc).splitlines()[0] if str(exc) else exc)

    def close(self) -> None:
        self.http.close()
        self.locks.close()
