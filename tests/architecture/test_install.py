"""``pip install .`` into a fresh virtual environment outside the repository, then the
``pantau`` command from another folder, as someone who installs Pantau meets it.

The new environment gets Pantau alone (``--no-deps``); its dependencies come from the test's
own environment through a ``.pth`` line, so the test needs no download beyond what pip's build
step needs (setuptools). Everything must land under the one ``pantau`` package: nothing named
``data``, ``collectors``, ``dashboard``, ``demo`` or ``text`` in site-packages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
ROOMS = ("data", "collectors", "dashboard", "demo", "text")


def _project_files() -> list[str]:
    """The files of the checkout (tracked and new, not ignored), as relative paths."""
    out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard"],
                         capture_output=True, text=True, check=True).stdout
    return [f for f in out.splitlines() if (ROOT / f).is_file()]


def _run(cmd, cwd, env, timeout=600):
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    return proc


def test_pip_install_puts_everything_under_pantau_and_the_command_works(tmp_path):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs the git checkout to know the project's files")
    src = tmp_path / "src"
    for rel in _project_files():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, src / rel)
    venv = tmp_path / "venv"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PANTAU_CONFIG")}
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp_path, env)
    py = venv / "bin" / "python"
    site = Path(_run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()"
                      "['purelib'])"], tmp_path, env).stdout.strip())
    # The dependencies, not Pantau: a plain path line (the .pth files there, among them
    # the checkout's editable install, are not run for a path added this way).
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run([sys.executable, "-m", "pip", "--python", str(py), "install", "--quiet", "--no-deps",
          str(src)], tmp_path, env)

    installed = {p.name for p in site.iterdir()}
    assert "pantau" in installed and not installed & set(ROOMS), sorted(installed)
    for room in ROOMS:
        assert (site / "pantau" / room / "__init__.py").is_file(), room
    record = next(site.glob("pantau-*.dist-info")) / "RECORD"
    tops = {line.split("/", 1)[0] for line in record.read_text().splitlines()}
    assert {t for t in tops if not t.startswith(("pantau", ".."))} == set(), tops
    assert (site / "pantau" / "data" / "migrations" / "env.py").is_file()

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    pantau = str(venv / "bin" / "pantau")
    where = _run([str(py), "-c", "import pantau.data.store as s; print(s.__file__)"],
                 elsewhere, env).stdout.strip()
    assert where.startswith(str(site)), where
    demo = _run([pantau, "demo", "--help"], elsewhere, env)
    assert "--port" in demo.stdout and "--reset" in demo.stdout
    shutil.copy2(ROOT / "config.yaml", elsewhere / "config.yaml")
    check = _run([pantau, "check-config"], elsewhere, env)
    assert "config.yaml: ok" in check.stdout
    db = f"sqlite:///{elsewhere / 'pantau.db'}"
    up = _run([pantau, "db", "upgrade"], elsewhere, {**env, "PANTAU_STORE_URL": db})
    assert "database at revision" in up.stdout and (elsewhere / "pantau.db").is_file()
