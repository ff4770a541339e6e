"""Packaging layout (everything else is in pyproject.toml).

Installed, everything lives under the one ``pantau`` package: the rooms keep their places in the
repository (``data/``, ``collectors/``, ``dashboard/``, ``demo/``, ``text/``) and are mapped into
it with ``package_dir``, so nothing named ``data`` or ``collectors`` lands in site-packages. The
package list is computed because pyproject.toml cannot find subpackages under a mapped folder.
"""

from setuptools import find_namespace_packages, setup

ROOMS = {
    "pantau": "pantau",
    "pantau.data": "data",
    "pantau.collectors": "collectors",
    "pantau.dashboard": "dashboard",
    "pantau.demo": "demo",
    "pantau.text": "text",
}


def packages() -> list[str]:
    found = []
    for name, folder in ROOMS.items():
        found.append(name)
        found += [f"{name}.{sub}" for sub in find_namespace_packages(folder)
                  if "__pycache__" not in sub]
    return found


setup(packages=packages(), package_dir=ROOMS)
