"""The demo's sites: NTB (a province, the default) and Kabupaten Sukoharjo (a kabupaten that
drills to its 12 kecamatan). ``pantau demo --site sukoharjo`` calls :func:`use` before anything
else of the demo runs.

Use::

    from pantau.demo.sites import SITES, use

    site = use("sukoharjo")     # swaps the tables the generators, feeder and news read
    site.template, site.seed    # demo/sukoharjo.yaml, 3311

The places (codes, kecamatan, OPD names) are real; every number the demo draws for them is
made up. The region weights only share out made-up totals.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from pantau.demo import DEFAULT_SEED, HERE, HOSTS, OPDS, REGIONS, SERVICES, SITE
from pantau.demo.news import OUTLETS


@dataclass(frozen=True)
class DemoSite:
    key: str
    template: Path
    seed: int
    regions: dict
    services: dict
    opds: dict
    hosts: dict
    site: dict
    outlets: dict = field(default_factory=dict)
    folder: str = ""
    """Sub-folder of ``--dir`` holding this site's store and files ("" for NTB's)."""


_NTB = DemoSite("ntb", HERE / "config.yaml", DEFAULT_SEED, copy.deepcopy(REGIONS),
                copy.deepcopy(SERVICES), copy.deepcopy(OPDS), copy.deepcopy(HOSTS),
                copy.deepcopy(SITE), dict(OUTLETS))

_SUKOHARJO = DemoSite(
    "sukoharjo", HERE / "sukoharjo.yaml", 3311,
    regions={
        # code: (name, weight). Weights are rounded populations in thousands, roughly as the
        # 2020 census counted them; they only share out the made-up totals.
        "33.11.01": ("Weru", 70),
        "33.11.02": ("Bulu", 53),
        "33.11.03": ("Tawangsari", 63),
        "33.11.04": ("Sukoharjo", 94),
        "33.11.05": ("Nguter", 68),
        "33.11.06": ("Bendosari", 78),
        "33.11.07": ("Polokarto", 84),
        "33.11.08": ("Mojolaban", 92),
        "33.11.09": ("Grogol", 130),
        "33.11.10": ("Baki", 66),
        "33.11.11": ("Gatak", 55),
        "33.11.12": ("Kartasura", 110),
    },
    services={
        "portal_sukoharjo": ("Portal Resmi Kabupaten Sukoharjo", 0.41, 0.2, "acme"),
        "ppid_sukoharjo": ("PPID Kabupaten Sukoharjo", 0.6, 0.25, "yearly"),
        "satudata_sukoharjo": ("Satu Data Sukoharjo", 0.7, 0.3, "acme"),
        "pantau_web": ("Pantau (this server)", 0.012, 0.15, None),
    },
    opds={
        "Diskominfo": (72, 0.05, 40),
        "Bappeda": (58, 0.04, 55),
        "Dinas Kesehatan": (49, 0.03, 50),
        "Dinas Pendidikan dan Kebudayaan": (44, 0.03, 35),
        "Disdukcapil": (31, 0.02, 45),
        "DPMPTSP": (26, 0.02, 30),
        "Dinas Sosial": (22, 0.01, 15),
        "BPBD": (17, 0.01, 12),
    },
    hosts={"app-01": 0.9, "db-01": 1.4, "web-01": 0.6},
    site={"urban": "33.11.12",                 # Kartasura, next to Surakarta
          "portal": "portal_sukoharjo", "data_portal": "satudata_sukoharjo",
          "lapor": "SP4N-LAPOR! Kabupaten Sukoharjo (demo)", "quake": (),
          "scale": 0.2,                     # about 0.9 million people against NTB's 5.6
          "utc_offset": 7 * 3600},          # WIB
    outlets={},  # the demo's news corpus is NTB's; the Sukoharjo demo has no media screen
    folder="sukoharjo",
)

SITES = {"ntb": _NTB, "sukoharjo": _SUKOHARJO}


def use(key: str) -> DemoSite:
    """Make ``key``'s tables the demo's (in place: modules that imported them see the
    change) and return the site. KeyError names the sites for an unknown key."""
    if key not in SITES:
        raise KeyError(f"unknown demo site {key!r}; the sites are {', '.join(SITES)}")
    site = SITES[key]
    for target, new in ((REGIONS, site.regions), (SERVICES, site.services), (OPDS, site.opds),
                        (HOSTS, site.hosts), (SITE, site.site), (OUTLETS, site.outlets)):
        target.clear()
        target.update(copy.deepcopy(new) if target is not OUTLETS else new)
    return site
