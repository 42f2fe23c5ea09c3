"""Property-based tests of the invariants the pipeline rests on.

1. Markdown: any CommonMark document (headings, paragraphs with inline markup, lists,
   nested blockquotes, tables, code, HTML blocks, link definitions, front matter; LF,
   CRLF or CR line endings, trailing whitespace, a byte-order mark) rebuilds byte for
   byte through an identity translation; a translation that keeps the markup (the
   pseudo-translator of ``pseudo.py``) keeps the block structure and the HTML element
   tree, and extracting the result gives back the translations; and whatever the
   translations, the structural guard never lets the block structure change.
2. PO files: what :mod:`l10n.catalog.po` writes, :mod:`l10n.catalog.po` and :mod:`l10n.catalog.entries` read back as the same
   entries (unicode, newlines, quotes, backslashes, tabs, long lines, comments, flags,
   previous msgids, obsolete entries); and it reads the same entries from what GNU
   ``msgcat`` makes of the file, wrapped or not.
3. Protected spans: ``unmask(mask(text))`` is the identity for texts made of citations,
   DOIs, URLs, code, numbers, glossary terms and placeholder look-alikes, and the spans
   put in a sentence are found.

Every test is derandomized and keeps no example database, so a run is reproducible.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import polib
import pytest
from conftest import examples, gettext_tool, without_markers
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from pseudo import element_tree, pseudo

from l10n.catalog.entries import as_translation, read_translations
from l10n.catalog.po import dumps, parse_po
from l10n.core.errors import SourceError
from l10n.document import model, splice, walker
from l10n.text.placeholders import mask, unmask
from l10n.text.spans import Term, find_spans


def _settings(full: int) -> settings:
    return settings(
        max_examples=examples(full),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# --- 1. Markdown documents -------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "ketamine",
        "dose",
        "relief",
        "Patients",
        "the",
        "of",
        "naïve",
        "Ünïcødé",
        "中文",
        "😀",
        "e.g.",
        "FDA",
        "receptors",
        "a",
        "I",
        "rapid",
        "über",
        "שלום",
        "x",
        "1970",
        "0.5 mg/kg",
        "40%",
    ]
)
_INLINE_BITS = st.sampled_from(
    [
        "*emphasis*",
        "**strong**",
        "_under_",
        "__both__",
        "***mixed** in*",
        "`code`",
        "`` a ` b ``",
        '[link](https://example.org/a "Title")',
        "[ref][label]",
        "[label]",
        "![alt](img.png)",
        "<https://auto.link/x>",
        '<span class="x">',
        "</span>",
        "&amp;",
        "&#169;",
        "&nbsp;",
        "\\*",
        "\\_",
        "\\|",
        "(Domino, 2010)",
        "(Krystal et al., 2013)",
        "[12]",
        "https://doi.org/10.1097/ALN.0b013e3181ed09a2",
        "www.example.com",
        "~~strike~~",
        "<!-- note -->",
        "a\\",
        "*",
        "_",
        "#",
        "|",
        ">",
        "-",
        "+",
        "1.",
        "2)",
        "=",
        "`",
        "[",
        "]",
        "(",
        ")",
        "!",
        "<",
        "&",
        "\t",
    ]
)
_inline = st.lists(st.one_of(_WORDS, _WORDS, _INLINE_BITS), min_size=1, max_size=7).map(" ".join)
_plain = st.lists(_WORDS, min_size=1, max_size=5).map(" ".join)


def _paragraph() -> st.SearchStrategy[list[str]]:
    line = st.tuples(_inline, st.sampled_from(["", "", "", "  ", "\\"])).map("".join)
    return st.lists(line, min_size=1, max_size=3).map(lambda lines: [*lines[:-1], lines[-1].rstrip("\\ ")])


def _heading() -> st.SearchStrategy[list[str]]:
    atx = st.tuples(st.integers(1, 6), _inline, st.sampled_from(["", "", " #", " ###"])).map(
        lambda t: ["#" * t[0] + " " + t[1] + t[2]]
    )
    setext = st.tuples(st.lists(_plain, min_size=1, max_size=2), st.sampled_from(["===", "---", "=", "-----"])).map(
        lambda t: [*t[0], t[1]]
    )
    verbatim = st.just(["## References", "", "Domino, E. F. (2010). *Anesthesiology*, 113(3)."])
    return st.one_of(atx, atx, setext, verbatim)


def _table() -> st.SearchStrategy[list[str]]:
    cell = st.one_of(_inline.map(lambda s: s.replace("|", "\\|").replace("\\\\|", "\\|")), st.just(""))

    def rows(n: int) -> st.SearchStrategy[list[str]]:
        row = st.lists(cell, min_size=n, max_size=n).map(lambda cells: "| " + " | ".join(cells) + " |")
        delimiter = st.lists(st.sampled_from(["---", ":--", "--:", ":-:"]), min_size=n, max_size=n).map(
            lambda cells: "|" + "|".join(cells) + "|"
        )
        return st.tuples(row, delimiter, st.lists(row, max_size=3)).map(lambda t: [t[0], t[1], *t[2]])

    return st.sampled_from([rows(n) for n in range(1, 5)]).flatmap(lambda strategy: strategy)


def _code() -> st.SearchStrategy[list[str]]:
    body = st.lists(st.one_of(_inline, st.sampled_from(["# not a heading", "- not a list", "", "    indented"])), max_size=3)
    fence = st.tuples(st.sampled_from(["```", "~~~", "````"]), st.sampled_from(["", "python", "md"]), body).map(
        lambda t: [t[0] + t[1], *t[2], t[0]]
    )
    indented = st.lists(_inline, min_size=1, max_size=2).map(lambda lines: ["    " + line for line in lines])
    return st.one_of(fence, indented)


def _html() -> st.SearchStrategy[list[str]]:
    return st.one_of(
        _inline.map(lambda s: ['<div class="note">', s, "</div>"]),
        st.just(["<!-- a comment -->"]),
        st.tuples(
            st.sampled_from(["<!-- l10n:skip -->", "<!-- l10n:note Keep it short -->", "<!-- l10n:required -->"]), _inline
        ).map(lambda t: [t[0], t[1]]),
        st.just(["<!-- l10n:skip-start -->", "", "Skipped text.", "", "<!-- l10n:skip-end -->"]),
    )


_LEAF = st.one_of(
    _paragraph(),
    _paragraph(),
    _heading(),
    _table(),
    _code(),
    _html(),
    st.sampled_from([["***"], ["- - -"], ["___"]]),
    st.just(['[label]: https://example.org/label "Label"']),
    _inline.map(lambda s: [f"![{s}](figure.png)"]),
)
_GAPS = st.lists(st.integers(0, 2), min_size=1, max_size=3)


def _indent(lines: list[str], first: str, rest: str) -> list[str]:
    return [(first if i == 0 else rest) + line if line else line for i, line in enumerate(lines)]


def _join(blocks: list[list[str]], gaps: list[int]) -> list[str]:
    out: list[str] = []
    for i, block in enumerate(blocks):
        if i:
            out += [""] * gaps[i % len(gaps)]
        out += block
    return out


def _container(blocks: st.SearchStrategy[list[list[str]]]) -> st.SearchStrategy[list[str]]:
    """A blockquote or a list holding *blocks*."""
    quote = st.tuples(blocks, _GAPS, st.sampled_from(["> ", ">"])).map(
        lambda t: [f"{t[2]}{line}" if line else ">" for line in _join(t[0], t[1])]
    )
    marker = st.sampled_from(["- ", "* ", "+ ", "1. ", "2) ", "10. "])
    item = st.tuples(marker, blocks, _GAPS).map(lambda t: _indent(_join(t[1], t[2]), t[0], " " * len(t[0])))
    listing = st.tuples(st.lists(item, min_size=1, max_size=4), st.sampled_from([0, 0, 1])).map(lambda t: _join(t[0], [t[1]]))
    return st.one_of(quote, listing)


_BLOCKS = st.lists(_LEAF, min_size=1, max_size=4)
for _ in range(2):  # containers nest two deep
    _BLOCKS = st.lists(st.one_of(_LEAF, _LEAF, _container(_BLOCKS)), min_size=1, max_size=4)

_value = st.one_of(_plain, _plain.map(lambda s: f'"{s}"'), _plain.map(lambda s: f"'{s}'"), st.just(""))
_front_matter: st.SearchStrategy[list[str]] = st.one_of(
    st.just([]),
    st.tuples(_value, _value, st.booleans(), st.booleans()).map(
        lambda t: [
            "---",
            f"title: {t[0]}",
            *([f"description: {t[1]}"] if t[2] else []),
            *(["lang: en"] if t[3] else []),
            "tags: [a, b]",
            "---",
        ]
    ),
)
_SPACES = st.sampled_from(["", "", "", "", " ", "  ", "\t"])
_ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    """A random CommonMark document, as bytes."""
    lines = draw(_front_matter) + _join(draw(_BLOCKS), draw(_GAPS))
    lines = [line + draw(_SPACES) for line in lines]
    eol = draw(st.sampled_from(["\n", "\n", "\r\n", "mixed"]))
    ends = [draw(_ENDINGS) if eol == "mixed" else eol for _ in lines]
    if not draw(st.booleans()):
        ends[-1] = ""  # no final line ending
    text = "".join(line + end for line, end in zip(lines, ends, strict=True))
    return ("\ufeff" if draw(st.integers(0, 5)) == 0 else "").encode() + text.encode()


def _parse(source: bytes) -> model.Document:
    return walker.parse(source, "random.md")


@_settings(200)
@given(documents())
def test_identity_translation_rebuilds_every_byte(source: bytes) -> None:
    doc = _parse(source)
    note(repr(source))
    text, fallbacks = splice.render(doc, {unit.text: unit.text for unit in doc.units}, None)
    assert fallbacks == []
    # byte for byte, except the internal markers, which never reach a post (conftest.without_markers)
    assert without_markers(text) == without_markers(source.decode())
    assert text.encode() == source or doc.markers
    again = _parse(text.encode())  # markers gone, and nothing else of the structure
    assert again.markers == (), "a marker reached the post"
    assert again.signature == doc.post_signature
    assert _no_html(doc.post_signature) == _no_html(doc.signature)
    end = 0
    for unit in doc.units:  # spans in order, disjoint, and holding the text when it is one line
        assert end <= unit.start <= unit.end <= len(doc.text)
        span = doc.text[unit.start : unit.end]
        if unit.key is None and not any(c in span for c in "\r\n"):
            assert span == unit.text, unit
        end = unit.end
    with_lang, _ = splice.render(doc, {}, "es")
    if doc.body_line == 0:
        assert with_lang == text, "no front matter: none is added for lang alone"
    else:  # a lang line added to the front matter, or its value set
        assert "lang: es" in with_lang
        without = re.compile(r"(?:^|(?<=\n)|(?<=\r))lang:[^\r\n]*(?:\r\n|\n|\r)")
        assert without.sub("", with_lang) == without.sub("", text)


def _no_html(shape: model.Signature) -> model.Signature:
    return tuple(block for block in shape if block[0] != "html_block")


_RENDER = MarkdownIt("commonmark").enable("table").render


def _body(text: str, doc: model.Document) -> str:
    return text.lstrip("\ufeff").split("\n", doc.body_line)[-1] if doc.body_line else text.lstrip("\ufeff")


@_settings(200)
@given(documents())
def test_a_translation_that_keeps_the_markup_keeps_the_structure(source: bytes) -> None:
    doc = _parse(source)
    note(repr(source))
    translations = {unit.text: pseudo(unit.text) for unit in doc.units}
    text, fallbacks = splice.render(doc, translations, None)
    assert fallbacks == []
    # a verbatim section's heading is translated: the post is read with the translated name too
    again = walker.parse(text.encode(), "random.md", verbatim_sections=("References", pseudo("References")))
    assert again.signature == doc.post_signature
    found, expected = [(u.kind, u.text) for u in again.units], [(u.kind, translations[u.text]) for u in doc.units]
    if "l10n:skip" in doc.text:  # a post has no skip markers: what the source skipped is extracted too, in between
        rest = iter(found)
        assert all(unit in rest for unit in expected), (found, expected)
    else:
        assert found == expected
    if "\r" not in doc.text:  # the element tree, as a browser sees the page
        assert element_tree(_RENDER(_body(text, doc))) == element_tree(_RENDER(_body(doc.text, doc)))


_HOSTILE = st.lists(
    st.sampled_from(
        [
            *"#>-+*=_`~|[]()!:<>\\.)1 9\t\n\r\"'{}&%@abcXYZ",
            "\x85",
            "\u2028",
            "\x7f",
            "\x96",
            "é",
            "\ufeff",
            "---",
            "```",
            "<div>",
            "<!--",
            "-->",
            "\n\n",
            "    ",
            "1. ",
            "- ",
            "> ",
        ]
    ),
    min_size=1,
    max_size=12,
).map("".join)
_ODD = st.sampled_from(
    [
        "\x85",
        "\u2028",
        "\u2029",
        "\x7f",
        "\x96",
        "\ufeff",
        "\ufffe",
        "\x01",
        "\t",
        "\\",
        '"',
        "'",
        "#",
        ": ",
        " #",
        "|",
        "\n",
        "\r",
        "*",
        "`",
        "<br>",
        "&amp;",
    ]
)
_TRANSLATION = st.one_of(  # markup and line breaks; or words with one odd character, which skip the full guard
    _HOSTILE, st.tuples(_plain, _ODD, _plain).map("".join)
)


@_settings(200)
@given(documents(), st.data())
def test_no_translation_changes_the_block_structure(source: bytes, data: st.DataObject) -> None:
    doc = _parse(source)
    note(repr(source))
    translations = {unit.text: data.draw(_TRANSLATION, label=unit.text) for unit in doc.units}
    text, fallbacks = splice.render(doc, translations, "es")
    try:
        again = _parse(text.encode())
    except SourceError as exc:
        pytest.fail(f"the built document does not parse: {exc}")
    assert again.signature == doc.post_signature
    assert (again.body_line == 0) == (doc.body_line == 0), "the front matter is still there (or still absent)"
    assert {f.unit for f in fallbacks} <= set(doc.units)
    kept = {f.unit for f in fallbacks}
    values = {u.key: u.text for u in again.units if u.key is not None}
    for unit in doc.units:  # a front-matter value is published exactly as translated
        value = translations[unit.text].replace("\r\n", "\n").replace("\r", "\n").strip()
        if unit.key is not None and unit not in kept and value:
            assert values.get(unit.key) == value


# --- 2. PO files -----------------------------------------------------------------------


def _texts(chars: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    pieces = st.one_of(
        st.text(chars, min_size=1, max_size=6),
        st.sampled_from(
            [
                "\n",
                "\t",
                '"',
                "\\",
                "\\n",
                '\\"',
                "%s",
                "%(name)s",
                "{0}",
                " ",
                "  ",
                "\r",
                "é",
                "中文",
                "e\u0301",
                "\u200b",
                "😀",
                "\u05d0\u05d1",
                "#~",
                'msgid "x"',
                "#| msgid",
            ]
        ),
        st.tuples(
            st.sampled_from(["ketamine treatment-resistant depression ", "https://doi.org/10.1/x — ", "a-b/c "]),
            st.integers(4, 20),
        ).map(lambda t: t[0] * t[1]),  # a long line to wrap
    )
    return st.lists(pieces, max_size=8).map("".join)


_ANY_TEXT = _texts(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"))
_COMMON_TEXT = _texts(
    st.one_of(  # scripts whose line breaking l10n.catalog.po shares with msgcat (see its known differences)
        st.characters(min_codepoint=1, max_codepoint=0x52F, exclude_categories=("Cs", "Cn", "Co", "Cc")),  # gettext: no EOT
        st.characters(min_codepoint=0x2000, max_codepoint=0x20CF, exclude_categories=("Cn", "Cc")),
    )
)
_reference = st.tuples(
    st.text(st.sampled_from("abcxyz/._-é"), min_size=1, max_size=30).filter(lambda p: not p.startswith("./")),
    st.one_of(st.just(""), st.integers(1, 99999).map(str)),
)


@st.composite
def _entry(draw: st.DrawFn, text: st.SearchStrategy[str]) -> polib.POEntry:
    comment = text.map(lambda t: t.replace("\r", ""))  # lines with leading and trailing spaces; a CR would end one
    entry = polib.POEntry(msgid=draw(text.filter(bool)), msgctxt=draw(st.one_of(st.none(), st.none(), text)))
    if draw(st.integers(0, 5)) == 0:
        entry.msgid_plural = draw(text.filter(bool))
        entry.msgstr_plural = {0: draw(text), 1: draw(text)}
        translated = bool(entry.msgstr_plural[0])
    else:
        entry.msgstr = draw(text)
        translated = bool(entry.msgstr)
    entry.tcomment = draw(st.one_of(st.just(""), comment))
    entry.comment = draw(st.one_of(st.just(""), comment))
    entry.occurrences = list(dict.fromkeys(draw(st.lists(_reference, max_size=6))))
    # Flags in the order gettext writes them; fuzzy only on a translated entry.
    entry.flags = [
        *(["fuzzy"] if translated and draw(st.booleans()) else []),
        *draw(st.sampled_from([[], [], ["python-format"], ["no-c-format"], ["python-brace-format"]])),
        *(["no-wrap"] if draw(st.integers(0, 4)) == 0 else []),
    ]
    if draw(st.booleans()):
        entry.previous_msgid = draw(text)
        entry.previous_msgctxt = draw(st.one_of(st.none(), text))
    entry.obsolete = translated and draw(st.integers(0, 4)) == 0
    return entry


@st.composite
def catalogs(draw: st.DrawFn, text: st.SearchStrategy[str] = _ANY_TEXT) -> polib.POFile:
    po = polib.POFile(wrapwidth=79)
    po.header = draw(st.one_of(st.just(""), text.map(lambda t: t.replace("\r", ""))))
    po.metadata = {
        "Project-Id-Version": draw(st.text(st.sampled_from("abc 1.0-é"), max_size=12).map(str.strip)),
        "Language": draw(st.sampled_from(["es", "fr", "pt_BR", "zh_Hant"])),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    po.metadata_is_fuzzy = draw(st.booleans())
    seen = set()
    for entry in draw(st.lists(_entry(text), min_size=1, max_size=6)):
        if (entry.msgctxt, entry.msgid) not in seen:  # gettext: one entry per context and msgid
            seen.add((entry.msgctxt, entry.msgid))
            po.append(entry)
    return po


def _fields(entry: polib.POEntry) -> tuple[Any, ...]:
    return (
        entry.msgctxt,
        entry.msgid,
        entry.msgid_plural,
        entry.msgstr,
        {int(k): v for k, v in entry.msgstr_plural.items()} if entry.msgid_plural else {},
        list(entry.flags),
        entry.comment,
        entry.tcomment,
        [(path, str(line)) for path, line in entry.occurrences],
        entry.previous_msgid,
        entry.previous_msgctxt if entry.previous_msgid is not None else None,
        bool(entry.obsolete),
    )


def _read(text: str) -> tuple[polib.POFile, list[tuple[Any, ...]]]:
    po = parse_po(text, "random.po")
    return po, [_fields(e) for e in po]


@_settings(100)
@given(catalogs())
def test_po_write_then_read_gives_the_same_entries(po: polib.POFile) -> None:
    text = dumps(po)
    note(text)
    read, entries = _read(text)
    expected = [e for e in po if not e.obsolete] + [e for e in po if e.obsolete]  # as written: obsolete last
    assert entries == [_fields(e) for e in expected]
    assert (read.header, read.metadata, bool(read.metadata_is_fuzzy)) == (po.header, po.metadata, po.metadata_is_fuzzy)
    assert dumps(read) == text, "writing what was read changes nothing"
    lines = text.split("\n")
    with tempfile.TemporaryDirectory() as folder:  # the fast reader that build and translate use
        path = Path(folder) / "random.po"
        path.write_text(text, "utf-8")
        views = read_translations(path, "random.po", strict=False)  # any PO file, not only a catalog of units
    simple = [e for e in expected if e.msgctxt is None and not e.msgid_plural]
    assert [(t.msgid, t.msgstr, t.fuzzy, t.obsolete, t.previous, t.flags, t.comment) for t in views] == [
        (e.msgid, e.msgstr, "fuzzy" in e.flags, e.obsolete, e.previous_msgid, tuple(e.flags), e.tcomment) for e in simple
    ]
    assert [t.references for t in views] == [as_translation(e).references for e in simple]
    for view in views:  # each entry's line is the line of its msgid
        assert lines[view.line - 1].startswith(("msgid ", "#~ msgid ")), view


@pytest.mark.filterwarnings("ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning")
@_settings(25)
@given(catalogs(_COMMON_TEXT))
def test_po_read_gives_the_same_entries_from_what_msgcat_writes(po: polib.POFile) -> None:
    for entry in po:  # a comment line ending in a backslash is one that gettext cannot read
        entry.tcomment = "\n".join(line.rstrip("\\") for line in entry.tcomment.split("\n"))
        entry.comment = "\n".join(line.rstrip("\\") for line in entry.comment.split("\n"))
    po.header = "\n".join(line.rstrip("\\") for line in po.header.split("\n"))
    text = dumps(po)
    note(text)
    _, entries = _read(text)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.po"
        path.write_text(text, "utf-8")
        for options in ([], ["--no-wrap"], ["--width=24"]):
            done = subprocess.run(
                [gettext_tool("msgcat"), *options, str(path)], capture_output=True, env={**os.environ, "LC_ALL": "C.UTF-8"}
            )
            assert done.returncode == 0, done.stderr.decode()
            written = done.stdout.decode("utf-8")
            if not options:
                assert written == text, "msgcat leaves the file as it is"
            assert _read(written)[1] == entries, options


# --- 3. Protected spans ----------------------------------------------------------------

GLOSSARY = (Term("Innerwell"), Term("FDA"), Term("NMDA"), Term("Spravato", case_sensitive=False), Term("Mayo Clinic"))
_NAMES = st.sampled_from(["Domino", "Krystal", "Zarate", "Duman", "Aghajanian", "Smith", "O'Brien", "van der Berg"])
_YEARS = st.integers(1950, 2029).map(str)
_citation = st.one_of(
    st.tuples(_NAMES, _YEARS).map(lambda t: f"({t[0]}, {t[1]})"),
    st.tuples(_NAMES, _YEARS).map(lambda t: f"({t[0]} et al., {t[1]})"),
    st.tuples(_NAMES, _NAMES, _YEARS).map(lambda t: f"({t[0]} & {t[1]}, {t[2]})"),
    st.tuples(_NAMES, _YEARS, _NAMES, _YEARS).map(lambda t: f"({t[0]}, {t[1]}; {t[2]}, {t[3]})"),
    st.integers(1, 99).map(lambda n: f"[{n}]"),
    st.tuples(st.integers(1, 9), st.integers(10, 20)).map(lambda t: f"[{t[0]}-{t[1]}]"),
)
_suffix = st.text(st.sampled_from("abcdefXYZ0123456789.-_()/;"), min_size=1, max_size=20).filter(lambda s: s[-1].isalnum())
_doi = st.one_of(
    st.tuples(st.integers(1000, 99999), _suffix).map(lambda t: f"10.{t[0]}/{t[1]}"),
    st.tuples(st.integers(1000, 99999), _suffix).map(lambda t: f"doi:10.{t[0]}/{t[1]}"),
    st.tuples(st.integers(1000, 99999), _suffix).map(lambda t: f"https://doi.org/10.{t[0]}/{t[1]}"),
)
_url = st.one_of(
    st.text(st.sampled_from("abcxyz-"), min_size=1, max_size=10)
    .filter(lambda s: s[0].isalpha())
    .map(lambda s: f"https://{s}.example.org/path?q=1"),
    st.just("www.innerwell.com"),
    st.just("<https://example.org/a>"),
    st.just("care@example.org"),
)
_code_span = (
    st.text(st.sampled_from("abc <>&\"'*_[]()\\x=1"), min_size=1, max_size=12)
    .filter(lambda s: s.strip() == s and "`" not in s)
    .map(lambda s: f"`{s}`")
)
_number = st.one_of(
    st.tuples(st.integers(0, 999), st.integers(0, 99), st.sampled_from(["mg/kg", "mg", "mL", "%", "°C", "mmHg", "h"])).map(
        lambda t: f"{t[0]}.{t[1]} {t[2]}"
    ),
    st.integers(1000, 99999).map(lambda n: f"{n:,}"),
    st.tuples(st.integers(1, 9), st.integers(10, 19)).map(lambda t: f"{t[0]}–{t[1]}"),
    st.integers(1, 99).map(lambda n: f"{n} ± 2"),
)
_term = st.sampled_from(["Innerwell", "FDA", "NMDA", "Spravato", "SPRAVATO", "spravato", "Mayo Clinic", "Mayo  Clinic"])
_spans = {"citation": _citation, "doi": _doi, "url": _url, "code": _code_span, "number": _number, "term": _term}
_LOOKALIKES = st.sampled_from(
    [
        '<x id="1"></x>',
        "<x id=2/>",
        "<X ID='3'>",
        "</x>",
        "&amp;",
        "&lt;",
        "<span>",
        "<!--",
        "<",
        ">",
        "&",
        "\x01",
        "\ufffe",
        "[a](b)",
        "**",
        "\\",
        "⟦1⟧",
    ]
)
_prose = st.sampled_from(
    [
        "ketamine",
        "is",
        "administered",
        "at",
        "doses",
        "of",
        "see",
        "and",
        "in",
        "the",
        "trial",
        "patients",
        "with",
        "e.g.",
        "la",
        "dosis",
        "für",
        "über",
    ]
)


@st.composite
def _sentence(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]]]:
    """A sentence of words and protected items, each surrounded by spaces; and the items put in."""
    parts, items = [], []
    for _ in range(draw(st.integers(1, 12))):
        if draw(st.integers(0, 2)) == 0:
            kind = draw(st.sampled_from(sorted(_spans)))
            item = draw(_spans[kind])
            parts.append(item)
            items.append((kind, item))
        else:
            parts.append(draw(_prose))
    return " ".join(parts) + draw(st.sampled_from(["", ".", "?"])), items


@_settings(200)
@given(_sentence(), st.lists(st.tuples(st.integers(0, 400), _LOOKALIKES), max_size=4))
def test_mask_then_unmask_is_the_identity(sentence: tuple[str, list[tuple[str, str]]], noise: list[tuple[int, str]]) -> None:
    text, _ = sentence
    for position, lookalike in noise:
        position %= len(text) + 1
        text = text[:position] + lookalike + text[position:]
    spans = find_spans(text, GLOSSARY)
    masked = mask(text, spans)
    assert unmask(masked.text, masked) == text
    originals = iter(original for _, original in masked.placeholders)
    assert all(span.text in originals for span in spans), "each span has its placeholder, in order"
    assert "&" not in masked.text
    assert masked.text.count("<") == masked.text.count(">") == 2 * len(masked.placeholders)


@_settings(200)
@given(_sentence())
def test_every_protected_item_in_a_sentence_is_found(sentence: tuple[str, list[tuple[str, str]]]) -> None:
    text, items = sentence
    spans = find_spans(text, GLOSSARY)
    masked = mask(text, spans)
    assert unmask(masked.text, masked) == text
    for kind, item in items:
        core = item.strip("<>")
        assert any(core in span.text for span in spans), f"{kind} {item!r} not protected in {text!r}: {spans}"
        assert core not in masked.text.replace("<x id=", "").replace("></x>", ""), f"{kind} {item!r} still in the masked text"
