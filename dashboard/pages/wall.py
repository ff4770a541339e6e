"""``/wall``: the kiosk of the command room. Screens rotate, data refreshes itself, every tile
says how fresh it is, and nothing ever goes blank.

``/wall?playlist=layanan,media&rotate=30&theme=dark|light&lang=en&refresh=60``. The page is the
frame of every screen; the refresh callback fills the tiles as soon as it loads and then once
per interval, in one request for all tiles (``dashboard.wall.refresh``); the rotation, the
clock, the connection check and the nightly reload run in the browser (``assets/wall.js``).
"""

from __future__ import annotations

import dash
from dash import ALL, Input, Output, State, dcc, html
from flask import request
from pantau.dashboard.components import alert_banner
from pantau.dashboard.context import AppContext
from pantau.dashboard.i18n import t
from pantau.dashboard.wall import params as wall_params
from pantau.dashboard.wall.arrange import arrange, weight
from pantau.dashboard.wall.header import clock_data, down_strip, header, ticker, ticker_track
from pantau.dashboard.wall.offline import register_offline
from pantau.dashboard.wall.params import PING_SECONDS, WallParams
from pantau.dashboard.wall.refresh import digest, extras, tile_answers, tile_key
from pantau.dashboard.wall.tiles import shell
from pantau.data.config_models import Screen

ROUTE = "/wall"
CHROME = False
DOWN_KEY, TICKER_KEY = "_down", "_ticker"
"""Keys of the down strip's and the ticker's hashes in the page's ``wall-hashes`` store."""


def _area(children: list, cls: str) -> html.Div:
    return html.Div(children, className=cls)


def _screen(ctx: AppContext, screen: Screen, p: WallParams, active: bool) -> html.Div:
    """One screen's frame: the tiles' shells, placed; their content comes with the first
    refresh, right after the page loads."""
    placed = arrange(screen.tiles)

    def cell(i: int) -> html.Div:
        tile = screen.tiles[i]
        return html.Div(shell(ctx.config, tile, tile_key(screen.id, i), p.lang, None),
                        className="wall-cell", style={"flexGrow": weight(tile)})

    left = []
    if placed.band:
        full = not placed.main and not placed.side
        left.append(_area([cell(i) for i in placed.band],
                          "wall-band" + (" wall-band--full" if full else "")))
    if placed.main:
        left.append(_area([cell(i) for i in placed.main],
                          "wall-main" + (" wall-main--row" if placed.main_row else "")))
    body = [_area(left, "wall-left")]
    if placed.side:
        body.append(_area([cell(i) for i in placed.side], "wall-side"))
    if not screen.tiles:  # a screen without tiles is calm, never blank
        body = [html.Div(t("common.no_data", p.lang), className="wall-calm")]
    return html.Div(body, id={"type": "wall-screen", "index": screen.id},
                    className="wall-screen" + (" is-active" if active else ""),
                    **{"data-title": screen.title.get(p.lang)})


def layout(ctx: AppContext, lang: str, params: dict, path: str):
    p = wall_params.parse(ctx, params, lang)
    cfg = ctx.config
    now = ctx.clock()
    titles = [s.title.get(lang) for s in p.screens]
    hashes: dict[str, str] = {}
    if p.screens:
        screens = [_screen(ctx, s, p, i == 0) for i, s in enumerate(p.screens)]
    else:
        screens = [html.Div(html.Div(t("wall.no_screens", lang), className="wall-calm"),
                            className="wall-screen is-active")]
    found = extras(ctx, now)
    down, items = found if found is not None else ([], [])
    strip, strip_cls = down_strip(ctx.config, down, lang)
    if found is not None:
        hashes[DOWN_KEY], hashes[TICKER_KEY] = digest([strip, strip_cls]), digest(items)
    data = {
        **clock_data(ctx.tz, lang, now),
        "data-lang": lang, "data-reload-at": cfg.wall.reload_at,
        "data-ping": str(PING_SECONDS), "data-offline": t("wall.offline", lang),
        "data-store-down": t("wall.store_down", lang),
    }
    stage = html.Div([
        header(cfg.site.name, cfg.site.demo, titles, ctx.tz, lang, now),
        html.Div(strip, id="wall-down", className=strip_cls),
        html.Div(alert_banner.banner(ctx, lang) if cfg.alerts.rules else [],
                 id="wall-alert-banner", className="alert-banner", role="alert"),
        html.Div(screens, className="wall-screens"),
        ticker(items, lang),
    ], id="wall-stage", className="wall-stage")
    return html.Div([
        stage,
        # wall.js moves wall-tick on once per refresh period, and only after the last refresh
        # has answered (wall-done shows the tick it answered): see register()
        dcc.Store(id="wall-tick", data=0),
        html.Div("", id="wall-done", hidden=True),
        dcc.Store(id="wall-params", data={"playlist": p.playlist, "lang": lang,
                                          "theme": p.theme}),
        dcc.Store(id="wall-hashes", data=hashes),
        dcc.Store(id="wall-reconnect", data=0),
    ], id="wall-root", className=f"wall wall--{p.theme}", lang=lang,
        **{"data-refresh": str(p.refresh), "data-rotate": str(p.rotate)}, **data)


def register(app: dash.Dash, ctx: AppContext) -> None:
    """The refresh callback. Rotation needs no server and no Dash state: ``wall.js`` switches
    the screens' classes on a timer (so days of rotation leave nothing behind). Also the
    calm screen of a TV that starts while the server is away (``dashboard.wall.offline``)."""
    alert_banner.register(app, ctx, "wall-alert-banner", "wall-tick", "wall-params",
                          tick_prop="data")
    register_offline(app.server, ctx)
    _dark_before_drawn(app, ctx)

    # One refresh in flight at a time. A dcc.Interval ticks whether or not the last refresh
    # has been answered; with a server slower than the refresh rate (a busy store, a slow link
    # to the TV) Dash sent a request per tick and they piled up (7-12 at once were seen), each
    # answer held by the browser until applied. wall.js sets wall-tick instead: once per
    # refresh period, after wall-done shows the previous tick was answered (or after waiting
    # three periods, at least 30 s, for a request lost on the way).
    @app.callback(
        Output({"type": "wall-tile", "index": ALL}, "className"),
        Output({"type": "wall-fresh", "index": ALL}, "children"),
        Output({"type": "wall-body", "index": ALL}, "children"),
        Output({"type": "wall-graph", "index": ALL}, "figure"),
        Output("wall-hashes", "data"),
        Output("wall-down", "children"),
        Output("wall-down", "className"),
        Output("wall-ticker", "children"),
        Output("wall-done", "children"),
        Input("wall-tick", "data"),
        Input("wall-reconnect", "data"),
        State("wall-params", "data"),
        State("wall-hashes", "data"),
        # the first call, right after the page loads, brings every tile's content: the page
        # itself is only frames (fast to serve, and one code path for all data)
        prevent_initial_call=False,
    )
    def _refresh(tick, _reconnect, wp, known):
        outputs = dash.callback_context.outputs_list[:-1]
        return (*refresh_outputs(ctx, outputs, wp or {}, known or {}), str(tick or 0))


def _dark_before_drawn(app: dash.Dash, ctx: AppContext) -> None:
    """Dash's page is white with "Loading..." until the layout arrives and the wall is drawn:
    a white flash on the TV at each start and nightly reload. For ``/wall`` the page's ``<html>``
    carries the wall's theme as a class (``wall.css`` paints it before anything is drawn); a
    class, not an inline style, so a Content-Security-Policy needs nothing more."""
    inner = app.interpolate_index

    def interpolate_index(**kwargs) -> str:
        page = inner(**kwargs)
        path = request.path.rstrip("/")
        if path != ROUTE and not path.startswith(ROUTE + "/"):
            return page
        theme = request.args.get("theme")
        theme = theme if theme in wall_params.THEMES else ctx.config.wall.theme
        return page.replace("<html>", f'<html class="wall-page wall-page--{theme}">', 1)

    app.interpolate_index = interpolate_index


def refresh_outputs(ctx: AppContext, outputs_list: list, wp: dict, known: dict) -> tuple:
    """The refresh callback's return value for the outputs Dash asks for: only what changed
    since the answer the page shows (``known`` hashes), ``dash.no_update`` elsewhere."""
    nu = dash.no_update
    lang = ctx.lang(wp.get("lang"))
    theme = wp.get("theme") if wp.get("theme") in wall_params.THEMES else ctx.config.wall.theme
    now = ctx.clock()
    keys = [o["id"]["index"] for o in outputs_list[0]]
    answers = tile_answers(ctx, keys, lang, theme, now, known)
    hashes = dict(known)
    for key, (_view, parts) in answers.items():
        hashes[key] = list(parts)

    def per(slot: int) -> list:
        out = []
        for o in outputs_list[slot]:
            ans = answers.get(o["id"]["index"])
            value = (ans[0].class_name, ans[0].fresh, ans[0].body, ans[0].figure)[slot] \
                if ans is not None else None
            out.append(nu if value is None else value)
        return out

    strip, strip_cls, track = nu, nu, nu
    found = extras(ctx, now)
    if found is not None:
        down = down_strip(ctx.config, found[0], lang)
        if digest(list(down)) != known.get(DOWN_KEY):
            strip, strip_cls = down
            hashes[DOWN_KEY] = digest(list(down))
        if digest(found[1]) != known.get(TICKER_KEY):
            track = ticker_track(found[1], lang)
            hashes[TICKER_KEY] = digest(found[1])
    return (per(0), per(1), per(2), per(3), hashes if hashes != known else nu,
            strip, strip_cls, track)
