"""Pantau's demo: a fictional but realistic NTB command center that runs with no network.

- ``config.yaml`` — the demo config (a template: ``pantau demo`` writes a runtime copy with
  absolute paths and ports); ``site.demo: true`` puts a DEMO badge on every page.
- ``history`` — 180 days of history for every metric, with the rhythms real data has.
- ``news`` / ``feeds`` — fictional NTB news (written for Pantau) as RSS 2.0 and Atom.
- ``feeder`` — serves the local demo sources and changes them over time so counts move.

Everything here is made up except the published IPM and SPBE figures
(``data.reference.indicator_samples``). The places are real NTB places; the outlets, the
articles and the numbers are not.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
CONFIG_TEMPLATE = HERE / "config.yaml"
DEFAULT_SEED = 52
"""Seed of the demo history (52: the Kemendagri code of NTB)."""

HISTORY_DAYS = 180
ARTICLE_DAYS = 45
"""Article rows are written for the last 45 days only (the counts cover all 180): inserting
articles is the slow part of loading, and the media page looks at weeks, not months."""

REGIONS = {
    # code: (name, weight). Weights follow the population (in thousands, rounded): they set
    # each region's share of complaints and calls.
    "52.01": ("Lombok Barat", 740),
    "52.02": ("Lombok Tengah", 1070),
    "52.03": ("Lombok Timur", 1390),
    "52.04": ("Sumbawa", 540),
    "52.05": ("Dompu", 250),
    "52.06": ("Bima", 560),
    "52.07": ("Sumbawa Barat", 150),
    "52.08": ("Lombok Utara", 250),
    "52.71": ("Kota Mataram", 440),
    "52.72": ("Kota Bima", 165),
}

SERVICES = {
    # probe source id: (title, base latency in seconds, outages per week, TLS renewal)
    "portal_ntbprov": ("Portal Resmi Provinsi NTB", 0.32, 0.25, "acme"),
    "ppid_ntb": ("PPID Provinsi NTB", 0.55, 0.2, "yearly"),
    "satudata_ntb": ("Satu Data NTB", 0.78, 0.35, "acme"),
    "pantau_web": ("Pantau (this server)", 0.012, 0.15, None),
}
"""The e-services the demo probes. ``pantau_web`` is Pantau's own ``/healthz``; the others are
simulated by the demo feeder."""

OPDS = {
    # Satu Data NTB publisher: (datasets at the start of 2025, datasets per working day,
    # downloads per working day)
    "Diskominfotik": (164, 0.09, 95),
    "Bappeda": (121, 0.06, 140),
    "Dinas Kesehatan": (98, 0.05, 120),
    "Dinas Pendidikan dan Kebudayaan": (87, 0.04, 85),
    "Dinas Pariwisata": (46, 0.03, 60),
    "Dinas Pertanian dan Perkebunan": (72, 0.03, 45),
    "Dinas Sosial": (39, 0.02, 30),
    "BPBD": (28, 0.02, 25),
}

HOSTS = {"app-01": 1.1, "db-01": 1.9, "web-01": 0.7}
"""Data-centre hosts and their typical load (node_load1)."""

SITE = {
    "urban": "52.71",               # the region whose people file more complaints per head
    "portal": "portal_ntbprov",     # the service whose slowdowns load web-01
    "data_portal": "satudata_ntb",  # the service whose slowdowns load db-01
    "lapor": "SP4N-LAPOR! Provinsi NTB (demo)",
    "quake": ("52.01", "52.02", "52.03", "52.08", "52.71"),  # where felt quakes add calls
    "scale": 1.0,                   # people of the site against NTB's: complaints and calls
    "utc_offset": 8 * 3600,         # office hours and holidays follow local time: WITA
}
"""The few facts of the demo's place that the generators read. ``REGIONS``, ``SERVICES``,
``OPDS``, ``HOSTS`` and ``SITE`` are NTB's; ``pantau.demo.sites.use("sukoharjo")`` swaps
their contents in place for another site (one site per process)."""

PLACEHOLDERS = ("STORE_URL", "FEEDS", "SOURCES", "PANTAU")


def render_config(values: dict[str, str], template: str | None = None) -> str:
    """The demo config with ``${NAME}`` placeholders filled from ``values`` (every name of
    ``PLACEHOLDERS`` must be given; other ``$`` signs, as in regular expressions, stay).
    Placeholders sit inside double-quoted YAML strings, so values are escaped for them."""
    import json
    import re

    missing = [n for n in PLACEHOLDERS if n not in values]
    if missing:
        raise KeyError(f"demo config placeholders without a value: {', '.join(missing)}")
    text = CONFIG_TEMPLATE.read_text(encoding="utf-8") if template is None else template
    return re.sub(r"\$\{(" + "|".join(PLACEHOLDERS) + r")\}", lambda m: json.dumps(str(values[m[1]]))[1:-1], text)
