"""What a ``pantau import --table ...`` of records (complaints, SPBE levels) answers: the one
report shape and the one whole-file error, so the command reports every table alike."""

from __future__ import annotations

from dataclasses import dataclass, field


class RecordFileError(ValueError):
    """The file as a whole cannot be imported (missing columns, unreadable)."""


@dataclass
class ImportReport:
    """Rows read, rows written, columns not stored and every refused row as (line, reason)."""

    rows: int = 0
    written: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.problems)
