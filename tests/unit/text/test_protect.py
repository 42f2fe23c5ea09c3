"""Protected spans and placeholders: fixture cases, the CommonMark spec, and properties.

The fixture files under ``fixtures/protect/`` hold one case per unit text (title,
``.``, the text, ``.``, one ``kind: text`` line per span, ``.``), found with the
glossary below.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from conftest import SPEC, examples, shared_file, spec_examples
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.utils import read_fixture_file

from l10n.core.errors import L10nError, PlaceholderError
from l10n.text.placeholders import Masked, mask, placeholder_problems, reordered, unmask
from l10n.text.spans import KINDS, Span, Term, describe, find_spans, spans_multiset

FIXTURES = sorted((Path(__file__).parents[2] / "fixtures" / "protect").glob("*.md"))
CASES = [(path.stem, *case) for path in FIXTURES for case in read_fixture_file(path)]
GLOSSARY = (
    Term("Innerwell"),
    Term("FDA"),
    Term("NMDA"),
    Term("MDD"),
    Term("Spravato", case_sensitive=False),
    Term("Mayo Clinic"),
)
PROPERTY = settings(max_examples=examples(150), deadline=None)


def check_spans(text: str, spans: list[Span]) -> None:
    """*spans* are valid for *text*: in range, holding its characters, sorted, disjoint."""
    end = 0
    for span in spans:
        assert span.kind in KINDS
        assert end <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
        end = span.end


# --- What is protected ---------------------------------------------------------------


def test_fixture_files_are_found() -> None:
    assert {path.stem for path in FIXTURES} >= {"citations", "identifiers", "markdown", "numbers", "terms", "seed"}
    assert len(CASES) > 80


@pytest.mark.parametrize(("name", "line", "title", "source", "expected"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_spans(name: str, line: int, title: str, source: str, expected: str) -> None:
    text = source.removesuffix("\n")
    spans = find_spans(text, GLOSSARY)
    check_spans(text, spans)
    assert "".join(f"{entry}\n" for entry in describe(spans)) == expected


def test_seed_fixture_holds_every_unit_with_spans() -> None:
    from l10n.document import walker

    source = (Path(__file__).parents[2].parent / "source" / "exploring-ketamine.md").read_bytes()
    covered = {case[3].removesuffix("\n") for case in CASES if case[0] == "seed"}
    for unit in walker.parse(source, "s.md").units:
        if find_spans(unit.text, GLOSSARY):
            assert unit.text in covered, f"line {unit.line} has spans but no case in seed.md"


def test_term_protocol_accepts_any_object_with_the_fields() -> None:
    class Entry:
        text = "innerwell"
        case_sensitive = False

    assert describe(find_spans("Try INNERWELL.", [Entry()])) == ["term: INNERWELL"]


def test_without_terms_acronyms_are_text() -> None:
    assert find_spans("The FDA and NMDA receptors") == []


def test_describe_is_one_line_per_span() -> None:
    spans = find_spans("`a\nb` and doi:10.1016/j.neuron.2013.10.005")
    assert describe(spans) == ["code: `a⏎b`", "doi: doi:10.1016/j.neuron.2013.10.005"]


# --- The Markdown scanner agrees with markdown-it on the CommonMark spec ---------------

_MD = MarkdownIt("commonmark")


def _paragraph(markdown: str) -> Any:
    """The inline token of *markdown* if it is one paragraph without link definitions."""
    env: dict[str, Any] = {}
    tokens = _MD.parse(markdown, env)
    if [t.type for t in tokens] != ["paragraph_open", "inline", "paragraph_close"] or env.get("references"):
        return None
    return tokens[1]


_PARAGRAPHS = [e for e in spec_examples() if _paragraph(str(e["markdown"]))] or [{"example": 0, "markdown": None}]


def _counts(tokens: list[Any]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for token in tokens:
        if token.type == "code_inline":
            counts["code"] += 1
        elif token.type == "html_inline":
            counts["html"] += 1
        elif token.type == "link_open":
            counts["url" if token.markup == "autolink" else "link-target"] += 1
        elif token.type == "image":
            counts["link-target"] += 1
        counts.update(_counts(token.children or []))
    return counts


@pytest.mark.parametrize("example", _PARAGRAPHS, ids=lambda e: f"spec-{e['example']}")
def test_markdown_syntax_matches_markdown_it(example: dict[str, Any]) -> None:
    """Code spans, raw HTML, autolinks and link targets are found where markdown-it finds them."""
    if example["markdown"] is None:
        shared_file(SPEC)
    inline = _paragraph(str(example["markdown"]))
    text = inline.content
    spans = find_spans(text)
    check_spans(text, spans)
    found = Counter(  # not entities, bare URLs or numbers: markdown-it has no token for them
        "url" if s.kind == "doi" else s.kind for s in spans if s.kind in ("code", "link-target") or s.text.startswith("<")
    )
    expected = _counts([inline])
    kinds = ("code", "html", "url", "link-target")
    assert {k: found[k] for k in kinds} == {k: expected[k] for k in kinds}


# --- Masking ---------------------------------------------------------------------------


def test_mask_the_seed_sentence() -> None:
    text = "Approved by the FDA in 1970 for human use (Domino, 2010), ketamine differs"
    masked = mask(text, find_spans(text, GLOSSARY))
    assert masked.text == ('Approved by the <x id="1"></x> in <x id="2"></x> for human use <x id="3"></x>, ketamine differs')
    assert masked.placeholders == (
        ('<x id="1"></x>', "FDA"),
        ('<x id="2"></x>', "1970"),
        ('<x id="3"></x>', "(Domino, 2010)"),
    )
    german = 'Von der <x id="1"></x> <x id="2"></x> zugelassen <x id="3"></x>, unterscheidet sich Ketamin'
    assert placeholder_problems(german, masked) == []
    assert unmask(german, masked) == "Von der FDA 1970 zugelassen (Domino, 2010), unterscheidet sich Ketamin"


def test_mask_escapes_placeholder_lookalikes_and_markup_characters() -> None:
    text = 'Literal <x id="1"></x> & <b (Domino, 2010) &amp; p > 0.05\x0c'
    citation = text.index("(")
    masked = mask(text, [Span("citation", citation, citation + 14, "(Domino, 2010)")])
    assert masked.text == (
        'Literal <x id="1"></x> <x id="2"></x> <x id="3"></x>b <x id="4"></x> <x id="5"></x> p <x id="6"></x> 0.05<x id="7"></x>'
    )
    originals = [original for _, original in masked.placeholders]
    assert originals == ['<x id="1"></x>', "&", "<", "(Domino, 2010)", "&amp;", ">", "\x0c"]
    assert unmask(masked.text, masked) == text


@pytest.mark.parametrize(
    "variant",
    [
        '<x id="2"></x>',
        '<x id="2"/>',
        '<x id="2" />',
        '<x id="2">',
        '<X ID="2"></X>',
        "<x id='2'></x>",
        "<x id=2>",
        '< x id = " 2 " / >',
        "<x id=“2”></x>",
        "<x id=«2»></x>",
        '<x id="٢"></x>',
    ],
)
def test_unmask_tolerates_unambiguous_engine_changes(variant: str) -> None:
    masked = mask("a 10 mg b FDA c", find_spans("a 10 mg b FDA c", GLOSSARY))
    translated = f'x <x id="1"></x> y {variant} z'
    assert placeholder_problems(translated, masked) == []
    assert unmask(translated, masked) == "x 10 mg y FDA z"


@pytest.mark.parametrize(
    ("translated", "problem"),
    [
        ('<x id="1"></x> y', "missing placeholder <x id=\"2\"></x> for 'FDA'"),
        ('<x id="1"></x> <x id="2"></x> <x id="2"/>', "placeholder <x id=\"2\"></x> for 'FDA' appears 2 times"),
        ('<x id="1"></x> <x id="3"></x> <x id="2"></x>', "unknown placeholder '<x id=\"3\"></x>'"),
        ('<x id="1"></x> <x id="2"', "mangled placeholder at '<x id=\"2\"'"),
        ('<x id="1"></x> <y id="2"></y>', "mangled placeholder at '<y id=\"2\">'"),
        ('<x id="1"></x> <x id="2">FDA</x>', "mangled placeholder at '</x>'"),
        ('<x id="1"></x> <x id="2"></x> <br>', "mangled placeholder at '<br>'"),
        ('<x id="1"></x> <x id="2"></x> x < y', "mangled placeholder at '< y'"),
        ('<x id="1"></x> <x id="2"></x>: p > 0.05', "mangled placeholder at ': p >'"),
        ('<x id="1"></x> x id="2"></x>', "mangled placeholder at ' x id=\"2\">'"),
    ],
)
def test_placeholder_problems_are_reported(translated: str, problem: str) -> None:
    masked = mask("10 mg and FDA", find_spans("10 mg and FDA", GLOSSARY))
    assert problem in placeholder_problems(translated, masked)
    with pytest.raises(PlaceholderError) as caught:
        unmask(translated, masked)
    assert problem in caught.value.problems
    assert isinstance(caught.value, L10nError)
    assert str(caught.value).startswith("placeholders not preserved: ")


@pytest.mark.parametrize(
    "spans",
    [
        [Span("number", 0, 2, "10"), Span("number", 1, 3, "0 ")],
        [Span("number", 0, 0, "")],
        [Span("number", 5, 20, "x")],
        [Span("number", 0, 2, "xx")],
    ],
    ids=["overlap", "empty", "out of range", "wrong text"],
)
def test_mask_rejects_invalid_spans(spans: list[Span]) -> None:
    with pytest.raises(ValueError, match="does not fit"):
        mask("10 mg", spans)


def test_spans_multiset_shows_changed_dropped_and_duplicated_spans() -> None:
    source = "Approved by the FDA in 1970 (Domino, 2010), at 0.5 mg/kg."
    faithful = "Von der FDA 1970 zugelassen (Domino, 2010), mit 0.5 mg/kg."
    assert spans_multiset(faithful, GLOSSARY) == spans_multiset(source, GLOSSARY)
    for wrong in (
        "Von der FDA 1970 zugelassen (Domino, 2011), mit 0.5 mg/kg.",
        "Von der FDA 1970 zugelassen, mit 0.5 mg/kg.",
        "Von der FDA 1970 zugelassen (Domino, 2010) (Domino, 2010), mit 0.5 mg/kg.",
        "Von der FDA 1970 zugelassen (Domino, 2010), mit 0,5 mg/kg.",
    ):
        assert spans_multiset(wrong, GLOSSARY) != spans_multiset(source, GLOSSARY), wrong


# --- Properties ------------------------------------------------------------------------

_FRAGMENTS = [
    '<x id="1"></x>',
    '<x id="2"/>',
    "<X ID = '3' />",
    "<x id=4>",
    "</x>",
    "⟦1⟧",
    "&amp;",
    "&#169;",
    "&lt;x",
    "(Domino, 2010)",
    "(see Smith, 2010; Lee, 2011)",
    "[12]",
    '[a](b "t")',
    "[a][b]",
    "10 mg",
    "1,000.5",
    "https://doi.org/10.1000/x)",
    "10.1097/ALN.0b013e3181ed09a2.",
    "`",
    "``",
    "<span>",
    "<!--",
    "-->",
    "FDA",
    "innerwell",
    "\\",
    "]]>",
    "\x00\x1f\ufffe",
    *"<>&\"'⟦⟧[]()!*_-.,;:/@ \n\t\r1a",
]
texts = st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=4)), max_size=25).map("".join)


def _masked_invariants(text: str, masked: Masked) -> None:
    assert "&" not in masked.text
    ElementTree.fromstring(f"<t>{masked.text}</t>")  # well-formed XML, as DeepL's tag handling needs
    assert masked.text.count("<") == masked.text.count(">") == 2 * len(masked.placeholders)
    assert [p for p, _ in masked.placeholders] == [f'<x id="{i}"></x>' for i in range(1, len(masked.placeholders) + 1)]
    assert placeholder_problems(masked.text, masked) == []
    assert unmask(masked.text, masked) == text


@PROPERTY
@given(texts)
def test_find_spans_then_mask_round_trips(text: str) -> None:
    spans = find_spans(text, GLOSSARY)
    check_spans(text, spans)
    assert spans_multiset(text, GLOSSARY) == Counter((s.kind, s.text) for s in spans)
    _masked_invariants(text, mask(text, spans))


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[Span]]:
    text = draw(texts)
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=12)))
    pairs = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b]
    kept = [pair for pair in pairs if draw(st.booleans())]
    return text, [Span(draw(st.sampled_from(KINDS)), a, b, text[a:b]) for a, b in kept]


@PROPERTY
@given(text_and_spans())
def test_mask_round_trips_any_valid_span_list(case: tuple[str, list[Span]]) -> None:
    text, spans = case
    _masked_invariants(text, mask(text, spans[::-1]))


_PLACEHOLDER = re.compile(r'<x id="(\d+)"></x>')
_VARIANTS = ['<x id="{}"/>', "<X id='{}' />", '<x id = "{}"></X>', "<x id={}>", '<x id="{}"></x>']


@PROPERTY
@given(texts, st.data())
def test_an_engine_may_reorder_respell_and_translate_around_placeholders(text: str, data: st.DataObject) -> None:
    masked = mask(text, find_spans(text, GLOSSARY))
    pieces = _PLACEHOLDER.split(masked.text)  # text, id, text, id, ..., text
    ids = pieces[1::2]
    order = data.draw(st.permutations(range(len(ids))))
    out, expected = [], []
    for slot, index in enumerate(order):
        form = data.draw(st.sampled_from(_VARIANTS))
        words = pieces[2 * slot].upper()
        out += [words, form.format(ids[index])]
        expected += [words, masked.placeholders[int(ids[index]) - 1][1]]
    out.append(pieces[-1].upper())
    expected.append(pieces[-1].upper())
    assert unmask("".join(out), masked) == "".join(expected)


@PROPERTY
@given(texts, st.data())
def test_dropped_duplicated_and_altered_placeholders_are_detected(text: str, data: st.DataObject) -> None:
    masked = mask(text + " FDA", find_spans(text + " FDA", GLOSSARY))
    number = data.draw(st.integers(1, len(masked.placeholders)))
    placeholder = f'<x id="{number}"></x>'
    altered = data.draw(
        st.sampled_from(
            [
                "",  # dropped
                placeholder * 2,  # duplicated
                f'<x id="{len(masked.placeholders) + 1}"></x>',  # renumbered
                f'<x id="{number}"',  # truncated
                f'x id="{number}"></x>',  # lost its "<"
                f'<y id="{number}"></y>',  # renamed
                f'<x id="{number}">words</x>',  # wrapped around words
                f'<x id="{number}{number}"></x>',  # id changed
            ]
        )
    )
    translated = masked.text.replace(placeholder, altered, 1)
    assert placeholder_problems(translated, masked)
    with pytest.raises(PlaceholderError):
        unmask(translated, masked)


@PROPERTY
@given(texts, st.data())
def test_reordered_reports_exactly_the_orders_that_move_protected_texts(text: str, data: st.DataObject) -> None:
    masked = mask(text, find_spans(text, GLOSSARY))
    pieces = _PLACEHOLDER.split(masked.text)
    ids = pieces[1::2]
    order = data.draw(st.permutations(range(len(ids))))
    out = [piece for slot, index in enumerate(order) for piece in (pieces[2 * slot], f'<x id="{ids[index]}"></x>')]
    translated = "".join([*out, pieces[-1]])
    moved = [masked.placeholders[int(ids[i]) - 1][1] for i in order] != [original for _, original in masked.placeholders]
    assert reordered(translated, masked) == (tuple(int(ids[i]) for i in order) if moved else ())


@pytest.mark.parametrize(
    ("source", "translated", "expected"),
    [
        ("Start at 1 mg/kg, never above 0.5 mg/kg.", 'Empiece con <x id="2"></x>, nunca más de <x id="1"></x>.', (2, 1)),
        ("Start at 1 mg/kg, never above 0.5 mg/kg.", 'Nunca más de <x id="2"></x>; empiece con <x id="1"></x>.', (2, 1)),
        ("Start at 1 mg/kg, never above 0.5 mg/kg.", 'Empiece con <x id="1"></x>, nunca más de <x id="2"></x>.', ()),
        ("Take 5 mg, then 5 mg.", 'Tome <x id="2"></x>, luego <x id="1"></x>.', ()),  # equal texts: nothing moves
        ("From 1 to 2 mg (Domino, 2010).", '<x id="3"></x> De <x id="2"></x> a <x id="1"></x>.', (3, 2, 1)),
        ("From 1 to 2 mg (Domino, 2010).", 'De <x id="2"></x> a <x id="2"></x> (<x id="1"></x>).', (2, 1)),  # damaged too
    ],
)
def test_reordered_names_the_order_the_engine_returned(source: str, translated: str, expected: tuple[int, ...]) -> None:
    assert reordered(translated, mask(source, find_spans(source, GLOSSARY))) == expected
