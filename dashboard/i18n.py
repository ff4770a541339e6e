"""One catalogue of every text the UI shows, in Bahasa Indonesia and English.

Texts live in ``dashboard/texts/<area>.py`` as ``TEXTS = {key: {"id": ..., "en": ...}}``;
they are merged here. ``t("key", lang)`` looks one up; ``t("key", lang, n=3)`` formats it.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

import pantau.dashboard.texts as _texts_pkg

LANGS = ("id", "en")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Every text key with its translations, from all modules of ``dashboard.texts``."""
    out: dict[str, dict[str, str]] = {}
    for mod in pkgutil.iter_modules(_texts_pkg.__path__):
        texts = importlib.import_module(f"pantau.dashboard.texts.{mod.name}").TEXTS
        for key, value in texts.items():
            if key in out:
                raise KeyError(f"text key {key!r} is defined twice (dashboard/texts/{mod.name})")
            out[key] = value
    return out


def t(key: str, lang: str = "id", **fmt) -> str:
    """The text ``key`` in ``lang``; KeyError for a key missing from the catalogue."""
    entry = catalogue()[key]
    text = entry.get(lang) or entry["id"]
    return text.format(**fmt) if fmt else text
