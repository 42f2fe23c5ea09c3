"""The ``Plural-Forms`` table (``l10n/data/plural_forms.toml``): GNU gettext's, whatever Babel is installed.

Its ``[gettext]`` part is held against the real ``msginit`` for every locale the installed one
knows; its ``[others]`` part only names locales ``msginit`` does not know. Through the CLI, a new
catalog's header is the table's: ``l10n init it`` writes two forms, as ``msginit`` does, where
Babel 2.19's CLDR table gives Italian a third form for exact millions.
"""

from __future__ import annotations

import gettext
import re
import subprocess
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, Run, assert_gettext_canonical, gettext_tool

from l10n.catalog.merge import same_plural_forms
from l10n.core.locales import plural_forms

TABLE = tomllib.loads((ROOT / "l10n" / "data" / "plural_forms.toml").read_text("utf-8"))
POT = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'


def _msginit(locale: str, tmp_path: Path) -> str | None:
    """The ``Plural-Forms`` value ``msginit`` writes for *locale*, or None when it knows none."""
    pot = tmp_path / "x.pot"
    pot.write_text(POT, "utf-8")
    done = subprocess.run(
        [gettext_tool("msginit"), "--no-translator", "--no-wrap", "-l", locale, "-i", str(pot), "-o", "-"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"},  # no GETTEXTCLDRDIR: msginit's own table only
        check=True,
    )
    found = re.search(r'^"Plural-Forms: (.*)\\n"$', done.stdout, re.MULTILINE)
    return found[1] if found else None


@pytest.mark.parametrize("locale", sorted(TABLE["gettext"]))
def test_the_gettext_part_is_what_msginit_writes(locale: str, tmp_path: Path) -> None:
    written = _msginit(locale, tmp_path)
    if written is None:
        assert locale == "ca", f"msginit knows no rule for {locale}; only Catalan came after gettext 0.21"
        pytest.skip(f"the installed msginit is older than {locale}'s entry in gettext's table")
    assert plural_forms(locale) == written == TABLE["gettext"][locale]


@pytest.mark.parametrize("locale", sorted(TABLE["others"]))
def test_the_other_part_names_only_locales_msginit_does_not_know(locale: str, tmp_path: Path) -> None:
    assert locale not in TABLE["gettext"]
    assert _msginit(locale, tmp_path) is None, f"msginit has a rule for {locale}: it belongs in [gettext]"
    assert plural_forms(locale) == TABLE["others"][locale]


def test_msginit_knows_most_of_the_table(tmp_path: Path) -> None:
    """The comparison above is not vacuous: the installed msginit knows the common locales."""
    for locale in ("es", "fr", "it", "de", "pt_BR", "pl", "ru", "ja", "ko"):
        assert _msginit(locale, tmp_path) == plural_forms(locale)


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("it", "nplurals=2; plural=(n != 1);"),
        ("es", "nplurals=2; plural=(n != 1);"),
        ("fr", "nplurals=2; plural=(n > 1);"),
        ("pt_BR", "nplurals=2; plural=(n > 1);"),
        ("pt_PT", "nplurals=2; plural=(n != 1);"),  # by its language, as msginit looks it up
        ("sr_Latn", TABLE["gettext"]["sr"]),
        ("zh_Hant", "nplurals=1; plural=0;"),
        ("ar", TABLE["others"]["ar"]),
        ("sw", "nplurals=2; plural=(n != 1);"),  # in neither part: the default
    ],
)
def test_a_locale_is_looked_up_by_code_then_language(locale: str, expected: str) -> None:
    assert plural_forms(locale) == expected


def test_every_rule_is_valid_gettext() -> None:
    """Each value reads as C and its nplurals covers every form it picks (what msgfmt checks)."""
    values = [TABLE["default"], *TABLE["gettext"].values(), *TABLE["others"].values()]
    for value in values:
        assert same_plural_forms(value, value), value
        count, expression = re.fullmatch(r"nplurals=(\d+); plural=(.+);", value).groups()  # type: ignore[union-attr]
        rule = gettext.c2py(expression)
        assert {rule(n) for n in range(10_000)} <= set(range(int(count))), value


@pytest.mark.parametrize(
    ("locale", "expected"), [("it", "nplurals=2; plural=(n != 1);"), ("pt_BR", "nplurals=2; plural=(n > 1);")]
)
def test_init_writes_the_tables_rule(project: Path, l10n: Callable[..., Run], locale: str, expected: str) -> None:
    assert l10n("extract").code == 0
    result = l10n("init", locale)
    assert result.code == 0, result.err
    po = project / "locales" / locale / "LC_MESSAGES" / "exploring-ketamine.po"
    assert f'"Plural-Forms: {expected}\\n"' in po.read_text("utf-8")
    assert_gettext_canonical(po)
    assert l10n("extract", "--check").code == 0
