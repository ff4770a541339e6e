"""Texts of files the API renders (PDF reports)."""

TEXTS = {
    "api.report.period": {"id": "Periode", "en": "Period"},
    "api.report.filters": {"id": "Filter", "en": "Filters"},
    "api.report.no_filters": {"id": "tanpa filter (semua seri)", "en": "none (all series)"},
    "api.report.step": {"id": "Langkah", "en": "Step"},
    "api.report.agg": {"id": "Agregasi", "en": "Aggregation"},
    "api.report.created": {"id": "Dibuat", "en": "Created"},
    "api.report.compare": {"id": "Pembanding", "en": "Compared with"},
    "api.report.screen": {"id": "Layar", "en": "Screen"},
    "api.report.periods": {"id": "Periode per panel tertulis di judulnya",
                           "en": "Each panel's period is in its title"},
    "api.report.last": {"id": "{period} terakhir", "en": "last {period}"},
    "api.report.latest": {"id": "nilai terakhir", "en": "latest value"},
    "api.report.headlines": {"id": "Berita terbaru", "en": "Latest news"},
    "api.report.topics": {"id": "Topik berita", "en": "News topics"},
    "api.report.when": {"id": "Waktu", "en": "Time"},
    "api.report.outlet": {"id": "Media", "en": "Outlet"},
    "api.report.title": {"id": "Judul", "en": "Title"},
    "api.report.demo": {"id": "DATA DEMO", "en": "DEMO DATA"},
    # what a downloaded file is, in its name (ASCII, no spaces)
    "api.file.chart": {"id": "grafik", "en": "chart"},
    "api.file.report": {"id": "laporan", "en": "report"},
    "api.file.data": {"id": "data", "en": "data"},
    "api.file.latest": {"id": "terkini", "en": "latest"},
    "api.file.articles": {"id": "berita", "en": "articles"},
    "api.file.sources": {"id": "sumber", "en": "sources"},
}
