"""The Dash app: pages, components, pure figure functions, the HTTP API and assets."""
