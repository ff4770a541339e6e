"""plain_text, tokens and stem."""

from __future__ import annotations

import pytest
from pantau.text.normalize import plain_text, stem, tokens


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Harga <b>beras</b> naik</p>", "Harga beras naik"),
        ("<p>satu</p><p>dua</p>", "satu dua"),  # block tags separate words
        ("baris<br>baru", "baris baru"),
        ("Ko<b>ta</b> Mataram", "Kota Mataram"),  # inline tags do not
        ("<script>alert('x')</script>Berita", "Berita"),
        ("<style>p { color: red }</style>Berita", "Berita"),
        ("<SCRIPT type='text/javascript'>var a = '<p>hai</p>';</SCRIPT>ok", "ok"),
        ("Teks<script>tidak tertutup", "Teks"),
        ("<!-- komentar -->isi", "isi"),
        ("Jum&#8217;at &amp; Sabtu&nbsp;pagi", "Jum\u2019at & Sabtu pagi"),
        ("&lt;p&gt;Lolos &lt;b&gt;dua kali&lt;/b&gt;&lt;/p&gt;", "Lolos dua kali"),
        ("x &lt; y dan a > b", "x < y dan a > b"),  # prose comparison signs survive
        ("<img src=x onerror=alert(1)>  banyak \n\t spasi\u200b ", "banyak spasi"),
        ("", ""),
    ],
)
def test_plain_text(html, text):
    assert plain_text(html) == text


def test_plain_text_of_none():
    assert plain_text(None) == ""  # type: ignore[arg-type]


def test_tokens():
    text = "Kasus COVID-19 & covid19 di Mataram turun 2,5%; anak-anak Jum\u2019at (1.234,5 ton)!"
    assert tokens(text) == [
        "kasus", "covid-19", "covid19", "di", "mataram", "turun", "2,5", "anak-anak",
        "jum'at", "1.234,5", "ton",
    ]
    assert tokens("") == []
    assert tokens("-- ... !!!") == []
    assert tokens("ＡＢＣ") == ["abc"]  # full-width forms are folded


@pytest.mark.parametrize(
    ("word", "root"),
    [("pembangunan", "bangun"), ("menewaskan", "tewas"), ("kekecewaan", "kecewa"),
     ("covid19", "covid19"), ("2026", "2026"), ("jum'at", "jum'at")],
)
def test_stem(word, root):
    assert stem(word) == root
