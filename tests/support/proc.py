"""``pantau`` as a subprocess running this checkout's code (not whatever an installed
``pantau`` script points at): the environment and the command, shared by the test folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def env(**extra) -> dict:
    """The environment of a ``pantau`` subprocess running this checkout's code: the checkout
    first on ``PYTHONPATH``, then ``extra``."""
    out = dict(os.environ)
    out["PYTHONPATH"] = str(ROOT) + (os.pathsep + out["PYTHONPATH"]
                                     if out.get("PYTHONPATH") else "")
    out.update(extra)
    return out


def pantau(*args: str, **popen) -> subprocess.Popen:
    """``pantau ARGS`` as a subprocess (``python -m pantau``)."""
    popen.setdefault("env", env())
    return subprocess.Popen([sys.executable, "-m", "pantau", *args], **popen)
