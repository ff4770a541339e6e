/* Plotly's words in Bahasa Indonesia (chart toolbar, hover modes, month and day names), served
   by Pantau itself: the plotly package ships no locale files and pages never reach a CDN.
   plotly.js loads after the assets and registers whatever waits in window.PlotlyLocales; the
   graphs ask for it with config.locale = "id" (dashboard.figures.style.graph_config). */
(function () {
  var id = {
    moduleType: "locale",
    name: "id",
    dictionary: {
      "Autoscale": "Skala otomatis",
      "Box Select": "Pilih kotak",
      "Compare data on hover": "Bandingkan data saat kursor di atasnya",
      "Double-click to zoom back out": "Klik dua kali untuk memperkecil kembali",
      "Download plot": "Unduh grafik",
      "Download plot as a png": "Unduh grafik sebagai PNG",
      "Download plot as a PNG": "Unduh grafik sebagai PNG",
      "Double-click on legend to isolate one trace": "Klik dua kali pada legenda untuk menampilkan satu seri saja",
      "Draw circle": "Gambar lingkaran",
      "Draw closed freeform": "Gambar bentuk bebas tertutup",
      "Draw line": "Gambar garis",
      "Draw open freeform": "Gambar bentuk bebas terbuka",
      "Draw rectangle": "Gambar persegi",
      "Erase active shape": "Hapus bentuk aktif",
      "Lasso Select": "Pilih laso",
      "Orbital rotation": "Rotasi orbit",
      "Pan": "Geser",
      "Produced with Plotly.js": "Dibuat dengan Plotly.js",
      "Reset": "Atur ulang",
      "Reset axes": "Atur ulang sumbu",
      "Reset camera to default": "Kamera ke bawaan",
      "Reset camera to last save": "Kamera ke simpanan terakhir",
      "Reset view": "Atur ulang tampilan",
      "Reset views": "Atur ulang tampilan",
      "Show closest data on hover": "Tampilkan data terdekat saat kursor di atasnya",
      "Snapshot succeeded": "Gambar berhasil dibuat",
      "Sorry, there was a problem downloading your snapshot!": "Maaf, gambar gagal diunduh!",
      "Taking snapshot - this may take a few seconds": "Membuat gambar, mungkin perlu beberapa detik",
      "Toggle Spike Lines": "Garis bantu hidup/mati",
      "Toggle show closest data on hover": "Data terdekat saat kursor hidup/mati",
      "Turntable rotation": "Rotasi meja putar",
      "Zoom": "Perbesar area",
      "Zoom in": "Perbesar",
      "Zoom out": "Perkecil",
      "close:": "tutup:", "high:": "tertinggi:", "low:": "terendah:", "open:": "buka:",
      "max:": "maks:", "min:": "min:", "mean:": "rata-rata:", "median:": "median:",
      "lat:": "lintang:", "lon:": "bujur:", "source:": "sumber:", "target:": "target:",
      "trace": "seri", "new text": "teks baru"
    },
    format: {
      days: ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
      shortDays: ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
      months: ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
               "September", "Oktober", "November", "Desember"],
      shortMonths: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt",
                    "Nov", "Des"],
      date: "%d/%m/%Y",
      decimal: ",",
      thousands: "."
    }
  };
  if (window.Plotly && window.Plotly.register) {
    window.Plotly.register(id);
  } else {
    (window.PlotlyLocales = window.PlotlyLocales || []).push(id);
  }
})();
