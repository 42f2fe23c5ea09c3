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
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import DATA, ROOT, Run, assert_gettext_canonical, examples
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

PO = Path("locales/es/LC_MESSAGES/exploring-ketamine.po")
SOURCE = Path("source/exploring-ketamine.md")


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the project (symlinks and special files by their kind); in .l10n, which holds only
    caches and locks, only what is not a regular file (a symlink leading outside must stay as it is)."""
    out: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        name = str(path.relative_to(root))
        if name.startswith(".l10n/") and path.is_file() and not path.is_symlink():
            continue
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


@settings(
    max_examples=examples(150), deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(_front_matters(), st.sampled_from([(), (("machine_translated", "true"), ("reviewed", "50"))]))
def test_a_front_matter_that_parses_still_parses_in_the_post(front: str, fields: tuple[tuple[str, str], ...]) -> None:
    """Same keys plus those l10n adds; untranslated values unchanged; translated ones as translated (flow style too)."""
    from l10n.core.errors import SourceError
    from l10n.document import frontmatter, splice, walker

    source = f"---\n{front}---\n\n# Heading\n\nText.\n"
    note(source)
    try:
        found = frontmatter.find(source, frontmatter.split_lines(source), "x.md")
    except SourceError:
        found = None
    assume(found is not None)
    assert found is not None
    doc = walker.parse(source.encode(), "x.md", ("title", "description"), ())
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


# Odd files: one line naming the path, exit 2, nothing written ---------------------------------------------------


def _run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess, so that a hang is a test failure (a timeout), not a frozen suite."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "l10n", *args], cwd=project, env=env, capture_output=True, text=True, timeout=60)


def _odd(project: Path, case: str, outside: Path) -> str:
    """Set up *case* in *project*; return the error line every command that reads it must print."""
    source = project / "source"
    if case == "fifo in source":
        os.mkfifo(source / "pipe.md")
        return "Error: source/pipe.md: not a regular file but a named pipe (FIFO)"
    if case == "symlink loop in source":
        (source / "loop.md").symlink_to("loop.md")
        return "Error: source/loop.md: symlink loop (or too many symlinks)"
    if case == "dangling symlink in source":
        (source / "gone.md").symlink_to("nowhere.md")
        return "Error: source/gone.md: dangling symlink (to nowhere.md)"
    if case == "folder for a catalog":
        (project / PO).mkdir(parents=True)
        return f"Error: {PO.as_posix()}: is a folder, not a file"
    if case == "newline in a file name":
        (source / "two\nlines.md").write_text("# Hi\n", "utf-8")
        return "Error: source/two\\nlines.md: file name holds a control character (a newline?); rename it"
    if case == "file name over 200 bytes":
        (source / f"{'a' * 210}.md").write_text("# Hi\n", "utf-8")
        return f"Error: source/{'a' * 210}.md: file name is longer than 200 bytes (213); rename it"
    if case == "file name not UTF-8":
        with open(os.path.join(os.fsencode(source), b"caf\xe9.md"), "wb") as handle:
            handle.write(b"# Hi\n")
        return "Error: source/caf\\xe9.md: file name is not valid UTF-8; rename it"
    if case == ".l10n leads outside":
        (project / ".l10n").symlink_to(outside)
        return f"Error: .l10n: leads outside the project, to {outside}, through a symlink; refused"
    if case in ("state.sqlite leads outside", "checks.sqlite leads outside", "state.sqlite-wal leads outside"):
        name = case.split()[0]
        (project / ".l10n").mkdir()
        (project / ".l10n" / name).symlink_to(outside / name)
        return f"Error: .l10n/{name}: leads outside the project, to {outside / name}, through a symlink; refused"
    if case == "state.sqlite is a folder":
        (project / ".l10n" / "state.sqlite").mkdir(parents=True)
        return "Error: .l10n/state.sqlite: is a folder, not a file"
    if case == "checks.sqlite is a FIFO":
        (project / ".l10n").mkdir()
        os.mkfifo(project / ".l10n" / "checks.sqlite")
        return "Error: .l10n/checks.sqlite: not a regular file but a named pipe (FIFO)"
    raise AssertionError(case)


ODD = [
    "fifo in source",
    "symlink loop in source",
    "dangling symlink in source",
    "folder for a catalog",
    "newline in a file name",
    "file name over 200 bytes",
    "file name not UTF-8",
    ".l10n leads outside",
    "state.sqlite leads outside",
    "state.sqlite-wal leads outside",
    "state.sqlite is a folder",
]
CACHE = ["checks.sqlite leads outside", "checks.sqlite is a FIFO"]
"""The check cache: only the commands that check translations open it."""


@pytest.mark.parametrize("case", ODD)
@pytest.mark.parametrize("command", ["extract", "build"])
def test_an_odd_file_is_one_line_and_nothing_is_written(
    case: str, command: str, project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    _one_locale(project)
    outside = tmp_path_factory.mktemp("outside")
    expected = _odd(project, case, outside)
    before, outside_before = _snapshot(project), _snapshot(outside)
    done = _run(project, command)
    assert (done.returncode, done.stderr.splitlines()) == (2, [expected])
    assert _snapshot(project) == before
    assert _snapshot(outside) == outside_before, "nothing may be written outside the project"


@pytest.mark.parametrize("case", CACHE)
@pytest.mark.parametrize("command", ["build", "check", "status", "review"])
def test_an_odd_check_cache_is_one_line_and_nothing_is_written(
    case: str, command: str, project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    _one_locale(project)
    assert _run(project, "extract").returncode == 0
    shutil.rmtree(project / ".l10n")
    outside = tmp_path_factory.mktemp("outside")
    expected = _odd(project, case, outside)
    before, outside_before = _snapshot(project), _snapshot(outside)
    done = _run(project, command)  # a timeout fails the test
    assert (done.returncode, done.stderr.splitlines()) == (2, [expected])
    assert _snapshot(project) == before
    assert _snapshot(outside) == outside_before, "nothing may be written outside the project"


def test_a_fifo_in_source_hangs_no_command(project: Path) -> None:
    _one_locale(project)
    os.mkfifo(project / "source" / "pipe.md")
    for command in ("status", "check", "review"):
        done = _run(project, command)  # a timeout fails the test
        assert "Traceback" not in done.stderr, command


@pytest.mark.parametrize("fmt", [(), ("--format", "xliff"), ("--format", "tmx")])
def test_an_exchange_file_that_is_a_fifo_is_one_line(fmt: tuple[str, ...], project: Path) -> None:
    """``l10n import`` reads through the guarded reader too: a FIFO is named, never waited on."""
    _one_locale(project)
    os.mkfifo(project / "agency.xlf")
    done = _run(project, "import", *fmt, "agency.xlf")  # a timeout fails the test
    assert (done.returncode, done.stderr) == (2, "Error: agency.xlf: not a regular file but a named pipe (FIFO)\n")


def test_a_state_file_that_is_not_a_database_is_rebuilt_with_a_warning(project: Path, l10n: Callable[..., Run]) -> None:
    _one_locale(project)
    (project / ".l10n").mkdir()
    (project / ".l10n" / "state.sqlite").write_text('{"version": 2, "extract": []}', "utf-8")
    result = l10n("extract")
    assert result.code == 0
    assert result.err == (
        "Warning: .l10n/state.sqlite: not a state database (file is not a database); started afresh (it is only a cache)\n"
    )
    assert l10n("extract").err == ""  # rebuilt


def test_a_bad_french_catalog_leaves_the_spanish_post_unwritten(project: Path, l10n: Callable[..., Run]) -> None:
    """build reads every catalog and source before it writes: nothing of es is published when fr is broken."""
    from conftest import publish_partial

    publish_partial(project)
    assert l10n("extract").code == 0
    es = (project / PO).read_text("utf-8")
    (project / PO).write_text(es.replace('msgstr ""\n\n', 'msgstr "ES"\n\n'), "utf-8")
    fr = project / "locales/fr/LC_MESSAGES/exploring-ketamine.po"
    fr.write_text(fr.read_text("utf-8").replace('msgstr ""', 'msgstrr ""', 1), "utf-8")
    before = _snapshot(project)
    result = l10n("build", "-j", "1")
    assert result.code == 2
    assert result.err.startswith("Error: locales/fr/LC_MESSAGES/exploring-ketamine.po:")
    assert _snapshot(project) == before, "not even the Spanish post"
    assert not (project / "build").exists() or not any(p.is_file() for p in (project / "build").rglob("*"))


@pytest.mark.parametrize("kind", ["symlink outside", "folder"])
def test_a_bad_manifest_path_is_refused_before_anything_is_written(
    kind: str, project: Path, tmp_path_factory: pytest.TempPathFactory, l10n: Callable[..., Run]
) -> None:
    from conftest import publish_partial

    publish_partial(project)
    assert l10n("extract").code == 0
    outside = tmp_path_factory.mktemp("outside")
    (project / "build").mkdir()
    if kind == "folder":
        (project / "build" / "manifest.json").mkdir()
        expected = "Error: build/manifest.json: is a folder, not a file; l10n writes its output there\n"
    else:
        (project / "build" / "manifest.json").symlink_to(outside / "manifest.json")
        expected = (
            f"Error: build/manifest.json: leads outside the project, to {outside / 'manifest.json'}, through a symlink; refused\n"
        )
    before = _snapshot(project)
    result = l10n("build")
    assert (result.code, result.err) == (2, expected)
    assert _snapshot(project) == before
    assert list(outside.iterdir()) == []


# A full disk ----------------------------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs (needs root, as CI has); skipped where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        if os.environ.get("CI") and os.geteuid() == 0:
            pytest.fail(f"cannot mount a tmpfs as root: {done.stderr!r}")
        pytest.skip("mounting a small tmpfs needs root")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_one_line_and_truncates_nothing(
    small_disk: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]
) -> None:
    project = small_disk / "project"
    (project / "source").mkdir(parents=True)
    shutil.copy(ROOT / "source" / "exploring-ketamine.md", project / "source")
    (project / "l10n.toml").write_text('source_locale = "en"\nlocales = ["es"]\n', "utf-8")
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763900000")
    assert l10n("extract").code == 0
    source = project / "source" / "exploring-ketamine.md"
    source.write_text(source.read_text("utf-8").replace("Ketamine", "Esketamine"), "utf-8")
    filler = os.open(small_disk / "filler", os.O_WRONLY | os.O_CREAT)  # fill the disk to the last block
    try:
        while os.write(filler, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(filler)
    before = _snapshot(project)
    result = l10n("extract")
    assert (result.code, result.err) == (2, f"Error: {PO.as_posix()}: no space left on device\n")
    assert _snapshot(project) == before, "nothing truncated, no temporary file left"


# Hostile configuration ------------------------------------------------------------------------------------------

CONFIGS = {
    "build_dir inside source_dir": (
        'build_dir = "source/build"\n',
        "Error: l10n.toml:3: build_dir: 'source/build' is inside source_dir 'source'; the source, catalog and build folders must not overlap",
    ),
    "locales_dir is source_dir": (
        'locales_dir = "source"\n',
        "Error: l10n.toml:3: locales_dir: 'source' is also source_dir; the source, catalog and build folders must not overlap",
    ),
    "source_dir contains build_dir": (
        'source_dir = "."\n',
        "Error: l10n.toml: locales_dir: 'locales' is inside source_dir '.'; the source, catalog and build folders must not overlap",
    ),
    "javascript link_base with a tab": (
        '[status]\nlink_base = "java\\tscript:alert(1)//"\n',
        "Error: l10n.toml:4: status.link_base: expected an http:// or https:// address or a relative path, got 'java\\tscript:alert(1)//'",
    ),
    "data link_base with a newline": (
        '[status]\nlink_base = "da\\nta:text/html,x"\n',
        "Error: l10n.toml:4: status.link_base: expected an http:// or https:// address or a relative path, got 'da\\nta:text/html,x'",
    ),
    "engine url with a control character": (
        '[translate]\nengine = "libre"\nurl = "fi\\u0001le:///etc/passwd"\n',
        "Error: l10n.toml:5: engine libre: url must be an http:// or https:// address",
    ),
    "a backreference in required": (
        '[build]\nrequired = ["(a)\\\\1"]\n',
        "Error: l10n.toml:4: build.required: invalid regular expression '(a)\\\\1': invalid escape sequence: \\1 "
        "(patterns are RE2 syntax, matched in linear time: no backreferences or lookaround)",
    ),
    "deeply nested TOML": ("x = " + "[" * 5000 + "]" * 5000 + "\n", "Error: l10n.toml: invalid TOML: nested too deeply"),
}


@pytest.mark.parametrize("case", sorted(CONFIGS))
def test_hostile_configuration_is_refused_at_load(case: str, project: Path, l10n: Callable[..., Run]) -> None:
    table, expected = CONFIGS[case]
    (project / "l10n.toml").write_text(f'source_locale = "en"\nlocales = ["es"]\n{table}', "utf-8")
    before = _snapshot(project)
    for command in ("extract", "build", "status"):
        result = l10n(command)
        assert (result.code, result.err.splitlines()) == (2, [expected]), command
    assert _snapshot(project) == before


def test_a_catastrophic_pattern_does_not_hang_build_or_status(project: Path, l10n: Callable[..., Run]) -> None:
    """(a+)+$ against a heading of 40 a's took Python's re longer than the age of the universe; RE2 is linear."""
    import time

    (project / "l10n.toml").write_text('locales = ["es"]\n[build]\nrequired = ["(a+)+$"]\n', "utf-8")
    source = project / "source" / "exploring-ketamine.md"
    source.write_text(source.read_text("utf-8") + "\n# " + "a" * 40 + "b\n", "utf-8")
    start = time.monotonic()
    assert l10n("extract").code == 0
    assert l10n("build").code == 0
    assert l10n("status", "--format", "json").code == 0
    assert time.monotonic() - start < 30


def test_a_deep_glossary_and_a_deep_front_matter_are_one_line(project: Path, l10n: Callable[..., Run]) -> None:
    (project / "glossary.yaml").write_text("terms: " + "[" * 5000 + "]" * 5000 + "\n", "utf-8")
    assert l10n("extract").err == "Error: glossary.yaml: invalid YAML: nested too deeply\n"
    (project / "glossary.yaml").unlink()
    (project / "source" / "deep.md").write_text("---\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n---\n# Hi\n", "utf-8")
    before = _snapshot(project)
    result = l10n("extract", "-j", "1")
    assert (result.code, result.err) == (2, "Error: source/deep.md:2: front matter is not valid YAML: nested too deeply\n")
    assert {k: v for k, v in _snapshot(project).items() if "exploring" not in k and ".l10n" not in k} == {
        k: v for k, v in before.items() if "exploring" not in k and ".l10n" not in k
    }


def test_a_long_glossary_note_is_cut_and_referenced(project: Path, l10n: Callable[..., Run]) -> None:
    (project / "glossary.yaml").write_text("terms:\n  - term: ketamine\n    note: " + "word " * 100_000 + "\n", "utf-8")
    assert l10n("extract").code == 0
    text = (project / "locales/es/LC_MESSAGES/exploring-ketamine.po").read_text("utf-8")
    assert len(text) < 200_000
    assert "… (the whole note: glossary.yaml:2)" in text


def test_trailing_spaces_are_walked_in_linear_time() -> None:
    import time

    from l10n.document import walker

    start = time.monotonic()
    doc = walker.parse(("# Title\n\nSome text" + " " * 2_000_000 + "\n").encode(), "x.md")
    assert time.monotonic() - start < 10  # was 68 s
    assert [u.text for u in doc.units] == ["Title", "Some text"]
