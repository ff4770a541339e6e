"""A source's last error as the current principal may read it: ``error_text(error, lang)``.

Admins read the whole message; everyone else its category ("HTTP 500", "batas waktu", ...;
the rule: ``data.run_errors``), since the message carries upstream answers, internal host
names and paths. Used by /sources and by ``/api/v1/sources``.
"""

from __future__ import annotations

from pantau.dashboard.access import current
from pantau.dashboard.i18n import t
from pantau.data.access import Principal
from pantau.data.run_errors import error_category, shown_error


def category_text(error: str | None, lang: str) -> str | None:
    """The category of ``error`` in ``lang`` (``HTTP 500``, ``batas waktu``), or None."""
    cat = error_category(error)
    if cat is None:
        return None
    return t(f"source_error.{cat.key}", lang, status=cat.status or "")


def error_text(error: str | None, lang: str, principal: Principal | None = None) -> str | None:
    """``error`` in full for a principal who may read it (default: the request's), else its
    category in ``lang``; None without an error."""
    if error is None or not str(error).strip():
        return None
    full = shown_error(str(error), principal or current())
    return full if full is not None else category_text(error, lang)
