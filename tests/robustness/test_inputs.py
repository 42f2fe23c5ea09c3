"""Unusual input that must be accepted: each a data file under ``data/ok/`` (the large ones generated).

Sources with a byte-order mark or CRLF line endings keep them in the output; a catalog
saved by Poedit with other line breaks, one in a declared legacy charset, one with a
byte-order mark or a Plural-Forms header of its own is read and rewritten canonically
with every translation, comment and flag kept; entries whose source text is gone
become obsolete. A 5 MB article and an article of 10,000 units go through extract and
build in seconds.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DATA, Run, assert_gettext_canonical, gettext_tool

from l10n.catalog import entries as catalog
from l10n.catalog.po import dumps, read_po
from l10n.document import splice, walker

OK = DATA / "ok"
PO = Path("locales/es/LC_MESSAGES/exploring-ketamine.po")


def _one_locale(project: Path) -> None:
    (project / "l10n.toml").write_text('source_locale = "en"\nlocales = ["es"]\n', "utf-8")


def _install_po(name: str, project: Path) -> None:
    (project / PO).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(OK / name, project / PO)


def _entries(path: Path) -> set[tuple[object, ...]]:
    """What a translator wrote in each entry, whatever the wrapping."""
    return {
        (t.msgid, t.msgstr, t.fuzzy, t.obsolete, t.previous, t.flags, t.comment)
        for t in catalog.read_translations(path, str(path))
    }


def _translate_all(path: Path, translate: Callable[[str], str]) -> None:
    """Review every entry of a catalog with *translate*'s rendering."""
    po = read_po(path, str(path))
    for entry in po:
        entry.msgstr = translate(entry.msgid)
    path.write_text(dumps(po), "utf-8")


# Sources --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bom.md", "crlf.md"])
def test_bom_and_crlf_are_kept(name: str, project: Path, l10n: Callable[..., Run]) -> None:
    """References count lines as an editor does; the post keeps the BOM and every CRLF, added lines included."""
    _one_locale(project)
    shutil.copy(OK / name, project / "source" / "exploring-ketamine.md")
    result = l10n("extract")
    assert result.code == 0, result.err
    assert_gettext_canonical(project / PO)
    refs = {t.msgid: t.references for t in catalog.read_translations(project / PO, str(PO))}
    assert refs["Ketamine at home"] == ("source/exploring-ketamine.md:2", "source/exploring-ketamine.md:6")
    assert refs["A quoted line\\\ncontinued after a hard break."] == ("source/exploring-ketamine.md:14",)
    _translate_all(project / PO, lambda text: f"ES {text}")
    assert l10n("review", "approve", "--locale", "es", "--all", "--yes", "--reviewer", "Test Reviewer").code == 0
    result = l10n("build", "--locale", "es")
    assert result.code == 0, result.err
    built = (project / "build/es/exploring-ketamine.md").read_bytes()
    assert built == (OK / name.replace(".md", ".es.md")).read_bytes()
    if name == "crlf.md":
        assert built.count(b"\n") == built.count(b"\r\n")


@pytest.mark.parametrize("name", ["bom.md", "crlf.md"])
def test_bom_and_crlf_identity(name: str) -> None:
    data = (OK / name).read_bytes()
    doc = walker.parse(data, name)
    assert splice.render(doc, {u.text: u.text for u in doc.units})[0].encode() == data


# Catalogs -------------------------------------------------------------------------------------------------------


def test_poedit_wrapping_is_rewritten_canonically(project: Path, l10n: Callable[..., Run]) -> None:
    """A catalog saved by Poedit (wrapped at 72, one string left unwrapped, its own header fields) loses nothing."""
    _one_locale(project)
    _install_po("poedit.po", project)
    result = l10n("extract")
    assert result.code == 0, result.err
    assert_gettext_canonical(project / PO)
    assert _entries(project / PO) == _entries(OK / "poedit.po")
    text = (project / PO).read_text("utf-8")
    for kept in (
        '"X-Generator: Poedit 3.4.2\\n"',
        '"Last-Translator: Ana Roux <ana.roux@clinic.invalid>\\n"',
        "# Revisado por la Dra. Roux.\n",
        '#, fuzzy\n#| msgid "Nausea"\nmsgid "Nausea and vomiting"\n',
        '#~ msgid "An old sentence that was removed."\n',
    ):
        assert kept in text
    # The same catalog in msgcat's wrapping gives the same bytes: only the wrapping differed.
    first = (project / PO).read_bytes()
    done = subprocess.run([gettext_tool("msgcat"), str(OK / "poedit.po")], capture_output=True, check=True)
    (project / PO).write_bytes(done.stdout)
    assert l10n("extract").code == 0
    assert (project / PO).read_bytes() == first


def test_declared_legacy_charset_is_read_and_written_as_utf8(project: Path, l10n: Callable[..., Run]) -> None:
    _one_locale(project)
    _install_po("latin1.po", project)
    assert l10n("extract").code == 0
    assert_gettext_canonical(project / PO)
    text = (project / PO).read_text("utf-8")
    assert '"Content-Type: text/plain; charset=UTF-8\\n"' in text
    assert 'msgid "Nausea and vomiting"\nmsgstr "Náuseas y vómitos"\n' in text


def test_catalog_with_a_byte_order_mark_is_read(project: Path, l10n: Callable[..., Run]) -> None:
    """gettext itself refuses a BOM; some Windows editors write one. It is dropped."""
    _one_locale(project)
    _install_po("bom.po", project)
    assert l10n("extract").code == 0
    assert_gettext_canonical(project / PO)
    assert _entries(OK / "bom.po") <= _entries(project / PO)


def test_plural_forms_that_disagree_are_rewritten_with_a_warning(project: Path, l10n: Callable[..., Run]) -> None:
    _one_locale(project)
    _install_po("plural-forms.po", project)
    result = l10n("extract")
    assert result.code == 0
    assert result.err == (
        "Warning: locales/es/LC_MESSAGES/exploring-ketamine.po:8: Plural-Forms 'nplurals=3; plural=(n==1 ? 0 : "
        "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);' disagrees with es; rewritten to "
        "'nplurals=2; plural=(n != 1);'\n"
    )
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in (project / PO).read_text("utf-8")
    assert _entries(OK / "plural-forms.po") <= _entries(project / PO)
    assert l10n("extract").err == "", "the warning is given once, when the header is rewritten"


def test_plural_forms_spelled_differently_are_kept(project: Path, l10n: Callable[..., Run]) -> None:
    _one_locale(project)
    _install_po("plural-forms-equivalent.po", project)
    result = l10n("extract")
    assert (result.code, result.err) == (0, "")
    assert '"Plural-Forms: nplurals=2; plural=n != 1;\\n"' in (project / PO).read_text("utf-8")


def test_entries_whose_text_is_gone_become_obsolete(project: Path, l10n: Callable[..., Run]) -> None:
    """With their comments, flags, previous text and context; an untranslated one has nothing to keep (plurals: see test_errors)."""
    _one_locale(project)
    _install_po("obsolete.po", project)
    assert l10n("extract").code == 0
    assert_gettext_canonical(project / PO)
    text = (project / PO).read_text("utf-8")
    assert 'msgid "Drowsiness"\nmsgstr "Somnolencia"\n' in text
    obsolete = text[text.index("\n#~") + 1 :]
    assert obsolete == (
        '#~ msgid "An entry that was obsolete already."\n'
        '#~ msgstr "Una entrada que ya era obsoleta."\n\n'
        "# A translator's note on a sentence that was cut.\n"
        "#, fuzzy\n"
        '#~| msgid "An older sentence."\n'
        '#~ msgid "A sentence the author has since removed from the article."\n'
        '#~ msgstr "Una frase que la autora ha eliminado del artículo."\n\n'
        '#~ msgctxt "sidebar"\n'
        '#~ msgid "Drowsiness"\n'
        '#~ msgstr "Somnolencia (barra lateral)"\n'
    )
    assert "An untranslated sentence" not in text
    before = (project / PO).read_bytes()
    assert l10n("extract").code == 0
    assert (project / PO).read_bytes() == before


# Size -----------------------------------------------------------------------------------------------------------


def _big_article(size: int) -> str:
    """About *size* bytes: a fifth prose in every block kind (distinct texts), the rest code, as in a long how-to."""
    words = [
        "ketamine",
        "depression",
        "treatment",
        "patients",
        "study",
        "results",
        "dose",
        "clinical",
        "therapy",
        "brain",
        "receptor",
        "rapid",
        "anxiety",
        "effect",
        "symptoms",
        "research",
        "evidence",
        "trial",
        "safety",
    ]
    rnd = random.Random(5)
    out = ["---\ntitle: A very long article\ndescription: Five megabytes of Markdown.\n---\n\n"]
    total, i = len(out[0]), 0
    while total < size:
        i += 1
        prose = " ".join(rnd.choice(words) for _ in range(40))
        block = (
            f"## Part {i}\n\n{prose.capitalize()} (Krystal et al., {1990 + i % 30}),\nsee [the study](https://example.org/{i}).\n\n"
            f"- dose {i} mg\n- follow-up after {i % 12 + 1} weeks\n\n> {prose[:60]} {i}.\n\n"
            "```python\n" + "".join(f"result_{i}_{k} = measure(patient, dose={k})\n" for k in range(40)) + "```\n\n"
        )
        out.append(block)
        total += len(block)
    return "".join(out)


def _many_units(count: int) -> str:
    return "# Checklist\n\n" + "".join(f"- check item number {i}\n" for i in range(count - 1))


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["5 MB", "10,000 units"])
def test_large_article(kind: str, project: Path, l10n: Callable[..., Run]) -> None:
    """Extract in seconds; building from the catalog is byte-exact, unit for unit.

    The build is the library's (parse and splice), not ``l10n build``, whose publishing
    checks take longer than this suite may; BENCHMARKS.md has the command's figures.
    """
    _one_locale(project)
    source = project / "source" / "exploring-ketamine.md"
    text = _big_article(5_000_000) if kind == "5 MB" else _many_units(10_000)
    source.write_text(text, "utf-8")
    start = time.perf_counter()
    result = l10n("extract")
    took = time.perf_counter() - start
    assert result.code == 0, result.err
    start = time.perf_counter()
    doc = walker.read(source, "source/exploring-ketamine.md", ("title", "description"), ())
    entries = catalog.read_translations(project / PO, str(PO))
    assert len(doc.units) >= 10_000
    assert {t.msgid for t in entries} == {u.text for u in doc.units}
    identity, _ = splice.render(doc, {t.msgid: t.msgid for t in entries})
    same = identity == text
    assert same, "the identity build differs from the source"
    shouted, fallbacks = splice.render(doc, {t.msgid: t.msgid.upper() for t in entries}, "es")
    assert not fallbacks
    if kind == "5 MB":  # translated front-matter values are quoted, soft line breaks joined
        text = text.replace("\n---\n", "\nlang: es\n---\n", 1).replace("),\nsee [", "), see [")
        text = text.replace("title: A very long article", 'title: "A very long article"', 1)
        text = text.replace("description: Five megabytes of Markdown.", 'description: "Five megabytes of Markdown."', 1)
    same = shouted != text and shouted.lower() == text.lower()  # not in the assert: pytest would diff megabytes
    assert same, "every unit in its place, nothing else touched"
    print(
        f"{kind}: {len(text.encode()) / 1e6:.1f} MB, {len(doc.units)} units: extract {took:.2f} s, "
        f"read and build twice {time.perf_counter() - start:.2f} s"
    )
