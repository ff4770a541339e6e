"""What every config model is built from: ``Frozen`` (unknown keys refused, immutable) and
``Duration`` (seconds, written ``30s``, ``15m``, ``1h``, ``7d``). ``data.config_models`` and
``data.alert_models`` both use them."""

from __future__ import annotations

from typing import Annotated

from pantau.data.durations import parse_duration
from pydantic import BaseModel, BeforeValidator, ConfigDict

Duration = Annotated[int, BeforeValidator(parse_duration)]
"""Seconds, written in config as ``30s``, ``15m``, ``1h``, ``7d``."""


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
