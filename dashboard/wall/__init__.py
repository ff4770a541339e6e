"""The wall display's parts: URL parameters, tile data, freshness, tile rendering, header,
screen arrangement and the refresh callback's answer. ``dashboard.pages.wall`` wires them."""
