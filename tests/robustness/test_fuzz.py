"""A seeded mutation fuzzer over l10n's inputs (issue 17): the README's promises, checked on thousands of inputs.

Each case mutates one input of a scratch project (the shipped Spanish catalog, the seed
article, the configuration, the files of ``source/``) and runs the CLI in this process
(``-j 1``) under an alarm. A case fails when it shows:

- a traceback, an exit code other than 0, 1 or 2, or an error that is not one line;
- a hang (the alarm: :data:`LIMIT` seconds);
- a file of the project changed after an error;
- a catalog accepted although ``msgfmt --check`` rejects it, or a catalog written that
  ``msgfmt --check`` rejects or ``msgcat`` would change;
- a translation of the input catalog that appears nowhere in the catalog written;
- a source whose front matter parses while the built post's does not (or lost a key);
- a source whose identity round trip (every unit translated by itself) differs.

The quick run takes 135 seeds; ``slow`` the rest of :data:`FULL`, some three thousand. A failure lists the seeds,
each reproducible alone (``_catalog_case(seed)``...).
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SEED, gettext_tool

SHIPPED = ROOT / "locales" / "es" / "LC_MESSAGES" / "exploring-ketamine.po"
PO = Path("locales/es/LC_MESSAGES/exploring-ketamine.po")
LIMIT = 20
FULL = {"catalog": 1320, "source": 880, "config": 440, "files": 330}
"""The seeds of each kind the whole suite runs: the quick run's, then the slow test's."""
QUICK = {"catalog": 60, "source": 40, "config": 20, "files": 15}
SLOW = {name: FULL[name] - count for name, count in QUICK.items()}


class _Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Hang


def cli(root: Path, *args: str) -> tuple[int | str, str]:
    """Run ``l10n ARGS`` in *root* in this process: (exit code, or "hang"/"traceback: ..."; stderr)."""
    from l10n.cli import main

    out, err = io.StringIO(), io.StringIO()
    old_argv, old_cwd = sys.argv, os.getcwd()
    sys.argv = ["l10n", *args]
    os.chdir(root)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(LIMIT)
    code: int | str = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except _Hang:
        code = "hang"
    except BaseException as exc:  # anything escaping the CLI's error boundary is a traceback for the user
        code = f"traceback: {type(exc).__name__}: {exc}"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        sys.argv = old_argv
        os.chdir(old_cwd)
    return code, err.getvalue()


def _snapshot(root: Path) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for folder, dirs, files in os.walk(root):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root)
            if rel.startswith(".l10n") and not os.path.islink(path):
                continue
            if os.path.islink(path):
                out[rel] = b"-> " + os.fsencode(os.readlink(path))
            elif os.path.isfile(path):
                with open(path, "rb") as handle:
                    out[rel] = handle.read()
            else:
                out[rel] = b"special"
    return out


def _problems(code: int | str, err: str) -> list[str]:
    if not isinstance(code, int):
        return [str(code)]
    found = []
    if code not in (0, 1, 2):
        found.append(f"exit {code}")
    if "Traceback" in err:
        found.append("traceback on stderr")
    errors = [line for line in err.splitlines() if line.startswith("Error:")]
    if code == 2 and len(errors) != 1:
        found.append(f"not one error line: {err!r}")
    return found


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], Path]:
    """A function making a fresh scratch project: the seed article, locale es, its shipped catalog."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763900000")
    counter = iter(range(10**9))

    def make() -> Path:
        root = tmp_path / f"p{next(counter)}"
        (root / "source").mkdir(parents=True)
        shutil.copy(SEED, root / "source" / "exploring-ketamine.md")
        (root / "l10n.toml").write_text('source_locale = "en"\nlocales = ["es"]\n\n[build]\nmin_reviewed = 0\n', "utf-8")
        (root / PO).parent.mkdir(parents=True)
        shutil.copy(SHIPPED, root / PO)
        return root

    return make


# Catalogs -------------------------------------------------------------------------------------------------------

_PO_LINES = [
    'msgstr[0] "x"', 'msgid_plural "p"', 'msgctxt "c"', '#~ msgid "What is Ketamine?"', '#~ msgstr "Otra"', "#, fuzzy",
    "#, c-format", '#| msgid "old"', '"continuation"', 'msgid ""', 'msgstr ""', "", "#", "#~", '"\\x04"', '"\\0"', '"\\q"',
    '"\\xff"', '"\\n"', 'msgid "\\nLead"', 'msgstr "Trail\\n"', '"Plural-Forms: nplurals=1; plural=n;\\n"',
    '"Plural-Forms: nplurals=2; plural=n/0;\\n"', "msgid \"Drowsiness\"", 'msgstr "Somnolencia"', "#~| msgid \"x\"",
]  # fmt: skip
_CHARS = ['"', "\\", "\x00", "\x04", "\r", "\t", " ", "é", "\ufeff", "#", "~", "|", "[", "]", "0", "\n"]
_CHARSETS = [
    "utf8",
    "",
    "latin1",
    "base64",
    "rot13",
    "hex",
    "zlib",
    "punycode",
    "undefined",
    "KOI8-R",
    "UTF-16",
    "ascii",
    "bogus",
]


def _mutate_catalog(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8")
    for _ in range(rng.randint(1, 3)):
        lines = text.split("\n")
        kind = rng.randrange(9)
        at = rng.randrange(len(lines))
        if kind == 0:
            del lines[at]
        elif kind == 1:
            lines.insert(at, lines[at])
        elif kind == 2 and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif kind == 3:
            lines.insert(at, rng.choice(_PO_LINES))
        elif kind == 4 and lines[at]:
            col = rng.randrange(len(lines[at]))
            lines[at] = lines[at][:col] + rng.choice(_CHARS) + lines[at][col + 1 :]
        elif kind == 5:
            text = text[: rng.randrange(len(text))]
            continue
        elif kind == 6:
            text = text.replace("charset=UTF-8", f"charset={rng.choice(_CHARSETS)}", 1)
            continue
        elif kind == 7:
            lines = [line for line in lines if "Content-Type" not in line]
        else:
            lines[at] = lines[at].replace('msgstr "', 'msgstr[0] "', 1)
        text = "\n".join(lines)
    out = text.encode("utf-8")
    if rng.randrange(10) == 0:
        pos = rng.randrange(len(out) + 1)
        out = out[:pos] + rng.choice([b"\xff", b"\x00", b"\xe9"]) + out[pos:]
    return out


def _msgfmt_ok(path: Path) -> bool:
    done = subprocess.run([gettext_tool("msgfmt"), "--check", "-o", os.devnull, str(path)], capture_output=True)
    return done.returncode == 0


def _msgstrs(path: Path) -> set[str] | None:
    """Every non-empty translation of a PO file, as polib (not l10n's reader) reads it."""
    import polib

    try:
        po = polib.pofile(str(path))
    except Exception:
        return None
    found = set()
    for entry in po:
        found.update(v for v in [entry.msgstr, *entry.msgstr_plural.values()] if v and entry.msgid)
    return found


def _catalog_case(seed: int, make: Callable[[], Path]) -> list[str]:
    rng = random.Random(seed)
    root = make()
    (root / PO).write_bytes(_mutate_catalog(SHIPPED.read_bytes(), rng))
    accepted_by_msgfmt = _msgfmt_ok(root / PO)
    before = _snapshot(root)
    translations = _msgstrs(root / PO) if accepted_by_msgfmt else None
    code, err = cli(root, "extract", "-j", "1")
    found = _problems(code, err)
    if code == 2 and _snapshot(root) != before:
        found.append("files changed after an error")
    if code == 0:
        if not accepted_by_msgfmt:
            found.append("accepted a catalog msgfmt --check rejects")
        if not _msgfmt_ok(root / PO):
            found.append("wrote a catalog msgfmt --check rejects")
        done = subprocess.run([gettext_tool("msgcat"), str(root / PO)], capture_output=True)
        if done.stdout != (root / PO).read_bytes():
            found.append("wrote a catalog msgcat changes")
        after = _msgstrs(root / PO)
        if translations is not None and after is not None and translations - after:
            found.append(f"translations lost: {sorted(translations - after)[:2]}")
    return found


# Sources --------------------------------------------------------------------------------------------------------

_MD = [
    "\n---\n", "{title: x, description: y}", "\t", " " * 3000, "> ", "- ", "|", "```", "<!-- l10n:skip -->", "\r", "\ufeff",
    "\x00", "\n\n", "[", "*", "# ", "\\", "<div>", "&amp;", "title: [a, b]\n", "    ", "1. ", "---", "...", "\n===\n", ":",
]  # fmt: skip


def _source_case(seed: int, make: Callable[[], Path]) -> list[str]:
    from l10n.core.errors import L10nError
    from l10n.document import frontmatter, splice
    from l10n.document import walker as markdown

    rng = random.Random(seed)
    root = make()
    text = SEED.read_text("utf-8")
    if rng.randrange(4) == 0:  # the same front matter in another YAML style
        import yaml

        head, _, body = text[4:].partition("\n---\n")
        style = rng.choice([True, None])
        text = f"---\n{yaml.safe_dump(yaml.safe_load(head), default_flow_style=style, width=rng.choice([40, 1000]))}---\n{body}"
    for _ in range(rng.randint(0 if text.startswith("---\n{") else 1, 4)):
        at = rng.choice([0, 4, rng.randrange(len(text) + 1)])  # the front matter often
        text = text[:at] + rng.choice(_MD) + text[at:]
    data = text.encode("utf-8")
    if rng.randrange(12) == 0:
        at = rng.randrange(len(data) + 1)
        data = data[:at] + b"\xff" + data[at:]
    (root / "source" / "exploring-ketamine.md").write_bytes(data)
    found: list[str] = []
    try:
        doc = markdown.parse(data, "x.md")
    except L10nError:
        doc = None
    if doc is not None:
        identity, _ = splice.render(doc, {u.text: u.text for u in doc.units})
        # byte for byte but for the internal markers, which never reach a post: the source less the
        # spans the walker found for them (a marker may span lines, which conftest.without_markers does not see)
        expected, pos = [], 0
        for start, end, replacement in sorted(doc.markers):
            expected += [doc.text[pos:start], replacement]
            pos = end
        if identity != ("\ufeff" if doc.bom else "") + "".join([*expected, doc.text[pos:]]):
            found.append("identity round trip differs")
    for command in ("extract", "build"):
        before = _snapshot(root)
        code, err = cli(root, command, "-j", "1")
        found += [f"{command}: {p}" for p in _problems(code, err)]
        if code == 2 and _snapshot(root) != before:
            found.append(f"{command}: files changed after an error")
        if code != 0:
            return found
    post = root / "build" / "es" / "exploring-ketamine.md"
    if doc is not None and doc.body_line and post.exists():
        source_fm = frontmatter.find(doc.text, frontmatter.split_lines(doc.text), "x")
        built = post.read_text("utf-8").removeprefix("\ufeff")
        try:
            out = frontmatter.find(built, frontmatter.split_lines(built), "x")
        except L10nError:
            out = None
        if source_fm is not None and (out is None or not set(source_fm.data) | {"lang"} <= set(out.data)):
            found.append("the post's front matter stopped being YAML or lost a key")
    return found


# Configuration and odd files ------------------------------------------------------------------------------------

_CONFIG_LINES = [
    'build_dir = "source/b"', 'locales_dir = "source"', 'source_dir = "."', 'build_dir = "../x"', 'glossary = "/etc/passwd"',
    "[build]", 'required = ["(a+)+$"]', 'required = ["(a)\\\\1"]', 'required = ["(?=x)"]', "min_reviewed = 1e999",
    "min_reviewed = -1", "[status]", 'link_base = "java\\tscript:x"', 'link_base = "https://example.org/"',
    'link_base = "\\u0000"', "[translate]", 'engine = "libre"', 'url = "data:text/html,x"', "concurrency = 99999999999",
    "x = " + "[" * 3000 + "]" * 3000, "y = {a = {b = {c = 1}}}", 'locales = ["es", "../../etc"]', "locales = 3",
    "\x00", "[build", '"\\ud800" = 1',
]  # fmt: skip


def _config_case(seed: int, make: Callable[[], Path]) -> list[str]:
    rng = random.Random(seed)
    root = make()
    lines = ['source_locale = "en"', 'locales = ["es"]', *rng.sample(_CONFIG_LINES, rng.randint(1, 4))]
    (root / "l10n.toml").write_text("\n".join(lines) + "\n", "utf-8")
    found: list[str] = []
    for args in (("status", "--format", "json"), ("build", "-j", "1")):
        before = _snapshot(root)
        code, err = cli(root, *args)
        found += [f"{args[0]}: {p}" for p in _problems(code, err)]
        if code == 2 and _snapshot(root) != before:
            found.append(f"{args[0]}: files changed after an error")
    return found


def _odd_file(root: Path, rng: random.Random) -> None:
    name = rng.choice(["x.md", "sub/y.md", "a\nb.md", "c" * 230 + ".md", "z.md"])
    path = root / "source" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    kind = rng.randrange(7)
    if os.path.lexists(path):  # writing to a FIFO made by the first round would block the test itself
        return
    if kind == 0:
        os.mkfifo(path)
    elif kind == 1:
        path.symlink_to(path.name)
    elif kind == 2:
        path.symlink_to("missing.md")
    elif kind == 3:
        path.mkdir()
    elif kind == 4:
        (root / ".l10n").mkdir(exist_ok=True)
        (root / ".l10n" / rng.choice(["state.sqlite", "checks.sqlite"])).write_bytes(
            rng.choice([b'{"version": 2, "build": 3}', b"[", b"{" * 5000, b"SQLite format 3\0" + b"\xff" * 200])
        )
    elif kind == 5:
        (root / PO).unlink()
        (root / PO).mkdir()
    else:
        path.write_bytes(b"# ok\n")


def _files_case(seed: int, make: Callable[[], Path]) -> list[str]:
    rng = random.Random(seed)
    root = make()
    for _ in range(rng.randint(1, 2)):
        with contextlib.suppress(OSError):
            _odd_file(root, rng)
    found: list[str] = []
    for command in ("extract", "build", "status"):
        before = _snapshot(root)
        code, err = cli(root, command, *(("-j", "1") if command != "status" else ("--format", "json")))
        found += [f"{command}: {p}" for p in _problems(code, err)]
        if code == 2 and _snapshot(root) != before:
            found.append(f"{command}: files changed after an error")
    return found


CASES: dict[str, Callable[[int, Callable[[], Path]], list[str]]] = {
    "catalog": _catalog_case,
    "source": _source_case,
    "config": _config_case,
    "files": _files_case,
}


def _run(kind: str, seeds: Iterator[int] | range, make: Callable[[], Path]) -> None:
    failures = []
    for seed in seeds:
        problems = CASES[kind](seed, make)
        if problems:
            failures.append(f"seed {seed}: {'; '.join(problems)}")
    assert not failures, f"{len(failures)} {kind} case(s) failed:\n" + "\n".join(failures[:20])


@pytest.mark.parametrize("kind", sorted(QUICK))
def test_fuzz_quick(kind: str, scratch: Callable[[], Path]) -> None:
    _run(kind, range(QUICK[kind]), scratch)


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(SLOW))
def test_fuzz_slow(kind: str, scratch: Callable[[], Path]) -> None:
    _run(kind, range(QUICK[kind], QUICK[kind] + SLOW[kind]), scratch)
