"""Shortened numbers of tiles and map labels keep their size: 40,129 is "40,1 rb", not "4 rb"
(thousands were divided by ten thousand: the wall showed a tenth of every figure between
10,000 and 1,000,000)."""

from __future__ import annotations

import pytest
from pantau.dashboard import fmt


@pytest.mark.parametrize(("value", "id_text", "en_text"), [
    (4012.9, "4.012,9", "4,012.9"),
    (10_000, "10 rb", "10K"),
    (40_129.088, "40,1 rb", "40.1K"),
    (752_578.88, "752,6 rb", "752.6K"),
    (1_234_567, "1,2 jt", "1.2M"),
    (-52_000, "-52 rb", "-52K"),
    (3.2e9, "3,2 M", "3.2B"),
])
def test_compact_numbers_keep_their_size(value, id_text, en_text):
    assert fmt.value(value, "count", "id", short=True) == id_text
    assert fmt.value(value, "count", "en", short=True) == en_text
    assert fmt.value(value, "rupiah", "id", short=True) == "Rp " + id_text
