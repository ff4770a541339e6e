"""Text catalogues, one module per area of the UI (see ``dashboard.i18n``)."""
