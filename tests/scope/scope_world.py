"""A world for the region-scope tests: the API tests' fixed world (``support.api_seed``) with
``lapor_count`` in every kabupaten/kota of NTB, and an app whose requests act for a principal
limited to 52.71 (set by a ``before_request`` hook, as sign-in does).

``foreign_in(...)`` lists what of another kabupaten/kota a text or a row holds: its code as a
label value or its full name.
"""

from __future__ import annotations

from pantau.dashboard.access import set_current
from pantau.data.access import Principal, Role
from pantau.data.reference import regions
from support.api_seed import NOW, RAW, REGIONS, count_value, make_config, seed

SCOPE = "52.71"
OTHERS = {code: name for code, name, _short, _kind in regions() if code != SCOPE}
SCOPED = Principal(name="rina", role=Role.ANALYST, region=SCOPE, kind="user")
WILAYAH = {"id": "wilayah", "title": {"id": "Wilayah", "en": "Regions"},
           "tiles": [{"metric": "lapor_count", "view": "kpi", "period": "7d"},
                     {"metric": "lapor_count", "view": "map", "period": "7d"},
                     {"metric": "lapor_count", "view": "bar", "period": "7d", "by": "region"},
                     {"metric": "lapor_count", "view": "line", "period": "1d", "by": "region"}]}
"""A screen of region tiles (KPI, map, bars, lines by region), after the API world's own."""


def world_config():
    """The API world's config with the ``wilayah`` screen added."""
    return make_config({**RAW, "screens": [*RAW["screens"], WILAYAH]})


def seed_world(store) -> None:
    """The API world plus ``lapor_count`` in the kabupaten/kota it lacks."""
    seed(store)
    start = NOW - 10 * 86400
    ts = list(range(start - start % 300, NOW, 300))
    extra = [code for code, *_ in regions() if code not in REGIONS]
    store.write_points([("lapor_count", {"region": code}, ts,
                         [count_value(i, 3 + r) for i in range(len(ts))])
                        for r, code in enumerate(extra)])


def scoped_app(store, header: bool = False):
    """The app over ``store``; every request acts for ``SCOPED`` (with ``header``: only
    requests carrying ``X-Test-Scope: 52.71``, the others stay OPEN, i.e. admin)."""
    from flask import request
    from pantau.dashboard.app import create_app

    app = create_app(world_config(), store, clock=lambda: NOW)

    @app.server.before_request
    def _scoped():
        if not header or request.headers.get("X-Test-Scope") == SCOPE:
            set_current(SCOPED)

    return app


def foreign_in(text: str) -> list[str]:
    """Codes (as quoted JSON strings or whole CSV fields) and full names of the other
    kabupaten/kota found in ``text``."""
    found = []
    for code, name in OTHERS.items():
        if f'"{code}"' in text or f",{code}," in text or f",{code}\n" in text or name in text:
            found.append(code)
    return found
