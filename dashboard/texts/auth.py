"""Texts of sign-in, sign-out, pairing, the "not allowed" page and /audit."""

TEXTS = {
    "auth.title": {"id": "Masuk", "en": "Sign in"},
    "auth.lead": {"id": "Masuk untuk membuka pusat komando.",
                  "en": "Sign in to open the command center."},
    "auth.name": {"id": "Nama pengguna", "en": "User name"},
    "auth.password": {"id": "Kata sandi", "en": "Password"},
    "auth.submit": {"id": "Masuk", "en": "Sign in"},
    "auth.failed": {"id": "Nama pengguna atau kata sandi salah.",
                    "en": "Wrong user name or password."},
    "auth.too_many": {"id": "Terlalu banyak percobaan yang gagal. Coba lagi dalam 15 menit.",
                      "en": "Too many failed attempts. Try again in 15 minutes."},
    "auth.csrf": {"id": "Formulir ini sudah kedaluwarsa. Silakan coba lagi.",
                  "en": "This form has expired. Please try again."},
    "auth.other_lang": {"id": "English", "en": "Bahasa Indonesia"},
    "auth.sign_out": {"id": "Keluar", "en": "Sign out"},
    "auth.signed_out": {"id": "Anda sudah keluar.", "en": "You have signed out."},
    "auth.forbidden.title": {"id": "Anda tidak berhak membuka halaman ini",
                             "en": "You may not open this page"},
    "auth.forbidden.body": {
        "id": "Peran Anda ({role}) tidak mencakup halaman ini. Minta admin untuk menambah "
              "hak Anda bila Anda memerlukannya.",
        "en": "Your role ({role}) does not include this page. Ask an admin for more rights "
              "if you need them."},
    "auth.forbidden.home": {"id": "Ke halaman utama", "en": "To the main page"},
    "auth.pair.refused": {
        "id": "Kode pemasangan ini tidak berlaku: sudah dipakai, kedaluwarsa, atau dicabut. "
              "Minta kode baru kepada admin (pantau screen add).",
        "en": "This pairing code is not valid: used already, expired or revoked. Ask an "
              "admin for a new one (pantau screen add)."},
    "auth.pair.title": {"id": "Pemasangan layar", "en": "Screen pairing"},
    "role.wall": {"id": "layar dinding", "en": "wall"},
    "role.viewer": {"id": "pembaca", "en": "viewer"},
    "role.analyst": {"id": "analis", "en": "analyst"},
    "role.operator": {"id": "operator", "en": "operator"},
    "role.admin": {"id": "admin", "en": "admin"},
    "common.demo_open": {"id": "DEMO — tanpa login", "en": "DEMO — no sign-in"},
}
