"""Hand-written Indonesian sentiment lexicon used by ``pantau.text.sentiment``.

Written for this project from general Indonesian usage (news, public services, reviews); it is
not derived from any dataset (a few words and the fact-check verdicts were added after reading
the tuning half of the hand-labelled Tempo.co headlines, tests/text/labels). Weights: 3 strong,
2 clear, 1 mild, 0.5 faint; a weight of 0 *blocks* a derived form whose stem would otherwise
match (``perbaikan`` must not count as ``baik``). Entries are surface forms or Sastrawi stems: the scorer tries the token, the token
without ``-nya``, then its stem.

To extend it, add words to the tier strings below; keep one word per entry (phrases go in
``PHRASES``).
"""

from __future__ import annotations

__all__ = [
    "BAD_QUANTITIES", "CONTRAST", "DAMAGE_WORDS", "DIRECTION", "DOWNTONERS", "EVENT_INTENSIFIERS",
    "EVENT_WORDS", "FREQUENCY_WORDS", "GOOD_QUANTITIES", "INTENSIFIERS_POST", "INTENSIFIERS_PRE",
    "NEGATORS", "PHRASES", "RESPONSE_WORDS", "STEM_NEVER", "VERDICTS", "VERDICT_PHRASES",
    "VETO_POSITIVE", "WORDS",
]

_POSITIVE = {
    3: """
        luarbiasa sempurna terbaik terenak terlezat menakjubkan memukau fantastis spektakuler
        mantap mantab mantep mantul
    """,
    2.5: """
        lezat memuaskan istimewa hebat keren berprestasi prestasi sukses kesuksesan gemilang
        terpercaya favorit rekomendasi rekomen recommended direkomendasikan rekomendasikan
        ketagihan juara top
    """,
    2: """
        bagus enak nikmat sedap nyaman ramah senang bahagia gembira bangga puas indah cantik
        berhasil keberhasilan penghargaan apresiasi unggul berkualitas bermanfaat mengesankan
        menyenangkan membanggakan menggembirakan betah suka menyukai cinta mencintai asyik asik
        seru romantis sejuk segar bersih sigap profesional jempol sejahtera makmur rapi
        memadai kece yahud gurih empuk renyah juicy oke
    """,
    1.5: """
        baik menarik terjangkau murah hemat lancar efektif efisien inovatif kreatif transparan
        akuntabel responsif solutif peduli kepedulian membantu memudahkan berguna praktis cocok
        sepadan setimpal sebanding worth asri tenang damai kondusif harmonis optimis
        optimistis optimisme semangat antusias menghibur lucu elegan mewah berkelas alami
        teduh rindang lega variatif bervariasi pulih bangkit kemajuan unggulan keunggulan
        menguntungkan untung laris sip syukur alhamdulillah bersyukur terkesima salut kagum
        mengagumkan layak inspiratif aman tangguh kompak solid jujur amanah rajin ulet
        dermawan kangen membaik wangi harum legit adil keadilan
    """,
    1: """
        lumayan jelas cepat tepat sesuai luas lengkap beragam menang raih meraih maju tumbuh
        kemenangan memenangkan dimenangkan menangkan
        pertumbuhan positif strategis mudah sehat santai unik khas legendaris terkenal
        populer nyenyak terang cerah beruntung keuntungan surplus sopan tertib disiplin
        teratur produktif prima ekspansi menguat penguatan stabil tertarik manis lembut
        rindu inovasi sinergi bersinergi berani ngiler peluang kuat memperkuat dividen
    """,
    0.5: """
        kepastian kejelasan lumayanlah pas gratis hangat percaya kepercayaan dukung
        mendukung dukungan sepakat setuju rekor yakin keyakinan
    """,
}

_NEGATIVE = {
    3: """
        terburuk terparah bobrok brengsek bangsat goblok tolol bajingan biadab keji amburadul
        kacau jorok menjijikkan jijik busuk zonk kurangajar
    """,
    2.5: """
        buruk jelek parah payah kecewa mengecewakan kekecewaan korupsi koruptor suap sogok
        sogokan pungli gratifikasi menipu penipuan penipu tipu bohong berbohong pembohong
        hoaks fitnah skandal curang kecurangan maling rampok perampok perampokan mencuri
        pencurian pembunuhan membunuh penganiayaan kekerasan pemerkosaan memalukan bodoh
        munafik kemunafikan benci membenci muak kesal jengkel menyebalkan sebal geram
        marah murka frustrasi hancur rusak kerusakan basi amis bangkrut terpuruk jeblok
        anjlok merosot krisis resesi kriminal kejahatan teror terorisme narkoba memburuk
        perang peperangan
    """,
    2: """
        kotor bau apek hambar alot lambat lelet lemot mahal kemahalan rugi merugikan
        kerugian gagal kegagalan mangkrak terbengkalai lalai kelalaian sulit susah ribet rumit
        menyulitkan merepotkan repot bosan membosankan jenuh sedih menyedihkan kasihan miris
        malu menyesal sesal percuma sakit gangguan terganggu mengganggu ganggu error hang
        rusuh ricuh kericuhan bentrok bentrokan kisruh konflik kasar galak jutek judes
        sombong cuek malas pemalas berantakan sempit sesak gerah pengap berisik bising macet
        kemacetan telat terlambat keterlambatan mengeluh keluhan komplain protes memprotes
        kecam mengecam hujat menghujat hina menghina ejek mengejek ancam mengancam ancaman
        bahaya berbahaya bermasalah tersangka terdakwa pelanggaran melanggar ilegal liar
        penyelewengan penyalahgunaan manipulasi kelaparan phk kumuh tercemar pencemaran
        polusi iri dengki takut ketakutan khawatir kekhawatiran cemas resah gelisah panik
        stres depresi galau lelah melelahkan capek letih penat sengsara menderita derita
        penderitaan sial apes celaka norak lebay alay lesu melemah pelemahan tertekan
        ketidakpastian ketimpangan kesenjangan asal-asalan ott perusak selangit
        menyesatkan serang serangan terjerumus
    """,
    1.5: """
        masalah kurangnya kekurangan terputus antre antri mengantre asin pahit kecut lembek
        gosong berminyak lalat kecoa kendala hambatan terhambat tertunda menunda penundaan
        batal dibatalkan pembatalan ditolak menyusut susut melambat perlambatan tumbang
        penutupan tunggakan menunggak dipecat dicopot terancam ditangkap penangkapan ditahan
        penahanan tuduhan menuduh gugatan menggugat perseteruan pertikaian ketegangan
        lemah terlantar telantar diabaikan mengabaikan diacuhkan becek membebani mati
        cemburu kritik mengkritik menolak penolakan kontroversi kontroversial polemik
        emosi sok bom pengeboman
    """,
    1: """
        lama menunggu hilang putus sepi tikus turun menurun penurunan terendah mending
        seadanya sekedarnya tipis mengantuk ngantuk bingung membingungkan heran aneh ragu
        meragukan curiga mencurigakan darurat tuntut menuntut tuntutan minim pungutan beban
        tekanan sengketa demo miskin kemiskinan pengangguran sampah limbah keras
        diperiksa dugaan mundur gelap rawan licin salah standaran murahan keliru
    """,
    # Fiscal terms: mostly neutral in economic news; their direction ("defisit melebar") is
    # what tells the news (see DIRECTION).
    0.5: """
        standar waspada defisit utang
    """,
}

# Disasters, accidents and deaths are bad news for a command room: something to respond to.
# The first such word weighs EVENT_FIRST (sentiment.py), each further one EVENT_MORE, together
# at most EVENT_CAP, so that a flood report is negative but ten flood words are not ten times
# as bad. Negated ("tidak ada korban") they do not count.
EVENT_WORDS = frozenset("""
    banjir gempa longsor tsunami erupsi kebakaran terbakar kecelakaan tabrakan tabrak
    tewas meninggal wafat korban luka terluka cedera bencana kekeringan terendam hanyut
    tenggelam karam puting beliung abrasi evakuasi mengungsi pengungsi membakar dibakar
    kebanjiran ledakan meledak badai topan tertimbun terseret wabah mewabah pandemi epidemi
    kematian
""".split())

# Words of the response to a disaster: a text about relief being delivered ("Kota Mataram
# salurkan bantuan banjir") reports the response, not the event, so its event words add at
# most RESPONSE_CAP (sentiment.py) and it stays neutral unless other words decide.
RESPONSE_WORDS = frozenset("""
    bantuan salurkan menyalurkan disalurkan penyaluran donasi santunan posko
""".split())

# After a disaster word these mean "severe", not "great": "gempa hebat", "kebakaran dahsyat".
EVENT_INTENSIFIERS = frozenset({"hebat", "dahsyat", "besar", "parah"})

# "suka" before a bad word means "often", not "like": "suka terlambat", "suka bohong".
FREQUENCY_WORDS = frozenset({"suka", "doyan", "hobi"})

# Verdicts of fact-check rubrics at the start of a title ("Keliru: ...", "[HOAKS] ..."): the
# item reports a false claim going around, which is bad news whatever the claim says.
VERDICTS = frozenset("""
    keliru salah hoaks hoax menyesatkan disinformasi misinformasi palsu fitnah
""".split())
VERDICT_PHRASES = frozenset({("sebagian", "benar"), ("tidak", "terbukti"), ("salah", "konteks")})

# Damage words count as part of the event when the text reports a disaster
# ("Gempa guncang Lombok, rumah rusak"); elsewhere ("barangnya rusak") they are complaints.
DAMAGE_WORDS = frozenset({"rusak", "hancur", "roboh", "ambruk", "putus", "mati", "hilang"})

# A text mentioning these is never classified positive (see sentiment.score).
VETO_POSITIVE = frozenset({"tewas", "menewaskan", "tewaskan"})

# Stems never taken from stemming: they count only as written (or with -nya). Sastrawi
# reaches them from unrelated words: "pengecekan" -> "kece", "menyerukan" -> "seru",
# "pengadilan" -> "adil", "menjelaskan" -> "jelas", "keterangan" -> "terang",
# "disesuaikan" -> "sesuai", "pelengkap" -> "lengkap", "menangis" -> "menang".
STEM_NEVER = frozenset("kece seru adil jelas terang sesuai lengkap menang".split())

# Blockers: derived forms whose stem is in the lexicon but whose sense is neutral.
_BLOCKERS = """
    perbaikan diperbaiki memperbaiki keamanan pengamanan mengamankan diamankan amankan
    tingkat kelayakan sebaiknya sebaik-baiknya baiknya terkesan kesan cukup kasih hasil
    putusan keputusan memutuskan diputuskan menghilangkan keras-keras
    mudah-mudahan ramai keramaian terima menerima kecepatan berkecepatan percepatan
    perluasan memperluas diperluas kesehatan relawan ditangguhkan penangguhan menangguhkan
    selama selamanya berlama-lama
""".split()

# Multi-word expressions, matched on raw lowercase tokens before single words.
PHRASES: dict[tuple[str, ...], float] = {
    tuple(k.split()): v
    for k, v in {
        "luar biasa": 2.5, "top markotop": 3, "naik daun": 1, "terima kasih": 0.5,
        "salah satu": 0, "rumah sakit": 0, "buka suara": 0, "angkat bicara": 0,
        "biasa saja": -1.5, "biasa-biasa saja": -1.5, "biasa aja": -1.5, "begitu saja": -0.5,
        "kurang ajar": -3, "kerja keras": 1.5, "unjuk rasa": -1,
        "nggak banget": -2, "gak banget": -2, "ga banget": -2,
        "makan hati": -2, "gulung tikar": -2.5, "rugi besar": -2.5, "tidak bisa": -1,
        "tak bisa": -1, "gak bisa": -1, "nggak bisa": -1, "jauh dari layak": -2.5,
        "di luar ekspektasi": -1, "tidak sesuai ekspektasi": -2, "tidak masuk akal": -2,
        "asal jadi": -1.5, "naik turun": 0, "tidak kalah": 1.5,
        "tak kalah": 1.5, "kalah jauh": -2, "tidak ada matinya": 2, "nilai minus": -1.5,
        "tertangkap tangan": -2.5, "operasi tangkap tangan": -2.5,
        "kredit macet": -2, "krisis kepercayaan": -2.5, "daya beli lesu": -2,
        "nama baik": 0, "tanggung jawab": 0, "bertanggung jawab": 1, "menggugah selera": 2,
        "bikin kangen": 2, "ramah tamah": 2, "pas di lidah": 2, "pas di kantong": 2,
        "masuk akal": 1, "worth it": 2, "tidak sia-sia": 2, "mati gaya": -1.5,
        "tidak direkomendasikan": -2.5, "tidak recommended": -2.5, "salah paham": -1,
    }.items()
}

# Negators flip the polarity of the first sentiment word in the next few tokens.
NEGATORS = frozenset("""
    tidak tak tiada bukan belum tanpa jangan gak ga nggak enggak ngga engga gk tdk kagak
    ndak nda bkn blm jgn kurang
""".split())

# Scale the next (pre) or previous (post) sentiment word.
INTENSIFIERS_PRE = {
    "sangat": 1.6, "amat": 1.5, "paling": 1.6, "terlalu": 1.4, "sungguh": 1.5,
    "benar-benar": 1.5, "bener-bener": 1.5, "super": 1.6, "begitu": 1.2, "makin": 1.2,
    "semakin": 1.2, "kian": 1.2, "teramat": 1.6, "sangatlah": 1.6, "sungguh-sungguh": 1.5,
}
INTENSIFIERS_POST = {
    "sekali": 1.6, "banget": 1.6, "bgt": 1.6, "bngt": 1.6, "nian": 1.4, "abis": 1.3,
    "parah": 1.5, "sekali-sekali": 1.0, "pol": 1.5,
}
# Downtoners soften the next sentiment word ("cukup mahal", "agak kotor").
DOWNTONERS = {"agak": 0.7, "cukup": 0.8, "sedikit": 0.7, "rada": 0.7, "lumayan": 0.8,
              "relatif": 0.8, "cenderung": 0.8}

# After these, the clause carries the writer's conclusion ("enak, tapi mahal").
CONTRAST = frozenset("tapi tetapi namun sayangnya sayang padahal sedangkan".split())

# Direction words: their sentiment depends on what moves ("harga naik" is bad news, "ekspor
# naik" good). +1 = up, -1 = down. Without a known quantity nearby the word's own lexicon
# weight (if any) applies.
DIRECTION: dict[str, int] = {
    **dict.fromkeys("""naik kenaikan menaikkan naikkan meningkat peningkatan meningkatkan
        tingkatkan melonjak lonjakan meroket melambung bertambah pertambahan tumbuh
        pertumbuhan menguat penguatan tinggi tertinggi membaik perbaikan""".split(), 1),
    **dict.fromkeys("""turun penurunan menurun menurunkan turunkan anjlok merosot jeblok
        berkurang pengurangan mengurangi menyusut susut melemah pelemahan rendah terendah
        jatuh ambruk melambat perlambatan memburuk""".split(), -1),
}

# Quantities where more is bad news, and where more is good news (matched by stem).
BAD_QUANTITIES = frozenset("""
    harga inflasi kemiskinan pengangguran kasus korban utang defisit kriminalitas kejahatan
    kecelakaan stunting polusi tarif biaya ongkir tagihan beban kerugian kematian sampah
    iuran kemacetan keluhan aduan pengaduan pelanggaran
""".split())
GOOD_QUANTITIES = frozenset("""
    ekspor investasi pendapatan penerimaan ekonomi perekonomian produksi penjualan laba
    keuntungan rupiah ihsg saham ipm kunjungan wisatawan penumpang cadangan surplus
    kepuasan kualitas kinerja gaji upah kesejahteraan minat partisipasi realisasi nilai
    pertumbuhan indeks skor peringkat kredit aset
""".split())


def _build() -> dict[str, float]:
    words: dict[str, float] = {}
    for sign, tiers in ((1, _POSITIVE), (-1, _NEGATIVE)):
        for weight, text in tiers.items():
            for word in text.split():
                words[word] = sign * weight
    for word in _BLOCKERS:
        words[word] = 0.0
    return words


WORDS: dict[str, float] = _build()
"""Word or stem -> signed weight (0 = known neutral, blocks stem fallback)."""
