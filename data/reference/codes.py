"""The national Kemendagri code list: every provinsi, kabupaten/kota, kecamatan and
desa/kelurahan by code, and the few rules on codes (level, parent, children, area, time zone).

Use::

    from pantau.data.reference import codes

    codes.name("33.11")              # "Kabupaten Sukoharjo"
    codes.short_name("33.11")        # "Sukoharjo" ("Kabupaten "/"Kota " dropped)
    codes.level("33.11")             # "kabupaten/kota"  (see LEVELS)
    codes.kind("52.71")              # "kota"
    codes.children("33.11")          # ["33.11.01", ..., "33.11.12"]
    codes.within("33.11.04", "33.11")  # True: the area itself or inside it
    codes.below("33.11.12.2001", "33.11")  # "33.11.12": the region one level below the area
    codes.province_zone("33.11")     # "Asia/Jakarta" (WIB)
    codes.suggest("Sukoharjo")       # [("33.11", "Kabupaten Sukoharjo"), ...]

The list is ``wilayah.csv.gz`` next to this file (``scripts/reference_regions.py`` writes it
from a snapshot of github.com/cahyadsn/wilayah, MIT; see ``NOTICE.md``). Codes are strings.
"""

from __future__ import annotations

import csv
import difflib
import gzip
import io
import re
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
CODE_LIST = HERE / "wilayah.csv.gz"

LEVELS = ("provinsi", "kabupaten/kota", "kecamatan", "desa/kelurahan")
"""The levels of a code, by its number of parts (``52`` ... ``52.71.01.1001``)."""

_SHAPE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"
_WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
_WIT = {"81", "82", "91", "92", "93", "94", "95", "96"}


def _rows(desa: bool):
    text = gzip.decompress(CODE_LIST.read_bytes()).decode("utf-8")
    rows = csv.reader(io.StringIO(text))
    next(rows)
    return {code: name for code, name in rows if (code.count(".") == 3) == desa}


@lru_cache(maxsize=1)
def _upper() -> dict[str, str]:
    # Provinsi to kecamatan (7,837 rows): every process that loads a config needs them.
    return _rows(desa=False)


@lru_cache(maxsize=1)
def _desa() -> dict[str, str]:
    # 83,762 desa/kelurahan, about 16 MB of Python objects: read only when one is asked for.
    return _rows(desa=True)


def _names_for(code: str) -> dict[str, str]:
    return _desa() if code.count(".") == 3 else _upper()


@lru_cache(maxsize=2)
def _children(desa: bool) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for code in (_desa() if desa else _upper()):
        out.setdefault(parent(code) or "", []).append(code)
    return out


def known(code: str | None) -> bool:
    """True when ``code`` is in the list."""
    return code is not None and str(code) in _names_for(str(code))


def name(code: str) -> str | None:
    """The region's name as Kemendagri writes it ("Kota Mataram", "Weru"), or None."""
    return _names_for(str(code)).get(str(code))


def short_name(code: str) -> str | None:
    """The name without "Kabupaten "/"Kota "/"Administrasi " ("Sukoharjo"), or None."""
    full = name(code)
    return None if full is None else shorten(full)


def shorten(full: str) -> str:
    """``"Kabupaten Sukoharjo"`` -> ``"Sukoharjo"``; other names are returned as they are."""
    for prefix in ("Kabupaten ", "Kota "):
        if full.startswith(prefix):
            full = full[len(prefix):]
            return full[len("Administrasi "):] if full.startswith("Administrasi ") else full
    return full


def well_formed(code: str) -> bool:
    """True when ``code`` has the shape of a Kemendagri code (``52``, ``52.71``, ``52.71.01``,
    ``52.71.01.1001``), whether or not it is in the list."""
    return bool(_SHAPE.match(str(code)))


def level(code: str) -> str:
    """One of :data:`LEVELS`, from the number of parts of ``code``."""
    return LEVELS[min(str(code).count("."), 3)]


def kind(code: str) -> str | None:
    """provinsi, kabupaten, kota, kecamatan, kelurahan or desa (None for an unknown code)."""
    full = name(code)
    if full is None:
        return None
    depth = str(code).count(".")
    if depth == 0:
        return "provinsi"
    if depth == 1:
        return "kota" if full.startswith("Kota ") else "kabupaten"
    if depth == 2:
        return "kecamatan"
    return "kelurahan" if str(code).rsplit(".", 1)[1].startswith("1") else "desa"


def parent(code: str) -> str | None:
    """The code one level up (``33.11.04`` -> ``33.11``), None for a province."""
    code = str(code)
    return code.rsplit(".", 1)[0] if "." in code else None


def province(code: str) -> str:
    """The province part of ``code`` (``33.11.04`` -> ``33``)."""
    return str(code).split(".", 1)[0]


def children(code: str) -> list[str]:
    """The codes one level below ``code``, in code order (empty for a desa or an unknown code)."""
    code = str(code)
    return list(_children(code.count(".") == 2).get(code, []))


def within(code: str | None, area: str) -> bool:
    """True when ``code`` is ``area`` or inside it (``33.11.04`` in ``33.11``)."""
    if code is None:
        return False
    code, area = str(code), str(area)
    return code == area or code.startswith(area + ".")


def below(code: str | None, area: str) -> str | None:
    """The region one level below ``area`` that holds ``code`` (``33.11.12.2001`` in
    ``33.11`` -> ``33.11.12``; ``33.11.12`` -> itself); None for ``area`` itself or outside."""
    if code is None or str(code) == str(area) or not within(code, area):
        return None
    depth = str(area).count(".") + 2
    return ".".join(str(code).split(".")[:depth])


def province_zone(code: str) -> str:
    """The IANA zone of the province of ``code``: Asia/Jakarta (WIB), Asia/Makassar (WITA) or
    Asia/Jayapura (WIT), as Indonesia's three time zones split the provinces."""
    prov = province(code)
    return WIT if prov in _WIT else WITA if prov in _WITA else WIB


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", shorten(str(text).strip()).lower())


def suggest(text: str, n: int = 3) -> list[tuple[str, str]]:
    """The provinces and kabupaten/kota whose names are closest to ``text`` ("Sukoharjo",
    "kab sukoharjo", "Sukoharja"), best first: ``[(code, name), ...]``."""
    wanted = _plain(re.sub(r"^(kab\.?|kabupaten|kota|provinsi|prov\.?)\s+", "", str(text),
                           flags=re.I))
    places = {c: nm for c, nm in _upper().items() if c.count(".") <= 1}
    exact = [(c, nm) for c, nm in places.items() if _plain(nm) == wanted]
    plain = {}
    for c, nm in places.items():
        plain.setdefault(_plain(nm), c)
    close = difflib.get_close_matches(wanted, list(plain), n=n + len(exact), cutoff=0.6)
    out = exact + [(plain[p], places[plain[p]]) for p in close]
    return list(dict.fromkeys(out))[:n]


def refusal(code: str, area: str) -> str | None:
    """Why a sample labelled ``region=code`` does not belong to a site whose area is ``area``,
    or None when it does (``area`` itself or a listed region inside it). The store, the runner
    and ``pantau import`` refuse such samples with this text."""
    code = str(code)
    if not within(code, area):
        where = f" ({name(code)})" if known(code) else ""
        return (f"region {code!r}{where} is outside the site's area {area} "
                f"({name(area) or 'unknown'})")
    if not known(code):
        return f"region {code!r} is not a code in the Kemendagri list"
    return None
