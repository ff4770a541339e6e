"""Texts of a source's error as non-admins see it: its category (``data.run_errors``)."""

TEXTS = {
    "source_error.http": {"id": "HTTP {status}", "en": "HTTP {status}"},
    "source_error.timeout": {"id": "batas waktu", "en": "timed out"},
    "source_error.unreachable": {"id": "tidak terjangkau", "en": "unreachable"},
    "source_error.too_large": {"id": "jawaban terlalu besar", "en": "answer too large"},
    "source_error.unreadable": {"id": "jawaban tidak terbaca", "en": "unreadable answer"},
    "source_error.mismatch": {"id": "isi jawaban tidak sesuai konfigurasi",
                              "en": "answer does not match the config"},
    "source_error.store": {"id": "basis data Pantau tidak terjangkau",
                           "en": "Pantau's store unreachable"},
    "source_error.config": {"id": "konfigurasi sumber salah", "en": "source misconfigured"},
    "source_error.query": {"id": "kueri gagal", "en": "query failed"},
    "source_error.other": {"id": "galat lain (lihat log)", "en": "other error (see the log)"},
}
