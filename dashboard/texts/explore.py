"""Texts of the analyst explorer (/explore)."""

TEXTS = {
    "explore.title": {"id": "Eksplorasi data", "en": "Data explorer"},
    "explore.metric": {"id": "Metrik", "en": "Metric"},
    "explore.agg": {"id": "Agregasi", "en": "Aggregation"},
    "explore.agg_auto": {"id": "Bawaan metrik ({agg})", "en": "Metric default ({agg})"},
    "explore.agg.sum": {"id": "jumlah", "en": "sum"},
    "explore.agg.avg": {"id": "rata-rata", "en": "average"},
    "explore.agg.last": {"id": "nilai terakhir", "en": "last value"},
    "explore.agg.min": {"id": "minimum", "en": "minimum"},
    "explore.agg.max": {"id": "maksimum", "en": "maximum"},
    "explore.step": {"id": "Langkah waktu", "en": "Step"},
    "explore.step_auto": {"id": "Otomatis", "en": "Automatic"},
    "explore.range": {"id": "Rentang waktu", "en": "Time range"},
    "explore.range.custom": {"id": "Tanggal pilihan", "en": "Chosen dates"},
    "explore.range.now-1h": {"id": "1 jam terakhir", "en": "Last hour"},
    "explore.range.now-6h": {"id": "6 jam terakhir", "en": "Last 6 hours"},
    "explore.range.now-24h": {"id": "24 jam terakhir", "en": "Last 24 hours"},
    "explore.range.now-7d": {"id": "7 hari terakhir", "en": "Last 7 days"},
    "explore.range.now-30d": {"id": "30 hari terakhir", "en": "Last 30 days"},
    "explore.range.now-90d": {"id": "90 hari terakhir", "en": "Last 90 days"},
    "explore.range.now-365d": {"id": "1 tahun terakhir", "en": "Last year"},
    "explore.range.now-730d": {"id": "2 tahun terakhir", "en": "Last 2 years"},
    "explore.dates": {"id": "Kalender", "en": "Calendar"},
    "explore.date_from": {"id": "Dari", "en": "From"},
    "explore.date_to": {"id": "Sampai", "en": "To"},
    "explore.filters": {"id": "Filter label", "en": "Label filters"},
    "explore.filters_placeholder": {"id": "Semua seri", "en": "All series"},
    "explore.shift": {"id": "Bandingkan periode", "en": "Compare period"},
    "explore.shift.none": {"id": "Tanpa pembanding", "en": "No comparison"},
    "explore.shift.period": {"id": "Periode sebelumnya", "en": "Previous period"},
    "explore.shift.1d": {"id": "1 hari sebelumnya", "en": "1 day earlier"},
    "explore.shift.7d": {"id": "1 minggu sebelumnya", "en": "1 week earlier"},
    "explore.shift.30d": {"id": "30 hari sebelumnya", "en": "30 days earlier"},
    "explore.shift.365d": {"id": "1 tahun sebelumnya", "en": "1 year earlier"},
    "explore.metric2": {"id": "Bandingkan metrik", "en": "Compare metric"},
    "explore.metric2_placeholder": {"id": "Tanpa metrik pembanding", "en": "No second metric"},
    "explore.chart": {"id": "Jenis grafik", "en": "Chart type"},
    "explore.chart.line": {"id": "Garis", "en": "Line"},
    "explore.chart.area": {"id": "Area", "en": "Area"},
    "explore.chart.bar": {"id": "Batang", "en": "Bar"},
    "explore.export_chart": {"id": "Unduh grafik", "en": "Download chart"},
    "explore.export_table": {"id": "Unduh tabel", "en": "Download table"},
    "explore.report": {"id": "Laporan PDF", "en": "PDF report"},
    "explore.api": {"id": "API (JSON)", "en": "API (JSON)"},
    "explore.table": {"id": "Tabel angka pada grafik", "en": "Numbers on the chart"},
    "explore.time": {"id": "Waktu ({zone})", "en": "Time ({zone})"},
    "explore.all_series": {"id": "semua", "en": "all"},
    "explore.shifted": {"id": "({shift} sebelumnya)", "en": "({shift} earlier)"},
    "explore.summary": {
        "id": "{start} – {end} · langkah {step} · {agg} · {n} seri · {points} titik",
        "en": "{start} – {end} · step {step} · {agg} · {n} series · {points} points"},
    "explore.downsampled": {
        "id": "Garis disederhanakan (LTTB) menjadi {shown} dari {total} titik agar tidak "
              "melebihi lebar grafik; tabel menampilkan titik yang digambar, ekspor CSV/XLSX "
              "memuat semuanya.",
        "en": "Lines reduced (LTTB) to {shown} of {total} points to fit the chart's width; "
              "the table shows the points drawn, CSV/XLSX exports hold all of them."},
    "explore.coarsened": {
        "id": "Langkah {asked} memberi {total} titik per seri, lebih dari lebar grafik; "
              "ditampilkan per {step} ({shown} titik), dihitung di basis data. Ekspor CSV/XLSX "
              "memuat langkah {asked}.",
        "en": "Step {asked} gives {total} points per series, more than the chart is wide; "
              "shown per {step} ({shown} points), computed in the database. CSV/XLSX exports "
              "hold step {asked}."},
    "explore.fitted": {
        "id": "Langkah {asked} memberi {total} titik per seri, melebihi batas; ditampilkan "
              "per {step}, langkah terhalus yang muat.",
        "en": "Step {asked} gives {total} points per series, past the limit; shown per "
              "{step}, the finest step that fits."},
    "explore.fitted_bars": {
        "id": "Batang per {asked} terlalu rapat untuk dibaca ({total} batang per seri); "
              "ditampilkan per {step}. Ekspor CSV/XLSX memuat langkah {asked}.",
        "en": "Bars per {asked} are too thin to read ({total} bars per series); shown per "
              "{step}. CSV/XLSX exports hold step {asked}."},
    "explore.error.metric": {"id": "metrik tidak dikenal atau belum dipilih.",
                             "en": "unknown metric."},
    "explore.error.metric2": {"id": "metrik pembanding tidak dikenal.",
                              "en": "unknown second metric."},
    "explore.error.from": {"id": "awal rentang waktu tidak dapat dibaca atau di luar masa "
                                 "simpan data.", "en": "the start of the range is invalid."},
    "explore.error.to": {"id": "akhir rentang waktu harus sesudah awalnya dan dalam masa "
                               "simpan data.", "en": "the end of the range is invalid."},
    "explore.error.step": {"id": "langkah waktu tidak dapat dipakai (contoh: 5m, 1h, 1d).",
                           "en": "the step cannot be used."},
    "explore.error.agg": {"id": "agregasi tidak dikenal.", "en": "unknown aggregation."},
    "explore.error.shift": {"id": "pembanding periode tidak dapat dipakai (tidak bersama "
                                  "metrik pembanding, tidak melebihi masa simpan data).",
                            "en": "the period comparison cannot be used."},
    "explore.error.chart": {"id": "jenis grafik tidak dikenal.", "en": "unknown chart type."},
    "explore.error.label": {"id": "filter “{name}” bukan label metrik ini atau nilainya tidak "
                                  "dikenal.", "en": "unknown label filter {name}."},
    "explore.error": {"id": "Tidak dapat menampilkan data: {message}",
                      "en": "Cannot show the data: {message}"},
    "explore.label_option": {"id": "{name} = {value}", "en": "{name} = {value}"},
    "explore.link_hint": {"id": "Alamat halaman ini menyimpan seluruh pilihan: bagikan untuk "
                                "menampilkan tampilan yang sama.",
                          "en": "This page's address holds every choice: share it to show "
                                "the same view."},
    "explore.dropdown.select_all": {"id": "Pilih semua", "en": "Select all"},
    "explore.dropdown.deselect_all": {"id": "Batalkan semua", "en": "Deselect all"},
    "explore.dropdown.selected_count": {"id": "{num_selected} dipilih",
                                        "en": "{num_selected} selected"},
    "explore.dropdown.search": {"id": "Cari", "en": "Search"},
    "explore.dropdown.clear_search": {"id": "Hapus pencarian", "en": "Clear search"},
    "explore.dropdown.clear_selection": {"id": "Hapus pilihan", "en": "Clear selection"},
    "explore.dropdown.no_options_found": {"id": "Tidak ada pilihan", "en": "No options found"},
    "explore.grid.page": {"id": "Halaman", "en": "Page"},
    "explore.grid.of": {"id": "dari", "en": "of"},
    "explore.grid.to": {"id": "sampai", "en": "to"},
    "explore.grid.pageSizeSelectorLabel": {"id": "Baris per halaman:", "en": "Page size:"},
    "explore.grid.firstPage": {"id": "Halaman pertama", "en": "First page"},
    "explore.grid.previousPage": {"id": "Halaman sebelumnya", "en": "Previous page"},
    "explore.grid.nextPage": {"id": "Halaman berikutnya", "en": "Next page"},
    "explore.grid.lastPage": {"id": "Halaman terakhir", "en": "Last page"},
    "explore.grid.noRowsToShow": {"id": "Tidak ada baris", "en": "No rows to show"},
    "explore.grid.loadingOoo": {"id": "Memuat…", "en": "Loading…"},
    "explore.grid.filterOoo": {"id": "Saring…", "en": "Filter…"},
    "explore.grid.equals": {"id": "Sama dengan", "en": "Equals"},
    "explore.grid.notEqual": {"id": "Tidak sama dengan", "en": "Does not equal"},
    "explore.grid.lessThan": {"id": "Kurang dari", "en": "Less than"},
    "explore.grid.greaterThan": {"id": "Lebih dari", "en": "Greater than"},
    "explore.grid.contains": {"id": "Memuat", "en": "Contains"},
    "explore.grid.blank": {"id": "Kosong", "en": "Blank"},
    "explore.grid.notBlank": {"id": "Tidak kosong", "en": "Not blank"},
    "explore.grid.andCondition": {"id": "DAN", "en": "AND"},
    "explore.grid.orCondition": {"id": "ATAU", "en": "OR"},
}
