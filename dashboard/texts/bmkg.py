"""Texts of BMKG's tiles on the wall (``view: gempa``, ``view: cuaca``)."""

TEXTS = {
    "bmkg.credit": {"id": "Sumber: BMKG", "en": "Source: BMKG"},
    "bmkg.gempa.title": {"id": "Gempa terkini", "en": "Latest earthquake"},
    "bmkg.cuaca.title": {"id": "Cuaca hari ini", "en": "Today's weather"},
    "bmkg.gempa.distance": {"id": "{km} km dari pusat {place}",
                            "en": "{km} km from the centre of {place}"},
    "bmkg.gempa.depth": {"id": "kedalaman {km} km", "en": "depth {km} km"},
    "bmkg.gempa.felt": {"id": "Dirasakan: {text}", "en": "Felt: {text}"},
    "bmkg.gempa.no_potensi": {"id": "Potensi tsunami belum disebut BMKG",
                              "en": "BMKG has not stated the tsunami potential"},
    "bmkg.gempa.recent": {"id": "{n} gempa dalam {period} terakhir",
                          "en": "{n} quakes in the last {period}"},
    "bmkg.gempa.outside": {"id": "{n} di luar peta", "en": "{n} outside the map"},
    "bmkg.gempa.none": {"id": "Belum ada data gempa", "en": "No earthquake data yet"},
    "bmkg.cuaca.none": {"id": "Belum ada prakiraan hari ini", "en": "No forecast for today yet"},
    "bmkg.cuaca.rain": {"id": "hujan maks.", "en": "max rain"},
    "bmkg.cuaca.temp": {"id": "suhu maks.", "en": "max temp."},
    "bmkg.cuaca.warning": {"id": "Waspada", "en": "Warning"},
}
