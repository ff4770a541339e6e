"""Pure figure functions: data frame(s) + metric spec + language -> ``go.Figure``.

No database, no Dash: each takes what the page already asked of ``data.queries`` and returns a
figure, so it can be tested without a server::

    from pantau.dashboard.figures import sparkline, history, region_map, breakdown

    sparkline(df, metric, "id", tz="Asia/Makassar")          # df: ts, value
    history(cur, prev, metric, "en", tz=..., period=7 * 86400)
    region_map(df, metric, "id", geojson, selected="52.71")   # df: region, value
    breakdown(df, metric, "id", label="service")              # df: <label>, value

Numbers and dates inside figures are formatted by ``dashboard.fmt`` (Babel), never by
Plotly's English-only locale.
"""

from pantau.dashboard.figures.breakdown import breakdown
from pantau.dashboard.figures.history import history
from pantau.dashboard.figures.region_map import region_map
from pantau.dashboard.figures.sparkline import sparkline

__all__ = ["breakdown", "history", "region_map", "sparkline"]
