"""Screenshots of a real ``pantau demo`` run for the README (saved under ``docs/``).

    .venv/bin/python scripts/screenshots.py                 # docs/screenshots/*.png
    .venv/bin/python scripts/screenshots.py --out /tmp/shots --settle 40

Starts ``pantau demo`` on a free port in a temporary folder, waits until ``/healthz`` answers
and the collectors have run (``--settle`` seconds), then opens the wall (1920x1080, the size of
a command-room TV) and the executive page, a metric drill-down, the explorer, the media and the
sources pages (1366x768, a laptop) in the Debian Chromium (``/usr/bin/chromium``) and saves one
PNG each. The demo is stopped with Ctrl-C (SIGINT) at the end.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("PANTAU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
WALL = (1920, 1080)
LAPTOP = (1366, 768)

SHOTS = [
    # (file name, path, viewport, full page)
    ("wall.png", "/wall?playlist=layanan", WALL, False),
    ("wall-operasional.png", "/wall?playlist=operasional", WALL, False),
    ("wall-pembangunan.png", "/wall?playlist=pembangunan", WALL, False),
    ("wall-media.png", "/wall?playlist=media", WALL, False),
    ("executive.png", "/", LAPTOP, True),
    ("metric.png", "/metric/call_center_112_count", LAPTOP, True),
    ("explore.png", "/explore?metric=service_latency_seconds&from=now-7d&to=now&step=1h"
                    "&agg=avg&chart=line", LAPTOP, True),
    ("media.png", "/media", LAPTOP, True),
    ("sources.png", "/sources", LAPTOP, True),
]
OPTIONAL = {"/sources": ROOT / "dashboard" / "pages" / "sources.py"}
"""Pages shot only once they exist."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, timeout: float) -> float:
    """Seconds until ``url/healthz`` answered 200; RuntimeError after ``timeout``."""
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as r:
                if r.status == 200:
                    return time.monotonic() - began
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{url}/healthz did not answer within {timeout:.0f} s")


def start_demo(folder: Path, port: int, log) -> subprocess.Popen:
    pantau = ROOT / ".venv" / "bin" / "pantau"
    cmd = [str(pantau) if pantau.exists() else "pantau", "demo", "--port", str(port),
           "--dir", str(folder)]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)


def stop_demo(proc: subprocess.Popen) -> int:
    proc.send_signal(signal.SIGINT)
    try:
        return proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()


def shoot(base: str, out: Path, wait_ms: int, only: set[str] | None = None) -> list[Path]:
    from playwright.sync_api import sync_playwright

    saved = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=CHROMIUM_ARGS)
        try:
            for name, path, (w, h), full in SHOTS:
                needs = OPTIONAL.get(path.split("?")[0])
                if (needs is not None and not needs.exists()) or (only and name not in only):
                    continue
                ctx = browser.new_context(viewport={"width": w, "height": h})
                page = ctx.new_page()
                page.goto(base + path, wait_until="networkidle", timeout=60_000)
                page.wait_for_timeout(wait_ms)      # Dash callbacks and Plotly drawing
                target = out / name
                page.screenshot(path=str(target), full_page=full)
                saved.append(target)
                ctx.close()
        finally:
            browser.close()
    return saved


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--settle", type=float, default=45,
                    help="seconds to let the collectors run before the screenshots")
    ap.add_argument("--wait-ms", type=int, default=4000,
                    help="milliseconds to let each page draw")
    ap.add_argument("--only", nargs="*", metavar="NAME.png", help="just these screenshots")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="pantau-shots-") as tmp:
        log_path = Path(tmp) / "demo.log"
        with log_path.open("w") as log:
            began = time.monotonic()
            proc = start_demo(Path(tmp) / "var", port, log)
            try:
                took = wait_healthy(base, 120)
                print(f"/healthz answered {took:.1f} s after `pantau demo` started")
                time.sleep(max(0.0, args.settle - (time.monotonic() - began)))
                for p in shoot(base, out, args.wait_ms, set(args.only or ())):
                    print(f"saved {p.relative_to(ROOT) if p.is_relative_to(ROOT) else p}")
            except Exception:
                print(log_path.read_text()[-3000:], file=sys.stderr)
                raise
            finally:
                code = stop_demo(proc)
                print(f"pantau demo stopped (exit {code})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
