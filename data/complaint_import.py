"""Load complaint history from CSV (``pantau import FILE.csv --table complaints``).

Columns ``id,region,agency,category,received_at,verified_at,followed_up_at,closed_at`` (a
``channel`` column is read too when present). Times are ISO 8601 or Unix seconds; a time
without a zone is read in the site's zone; an empty stage is not reached yet. Every other
column (a LAPOR! export's name, contact or text of the complainant) is ignored and never
stored. A bad row is refused with its line number and reason; the good rows land. Loading the
same file twice leaves the same rows; a file with a later state updates them.
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

from pantau.data import complaints
from pantau.data.complaints import STAGES, Complaint
from pantau.data.record_import import ImportReport, RecordFileError
from pantau.data.reference import codes
from pantau.data.store import FUTURE_SLACK
from pantau.data.zones import zone

REQUIRED = ("id", "region", "agency", "category", "received_at")
READ = (*REQUIRED, "verified_at", "followed_up_at", "closed_at", "channel")


class ComplaintFileError(RecordFileError):
    """The file as a whole cannot be imported (missing columns, unreadable)."""


ComplaintReport = ImportReport


def _time(text: str, tz: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if text.lstrip("-").isdigit():
        return int(text)
    dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=zone(tz))
    return int(dt.timestamp())


def epoch_text(text: str, tz: str) -> str:
    """``text`` as Unix seconds (a time without a zone read in ``tz``), or unchanged when it is
    not a time (``parse_row`` then refuses it with the reason)."""
    try:
        value = _time(text, tz)
    except ValueError:
        return text
    return "" if value is None else str(value)


def parse_row(row: dict[str, str], source: str, tz: str, now: int,
              area: str | None) -> Complaint:
    """The complaint of one CSV row; ``ValueError`` saying why it is refused."""
    cid = (row.get("id") or "").strip()
    if not cid or len(cid) > 100:
        raise ValueError("id is empty or longer than 100 characters")
    region = (row.get("region") or "").strip() or None
    if region is not None:
        if not codes.known(region):
            raise ValueError(f"region {region!r} is not a Kemendagri code")
        why = codes.refusal(region, area) if area else None
        if why:
            raise ValueError(why)
    agency = (row.get("agency") or "").strip()
    if not agency or len(agency) > 200:
        raise ValueError("agency is empty or longer than 200 characters")
    times: dict[str, int | None] = {}
    for stage in STAGES:
        try:
            times[stage] = _time(row.get(stage) or "", tz)
        except ValueError:
            raise ValueError(f"{stage} {row.get(stage)!r} is not ISO 8601 or Unix seconds") \
                from None
        if times[stage] is not None and times[stage] > now + FUTURE_SLACK:
            raise ValueError(f"{stage} is in the future")
    if times["received_at"] is None:
        raise ValueError("received_at is empty")
    before = "received_at"
    for stage in STAGES[1:]:
        if times[stage] is None:
            continue
        if times[stage] < times[before]:
            raise ValueError(f"{stage} is before {before}")
        before = stage
    return Complaint(source=source, complaint_id=cid, region=region, agency=agency,
                     category=(row.get("category") or "").strip()[:200],
                     channel=(row.get("channel") or "").strip()[:50], **times)


def import_complaints(store, path: str | Path, source: str = "import", tz: str = "UTC",
                      now: int | None = None, area: str | None = None) -> ComplaintReport:
    """Load ``path`` into ``store``'s complaints; return counts and every refused row."""
    now = int(store.clock() if now is None else now)
    report = ComplaintReport()
    try:
        fh = open(path, encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise ComplaintFileError(f"{path}: no such file") from None
    good: dict[str, Complaint] = {}
    with fh:
        try:
            reader = csv.DictReader(fh)
            header = [h.strip() for h in (reader.fieldnames or [])]
        except UnicodeDecodeError as exc:
            raise ComplaintFileError(f"{path}: not a UTF-8 CSV file ({exc})") from None
        reader.fieldnames = header
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise ComplaintFileError(
                f"{path}: missing column(s) {', '.join(missing)}; the header must be "
                "id,region,agency,category,received_at,verified_at,followed_up_at,closed_at")
        report.ignored_columns = [h for h in header if h not in READ]
        try:
            for row in reader:
                report.rows += 1
                try:
                    c = parse_row(row, source, tz, now, area)
                except ValueError as exc:
                    report.problems.append((reader.line_num, str(exc)))
                    continue
                good[c.complaint_id] = c  # the same id twice: the later line wins
        except UnicodeDecodeError as exc:
            raise ComplaintFileError(f"{path}: not a UTF-8 CSV file ({exc})") from None
    report.written = complaints.upsert(store, good.values(), now)
    return report
