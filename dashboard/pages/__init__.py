"""Pages: each module declares ROUTE, layout() and optionally register() (see dashboard.app)."""
