"""Numbers, dates and times for people, in the page's language (Babel).

``number(1234.5, "id")`` -> ``1.234,5``; ``when(ts, "id", "Asia/Makassar")`` ->
``27 Nov 2026 09:15 WITA``; ``value(v, metric, lang)`` adds the unit.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from babel.numbers import format_decimal, format_percent
from pantau.data.zones import zone_label

LOCALES = {"id": "id_ID", "en": "en_US"}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, "id_ID")


def number(v: float | None, lang: str = "id", digits: int | None = None) -> str:
    """``v`` with the language's separators; ``digits`` fixes the decimals (default: up to 1
    for large numbers, 2 for small ones). ``–`` for a missing value."""
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return "–"
    if digits is None:
        digits = 1 if abs(v) >= 10 else 2
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(v, format=pattern, locale=_locale(lang))


def compact(v: float | None, lang: str = "id") -> str:
    """Large numbers shortened for tiles: ``12,3 rb``, ``1,2 jt`` (id) / ``12.3K`` (en);
    under 10,000 written whole (``4.013``)."""
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return "–"
    suffixes = {"id": ((1e12, " T"), (1e9, " M"), (1e6, " jt"), (1e3, " rb")),
                "en": ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))}[lang if lang == "en"
                                                                        else "id"]
    for size, suffix in suffixes:
        # thousands shortened only from 10,000 (4.013 reads better than 4 rb)
        if abs(v) >= max(size, 1e4):
            return number(v / size, lang, 1) + suffix
    return number(v, lang)


def value(v: float | None, unit: str, lang: str = "id", short: bool = False) -> str:
    """``v`` with its unit: percent, ratio (as percent), rupiah, seconds, plain counts."""
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return "–"
    if unit == "ratio":
        return format_percent(v, format="#,##0.#%", locale=_locale(lang))
    if unit == "percent":
        return number(v, lang, 1) + "%"
    if unit == "rupiah":
        return "Rp " + (compact(v, lang) if short else number(v, lang, 0))
    if unit == "seconds":
        if abs(v) < 1:
            return number(v * 1000, lang, 0) + " ms"
        return number(v, lang, 2) + " " + ("dtk" if lang == "id" else "s")
    if unit == "days":
        return number(v, lang, 0) + (" hari" if lang == "id" else " days")
    if unit == "mm":
        return number(v, lang, 1) + " mm"
    if unit == "celsius":
        return number(v, lang, 0) + " °C"
    return compact(v, lang) if short else number(v, lang)


def local(ts: float, tz: str) -> datetime:
    return datetime.fromtimestamp(float(ts), UTC).astimezone(ZoneInfo(tz))


def date(ts: float, lang: str, tz: str) -> str:
    """``27 Nov 2026``."""
    return format_date(local(ts, tz), format="d MMM y", locale=_locale(lang))


def day_text(d, lang: str) -> str:
    """A calendar date (a ``datetime.date``, no zone) as ``27 Nov 2026``."""
    return format_date(d, format="d MMM y", locale=_locale(lang))


def long_date(ts: float, lang: str, tz: str) -> str:
    """``Jumat, 27 November 2026``."""
    return format_date(local(ts, tz), format="EEEE, d MMMM y", locale=_locale(lang))


def period_words(start: float, end: float, lang: str, tz: str) -> str:
    """The period ``[start, end)`` in words, as a letter writes it: ``1–30 November 2026``,
    ``25 November – 1 Desember 2026``, ``28 Desember 2025 – 3 Januari 2026``, ``1 Desember
    2026`` (one day). ``end`` is exclusive: a window ending at midnight ends the day before."""
    loc = _locale(lang)
    a, b = local(start, tz), local(max(float(start), float(end) - 1), tz)
    full = "d MMMM y"
    if a.date() == b.date():
        return format_date(a, format=full, locale=loc)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{format_date(b, format=full, locale=loc)}"
    first = format_date(a, format="d MMMM" if a.year == b.year else full, locale=loc)
    return f"{first} – {format_date(b, format=full, locale=loc)}"


def stamp(ts: float, lang: str, tz: str) -> str:
    """When a report was made: ``Selasa, 1 Desember 2026 09.15 WITA`` (Indonesian writes the
    time with a dot; ``Tuesday, 1 December 2026 09:15 WITA`` in English)."""
    sep = "." if lang != "en" else ":"
    t = local(ts, tz)
    return f"{long_date(ts, lang, tz)} {t:%H}{sep}{t:%M} {zone_label(tz)}"


def file_stamp(ts: float, tz: str) -> str:
    """``2026-12-01-0915-WITA``: a time in file names, in the site's zone."""
    return f"{local(ts, tz):%Y-%m-%d-%H%M}-{zone_label(tz).replace('/', '-')}"


def clock(ts: float, lang: str, tz: str, seconds: bool = False) -> str:
    """``09:15 WITA``."""
    fmt = "HH:mm:ss" if seconds else "HH:mm"
    return f"{format_time(local(ts, tz), format=fmt, locale=_locale(lang))} {zone_label(tz)}"


def when(ts: float | None, lang: str, tz: str, seconds: bool = False) -> str:
    """``27 Nov 2026 09:15 WITA`` (``09:15:30`` with ``seconds``); ``–`` for None."""
    if ts is None or (isinstance(ts, float) and not math.isfinite(ts)):
        return "–"
    return f"{date(ts, lang, tz)} {clock(ts, lang, tz, seconds)}"


DURATION_UNITS = ((86400, "day"), (3600, "hour"), (60, "minute"), (1, "second"))


def duration(seconds: int, lang: str = "id") -> str:
    """A duration in words for people: ``1 menit``, ``1 jam``, ``7 hari``, ``1 jam 30 menit``
    (``1 minute``, ``2 hours`` in English); operators' spelling (``1h``) stays in URLs and
    config (``data.durations``)."""
    from pantau.dashboard.i18n import t

    seconds, out = int(seconds), []
    for size, unit in DURATION_UNITS:
        n, seconds = divmod(seconds, size)
        if n:
            out.append(t(f"common.duration.{unit}", lang, n=n) if n == 1 or lang != "en"
                       else t(f"common.duration.{unit}s", lang, n=n))
    return " ".join(out) or t("common.duration.seconds", lang, n=0)
