"""Hostile and unlucky inputs (issue 17): no traceback, no hang, no silent loss, nothing written outside.

The one-line errors of ``l10n extract`` are data files in ``data/bad/`` (``test_errors``);
here are the cases that need a project set up around them: headers that must be
repaired, odd files in ``source/`` and ``.l10n/``, a full disk, hostile configuration,
flow-style front matter and pathological lines. Each asserts the exact message, the
exit code, and that no file changed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DATA, Run, assert_gettext_canonical
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

PO = Path("locales/es/LC_MESSAGES/exploring-ketamine.po")
SOURCE = Path("source/exploring-ketamine.md")


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every regular file of the project, .l10n included (symlinks and special files by their kind)."""
    out: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        name = str(path.relative_to(root))
        if path.is_symlink():
            out[name] = b"-> " + os.readlink(path).encode()
        elif path.is_file() and not path.is_fifo():
            out[name] = path.read_bytes()
        elif not path.is_dir():
            out[name] = b"special"
    return out


def _one_locale(project: Path) -> None:
    (project / "l10n.toml").write_text('source_locale = "en"\nlocales = ["es"]\n', "utf-8")


@pytest.mark.parametrize("name", ["header-no-content-type.po", "header-charset-utf8.po", "header-charset-empty.po"])
def test_a_header_without_a_usable_charset_is_written_utf8(name: str, project: Path, l10n: Callable[..., Run]) -> None:
    """The catalog written declares charset=UTF-8, passes msgfmt --check and msgcat keeps it; no translation lost."""
    _one_locale(project)
    (project / PO).parent.mkdir(parents=True)
    shutil.copy(DATA / "ok" / name, project / PO)
    result = l10n("extract")
    assert (result.code, result.err) == (0, "")
    text = (project / PO).read_text("utf-8")
    assert '"Content-Type: text/plain; charset=UTF-8\\n"' in text
    assert 'msgid "Nausea and vomiting"\nmsgstr "Náuseas y vómitos"' in text
    assert_gettext_canonical(project / PO)
    done = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(project / PO)], capture_output=True, text=True)
    assert "charset" not in done.stderr.lower()


# Front matter ---------------------------------------------------------------------------------------------------

_TRICKY = st.sampled_from(
    ["Hello", "A test", "a: b", "x, y", "{brace}", "[list]", "# hash", "'quote'", '"dq"', "ü ñ", "", "- dash", "yes", "1.5"]
)
_VALUE = st.recursive(
    st.one_of(_TRICKY, st.integers(-5, 5), st.booleans(), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2)),
    max_leaves=4,
)


@st.composite
def _front_matters(draw: st.DrawFn) -> str:
    import yaml

    keys = st.sampled_from(["title", "description", "lang", "tags", "date", "reviewed", "other"])
    data = draw(st.dictionaries(keys, st.one_of(_TRICKY, _VALUE), min_size=1, max_size=5))
    style = draw(st.sampled_from([None, True, False]))
    quoting = draw(st.sampled_from([None, None, '"', "'"]))
    text = yaml.safe_dump(
        data,
        default_flow_style=style,
        default_style=quoting,
        indent=draw(st.integers(2, 5)),
        sort_keys=draw(st.booleans()),
        allow_unicode=True,
    )
    if draw(st.booleans()) and not text.startswith("{"):
        pad = " " * draw(st.integers(1, 3))  # a block mapping indented as a whole
        text = "".join(pad + line if line.strip() else line for line in text.splitlines(keepends=True))
    return text


@settings(max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(_front_matters(), st.sampled_from([(), (("machine_translated", "true"), ("reviewed", "50"))]))
def test_a_front_matter_that_parses_still_parses_in_the_post(front: str, fields: tuple[tuple[str, str], ...]) -> None:
    """Same keys plus those l10n adds; untranslated values unchanged; translated ones as translated (flow style too)."""
    from l10n import frontmatter, markdown, splice
    from l10n.errors import SourceError

    source = f"---\n{front}---\n\n# Heading\n\nText.\n"
    note(source)
    try:
        found = frontmatter.find(source, frontmatter.split_lines(source), "x.md")
    except SourceError:
        found = None
    assume(found is not None)
    assert found is not None
    doc = markdown.parse(source.encode(), "x.md", ("title", "description"), ())
    translations = {u.text: f'«{u.text}»: #{{"x"}}, [y]' for u in doc.units}
    text, fallbacks = splice.render(doc, translations, "es", fields=fields)
    note(text)
    out = frontmatter.find(text, frontmatter.split_lines(text), "x.md")
    assert out is not None, "the post's front matter must still be YAML"
    added = {"lang", *(key for key, _ in fields)}
    assert set(out.data) == set(found.data) | added
    translated = {u.key: translations[u.text] for u in doc.units if u.key and u not in {f.unit for f in fallbacks}}
    for key, value in found.data.items():
        if key in translated:
            assert out.data[key] == translated[key]
        elif key not in added:
            assert out.data[key] == value
    assert out.data["lang"] == "es"
