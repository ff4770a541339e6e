"""``pantau demo`` in a subprocess for the web-security tests: gunicorn, real data, every page.

``DemoServer(folder)`` starts it on a free port; ``wait()`` returns once /healthz answers;
``stop()`` ends it with SIGINT (and kills it if it does not end).
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PANTAU = ROOT / ".venv" / "bin" / "pantau"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DemoServer:
    def __init__(self, folder: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = folder.parent / f"demo-{self.port}.log"
        self.log = self.log_path.open("w")
        cmd = [str(PANTAU) if PANTAU.exists() else shutil.which("pantau") or "pantau",
               "demo", "--port", str(self.port), "--dir", str(folder)]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)

    def output(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def wait(self, timeout: float = 180) -> None:
        began = time.monotonic()
        while time.monotonic() - began < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"pantau demo exited with {self.proc.returncode}:\n"
                                   f"{self.output()}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"/healthz did not answer within {timeout} s:\n{self.output()}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
