"""Texts of durations in words (``fmt.duration``): steps, periods, shifts."""

TEXTS = {
    "common.duration.day": {"id": "{n} hari", "en": "{n} day"},
    "common.duration.days": {"id": "{n} hari", "en": "{n} days"},
    "common.duration.hour": {"id": "{n} jam", "en": "{n} hour"},
    "common.duration.hours": {"id": "{n} jam", "en": "{n} hours"},
    "common.duration.minute": {"id": "{n} menit", "en": "{n} minute"},
    "common.duration.minutes": {"id": "{n} menit", "en": "{n} minutes"},
    "common.duration.second": {"id": "{n} detik", "en": "{n} second"},
    "common.duration.seconds": {"id": "{n} detik", "en": "{n} seconds"},
}
