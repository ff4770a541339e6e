"""The explorer's table: exactly the points of its chart, one row per time on the chart's axis
and one column per line (pure function, for dash-ag-grid).

    column_defs, rows = explore_table(answer, metrics, lang, tz)

Times are the site's wall-clock time as ``YYYY-MM-DD HH:MM`` (sorts as text); a compared
period's values stand at the time they are drawn (moved forward by the shift), its column
saying how far back they are. Values stay numbers; the grid formats them in the language
(``dashAgGridFunctions.exNumber`` in ``assets/explore.js``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

import numpy as np
from pantau.dashboard.figures.explore_chart import local_ms, series_name
from pantau.dashboard.i18n import t
from pantau.data.zones import zone_label


def explore_table(answer: dict, metrics: Mapping, lang: str, tz: str
                  ) -> tuple[list[dict], list[dict]]:
    """``(columnDefs, rowData)`` of the points in ``answer`` as drawn."""
    columns = [{"field": "time", "headerName": t("explore.time", lang, zone=zone_label(tz)),
                "pinned": "left", "minWidth": 170, "sort": "asc"}]
    rows: dict[int, dict] = {}
    pattern = "%Y-%m-%d %H:%M:%S" if answer.get("step", 60) < 60 else "%Y-%m-%d %H:%M"
    for i, item in enumerate(answer.get("series", [])):
        field = f"s{i}"
        spec = metrics.get(item["metric"])
        unit = spec.unit if spec else "count"
        columns.append({
            "field": field, "headerName": series_name(item, answer, metrics, lang),
            "type": "numericColumn", "minWidth": 120,
            "valueFormatter": {"function": f"exNumber(params.value, '{lang}', '{unit}')"}})
        if not item["points"]:
            continue
        pts = np.asarray(item["points"], dtype="float64")
        x = local_ms(pts[:, 0].astype("int64") + int(item.get("shift") or 0) * 1000, tz)
        for when, value in zip(x.tolist(), pts[:, 1].tolist(), strict=True):
            row = rows.get(when)
            if row is None:
                text = datetime.fromtimestamp(when / 1000, UTC).strftime(pattern)
                row = rows[when] = {"time": text}
            row[field] = value
    return columns, [rows[k] for k in sorted(rows)]
