"""A locale whose sources use glossary terms it has no rendering for (issue 25), on every surface.

``l10n init`` says it for the locales it adds, ``l10n check`` once per locale on standard error
(its exit code and its JSON output as without it), ``l10n status`` in every format. The project is
``fixtures/glossary_gaps``: es renders every term, it some, ar none.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest
from conftest import FIXTURES, Run

from l10n.glossary.schema import forget_glossaries

AR = (
    'glossary.yaml: ar has no rendering for any of the 6 glossary terms its sources use ("ketamine", '
    '"depression", "anxiety" and 3 more); its translations are not held to them'
)
IT = (
    'glossary.yaml: it has no rendering for 4 of the 5 glossary terms its sources use ("depression", '
    '"anxiety", "session" and 1 more); its translations are not held to them'
)
IT_AFTERCARE = (
    'glossary.yaml: it has no rendering for 3 of the 4 glossary terms its sources use ("depression", '
    '"session", "clinicians"); its translations are not held to them'
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "glossary_gaps", root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763900000")
    forget_glossaries()
    return root


def _warnings(err: str) -> list[str]:
    return [line.removeprefix("Warning: ") for line in err.splitlines() if "glossary term" in line]


def test_init_says_the_terms_each_new_locale_needs(project: Path, l10n: Callable[..., Run]) -> None:
    result = l10n("init", "ar", "it")
    assert result.code == 0, result.err
    assert result.err == f"Warning: {AR}\nWarning: {IT}\n"
    assert "added locale: ar\nadded locale: it\n" in result.out
    again = l10n("init", "ar", "es")  # nothing added: nothing to say
    assert (again.code, _warnings(again.err)) == (0, [])


def test_init_of_a_locale_the_glossary_renders_says_nothing(project: Path, l10n: Callable[..., Run]) -> None:
    (project / "l10n.toml").write_text('source_locale = "en"\nlocales = []\n', "utf-8")
    result = l10n("init", "es")
    assert (result.code, result.err) == (0, "")


def test_check_warns_once_per_locale_and_exits_as_before(project: Path, l10n: Callable[..., Run]) -> None:
    assert l10n("init", "ar", "it").code == 0
    text = l10n("check")
    assert text.code == 0, text.err
    assert _warnings(text.err) == [AR, IT], "once per locale, in the configured order, es not named"
    assert text.err.endswith("0 error(s), 0 warning(s), 0 waived\n"), "not counted among the findings"
    assert _warnings(l10n("check", "--locale", "it", "--article", "aftercare").err) == [IT_AFTERCARE]
    out = l10n("check", "--format", "json")
    assert (out.code, json.loads(out.out)) == (0, [])
    assert _warnings(out.err) == [AR, IT]


def test_check_keeps_its_exit_code_on_an_error(project: Path, l10n: Callable[..., Run]) -> None:
    assert l10n("init", "ar").code == 0
    po = project / "locales/ar/LC_MESSAGES/aftercare.po"
    text = re.sub(r'(msgid "After a ketamine session"\nmsgstr )""', r'\1"بعد جلسة الكيتامين 5 ملغ"', po.read_text("utf-8"))
    po.write_text(text, "utf-8")
    result = l10n("check", "--locale", "ar")
    assert result.code == 1, "an error is still an error"
    assert _warnings(result.err) == [AR]
    assert "[numbers]" in result.out


def test_status_in_every_format(project: Path, l10n: Callable[..., Run]) -> None:
    assert l10n("init", "ar", "it").code == 0
    data = json.loads(l10n("status", "--format", "json").out)
    assert [row["glossary"] for row in data["locales"]] == [
        {"path": "glossary.yaml", "needed": 6, "unrendered": []},
        {
            "path": "glossary.yaml",
            "needed": 6,
            "unrendered": ["ketamine", "depression", "anxiety", "session", "treatment", "clinicians"],
        },
        {"path": "glossary.yaml", "needed": 5, "unrendered": ["depression", "anxiety", "session", "clinicians"]},
    ]
    assert l10n("status", "--format", "json", "--output", "s.json").code == 0
    assert json.loads((project / "s.json").read_text("utf-8")) == data, "the streamed document and the written one agree"
    table = l10n("status").out
    assert f"\n\nGlossary\n  {AR}\n  {IT}\n\nArticles\n" in table
    markdown = l10n("status", "--format", "markdown").out
    assert f"\n\n**Glossary:**\n\n- {AR}\n- {IT}\n\n| Article |" in markdown
    only_es = l10n("status", "--locale", "es")
    assert "Glossary" not in only_es.out
    page = l10n("status", "--format", "html", "--output", "s.html")
    assert page.code == 0
    page_text = (project / "s.html").read_text("utf-8")
    figures = {key: unescape(text) for key, text in re.findall(r'data-figure="(locale/[^/"]+/glossary)">([^<]*)<', page_text)}
    assert figures == {"locale/ar/glossary": AR, "locale/it/glossary": IT}
