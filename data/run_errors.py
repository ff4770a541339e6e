"""What kind of failure a run's error is, for people who may not read the error itself.

A run's ``error`` (``runs.error``, written by ``collectors.runner``) is the collector's whole
message: upstream answer bodies, internal host names, file paths, SQL. Admins see it; everyone
else sees only its category (``data.access``: issue 12). This module is the one rule that
turns the first into the second::

    error_category("HTTP 500 from https://api.internal/x: <html>...")   # ErrorCategory("http", 500)
    error_category("timed out after 30s waiting for https://...")      # ErrorCategory("timeout")
    shown_error(error, principal)   # the full text for an admin, else None (show the category)

The categories follow the messages of ``collectors/fetch.py`` and the kinds' parsers (the tests
run real collectors into each); a message nobody foresaw is ``other``, never shown whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pantau.data.access import Principal, Role, role_allows

FULL_ERRORS = Role.ADMIN
"""Who reads a source's error in full."""

KEYS = ("http", "timeout", "unreachable", "too_large", "unreadable", "mismatch", "store",
        "config", "query", "other")


@dataclass(frozen=True)
class ErrorCategory:
    """``key`` is one of ``KEYS``; ``status`` the HTTP status for ``http``."""

    key: str
    status: int | None = None


_HTTP = re.compile(r"^HTTP (\d{3})\b")
# First match wins; each pattern is anchored on the words the collectors write (see above).
_RULES: tuple[tuple[str, re.Pattern], ...] = tuple((key, re.compile(p, re.I)) for key, p in (
    ("store", r"^store: "),
    ("timeout", r"\btimed out\b"),
    ("too_large", r"\blarger than the limit\b|\bmore than \d+ rows\b"),
    ("unreachable", r"^cannot connect to |^too many redirects |: no such (database )?file$"
                    r"|: permission denied$|: is a directory|^(ConnectError|ReadError|"
                    r"WriteError|RemoteProtocolError|ProxyError|NetworkError)\b"),
    ("config", r"^bad URL |^unknown kind "),
    ("query", r"^query failed on "),
    ("unreadable", r"^cannot decode |\bnot well-formed\b|\bis not an? (RSS|Prometheus|XLSX)"
                   r"|\bnot a readable XLSX\b|\bis HTML or XML, not CSV\b|\bmalformed CSV\b"
                   r"|\bis empty\b|^answer of .* is (not JSON|empty|HTML|invalid JSON)"
                   r"|\b(JSONDecodeError|UnicodeDecodeError|XMLSyntaxError)\b"),
    ("mismatch", r"\bmatched nothing\b|\bhas no (column|sheet)\b|\bgave \d+ items\b"
                 r"|\bgives \w+s\b|\bline \d+: \d+ fields\b"
                 r"|\bnot found in the answer\b|, column .*: "),
))


def error_category(error: str | None) -> ErrorCategory | None:
    """The category of a run's ``error`` text; None when there is no error."""
    if error is None or not str(error).strip():
        return None
    text = str(error).strip()
    m = _HTTP.match(text)
    if m:
        return ErrorCategory("http", int(m.group(1)))
    for key, pattern in _RULES:
        if pattern.search(text):
            return ErrorCategory(key)
    return ErrorCategory("other")


def may_read_errors(principal: Principal) -> bool:
    """Whether ``principal`` reads sources' errors in full."""
    return role_allows(principal.role, FULL_ERRORS)


def shown_error(error: str | None, principal: Principal) -> str | None:
    """``error`` when ``principal`` may read it in full, else None (show its category)."""
    return error if may_read_errors(principal) else None
