"""Texts shared by every page: navigation, states, statuses."""

TEXTS = {
    "nav.overview": {"id": "Ringkasan", "en": "Overview"},
    "nav.wall": {"id": "Layar dinding", "en": "Wall"},
    "nav.explore": {"id": "Eksplorasi", "en": "Explore"},
    "nav.media": {"id": "Media", "en": "Media"},
    "nav.sources": {"id": "Sumber data", "en": "Sources"},
    "common.demo": {"id": "DEMO — data contoh", "en": "DEMO — sample data"},
    "common.no_data": {"id": "Belum ada data", "en": "No data yet"},
    "common.not_found": {"id": "Halaman tidak ditemukan", "en": "Page not found"},
    "common.unknown_metric": {"id": "Metrik tidak dikenal: {name}", "en": "Unknown metric: {name}"},
    "status.UP": {"id": "Normal", "en": "Up"},
    "status.PENDING": {"id": "Tertunda", "en": "Pending"},
    "status.DOWN": {"id": "Mati", "en": "Down"},
    "status.NEW": {"id": "Belum jalan", "en": "Not run yet"},
    "status.DISABLED": {"id": "Nonaktif", "en": "Disabled"},
    "sentiment.positive": {"id": "positif", "en": "positive"},
    "sentiment.neutral": {"id": "netral", "en": "neutral"},
    "sentiment.negative": {"id": "negatif", "en": "negative"},
}
