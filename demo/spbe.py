"""The demo's SPBE history 2019–2024: indicator levels for Pemprov NTB and its ten
kabupaten/kota, as a pure function of the seed.

Every indicator level is made up. Where KemenPAN-RB's index for a region and year was
published (2022 and 2023 for the province and nine kabupaten/kota, ``data/reference/
ntb-indicators.csv``, with the press reports it was read from), the made-up levels are chosen
so that the index computed from them by ``pantau.data.spbe`` rounds to the published figure;
those rows carry the source ``demo:published``. Every other year, and Kota Bima in every year
(its figures were not found), is made up and carries the source ``demo``. The page says which.

Note: evaluations before 2021 used PermenPAN-RB 5/2018 (35 indicators), so the demo's
2019–2020 levels in the 47-indicator structure are fiction twice over.
"""

from __future__ import annotations

import numpy as np
from pantau.data import spbe, spbe_store
from pantau.data.reference import indicators
from pantau.data.spbe_store import Score

YEARS = tuple(range(2019, 2025))
AREA = "52"
GOVERNMENTS = ("52", "52.01", "52.02", "52.03", "52.04", "52.05", "52.06", "52.07", "52.08",
               "52.71", "52.72")
MADE_UP = {"52.72": (1.71, 1.86, 2.04, 2.27, 2.52, 2.71)}
"""Kota Bima, 2019..2024: no published figure was found; made up."""
ASPECT_BIAS = {1: 0.3, 2: -0.2, 3: 0.1, 4: 0.2, 5: -0.4, 6: -0.9, 7: 0.4, 8: 0.1}
"""Made-up shape: policies and administrative services ahead, management and ICT audits
behind (the pattern evaluation reports describe, not measured here)."""


def published() -> dict[tuple[int, str], float]:
    """``{(year, code): index}`` of the published SPBE figures shipped as reference data."""
    df = indicators()
    df = df[df["indicator"] == "spbe_index"]
    return {(int(r.year), str(r.code)): float(r.value) for r in df.itertuples(index=False)}


def targets() -> dict[tuple[int, str], tuple[float, bool]]:
    """``{(year, code): (index, published?)}`` for every government and year of the demo."""
    pub = published()
    out: dict[tuple[int, str], tuple[float, bool]] = {}
    for code in GOVERNMENTS:
        if code in MADE_UP:
            out.update({(y, code): (v, False) for y, v in zip(YEARS, MADE_UP[code], strict=True)})
            continue
        v22, v23 = pub[(2022, code)], pub[(2023, code)]
        step = max(0.08, min(0.3, (v23 - v22) / 2 or 0.1))
        made = {2019: v22 - 0.55, 2020: v22 - 0.35, 2021: v22 - 0.15, 2024: v23 + step}
        for y in YEARS:
            if (y, code) in pub:
                out[(y, code)] = (pub[(y, code)], True)
            else:
                out[(y, code)] = (round(min(4.9, max(1.05, made[y])), 2), False)
    return out


def levels_for(target: float, rng: np.random.Generator) -> dict[int, int]:
    """Whole levels 1..5 for the 47 indicators whose index rounds to ``target``."""
    ind = spbe.structure()
    base = {i.number: int(np.clip(round(target + ASPECT_BIAS[i.aspect]
                                        + rng.normal(0, 0.6)), 1, 5)) for i in ind}
    weights = {i.number: i.weight / 100 for i in ind}
    for _ in range(5000):
        idx = sum(weights[n] * v for n, v in base.items())
        if spbe.published(idx) == round(target, 2):
            return base
        up = idx < target
        pool = [n for n, v in base.items() if (v < 5 if up else v > 1)]
        n = int(rng.choice(pool))
        after = idx + (weights[n] if up else -weights[n])
        if abs(after - target) < abs(idx - target) or rng.random() < 0.2:
            base[n] += 1 if up else -1
    raise ValueError(f"no levels found for index {target}")


def history(seed: int) -> list[Score]:
    """The demo's levels, every government and year."""
    rng = np.random.default_rng(seed + 16)
    out: list[Score] = []
    for (year, code), (target, is_pub) in sorted(targets().items()):
        source = "demo:published" if is_pub else "demo"
        for n, level in sorted(levels_for(target, rng).items()):
            out.append(Score(year, code, n, level, source))
    return out


def write_spbe(store, area: str, seed: int, now: int) -> int:
    """Write the demo's SPBE history when the demo's place is NTB; rows written."""
    if area != AREA:
        return 0
    return spbe_store.upsert(store, history(seed), now)
