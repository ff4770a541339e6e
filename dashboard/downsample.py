"""Largest-Triangle-Three-Buckets (LTTB): fewer points, same shape, for line charts.

The database already cuts a period into buckets of ``step``; when a line would still hold more
points than the chart has pixels, ``lttb(xs, ys, n)`` keeps the ``n`` points that best keep its
shape (peaks and dips survive, unlike averaging). The first and last points are always kept and
every kept point is a real one, so a table of the kept points shows values that exist.

    keep = lttb_indices(xs, ys, 800)
    xs, ys = xs[keep], ys[keep]
"""

from __future__ import annotations

import numpy as np


def lttb_indices(xs, ys, n: int) -> np.ndarray:
    """Indices (sorted) of the ``n`` points of the line ``xs, ys`` that LTTB keeps.

    ``xs`` must be increasing. With ``n >= len(xs)`` (or ``n < 3``) every index is returned.
    """
    x = np.asarray(xs, dtype="float64")
    y = np.asarray(ys, dtype="float64")
    size = len(x)
    if n >= size or n < 3:
        return np.arange(size)
    out = np.empty(n, dtype="int64")
    out[0], out[-1] = 0, size - 1
    # n-2 buckets over the inner points; bucket i spans edges[i]:edges[i+1]
    edges = (np.arange(n - 1, dtype="float64") * (size - 2) / (n - 2) + 1).astype("int64")
    edges[-1] = size - 1
    a = 0
    for i in range(n - 2):
        lo, hi = edges[i], edges[i + 1]
        if i + 2 < n - 1:
            nlo, nhi = edges[i + 1], edges[i + 2]
            cx, cy = x[nlo:nhi].mean(), y[nlo:nhi].mean()
        else:
            cx, cy = x[-1], y[-1]
        ax, ay = x[a], y[a]
        area = np.abs((ax - cx) * (y[lo:hi] - ay) - (ax - x[lo:hi]) * (cy - ay))
        a = lo + int(np.argmax(area))
        out[i + 1] = a
    return out


def lttb(xs, ys, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``(xs, ys)`` reduced to at most ``n`` points by LTTB (see ``lttb_indices``)."""
    keep = lttb_indices(xs, ys, n)
    return np.asarray(xs)[keep], np.asarray(ys)[keep]
