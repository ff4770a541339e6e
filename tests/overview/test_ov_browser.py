"""The overview and the drill-down in real Chromium against a store with known rows.

Every card's value, change and status is compared with a computation over the rows written
(``ov_seed.expected``), in Bahasa Indonesia and in English.
"""

from __future__ import annotations

import re
import urllib.request

import pytest
from ov_seed import END, METRICS, PROVINCE, T, expected, region_for, seed
from pantau.dashboard import fmt

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TZ = "Asia/Makassar"
WEEK = (END - 7 * 86400, END)
MONTH = (END - 30 * 86400, END)
STATUS = {"id": {"ok": "Baik", "warn": "Waspada", "crit": "Kritis", "none": "Tanpa ambang batas",
                 "nodata": "Belum ada data"},
          "en": {"ok": "On track", "warn": "Warning", "crit": "Critical", "none": "No thresholds",
                 "nodata": "No data yet"}}
NO_PREVIOUS = {"id": "Tanpa data pembanding", "en": "No earlier data to compare"}
POINTS = {"id": "poin", "en": "pts"}
SPEC = {m["name"]: m for m in METRICS}


def num(v: float, lang: str) -> str:
    return fmt.number(v, lang, 1 if v >= 1 else 2)


def delta_text(spec: dict, exp: dict, lang: str) -> str:
    v, prev = exp["value"], exp["previous"]
    if v is None or prev is None:
        return NO_PREVIOUS[lang]
    d = v - prev
    arrow, sign = ("▲", "+") if d > 0 else ("▼", "−")
    if spec["unit"] == "ratio":
        return f"{arrow} {sign}{num(abs(d) * 100, lang)} {POINTS[lang]}"
    text = f"{arrow} {sign}{fmt.value(abs(d), spec['unit'], lang)}"
    if prev:
        text += f" ({sign}{num(abs(d) / abs(prev) * 100, lang)}%)"
    return text


def tone(spec: dict, exp: dict) -> str:
    if exp["value"] is None or exp["previous"] is None or spec["better"] == "none":
        return "neutral"
    d = exp["value"] - exp["previous"]
    if d == 0:
        return "neutral"
    return "good" if (d > 0) == (spec["better"] == "up") else "bad"


@pytest.fixture
def app_url(sqlite_store, ov_config, live_app):
    seeded = seed(sqlite_store, ov_config)
    return live_app(ov_config, sqlite_store, clock=lambda: T), seeded


def card(page, name: str):
    return page.locator(f"[data-metric={name}]").first


def check_cards(page, seeded, lang: str, window: tuple[int, int], region: str) -> int:
    checked = 0
    for spec in METRICS:
        exp = expected(seeded, spec, *window, region_for(spec, region))
        c = card(page, spec["name"])
        where = f"{spec['name']} ({lang}, {region})"
        assert c.locator(".kpi-value").inner_text() == fmt.value(exp["value"], spec["unit"],
                                                                  lang), where
        delta = c.locator(".kpi-delta")
        assert delta.inner_text() == delta_text(spec, exp, lang), where
        assert f"tone-{tone(spec, exp)}" in delta.get_attribute("class"), where
        assert c.locator(".kpi-status").inner_text() == STATUS[lang][exp["status"]], where
        assert c.get_attribute("data-status") == exp["status"], where
        if exp["as_of"]:
            assert fmt.date(exp["as_of"], lang, TZ) in c.locator(".kpi-note").inner_text()
        checked += 1
    return checked


def test_cards_equal_an_independent_computation_in_both_languages(app_url, page):
    base, seeded = app_url
    checked = 0
    for lang, query in (("id", ""), ("en", "?lang=en")):
        page.goto(base + "/" + query)
        page.wait_for_selector("[data-metric=news_articles_count] .kpi-value")
        checked += check_cards(page, seeded, lang, WEEK, PROVINCE)
    assert checked == 2 * len(METRICS)
    # The numbers behind the assertions, spelled out once (2 017 complaints this week).
    page.goto(base + "/")
    page.wait_for_selector("[data-metric=lapor_complaints_received_count] .kpi-value")
    c = card(page, "lapor_complaints_received_count")
    assert c.locator(".kpi-value").inner_text() == "2.017"
    assert c.locator(".kpi-delta").inner_text() == "▲ +677 (+50,5%)"
    assert "Target 1.000 · Capaian 49,6%" in c.inner_text()
    assert card(page, "ipm_score").locator(".kpi-value").inner_text() == "73,1"
    assert "per 1 Jul 2024" in card(page, "ipm_score").inner_text()
    assert "Data sampai 28 Nov 2026 09:15 WITA" in page.locator("#ov-subtitle").inner_text()
    page.goto(base + "/?lang=en")
    page.wait_for_selector("[data-metric=lapor_complaints_received_count] .kpi-value")
    assert card(page, "lapor_complaints_received_count").locator(".kpi-value").inner_text() \
        == "2,017"
    assert "Data up to 28 Nov 2026 09:15 WITA" in page.locator("#ov-subtitle").inner_text()
    assert page.locator("#demo-badge").count() == 0  # not a demo config
    assert page.errors == []


def test_region_and_period_filters_live_in_the_url(app_url, page):
    base, seeded = app_url
    page.goto(base + "/?region=52.71&lang=en")
    page.wait_for_selector("[data-metric=service_up] .kpi-value")
    assert check_cards(page, seeded, "en", WEEK, "52.71") == len(METRICS)
    assert "Province-wide" in card(page, "service_up").inner_text()
    assert "Province-wide" not in card(page, "lapor_complaints_received_count").inner_text()
    assert card(page, "ipm_score").locator(".kpi-value").inner_text() == "81.6"

    page.goto(base + "/")
    page.wait_for_selector("[data-metric=service_up] .kpi-value")
    page.get_by_text("30 hari", exact=True).click()
    page.wait_for_url(re.compile(r".*period=30d.*"))
    exp = expected(seeded, SPEC["lapor_complaints_received_count"], *MONTH, None)
    value = card(page, "lapor_complaints_received_count").locator(".kpi-value")
    value.filter(has_text=fmt.value(exp["value"], "count", "id")).wait_for()
    page.select_option("#ov-region", "52.04")
    page.wait_for_url(re.compile(r".*region=52\.04.*"))
    exp = expected(seeded, SPEC["lapor_complaints_received_count"], *MONTH, "52.04")
    value.filter(has_text=fmt.value(exp["value"], "count", "id")).wait_for()
    check_cards(page, seeded, "id", MONTH, "52.04")
    # The card opens the drill-down with the same state.
    card(page, "lapor_complaints_received_count").locator("a").click()
    page.wait_for_url(re.compile(r".*/metric/lapor_complaints_received_count\?"))
    assert "period=30d" in page.url and "region=52.04" in page.url
    page.wait_for_selector("#metric-summary .kpi-value")
    assert page.locator("#metric-summary .kpi-value").inner_text() == \
        fmt.value(exp["value"], "count", "id")
    assert page.input_value("#metric-region") == "52.04"
    # The language the user asked for travels with the links too.
    page.goto(base + "/?lang=en&period=90d&region=52.72")
    page.wait_for_selector("[data-metric=ipm_score] .kpi-value")
    href = card(page, "ipm_score").locator("a").get_attribute("href")
    assert href == "/metric/ipm_score?period=90d&region=52.72&lang=en"
    assert page.input_value("#ov-region") == "52.72"
    assert page.locator("#ov-period input:checked").get_attribute("value") == "90d"
    assert page.errors == []


def test_site_language_english_and_demo_badge(sqlite_store, config_from, live_app, page):
    from ov_seed import raw_config

    cfg = config_from(raw_config(language="en", demo=True))
    seed(sqlite_store, cfg)
    base = live_app(cfg, sqlite_store, clock=lambda: T)
    page.goto(base + "/")
    page.wait_for_selector("[data-metric=lapor_complaints_received_count] .kpi-value")
    assert page.locator(".ov-title").inner_text() == "Executive overview"
    assert card(page, "lapor_complaints_received_count").locator(".kpi-value").inner_text() \
        == "2,017"
    assert page.locator("#demo-badge").is_visible()
    page.goto(base + "/?lang=id")
    page.wait_for_selector(".ov-title")
    assert page.locator(".ov-title").inner_text() == "Ringkasan Eksekutif"
    assert page.errors == []


CLICK_JS = """(code) => {
  // A point well inside the drawn region `code` of the values trace, in client coordinates:
  // of the grid points inside its outline, the one nearest to their mean.
  const paths = Array.from(document.querySelectorAll('#metric-map .choroplethlocation'))
    .filter(p => p.__data__ && p.__data__.loc === code);
  const path = paths[paths.length - 1];
  const box = path.getBBox(), ctm = path.getScreenCTM();
  const inside = [];
  for (let i = 1; i < 30; i++) for (let j = 1; j < 30; j++) {
    const pt = new DOMPoint(box.x + box.width * i / 30, box.y + box.height * j / 30);
    if (path.isPointInFill(pt)) inside.push(pt.matrixTransform(ctm));
  }
  if (!inside.length) return null;
  const mx = inside.reduce((a, p) => a + p.x, 0) / inside.length;
  const my = inside.reduce((a, p) => a + p.y, 0) / inside.length;
  inside.sort((a, b) => Math.hypot(a.x - mx, a.y - my) - Math.hypot(b.x - mx, b.y - my));
  const map = document.getElementById('metric-map');
  const hit = document.elementFromPoint(inside[0].x, inside[0].y);
  return map.contains(hit) ? [inside[0].x, inside[0].y] : null;
}"""


def test_clicking_a_region_on_the_map_filters_the_page(app_url, page):
    base, seeded = app_url
    name = "lapor_complaints_received_count"
    page.goto(base + f"/metric/{name}")
    page.wait_for_selector("#metric-map .choroplethlocation")
    assert page.locator("#metric-map .choroplethlocation").count() >= 10
    page.locator("#metric-map").scroll_into_view_if_needed()
    xy = page.evaluate(CLICK_JS, "52.04")
    assert xy, "no clickable point found inside Kabupaten Sumbawa"
    page.mouse.click(*xy)
    page.wait_for_url(re.compile(r".*region=52\.04.*"))
    exp = expected(seeded, SPEC[name], *WEEK, "52.04")
    summary = page.locator("#metric-summary .kpi-value")
    summary.filter(has_text=fmt.value(exp["value"], "count", "id")).wait_for()
    assert page.input_value("#metric-region") == "52.04"
    assert "Kabupaten Sumbawa" in page.locator(".metric-filtered").inner_text()
    active = page.locator("#metric-region-table tr.table-active")
    assert "52.04" in active.inner_text()
    # Clicking the same region again goes back to the whole province.
    page.wait_for_selector("#metric-map .choroplethlocation")
    page.locator("#metric-map").scroll_into_view_if_needed()
    page.mouse.click(*page.evaluate(CLICK_JS, "52.04"))
    page.wait_for_url(lambda url: "region=" not in url)
    exp = expected(seeded, SPEC[name], *WEEK, None)
    summary.filter(has_text=fmt.value(exp["value"], "count", "id")).wait_for()
    assert page.errors == []


def test_real_indicators_on_the_map_and_unknown_metric(app_url, page):
    base, _ = app_url
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + "/metric/ipm_score?lang=en")
    page.wait_for_selector("#metric-map .choroplethlocation")
    table = page.locator("#metric-region-table").inner_text()
    for name, value in (("Kota Mataram", "81.64"), ("Kabupaten Lombok Utara", "68.64"),
                        ("Kota Bima", "78.91"), ("Kabupaten Lombok Barat", "72.70")):
        assert re.search(rf"{name}\s+\S+\s+{re.escape(value)}", table), (name, table)
    assert "Source: BPS NTB" in page.locator(".metric-page").inner_text()
    history_rows = page.locator("#metric-history-table tbody tr").all_inner_texts()
    assert [r.split("\t")[0] for r in history_rows] == ["1 Jul 2023", "1 Jul 2024"]
    assert history_rows[1].split("\t")[1] == "73.10"
    assert [u for u in requests if not u.startswith(base)] == []  # no tiles, no CDN
    with urllib.request.urlopen(base + "/metric/no_such_metric") as resp:
        assert resp.status == 200
    page.goto(base + "/metric/no_such_metric")
    page.wait_for_selector("#metric-notfound")
    assert "Metrik „no_such_metric” tidak ada di katalog." in page.inner_text("#metric-notfound")
    assert page.errors == []


@pytest.mark.parametrize("size", [(1366, 768), (820, 1180)], ids=["laptop", "tablet"])
def test_screenshots(app_url, browser, artifacts, size):
    base, _ = app_url
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    tag = f"{size[0]}x{size[1]}"
    shots = [("/", "[data-metric=news_articles_count] .kpi-spark .main-svg", "overview"),
             ("/metric/lapor_complaints_received_count?region=52.71",
              "#metric-map .choroplethlocation", "metric-lapor"),
             ("/metric/ipm_score", "#metric-map .choroplethlocation", "metric-ipm")]
    for path, ready, name in shots:
        page.goto(base + path)
        page.wait_for_selector(ready)
        page.wait_for_timeout(600)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than {tag}"
        page.screenshot(path=str(artifacts / f"ov-{name}-{tag}.png"), full_page=True)
    ctx.close()
    assert errors == []


def test_a_card_whose_source_fails_says_so(sqlite_store, config_from, live_app, page,
                                           artifacts):
    """Issue 17 item 5: LAPOR's source is DOWN without delivering: its cards on ``/`` and
    ``/metric`` say "DATA TERTUNDA" since its last success (as the wall's tiles do); the
    other cards, fed by no failing source, do not."""
    from ov_seed import raw_config
    from pantau.data.runs import RunStatus
    from pantau.data.store import RunRecord

    raw = raw_config()
    raw["sources"] = [{"id": "lapor_ntb", "kind": "http_json", "every": "15m", "retries": 1,
                       "options": {"url": "http://127.0.0.1:9/api", "values": [
                           {"metric": "lapor_complaints_received_count",
                            "path": "data[].masuk",
                            "labels": {"region": "data[].kode_wilayah"}}]}}]
    cfg = config_from(raw)
    seed(sqlite_store, cfg)
    ok_at = T - 3 * 3600
    sqlite_store.record_run(RunRecord("lapor_ntb", ok_at - 2, ok_at, RunStatus.UP, 40))
    for k in (1, 2, 3):
        at = ok_at + k * 900
        sqlite_store.record_run(RunRecord("lapor_ntb", at, at + 1, RunStatus.DOWN, 0, 0,
                                          "ConnectError: refused"))
    base = live_app(cfg, sqlite_store, clock=lambda: T)
    since = fmt.when(ok_at, "id", TZ)
    page.goto(base + "/")
    lapor = card(page, "lapor_complaints_received_count")
    lapor.locator(".kpi-delayed").wait_for()
    assert lapor.locator(".kpi-delayed").inner_text() == f"DATA TERTUNDA · sejak {since}"
    assert lapor.get_attribute("data-delayed") == "1"
    assert card(page, "service_up").get_attribute("data-delayed") == "0"
    assert card(page, "service_up").locator(".kpi-delayed").count() == 0
    page.screenshot(path=str(artifacts / "overview-delayed.png"), full_page=True)
    page.goto(base + "/metric/lapor_complaints_received_count?lang=en")
    summary = page.locator("#metric-summary")
    summary.locator(".kpi-delayed").wait_for()
    assert summary.locator(".kpi-delayed").inner_text() == \
        f"DATA DELAYED · since {fmt.when(ok_at, 'en', TZ)}"
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(artifacts / "metric-delayed-phone.png"))
    assert page.errors == []
