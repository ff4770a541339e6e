"""Log lines of the ``pantau`` processes: one line per event, with its level, the component
that speaks (``run``, ``worker``, ``web``) and, where there is one, the source and the reason.

``pantau --log-format json ...`` (or ``$PANTAU_LOG_FORMAT=json``, which ``pantau run`` passes
on to its children) writes one JSON object per line for log shippers (Loki, Elasticsearch,
journald's JSON readers); the default is plain text for people::

    2026-12-02 02:18:41,339 INFO worker: run lapor_ntb status=up samples=30 ...
    {"time": "2026-12-02T02:18:41.339Z", "level": "INFO", "component": "worker",
     "message": "run lapor_ntb status=up ...", "source": "lapor_ntb", "status": "up"}

Fields beyond the message are given as ``log.info(msg, extra={"source": ..., ...})``.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time

FORMAT_ENV = "PANTAU_LOG_FORMAT"
FORMATS = ("text", "json")
# The attributes every LogRecord has; anything else was passed in ``extra``.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def component(record: logging.LogRecord) -> str:
    """The part of Pantau that speaks: ``pantau.worker`` -> ``worker``."""
    name = record.name
    if name.startswith("gunicorn."):
        return "web" if name == "gunicorn.error" else "web.access"
    return name.split(".", 1)[1] if name.startswith("pantau.") else name


class TextFormatter(logging.Formatter):
    """``time LEVEL component: message``."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(message)s")

    def formatMessage(self, record):  # noqa: N802 (logging's name)
        return f"{record.asctime} {record.levelname} {component(record)}: {record.message}"


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, component, message, extras."""

    def format(self, record):
        out = {"time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
               + f".{int(record.msecs):03d}Z",
               "level": record.levelname, "component": component(record),
               "message": record.getMessage()}
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                out[key] = value if isinstance(value, str | int | float | bool | None) \
                    else str(value)
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False)


def log_format() -> str:
    """The format asked for by ``$PANTAU_LOG_FORMAT`` (``text`` when unset or unknown)."""
    fmt = os.environ.get(FORMAT_ENV, "text").strip().lower()
    return fmt if fmt in FORMATS else "text"


def formatter(fmt: str | None = None) -> logging.Formatter:
    return JsonFormatter() if (fmt or log_format()) == "json" else TextFormatter()


def setup_logging(fmt: str | None = None) -> None:
    """Log INFO and above to stderr in ``fmt`` (default ``$PANTAU_LOG_FORMAT``); libraries
    only say what matters."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter(fmt))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    for noisy in ("httpx", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
