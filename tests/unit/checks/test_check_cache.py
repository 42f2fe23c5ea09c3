"""The check cache (``.l10n/checks.sqlite``): what it stores, what its key covers, and that it only costs speed.

Rules tested (:mod:`l10n.checks.cache`):

1. A warm run reports byte for byte what a cold run reports (``check``, ``status``,
   ``review``, ``build``), and reads its findings from the cache: a finding planted in
   the cache is reported.
2. The key covers everything the checks see: the translation, the locale, the article's
   link definitions (its scope), the glossary, every configuration table, the version of
   ``l10n``, the entry's units' kinds and its translator comment (where a draft's
   provenance is). After any of these changes, the planted finding is gone, and a
   finding that the change brings (a draft's ``placeholders-reordered`` mark) is reported.
3. ``l10n-ignore`` and waivers are applied after the cache: the same stored findings are
   silenced, waived or shown by the entry's comment alone.
4. A cache file that is not a database, or cannot be opened, is as no cache at all.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, Run

from l10n.catalog import provenance
from l10n.catalog.entries import Translation, read_translations
from l10n.checks import WAIVED, check_cache, entry_checked, scope_of
from l10n.checks.runner import raw_findings, seen
from l10n.checks.salt import salt_of
from l10n.glossary.schema import forget_glossaries, glossary_of
from l10n.workflow.project import load as load_config

FIXTURE = Path(__file__).parents[2] / "fixtures" / "status"
ARTICLE = "aftercare"
PLANTED = "planted by the test"
CROSS_PROCESS = pytest.mark.slow
"""Tests that run ``python -m l10n`` anew, each process checking cold (4 s of CPU each on two
cores): what one process left in ``.l10n/checks.sqlite`` is read by the next. CI runs them; the
quick run keeps the in-process tests of the cache and :func:`test_each_change_the_checks_see_changes_the_key`."""


@pytest.fixture
def status_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763900000")
    return root


def _outputs(l10n: Callable[..., Run], commands: tuple[str, ...] = ("check", "status", "review")) -> dict[str, object]:
    """What check, status and review report, ages (which move with the clock) left out."""
    outputs: dict[str, object] = {}
    for command in commands:
        run = l10n(command, "--format", "json")
        outputs[command] = (run.code, _without_ages(json.loads(run.out)), run.err)
    return outputs


def _without_ages(data: object) -> object:
    if isinstance(data, dict):
        return {k: _without_ages(v) for k, v in data.items() if k != "age_days"}
    if isinstance(data, list):
        return [_without_ages(item) for item in data]
    return data


def _built(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "build").rglob("*")) if p.is_file()}


def _plant(root: Path, locale: str, severity_check: str = "numbers") -> str:
    """Store a finding for the first translated entry of *locale*'s catalog of ARTICLE; return its msgid."""
    config = load_config(root)
    glossary = glossary_of(config)
    entry = next(e for e in read_translations(config.catalog_path(locale, ARTICLE), "x") if e.msgstr and not e.fuzzy)
    cache = check_cache(config, glossary)
    key = cache.key(locale, scope_of(config, ARTICLE), entry.msgid, entry.msgstr, seen(entry))
    with sqlite3.connect(root / ".l10n" / "checks.sqlite") as db:
        found = db.execute("SELECT count(*) FROM checks WHERE key = ?", (key,)).fetchone()[0]
        assert found == 1, "the entry was checked and stored"
        db.execute("UPDATE checks SET findings = ? WHERE key = ?", (json.dumps([[severity_check, PLANTED]]), key))
        db.execute("DELETE FROM catalogs")  # the catalogs' records, made from what was stored before
    return entry.msgid


def _reported(l10n: Callable[..., Run]) -> list[dict[str, object]]:
    return [f for f in json.loads(l10n("check", "--format", "json").out) if f["message"] == PLANTED]


def _new_process(root: Path, *args: str, code: Path = ROOT) -> Run:
    """``python -m l10n ARGS`` (of *code*) in *root*: a process reads the glossary, its files and the cache anew."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run([sys.executable, "-m", "l10n", *args], cwd=root, env=env, capture_output=True, text=True)
    return Run(done.returncode, done.stdout, done.stderr)


def _reported_by_a_new_process(root: Path, code: Path = ROOT) -> list[dict[str, object]]:
    """As :func:`_reported`, from a new process."""
    done = _new_process(root, "check", "--format", "json", code=code)
    assert done.code in (0, 1), done.err
    return [f for f in json.loads(done.out) if f["message"] == PLANTED]


def test_warm_runs_report_what_cold_runs_report(status_project: Path, l10n: Callable[..., Run]) -> None:
    cold = _outputs(l10n)
    assert l10n("build").code == 0
    built = _built(status_project)
    assert (status_project / ".l10n" / "checks.sqlite").is_file()
    assert _outputs(l10n) == cold
    shutil.rmtree(status_project / "build")
    assert l10n("build").code == 0
    assert _built(status_project) == built
    shutil.rmtree(status_project / ".l10n")  # safe to delete: the same again, from scratch
    shutil.rmtree(status_project / "build")
    assert _outputs(l10n) == cold
    assert l10n("build").code == 0
    assert _built(status_project) == built


@CROSS_PROCESS
def test_warm_runs_read_the_cache(status_project: Path, l10n: Callable[..., Run]) -> None:
    l10n("check")
    msgid = _plant(status_project, "es")
    found = _reported_by_a_new_process(status_project)
    assert [(f["locale"], f["msgid"], f["check"], f["severity"]) for f in found] == [("es", msgid, "numbers", "error")]
    status = json.loads(_new_process(status_project, "status", "--format", "json").out)
    assert next(r for r in status["articles"] if r["article"] == ARTICLE and r["locale"] == "es")["errors"] == 1
    result = _new_process(status_project, "build")
    assert PLANTED in result.err, "build keeps the source text of a unit failing a (cached) error-level check"


def _edit_translation(root: Path) -> None:
    catalog = root / "locales" / "es" / "LC_MESSAGES" / f"{ARTICLE}.po"
    config = load_config(root)
    entry = next(e for e in read_translations(config.catalog_path("es", ARTICLE), "x") if e.msgstr and not e.fuzzy)
    text = catalog.read_text("utf-8")
    assert text.count(f'msgstr "{entry.msgstr}"') == 1
    catalog.write_text(text.replace(f'msgstr "{entry.msgstr}"', f'msgstr "{entry.msgstr} "'), "utf-8")


def _add_link_definition(root: Path) -> None:
    source = root / "source" / f"{ARTICLE}.md"
    source.write_text(source.read_text("utf-8") + "\n[planted]: https://example.org/planted\n", "utf-8")


def _localized_links(root: Path) -> None:
    with (root / "l10n.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[check]\nlocalized_links = ["{lang}.wikipedia.org"]\n')


def _other_table(root: Path) -> None:
    with (root / "l10n.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[status]\nlink_base = "https://example.org/repo/"\n')


def _catalog_edit(root: Path, old: str, new: str) -> None:
    catalog = root / "locales" / "es" / "LC_MESSAGES" / f"{ARTICLE}.po"
    text = catalog.read_text("utf-8")
    assert text.count(old) == 1
    catalog.write_text(text.replace(old, new), "utf-8")


def _translator_comment(root: Path) -> None:
    _catalog_edit(
        root, "#. type: heading\n#: source/aftercare.md:1\n", "# Checked by Ana.\n#. type: heading\n#: source/aftercare.md:1\n"
    )


def _kinds(root: Path) -> None:
    _catalog_edit(root, "#. type: heading\n#: source/aftercare.md:1\n", "#. type: paragraph\n#: source/aftercare.md:1\n")


def _glossary(root: Path) -> None:
    (root / "glossary.yaml").write_text("version: 1\nterms:\n  - term: Planted\n    do_not_translate: true\n", "utf-8")


def _other_release(root: Path) -> Path:
    """A copy of ``l10n`` whose version says another release (its files are others too)."""
    copy = root.parent / "other-l10n"
    shutil.copytree(ROOT / "l10n", copy / "l10n", ignore=shutil.ignore_patterns("__pycache__"))
    init = copy / "l10n" / "__init__.py"
    init.write_text(init.read_text("utf-8").replace('__version__ = "', '__version__ = "0.0.0+'), "utf-8")
    return copy


CHANGES = {
    "translation": _edit_translation,
    "link definitions of the article": _add_link_definition,
    "[check] localized_links": _localized_links,
    "another configuration table": _other_table,
    "glossary": _glossary,
    "translator comment": _translator_comment,
    "units' kinds": _kinds,
}


@CROSS_PROCESS
@pytest.mark.parametrize("change", [*CHANGES, "version"])
def test_the_key_covers_what_the_checks_see(status_project: Path, l10n: Callable[..., Run], change: str) -> None:
    l10n("check")
    _plant(status_project, "es")
    assert _reported_by_a_new_process(status_project)
    if change == "version":
        found = _reported_by_a_new_process(status_project, _other_release(status_project))
        assert not found, "another release of l10n must not read a stored finding"
        return
    CHANGES[change](status_project)
    assert not _reported_by_a_new_process(status_project), f"a changed {change} must not reuse a stored finding"


def _key_of_the_planted_entry(root: Path) -> str:
    """The cache key of the entry :func:`_plant` would plant on, as a new process would make it."""
    forget_glossaries()  # read once per process
    config = load_config(root)
    glossary = glossary_of(config)
    entry = next(e for e in read_translations(config.catalog_path("es", ARTICLE), "x") if e.msgstr and not e.fuzzy)
    return check_cache(config, glossary).key("es", scope_of(config, ARTICLE), entry.msgid, entry.msgstr, seen(entry))


def test_each_change_the_checks_see_changes_the_key(status_project: Path) -> None:
    """Rule 2 in one process: the key itself moves with each change (the cross-process test above
    shows a stored finding is then not reused)."""
    keys = [_key_of_the_planted_entry(status_project)]
    assert _key_of_the_planted_entry(status_project) == keys[0], "the same project, the same key"
    for change, apply in CHANGES.items():
        apply(status_project)
        keys.append(_key_of_the_planted_entry(status_project))
        assert keys[-1] not in keys[:-1], f"a changed {change} must change the key"


def test_a_locale_has_its_own_key(status_project: Path) -> None:
    config = load_config(status_project)
    cache = check_cache(config)
    scope = scope_of(config, ARTICLE)
    assert cache.key("es", scope, "a", "b") != cache.key("fr", scope, "a", "b")
    assert cache.key("es", scope, "a", "b") != cache.key("es", scope, "a", "b ")
    assert cache.key("es", scope, "a", "b") == cache.key("es", scope, "a", "b")
    assert cache.key("es", scope, "a", "b", "heading\0") != cache.key("es", scope, "a", "b", "paragraph\0")
    assert cache.key("es", scope, "a", "b", "\0l10n-draft: mt") != cache.key("es", scope, "a", "b", "\0")
    assert cache.key("es", scope, "a", "b\0c") != cache.key("es", scope, "a\0b", "c"), "texts are delimited"
    assert salt_of(config, glossary_of(config)) == cache.salt


@CROSS_PROCESS
def test_a_reordered_draft_is_reported_after_a_warm_run(status_project: Path) -> None:
    """Only the entry's comment changes (a draft line that says the engine swapped two spans): the
    cached "no finding" of the same texts must not hide the error (rule 2)."""

    def checked() -> list[str]:
        done = _new_process(status_project, "check", "--locale", "es", "--format", "json")
        return [f"{f['line']} {f['check']}" for f in json.loads(done.out)]

    cold = checked()
    assert not any(f.endswith("placeholders-reordered") for f in cold)
    draft = "# l10n-draft: mt engine=libre date=2026-01-31T09:05Z placeholders-reordered=2,1\n"
    _catalog_edit(status_project, "#. keep the value: 24\n", draft + "#. keep the value: 24\n")
    warm = checked()
    assert [f for f in warm if f.endswith("placeholders-reordered")] == ["31 placeholders-reordered"]
    shutil.rmtree(status_project / ".l10n")
    assert checked() == warm, "as without a cache"


def test_ignore_lines_and_waivers_apply_after_the_cache(status_project: Path) -> None:
    """The same raw findings, stored once per key, are silenced, waived or shown by the entry's comment (rule 3)."""
    config = load_config(status_project)
    glossary = glossary_of(config)
    cache, scope = check_cache(config, glossary), scope_of(config, ARTICLE)
    source, text = "Do not drive for 24 hours.", "No conduzca durante 24 horas."
    current = provenance.digest(source, text)
    waiver = provenance.with_waiver("", "numbers", "Rev <rev@example.org>", "2026-01-31T09:05Z", current, "checked")
    comments = {
        "": (["numbers", "punctuation"], []),
        "l10n-ignore: punctuation": (["numbers"], []),
        waiver: (["punctuation"], ["numbers"]),
    }
    for comment, (counted, waived) in comments.items():
        entry = Translation(source, text, False, False, None, 5, comment=comment)
        cache.put(cache.key("es", scope, source, text, seen(entry)), [("numbers", PLANTED), ("punctuation", PLANTED)])
        assert [c.name for c, _ in raw_findings(entry, "es", glossary, "en", scope, cache)] == ["numbers", "punctuation"]
        checked = entry_checked(entry, "es", glossary, "en", scope, cache)
        assert ([c.name for c, _ in checked.findings], [c.name for c, _, _ in checked.waived]) == (counted, waived), comment
    assert WAIVED == "waived"


@pytest.mark.parametrize("damage", ["garbage", "empty"])
def test_a_broken_cache_is_no_cache(status_project: Path, l10n: Callable[..., Run], damage: str) -> None:
    cold = _outputs(l10n)
    path = status_project / ".l10n" / "checks.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    if damage == "garbage":
        path.write_bytes(b"not a database\n" * 100)
    else:
        path.write_bytes(b"")
    first = _outputs(l10n)
    if damage == "garbage":  # replaced with a warning, once (l10n.core.store rule 2); an empty file is a new database
        code, data, err = first["check"]  # type: ignore[misc]
        warning = "Warning: .l10n/checks.sqlite: not a check cache database (file is not a database); started afresh (it is only a cache)\n"
        assert err.endswith(warning)
        first["check"] = (code, data, err.removesuffix(warning))
    assert first == cold
    assert _outputs(l10n) == cold


def test_a_folder_where_the_cache_would_be_is_an_error(status_project: Path, l10n: Callable[..., Run]) -> None:
    """As for every file under ``.l10n/`` (l10n.core.files.private_file): not a regular file, so refused."""
    l10n("check")
    path = status_project / ".l10n" / "checks.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.mkdir()
    result = l10n("check")
    assert (result.code, result.err) == (2, "Error: .l10n/checks.sqlite: is a folder, not a file\n")


def _records(root: Path) -> dict[str, bytes]:
    with sqlite3.connect(root / ".l10n" / "checks.sqlite") as db:
        rows = db.execute("SELECT key, path FROM catalogs WHERE kind = 'all'")
        return {Path(path).relative_to(root).as_posix(): key for key, path in rows}


@CROSS_PROCESS
def test_a_catalog_as_the_cache_saw_it_is_not_read_again(status_project: Path) -> None:
    def l10n(*args: str) -> Run:  # each command its own process, as from the shell
        return _new_process(status_project, *args)

    cold = _outputs(l10n)
    catalog = status_project / "locales" / "fr" / "LC_MESSAGES" / f"{ARTICLE}.po"
    records = _records(status_project)
    assert f"locales/fr/LC_MESSAGES/{ARTICLE}.po" in records
    assert _outputs(l10n) == cold
    assert _records(status_project) == records, "the record of a catalog unchanged is kept, not made again"
    data, info = catalog.read_bytes(), catalog.stat()
    catalog.write_bytes(b"x" * len(data))  # edited in place, same size, its time restored: the change time tells
    os.utime(catalog, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert catalog.stat().st_ctime_ns != info.st_ctime_ns
    assert l10n("check").code == 2, "read again, as git's index would (issue 22)"
    catalog.write_bytes(data)
    os.utime(catalog, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert _outputs(l10n) == cold


@CROSS_PROCESS
def test_a_catalog_changed_just_now_is_read_every_time(status_project: Path) -> None:
    def l10n(*args: str) -> Run:
        return _new_process(status_project, *args)

    l10n("check")
    name = f"locales/fr/LC_MESSAGES/{ARTICLE}.po"
    before = _records(status_project)
    catalog = status_project / name
    catalog.write_bytes(catalog.read_bytes() + b"\n")
    soon = time.time_ns() + 60 * 10**9  # "just now" for the whole test, however slow the machine
    os.utime(catalog, ns=(soon, soon))
    cache = check_cache(load_config(status_project))
    assert cache.catalog_key("fr", str(catalog), str(status_project / "source" / f"{ARTICLE}.md")) is None
    l10n("check")
    assert _records(status_project)[name] == before[name], "no record of a catalog whose time may not tell the next change"
    old = time.time_ns() - 10 * 10**9
    os.utime(catalog, ns=(old, old))
    l10n("check")
    assert _records(status_project)[name] != before[name], "a record of the catalog as it is now, in place of the old one"


@CROSS_PROCESS
def test_workers_write_their_results_when_they_end(status_project: Path) -> None:
    """A build's workers keep their results in memory and write them as they end (rule 5)."""

    def rows() -> int:
        with sqlite3.connect(status_project / ".l10n" / "checks.sqlite") as db:
            return int(db.execute("SELECT count(*) FROM checks").fetchone()[0])

    assert _new_process(status_project, "build", "-j", "2").code == 0
    built = rows()
    assert built > 0
    assert _new_process(status_project, "check").code == 1
    assert rows() == built, "check found every translation the build's workers checked"


@CROSS_PROCESS
def test_status_records_follow_the_settings_that_shape_units(status_project: Path) -> None:
    def status() -> object:
        run = _new_process(status_project, "status", "--format", "json")
        assert run.code == 0, run.err
        return _without_ages(json.loads(run.out))

    cold = status()
    assert status() == cold
    config = status_project / "l10n.toml"
    config.write_text('verbatim_sections = ["Ketamine dosing"]\n' + config.read_text("utf-8"), "utf-8")
    changed = status()
    assert changed != cold, "the section is verbatim: its units are gone"
    shutil.rmtree(status_project / ".l10n")
    assert status() == changed


@CROSS_PROCESS
def test_the_review_page_keeps_its_terms_and_marks_in_the_cache(status_project: Path) -> None:
    """The page's terms and marks come from a catalog's record while the catalog and the salt are the same."""

    def page() -> list[dict[str, object]]:
        done = _new_process(status_project, "review", "--format", "json")
        assert done.code == 0, done.err
        return [{"terms": i["terms"], "marks": i["marks"]} for i in json.loads(done.out)["items"]]

    cold = page()
    assert cold, "the fixture has units waiting for review"
    with sqlite3.connect(status_project / ".l10n" / "checks.sqlite") as db:
        rows = db.execute("SELECT key, entries FROM catalogs WHERE kind = 'page'").fetchall()
        assert rows, "a record of each catalog with waiting units"
        for key, entries in rows:
            planted = [[msgid, msgstr, [[{"term": PLANTED}], note[1]]] for msgid, msgstr, note in json.loads(entries)]
            db.execute("UPDATE catalogs SET entries = ? WHERE key = ?", (json.dumps(planted), key))
    assert {t["term"] for item in page() for t in item["terms"]} == {PLANTED}, "read back, not worked out again"
    _glossary(status_project)  # another salt: worked out again
    again = page()
    assert PLANTED not in json.dumps(again)
    shutil.rmtree(status_project / ".l10n")
    assert page() == again
