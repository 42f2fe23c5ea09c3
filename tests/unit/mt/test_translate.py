"""``l10n translate`` and ``l10n review`` against a LibreTranslate-compatible server on 127.0.0.1."""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import polib
import pytest
from conftest import ROOT, Run, gettext_tool, publish_partial
from libre_server import Server, chance, start_server, times
from settings import translate_toml

from l10n.catalog import provenance
from l10n.catalog.po import dumps as text
from l10n.catalog.po import read_po
from l10n.core.locks import locked
from l10n.mt.jobs import split_sentences
from l10n.text.placeholders import mask, restore
from l10n.text.spans import find_spans

FR = Path("locales/fr/LC_MESSAGES/exploring-ketamine.po")
ES = Path("locales/es/LC_MESSAGES/exploring-ketamine.po")
KEY = "s3cret-key-4711"


@pytest.fixture
def server() -> Iterator[Server]:
    with start_server(api_key=KEY) as running:
        yield running


UNITS = len(polib.pofile(str(ROOT / FR)))
"""The units of the shipped article (every entry of its catalog)."""
BATCHES = -(-UNITS // 2)
"""The requests that send them in batches of 2."""


def _project(root: Path, server: Server, **settings: object) -> None:
    """The shipped content, with an untranslated French catalog (the shipped one has drafts)."""
    for name in ("source", "locales"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "glossary.yaml", root / "glossary.yaml")
    (root / FR).write_text(_untranslated(ROOT / FR), "utf-8")
    table = {"engine": "libre", "url": server.url, "timeout": 2, "concurrency": 2, "rate_limit": 200.0, **settings}
    head = 'locales = ["es", "fr", "de"]\nfront_matter_keys = ["title", "description", "slug"]\n'  # as shipped
    (root / "l10n.toml").write_text(head + translate_toml(table), "utf-8")


def _untranslated(path: Path) -> str:
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr, entry.tcomment = "", ""
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
    return text(po)


@pytest.fixture
def project(tmp_path: Path, server: Server, monkeypatch: pytest.MonkeyPatch) -> Path:
    _project(tmp_path, server)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("L10N_LIBRE_KEY", KEY)
    return tmp_path


def _expected(msgid: str, locale: str = "fr") -> str:
    return f"[{locale}] {msgid}"


def _translate_requests(server: Server) -> list[object]:
    return [r for r in server.requests if r.path.startswith("/translate")]


def test_drafts_are_fuzzy_with_provenance_and_protected_spans_intact(
    project: Path, server: Server, l10n: Callable[..., Run]
) -> None:
    result = l10n("translate", "--locale", "fr")
    assert result.code == 0, result.err
    assert result.out.startswith(f"{UNITS} draft(s) saved for review")
    po = polib.pofile(str(FR))
    for entry in po:
        assert entry.msgstr == _expected(entry.msgid)
        assert "fuzzy" in entry.flags
        assert "l10n-draft: mt engine=libre date=" in entry.tcomment
    sent = _translate_requests(server)
    assert all(r.method == "POST" and isinstance(r.fields["q"], list) for r in sent)
    assert all(r.fields["api_key"] == KEY and KEY not in r.raw for r in sent), "the key goes in the body only"
    assert any('<x id="1"></x>' in q for r in sent for q in r.fields["q"]), "protected spans are masked"
    for path in project.rglob("*"):
        if path.is_file() and path.suffix != ".sqlite-wal":
            assert KEY.encode() not in path.read_bytes(), path
    assert KEY not in result.out + result.err
    # Drafts are never published; extract and msgmerge keep them and their provenance as they are.
    assert l10n("extract", "--check").code == 0
    merged = project / "merged.po"
    done = subprocess.run(
        [gettext_tool("msgmerge"), "--quiet", "-o", str(merged), str(FR), "locales/templates/exploring-ketamine.pot"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    for entry in polib.pofile(str(merged)):
        assert "fuzzy" in entry.flags and "l10n-draft: mt engine=libre" in entry.tcomment
    publish_partial(project)  # even with the publishing policy off, no draft is published
    l10n("build", "--locale", "fr")
    assert "[fr]" not in Path("build/fr/exploring-ketamine.md").read_text("utf-8")


def test_rerun_sends_nothing_and_cache_answers_again(project: Path, server: Server, l10n: Callable[..., Run]) -> None:
    l10n("translate", "--locale", "fr")
    count = len(_translate_requests(server))
    assert l10n("translate", "--locale", "fr").out.startswith("0 draft(s)")
    FR.write_text(_untranslated(ROOT / FR), "utf-8")  # the drafts are gone, but they were paid for
    result = l10n("translate", "--locale", "fr")
    assert result.out.startswith(f"{UNITS} draft(s) saved for review (0 reused, {UNITS} cached, 0 request(s))")
    assert len(_translate_requests(server)) == count
    dry = l10n("translate", "--locale", "de", "--dry-run")
    assert dry.out.startswith(f"engine libre: would send {UNITS} text(s)")
    assert len(_translate_requests(server)) == count


def test_human_translations_are_never_overwritten_and_reviewed_ones_are_reused(
    project: Path, server: Server, l10n: Callable[..., Run]
) -> None:
    before = ES.read_bytes()
    assert l10n("translate", "--locale", "es").out.startswith("0 draft(s)")
    assert ES.read_bytes() == before
    disclaimer = next(e for e in polib.pofile(str(ES)) if e.msgid.startswith("***Disclaimer"))
    Path("source/second.md").write_text(f"# Second post\n\n{disclaimer.msgid}\n", "utf-8")
    l10n("extract")
    result = l10n("translate", "--locale", "es", "--article", "second")
    assert result.out.startswith("2 draft(s) saved for review (1 reused, 0 cached, 1 request(s))")
    reused = polib.pofile("locales/es/LC_MESSAGES/second.po").find(disclaimer.msgid)
    assert reused.msgstr == disclaimer.msgstr and "fuzzy" in reused.flags
    assert "l10n-draft: reuse from=exploring-ketamine" in reused.tcomment


def test_twenty_percent_faults_complete_with_every_draft_correct(project: Path, server: Server, l10n: Callable[..., Run]) -> None:
    _project_settings(project, batch_size=2, max_attempts=10)
    server.set_faults(
        error=chance(0.05), rate_limit=chance(0.05), bad_json=chance(0.05), drop=chance(0.05), retry_after="0", seed=7
    )
    result = l10n("translate", "--locale", "fr")
    assert result.code == 0, result.err
    faulted = [r for r in _translate_requests(server) if r.fault]
    assert len(faulted) >= 2, "the faults did happen"
    for entry in polib.pofile(str(FR)):
        assert entry.msgstr == _expected(entry.msgid)


def _project_settings(project: Path, **settings: object) -> None:
    """Change settings of [translate] in the project's l10n.toml."""
    import tomllib

    path = project / "l10n.toml"
    table = tomllib.loads(path.read_text("utf-8"))["translate"]
    engines = {k: table.pop(k) for k in list(table) if isinstance(table[k], dict)}
    flat = {**table, **{k: v for own in engines.values() for k, v in own.items()}, **settings}
    path.write_text('locales = ["es", "fr", "de"]\n' + translate_toml(flat), "utf-8")


def _run_cli(project: Path, *args: str) -> subprocess.Popen[bytes]:
    """The real console entry point in its own process (output kept in run.log)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "L10N_LIBRE_KEY": KEY}
    with open(project / ".l10n-run.log", "ab") as log:
        return subprocess.Popen([sys.executable, "-m", "l10n", *args], cwd=project, env=env, stdout=log, stderr=log)


@pytest.mark.slow  # a kill -9 of a run in a new process, and a rerun
def test_kill_9_mid_run_loses_nothing_saved_and_rerun_does_not_resend(project: Path, server: Server) -> None:
    _project_settings(project, batch_size=1, concurrency=1, checkpoint=2)
    server.set_faults(latency=0.15)
    process = _run_cli(project, "translate", "--locale", "fr")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and len(_translate_requests(server)) < 8:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    saved = {e.msgid for e in read_po(FR, str(FR)) if e.msgstr}  # the catalog still parses
    assert 0 < len(saved) < UNITS
    before = _translate_requests(server)
    answered = {q for r in before[:-1] for q in r.fields["q"]}  # the last one was in flight (concurrency 1)
    server.set_faults()
    count = len(_translate_requests(server))
    rerun = _run_cli(project, "translate", "--locale", "fr")
    assert rerun.wait(timeout=60) == 0
    again = [q for r in _translate_requests(server)[count:] for q in r.fields["q"]]
    assert not set(again) & answered, "a text answered before the kill was requested again"
    assert len(again) <= UNITS - len(answered) + 1
    for entry in polib.pofile(str(FR)):
        assert entry.msgstr == _expected(entry.msgid)


@pytest.mark.slow  # three processes racing for one catalog
def test_two_runs_at_once_lose_nothing(project: Path, server: Server) -> None:
    _project_settings(project, batch_size=1, checkpoint=1)
    server.set_faults(latency=0.02)
    first = _run_cli(project, "translate", "--locale", "fr")
    second = _run_cli(project, "translate", "--locale", "fr")
    extract = _run_cli(project, "extract")
    assert first.wait(timeout=60) == 0 and second.wait(timeout=60) == 0 and extract.wait(timeout=60) == 0
    for entry in polib.pofile(str(FR)):
        assert entry.msgstr == _expected(entry.msgid) and "fuzzy" in entry.flags


def test_progress_gives_the_units_to_send_first_then_each_draft(project: Path, server: Server) -> None:
    from l10n.mt.translate import translate
    from l10n.workflow.project import load as load_config

    _project_settings(project, batch_size=5, concurrency=1)
    calls: list[tuple[int, int]] = []
    report = translate(load_config(project), "fr", on_progress=lambda step, total: calls.append((step, total)))
    assert report.drafted == UNITS and not report.failed
    assert calls[0] == (0, UNITS), "the total comes before the first request"
    assert {total for _, total in calls} == {UNITS}
    done = [sum(step for step, _ in calls[: i + 1]) for i in range(len(calls))]
    assert done[-1] == UNITS and done[-2] < UNITS and len(calls) > 3, "the bar fills with the drafts, not at the first"


def test_progress_bar_counts_units_on_a_terminal(
    project: Path, server: Server, l10n: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    _project_settings(project, batch_size=5, concurrency=1)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    result = l10n("translate", "--locale", "fr")
    assert result.code == 0, result.err
    shown = re.findall(r"Translating fr .*?(\d+)/(\d+)", result.err)
    assert shown[0] == ("0", "0") and {total for _, total in shown[1:]} == {str(UNITS)} and shown[-1][0] == str(UNITS)
    assert any(int(done) < UNITS for done, _ in shown[1:]), "the bar was full after the first text"


def test_unsupported_pair_is_an_error_before_any_request(project: Path, server: Server, l10n: Callable[..., Run]) -> None:
    l10n("init", "ja")
    result = l10n("translate", "--locale", "ja")
    assert result.code == 2
    assert result.err.startswith("Error: ") and "ja" in result.err and len(result.err.splitlines()) == 1
    assert _translate_requests(server) == []


def test_review_queue_and_approval(project: Path, server: Server, l10n: Callable[..., Run]) -> None:
    l10n("translate", "--locale", "fr")
    queue = json.loads(l10n("review", "--locale", "fr", "--format", "json").out)
    assert len(queue["items"]) == UNITS
    assert {i["state"] for i in queue["items"]} == {"machine draft"}
    assert queue["counts"] == [{"locale": "fr", "article": "exploring-ketamine", "waiting": UNITS}]
    drowsy = next(i for i in queue["items"] if i["msgid"] == "Drowsiness")
    assert drowsy["source"] == "source/exploring-ketamine.md:39" and drowsy["words"] == 1
    assert "required-term" in drowsy["checks"]
    refused = l10n("review", "approve", "--locale", "fr", "--entry", drowsy["source"], "--reviewer", "Dr. Roux")
    assert refused.code == 1 and "refused" in refused.err
    po = polib.pofile(str(FR))
    po.find("Drowsiness").msgstr = "Somnolence"
    po.save(str(FR))
    approved = l10n("review", "approve", "--locale", "fr", "--entry", drowsy["source"], "--reviewer", "Dr. Roux")
    assert approved.code == 0, approved.err
    entry = polib.pofile(str(FR)).find("Drowsiness")
    assert "fuzzy" not in entry.flags
    assert entry.tcomment.startswith("l10n-reviewed: by=Dr. Roux date=") and "(was: mt engine=libre" in entry.tcomment
    assert l10n("review", "approve", "--locale", "fr").code == 2, "a whole locale needs --all --yes"
    # Removing fuzzy in an editor is not an approval: the unit awaits one.
    po = polib.pofile(str(FR))
    nausea = po.find("Nausea and vomiting")
    nausea.msgstr, nausea.flags = "Nausées et vomissements", []
    po.save(str(FR))
    left = json.loads(l10n("review", "--locale", "fr", "--format", "json").out)["items"]
    assert len(left) == UNITS - 1 and "Drowsiness" not in {i["msgid"] for i in left}
    assert next(i["state"] for i in left if i["msgid"] == "Nausea and vomiting") == "awaiting approval"
    publish_partial(project)  # gettext's convention: without fuzzy is reviewed
    l10n("build", "--locale", "fr")
    built = Path("build/fr/exploring-ketamine.md").read_text("utf-8")
    assert "- Somnolence\n" in built and "- Nausées et vomissements\n" in built


def test_damaged_placeholders_are_saved_but_flagged() -> None:
    text = "Unlike others, ketamine acts fast (Krystal et al., 2013) at 0.5 mg/kg."
    masked = mask(text, find_spans(text))
    assert '<x id="1"></x>' in masked.text
    damaged = masked.text.replace('<x id="1"></x>', "").replace("Unlike", "A diferencia de")
    restored, problems = restore(damaged, masked)
    assert problems and "(Krystal et al., 2013)" not in restored
    from l10n.checks import Context, run
    from l10n.glossary.model import Glossary

    names = {c.name for c, _ in run(Context(text, restored, "es", Glossary((), "g")))}
    assert "protected-spans" in names


def test_long_units_are_split_at_sentence_boundaries() -> None:
    text = "First sentence here. Second one follows! Third? " * 20
    pieces = split_sentences(text.strip(), 100)
    assert all(len(p) <= 100 for p in pieces)
    assert " ".join(pieces) == text.strip()
    assert all(p.endswith((".", "!", "?")) for p in pieces)


def test_texts_that_differ_only_in_protected_spans_each_get_their_own_back(
    project: Path, server: Server, l10n: Callable[..., Run]
) -> None:
    """They mask to the same text, so one request serves both; each is unmasked with its own spans."""
    Path("source/doses.md").write_text(
        "# Doses\n\n- Take 5 mg daily (Domino, 2010).\n- Take 10 mg daily (Krystal et al., 2013).\n"
        "\n| Dose | 80 |\n| --- | --- |\n| 10 | 5 |\n",
        "utf-8",
    )
    l10n("extract")
    assert l10n("translate", "--locale", "fr", "--article", "doses").code == 0
    for entry in polib.pofile("locales/fr/LC_MESSAGES/doses.po"):
        assert entry.msgstr == _expected(entry.msgid)


# --- A hostile or unlucky server: bounded, honest about placeholders, no key, no resend --------


def _timed_cli(project: Path, *args: str) -> tuple[int, float]:
    """The exit code and wall time of the real console entry point, interpreter exit included."""
    started = time.monotonic()
    code = _run_cli(project, *args).wait(timeout=300)
    return code, time.monotonic() - started


@pytest.mark.parametrize(
    ("engine", "faults", "drafted"),
    [
        pytest.param("libre", {"drip": True}, 0, id="libre-every-answer-drips"),
        pytest.param("libre", {"hang": times(2)}, UNITS - 4, id="libre-two-requests-hang"),
        pytest.param("libre", {"hang": True}, 0, id="libre-every-request-hangs", marks=pytest.mark.slow),
        pytest.param("libre-dt", {"drip": True}, 0, id="libre-dt-every-answer-drips", marks=pytest.mark.slow),
    ],
)
def test_the_deadline_bounds_the_whole_run(
    project: Path, server: Server, engine: str, faults: dict[str, object], drafted: int
) -> None:
    """Batches of 2 on 3 threads, a read timeout far beyond the deadline: the run ends at the deadline.

    The deadline runs from the start of the process, so it is at least three times what the same
    start-up and reading take (``--dry-run``, timed first): 2 s on an idle machine, more on a
    busy one, where the start-up alone could otherwise use it up before the first request.
    Without the deadline the run would last 120 s (a hanging request) or over a minute (an answer
    dripping a byte every 0.5 s). The time allowed beyond the deadline is measured against the
    run's own work, not a fixed second or two: twice what the same start-up and reading take
    (``--dry-run``, timed just before and just after under the same load of the machine), plus
    1.5 s, so a busy machine makes both slower alike and the test still fails far short of 120 s.
    """
    _project_settings(project, engine=engine, batch_size=2, concurrency=3, timeout=[5, 120])
    _, before = _timed_cli(project, "translate", "--locale", "fr", "--dry-run")  # the same start-up and reading
    deadline = max(2, math.ceil(3 * before))
    _project_settings(project, engine=engine, batch_size=2, concurrency=3, deadline=deadline, timeout=[5, 120])
    server.set_faults(paths=("/translate",), drip_every=0.5, hang_for=120.0, **faults)
    code, took = _timed_cli(project, "translate", "--locale", "fr")
    sent = len(_translate_requests(server))
    server.set_faults()
    _, after = _timed_cli(project, "translate", "--locale", "fr", "--dry-run")
    work = max(before, after)
    assert took < deadline + 2 * work + 1.5, f"{took:.1f} s for a {deadline:g} s deadline (start-up and reading {work:.1f} s)"
    log = (project / ".l10n-run.log").read_text("utf-8")
    assert code == 1 and f"Error: {UNITS - drafted} unit(s) not drafted" in log, log
    assert f"the run's deadline ({deadline} s) cut the request short" in log
    assert sent <= 3 + drafted // 2 and len(_translate_requests(server)) == sent, "no request starts after the deadline"
    assert sum(1 for e in polib.pofile(str(FR)) if e.msgstr) == drafted, "what was drafted in time is saved"


@pytest.mark.slow  # a kill -9 of a run in a new process, and a rerun
def test_answers_are_cached_as_they_arrive_so_a_kill_loses_only_what_is_in_flight(project: Path, server: Server) -> None:
    """While the catalog's lock is held (by a concurrent ``extract``, say), no checkpoint can save the
    drafts; a ``kill -9`` then must not lose the answers that arrived meanwhile."""
    _project_settings(project, batch_size=2, concurrency=3, checkpoint=2)
    server.set_faults(latency=0.05)
    with locked(project, project / FR):
        process = _run_cli(project, "translate", "--locale", "fr")
        deadline = time.monotonic() + 30
        while server.answered < 1 + BATCHES and time.monotonic() < deadline:  # /languages and every batch
            time.sleep(0.01)
        time.sleep(0.3)  # the client reads each answer and caches it
        process.send_signal(signal.SIGKILL)
        process.wait()
    count = len(_translate_requests(server))
    assert count == BATCHES and not any(e.msgstr for e in polib.pofile(str(FR))), "the kill landed while the lock was held"
    assert _run_cli(project, "translate", "--locale", "fr").wait(timeout=60) == 0
    assert len(_translate_requests(server)) == count, "an answer that arrived before the kill was requested again"
    for entry in polib.pofile(str(FR)):
        assert entry.msgstr == _expected(entry.msgid) and "fuzzy" in entry.flags


def test_a_key_the_server_puts_into_its_translations_reaches_neither_draft_nor_cache(
    project: Path, server: Server, l10n: Callable[..., Run]
) -> None:
    server.set_faults(leak_key=True)
    result = l10n("translate", "--locale", "fr")
    assert result.code == 0, result.err
    assert {e.msgstr for e in polib.pofile(str(FR))} == {f"{_expected(e.msgid)} (key ***)" for e in polib.pofile(str(FR))}
    for path in project.rglob("*"):
        if path.is_file():  # the catalogs, the cache and its write-ahead log
            assert KEY.encode() not in path.read_bytes(), path
    FR.write_text(_untranslated(ROOT / FR), "utf-8")
    assert l10n("translate", "--locale", "fr").out.startswith(f"{UNITS} draft(s) saved for review (0 reused, {UNITS} cached")
    assert all(KEY not in e.msgstr for e in polib.pofile(str(FR)))


DOSES = "# Dosing\n\nStart at 1 mg/kg and never exceed 0.5 mg/kg.\n\nSee (Krystal et al., 2013) and (Domino, 2010).\n"
"""Two doses that only the reorder check tells apart when swapped: same numbers, same units ("per hour"
after the second dose would move to the first, which the ``numbers`` check sees on its own)."""
DOSE = "Start at 1 mg/kg and never exceed 0.5 mg/kg."
CITATIONS = "See (Krystal et al., 2013) and (Domino, 2010)."
DOSING = "locales/fr/LC_MESSAGES/dosing.po"


def test_placeholders_returned_in_another_order_fail_a_check_until_waived(
    project: Path, server: Server, l10n: Callable[..., Run]
) -> None:
    """An engine that swaps two doses: the draft says so, the reviewer sees an error, approval is refused
    until the reviewer, having compared the spans with the source, waives the finding."""
    Path("source/dosing.md").write_text(DOSES, "utf-8")
    assert l10n("extract").code == 0
    server.set_faults(reorder=True)
    result = l10n("translate", "--locale", "fr", "--article", "dosing")
    assert result.code == 0, result.err
    assert "2 with placeholders reordered" in result.out
    po = polib.pofile(DOSING)
    dose = po.find(DOSE)
    assert dose.msgstr == "[fr] Start at 0.5 mg/kg and never exceed 1 mg/kg.", "the doses are swapped"
    assert re.fullmatch(r"l10n-draft: mt engine=libre date=\S+ placeholders-reordered=2,1", dose.tcomment)
    assert "placeholders-reordered" not in po.find("Dosing").tcomment, "a text without two spans cannot be reordered"
    found = l10n("check", "--locale", "fr", "--article", "dosing")
    assert found.code == 1
    assert (
        "error [placeholders-reordered] (fuzzy) the engine returned the protected spans in another order than the "
        "source ('0.5 mg/kg' now comes before '1 mg/kg'; ids 2,1)"
    ) in found.out
    queue = json.loads(l10n("review", "--locale", "fr", "--article", "dosing", "--format", "json").out)["items"]
    # The pseudo-translation is English: the warnings negations and untranslated say so (issue 25).
    english = ("negations", "untranslated")
    assert [[c for c in i["checks"] if c not in english] for i in queue if i["msgid"] != "Dosing"] == [
        ["placeholders-reordered"]
    ] * 2
    refused = l10n("review", "approve", "--locale", "fr", "--article", "dosing", "--reviewer", "Dr. Roux")
    assert refused.code == 1 and refused.err.count("another order than the source") == 2, refused.err
    # The reviewer swaps the doses back in an editor (the draft stays fuzzy, under review): the mark stays on
    # the draft line, so the error does not vanish with the edit, and approval is still refused.
    (po := polib.pofile(DOSING)).find(DOSE).msgstr = f"[fr] {DOSE}"
    po.save(DOSING)
    assert _reorder_findings(l10n) == {DOSE: "error", CITATIONS: "error"}
    ref, roux = "source/dosing.md:3", "Dr. Roux <roux@example.org>"
    refused = l10n("review", "approve", "--locale", "fr", "--entry", ref, "--reviewer", roux)
    assert refused.code == 1 and "error [placeholders-reordered]" in refused.err, "no approval without the waiver"
    # Having compared each span with the source, the reviewer acknowledges the reorder: a waiver, then approval.
    reason = "compared each dose with the source: the engine had swapped them, fixed"
    waived = l10n("review", "waive", "--locale", "fr", "--entry", ref, "--check", "placeholders-reordered", "--reason", reason)
    assert waived.code == 0, waived.err
    assert _reorder_findings(l10n)[DOSE] == "waived", "the waiver covers it; the finding is still shown"
    for edited, severity in ((f"[fr] {DOSE} ", "error"), (f"[fr] {DOSE}", "waived")):  # bound to the exact texts
        (po := polib.pofile(DOSING)).find(DOSE).msgstr = edited
        po.save(DOSING)
        assert _reorder_findings(l10n)[DOSE] == severity
    approved = l10n("review", "approve", "--locale", "fr", "--entry", ref, "--reviewer", roux)
    assert approved.code == 0, approved.err
    comment = polib.pofile(DOSING).find(DOSE).tcomment
    assert "l10n-draft:" not in comment and "(was: mt engine=libre" in comment and "placeholders-reordered=2,1)" in comment
    assert _reorder_findings(l10n) == {CITATIONS: "error"}, "the approval ends the mark: the finding does not come back"
    # Removing the flag in an editor is no way round it: the citations stay in English in the post.
    for entry in (po := polib.pofile(DOSING)):
        entry.flags = []
    po.save(DOSING)
    assert "placeholders-\n# reordered=2,1\n" in Path(DOSING).read_text("utf-8"), "polib wraps it"
    assert _reorder_findings(l10n) == {CITATIONS: "error"}, "the wrapped mark is read; the approval's is not"
    publish_partial(project)
    assert l10n("build", "--locale", "fr").code == 0
    built = Path("build/fr/dosing.md").read_text("utf-8")
    assert CITATIONS in built and "[fr] See" not in built
    assert f"[fr] {DOSE}" in built and "[fr] Dosing" in built


def _reorder_findings(l10n: Callable[..., Run]) -> dict[str, str]:
    """The severity of each ``placeholders-reordered`` finding in the French dosing catalog, by msgid."""
    found = json.loads(l10n("check", "--locale", "fr", "--article", "dosing", "--format", "json").out)
    return {f["msgid"]: f["severity"] for f in found if f["check"] == "placeholders-reordered"}


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("l10n-draft: mt engine=libre date=2026-01-31T09:05Z placeholders-reordered=2,1", (2, 1)),
        (
            "Checked by Ana.\nl10n-draft: mt engine=libre date=2026-01-31T09:05Z placeholders-damaged=1 placeholders-reordered=3,1,2",
            (3, 1, 2),
        ),
        # wrapped at 78 columns by polib, after the hyphen or before the mark
        ("l10n-draft: mt engine=microsoft date=2026-01-31T09:05Z placeholders-damaged=1\nplaceholders-reordered=2,1", (2, 1)),
        ("l10n-draft: mt engine=libre date=2026-01-31T09:05Z placeholders-\nreordered=2,1", (2, 1)),
        ("l10n-draft: mt engine=libre date=2026-01-31T09:05Z", ()),
        ("placeholders-reordered=2,1\nl10n-draft: mt engine=libre date=2026-01-31T09:05Z", ()),  # not the draft's
        (
            "l10n-reviewed: by=Ana date=2026-02-01T10:00Z (was: mt engine=libre date=2026-01-31T09:05Z placeholders-reordered=2,1)",
            (),
        ),
        ("", ()),
    ],
)
def test_the_reorder_mark_is_read_from_the_draft_line_only(comment: str, expected: tuple[int, ...]) -> None:
    assert provenance.reordered(comment) == expected


def test_the_reorder_mark_is_written_on_the_draft_line_and_an_approval_ends_it() -> None:
    line = provenance.machine_draft("libre", "2026-01-31T09:05Z", 1, (2, 1))
    assert line == "mt engine=libre date=2026-01-31T09:05Z placeholders-damaged=1 placeholders-reordered=2,1"
    comment = provenance.with_draft("Checked by Ana.", line)
    assert provenance.reordered(comment) == (2, 1)
    approved = provenance.with_approval(comment, "Dr. Roux", "2026-02-01T10:00Z", provenance.digest("a", "b"))
    assert "(was: mt engine=libre date=2026-01-31T09:05Z placeholders-damaged=1 placeholders-reordered=2,1)" in approved
    assert provenance.reordered(approved) == ()
    assert provenance.reordered(provenance.with_draft(comment, provenance.machine_draft("libre", "2026-02-01T10:00Z"))) == ()


def test_a_draft_line_wrapped_after_its_hyphen_is_written_back_whole() -> None:
    """polib breaks the line after ``placeholders-``: a waiver or an approval must not leave ``reordered=2,1``
    behind as a line of its own (a translator's line, read by no one) nor lose it from the approval's record."""
    draft = "mt engine=libre date=2026-01-31T09:05Z placeholders-reordered=2,1"
    wrapped = f"Checked by Ana.\nl10n-draft: {draft.replace('placeholders-', 'placeholders-' + chr(10))}"
    current = provenance.digest("a", "b")
    assert provenance.logical_lines(wrapped) == ["Checked by Ana.", f"l10n-draft: {draft}"]
    waived = provenance.with_waiver(wrapped, "placeholders-reordered", "Dr. Roux", "2026-02-01T10:00Z", current, "compared")
    assert waived.splitlines()[:2] == ["Checked by Ana.", f"l10n-draft: {draft}"] and provenance.reordered(waived) == (2, 1)
    approved = provenance.with_approval(waived, "Dr. Roux", "2026-02-01T10:00Z", current)
    assert "reordered=2,1\n" not in approved and f"(was: {draft})" in approved and provenance.reordered(approved) == ()
