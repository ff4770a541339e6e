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
from tsdownsample import LTTBDownsampler


def lttb_indices(xs, ys, n: int) -> np.ndarray:
    """Indices (sorted) of the ``n`` points of the line ``xs, ys`` that LTTB keeps.

    ``xs`` must be increasing. With ``n >= len(xs)`` (or ``n < 3``) every index is returned.
    The reduction itself is tsdownsample's (compiled; a year of hours in under a millisecond).
    """
    x = np.ascontiguousarray(xs, dtype="float64")
    y = np.ascontiguousarray(ys, dtype="float64")
    size = len(x)
    if n >= size or n < 3:
        return np.arange(size)
    return np.asarray(LTTBDownsampler().downsample(x, y, n_out=int(n)), dtype="int64")


def lttb(xs, ys, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``(xs, ys)`` reduced to at most ``n`` points by LTTB (see ``lttb_indices``)."""
    keep = lttb_indices(xs, ys, n)
    return np.asarray(xs)[keep], np.asarray(ys)[keep]
