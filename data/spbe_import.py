"""Load SPBE indicator levels from CSV (``pantau import FILE.csv --table spbe``).

Columns ``year,region,indicator,score``: the evaluation year, the region's Kemendagri code
(``52.71``), the indicator number (1 to 47, PermenPAN-RB 59/2020) and its maturity level, a
whole number 1 to 5. Other columns are ignored and named. A bad row is refused with its line
number and reason; the good rows land. The same (year, region, indicator) twice: the later
line wins. Loading the same file twice leaves the same rows.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

from pantau.data import spbe_store
from pantau.data.record_import import ImportReport, RecordFileError
from pantau.data.spbe_store import COLUMNS, Score


class SpbeFileError(RecordFileError):
    """The file as a whole cannot be imported (missing columns, unreadable)."""


SpbeReport = ImportReport


def import_spbe(store, path: str | Path, source: str = "import", area: str | None = None,
                now: int | None = None) -> SpbeReport:
    """Load ``path`` into ``store``'s SPBE levels; return counts and every refused row."""
    now = int(store.clock() if now is None else now)
    this_year = datetime.fromtimestamp(now, UTC).year
    report = SpbeReport()
    try:
        fh = open(path, encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise SpbeFileError(f"{path}: no such file") from None
    good: dict[tuple[int, str, int], Score] = {}
    with fh:
        try:
            reader = csv.DictReader(fh)
            header = [h.strip() for h in (reader.fieldnames or [])]
            reader.fieldnames = header
            missing = [c for c in COLUMNS if c not in header]
            if missing:
                raise SpbeFileError(f"{path}: missing column(s) {', '.join(missing)}; the "
                                    "header must be year,region,indicator,score")
            report.ignored_columns = [h for h in header if h not in COLUMNS]
            for row in reader:
                report.rows += 1
                try:
                    s = spbe_store.parse_row(row, source, area, this_year)
                except ValueError as exc:
                    report.problems.append((reader.line_num, str(exc)))
                    continue
                good[(s.year, s.region, s.indicator)] = s
        except UnicodeDecodeError as exc:
            raise SpbeFileError(f"{path}: not a UTF-8 CSV file ({exc})") from None
        except csv.Error as exc:
            raise SpbeFileError(f"{path}: malformed CSV ({exc})") from None
    report.written = spbe_store.upsert(store, good.values(), now)
    return report
