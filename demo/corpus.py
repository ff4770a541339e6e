"""The fictional NTB news of the demo, written for Pantau: headline and lead templates per
subject. Slots: ``{kab}`` a kabupaten/kota, ``{place}`` a destination, ``{opd}`` an office,
``{n}``/``{n2}`` small numbers, ``{small}`` 1-3, ``{big}`` hundreds to thousands, ``{pct}`` a
percentage, ``{hipct}`` a high one.

No real outlet, person or event is described: places are real, everything else is made up.
"""

from __future__ import annotations

PLACES = ("Senggigi", "Gili Trawangan", "Mandalika", "Sembalun", "Pantai Pink", "Pulau Moyo",
          "Gili Air", "Kuta Lombok", "Tetebatu", "Pantai Lakey", "Pulau Kenawa", "Desa Sade",
          "Taman Narmada", "Pantai Selong Belanak", "Air Terjun Sendang Gile")

OFFICES = ("Diskominfotik NTB", "Dinas Kesehatan NTB", "Dinas Pariwisata NTB", "Bappeda NTB",
           "Dinas Sosial NTB", "BPBD NTB", "Dinas PUPR NTB", "Dinas Perdagangan NTB",
           "Dinas Pendidikan dan Kebudayaan NTB", "RSUD Provinsi NTB")

TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    "spbe": (
        ("Pemprov NTB Raih Predikat Baik dalam Evaluasi SPBE",
         "Indeks sistem pemerintahan berbasis elektronik Provinsi NTB naik berkat integrasi "
         "layanan digital antarperangkat daerah."),
        ("{kab} Luncurkan Aplikasi Layanan Digital Satu Pintu",
         "Warga {kab} kini dapat mengurus {n} jenis perizinan secara daring tanpa datang ke "
         "kantor."),
        ("Diskominfotik NTB Gelar Bimtek SPBE untuk {n} Kabupaten/Kota",
         "Bimbingan teknis membahas arsitektur SPBE, manajemen data dan keamanan informasi."),
        ("Portal Satu Data NTB Kini Memuat {big} Dataset",
         "Satu Data NTB mencatat penambahan dataset dari {n} perangkat daerah sepanjang "
         "bulan ini."),
        ("Gangguan Jaringan, Layanan Digital {kab} Sempat Terhenti",
         "Layanan digital di {kab} terganggu selama beberapa jam akibat kerusakan perangkat "
         "jaringan di pusat data."),
        ("Integrasi Data Kependudukan Percepat Pelayanan Publik di {kab}",
         "Pemanfaatan data kependudukan terintegrasi memangkas waktu layanan administrasi "
         "hingga {pct} persen."),
        ("Pemprov NTB Perkuat Keamanan Siber Layanan E-Government",
         "Tim tanggap insiden siber dibentuk untuk melindungi layanan e-government dari "
         "serangan."),
        ("Evaluasi SPBE: {kab} Diminta Benahi Tata Kelola Data",
         "Nilai domain tata kelola masih rendah; pemerintah daerah diminta menyusun peta "
         "rencana SPBE."),
        ("Command Center NTB Pantau {n} Layanan Publik Secara Waktu Nyata",
         "Ruang kendali menampilkan ketersediaan layanan digital, aduan warga dan pemberitaan "
         "media."),
        ("Situs Resmi Pemda {kab} Diretas, Tim Siber Lakukan Pemulihan",
         "Halaman depan situs sempat diubah pihak tak dikenal sebelum dipulihkan dalam "
         "{n} jam."),
    ),
    "pariwisata": (
        ("Kunjungan Wisatawan ke {place} Naik {pct} Persen",
         "Libur panjang mendorong lonjakan wisatawan domestik dan mancanegara ke {place}."),
        ("Okupansi Hotel di Mandalika Capai {hipct} Persen Jelang Ajang Balap",
         "Pelaku usaha pariwisata menyambut ribuan penonton yang datang ke sirkuit Mandalika."),
        ("Jalur Pendakian Rinjani Dibuka Kembali dengan Kuota {big} Pendaki",
         "Balai taman nasional membuka jalur pendakian Sembalun dan Senaru dengan sistem "
         "pemesanan daring."),
        ("Festival Budaya di {kab} Dipadati Ribuan Pengunjung",
         "Pertunjukan tari, musik tradisional dan kuliner lokal menarik wisatawan selama {n} hari."),
        ("Sampah Plastik Menumpuk di {place}, Pengunjung Mengeluh",
         "Petugas kebersihan kewalahan menangani sampah setelah akhir pekan yang ramai."),
        ("Desa Wisata di {kab} Raih Penghargaan Nasional",
         "Pengelolaan berbasis masyarakat membuat desa wisata ini unggul dalam penilaian "
         "tahun ini."),
        ("Kapal Cepat ke Gili Ditambah untuk Layani Wisatawan",
         "Operator menambah {n} jadwal penyeberangan dari Bangsal dan Padang Bai."),
        ("Pelaku Wisata {place} Keluhkan Akses Jalan Rusak",
         "Jalan menuju kawasan wisata berlubang dan membahayakan pengendara pada malam hari."),
        ("Promosi Wisata Halal NTB Sasar Pasar Timur Tengah",
         "Dinas Pariwisata NTB mengikuti pameran di {n} negara untuk menarik wisatawan."),
        ("Wisatawan Mancanegara ke Lombok Tembus {big} Orang Bulan Ini",
         "Penerbangan langsung dari Kuala Lumpur dan Perth mendorong pertumbuhan kunjungan."),
    ),
    "layanan_publik": (
        ("Aduan Warga lewat LAPOR! di {kab} Meningkat",
         "Sebanyak {big} aduan masuk dalam sebulan, sebagian besar soal jalan rusak dan "
         "layanan air bersih."),
        ("Ombudsman NTB Soroti Lambatnya Tindak Lanjut Aduan",
         "Rata-rata tindak lanjut aduan pelayanan publik masih melebihi {n} hari kerja."),
        ("Mal Pelayanan Publik {kab} Layani {big} Warga per Bulan",
         "Warga memuji antrean yang lebih tertib dan layanan yang lebih cepat."),
        ("{kab} Terima Penghargaan Kepatuhan Standar Pelayanan Publik",
         "Penilaian Ombudsman menempatkan pemerintah daerah di zona hijau tahun ini."),
        ("Warga Keluhkan Pungutan Liar dalam Pengurusan Dokumen",
         "Laporan masuk melalui kanal aduan; inspektorat turun tangan memeriksa petugas."),
        ("Aduan soal Air Bersih Mendominasi LAPOR! di {kab}",
         "Perusahaan daerah air minum berjanji memperbaiki pipa yang bocor dalam {n} hari."),
        ("Pemprov NTB Targetkan {hipct} Persen Aduan Selesai Tepat Waktu",
         "Setiap perangkat daerah diminta menunjuk admin yang memantau aduan setiap hari."),
        ("Pelayanan Adminduk Keliling Sasar Desa Terpencil di {kab}",
         "Petugas dukcapil melayani perekaman KTP elektronik dan akta kelahiran warga."),
    ),
    "kesehatan": (
        ("Angka Stunting di {kab} Turun {n} Persen",
         "Intervensi gizi dan posyandu aktif menurunkan prevalensi stunting balita."),
        ("Kasus Demam Berdarah Meningkat di {kab}",
         "Dinas kesehatan mencatat {big} kasus DBD dan meminta warga menguras bak air."),
        ("RSUD Provinsi NTB Buka Layanan Jantung Terpadu",
         "Pasien tidak perlu lagi dirujuk ke luar daerah untuk tindakan kateterisasi."),
        ("Puskesmas di {kab} Kekurangan Tenaga Dokter",
         "Sejumlah puskesmas hanya dilayani perawat dan bidan karena dokter belum ditempatkan."),
        ("Cakupan Imunisasi Anak di NTB Capai {hipct} Persen",
         "Pekan imunisasi nasional menyasar anak di sekolah dan posyandu."),
        ("Peserta BPJS Kesehatan di NTB Bertambah {big} Orang",
         "Pemerintah daerah menanggung iuran warga miskin melalui APBD."),
        ("Warga {kab} Keluhkan Antrean Panjang di Rumah Sakit",
         "Pasien menunggu hingga {n} jam untuk mendapatkan layanan poliklinik."),
    ),
    "bencana": (
        ("Banjir Rendam {big} Rumah di {kab}",
         "Hujan deras sejak sore membuat sungai meluap; BPBD mengevakuasi warga ke tempat "
         "aman."),
        ("Longsor Tutup Jalan Provinsi di {kab}",
         "Alat berat dikerahkan untuk membuka akses jalan yang tertimbun material longsor."),
        ("Gempa Magnitudo 4,{n} Guncang Lombok, Tidak Berpotensi Tsunami",
         "Warga sempat berhamburan keluar rumah; BPBD mendata kerusakan ringan."),
        ("BPBD NTB Tetapkan Siaga Darurat Banjir dan Longsor",
         "Status siaga berlaku selama musim hujan di {n} kabupaten/kota."),
        ("Bantuan Logistik Disalurkan ke Korban Banjir {kab}",
         "Paket sembako, selimut dan air bersih dibagikan kepada {big} keluarga."),
        ("Puting Beliung Rusak Puluhan Rumah di {kab}",
         "Angin kencang merobohkan atap rumah dan pohon di {n} dusun."),
    ),
    "kemarau": (
        ("Kekeringan Landa {n} Desa di {kab}, Warga Antre Air Bersih",
         "Tangki air dikirim setiap hari untuk memenuhi kebutuhan warga."),
        ("Kebakaran Lahan di {kab} Berhasil Dipadamkan",
         "Petugas gabungan memadamkan api setelah {n} jam; tidak ada korban jiwa."),
        ("Debit Mata Air Menyusut, PDAM {kab} Gilir Distribusi Air",
         "Warga diminta menampung air karena aliran hanya menyala pada malam hari."),
    ),
    "kemerdekaan": (
        ("Peringatan HUT RI di {kab} Berlangsung Khidmat",
         "Upacara bendera diikuti {big} peserta dari sekolah dan instansi pemerintah."),
        ("Ribuan Warga {kab} Ikuti Gerak Jalan Semarak Kemerdekaan",
         "Peserta dari sekolah, kantor dan komunitas mengenakan pakaian adat."),
        ("Bendera Raksasa Dibentangkan di Puncak Bukit {place}",
         "Pemuda setempat membentangkan bendera merah putih sepanjang {big} meter."),
    ),
    "ekonomi": (
        ("Inflasi NTB Terkendali di Angka {small},{n2} Persen",
         "Harga pangan stabil berkat operasi pasar dan panen raya di sejumlah daerah."),
        ("Harga Cabai di Pasar Mataram Melonjak",
         "Pedagang menyebut pasokan dari petani berkurang akibat cuaca."),
        ("UMKM {kab} Tembus Pasar Ekspor",
         "Produk tenun dan kopi lokal dikirim ke {n} negara tahun ini."),
        ("Investasi di NTB Capai Rp{n},{n2} Triliun",
         "Sektor pariwisata dan pertambangan mendominasi realisasi investasi."),
        ("Harga Beras Naik, Pemprov NTB Gelar Operasi Pasar",
         "Operasi pasar digelar di {n} titik untuk menekan harga beras."),
        ("Pertumbuhan Ekonomi NTB Melambat pada Triwulan Ini",
         "Kontraksi sektor pertambangan menekan pertumbuhan ekonomi daerah."),
        ("Petani Jagung {kab} Panen Raya, Harga Anjlok",
         "Harga jagung di tingkat petani turun hingga {pct} persen dari musim lalu."),
        ("Pasar Murah Jelang Hari Besar Diserbu Warga {kab}",
         "Minyak goreng, gula dan beras dijual di bawah harga pasar."),
    ),
    "umum": (
        ("Siswa {kab} Juara Olimpiade Sains Tingkat Nasional",
         "Prestasi ini menjadi kebanggaan sekolah dan pemerintah daerah."),
        ("DPRD NTB Bahas Rancangan APBD Tahun Depan",
         "Rapat paripurna membahas prioritas belanja pendidikan dan infrastruktur."),
        ("Perbaikan Jalan Provinsi di {kab} Ditargetkan Rampung Akhir Tahun",
         "Dinas PUPR NTB menyebut progres pekerjaan sudah {pct} persen."),
        ("Bendungan di {kab} Mulai Airi {big} Hektare Sawah",
         "Petani kini dapat menanam dua kali setahun berkat pasokan air yang stabil."),
        ("Pemprov NTB Salurkan Beasiswa untuk {big} Mahasiswa",
         "Beasiswa diberikan kepada mahasiswa berprestasi dari keluarga kurang mampu."),
        ("Kecelakaan Lalu Lintas di Jalur {kab} Tewaskan {n} Orang",
         "Polisi menduga pengemudi mengantuk; warga diminta berhati-hati di jalur tersebut."),
        ("Sekolah Rusak di {kab} Belum Diperbaiki",
         "Siswa terpaksa belajar di tenda darurat karena ruang kelas membahayakan."),
        ("Lomba Perahu Tradisional Meriahkan Pesisir {kab}",
         "Puluhan perahu nelayan ikut berlomba disaksikan ribuan warga."),
    ),
}
"""Headline and lead templates by subject. ``umum`` is general news; ``kemarau`` runs in the dry
season, ``banjir``-type ``bencana`` in the rainy one, ``kemerdekaan`` around 17 August."""

PRESS = {
    # Government press releases (the ``info_publik_ntb`` outlet) lean on these subjects.
    "spbe": 3.0, "layanan_publik": 2.5, "kesehatan": 1.2, "umum": 1.0, "ekonomi": 0.8,
    "pariwisata": 0.8, "bencana": 0.6,
}
