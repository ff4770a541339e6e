"""Texts of the SPBE page (``/spbe``), its KPI card on ``/`` and the wall's ``spbe`` tile."""

TEXTS = {
    "nav.spbe": {"id": "SPBE", "en": "SPBE"},
    "spbe.title": {"id": "Evaluasi SPBE", "en": "SPBE evaluation"},
    "spbe.subtitle": {"id": "Indeks dan predikat Sistem Pemerintahan Berbasis Elektronik per "
                            "kabupaten/kota · PermenPAN-RB 59/2020 · 47 indikator",
                      "en": "Index and rating of e-government (SPBE) per regency/city · "
                            "PermenPAN-RB 59/2020 · 47 indicators"},
    "spbe.year": {"id": "Tahun evaluasi", "en": "Evaluation year"},
    "spbe.region": {"id": "Wilayah", "en": "Region"},
    "spbe.none": {"id": "Belum ada nilai SPBE. Muat hasil evaluasi dengan "
                        "pantau import FILE.csv --table spbe.",
                  "en": "No SPBE scores yet. Load evaluation results with "
                        "pantau import FILE.csv --table spbe."},
    "spbe.demo": {"id": "Data demo: tingkat kematangan tiap indikator adalah rekaan. Indeks "
                        "yang bertanda \u201cdiumumkan\u201d sama dengan angka yang diumumkan "
                        "KemenPAN-RB (2022 dan 2023, dikutip dari pemberitaan); tahun lain dan "
                        "Kota Bima rekaan.",
                  "en": "Demo data: every indicator level is made up. Indices marked "
                        "\u201cpublished\u201d equal KemenPAN-RB's published figures (2022 and "
                        "2023, as reported by the press); other years and Kota Bima are made "
                        "up."},
    "spbe.origin.published": {"id": "diumumkan", "en": "published"},
    "spbe.origin.made_up": {"id": "rekaan", "en": "made up"},
    "spbe.origin.import": {"id": "impor", "en": "imported"},
    "spbe.target": {"id": "Target nasional: Baik ({value})",
                    "en": "National target: Baik ({value})"},
    "spbe.headline.own": {"id": "{name} · evaluasi {year}", "en": "{name} · {year} evaluation"},
    "spbe.headline.mean": {"id": "Rata-rata {n} kabupaten/kota · evaluasi {year}",
                           "en": "Mean of {n} regencies/cities · {year} evaluation"},
    "spbe.reached": {"id": "{n} dari {of} kabupaten/kota mencapai Baik ({value})",
                     "en": "{n} of {of} regencies/cities at Baik ({value}) or better"},
    "spbe.lowest": {"id": "Terendah: {name} {value} ({predikat})",
                    "en": "Lowest: {name} {value} ({predikat})"},
    "spbe.change": {"id": "{delta} dari {year}", "en": "{delta} from {year}"},
    "spbe.no_change": {"id": "tetap dari {year}", "en": "unchanged from {year}"},
    "spbe.col.rank": {"id": "#", "en": "#"},
    "spbe.col.region": {"id": "Kabupaten/kota", "en": "Regency/city"},
    "spbe.col.index": {"id": "Indeks", "en": "Index"},
    "spbe.col.predikat": {"id": "Predikat", "en": "Rating"},
    "spbe.col.change": {"id": "Perubahan", "en": "Change"},
    "spbe.col.gap_target": {"id": "Kurang ke Baik", "en": "Short of Baik"},
    "spbe.col.gap_next": {"id": "Ke predikat berikut", "en": "To next rating"},
    "spbe.col.origin": {"id": "Sumber", "en": "Source"},
    "spbe.reached_mark": {"id": "tercapai", "en": "reached"},
    "spbe.gap_next": {"id": "{value} ke {predikat}", "en": "{value} to {predikat}"},
    "spbe.top": {"id": "tertinggi", "en": "top rating"},
    "spbe.incomplete": {"id": "belum lengkap ({n} dari 47 indikator)",
                        "en": "incomplete ({n} of 47 indicators)"},
    "spbe.detail": {"id": "Rincian {name} · {year}", "en": "Detail {name} · {year}"},
    "spbe.domains": {"id": "Indeks domain dan aspek", "en": "Domain and aspect index"},
    "spbe.domain": {"id": "Domain", "en": "Domain"},
    "spbe.aspect": {"id": "Aspek", "en": "Aspect"},
    "spbe.weakest": {"id": "Indikator terlemah", "en": "Weakest indicators"},
    "spbe.weakest.note": {"id": "Tingkat terendah dulu, lalu bobot terbesar: naik satu tingkat "
                                "menambah indeks sebesar bobotnya.",
                          "en": "Lowest level first, then the heaviest: one level more adds "
                                "its weight to the index."},
    "spbe.level": {"id": "Tingkat {n}", "en": "Level {n}"},
    "spbe.gain": {"id": "+{value} indeks per tingkat", "en": "+{value} index per level"},
    "spbe.trend": {"id": "Tren indeks per tahun evaluasi", "en": "Index per evaluation year"},
    "spbe.map": {"id": "Peta indeks {year}", "en": "Index map {year}"},
    "spbe.table": {"id": "Peringkat {year}", "en": "Ranking {year}"},
    "spbe.source_note": {"id": "Struktur dan bobot: PermenPAN-RB 59/2020 (sumber dan bagian yang "
                               "belum terverifikasi: data/reference/spbe-indicators.md). Indeks "
                               "resmi: Keputusan Menteri PANRB tiap tahun.",
                         "en": "Structure and weights: PermenPAN-RB 59/2020 (sources and what "
                               "is not verified: data/reference/spbe-indicators.md). Official "
                               "index: each year's Keputusan Menteri PANRB."},
    "spbe.province": {"id": "Provinsi {name}", "en": "Provinsi {name}"},
    "spbe.card.origin": {"id": "Sumber nilai: {origin}", "en": "Source of the levels: {origin}"},
    "api.report.spbe": {"id": "Indeks SPBE per kabupaten/kota",
                        "en": "SPBE index per regency/city"},
    "spbe.card.title": {"id": "Indeks SPBE", "en": "SPBE index"},
    "spbe.card.open": {"id": "Buka evaluasi SPBE", "en": "Open the SPBE evaluation"},
    "spbe.tile.title": {"id": "Indeks SPBE", "en": "SPBE index"},
    "spbe.tile.sub": {"id": "Per kabupaten/kota · target Baik {value}",
                      "en": "Per regency/city · target Baik {value}"},
    "spbe.tile.year": {"id": "Evaluasi {year}", "en": "{year} evaluation"},
    "spbe.predikat.Memuaskan": {"id": "Memuaskan", "en": "Memuaskan (excellent)"},
    "spbe.predikat.Sangat Baik": {"id": "Sangat Baik", "en": "Sangat Baik (very good)"},
    "spbe.predikat.Baik": {"id": "Baik", "en": "Baik (good)"},
    "spbe.predikat.Cukup": {"id": "Cukup", "en": "Cukup (fair)"},
    "spbe.predikat.Kurang": {"id": "Kurang", "en": "Kurang (poor)"},
}
