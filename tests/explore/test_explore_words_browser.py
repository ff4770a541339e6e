"""The explorer's own widgets in the page's language, whatever the browser speaks (issue 17
item 7: the calendar's day and month names and "2 selected" were English on the Indonesian
page). Chromium runs with the en-US locale here."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEW = "/explore?metric=lapor_count&from=now-2d&to=now&region=52.71&region=52.72"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_calendar_and_multi_select_speak_the_page_language(browser, ex_app, artifacts, lang):
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(ex_app + VIEW + ("&lang=en" if lang == "en" else ""))
    page.wait_for_selector("#ex-chart .scatterlayer .trace", timeout=20000)
    count = page.locator("#ex-filters").inner_text()
    assert ("2 dipilih" if lang == "id" else "2 selected") in count, count
    page.locator("#ex-dates").click()
    page.wait_for_timeout(500)
    text = page.evaluate("document.body.innerText")
    page.screenshot(path=str(artifacts / f"explore-calendar-{lang}.png"))
    if lang == "id":
        assert "September 2026" in text and "Oktober 2026" in text
        assert re.search(r"Sen\s+Sel\s+Rab\s+Kam\s+Jum\s+Sab\s+Min", text)
        assert "October" not in text and not re.search(r"Mo\s+Tu\s+We", text)
        labels = page.evaluate("() => Array.from(document.querySelectorAll('[title], [data-title], "
                               "[aria-label], [placeholder]')).map(e => e.getAttribute('title') "
                               "|| e.dataset.title || e.getAttribute('aria-label') "
                               "|| e.getAttribute('placeholder'))")
        english = [x for x in labels if x and re.search(
            r"\b(Download|Zoom|Pan|Reset|Autoscale|Page Size|Search|selected)\b", x)]
        assert not english, english  # toolbar, grid and dropdown hints in Indonesian too
    else:
        assert "October 2026" in text and re.search(r"Mo\s+Tu\s+We", text)
    assert errors == []
    ctx.close()
