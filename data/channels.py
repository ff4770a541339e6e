"""The five media channels of a Diskominfo's public information work, as one dimension.

Every rss source, every stored article and every media count carries one of these codes::

    >>> check_channel("media_massa")
    'media_massa'
    >>> check_channel("radio")
    Traceback (most recent call last):
    ...
    ValueError: unknown channel 'radio'; use one of media_massa, media_interaktif, media_digital, media_ruang_publik, media_tradisional

Options models use the ``Channel`` literal (pydantic then names the five codes in its error);
code that receives a channel from anywhere else calls ``check_channel``. The names people read
("Media massa" / "Mass media") live in the dashboard's text catalogue, keyed ``media.channel.<code>``.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = ["CHANNELS", "DEFAULT_CHANNEL", "Channel", "check_channel", "is_channel"]

Channel = Literal["media_massa", "media_interaktif", "media_digital", "media_ruang_publik",
                  "media_tradisional"]
"""A channel code as a type, for pydantic models: ``channel: Channel = "media_massa"``."""

CHANNELS: tuple[str, ...] = get_args(Channel)
"""The five codes in their customary order: massa, interaktif, digital, ruang publik, tradisional."""

DEFAULT_CHANNEL = "media_massa"


def is_channel(value: object) -> bool:
    """True when ``value`` is exactly one of the five codes."""
    return isinstance(value, str) and value in CHANNELS


def check_channel(value: object) -> str:
    """``value`` when it is a channel code; ValueError naming the five codes otherwise.

    Codes are exact: ``"Media Massa"`` or ``" media_massa"`` are refused rather than guessed.
    """
    if is_channel(value):
        return value  # type: ignore[return-value]
    raise ValueError(f"unknown channel {value!r}; use one of {', '.join(CHANNELS)}")
