"""HTML to PDF or PNG in the system Chromium (``PANTAU_CHROMIUM``, default
``/usr/bin/chromium``, the browser kaleido already drives; never a downloaded one).

    pdf = to_pdf(html_text)              # paper size and page numbers come from the HTML's @page
    png = to_png(html_text, 1080, 1350)

Each call starts a headless Chromium in a fresh profile folder, prints or screenshots one
local file (the HTML carries its images inline; no network) and waits at most ``TIMEOUT``
seconds. One render at a time per process (``SLOTS``): a second caller waits up to
``WAIT`` seconds and then gets ``Busy``.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading

from pantau.dashboard.render import browser_path

TIMEOUT = 90.0
WAIT = 120.0
SLOTS = threading.BoundedSemaphore(1)
ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-extensions", "--no-first-run",
        "--mute-audio", "--hide-scrollbars", "--force-device-scale-factor=1",
        "--disable-features=Translate,MediaRouter")


class RenderFailed(RuntimeError):
    """Chromium is missing, failed or took too long."""


class Busy(RuntimeError):
    """Another report is being rendered by this process."""


def _run(html_text: str, out_name: str, extra: list[str], wait: float = WAIT) -> bytes:
    if not SLOTS.acquire(timeout=wait):
        raise Busy("another report is being rendered; try again shortly")
    try:
        with tempfile.TemporaryDirectory(prefix="pantau-report-") as tmp:
            page = os.path.join(tmp, "report.html")
            out = os.path.join(tmp, out_name)
            with open(page, "w", encoding="utf-8") as f:
                f.write(html_text)
            cmd = [browser_path(), *ARGS, f"--user-data-dir={tmp}/profile",
                   *[a.format(out=out) for a in extra], "file://" + page]
            try:
                proc = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT,
                                      stdin=subprocess.DEVNULL, check=False)
            except FileNotFoundError:
                raise RenderFailed(f"no browser at {cmd[0]} (set PANTAU_CHROMIUM)") from None
            except subprocess.TimeoutExpired:
                raise RenderFailed(f"the browser took longer than {TIMEOUT:.0f} s") from None
            if not os.path.exists(out) or os.path.getsize(out) == 0:
                err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
                raise RenderFailed(f"the browser made no file (exit {proc.returncode}): "
                                   f"{err[-1][:300] if err else ''}")
            with open(out, "rb") as f:
                return f.read()
    finally:
        SLOTS.release()


def to_pdf(html_text: str, wait: float = WAIT) -> bytes:
    """The HTML printed to PDF (sizes and margins from its ``@page`` rule)."""
    return _run(html_text, "report.pdf", ["--no-pdf-header-footer", "--print-to-pdf={out}",
                                          "--virtual-time-budget=5000"], wait)


def to_png(html_text: str, width: int, height: int, wait: float = WAIT) -> bytes:
    """A ``width`` x ``height`` screenshot of the HTML."""
    return _run(html_text, "card.png", [f"--window-size={width},{height}",
                                        "--screenshot={out}",
                                        "--virtual-time-budget=5000"], wait)
