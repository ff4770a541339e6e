"""Issue 22: ``pantau demo --site sukoharjo`` from outside, in Chromium: a kabupaten site whose
clock says WIB, whose wall map shows its 12 kecamatan by name, and whose / and /metric drill
down to a kecamatan (and, once desa/kelurahan data is imported, to its desa). Screenshots at
1920x1080 and 390x844 go to the test's artifacts."""

from __future__ import annotations

import subprocess
import time

import pytest
from test_demo_e2e import PANTAU, ROOT, Demo, runs

pytestmark = [pytest.mark.slow, pytest.mark.browser]

KECAMATAN = ["Weru", "Bulu", "Tawangsari", "Sukoharjo", "Nguter", "Bendosari", "Polokarto",
             "Mojolaban", "Grogol", "Baki", "Gatak", "Kartasura"]
METRIC = "lapor_complaints_received_count"
KARTASURA_DESA = {"33.11.12.1002": ("Kartasura", 4), "33.11.12.2001": ("Pucangan", 7),
                  "33.11.12.2006": ("Makamhaji", 5), "33.11.12.2007": ("Pabelan", 2)}


@pytest.fixture(scope="module")
def sukoharjo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pantau-demo") / "var"
    demo = Demo(folder, "--site", "sukoharjo")
    demo.wait_healthy()
    yield demo
    if demo.proc.poll() is None:
        demo.stop()


def test_the_files_and_the_banner(sukoharjo):
    out = sukoharjo.output()
    assert "Command Center Kabupaten Sukoharjo (DEMO data: numbers made up, places real)" in out
    assert (sukoharjo.folder / "sukoharjo" / "demo.db").exists()
    assert not (sukoharjo.folder / "demo.db").exists()  # NTB's demo store stays apart


def test_wall_clock_says_wib_and_the_map_names_12_kecamatan(sukoharjo, browser, artifacts):
    for w, h in ((1920, 1080), (390, 844)):
        ctx = browser.new_context(viewport={"width": w, "height": h})
        pg = ctx.new_page()
        errors = []
        pg.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        pg.goto(sukoharjo.base + "/wall")
        pg.wait_for_selector("#wall-clock", timeout=60_000)
        assert pg.locator("#wall-clock").inner_text().strip().endswith("WIB")
        pg.wait_for_function("document.querySelectorAll('.wall-tile--map .annotation-text')"
                             ".length >= 12", timeout=60_000)
        shown = set(pg.eval_on_selector_all(  # the first line of each label: the name
            ".wall-tile--map .annotation-text",
            "els => els.map(e => (e.querySelector('tspan.line') || e).textContent.trim())"))
        assert set(KECAMATAN) <= shown, shown
        boxes = pg.eval_on_selector_all(  # each label's background box, as drawn
            ".wall-tile--map g.annotation rect.bg", "els => els.map(e => {"
            "const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]})")
        covered = [(i, j) for i, a in enumerate(boxes) for j, b in enumerate(boxes[:i])
                   if min(a[2], b[2]) - max(a[0], b[0]) > 1
                   and min(a[3], b[3]) - max(a[1], b[1]) > 1]
        assert len(boxes) >= 12 and not covered, (w, covered)  # no name hides another
        assert "per kecamatan" in pg.locator(".wall-tile--map .wall-tile-sub").inner_text()
        pg.screenshot(path=str(artifacts / f"sukoharjo-wall-{w}.png"))
        assert not errors, errors
        ctx.close()


def test_drill_down_to_a_kecamatan_on_overview_and_metric(sukoharjo, page, artifacts):
    page.goto(sukoharjo.base + "/")
    select = page.locator("#ov-region")
    select.wait_for(timeout=60_000)
    labels = select.locator("option").all_inner_texts()
    assert labels[-12:] == KECAMATAN and "Seluruh kabupaten" in labels
    select.select_option("33.11.12")  # Kartasura
    page.wait_for_function("location.search.includes('region=33.11.12')", timeout=30_000)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.wait_for_timeout(2000)
    page.screenshot(path=str(artifacts / "sukoharjo-overview-1920.png"), full_page=True)

    page.goto(sukoharjo.base + f"/metric/{METRIC}?region=33.11.09")  # Grogol
    page.wait_for_selector("#metric-region-table", timeout=60_000)
    assert "Per kecamatan" in page.locator("#metric-map-panel").inner_text()
    active = page.locator("#metric-region-table tr.table-active").inner_text()
    assert active.startswith("Grogol") and "33.11.09" in active
    assert "Difilter: Grogol" in page.locator("#metric-map-panel").inner_text()
    rows = page.locator("#metric-region-table tbody tr").all_inner_texts()
    assert [r.split("\t")[0].strip() for r in rows] == KECAMATAN
    page.screenshot(path=str(artifacts / "sukoharjo-metric-1920.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(1000)
    page.screenshot(path=str(artifacts / "sukoharjo-metric-390.png"), full_page=True)
    assert not page.errors, page.errors


def test_every_source_runs_and_nothing_is_refused(sukoharjo):
    import time

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        seen = runs(sukoharjo.folder / "sukoharjo")
        if len(seen) >= 8:
            break
        time.sleep(2)
    assert len(seen) == 8 and all("down" not in s for s in seen.values()), seen
    sources = {s["id"]: s for s in sukoharjo.get("/api/v1/sources")["sources"]}
    assert sources["lapor_sukoharjo"]["rejected"] == 0
    assert sources["lapor_sukoharjo"]["samples"] == 36  # 12 kecamatan x 3 metrics


def test_desa_data_drills_below_a_kecamatan(sukoharjo, page, artifacts):
    """Complaints per desa of Kartasura loaded with ``pantau import`` into the running demo
    (the demo's own figures are per kecamatan): /metric filtered to Kartasura lists those desa
    by name with their values (bars and a table: no desa boundaries ship), the kecamatan map
    and table stay per kecamatan; a desa of another kabupaten is refused by the import."""
    folder = sukoharjo.folder / "sukoharjo"
    at = int(time.time()) - 3600
    rows = "".join(f"{METRIC},{at},{v},{c}\n" for c, (_n, v) in KARTASURA_DESA.items())
    csv = folder / "desa.csv"
    csv.write_text("metric,ts,value,region\n" + rows + f"{METRIC},{at},9,33.12.01.2001\n")
    res = subprocess.run([str(PANTAU), "import", str(csv), "-c",
                          str(folder / "demo-config.yaml")],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    out = res.stdout + res.stderr
    assert "5 rows, 4 written" in out and "outside the site's area 33.11" in out, out

    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(sukoharjo.base + f"/metric/{METRIC}?region=33.11.12")
    page.wait_for_selector("#metric-below-table", timeout=60_000)
    panel = page.locator("#metric-below-panel").inner_text()
    assert "Per desa/kelurahan di Kecamatan Kartasura" in panel
    assert "4 dari 12 wilayah mempunyai data" in panel
    rows = [r.split("\t") for r in page.locator("#metric-below-table tbody tr").all_inner_texts()]
    assert [[c.strip() for c in r] for r in rows] == [
        [n, c, str(v)] for c, (n, v) in KARTASURA_DESA.items()]
    kecamatan = page.locator("#metric-region-table tbody tr").all_inner_texts()
    assert [r.split("\t")[0].strip() for r in kecamatan] == KECAMATAN
    page.locator("#metric-below-panel").scroll_into_view_if_needed()
    page.wait_for_timeout(1000)
    page.screenshot(path=str(artifacts / "sukoharjo-desa-1920.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(1000)
    page.locator("#metric-below-panel").screenshot(
        path=str(artifacts / "sukoharjo-desa-390.png"))

    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(sukoharjo.base + "/?region=33.11.12")  # / filtered to Kartasura: its desa too
    page.wait_for_selector("#ov-below-table", timeout=60_000)
    assert "Per desa/kelurahan di Kecamatan Kartasura" in page.locator("#ov-below").inner_text()
    rows = page.eval_on_selector_all("#ov-below-table tbody tr", "rows => rows.map(r => "
                                     "[...r.cells].map(c => c.textContent.trim()))")
    assert rows == [[n, str(v)] for n, v in KARTASURA_DESA.values()]
    page.locator("#ov-below").screenshot(path=str(artifacts / "sukoharjo-overview-desa.png"))
    page.locator("#ov-below-table a").first.click()
    page.wait_for_selector("#metric-below-table", timeout=60_000)
    assert "region=33.11.12" in page.url
    assert not page.errors, page.errors
