"""The ``pantau`` command: wires collectors and dashboard into processes."""
