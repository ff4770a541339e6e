"""Where each tile of a screen goes on the 16:9 stage.

Text tiles (headlines, topics, tables) take a side column; key figures go in a band above
the charts, or into the side column when there is no text; charts stack in the main area,
and when the side column would hold a single tile while three or more charts stack, the last
chart moves to the side. Two charts under a band sit side by side. The result is a tree of flex containers, so any number of tiles
fills the screen without scrolling.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pantau.data.config_models import Tile

TEXT_VIEWS = ("headlines", "topics", "table", "sla", "cuaca")
WEIGHTS = {"headlines": 3, "topics": 2, "table": 2, "kpi": 2, "line": 3, "area": 3, "bar": 3,
           "map": 3, "sla": 3, "gempa": 4, "cuaca": 3, "spbe": 3}


@dataclass
class Arrangement:
    """Tile positions (indexes into the screen's tiles) per area."""

    band: list[int] = field(default_factory=list)
    main: list[int] = field(default_factory=list)
    side: list[int] = field(default_factory=list)
    main_row: bool = False
    """Charts side by side rather than stacked (two charts under a band of key figures:
    stacked, each would be too flat to read)."""


def arrange(tiles: tuple[Tile, ...] | list[Tile]) -> Arrangement:
    out = Arrangement()
    kpis = [i for i, t in enumerate(tiles) if t.view == "kpi"]
    texts = [i for i, t in enumerate(tiles) if t.view in TEXT_VIEWS]
    charts = [i for i, t in enumerate(tiles) if t.view not in TEXT_VIEWS and t.view != "kpi"]
    out.side = list(texts)
    if texts or not charts:
        out.band = kpis
    else:
        out.side = kpis + out.side
    out.main = charts
    if len(out.side) == 1 and len(out.main) >= 3:
        out.side.append(out.main.pop())
    if not out.main and out.side and not out.band:
        out.main, out.side = out.side, []
    out.main_row = bool(out.band) and len(out.main) == 2 and \
        not any(tiles[i].view in ("map", "gempa") for i in out.main)
    return out


def weight(tile: Tile) -> int:
    """Relative height of ``tile`` in a stacked column."""
    return WEIGHTS.get(tile.view, 2)


STAGE = (1872, 860)
"""The screens' area of the 1920x1080 stage in pixels (wall.css: stage padding 24/16/14, the
header's 104, the ticker's 58, two gaps of 14)."""
SIDE, BAND, GAP = 640, 286, 16
TILE_CHROME = (56, 133)
"""What a chart tile's frame takes around its plot: border, padding, the title and sub-title
lines, the freshness line, the plot's own margins (wall.css and ``base_layout``)."""


def plot_size(tiles: tuple[Tile, ...] | list[Tile], index: int) -> tuple[int, int]:
    """About how many stage pixels (width, height) the plot of ``tiles[index]`` gets, from
    :func:`arrange` and wall.css' sizes: what the wall map places its labels for."""
    placed = arrange(tiles)
    width, height = STAGE
    if placed.side:
        width -= SIDE + GAP
    if index in placed.side:
        width, column = SIDE, placed.side
    elif index in placed.band:
        height, column = BAND, placed.band
        width = (width - GAP * (len(column) - 1)) // max(1, len(column))
        return max(1, width - TILE_CHROME[0]), max(1, height - TILE_CHROME[1])
    else:
        column = placed.main
        if placed.band:
            height -= BAND + GAP
    share = weight(tiles[index]) / max(1, sum(weight(tiles[i]) for i in column))
    if index in placed.main and placed.main_row:
        width = int((width - GAP * (len(column) - 1)) * share)
    else:
        height = int((height - GAP * (len(column) - 1)) * share)
    return max(1, width - TILE_CHROME[0]), max(1, height - TILE_CHROME[1])
