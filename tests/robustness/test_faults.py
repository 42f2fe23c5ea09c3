"""Faults: ``kill -9`` at random points, and concurrent runs, lose nothing.

Rules tested:

1. Every file is written atomically: after a ``kill -9`` of ``extract``, ``translate`` or
   ``build`` at any point, every catalog parses (l10n's reader after each kill; at the
   end ``msgfmt --check`` and ``msgcat`` on a sample), and every catalog and post is
   whole: byte for byte one that an uninterrupted run writes.
2. A kill loses nothing that was saved before it: no translation or draft disappears,
   and a rerun completes (exit 0) with the result of an uninterrupted run.
3. A killed run can leave a temporary file (``.NAME.XXXXXXXX.tmp``) beside the file
   it was replacing. Such files are ignored: never taken for an article, a catalog or
   a template, and never copied into a build.
4. A command's worker processes end with it: none outlives a ``kill -9`` of its main
   process (an orphan would wait for work for ever).
5. ``translate`` and ``extract`` running at once, with the sources edited between
   rounds, lose no translation and no draft; ``.l10n/state.sqlite`` written by runs at
   once stays valid, and an outdated state file (a lost update) only costs time.

Each kill test runs the real console entry (``python3 -m l10n``) in a project of
:data:`ARTICLES` generated articles, in its own session, and kills its main process
after a delay drawn from a seeded RNG, so a failure reproduces. The delays are spread
over the longest time an uninterrupted run took (so they adapt to a loaded machine);
half of the ``translate`` kills are timed from the run's first request to the
LibreTranslate-compatible test server, so that they land while drafts are requested
and saved.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import ROOT, assert_gettext_canonical
from libre_server import Server, start_server
from settings import translate_toml

from l10n.catalog import provenance
from l10n.catalog.entries import Translation, as_translation
from l10n.catalog.po import dumps as po_text
from l10n.catalog.po import read_po
from l10n.text.placeholders import mask, unmask
from l10n.text.spans import find_spans

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc to find worker processes")

ARTICLES = 20
"""Generated articles: about 400 units, enough for kills to land mid-run."""
KILLS = 20
"""Kills per command."""
SEED = 20261123
LOCALES = ("es", "fr")
EPOCH = "1763900000"
TMP_RE = re.compile(r"\.(?P<name>.+)\.[A-Za-z0-9_]+\.tmp")
"""The temporary files of :func:`l10n.core.files.write_atomic`."""

_WORDS = (  # noqa: SIM905 - a sentence's worth of words reads better as one
    "patients clinicians dose infusion relief symptoms depression anxiety receptors brain therapy treatment "
    "session trial response outcome evidence safety monitoring clinic research study effect mood sleep memory "
    "onset week month hours support guidance care plan team risk benefit"
).split()


# --- Generated projects ----------------------------------------------------------------


def _sentence(rng: random.Random, k: int) -> str:
    words = rng.sample(_WORDS, rng.randint(5, 11))
    words[0] = words[0].capitalize()
    roll = rng.random()
    if roll < 0.15:
        words.insert(rng.randrange(1, len(words)), f"*{rng.choice(_WORDS)}*")
    elif roll < 0.25:
        words.insert(rng.randrange(1, len(words)), f"[{rng.choice(_WORDS)}](https://example.org/{k}/{rng.randint(1, 99)})")
    elif roll < 0.35:
        words.append(f"(Smith et al., {rng.randint(1990, 2024)})")
    elif roll < 0.45:
        words.insert(rng.randrange(1, len(words)), f"`{rng.choice(_WORDS)}`")
    elif roll < 0.55:
        words.append(f"at {rng.randint(1, 9)}.{rng.randint(0, 9)} mg/kg")
    return " ".join(words) + rng.choice(".!?")


def _paragraph(rng: random.Random, k: int, sentences: int = 0) -> str:
    return " ".join(_sentence(rng, k) for _ in range(sentences or rng.randint(1, 3)))


def _article(k: int) -> str:
    """Article *k*: front matter, headings, paragraphs, lists, quotes, tables and code."""
    rng = random.Random(f"{SEED}-{k}")
    out = [
        "---",
        f'title: "Article {k}: {_paragraph(rng, k, 1)[:-1]}"',
        f'description: "{_paragraph(rng, k, 1)}"',
        f"slug: post-{k}",
        "---",
        "",
    ]
    for section in range(rng.randint(3, 5)):
        out += [f"## {_paragraph(rng, k, 1)[:-1]} {k}.{section}", ""]
        for _ in range(rng.randint(1, 3)):
            kind = rng.random()
            if kind < 0.4:
                out += [_paragraph(rng, k), ""]
            elif kind < 0.6:
                out += [f"- {_paragraph(rng, k, 1)}" for _ in range(rng.randint(2, 4))] + [""]
            elif kind < 0.7:
                out += [f"> {_paragraph(rng, k, 1)}", ">", f"> {_paragraph(rng, k, 1)}", ""]
            elif kind < 0.8:
                rows = [f"| {rng.choice(_WORDS)} {k} | {rng.randint(1, 99)} |" for _ in range(2)]
                out += ["| Measure | Value |", "| --- | --- |", *rows, ""]
            elif kind < 0.9:
                out += ["```python", f"dose = {rng.randint(1, 9)}", "```", ""]
            else:
                out += [f"1. {_paragraph(rng, k, 1)}", f"2. {_paragraph(rng, k, 1)}", ""]
    return "\n".join(out)


def _configure(root: Path, server: Server | None = None, **translate: object) -> None:
    table = {"engine": "libre", "url": server.url, "timeout": 10, "rate_limit": 1000.0, **translate} if server else {}
    (root / "l10n.toml").write_text(f"locales = {json.dumps(list(LOCALES))}\n" + translate_toml(table), "utf-8")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated sources (some in a subfolder) and their extracted, untranslated catalogs."""
    root = tmp_path_factory.mktemp("faults") / "base"
    for k in range(ARTICLES):
        path = root / "source" / ("topics" if k % 5 == 0 else "") / f"post-{k:02d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_article(k), "utf-8")
    _configure(root)
    assert _run(root, "extract") == 0
    return root


def _copy(base: Path, tmp_path: Path, name: str = "project", articles: int = ARTICLES) -> Path:
    """A copy of *base* with its first *articles* articles."""
    root = Path(shutil.copytree(base, tmp_path / name, symlinks=True))
    for path in sorted(root.glob("**/post-*.*")):
        if int(path.stem.removeprefix("post-")) >= articles:
            path.unlink()
    return root


ACUTE = str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ")
GRAVE = str.maketrans("aeiouAEIOU", "àèìòùÀÈÌÒÙ")
_PLACEHOLDER_RE = re.compile(r'(<x id="\d+"></x>)')


def _reviewed(msgid: str, accents: dict[int, int] = ACUTE) -> str:
    """A translation that passes every check: vowels accented outside the protected spans."""
    masked = mask(msgid, find_spans(msgid))
    parts = _PLACEHOLDER_RE.split(masked.text)
    return unmask("".join(p if _PLACEHOLDER_RE.fullmatch(p) else p.translate(accents) for p in parts), masked)


def _fill(root: Path, locale: str, share: float = 1.0, accents: dict[int, int] = ACUTE) -> None:
    """Give a reviewed translation (approved as it stands) to a *share* of the entries of every catalog of *locale*."""
    rng = random.Random(f"{SEED}-fill-{locale}")
    for path in sorted((root / "locales" / locale).rglob("*.po")):
        po = read_po(path, str(path))
        for entry in po:
            if rng.random() < share:
                entry.msgstr = _reviewed(entry.msgid, accents)
                digest = provenance.digest(entry.msgid, entry.msgstr)
                entry.tcomment = provenance.with_approval(entry.tcomment or "", "Fault Tester", "2026-01-01T00:00Z", digest)
        path.write_text(po_text(po), "utf-8")


def _edit_sources(root: Path, rng: random.Random, count: int) -> None:
    """Edit *count* articles as an author does: reword a paragraph (one word), drop one, add one."""
    articles = sorted((root / "source").rglob("*.md"))
    for path in rng.sample(articles, count):
        lines = path.read_text("utf-8").split("\n")
        i = rng.choice([i for i, line in enumerate(lines) if re.match(r"(?:- |> |\d\. )?[A-Z]", line)])
        action = rng.choice(("reword", "drop", "add"))
        if action == "reword":
            words = lines[i].split(" ")
            words[rng.randrange(2, len(words))] = rng.choice(("revised", "updated", "new"))
            lines[i] = " ".join(words)
        elif action == "drop":
            del lines[i]
        else:
            lines[i + 1 : i + 1] = ["", _paragraph(rng, 99), ""]
        path.write_text("\n".join(lines), "utf-8")


# --- Running and killing the real command ----------------------------------------------


def _env() -> dict[str, str]:
    path = os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))
    return {**os.environ, "PYTHONPATH": path, "SOURCE_DATE_EPOCH": EPOCH}


def _start(root: Path, *args: str) -> subprocess.Popen[bytes]:
    """``python3 -m l10n ARGS`` in *root*, in its own session; output appended to a log beside the project."""
    with open(root.parent / f"{root.name}.log", "ab") as log:
        log.write(f"$ l10n {' '.join(args)}\n".encode())
        log.flush()
        return subprocess.Popen(
            [sys.executable, "-m", "l10n", *args], cwd=root, env=_env(), stdout=log, stderr=log, start_new_session=True
        )


def _run(root: Path, *args: str) -> int:
    process = _start(root, *args)
    try:
        return process.wait(timeout=120)
    finally:
        _reap(process)


def _log(root: Path) -> str:
    path = root.parent / f"{root.name}.log"
    return path.read_text("utf-8", "replace") if path.exists() else ""


def _session(sid: int) -> list[int]:
    """Live (not zombie) processes of session *sid*: the command and its workers."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # ended meanwhile
        if int(fields[3]) == sid and fields[0] != "Z":  # fields: state ppid pgrp session ...
            found.append(int(stat.parent.name))
    return found


def _reap(process: subprocess.Popen[bytes], timeout: float = 15.0) -> None:
    """Wait until no process of the command's session is left; kill and fail if one outlives it."""
    if process.poll() is None:
        process.wait()
    deadline = time.monotonic() + timeout
    while (left := _session(process.pid)) and time.monotonic() < deadline:
        time.sleep(0.02)
    if left:
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        pytest.fail(f"processes {left} outlived the command {process.args!r} (pid {process.pid}) by {timeout} s")


def _kill_after(process: subprocess.Popen[bytes], delay: float) -> float | None:
    """SIGKILL the command's main process after *delay* s; None if it was still running then,
    else how long it ran (it must have succeeded).

    Only the main process is killed, as the kernel's OOM killer or ``kill -9 PID``
    would: its workers must end by themselves.
    """
    started = time.monotonic()
    try:
        code = process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        _reap(process)
        return None
    ran = time.monotonic() - started
    _reap(process)
    assert code == 0, f"{process.args!r} exited {code} on its own"
    return ran


def _wait_for(condition: Callable[[], bool], process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)


# --- What must hold after every kill ---------------------------------------------------


def _leftovers(root: Path) -> list[Path]:
    """Temporary files left by killed runs; anything else unexpected in the project fails."""
    found = []
    for path in root.rglob("*"):
        if not path.is_file() or ".l10n" in path.relative_to(root).parts[:1]:
            continue
        match = TMP_RE.fullmatch(path.name)
        if match:
            assert match["name"].endswith((".po", ".pot", ".md", ".json")), path
            found.append(path)
        else:
            assert not path.name.startswith("."), f"unexpected file {path}"
    return found


def _files(root: Path, folder: str) -> dict[str, bytes]:
    """Every file under *folder* but temporary leftovers, by relative path."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted((root / folder).rglob("*"))
        if path.is_file() and not TMP_RE.fullmatch(path.name)
    }


def _catalogs(root: Path) -> dict[str, list[Translation]]:
    """Every entry of every template and catalog, read by l10n's reader.

    Reading fails on any catalog that does not parse, such as a truncated one.
    """
    out = {}
    for path in sorted((root / "locales").rglob("*.po*")):
        if not TMP_RE.fullmatch(path.name):
            display = path.relative_to(root).as_posix()
            out[display] = [as_translation(entry) for entry in read_po(path, display)]
    return out


def _translations(catalogs: dict[str, list[Translation]]) -> dict[tuple[str, str], str]:
    """The non-empty msgstr of every live entry."""
    return {(path, e.msgid): e.msgstr for path, entries in catalogs.items() for e in entries if e.msgstr and not e.obsolete}


def _all_msgstrs(catalogs: dict[str, list[Translation]]) -> dict[str, set[str]]:
    """Every non-empty msgstr of each catalog, live or obsolete: a source edit moves a translation, never drops it."""
    return {path: {e.msgstr for e in entries if e.msgstr} for path, entries in catalogs.items()}


def _drafts(catalogs: dict[str, list[Translation]]) -> int:
    """Entries, live or obsolete, holding a draft of ``l10n translate``."""
    return sum(1 for entries in catalogs.values() for e in entries if e.msgstr and "l10n-draft:" in e.comment)


def _assert_kept(before: dict[str, set[str]], after: dict[str, set[str]]) -> None:
    for path, texts in before.items():
        lost = texts - after.get(path, set())
        assert not lost, f"{path}: {len(lost)} translation(s) lost, such as {sorted(lost)[0]!r}"


def _assert_canonical(root: Path, sample: int = 8) -> None:
    """A sample of the catalogs and templates passes ``msgfmt --check`` and ``msgcat`` leaves it as it is."""
    paths = sorted(p for p in (root / "locales").rglob("*.po*") if not TMP_RE.fullmatch(p.name))
    for path in random.Random(SEED).sample(paths, min(sample, len(paths))):
        assert_gettext_canonical(path)


def _plant_leftovers(root: Path) -> list[Path]:
    """Temporary files as a kill leaves them, with content that must never be read."""
    planted = [
        root / "source" / ".post-01.md.k1ll3d00.tmp",
        root / "source" / "topics" / ".post-05.md.k1ll3d01.tmp",
        root / "locales" / "templates" / ".post-01.pot.k1ll3d02.tmp",
        root / "locales" / "fr" / "LC_MESSAGES" / ".post-01.po.k1ll3d03.tmp",
        root / "build" / "fr" / ".post-01.md.k1ll3d04.tmp",
    ]
    for path in planted:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b'# leftover\nmsgid "a\n')
    return planted


# --- Kill tests ------------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[Server]:
    with start_server(latency=0.03) as running:
        yield running


def _sent(server: Server) -> list[str]:
    return [text for r in server.requests if r.path == "/translate" and not r.fault for text in r.fields.get("q", [])]


@pytest.mark.slow
def test_translate_killed_at_random_points_loses_no_draft(base: Path, tmp_path: Path, server: Server) -> None:
    root = _copy(base, tmp_path)
    threads = 2
    _configure(root, server, batch_size=4, concurrency=threads, checkpoint=8)
    _fill(root, "fr", share=0.25)  # human translations, never to be overwritten
    human = _translations(_catalogs(root))
    rng = random.Random(SEED)
    landed = 0
    before = human
    starts = []  # where each killed run's requests begin in the server's log
    for kill in range(KILLS):
        requests = len(server.requests)
        starts.append(requests)
        process = _start(root, "translate", "--locale", "fr")
        if kill % 2:  # timed from the first request: a kill while drafts are requested and saved
            _wait_for(lambda: len(server.requests) > requests, process)  # noqa: B023 - used at once
            delay = rng.uniform(0, 0.25)
        else:  # timed from the start: start-up, reading the catalogs, reuse and cache
            delay = rng.uniform(0, 0.6)
        landed += _kill_after(process, delay) is None
        after = _translations(_catalogs(root))
        lost = [key for key, value in before.items() if after.get(key) != value]
        assert not lost, f"kill {kill}: {len(lost)} draft(s) or translation(s) lost or changed, such as {lost[0]}"
        before = after
        _leftovers(root)
    assert landed >= KILLS // 3, f"only {landed} of {KILLS} kills landed before the run ended"
    assert len(before) > len(human), "no draft was saved between the kills"

    assert _run(root, "translate", "--locale", "fr") == 0, _log(root)
    for path, entries in _catalogs(root).items():
        for e in entries:
            if (path, e.msgid) in human:
                assert e.msgstr == human[path, e.msgid] and not e.fuzzy
            elif "/fr/" in path:  # an engine draft, or a human translation of the same text reused
                assert e.fuzzy and e.msgstr in (f"[fr] {e.msgid}", _reviewed(e.msgid)), f"{path}: {e.msgid!r} not drafted"
    # Every answer was cached as it arrived: a text is sent again only if it was in flight at a kill,
    # and each thread has at most one batch in flight.
    log = server.requests
    for kill, (start, end) in enumerate(zip(starts, [*starts[1:], len(log)], strict=True)):
        later = {text for r in log[end:] if r.path == "/translate" for text in r.fields.get("q", [])}
        batches = [r.fields.get("q", []) for r in log[start:end] if r.path == "/translate"]
        resent = [batch for batch in batches if set(batch) & later]
        assert len(resent) <= threads, f"kill {kill}: {len(resent)} batches sent again, {threads} could be in flight"
    again = sum(n - 1 for n in Counter(_sent(server)).values())
    assert again <= landed * 4 * threads, f"{again} text(s) sent again after {landed} kills"
    with sqlite3.connect(root / ".l10n" / "mt-cache.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    _leftovers(root)
    _assert_canonical(root)


def _write_files(root: Path, files: dict[str, bytes]) -> None:
    """Write catalogs or sources (by relative path), each with a new modification time, as an editor saves."""
    for name, data in files.items():
        (root / name).write_bytes(data)


@pytest.mark.slow
def test_build_killed_at_random_points_then_rerun_equals_a_clean_build(base: Path, tmp_path: Path) -> None:
    """Posts are rebuilt from one of two sets of reviewed catalogs, switched whenever a run
    completes, so that every run has posts to replace (``build`` skips what it already built)."""
    root = _copy(base, tmp_path)
    versions: list[dict[str, bytes]] = []
    clean: list[dict[str, bytes]] = []
    for accents in (ACUTE, GRAVE):
        for locale in LOCALES:
            _fill(root, locale, accents=accents)  # every unit reviewed: every post is published
        versions.append({k: v for k, v in _files(root, "locales").items() if k.endswith(".po")})
        reference = _copy(root, tmp_path, f"reference-{len(clean)}")
        started = time.monotonic()
        assert _run(reference, "build") == 0, _log(reference)
        duration = time.monotonic() - started
        clean.append(_files(reference, "build"))
        assert len([p for p in clean[-1] if p.endswith(".md")]) == ARTICLES * len(LOCALES), "every post is published"
        assert "Warning" not in _log(reference)
    assert clean[0] != clean[1]

    rng = random.Random(SEED + 1)
    landed, current = 0, 1
    for kill in range(KILLS):
        ran = _kill_after(_start(root, "build"), rng.uniform(0, duration))
        if ran is None:
            landed += 1
        else:  # it completed: the next run has the other catalogs to build
            duration, current = max(duration, ran), 1 - current
            _write_files(root, versions[current])
        for path, data in _files(root, "build").items():  # whole files only, each a clean build's
            assert data in (clean[0].get(path), clean[1].get(path)), f"kill {kill}: {path} is no clean build's"
        _leftovers(root)
    assert landed >= KILLS // 3, f"only {landed} of {KILLS} kills landed before the run ended"

    _write_files(root, versions[0])
    planted = _plant_leftovers(root)
    assert _run(root, "build") == 0, _log(root)
    assert _files(root, "build") == clean[0]
    assert all(path.exists() for path in planted)


def _sources(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "source").rglob("*.md"))}


@pytest.mark.slow
def test_extract_killed_at_random_points_keeps_every_translation(base: Path, tmp_path: Path) -> None:
    """The sources are edited (a reworded, a dropped and an added unit: fuzzy matches, obsolete
    entries and new entries to merge); then, whenever a run completes, they switch between
    that version and one with a paragraph added at the top of half the articles (every
    reference moves), so that every run has catalogs to rewrite (``extract`` skips what is
    up to date). The added units have no translation, so each version has one set of catalogs."""
    root = _copy(base, tmp_path)
    _fill(root, "fr")
    _fill(root, "es", share=0.5)
    rng = random.Random(SEED + 2)
    _edit_sources(root, rng, count=12)
    start, before = _files(root, "locales"), _all_msgstrs(_catalogs(root))
    reference = _copy(root, tmp_path, "reference")
    started = time.monotonic()
    assert _run(reference, "extract") == 0, _log(reference)
    duration = time.monotonic() - started
    versions, clean = [_sources(reference)], [_files(reference, "locales")]
    for source in rng.sample(sorted((reference / "source").rglob("*.md")), ARTICLES // 2):
        source.write_text(source.read_text("utf-8").replace("\n---\n\n", f"\n---\n\n{_paragraph(rng, 0)}\n\n", 1), "utf-8")
    assert _run(reference, "extract") == 0, _log(reference)
    versions.append(_sources(reference))
    clean.append(_files(reference, "locales"))

    landed, current = 0, 0
    for kill in range(KILLS):
        ran = _kill_after(_start(root, "extract"), rng.uniform(0, duration))
        if ran is None:
            landed += 1
        else:  # it completed: the next run has the other sources to extract
            duration, current = max(duration, ran), 1 - current
            _write_files(root, versions[current])
        for path, data in _files(root, "locales").items():  # whole files only, each a complete run's
            assert data in (start.get(path), clean[0].get(path), clean[1].get(path)), f"kill {kill}: {path} is partial"
        _assert_kept(before, _all_msgstrs(_catalogs(root)))
        _leftovers(root)
    assert landed >= KILLS // 3, f"only {landed} of {KILLS} kills landed before the run ended"

    _write_files(root, versions[0])
    planted = _plant_leftovers(root)
    assert _run(root, "extract") == 0, _log(root)
    assert _files(root, "locales") == clean[0]
    assert all(path.exists() for path in planted)
    assert _run(root, "extract", "--check") == 0, _log(root)
    _assert_canonical(root)


# --- Concurrent runs -------------------------------------------------------------------


@pytest.mark.slow  # three rounds of three processes racing for the same catalogs
def test_concurrent_translate_and_extract_lose_nothing(base: Path, tmp_path: Path, server: Server) -> None:
    """Each round edits sources, then runs ``translate`` and two ``extract`` at once."""
    root = _copy(base, tmp_path, articles=8)
    _configure(root, server, batch_size=8, concurrency=2, checkpoint=4)
    server.set_faults(latency=0.05)  # so that translate runs as long as extract
    _fill(root, "fr", share=0.25)
    rng = random.Random(SEED + 3)
    for round_ in range(3):
        _edit_sources(root, rng, count=3)
        catalogs = _catalogs(root)
        before, drafts_before = _all_msgstrs(catalogs), _drafts(catalogs)
        log_start = len(_log(root))
        runs = []
        for args in (("translate", "--locale", "fr"), ("extract",), ("extract",)):
            runs.append(_start(root, *args))
            time.sleep(rng.uniform(0, 0.3))
        codes = [process.wait(timeout=120) for process in runs]
        for process in runs:
            _reap(process)
        assert codes == [0, 0, 0], _log(root)
        catalogs = _catalogs(root)
        _assert_kept(before, _all_msgstrs(catalogs))
        saved = int(re.findall(r"(\d+) draft\(s\) saved", _log(root)[log_start:])[0])
        assert _drafts(catalogs) == drafts_before + saved, f"round {round_}: drafts were saved and then lost"
        with sqlite3.connect(root / ".l10n" / "state.sqlite") as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",), "state.sqlite is whole"

    answered = set(_sent(server))
    count = len(server.requests)
    assert _run(root, "extract") == 0
    assert _run(root, "translate", "--locale", "fr") == 0
    resent = {t for r in server.requests[count:] if r.path == "/translate" for t in r.fields.get("q", [])} & answered
    assert not resent, f"{len(resent)} answered text(s) were requested again: a draft was lost and not cached"
    for path, entries in _catalogs(root).items():
        if "/fr/" in path:
            assert all(e.msgstr for e in entries if not e.obsolete), f"{path}: a unit has no draft"
    assert _run(root, "extract", "--check") == 0, _log(root)
    _assert_canonical(root)


def test_an_outdated_or_lost_state_file_only_costs_time(base: Path, tmp_path: Path) -> None:
    """Runs at once each save whole records; the last one wins and the others' records are lost."""
    root = _copy(base, tmp_path, articles=8)
    _fill(root, "fr", share=0.5)
    state = root / ".l10n" / "state.sqlite"
    assert _run(root, "extract") == 0
    older = state.read_bytes()
    sources = {path: path.read_bytes() for path in (root / "source").rglob("*.md")}
    _edit_sources(root, random.Random(SEED + 4), count=4)
    assert _run(root, "extract") == 0
    newer, edited = state.read_bytes(), _files(root, "locales")

    state.write_bytes(older)  # a run that started before the edit saved last
    assert _run(root, "extract", "--check") == 0, _log(root)
    state.write_bytes(older[: len(older) // 3])  # cut short: read as no state at all
    assert _run(root, "extract", "--check") == 0, _log(root)
    assert _files(root, "locales") == edited

    for path, data in sources.items():  # the edits undone, and a state that knows only the edited sources
        path.write_bytes(data)
    state.write_bytes(newer)
    assert _run(root, "extract") == 0
    clean = _copy(root, tmp_path, "clean")
    (clean / ".l10n" / "state.sqlite").unlink()
    assert _run(clean, "extract") == 0
    assert _files(root, "locales") == _files(clean, "locales") != edited
