"""What every config model is built from: ``Frozen`` (unknown keys refused, immutable),
``Duration`` (seconds, written ``30s``, ``15m``, ``1h``, ``7d``) and ``Text``/``LocalText`` (a
text in both languages). ``data.config_models``, ``data.alert_models`` and
``data.config_auth`` use them."""

from __future__ import annotations

from typing import Annotated, Any

from pantau.data.durations import parse_duration
from pydantic import BaseModel, BeforeValidator, ConfigDict

Duration = Annotated[int, BeforeValidator(parse_duration)]
"""Seconds, written in config as ``30s``, ``15m``, ``1h``, ``7d``."""


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _text(value: Any) -> Any:
    # A plain string serves both languages; a mapping must give Indonesian at least.
    if isinstance(value, str):
        return {"id": value, "en": value}
    return value


class Text(Frozen):
    """A text in both languages: ``{id: ..., en: ...}``; a plain string is used for both."""

    id: str
    en: str | None = None

    def get(self, lang: str) -> str:
        """The text in ``lang`` (``id`` or ``en``), falling back to Indonesian."""
        return (self.en if lang == "en" else None) or self.id


LocalText = Annotated[Text, BeforeValidator(_text)]
