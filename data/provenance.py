"""Where exported data comes from: the sources that feed a set of metrics, as rows a person
can read and follow (id, title, kind, URL without credentials).

Use::

    from pantau.data.provenance import source_rows

    source_rows(cfg, ["service_up"], "id")
    # [{"id": "portal_ntbprov", "title": "Portal NTB", "kind": "http_probe",
    #   "url": "https://ntbprov.go.id/"}, ...]

Published reference figures shipped with Pantau (IPM, SPBE) add a row of kind
``reference`` naming their publisher.
"""

from __future__ import annotations

from collections.abc import Iterable

from pantau.data.config import metric_sources
from pantau.data.config_models import Config, Source
from pantau.data.reference import indicator_sources
from pantau.data.urls import where


def source_url(src: Source) -> str:
    """The address ``src`` reads, without credentials or query string ("" when it has none).
    A file given as ``path`` reads as a ``file://`` URL."""
    opts = src.options
    get = opts.get if isinstance(opts, dict) else (lambda k: getattr(opts, k, None))
    url = get("url")
    if isinstance(url, str) and url:
        return where(url)
    path = get("path")
    return f"file://{path}" if isinstance(path, str) and path else ""


def source_rows(cfg: Config, metrics: Iterable[str], lang: str) -> list[dict]:
    """One row per source feeding any of ``metrics``, in config order, then reference rows."""
    wanted = set(metrics)
    feeding = metric_sources(cfg)
    ids = {sid for name in wanted for sid in feeding.get(name, [])}
    rows = [{"id": s.id, "title": s.title_in(lang), "kind": s.kind, "url": source_url(s)}
            for s in cfg.sources if s.id in ids]
    for name in sorted(wanted):
        for text in indicator_sources(name):
            title, _, rest = text.partition(": http")
            rows.append({"id": name, "title": title, "kind": "reference",
                         "url": where("http" + rest) if rest else ""})
    return rows
