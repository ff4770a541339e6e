"""Pantau: the ``pantau`` command, and the one package every room is installed under.

Installed, ``pantau.data``, ``pantau.collectors``, ``pantau.dashboard``, ``pantau.demo`` and
``pantau.text`` are folders of this package (setup.py maps them). In a source checkout those
rooms sit beside this folder instead, so the checkout's root is added to this package's path:
``import pantau.data`` then finds ``data/`` whether Python was started in the checkout (where
this folder shadows the editable install) or anywhere else.
"""

from pathlib import Path as _Path

_checkout = _Path(__file__).resolve().parent.parent
if (_checkout / "pyproject.toml").is_file() and (_checkout / "data" / "store.py").is_file():
    __path__.append(str(_checkout))  # noqa: F821 -- a package's __path__ is set by the import system
