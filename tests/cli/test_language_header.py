"""A catalog whose ``Language`` header names another locale than its folder (issue 22).

``l10n check`` warns, ``l10n build`` refuses with one line naming the header's ``path:line`` and
writes nothing, ``l10n extract`` warns before it writes the folder's locale into the header.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run

from l10n.catalog.language import disagreement

ES = Path("locales/es/LC_MESSAGES/exploring-ketamine.po")


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and ".l10n" not in p.parts
    }


def _declare(project: Path, language: str) -> int:
    """Give the Spanish catalog the header ``Language: LANGUAGE``; return the header's line."""
    text = (project / ES).read_text("utf-8")
    assert '"Language: es\\n"' in text
    text = text.replace('"Language: es\\n"', f'"Language: {language}\\n"')
    (project / ES).write_text(text, "utf-8")
    return text.splitlines().index(f'"Language: {language}\\n"') + 1


def test_check_warns_and_build_refuses(project: Path, l10n: Callable[..., Run]) -> None:
    assert l10n("extract").code == 0
    line = _declare(project, "fr")
    expected = f"{ES}:{line}: Language header 'fr' names another locale than its folder (es)"
    checked = l10n("check")
    assert checked.code == 0, checked.err
    assert f"Warning: {expected}\n" in checked.err
    assert l10n("check", "--locale", "fr").err.count("Language header") == 0, "only the locales checked"
    before = _snapshot(project)
    built = l10n("build")
    assert (built.code, built.err) == (2, f"Error: {expected}\n")
    assert _snapshot(project) == before, "nothing built, source/ and locales/ untouched"
    assert l10n("build", "--locale", "fr").code == 0, "the other locales still build on their own"


def test_extract_warns_as_it_rewrites_the_header(project: Path, l10n: Callable[..., Run]) -> None:
    assert l10n("extract").code == 0
    line = _declare(project, "de")
    result = l10n("extract")
    assert result.code == 0
    assert result.err == (
        f"Warning: {ES}:{line}: Language header 'de' names another locale than its folder (es); rewritten to 'es'\n"
    )
    assert '"Language: es\\n"' in (project / ES).read_text("utf-8")
    assert l10n("check").err.count("Language header") == 0


@pytest.mark.parametrize(
    ("declared", "folder", "agrees"),
    [
        ("es", "es", True),
        ("es_ES", "es", True),  # Poedit writes the region: the same language, more specific
        ("es-ES", "es", True),
        ("pt", "pt_BR", True),
        ("pt-BR", "pt_BR", True),
        ("pt_PT", "pt_BR", False),
        ("zh_Hant", "zh_Hans", False),
        ("fr", "es", False),
        ("klingon", "es", False),  # not a locale at all
    ],
)
def test_what_names_another_locale(declared: str, folder: str, agrees: bool) -> None:
    text = f'# a catalog\nmsgid ""\nmsgstr ""\n"Language: {declared}\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    assert (disagreement(text, folder) is None) is agrees
    if not agrees:
        assert disagreement(text, folder) == (f"Language header {declared!r} names another locale than its folder ({folder})", 4)


def test_a_language_line_in_an_entry_is_not_the_header() -> None:
    text = 'msgid ""\nmsgstr ""\n"Project-Id-Version: x\\n"\n\nmsgid "a"\nmsgstr ""\n"Language: fr\\n"\n'
    assert disagreement(text, "es") is None
