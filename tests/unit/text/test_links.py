"""Links: references resolved against the article's definitions, targets, pairing, localized links.

The cases of ``fixtures/links.md`` carry their article's link definitions (see
:mod:`check_cases`). The round trips translate every unit of the CommonMark spec
examples and of the seed article with a pseudo-translator that also rewrites the
text of collapsed and shortcut references: every such translation must be caught, so
that no built document loses a link.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polib
import pytest
from check_cases import findings
from conftest import SEED, SPEC, Run, publish_partial, shared_file, spec_examples
from markdown_it import MarkdownIt
from markdown_it.utils import read_fixture_file
from pseudo import pseudo

from l10n import checks
from l10n.catalog.hints import hints
from l10n.document import model, splice, walker
from l10n.glossary.model import Glossary
from l10n.text import links

CASES = read_fixture_file(Path(__file__).parents[2] / "fixtures" / "links.md")


@pytest.mark.parametrize(("line", "title", "given", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_links_fixture(line: int, title: str, given: str, expected: str) -> None:
    assert findings(given) == expected


_RENDER = MarkdownIt("commonmark").render
_BRACKETS = re.compile(r"(?<![\]\\])(\[)((?:[^\[\]\\]|\\.)*)(\])")
_ACCENTS = str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ")


def pseudo_references(text: str) -> str:
    """:func:`pseudo`, which keeps bracketed text, after accenting the text in every bracket pair.

    A careless translator: the text of collapsed and shortcut references is also
    their label, so this unlinks them; the label of a full reference (right after a
    ``]``) is kept.
    """
    return pseudo(_BRACKETS.sub(lambda m: m[1] + m[2].translate(_ACCENTS) + m[3], text))


def _targets(html: str) -> Counter[tuple[str, str]]:
    """Every link and image target of rendered HTML."""
    found: Counter[tuple[str, str]] = Counter()
    for tag, _, value in re.findall(r'<(a|img)\b[^>]*?\b(href|src)="([^"]*)"', html):
        found[(tag, value)] += 1
    return found


def _build(doc: model.Document, translate: Any) -> tuple[str, int]:
    """*doc* built with its units translated by *translate*, failing ones kept in the source, as ``l10n build`` does.

    Returns the post and how many units fell back. The glossary is left out: its
    rules would fail every pseudo-translated unit of the seed article.
    """
    scope = checks.Scope(doc.references)
    kept, failed = {}, 0
    for unit in doc.units:
        translation = translate(unit.text)
        ctx = checks.Context(unit.text, translation, "es", Glossary(), "en", scope)
        if any(c.severity == checks.ERROR for c, _ in checks.run(ctx)):
            failed += 1
        else:
            kept[unit.text] = translation
    text, _ = splice.render(doc, kept, None)
    return text, failed


_EXAMPLES = spec_examples() or [{"example": 0, "markdown": None}]


@pytest.mark.parametrize("example", _EXAMPLES, ids=lambda e: f"spec-{e['example']}")
def test_no_built_spec_example_loses_a_link(example: dict[str, Any]) -> None:
    if example["markdown"] is None:
        shared_file(SPEC)
    source = str(example["markdown"])
    doc = walker.parse(source.encode("utf-8"), "spec.md")
    built, _ = _build(doc, pseudo_references)
    assert _targets(_RENDER(source)) - _targets(_RENDER(built)) == Counter()


def test_the_round_trip_unlinks_references_and_each_is_caught(spec: list[dict[str, Any]]) -> None:
    """The round trip proves something: many units lose a link to the pseudo-translator, and every one is reported."""
    unlinked = 0
    for example in spec:
        doc = walker.parse(str(example["markdown"]).encode(), "spec.md")
        env = links.env(doc.references)
        for unit in doc.units:
            translation = pseudo_references(unit.text)
            before, after = _targets(_RENDER(unit.text, dict(env))), _targets(_RENDER(translation, dict(env)))
            if before == after:
                continue
            ctx = checks.Context(unit.text, translation, "es", Glossary(), "en", checks.Scope(doc.references))
            reported = {c.name for c, _ in checks.run(ctx)}
            if before - after:
                unlinked += 1
                assert reported & {"links", "protected-spans"}, (example["example"], unit.text)  # autolinks: URL spans
            if after - before:
                assert "injection" in reported, (example["example"], unit.text)
    assert unlinked > 40


def test_no_built_seed_loses_a_link() -> None:
    source = SEED.read_text("utf-8")
    doc = walker.parse(source.encode(), "source/exploring-ketamine.md")
    built, failed = _build(doc, pseudo_references)
    assert _targets(_RENDER(built)) == _targets(_RENDER(source))
    assert failed < len(doc.units) and built != source


REFERENCED = (
    "Report side effects on the [GitHub issue tracker] or see [*our* policy][].\n\n"
    "[github issue tracker]: https://github.com/innerwell/site/issues\n"
    "[*our* policy]: https://example.org/policy\n"
)


def test_the_hint_names_each_label_to_keep() -> None:
    doc = walker.parse(REFERENCED.encode(), "a.md")
    lines = hints(doc.units[0].text, Glossary(), ("es",), doc.references)
    assert lines[-2:] == [
        "keep the label: [GitHub issue tracker] (a link reference; to translate its text, write [text][GitHub issue tracker])",
        "keep the label: [*our* policy] (a link reference; to translate its text, write [text][*our* policy])",
    ]
    assert not any("keep the label" in line for line in hints(doc.units[0].text, Glossary(), ("es",)))


def _translate(po_path: Path, msgid: str, msgstr: str, fuzzy: bool = False) -> None:
    po = polib.pofile(str(po_path))
    entry = po.find(msgid)
    entry.msgstr = msgstr
    entry.flags = ["fuzzy"] if fuzzy else []
    po.save(str(po_path))


def test_a_relabelled_reference_is_reported_and_never_published(project: Path, l10n: Callable[..., Run]) -> None:
    """``check``, ``build`` (through the policy), ``status`` and ``review`` all see the article's definitions."""
    source = project / "source" / "exploring-ketamine.md"
    source.write_text(source.read_text("utf-8").replace("\n## References", f"\n{REFERENCED}\n## References"), "utf-8")
    assert l10n("extract").code == 0
    catalog = project / "locales" / "es" / "LC_MESSAGES" / "exploring-ketamine.po"
    msgid = REFERENCED.split("\n")[0]
    assert "keep the label: [GitHub issue tracker]" in polib.pofile(str(catalog)).find(msgid).comment
    good = "Informe de efectos secundarios en el [gestor de GitHub][GitHub issue tracker] o vea [*our* policy][]."
    bad = "Informe de efectos secundarios en el [gestor de incidencias de GitHub] o vea [*nuestra* política][]."
    _translate(catalog, msgid, good)
    assert "[links]" not in l10n("check", "--locale", "es").out

    _translate(catalog, msgid, bad)
    result = l10n("check", "--locale", "es")
    assert result.code == 1
    assert "error [links] link 'GitHub issue tracker' is lost: [GitHub issue tracker] is a reference" in result.out
    assert "error [links] link 'our policy' is lost" in result.out
    publish_partial(project)
    assert l10n("build", "--locale", "es").code == 0
    built = (project / "build" / "es" / "exploring-ketamine.md").read_text("utf-8")
    assert msgid in built and bad not in built
    status = json.loads(l10n("status", "--format", "json", "--locale", "es").out)
    assert status["articles"][0]["units"]["failing"] >= 1

    _translate(catalog, msgid, bad, fuzzy=True)
    refused = l10n("review", "approve", "--locale", "es", "--all", "--yes", "--reviewer", "R")
    assert "is lost: [GitHub issue tracker] is a reference" in refused.out + refused.err
    assert "fuzzy" in polib.pofile(str(catalog)).find(msgid).flags


@pytest.mark.parametrize(
    ("patterns", "message"),
    [
        ('["https://{lang}.wikipedia.org"]', "write the host and path without the scheme"),
        ('["wikipedia.org/wiki"]', "expected one '{lang}' as a whole host label or path segment"),
        ('["docs.example.org/{lang}-x/"]', "expected one '{lang}' as a whole host label or path segment"),
        ('"{lang}.wikipedia.org"', "expected a list of URL patterns"),
    ],
)
def test_bad_localized_links_are_configuration_errors(
    patterns: str, message: str, project: Path, l10n: Callable[..., Run]
) -> None:
    (project / "l10n.toml").write_text(f'locales = ["es"]\n\n[check]\nlocalized_links = {patterns}\n', "utf-8")
    result = l10n("check")
    assert result.code == 2
    assert result.err.startswith("Error: l10n.toml:4: check.localized_links: ") and message in result.err


def test_localized_links_reach_l10n_check(project: Path, l10n: Callable[..., Run]) -> None:
    source = project / "source" / "exploring-ketamine.md"
    extra = "See [ketamine](https://en.wikipedia.org/wiki/Ketamine).\n"
    source.write_text(source.read_text("utf-8").replace("\n## References", f"\n{extra}\n## References"), "utf-8")
    assert l10n("extract").code == 0
    catalog = project / "locales" / "es" / "LC_MESSAGES" / "exploring-ketamine.po"
    _translate(catalog, extra.strip(), "Vea [ketamina](https://es.wikipedia.org/wiki/Ketamine).")
    unconfigured = l10n("check")
    assert unconfigured.code == 0  # a warning: the same article in the reader's language
    assert "warning [link-language] link 'ketamina' goes to 'https://es.wikipedia.org/wiki/Ketamine'" in unconfigured.out
    assert "add '{lang}.wikipedia.org' to [check] localized_links" in unconfigured.out
    _translate(catalog, extra.strip(), "Vea [ketamine](https://es.wikipedia.org/wiki/Ketamine).")
    kept = l10n("check")  # the link text is the source's: a changed target stays an error
    assert kept.code != 0 and "link target 'https://es.wikipedia.org/wiki/Ketamine' is not in the source" in kept.out
    _translate(catalog, extra.strip(), "Vea [ketamina](https://es.wikipedia.org/wiki/Ketamine).")
    with (project / "l10n.toml").open("a", encoding="utf-8") as config:
        config.write('\n[check]\nlocalized_links = ["*.wikipedia.org"]\n')
    assert "wikipedia" not in l10n("check").out
