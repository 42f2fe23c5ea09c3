"""Weblate, PO editors and GNU gettext around ``l10n``: what they write is kept, and nothing churns.

Run with the real tools (``msginit``, ``msgmerge`` with and without ``--previous``, ``msgcat``,
``msgfmt --check``): a catalog they made or touched is adopted or merged without rewriting what
they wrote, and what ``l10n`` writes, they leave as it is.
"""

from __future__ import annotations

import subprocess
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DATA, Run, assert_gettext_canonical, gettext_tool

from l10n.catalog import merge

PLURALS = tomllib.loads((DATA / "plural-forms.toml").read_text("utf-8"))
ARTICLE = "exploring-ketamine"
POT = Path(f"locales/templates/{ARTICLE}.pot")


def _catalog(locale: str, plural_forms: str) -> bytes:
    header = (
        'msgid ""\nmsgstr ""\n'
        f'"Language: {locale}\\n"\n'
        '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
        f'"Plural-Forms: {plural_forms}\\n"\n'
    )
    return f'{header}\nmsgid "Nausea"\nmsgstr "x"\n'.encode()


def _merged_header(locale: str, value: str) -> tuple[str, str | None]:
    msgs = [merge.Message("Nausea", (("source/a.md", "3"),), ("type: paragraph",))]
    text, warning = merge.catalog_text(_catalog(locale, value), f"{locale}.po", msgs, locale, "2025-01-01 00:00+0000", "a")
    return _unwrapped_header(text), warning


@pytest.mark.parametrize("case", PLURALS["kept"], ids=lambda c: f"{c['locale']}: {c['source'][:40]}")
def test_plural_forms_equivalent_to_cldr_are_kept_as_written(case: dict[str, str]) -> None:
    assert _merged_header(case["locale"], case["value"]) == (case["value"], None)


@pytest.mark.parametrize("case", PLURALS["rewritten"], ids=lambda c: f"{c['locale']}: {c['source'][:40]}")
def test_a_truly_different_plural_rule_is_rewritten_with_a_warning(case: dict[str, str]) -> None:
    from l10n.core.locales import plural_forms

    value, warning = _merged_header(case["locale"], case["value"])
    assert value == plural_forms(case["locale"])
    assert warning is not None and f"{case['locale']}.po:7: Plural-Forms {case['value']!r} disagrees" in warning


def test_arabic_spellings_differ_from_babel_only_in_the_numbering_of_two_forms() -> None:
    """What "only in form order" means: the same six classes of counts, forms 4 and 5 swapped.

    A different numbering is a different function (msgstr[4] of a plural entry would be used
    for 11-99 by one and for 100-102 by the other), so it is not "the same"; it is kept because
    it is CLDR's own numbering, the one GNU gettext's manual, Translate Toolkit and Weblate use.
    """
    import gettext

    gnu, babel = (gettext.c2py(c["value"].split("plural=", 1)[1].rstrip(";")) for c in PLURALS["kept"][0:4:3])
    swapped = {n for n in range(1001) if gnu(n) != babel(n)}
    assert swapped and all({gnu(n), babel(n)} == {4, 5} for n in swapped)
    assert {gnu(n) for n in (11, 99, 111)} == {4} and {gnu(n) for n in (100, 101, 102)} == {5}
    assert not merge.same_plural_forms(PLURALS["kept"][0]["value"], PLURALS["kept"][3]["value"])


@pytest.mark.parametrize("locale", ["ar", "pl", "ru", "cs", "ja"])
def test_a_catalog_made_by_msginit_is_adopted_as_it_is(project: Path, l10n: Callable[..., Run], locale: str) -> None:
    """``msginit`` writes its own header; ``l10n init`` adopts the catalog without a warning or a new rule."""
    assert l10n("extract").code == 0
    po = Path(f"locales/{locale}/LC_MESSAGES/{ARTICLE}.po")
    po.parent.mkdir(parents=True)
    done = subprocess.run(
        [gettext_tool("msginit"), "--no-translator", "-l", locale, "-i", str(POT), "-o", str(po)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    written = po.read_text("utf-8")
    declared = next((line for line in written.splitlines() if line.startswith('"Plural-Forms:')), None)
    result = l10n("init", locale)
    assert result.code == 0 and "Plural-Forms" not in result.err, result.err
    text = po.read_text("utf-8")
    if declared is not None:  # msginit 0.21 knows pl, ru, cs and ja; Arabic it leaves to the translator
        assert text.count('"Plural-Forms:') == 1 and _unwrapped_header(text) == _unwrapped_header(written)
    assert "Last-Translator: Automatically generated" in text, "msginit's own header fields are kept"
    assert_gettext_canonical(po)
    assert l10n("extract", "--check").code == 0


def _unwrapped_header(text: str) -> str:
    """The Plural-Forms value of a PO text, whatever its line wrapping."""
    header = text.split("\n\n", 1)[0]
    joined = "".join(line[1:-1] for line in header.splitlines() if line.startswith('"'))
    return joined.split("Plural-Forms: ", 1)[1].split("\\n", 1)[0]


# -- #: reference granularity ---------------------------------------------------------------------

SHIPPED_ES = Path(__file__).resolve().parents[3] / "locales" / "es" / "LC_MESSAGES" / f"{ARTICLE}.po"
ES = Path(f"locales/es/LC_MESSAGES/{ARTICLE}.po")
SOURCE = Path(f"source/{ARTICLE}.md")
FIRST = "Ketamine, once primarily used as an anesthetic"


def _blocks(path: Path) -> tuple[str, set[str]]:
    """The header of a PO file without its creation date, and its entries, each as text."""
    header, *entries = path.read_text("utf-8").split("\n\n")
    return "\n".join(line for line in header.splitlines() if "POT-Creation-Date" not in line), set(entries)


@pytest.mark.parametrize(("references", "untouched"), [("file", True), ("line", False)])
def test_inserting_a_paragraph_changes_only_its_entry_with_file_references(
    project: Path, l10n: Callable[..., Run], references: str, untouched: bool
) -> None:
    with (project / "l10n.toml").open("a", encoding="utf-8") as config:
        config.write(f'references = "{references}"\n')
    ES.parent.mkdir(parents=True)
    ES.write_bytes(SHIPPED_ES.read_bytes())
    assert l10n("extract").code == 0
    before = {path: _blocks(path) for path in (POT, ES)}
    text = SOURCE.read_text("utf-8")
    SOURCE.write_text(text.replace(FIRST, f"Ketamine is a prescription medicine.\n\n{FIRST}", 1), "utf-8")
    assert l10n("extract").code == 0
    for path, (header, entries) in before.items():
        new_header, new_entries = _blocks(path)
        added = new_entries - entries
        assert new_header == header, "only POT-Creation-Date moves in the header"
        assert any('msgid "Ketamine is a prescription medicine."' in entry for entry in added)
        assert (len(added) == 1) is untouched, f"{len(added)} entries rewritten in {path}"
        assert_gettext_canonical(project / path)
    assert (
        all("#: source/exploring-ketamine.md\n" in e for e in _blocks(ES)[1] if "msgid" in e and "#~ msgid" not in e) is untouched
    )


def test_references_none_writes_no_location(project: Path, l10n: Callable[..., Run]) -> None:
    with (project / "l10n.toml").open("a", encoding="utf-8") as config:
        config.write('references = "none"\n')
    assert l10n("extract").code == 0
    for path in (POT, ES):
        assert "#:" not in path.read_text("utf-8")
        assert_gettext_canonical(project / path)
    assert l10n("extract", "--check").code == 0


def test_changing_the_reference_granularity_rewrites_the_catalogs(project: Path, l10n: Callable[..., Run]) -> None:
    """The setting shapes the outputs, so unchanged articles are not skipped when it changes."""
    assert l10n("extract").code == 0
    with (project / "l10n.toml").open("a", encoding="utf-8") as config:
        config.write('references = "file"\n')
    assert l10n("extract", "--check").code == 1
    assert l10n("extract").code == 0
    assert "#: source/exploring-ketamine.md\n" in POT.read_text("utf-8")


# -- the required-unit line -----------------------------------------------------------------------

REQUIRED_LINE = "#. required: the post is published in a locale only once this unit is reviewed there"


def _entry_of(path: Path, start: str) -> str:
    return next(
        block for block in path.read_text("utf-8").split("\n\n") if f'msgid "{start}' in block.replace('msgid ""\n"', 'msgid "')
    )


def test_a_required_unit_says_so_in_the_template_and_every_catalog(project: Path, l10n: Callable[..., Run]) -> None:
    with (project / "l10n.toml").open("a", encoding="utf-8") as config:
        config.write('\n[build]\nrequired = ["^Ketamine is a powerful medication"]\n')
    assert l10n("extract").code == 0
    for path in (POT, ES, Path(f"locales/fr/LC_MESSAGES/{ARTICLE}.po")):
        marked = _entry_of(path, "***Disclaimer:**")
        assert f"{REQUIRED_LINE} (marked <!-- l10n:required --> in the source)\n" in marked
        matched = _entry_of(path, "Ketamine is a powerful medication")
        assert f"{REQUIRED_LINE} (it matches the [build] required pattern '^Ketamine is a powerful medication')\n" in matched
        plain = _entry_of(path, "Ketamine, once primarily used")
        assert "required:" not in plain
    with (project / "l10n.toml").open("a", encoding="utf-8") as config:
        config.write("html = false\n")  # another [build] key: the hints do not depend on it
    assert l10n("extract", "--check").code == 0


# -- msgmerge, with and without --previous ------------------------------------------------------

SAFE = "While ketamine is generally safe when"


def _msgmerge(*options: str) -> bytes:
    done = subprocess.run([gettext_tool("msgmerge"), "--quiet", *options, str(ES), str(POT), "-o", "-"], capture_output=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _status(l10n: Callable[..., Run]) -> tuple[dict[str, int], list[str]]:
    import json

    data = json.loads(l10n("status", "--format", "json", "--locale", "es").out)
    return data["locales"][0]["units"], [item["state"] for item in data["queue"]]


def test_msgmerge_after_extract_changes_nothing_but_without_previous_it_drops_the_old_text(
    project: Path, l10n: Callable[..., Run]
) -> None:
    """Weblate's msgmerge add-on runs msgmerge on catalogs ``l10n extract`` already merged.

    With ``--previous`` that is a no-op, byte for byte. Without it, msgmerge drops every
    ``#| msgid`` (even with nothing to merge): the outdated entry is then a fuzzy entry with
    no record of why, which ``status`` and ``review`` both call ``flagged``, and which
    ``extract`` keeps as it is.
    """
    ES.parent.mkdir(parents=True)
    ES.write_bytes(SHIPPED_ES.read_bytes())
    assert l10n("extract").code == 0
    assert _msgmerge("--previous") == ES.read_bytes() == _msgmerge()
    SOURCE.write_text(SOURCE.read_text("utf-8").replace(SAFE, "While ketamine is generally considered safe when"), "utf-8")
    assert l10n("extract").code == 0
    merged = ES.read_bytes()
    assert merged.count(b"\n#| msgid ") == 1
    units, queue = _status(l10n)
    assert (units["outdated"], units["flagged"], queue) == (1, 0, ["outdated"])
    assert _msgmerge("--previous") == merged
    dropped = _msgmerge()
    kept = b"\n".join(line for line in merged.split(b"\n") if not line.startswith(b"#| "))
    assert dropped == kept, "msgmerge without --previous drops #| and nothing else"
    ES.write_bytes(dropped)
    assert_gettext_canonical(project / ES)
    assert l10n("extract", "--check").code == 0, "extract neither restores nor removes anything"
    units, queue = _status(l10n)
    assert (units["outdated"], units["flagged"], units["draft"], queue) == (0, 1, 0, ["flagged"])
    review = l10n("review", "--locale", "es")
    assert "\tes\tflagged\t" in review.out


# -- catalogs of locales that are not configured --------------------------------------------------


def _msginit(locale: str, folder: str | None = None) -> Path:
    po = Path(f"locales/{folder or locale}/LC_MESSAGES/{ARTICLE}.po")
    po.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [gettext_tool("msginit"), "--no-translator", "-l", locale, "-i", str(POT), "-o", str(po)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return po


def test_a_catalog_of_a_locale_not_configured_is_reported_until_init_adopts_it(project: Path, l10n: Callable[..., Run]) -> None:
    """As after a translator's ``msginit`` or Weblate's "start new translation": reported by extract,
    status and build (extract --check fails), then adopted by ``l10n init`` with its translations."""
    assert l10n("extract").code == 0
    po = _msginit("pt_BR")
    po.write_text(
        po.read_text("utf-8").replace(
            'msgid "What is Ketamine?"\nmsgstr ""', 'msgid "What is Ketamine?"\nmsgstr "O que é a cetamina?"'
        )
    )
    warning = f"Warning: {po}: catalog of pt_BR, which is not configured: `l10n init pt_BR` adopts it (or delete it)\n"
    check = l10n("extract", "--check")
    assert (check.code, check.out) == (1, "")
    assert check.err == warning + "1 folder(s) of catalogs that extract never updates: adopt or delete them\n"
    extract = l10n("extract")
    assert (extract.code, extract.err) == (0, warning)
    status = l10n("status", "--format", "json")
    assert (status.code, status.err) == (0, warning)
    build = l10n("build")
    assert build.code == 0 and build.err.startswith(warning)
    assert l10n("init", "pt_BR").code == 0
    assert 'msgid "What is Ketamine?"\nmsgstr "O que é a cetamina?"' in po.read_text("utf-8")
    assert_gettext_canonical(project / po)
    after = l10n("extract", "--check")
    assert (after.code, after.err) == (0, "")
    assert "pt_BR" not in l10n("status", "--format", "json").err


@pytest.mark.parametrize(
    ("folder", "locale", "message"),
    [
        (
            "pt-BR",
            "pt_BR",
            "catalog of pt_BR in a folder spelt 'pt-BR', which l10n does not read: rename it locales/pt_BR and run `l10n init pt_BR`",
        ),
        (
            "es-ES",
            "es_ES",
            "catalog of es_ES in a folder spelt 'es-ES', which l10n does not read: rename it locales/es_ES and run `l10n init es_ES`",
        ),
        ("en", "en", "catalog of the source locale en; it is ignored"),
        ("klingon", "de", "catalog of 'klingon', which is not a locale l10n knows; it is ignored"),
    ],
)
def test_a_catalog_folder_that_cannot_be_adopted_as_it_is_says_why(
    project: Path, l10n: Callable[..., Run], folder: str, locale: str, message: str
) -> None:
    assert l10n("extract").code == 0
    po = _msginit(locale, folder)
    result = l10n("extract", "--check")
    assert result.code == 1
    assert result.err.startswith(f"Warning: {po}: {message}\n")


def test_folders_without_catalogs_and_configured_locales_are_not_reported(project: Path, l10n: Callable[..., Run]) -> None:
    assert l10n("extract").code == 0
    Path("locales/it/LC_MESSAGES").mkdir(parents=True)
    Path("locales/it/LC_MESSAGES/notes.txt").write_text("not a catalog\n", "utf-8")
    Path("locales/.cache").mkdir()
    result = l10n("extract", "--check")
    assert (result.code, result.err) == (0, "")


# -- Translate Toolkit's PO writer, which Weblate uses ---------------------------------------------


def test_translate_toolkit_rewrites_nothing_and_a_weblate_style_edit_keeps_every_comment(
    project: Path, l10n: Callable[..., Run]
) -> None:
    """Weblate saves through Translate Toolkit's ``pypo`` (wrapping at 77, its default, as msgcat)."""
    pypo = pytest.importorskip("translate.storage.pypo")
    ES.parent.mkdir(parents=True)
    ES.write_bytes(SHIPPED_ES.read_bytes())
    assert l10n("extract").code == 0
    for path in (POT, ES):
        assert bytes(pypo.pofile(path.read_bytes())) == path.read_bytes(), f"Translate Toolkit rewraps {path}"
    store = pypo.pofile(ES.read_bytes())
    unit = next(u for u in store.units if u.source == "What is Ketamine?")
    unit.addnote("l10n-reviewed: by=Dr. Ruiz date=2025-01-31T09:05Z", origin="translator")
    unit.target = "¿Qué es la ketamina?"
    store.updateheader(add=True, Last_Translator="Ana <ana@example.org>", X_Generator="Weblate 5.14")
    ES.write_bytes(bytes(store))
    text = ES.read_text("utf-8")
    assert "# l10n-reviewed: by=Dr. Ruiz date=2025-01-31T09:05Z\n" in text and "X-Generator: Weblate 5.14" in text
    assert_gettext_canonical(project / ES)
    assert l10n("extract", "--check").code == 0, "l10n keeps what Weblate wrote"
