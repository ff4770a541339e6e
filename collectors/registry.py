"""The collector kinds, found through the ``pantau.collectors`` entry-point group.

Built-in kinds register in Pantau's own pyproject.toml exactly as a third-party package would::

    [project.entry-points."pantau.collectors"]
    http_json = "pantau.collectors.http_json:HttpJsonCollector"

Each entry point names a class that keeps ``collectors.contract.CollectorKind``: ``kind``
(str), ``Options`` (a frozen pydantic model of its ``options``) and ``collect(options, ctx) ->
Batch``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pantau.collectors.contract import CollectorKind

GROUP = "pantau.collectors"


@lru_cache(maxsize=1)
def kinds() -> dict[str, type[CollectorKind]]:
    """``{kind name: collector class}`` for every registered kind."""
    out = {}
    for ep in entry_points(group=GROUP):
        out[ep.name] = ep.load()
    return out


def option_models() -> dict[str, type]:
    """``{kind name: options model}``, for validating config.yaml."""
    return {name: cls.Options for name, cls in kinds().items()}
