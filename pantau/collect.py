"""``pantau collect [SOURCE_ID ...]``: run sources once, now, and print what each did.

    $ pantau collect lapor_ntb suara_ntb
    source     kind       status  samples  rejected  articles  duration  error
    lapor_ntb  http_json  up           30         0         0     0.21s
    suara_ntb  rss        up            4         0        12     0.48s

Runs go through the same runner as the worker (the store is written and a ``runs`` row
recorded). Exit 0 when every source succeeded, 1 when one failed, 2 for an unknown id.
"""

from __future__ import annotations

import logging
import sys

from pantau.collectors.runner import Runner, RunResult
from pantau.data.config_models import Config
from pantau.data.runs import RunStatus
from pantau.errors import EXIT_FAIL, EXIT_OK, UsageError

COLUMNS = ("source", "kind", "status", "samples", "rejected", "articles", "duration", "error")


def table(results: list[RunResult]) -> str:
    """The results as an aligned text table, one row per source."""
    rows = [COLUMNS] + [(r.source_id, r.kind, r.status, str(r.samples), str(r.rejected),
                         str(r.articles), f"{r.duration:.2f}s", (r.error or "").replace("\n", " "))
                        for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS) - 1)]
    right = {3, 4, 5, 6}
    lines = []
    for row in rows:
        cells = [row[i].rjust(w) if i in right else row[i].ljust(w)
                 for i, w in enumerate(widths)]
        lines.append("  ".join(cells + [row[-1]]).rstrip())
    return "\n".join(lines)


def collect(cfg: Config, args) -> int:
    """Run the sources named in ``args.sources`` (all enabled ones when none) once."""
    from pantau.config import open_store

    wanted = list(dict.fromkeys(getattr(args, "sources", None) or []))
    known = [s.id for s in cfg.sources]
    unknown = [sid for sid in wanted if sid not in known]
    if unknown:
        raise UsageError(f"collect: unknown source {', '.join(repr(u) for u in unknown)}; "
                         f"known: {', '.join(known) or 'none'}")
    sources = [cfg.source(sid) for sid in wanted] if wanted else \
        [s for s in cfg.sources if s.enabled]
    if not sources:
        print("no enabled sources in the config", file=sys.stderr)
        return EXIT_OK
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING,
                        format="%(levelname)s %(message)s")
    try:
        store = open_store(cfg)
    except Exception as exc:
        print(f"pantau: cannot open the store: {exc}".splitlines()[0], file=sys.stderr)
        return EXIT_FAIL
    runner = Runner.from_config(cfg, store)
    try:
        results = [runner.run(src) for src in sources]
    finally:
        runner.close()
        store.dispose()
    print(table(results))
    return EXIT_OK if all(r.status == RunStatus.UP or r.skipped for r in results) else EXIT_FAIL
