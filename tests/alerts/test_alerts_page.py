"""/alerts in Chromium: firing first (critical), then pending with its silence; the history
with durations; an operator acknowledges with a note and adds an annotation, which
/api/v1/annotations then answers. Screenshots at 1366x768 and 390x844."""

from __future__ import annotations

import json
import urllib.request

import pytest
from alert_helpers import T0, world


def pick(page, dropdown: str, text: str) -> None:
    """Choose the option of a dcc.Dropdown that reads ``text``, as a person does: open it,
    type, Enter."""
    page.click(dropdown)
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    page.wait_for_selector(f"{dropdown}:has-text({text!r})")


@pytest.mark.browser
def test_alerts_page_lists_acknowledges_and_annotates(sqlite_store, live_app, page, artifacts):
    cfg = world(sqlite_store)
    base = live_app(cfg, sqlite_store, clock=lambda: T0 + 90)
    page.goto(base + "/alerts")
    page.wait_for_selector("#al-current")
    rows = page.locator("#al-current tbody tr")
    assert rows.count() == 2
    first = rows.nth(0).inner_text()
    assert "MENYALA · kritis" in first and "Aduan LAPOR! di Kabupaten Lombok Barat" in first
    assert "operator1: Sedang dicek" in first
    second = rows.nth(1).inner_text()
    assert "TERTUNDA" in second and "dibisukan (silenced by" not in second
    assert "dibisukan (operator1: uji)" in second
    history = page.locator("#al-history").inner_text()
    assert "PULIH" in history and "1m" in history  # 52.71 fired for a minute
    assert "Kota Mataram" in history
    page.screenshot(path=str(artifacts / "alerts-page.png"), full_page=True)

    pick(page, "#al-ack-alert", "TERTUNDA")
    page.fill("#al-ack-note", "Tim layanan sudah dihubungi")
    page.click("#al-ack-go")
    page.wait_for_selector("#al-msg:has-text('Diakui.')")
    page.wait_for_selector("#al-current:has-text('admin: Tim layanan sudah dihubungi')")

    pick(page, "#al-note-metric", "Aduan LAPOR!")
    page.fill("#al-note-text", "Pemadaman listrik PLN di Sumbawa <b>besar</b>")
    page.click("#al-note-go")
    page.wait_for_selector("#al-msg:has-text('Anotasi disimpan.')")
    with urllib.request.urlopen(base + "/api/v1/annotations?metric=lapor_count"
                                "&from=2026-05-29T04:00&to=2026-05-29T05:00") as r:
        notes = json.loads(r.read())["annotations"]
    assert notes[-1]["text"] == "Pemadaman listrik PLN di Sumbawa <b>besar</b>"
    assert notes[-1]["author"] == "admin" and notes[-1]["kind"] == "manual"
    from pantau.data import audit

    assert [(e.actor, e.action) for e in audit.recent(sqlite_store)] == [
        ("admin", "annotation"), ("admin", "alert_ack")]
    assert "Tim layanan sudah dihubungi" in audit.recent(sqlite_store)[1].detail
    assert page.errors == []

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/alerts")
    page.wait_for_selector("#al-current")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts / "alerts-page-390.png"), full_page=True)
