"""``l10n build``: reviewed translations spliced in, everything else byte for byte.

The one exception: the internal markers (``<!-- l10n:note -->``...), which never reach a
post; the posts are compared with their source less its marker lines
(``conftest.without_markers``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from conftest import Run, publish_partial, without_markers

ES = Path("locales/es/LC_MESSAGES/exploring-ketamine.po")
OUT = Path("build/es/exploring-ketamine.md")
SOURCE = Path("source/exploring-ketamine.md")


@pytest.fixture(autouse=True)
def _splice_partial(request: pytest.FixtureRequest) -> None:
    """These tests are about splicing: let partly reviewed posts be published."""
    if "project" in request.fixturenames:
        publish_partial(request.getfixturevalue("project"))


def _fill(path: Path, translate: Callable[[str], str], fuzzy: bool = False) -> None:
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = translate(entry.msgid)
        if fuzzy:
            entry.flags.append("fuzzy")
    po.save(str(path))


def _without_lang(data: bytes) -> bytes:
    lines = data.splitlines(keepends=True)
    assert sum(1 for line in lines if line.startswith(b"lang: ")) == 1
    return b"".join(line for line in lines if not line.startswith(b"lang: "))


def _source() -> bytes:
    """The source as a post shows it: less its internal markers."""
    data = SOURCE.read_bytes()
    assert b"<!-- l10n:" in data
    return without_markers(data.decode("utf-8")).encode("utf-8")


def test_identity_build_is_byte_exact(project: Path, l10n: Callable[..., Run]) -> None:
    l10n("extract")
    _fill(ES, lambda s: s)
    result = l10n("build", "--locale", "es")
    assert result.code == 0, result.err
    assert "wrote: build/es/exploring-ketamine.md" in result.out
    assert _without_lang(OUT.read_bytes()) == _source()
    assert b"\nlang: es\n---\n" in OUT.read_bytes()
    assert not Path("build/fr").exists(), "--locale limits the locales"


def test_untranslated_and_fuzzy_keep_source(project: Path, l10n: Callable[..., Run]) -> None:
    l10n("extract")
    _fill(ES, lambda s: "BORRADOR " + s, fuzzy=True)
    l10n("build")
    assert _without_lang(OUT.read_bytes()) == _source()
    assert _without_lang(Path("build/fr/exploring-ketamine.md").read_bytes()) == _source()


def test_a_translation_changes_only_its_own_text(project: Path, l10n: Callable[..., Run]) -> None:
    l10n("extract")
    _fill(
        ES,
        lambda s: {
            "Drowsiness": "Somnolencia",
            "What is Ketamine?": "¿Qué es la ketamina?",
            "Exploring Ketamine: A Breakthrough for Mental Health Treatment": 'Explorar la "ketamina"',
        }.get(s, ""),
    )
    l10n("build", "--out", "public")
    built = Path("public/es/exploring-ketamine.md").read_text("utf-8")
    expected = (
        _source()
        .decode("utf-8")
        .replace("- Drowsiness\n", "- Somnolencia\n")
        .replace("## What is Ketamine?\n", "## ¿Qué es la ketamina?\n")
        .replace('title: "Exploring Ketamine: A Breakthrough for Mental Health Treatment"', 'title: "Explorar la \\"ketamina\\""')
        .replace(
            "tags: [ketamine, mental-health, depression, telehealth]\n---",
            "tags: [ketamine, mental-health, depression, telehealth]\nlang: es\n---",
        )
    )
    assert built == expected


def test_structural_guard_falls_back_and_strict_fails(project: Path, l10n: Callable[..., Run]) -> None:
    l10n("extract")
    _fill(ES, lambda s: {"Drowsiness": "Somnolencia\n\n# Nuevo título", "Nausea and vomiting": "Náuseas y vómitos"}.get(s, ""))
    result = l10n("build", "--locale", "es")
    assert result.code == 0
    warning = [line for line in result.err.splitlines() if "kept the source text" in line]
    assert len(warning) == 1
    assert "error [injection] a line would start a new Markdown block: '# Nuevo título'" in warning[0]
    assert warning[0].startswith(f"Warning: {ES.as_posix()}:")
    assert "source/exploring-ketamine.md:39" in warning[0]
    built = OUT.read_text("utf-8")
    assert "- Drowsiness\n" in built and "- Náuseas y vómitos\n" in built and "Nuevo" not in built
    OUT.unlink()
    result = l10n("build", "--locale", "es", "--strict")
    assert result.code == 1
    assert "not written" in result.err
    assert not OUT.exists()


def test_multiline_translation_keeps_container_prefixes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "l10n.toml").write_text('locales = ["de"]\n[review]\nrequire_approval = false\n', "utf-8")
    (tmp_path / "source").mkdir()
    source = "> Quote line one\r\n> and two.\r\n\r\n- Item one\r\n  continues\\\r\n  after a break\r\n"
    (tmp_path / "source" / "q.md").write_bytes(source.encode())
    l10n("extract")
    po_path = tmp_path / "locales/de/LC_MESSAGES/q.po"
    po = polib.pofile(str(po_path))
    assert [e.msgid for e in po] == ["Quote line one and two.", "Item one continues\\\nafter a break"]
    po[0].msgstr = "Zitat Zeile eins\nund zwei\nund drei."
    po[1].msgstr = "Punkt eins\\\nnach einem Umbruch"
    po.save(str(po_path))
    l10n("build")
    built = (tmp_path / "build/de/q.md").read_bytes().decode()
    assert built == "> Zitat Zeile eins\r\n> und zwei\r\n> und drei.\r\n\r\n- Punkt eins\\\r\n  nach einem Umbruch\r\n"


def test_second_build_writes_nothing(project: Path, l10n: Callable[..., Run]) -> None:
    l10n("extract")
    l10n("build")
    mtime = OUT.stat().st_mtime_ns
    result = l10n("build")
    assert result.out == "" and OUT.stat().st_mtime_ns == mtime


def test_a_verbatim_section_keeps_its_body_and_translates_its_heading(project: Path, l10n: Callable[..., Run]) -> None:
    l10n("extract")
    _fill(ES, lambda s: {"References": "Referencias"}.get(s, ""))
    assert not any(e.msgid.startswith("Domino, E. F.") for e in polib.pofile(str(ES))), "the body is not extracted"
    l10n("build", "--locale", "es")
    source, built = _source().decode("utf-8"), OUT.read_text("utf-8")
    body = source.split("## References\n", 1)[1].split("\n---\n", 1)[0]
    assert "## Referencias\n" + body + "\n---\n" in built, "the references byte for byte, under the translated heading"


def test_posts_of_a_deleted_article_or_locale_are_removed_with_the_reason(project: Path, l10n: Callable[..., Run]) -> None:
    """A withdrawn article's translations must not stay online, unlisted."""
    l10n("extract")
    assert l10n("build", "--html").code == 0
    assert OUT.exists() and Path("build/fr/exploring-ketamine.html").exists()
    Path("l10n.toml").write_text(Path("l10n.toml").read_text("utf-8").replace('["es", "fr"]', '["es"]'), "utf-8")
    dropped = l10n("build", "--html")
    assert "removed: build/fr/exploring-ketamine.md" in dropped.out
    assert "removed build/fr/exploring-ketamine.html: its locale is no longer configured" in dropped.err
    assert OUT.exists()
    SOURCE.unlink()
    result = l10n("build", "--html")
    assert result.code == 0, result.err
    for path in ("es/exploring-ketamine.md", "es/exploring-ketamine.html", "en/exploring-ketamine.html"):
        assert f"removed: build/{path}" in result.out
        assert f"removed build/{path}: its source article is gone" in result.err
    assert sorted(p.name for p in Path("build").rglob("*") if p.is_file()) == ["manifest.json"]
