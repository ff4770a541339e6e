"""Texts shared by every page: navigation, states, statuses."""

TEXTS = {
    "nav.overview": {"id": "Ringkasan", "en": "Overview"},
    "nav.wall": {"id": "Layar dinding", "en": "Wall"},
    "nav.explore": {"id": "Eksplorasi", "en": "Explore"},
    "nav.media": {"id": "Media", "en": "Media"},
    "nav.sources": {"id": "Sumber data", "en": "Sources"},
    "common.demo": {"id": "DEMO — data contoh", "en": "DEMO — sample data"},
    "common.no_data": {"id": "Belum ada data", "en": "No data yet"},
    "common.no_boundaries": {
        "id": "Batas wilayah tingkat ini belum tersedia (muat dengan pantau regions import)",
        "en": "No boundaries for this level yet (load them with pantau regions import)"},
    "common.total.provinsi": {"id": "total provinsi", "en": "the province total"},
    "common.total.kabupaten": {"id": "total kabupaten", "en": "the regency total"},
    "common.total.kota": {"id": "total kota", "en": "the city total"},
    "common.not_found": {"id": "Halaman tidak ditemukan", "en": "Page not found"},
    "common.store_down.title": {"id": "Data sedang tidak dapat dibaca",
                                "en": "The data cannot be read right now"},
    "common.store_down.body": {
        "id": "Basis data tidak menjawab. Halaman ini mencoba lagi sendiri; tidak ada data "
              "yang hilang.",
        "en": "The database is not answering. This page tries again by itself; no data is "
              "lost."},
    "common.unknown_metric": {"id": "Metrik tidak dikenal: {name}", "en": "Unknown metric: {name}"},
    # a KPI against its thresholds: one vocabulary for the wall, / and /metric
    "kpi.status.ok": {"id": "Baik", "en": "On track"},
    "kpi.status.warn": {"id": "Waspada", "en": "Warning"},
    "kpi.status.crit": {"id": "Kritis", "en": "Critical"},
    "kpi.status.none": {"id": "Tanpa ambang batas", "en": "No thresholds"},
    "kpi.status.nodata": {"id": "Belum ada data", "en": "No data yet"},
    "kpi.target": {"id": "Target {value}", "en": "Target {value}"},
    # a source's health (/sources, the wall's banner)
    "status.UP": {"id": "Normal", "en": "Up"},
    "status.PENDING": {"id": "Tertunda", "en": "Pending"},
    "status.DOWN": {"id": "Mati", "en": "Down"},
    "status.NEW": {"id": "Belum jalan", "en": "Not run yet"},
    "status.DISABLED": {"id": "Nonaktif", "en": "Disabled"},
    "status.STALE": {"id": "Basi", "en": "Stale"},
    "sentiment.positive": {"id": "positif", "en": "positive"},
    "sentiment.neutral": {"id": "netral", "en": "neutral"},
    "sentiment.negative": {"id": "negatif", "en": "negative"},
}
