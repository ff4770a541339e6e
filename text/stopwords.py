"""Indonesian stopwords: function words and news boilerplate to leave out of word counts.

Written for this project (not copied from a published list), grouped by kind so it is easy to
review. Use ``STOPWORDS`` (a frozenset of lowercase tokens) or ``is_stopword(token)``.
"""

from __future__ import annotations

__all__ = ["STOPWORDS", "is_stopword"]

_GROUPS = {
    "pronouns": """
        aku saya gue gua gw kamu anda engkau kau dia ia beliau kami kita mereka kalian
        ku mu nya daku dikau
        diri sendiri dirinya sendirinya
    """,
    "demonstratives_and_place": """
        ini itu tersebut begini begitu sini situ sana
        berikut berikutnya demikian sedemikian
    """,
    "prepositions": """
        di ke dari pada kepada daripada oleh untuk bagi buat dengan tanpa
        dalam luar atas bawah antara sekitar terhadap tentang mengenai
        sejak hingga sampai menuju akan sebagai seperti selaku per
        lewat melalui via bersama beserta sekalian terkait
    """,
    "conjunctions": """
        dan serta atau tetapi tapi namun melainkan sedangkan padahal sementara
        bahwa karena sebab jika kalau jikalau apabila bila asal asalkan agar supaya
        sehingga maka lalu kemudian lantas pun juga jadi meski meskipun walau walaupun
        biarpun sambil seraya ketika saat tatkala sewaktu selagi selama sebelum sesudah
        setelah sesudahnya sebelumnya setelahnya selain kecuali baik maupun entah
        sedang yakni yaitu ialah adalah merupakan
    """,
    "particles": """
        yang lah kah tah pun dong deh sih kok kan nih tuh loh lho ya yah ah oh eh wah
        kek toh pula saja aja hanya cuma cuman sekadar sekedar
    """,
    "questions": """
        apa apakah siapa siapakah mana manakah kapan mengapa kenapa bagaimana
        gimana berapa berapakah bilamana dimana kemana darimana
    """,
    "auxiliaries_and_aspect": """
        ada adanya sudah telah sedang masih belum pernah baru akan bakal hendak mau ingin
        bisa dapat boleh harus wajib perlu mesti mampu sempat sering kadang jarang selalu
        senantiasa tengah tetap terus lagi makin semakin kian hampir nyaris
    """,
    "quantities_and_degree": """
        semua seluruh segala segenap setiap tiap masing-masing beberapa berbagai banyak
        sedikit para sang si sejumlah seorang sebuah sesuatu suatu satu se
        lebih kurang paling agak cukup amat sangat sekali terlalu begitu
        lain lainnya lainya yg dgn utk dll dsb dst tsb
    """,
    "time_words": """
        kini sekarang nanti tadi kemarin besok lusa dulu dahulu kelak
        hari minggu bulan tahun jam menit detik pagi siang sore malam
        senin selasa rabu kamis jumat jum'at sabtu ahad
        januari februari maret april mei juni juli agustus september oktober november desember
        waktu kali kala masa
    """,
    "verbs_of_saying": """
        kata katanya berkata mengatakan dikatakan ujar ujarnya tutur tuturnya
        ucap ucapnya sebut menyebut menyebutkan disebut disebutkan jelas jelasnya
        menjelaskan dijelaskan ungkap ungkapnya mengungkapkan diungkapkan
        menerangkan tambahnya menambahkan ditambahkan
        imbuh imbuhnya lanjut lanjutnya melanjutkan papar paparnya memaparkan
        tegas tegasnya menegaskan ditegaskan klaim mengklaim
        kata-kata menurut menurutnya mengaku terang-terangan
        menyatakan dinyatakan pernyataan mencatat mencatatkan dicatat tercatat mengatakannya
        menilai dinilai menuturkan dituturkan mengungkap diungkap membeberkan dibeberkan
        menyampaikan disampaikan berpendapat menganggap dianggap mengakui diakui bercerita
        mengemukakan dikemukakan memperkirakan diperkirakan menanggapi ditanggapi
        menyebutnya mengungkapkannya
    """,
    "news_boilerplate": """
        baca selengkapnya simak berita artikel klik tautan link halaman
        editor penulis reporter pewarta foto video galeri advertisement iklan
        scroll lanjutkan konten sumber dikutip kutip mengutip dilansir melansir
        via wib wita wit redaksi tempo co antara kompas detik news
    """,
    "misc_function_words": """
        tidak tak bukan belum jangan enggak nggak gak ga
        bahkan justru memang malah tentu pasti mungkin barangkali kiranya rupanya
        ternyata seolah seakan olah hal pihak cara pula sama secara
        tersebutlah yakni antaranya diantaranya di antaranya
        soal terhadapnya dimana-mana salah
        ok oke menjadi sebesar sebanyak membuat
    """,
}

STOPWORDS: frozenset[str] = frozenset(
    word for words in _GROUPS.values() for word in words.split()
)
"""All stopwords, lowercase."""


def is_stopword(token: str) -> bool:
    """True when ``token`` (any case) is a stopword."""
    return token.casefold() in STOPWORDS
