"""The wall's calm screen for a TV that starts while the server is away: ``/wall-sw.js`` (a
service worker registered by ``assets/wall.js`` from ``/wall``) and ``/wall/offline`` (the
screen it keeps: "Menghubungkan ke server…", the site's name and the clock).

Why a service worker, and why it keeps only this: a TV's browser that boots (or restarts) while
the server is down would otherwise show its own error page until someone touches it. The worker
answers the wall's navigations from the network and, when the network fails (no answer, a
proxy's 5xx, nothing within ``NAV_TIMEOUT``), with the calm screen it stored at install. The
calm screen runs ``assets/wall.js`` (its clock, in the site's zone) and reloads the page once
``/healthz`` answers: the reload reaches the server and the wall is back. The worker does *not*
keep Dash's shell and bundles: a Dash page cannot draw without the server (its layout and every
tile come from callbacks), so a cached shell would only put Dash's error overlay on the TV, and
stale bundles after an upgrade would be a new way to break. It stores three small things and
passes everything else through untouched.

Limits (stated in the README's kiosk section): the browser must have shown the wall once (the
worker is installed on the first visit; a first-ever boot with the server down still shows the
browser's error page), with a persistent profile, and service workers need a secure context:
HTTPS, ``localhost``, or Chromium's ``--unsafely-treat-insecure-origin-as-secure`` for the
server's plain-HTTP address on a LAN.

Content-Security-Policy: both are files served from this origin ('self'); the calm page has no
inline script or style.

Who may see them: anyone, before sign-in too (like a login page): they hold the site's name and
the wall's texts, no data, and the worker must be able to fetch them when it (re)installs.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from html import escape
from pathlib import Path

from flask import Flask, Response, request
from pantau.dashboard.context import AppContext
from pantau.dashboard.i18n import t
from pantau.dashboard.wall.header import clock_data
from pantau.dashboard.wall.params import PING_SECONDS

SW_PATH = "/wall-sw.js"
CALM_PATH = "/wall/offline"
LANGS = ("id", "en")
SW_FILE = Path(__file__).with_name("wall-sw.js")
ASSETS = Path(__file__).resolve().parents[1] / "assets"


def calm_page(ctx: AppContext, lang: str) -> str:
    """The calm screen's HTML in ``lang``, in the wall's configured theme (``wall.js`` follows
    the ``theme`` of the wall URL it is shown for)."""
    site = escape(ctx.config.site.name)
    theme = escape(ctx.config.wall.theme)
    data = {**clock_data(ctx.tz, lang, ctx.clock()), "data-ping": str(PING_SECONDS)}
    attrs = " ".join(f'{k}="{escape(v)}"' for k, v in data.items())
    return f"""<!DOCTYPE html>
<html lang="{lang}" class="wall-page wall-page--{theme}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{site}</title>
<link rel="stylesheet" href="/assets/wall.css">
</head><body>
<div id="wall-boot" class="wall wall--{theme} wall-boot" {attrs}>
<div class="wall-boot-box">
<div class="wall-boot-site">{site}</div>
<div class="wall-boot-clock"><span id="wall-clock-time">--:--:--</span><span class="wall-zone">{escape(data["data-zone"])}</span></div>
<div id="wall-date" class="wall-boot-date"></div>
<div class="wall-boot-msg"><span class="wall-boot-dot"></span>{escape(t("wall.connecting", lang))}</div>
<div class="wall-boot-hint">{escape(t("wall.connecting_hint", lang))}</div>
</div></div>
<script src="/assets/wall.js"></script>
</body></html>
"""


@lru_cache(maxsize=4)
def _files_digest() -> str:
    h = hashlib.sha256(SW_FILE.read_bytes())
    for name in ("wall.js", "wall.css"):
        h.update((ASSETS / name).read_bytes())
    return h.hexdigest()


def sw_source(ctx: AppContext) -> str:
    """The worker's script, versioned by what it stores: a new wall.js, wall.css or calm page
    (site name, zone, texts) changes its bytes, so the browser installs it again and stores
    the new ones."""
    h = hashlib.sha256(_files_digest().encode())
    h.update(ctx.config.site.name.encode())
    h.update(ctx.tz.encode())
    h.update(ctx.config.wall.theme.encode())
    for lang in LANGS:
        h.update((t("wall.connecting", lang) + t("wall.connecting_hint", lang)).encode())
    return SW_FILE.read_text(encoding="utf-8").replace("__VERSION__", h.hexdigest()[:16])


def register_offline(server: Flask, ctx: AppContext) -> None:
    """Serve ``/wall-sw.js`` and ``/wall/offline`` on ``server``."""

    @server.get(SW_PATH)
    def _wall_sw():
        resp = Response(sw_source(ctx), mimetype="text/javascript")
        resp.headers["Cache-Control"] = "no-cache"
        return resp

    @server.get(CALM_PATH)
    def _wall_offline():
        lang = ctx.lang(request.args.get("lang"))
        resp = Response(calm_page(ctx, lang), mimetype="text/html")
        resp.headers["Cache-Control"] = "no-cache"
        return resp
