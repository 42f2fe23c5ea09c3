"""``l10n status`` and the publishing policy of ``l10n build``, on a fixture project.

``fixtures/status`` has two articles and one locale in each state: ``es`` complete and
reviewed, ``fr`` partial (one unit untranslated, one translation awaiting approval, one
reviewed translation failing the numbers check), ``de`` machine and reuse drafts only,
``it`` outdated by source edits, ``pt_BR`` empty. Reviewed entries carry an approval by
``Fixture Reviewer``. Every expected figure below was counted by hand from the fixture.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, Run

FIXTURE = Path(__file__).parents[2] / "fixtures" / "status"
STATES = ("reviewed", "unapproved", "draft", "outdated", "flagged", "failing", "untranslated")

# (article, locale): units per state, words per state (in STATES order), errors, percent, reasons
EXPECTED = {
    ("aftercare", "es"): ((3, 0, 0, 0, 0, 0, 0), (14, 0, 0, 0, 0, 0, 0), 0, 100.0, []),
    ("aftercare", "fr"): (
        (2, 0, 0, 0, 0, 1, 0),
        (8, 0, 0, 0, 0, 6, 0),
        2,
        57.1,
        ["57.1% of words reviewed, below the minimum of 100%"],
    ),
    ("aftercare", "de"): (
        (0, 0, 2, 0, 0, 0, 1),
        (0, 0, 7, 0, 0, 0, 7),
        4,
        0.0,
        ["0% of words reviewed, below the minimum of 100%"],
    ),
    ("aftercare", "it"): ((3, 0, 0, 0, 0, 0, 0), (14, 0, 0, 0, 0, 0, 0), 0, 100.0, []),
    ("aftercare", "pt_BR"): (
        (0, 0, 0, 0, 0, 0, 3),
        (0, 0, 0, 0, 0, 0, 14),
        0,
        0.0,
        ["0% of words reviewed, below the minimum of 100%"],
    ),
    ("dosing", "es"): ((5, 0, 0, 0, 0, 0, 0), (24, 0, 0, 0, 0, 0, 0), 0, 100.0, []),
    ("dosing", "fr"): (
        (3, 1, 0, 0, 0, 0, 1),
        (22, 1, 0, 0, 0, 0, 1),
        0,
        91.6,
        ["91.6% of words reviewed, below the minimum of 100%"],
    ),
    ("dosing", "de"): (
        (0, 0, 5, 0, 0, 0, 0),
        (0, 0, 24, 0, 0, 0, 0),
        0,
        0.0,
        [
            "0% of words reviewed, below the minimum of 100%",
            'required unit source/dosing.md:13 "This article does not replace medical advice." is not reviewed',
        ],
    ),
    ("dosing", "it"): (
        (3, 0, 0, 2, 0, 0, 0),
        (4, 0, 0, 20, 0, 0, 0),
        2,
        16.6,
        [
            "16.6% of words reviewed, below the minimum of 100%",
            'required unit source/dosing.md:13 "This article does not replace medical advice." is not reviewed',
        ],
    ),
    ("dosing", "pt_BR"): (
        (0, 0, 0, 0, 0, 0, 5),
        (0, 0, 0, 0, 0, 0, 24),
        0,
        0.0,
        [
            "0% of words reviewed, below the minimum of 100%",
            'required unit source/dosing.md:13 "This article does not replace medical advice." is not reviewed',
        ],
    ),
}
LOCALES = {
    "es": ("Spanish", "español", 100.0),
    "fr": ("French", "français", 78.9),
    "de": ("German", "Deutsch", 0.0),
    "it": ("Italian", "italiano", 47.3),
    "pt_BR": ("Portuguese (Brazil)", "português (Brasil)", 0.0),
}


@pytest.fixture
def fixture_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    monkeypatch.chdir(root)
    return root


def _counts(values: tuple[int, ...]) -> dict[str, int]:
    return {**dict(zip(STATES, values, strict=True)), "total": sum(values)}


def _status(l10n: Callable[..., Run], *args: str) -> dict:
    result = l10n("status", "--format", "json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)


def _set_policy(root: Path, text: str) -> None:
    with (root / "l10n.toml").open("a", encoding="utf-8") as handle:
        handle.write(f"\n[build]\n{text}\n")


def test_fixture_catalogs_are_current(fixture_project: Path, l10n: Callable[..., Run]) -> None:
    assert l10n("extract", "--check").code == 0


def test_every_figure_of_the_json_report(fixture_project: Path, l10n: Callable[..., Run]) -> None:
    data = _status(l10n)
    assert data["schema"] == 1 and data["source_locale"] == "en" and data["states"] == list(STATES)
    assert data["policy"] == {
        "min_reviewed": 100.0,
        "required": [],
        "require_approval": True,
        "min_approvals": 1,
        "min_approvals_required_units": 1,
        "outdated": "hold",
        "signatures": "off",
    }
    rows = {(row["article"], row["locale"]): row for row in data["articles"]}
    assert list(rows) == list(EXPECTED), "article by article, locales in configured order"
    for key, (units, words, errors, percent, reasons) in EXPECTED.items():
        row = rows[key]
        assert row["units"] == _counts(units), key
        assert row["words"] == _counts(words), key
        assert (row["errors"], row["reviewed_percent"], row["reasons"]) == (errors, percent, reasons), key
        assert row["publishable"] is (not reasons), key
        assert row["source"] == f"source/{key[0]}.md"
        assert row["catalog"] == f"locales/{key[1]}/LC_MESSAGES/{key[0]}.po"
    for summary in data["locales"]:
        code = summary["locale"]
        mine = [value for (_, locale), value in EXPECTED.items() if locale == code]
        assert summary["units"] == _counts(tuple(map(sum, zip(*(m[0] for m in mine), strict=True))))
        assert summary["words"] == _counts(tuple(map(sum, zip(*(m[1] for m in mine), strict=True))))
        assert summary["errors"] == sum(m[2] for m in mine)
        assert (summary["name"], summary["native_name"], summary["reviewed_percent"]) == LOCALES[code]
        assert summary["display_name"] == f"{LOCALES[code][0]} - {LOCALES[code][1]}"
        assert summary["articles"] == 2 and summary["publishable"] == sum(not m[4] for m in mine)
        assert summary["dir"] == "ltr" and summary["lang"] == code.replace("_", "-")
    assert [row["locale"] for row in data["locales"]] == ["es", "fr", "de", "it", "pt_BR"]


def test_fuzzy_entries_count_once_and_the_queue_matches(fixture_project: Path, l10n: Callable[..., Run]) -> None:
    data = _status(l10n)
    for row in data["articles"]:
        assert sum(row["units"][s] for s in STATES) == row["units"]["total"]
        waiting = [q for q in data["queue"] if (q["article"], q["locale"]) == (row["article"], row["locale"])]
        assert len(waiting) == sum(row["units"][s] for s in ("unapproved", "draft", "outdated", "flagged"))
        assert sum(q["words"] for q in waiting) == sum(row["words"][s] for s in ("unapproved", "draft", "outdated", "flagged"))
    states = {(q["locale"], q["article"], q["msgid"]): q["state"] for q in data["queue"]}
    assert states[("de", "aftercare", "Aftercare")] == "reuse draft"
    assert states[("de", "dosing", "Nausea")] == "machine draft"
    assert states[("it", "dosing", "This article does not replace medical advice.")] == "outdated"
    nausea = next(q for q in data["queue"] if (q["locale"], q["msgid"]) == ("fr", "Nausea"))
    assert (nausea["state"], nausea["msgstr"], nausea["approvers"], nausea["needed"]) == ("awaiting approval", "Nausées", 0, 1)
    drive = next(q for q in data["queue"] if q["locale"] == "de" and q["msgid"] == "Do not drive for 24 hours.")
    assert drive["checks"][0] == "injection" and drive["path"] == "locales/de/LC_MESSAGES/aftercare.po"
    assert drive["source"] == "source/aftercare.md:5"
    assert ("injection", "error") in {(f["check"], f["severity"]) for f in drive["findings"]}
    assert drive["msgstr"] and drive["draft"].startswith("mt engine=") and drive["waived"] == []


def test_errors_match_l10n_check(fixture_project: Path, l10n: Callable[..., Run]) -> None:
    findings = json.loads(l10n("check", "--format", "json").out)
    errors = [f for f in findings if f["severity"] == "error"]
    data = _status(l10n)
    assert sum(row["errors"] for row in data["locales"]) == len(errors) == 8


def test_filters(fixture_project: Path, l10n: Callable[..., Run]) -> None:
    data = _status(l10n, "--locale", "fr", "--article", "dosing")
    assert [(r["article"], r["locale"]) for r in data["articles"]] == [("dosing", "fr")]
    assert [r["locale"] for r in data["locales"]] == ["fr"]
    assert data["locales"][0]["reviewed_percent"] == 91.6 and data["locales"][0]["articles"] == 1


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("--fail-under", "100"), 1),
        (("--fail-under", "0"), 0),
        (("--locale", "es", "--fail-under", "100"), 0),
        (("--locale", "fr", "--fail-under", "78.9"), 0),  # 30 of 38 words: 78.94%
        (("--locale", "fr", "--fail-under", "79"), 1),
        (("--locale", "it", "--locale", "es", "--fail-under", "47"), 0),
        (("--locale", "it", "--locale", "es", "--fail-under", "48"), 1),
    ],
)
def test_fail_under(fixture_project: Path, l10n: Callable[..., Run], args: tuple[str, ...], code: int) -> None:
    result = l10n("status", "--format", "json", *args)
    assert result.code == code, result.err
    if code:
        assert result.err.startswith(f"Error: below {args[-1]}% reviewed: ")
        assert len(result.err.splitlines()) == 1


def test_fail_under_rejects_a_bad_percentage(fixture_project: Path, l10n: Callable[..., Run]) -> None:
    result = l10n("status", "--fail-under", "120")
    assert result.code == 2 and result.err.startswith("Error: Invalid value for '--fail-under'")


def test_table_and_markdown_show_the_same_figures(fixture_project: Path, l10n: Callable[..., Run]) -> None:
    table = l10n("status", "--format", "table").out
    assert "fr      French - français" in table
    assert "78.9%" in table and "5 · 30" in table
    assert "  dosing: 91.6% of words reviewed, below the minimum of 100%" not in table
    assert "  fr/dosing: 91.6% of words reviewed, below the minimum of 100%" in table
    markdown = l10n("status", "--format", "markdown").out
    row = "| French - français (`fr`) | **78.9%** | 5 · 30 | 1 · 1 | 0 · 0 | 0 · 0 | 0 · 0 | 1 · 6 | 1 · 1 | 2 | 0 · 0 | 0/2 |"
    assert row in markdown
    assert "**10** unit(s) waiting for review." in markdown
    assert l10n("status").out == table, "a table by default, on a terminal or not"


def test_a_pipe_gets_the_table_and_json_only_when_asked(fixture_project: Path, l10n: Callable[..., Run]) -> None:
    """``l10n status | less`` and CI logs show what a person reads (a real pipe); ``--format json`` is for programs."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    piped = subprocess.run([sys.executable, "-m", "l10n", "status"], capture_output=True, text=True, env=env, check=False)
    assert (piped.returncode, piped.stderr) == (0, "")
    assert "fr      French - français" in piped.stdout and not piped.stdout.startswith("{")
    assert json.loads(l10n("status", "--format", "json").out)["locales"]


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("status.json", "{"),
        ("status.md", "### Translation status"),
        ("status.html", "<!DOCTYPE html>"),
        ("status.txt", "Coverage by locale"),
    ],
)
def test_an_output_file_takes_its_format_from_its_suffix(
    fixture_project: Path, l10n: Callable[..., Run], name: str, start: str
) -> None:
    assert l10n("status", "--output", name).code == 0
    assert Path(name).read_text("utf-8").startswith(start)


def test_output_file(fixture_project: Path, l10n: Callable[..., Run]) -> None:
    result = l10n("status", "--format", "markdown", "--output", "reports/status.md")
    assert result.code == 0 and result.out == ""
    assert Path("reports/status.md").read_text("utf-8").startswith("### Translation status of site")


def _built(root: Path) -> set[str]:
    return {p.relative_to(root / "build").as_posix() for p in (root / "build").rglob("*") if p.is_file()}


def test_build_publishes_only_what_the_policy_allows(fixture_project: Path, l10n: Callable[..., Run]) -> None:
    result = l10n("build")
    assert result.code == 0, result.err
    assert _built(fixture_project) == {"es/aftercare.md", "es/dosing.md", "it/aftercare.md", "manifest.json"}
    held = [line for line in result.err.splitlines() if line.startswith("held: ")]
    assert [line.split(": ", 2)[1] for line in held] == [
        f"build/{locale}/{article}.md" for (article, locale), (*_, reasons) in EXPECTED.items() if reasons
    ]
    for line, reasons in zip(held, [r for *_, r in EXPECTED.values() if r], strict=True):
        assert line.endswith("; ".join(reasons)), line
    assert "held back" not in result.out, "what is held back is said on stderr, with the reasons"
    assert result.err.splitlines()[-1] == "build: 3 published, 7 held back; 4 file(s) written, 0 removed, 0 unchanged"
    manifest = json.loads(Path("build/manifest.json").read_text("utf-8"))
    posts = {(p["article"], p["locale"]): p for p in manifest["posts"]}
    assert list(posts) == sorted(EXPECTED)
    assert posts[("dosing", "es")] == {
        "article": "dosing",
        "locale": "es",
        "state": "published",
        "reviewed_percent": 100.0,
        "reasons": [],
        "output": "es/dosing.md",
        "html": None,
        "preview": None,
        "source_digest": posts[("dosing", "es")]["source_digest"],
        "source_updated": None,
    }
    assert len(posts[("dosing", "es")]["source_digest"]) > 16
    assert posts[("dosing", "fr")]["state"] == "held back" and posts[("dosing", "fr")]["output"] is None
    assert (
        "Warning: locales/fr/LC_MESSAGES/aftercare.po:29: error [numbers] quantity '24 hours' is missing or changed" in result.err
    )
    assert l10n("build", "--strict").code == 1


def test_min_reviewed_and_required_patterns(fixture_project: Path, l10n: Callable[..., Run]) -> None:
    _set_policy(fixture_project, 'min_reviewed = 50\nrequired = ["^Do not drive"]')
    l10n("build")
    built = _built(fixture_project)
    assert "fr/dosing.md" in built, "91.6% reviewed and its required disclaimer reviewed"
    assert "fr/aftercare.md" not in built, "57.1% reviewed, but the required unit fails a check"
    assert "it/dosing.md" not in built
    data = _status(l10n)
    fr = {r["article"]: r for r in data["articles"] if r["locale"] == "fr"}
    assert fr["aftercare"]["reasons"] == ['required unit source/aftercare.md:5 "Do not drive for 24 hours." is not reviewed']
    assert data["policy"]["min_reviewed"] == 50.0 and data["policy"]["required"] == ["^Do not drive"]
    text = Path("build/fr/dosing.md").read_text("utf-8")
    assert "- Dizziness\n" in text, "the untranslated unit keeps the source text"
    assert "- Nausea\n" in text, "so does the translation awaiting approval"
    assert "Posologie de la kétamine" in text


def test_a_post_held_back_later_is_removed(fixture_project: Path, l10n: Callable[..., Run]) -> None:
    _set_policy(fixture_project, "min_reviewed = 0")
    l10n("build")
    assert Path("build/pt_BR/aftercare.md").exists()
    (fixture_project / "l10n.toml").write_text((fixture_project / "l10n.toml").read_text().replace("min_reviewed = 0", ""))
    result = l10n("build")
    assert "removed: build/pt_BR/aftercare.md" in result.out
    assert not Path("build/pt_BR").exists(), "the emptied locale folder goes too"


def test_previews_with_drafts(fixture_project: Path, l10n: Callable[..., Run]) -> None:
    result = l10n("build", "--include-drafts")
    assert result.code == 0, result.err
    built = _built(fixture_project)
    assert {f"_preview/{locale}/{article}.md" for article, locale in EXPECTED} <= built
    assert "de/dosing.md" not in built, "previews never go into the publishing folder"
    dosing = Path("build/_preview/de/dosing.md").read_text("utf-8")
    assert dosing.startswith('---\ntitle: "Ketamin-Dosierung"\nlang: de\nmachine_translated: true\nreviewed: 0\n---\n')
    assert "- Übelkeit\n" in dosing
    aftercare = Path("build/_preview/de/aftercare.md").read_text("utf-8")
    assert aftercare.startswith("---\nlang: de\nmachine_translated: false\nreviewed: 0\n---\n# Nachsorge\n"), (
        "a reused human translation is no machine translation; the machine draft fails a check and is left out"
    )
    assert "Do not drive for 24 hours." in aftercare, "a draft failing a check is not previewed"
    it = Path("build/_preview/it/dosing.md").read_text("utf-8")
    assert "machine_translated: false\nreviewed: 16.6\n" in it
    assert "over 40 minutes" in it, "an outdated translation of an older text is not previewed"
    manifest = json.loads(Path("build/manifest.json").read_text("utf-8"))
    assert {p["preview"] for p in manifest["posts"] if p["locale"] == "de"} == {
        "_preview/de/aftercare.md",
        "_preview/de/dosing.md",
    }


def test_html_pages_with_hreflang(fixture_project: Path, l10n: Callable[..., Run]) -> None:
    result = l10n("build", "--html")
    assert result.code == 0, result.err
    page = Path("build/it/aftercare.html").read_text("utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="it" dir="ltr">\n')
    assert '<link rel="alternate" hreflang="es" href="../es/aftercare.html">' in page
    assert '<link rel="alternate" hreflang="it" href="../it/aftercare.html">' in page
    assert 'hreflang="fr"' not in page, "only locales where the post is published"
    assert "<title>Dopo la seduta</title>" in page and "<h1>Dopo la seduta</h1>" in page
    assert '<link rel="alternate" hreflang="en" href="../en/aftercare.html">' in page, "the source-language page"
    assert Path("build/es/dosing.html").read_text("utf-8").count('rel="alternate"') == 2
    manifest = json.loads(Path("build/manifest.json").read_text("utf-8"))
    assert {p["html"] for p in manifest["posts"] if p["html"]} == {
        "en/aftercare.html",
        "en/dosing.html",
        "es/aftercare.html",
        "es/dosing.html",
        "it/aftercare.html",
    }
    assert not Path("build/en/dosing.md").exists(), "the default layout writes no source-language post, only its page"


def test_right_to_left_locale_and_region_tag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]) -> None:
    monkeypatch.chdir(tmp_path)
    Path("l10n.toml").write_text('locales = ["he", "pt_BR"]\n[build]\nhtml = true\nmin_reviewed = 0\n', "utf-8")
    Path("source/guides").mkdir(parents=True)
    Path("source/guides/rest.md").write_text("# Rest\n\nRest today.\n", "utf-8")
    l10n("extract")
    l10n("build")
    page = Path("build/he/guides/rest.html").read_text("utf-8")
    assert '<html lang="he" dir="rtl">' in page
    assert '<link rel="alternate" hreflang="pt-BR" href="../../pt_BR/guides/rest.html">' in page
    data = _status(l10n)
    assert [(r["lang"], r["dir"], r["native_name"]) for r in data["locales"]] == [
        ("he", "rtl", "עברית"),
        ("pt-BR", "ltr", "português (Brasil)"),
    ]


def test_bad_policy_is_a_one_line_error(fixture_project: Path, l10n: Callable[..., Run]) -> None:
    _set_policy(fixture_project, "min_reviewed = 120")
    before = _built(fixture_project) if Path("build").exists() else set()
    result = l10n("build")
    assert result.code == 2
    assert result.err == "Error: l10n.toml:6: build.min_reviewed: expected a percentage from 0 to 100, got 120\n"
    assert not Path("build").exists() and not before
    (fixture_project / "l10n.toml").write_text((fixture_project / "l10n.toml").read_text().replace("120", '"all"'))
    assert l10n("status").err == "Error: l10n.toml:6: build.min_reviewed: expected a percentage from 0 to 100, got 'all'\n"


def test_html_links_to_a_repository_browser(fixture_project: Path, l10n: Callable[..., Run]) -> None:
    with (fixture_project / "l10n.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[status]\nlink_base = "https://git.example/blog/blob/main/"\n')
    page = l10n("status", "--format", "html").out
    assert 'href="https://git.example/blog/blob/main/locales/de/LC_MESSAGES/aftercare.po#L18"' in page
    l10n("status", "--format", "html", "--locale", "it", "--output", "out/report.html")
    page = Path("out/report.html").read_text("utf-8")
    assert 'href="https://git.example/blog/blob/main/locales/it/LC_MESSAGES/dosing.po#L28"' in page


def test_the_streamed_json_is_the_built_document_byte_for_byte(fixture_project: Path, l10n: Callable[..., Run]) -> None:
    """``status --format json`` on stdout is written as it is made (workflow/status.py rule 5); ``--output``
    still writes the document built whole: the two are the same bytes."""
    streamed = l10n("status", "--format", "json")
    assert streamed.code == 0, streamed.err
    assert l10n("status", "--format", "json", "--output", "status.json").code == 0
    assert streamed.out == Path("status.json").read_text("utf-8")
    checked = l10n("check", "--format", "json")
    assert checked.out == json.dumps(json.loads(checked.out), ensure_ascii=False, indent=2) + "\n"
