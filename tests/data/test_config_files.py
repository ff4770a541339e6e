"""Unsafe config files are refused at the door: exit 2, one clear line, in under 2 s, from
`pantau check-config` and from every command that loads the config (run as subprocesses)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)]
) + "\n"
GOOD = "metrics:\n  - {name: a_count, title: A, agg: sum}\n"


def pantau(*args: str, timeout: float = 10) -> tuple[subprocess.CompletedProcess, float]:
    """Run the command; return it and the CPU seconds it used. CPU, not wall time, is held
    under 2 s: on a shared 2-core machine a Python start alone can take 3 s of wall time. A
    hang (a FIFO, /dev/zero, an alias bomb) still fails: ``timeout`` bounds the wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    res = subprocess.run([sys.executable, "-m", "pantau", *args], capture_output=True, text=True,
                         cwd=ROOT, timeout=timeout, env={**os.environ, "PANTAU_STORE_URL": ""})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return res, cpu


def _write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    return path


CASES = {
    "laughs": (LAUGHS, "expands to more than 200,000 values"),
    "duplicate": ("store: {url: 'sqlite:///a.db'}\n" + GOOD + "store: {url: 'sqlite:///b.db'}\n",
                  "store: given twice (lines 1 and 4); remove one"),
    "deep": ("[" * 5000 + "]" * 5000 + "\n", "nested deeper than 32 levels at line 1, column 33"),
    "big": (GOOD + "#" * (1024 * 1024) + "\n", "a config file may have at most 1,048,576 (1 MB)"),
    "latin1": (GOOD.encode() + b"site: {name: Dinas Kominfo \xe9}\n",
               "is not UTF-8 text (byte 76 is 0xe9); save it as UTF-8"),
    "binary": (b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 4,
               "holds a NUL byte at byte 7: a binary file, not YAML text"),
    "recursive": ("a: &a [*a]\n" + GOOD, "a recursive alias at line 1, column 4"),
    "empty": ("# nothing yet\n", "is empty; a config needs at least metrics:"),
    "no-metrics": ("site: {name: X}\n", "metrics: a config needs at least one metric"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_unsafe_file_is_one_line_exit_2_fast(tmp_path, case):
    content, message = CASES[case]
    path = _write(tmp_path, f"{case}.yaml", content)
    res, took = pantau("check-config", "-c", str(path))
    assert res.returncode == 2, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], res.stderr
    assert took < 2, f"{case}: {took:.2f}s"


def test_duplicate_keys_name_every_path(tmp_path):
    path = _write(tmp_path, "dup.yaml",
                  "metrics:\n  - {name: a, title: A, title: B}\nweb: {port: 1}\nweb: {port: 2}\n")
    res, _ = pantau("check-config", "-c", str(path))
    assert res.returncode == 2
    assert res.stderr.splitlines() == [
        "metrics[0].title: given twice (lines 2 and 2); remove one",
        "web: given twice (lines 3 and 4); remove one",
        f"{path}: 2 problems",
    ]


def test_merge_keys_are_not_duplicates(tmp_path):
    path = _write(tmp_path, "merge.yaml",
                  "metrics:\n  - &m {name: a_count, title: A, agg: sum}\n"
                  "  - {<<: *m, name: b_count}\n")
    res, _ = pantau("check-config", "-c", str(path))
    assert res.returncode == 0, res.stderr


def test_fifo_and_device_are_refused_without_blocking(tmp_path):
    fifo = tmp_path / "config.yaml"
    os.mkfifo(fifo)
    res, took = pantau("check-config", "-c", str(fifo))
    assert res.returncode == 2 and res.stderr.strip() == f"{fifo}: is a FIFO, not a regular file"
    assert took < 2
    res, took = pantau("check-config", "-c", "/dev/zero")
    assert res.returncode == 2 and "/dev/zero: is a device, not a regular file" in res.stderr
    assert took < 2
    res, _ = pantau("check-config", "-c", str(tmp_path))
    assert res.returncode == 2 and "is a directory, not a regular file" in res.stderr


@pytest.mark.parametrize("command", [
    ["collect"], ["worker"], ["serve", "--port", "1"], ["run", "--port", "1"], ["db", "upgrade"],
    ["import", "x.csv"], ["export", "--metric", "a_count", "-o", "x.csv"],
])
def test_every_command_that_loads_config_refuses(tmp_path, command):
    path = _write(tmp_path, "laughs.yaml", LAUGHS)
    if command[0] == "db":
        args = [*command, "-c", str(path)]
    else:
        args = [command[0], "-c", str(path), *command[1:]]
    res, took = pantau(*args)
    assert res.returncode == 2, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "expands to more than 200,000 values" in lines[0], res.stderr
    assert took < 2, f"{command}: {took:.2f}s"


def test_inline_password_is_a_warning(tmp_path):
    path = _write(tmp_path, "pw.yaml",
                  "store: {url: 'postgresql+psycopg://pantau:s3cret@db/pantau'}\n"
                  "web: {cache_url: {$env: CACHE_URL, default: 'redis://cache:6379/0'}}\n" + GOOD)
    res, _ = pantau("check-config", "-c", str(path))
    assert res.returncode == 0, res.stderr
    assert res.stderr.strip() == (f"pantau: warning: {path}: store.url: holds a password inline; "
                                  "give it as {$env: NAME} (or the whole URL, e.g. "
                                  "PANTAU_STORE_URL for store.url)")
    assert "s3cret" not in res.stderr + res.stdout


def test_thresholds_of_a_sum_without_a_period_are_a_warning(tmp_path):
    """A summed count's target/warn/crit must say what period they count for (``per``);
    without one they would judge a day and 90 days alike, so the command says so."""
    path = _write(tmp_path, "per.yaml",
                  "metrics:\n  - {name: a_count, title: A, agg: sum, warn: 10, crit: 20}\n"
                  "  - {name: b_count, title: B, agg: sum, target: 5, per: 1d}\n"
                  "  - {name: c_ratio, title: C, agg: avg, unit: ratio, target: 0.9}\n")
    res, _ = pantau("check-config", "-c", str(path))
    assert res.returncode == 0, res.stderr
    assert res.stderr.strip() == (
        f"pantau: warning: {path}: metrics[0].per: a_count adds up over time but its "
        "target/warn/crit name no period, so 1 day and 90 days are held to the same numbers; "
        "say what period they count for, e.g. per: 1d")
