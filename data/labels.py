"""What people read for a label value: region codes as names from the national list, service ids as
the sources' titles. Pages, chart files, reports and exports all ask here.

Use::

    from pantau.data.labels import value_name, value_names

    value_name(cfg, "region", "52.71", "id")            # "Kota Mataram"
    value_name(cfg, "region", "52.01", "id", short=True) # "Lombok Barat" (wall tiles)
    value_name(cfg, "region", "33.11.12", "id")         # "Kartasura" (a kecamatan)
    value_name(cfg, "service", "portal_ntbprov", "id")  # the source's title from config
    value_names(cfg, "region", ["52.01", "99"], "id")   # {"52.01": "Kabupaten Lombok Barat",
                                                        #  "99": "99"}

A value without a known name reads as itself; codes stay in the data (exports keep a code
column next to the name column).
"""

from __future__ import annotations

from collections.abc import Iterable

from pantau.data.config_models import Config
from pantau.data.reference import codes

REGION = "region"
SERVICE = "service"
NAMED = (REGION, SERVICE)
"""Labels whose values have names other than themselves."""


def _region(code: str, short: bool) -> str | None:
    # A kota keeps "Kota" even short: "Bima" alone is the kabupaten (52.06), not 52.72.
    if short and codes.kind(code) == "kabupaten":
        return codes.short_name(code)
    return codes.name(code)


def value_name(cfg: Config | None, label: str, value: str, lang: str,
               short: bool = False) -> str:
    """The name of ``value`` of ``label`` in ``lang``; ``short`` drops "Kabupaten" (walls)."""
    value = "" if value is None else str(value)
    if label == REGION:
        return _region(value, short) or value
    if label == SERVICE and cfg is not None:
        src = cfg.source(value)
        return src.title_in(lang) if src is not None else value
    return value


def value_names(cfg: Config | None, label: str, values: Iterable, lang: str,
                short: bool = False) -> dict[str, str]:
    """``{value: name}`` for each of ``values`` (see :func:`value_name`)."""
    return {str(v): value_name(cfg, label, v, lang, short) for v in values}


def names_of(cfg: Config | None, label_values: dict, lang: str) -> dict[str, dict[str, str]]:
    """``{label: {value: name}}`` for the named labels among ``label_values`` (``{label:
    [values]}``, as ``data.queries.label_values`` gives): what exports put next to codes."""
    return {label: value_names(cfg, label, values, lang)
            for label, values in label_values.items() if label in NAMED}


def item_names(cfg: Config | None, labels: dict, lang: str) -> dict[str, str]:
    """``{label: name}`` of one series' ``labels``, for the named labels only."""
    return {k: value_name(cfg, k, v, lang) for k, v in labels.items() if k in NAMED}


def place_phrase(code: str) -> str:
    """A region as a sentence names it, with its level where the name alone does not say it:
    "Kota Mataram", "Kabupaten Sukoharjo", "Provinsi Nusa Tenggara Barat", "Kecamatan Kartasura", "Desa Pucangan",
    "Kelurahan Kartasura" (a kecamatan and a kelurahan may share a name). Unknown codes as
    they are."""
    kind = codes.kind(code)
    name = codes.name(code)
    if name is None:
        return str(code)
    if kind in ("provinsi", "kecamatan", "desa", "kelurahan"):
        return f"{kind.capitalize()} {name}"
    return name


def labels_text(cfg: Config | None, labels: dict, lang: str) -> str:
    """``{"region": "52.71", "service": "x"}`` as ``"Kota Mataram · <title of x>"``; a
    kecamatan or desa with its level (``place_phrase``: "Kecamatan Kartasura")."""
    return " · ".join(place_phrase(v) if k == REGION and v else value_name(cfg, k, v, lang)
                      for k, v in sorted(labels.items()))
