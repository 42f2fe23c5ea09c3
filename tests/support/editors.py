"""What PO editors and gettext tools do to a catalog, for tests that records survive them.

Each function rewrites the catalog at *path* in place as the tool would (run from the
project's root): ``msgmerge --previous`` against the article's template, ``msgcat``, Translate
Toolkit's writer with a translator's note added (what Weblate saves), polib's and Babel's
writers (which wrap comment lines).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
from conftest import gettext_tool


def msgmerge(path: Path) -> None:
    template = "locales/templates/exploring-ketamine.pot"
    done = subprocess.run(
        [gettext_tool("msgmerge"), "--previous", "-q", "-o", str(path), str(path), template], capture_output=True
    )
    assert done.returncode == 0, done.stderr


def msgcat(path: Path, *args: str) -> None:
    done = subprocess.run([gettext_tool("msgcat"), *args, "-o", str(path), str(path)], capture_output=True)
    assert done.returncode == 0, done.stderr


def translate_toolkit(path: Path) -> None:
    from translate.storage import po

    store = po.pofile.parsefile(str(path))
    unit = next(u for u in store.units if u.source == "Drowsiness")
    unit.addnote("checked against the leaflet", origin="translator")  # Weblate saves a comment
    path.write_bytes(bytes(store))


def polib_save(path: Path) -> None:
    polib.pofile(str(path)).save()  # wraps comment lines at 78 columns


def babel(path: Path) -> None:
    from babel.messages.pofile import read_po, write_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale="es")
    with path.open("wb") as handle:
        write_po(handle, catalog, width=76, include_previous=True)  # wraps comment lines at spaces
