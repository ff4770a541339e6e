"""``pantau demo`` and sign-in, as a visitor meets it: bound beyond loopback it asks for
sign-in and prints a generated admin password once; on loopback everyone is admin and the
pages say "DEMO — tanpa login"."""

from __future__ import annotations

import http.cookiejar
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
PANTAU = ROOT / ".venv" / "bin" / "pantau"
PASSWORD_LINE = re.compile(r"User admin, password \(shown only now\): (\S+)")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **kw):
        return None


def start(folder: Path, host: str):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = folder.parent / f"demo-{host}.log"
    cmd = [str(PANTAU) if PANTAU.exists() else shutil.which("pantau") or "pantau", "demo",
           "--host", host, "--port", str(port), "--dir", str(folder)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    began = time.monotonic()
    while time.monotonic() - began < 180:
        if proc.poll() is not None:
            pytest.fail(f"pantau demo exited {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
                if r.status == 200:
                    return proc, base, log
        except OSError:
            pass
        time.sleep(0.3)
    proc.kill()
    pytest.fail(f"no /healthz within 180 s:\n{log.read_text()}")


def stop(proc):
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def status(opener, url, data=None):
    try:
        with opener.open(url, data=data, timeout=30) as r:
            return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode()


def render_page(opener, base, path="/"):
    import json

    body = json.dumps({"output": "page.children",
                       "outputs": {"id": "page", "property": "children"},
                       "inputs": [{"id": "url", "property": "pathname", "value": path}],
                       "state": [{"id": "url", "property": "search", "value": ""}],
                       "changedPropIds": ["url.pathname"]}).encode()
    req = urllib.request.Request(base + "/_dash-update-component", data=body,
                                 headers={"Content-Type": "application/json"})
    return status(opener, req)


def test_demo_beyond_loopback_signs_in_and_on_loopback_is_open(tmp_path):
    folder = tmp_path / "var"
    proc, base, log = start(folder, "0.0.0.0")
    try:
        found = PASSWORD_LINE.findall(log.read_text())
        assert len(found) == 1, log.read_text()
        password = found[0]
        jar = http.cookiejar.CookieJar()
        plain = urllib.request.build_opener(_NoRedirect, urllib.request.HTTPCookieProcessor(jar))
        code, headers, _ = status(plain, base + "/")
        assert code == 303 and headers["Location"].startswith("/login?next=")
        assert status(plain, base + "/api/v1/metrics")[0] == 401
        form = status(plain, base + "/login")[2]
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        data = urllib.parse.urlencode({"username": "admin", "password": password,
                                       "csrf_token": csrf, "next": "/sources"}).encode()
        code, headers, _ = status(plain, base + "/login", data)
        assert code == 303 and headers["Location"] == "/sources"
        assert status(plain, base + "/sources")[0] == 200
        assert status(plain, base + "/api/v1/metrics")[0] == 200
        assert "demo-open-badge" not in render_page(plain, base)[2]
    finally:
        stop(proc)

    proc, base, log = start(folder, "127.0.0.1")
    try:
        assert "password" not in log.read_text()
        opener = urllib.request.build_opener(_NoRedirect)
        assert status(opener, base + "/explore")[0] == 200
        assert status(opener, base + "/api/v1/metrics")[0] == 200
        code, _, text = render_page(opener, base)
        import json

        assert code == 200 and "demo-open-badge" in text
        assert "DEMO — tanpa login" in json.dumps(json.loads(text), ensure_ascii=False)
    finally:
        stop(proc)
