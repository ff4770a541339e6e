"""Progress of long work at a terminal (import, demo history, ...).

At a terminal (stderr is a TTY) a ``tqdm`` bar with the count, rate per second and time left;
otherwise (a log file, a pipe, systemd) a plain line at most every ``every`` seconds (work
shorter than that prints nothing: the command's own summary says it), so that logs do not fill
with carriage returns::

    with progress("import data.csv", total=1_000_000, unit="rows") as bar:
        bar(250_000)          # 250,000 more done
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


def count_lines(path: str | Path, chunk: int = 1 << 20) -> int:
    """Lines in the file at ``path`` (a last line without newline counts), read in blocks:
    a million CSV rows take tens of milliseconds."""
    n, last = 0, b"\n"
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n")


def counted(frames: Iterable, advance: Callable[[int], None]) -> Iterator:
    """``frames`` as they are, each counted by its length (rows) into ``advance``."""
    for frame in frames:
        advance(len(frame))
        yield frame


def _span(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


@contextmanager
def progress(desc: str, total: int | None, unit: str = "rows", stream=None,
             every: float = 5.0) -> Iterator[Callable[[int], None]]:
    """A callable ``advance(n, total=None)`` counting ``n`` more done (see the module doc);
    ``total`` may be given, or corrected, as the work learns it."""
    stream = stream or sys.stderr
    if getattr(stream, "isatty", lambda: False)():
        from tqdm import tqdm

        # A terminal that reports no size (0x0: a bare pty, some CI consoles) would hide
        # tqdm's bar altogether; the environment's or 80x24 then.
        size = shutil.get_terminal_size()
        bar = tqdm(total=total, desc=desc, unit=f" {unit}", unit_scale=True, file=stream,
                   ncols=size.columns, nrows=size.lines, mininterval=0.2)
        def advance_bar(n: int, total: int | None = None) -> None:
            if total is not None and bar.total != total:
                bar.total = total
            bar.update(n)

        try:
            yield advance_bar
        finally:
            bar.close()
        return
    began = last = time.monotonic()
    done = 0

    def line() -> None:
        rate = done / max(time.monotonic() - began, 1e-9)
        text = f"{desc}: {done:,}" + (f" / {total:,} {unit} ({done / total:.0%})"
                                      if total else f" {unit}")
        text += f", {rate:,.0f} {unit}/s"
        if total and rate > 0:
            text += f", {_span(max(0, total - done) / rate)} left"
        print(text, file=stream, flush=True)

    def advance(n: int, total_now: int | None = None) -> None:
        nonlocal done, last, total
        if total_now is not None:
            total = total_now
        done += n
        now = time.monotonic()
        if now - last >= every:
            last = now
            line()

    yield advance


def upgrade_store(store) -> None:
    """``store.upgrade()`` one migration at a time with a progress bar (migrations that
    rebuild rollups of a large store take minutes), the re-alignment of daily rollups to
    ``site.timezone`` as the last step. Without pending migrations: just ``store.upgrade()``."""
    from pantau.data.migrate import pending, upgrade

    steps = pending(store.writer)
    if not steps:
        store.upgrade()
        return
    with progress("db upgrade", len(steps) + 1, "steps", every=0) as advance:
        for rev in steps:
            upgrade(store.writer, rev)
            advance(1)
        store.upgrade()  # nothing left to migrate: aligns the days to the site's zone
        advance(1)
