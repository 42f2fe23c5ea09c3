"""Machine translation without traps (issue 22): which engine drafts is always a choice.

With no engine configured and none named, ``l10n translate`` says which engines exist and how
to configure one, and writes nothing; pseudo drafts are made only when asked for. A unit that
holds another engine's machine draft keeps it unless ``--replace-drafts`` empties it for the
engine now translating; a dry run names the engine and counts those units. Human, reviewed,
reuse and agency translations are never emptied. The real engine is a LibreTranslate-compatible
server on 127.0.0.1 (``tests/support/libre_server.py``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import polib
import pytest
from conftest import Run, assert_gettext_canonical
from libre_server import Server, start_server

from l10n.catalog import provenance

ES = Path("locales/es/LC_MESSAGES/exploring-ketamine.po")
KEY = "k-22"


@pytest.fixture
def server() -> Iterator[Server]:
    with start_server(api_key=KEY) as running:
        yield running


def _files(root: Path) -> dict[str, bytes]:
    """The project's files, without the state of .l10n/ (SQLite checkpoints it when it likes)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and ".l10n" not in p.parts
    }


def _engines(path: Path) -> dict[str, str | None]:
    """The engine of each entry's machine draft (None: no machine draft)."""
    found = {}
    for entry in polib.pofile(str(path)):
        draft = provenance.draft_of(entry.tcomment or "")
        found[entry.msgid] = draft.engine if draft is not None and draft.how == "mt" else None
    return found


def test_no_engine_is_an_error_that_names_the_engines_and_writes_nothing(project: Path, l10n: Callable[..., Run]) -> None:
    assert l10n("extract").code == 0
    before = _files(project)
    result = l10n("translate", "--locale", "es")
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("Error: no machine-translation engine is configured: name one with --engine")
    assert len(result.err.splitlines()) == 1
    for engine in ("libre", "deepl", "google", "mymemory", "microsoft", "pseudo"):
        assert engine in result.err
    assert '[translate] engine = "libre"' in result.err
    assert _files(project) == before, "no pseudo draft"
    assert not (project / ".l10n" / "mt-cache.sqlite").exists(), "no cache opened"
    assert l10n("translate", "--locale", "es", "--dry-run").code == 2, "a dry run needs an engine too"


def test_pseudo_drafts_only_when_asked_for(project: Path, l10n: Callable[..., Run]) -> None:
    assert l10n("extract").code == 0
    result = l10n("translate", "--locale", "es", "--engine", "pseudo")
    assert result.code == 0, result.err
    assert set(_engines(project / ES).values()) == {"pseudo"}
    assert_gettext_canonical(project / ES)


def test_the_configured_engine_needs_no_flag(project: Path, l10n: Callable[..., Run]) -> None:
    with (project / "l10n.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[translate]\nengine = "pseudo"\n')
    assert l10n("extract").code == 0
    dry = l10n("translate", "--locale", "es", "--dry-run")
    assert dry.code == 0 and dry.out.startswith("engine pseudo: would send ")


def _with_libre(project: Path, server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    table = {"url": server.url, "timeout": 5, "rate_limit": 200.0}
    with (project / "l10n.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n[translate]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in table.items()))
    monkeypatch.setenv("L10N_LIBRE_KEY", KEY)


def test_replace_drafts_lets_a_real_engine_draft_over_pseudo(
    project: Path, server: Server, l10n: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert l10n("extract").code == 0
    po = polib.pofile(str(project / ES))
    human = po[0].msgid  # a translator's own work: never emptied
    po[0].msgstr = "Traducción humana"
    po.save(str(project / ES))
    assert l10n("translate", "--locale", "es", "--engine", "pseudo").code == 0
    _with_libre(project, server, monkeypatch)  # (pseudo refuses libre's settings: they come after its drafts)
    drafted = [m for m, e in _engines(project / ES).items() if e == "pseudo"]
    assert len(drafted) == len(po) - 1

    plain = l10n("translate", "--locale", "es", "--engine", "libre")
    assert plain.code == 0, plain.err
    assert plain.out.splitlines()[0] == (
        f"{len(drafted)} unit(s) already hold a draft of another engine ({len(drafted)} pseudo): "
        "--replace-drafts would let libre draft them"
    )
    assert not server.requests or all(not r.path.startswith("/translate") for r in server.requests), "nothing to draft"
    dry = l10n("translate", "--locale", "es", "--engine", "libre", "--replace-drafts", "--dry-run")
    assert dry.code == 0, dry.err
    assert dry.out.splitlines() == [
        f"{len(drafted)} unit(s) already hold a draft of another engine ({len(drafted)} pseudo): libre would draft them",
        f"engine libre: would send {len(drafted)} text(s), " + dry.out.split(" text(s), ", 1)[1].split("\n", 1)[0],
    ]
    assert set(_engines(project / ES).values()) == {"pseudo", None}, "a dry run writes nothing"

    replaced = l10n("translate", "--locale", "es", "--engine", "libre", "--replace-drafts")
    assert replaced.code == 0, replaced.err
    assert replaced.out.splitlines()[0] == f"{len(drafted)} draft(s) of other engines emptied for libre (--replace-drafts)"
    after = polib.pofile(str(project / ES))
    assert {e.msgid: e.msgstr for e in after}[human] == "Traducción humana"
    for entry in after:
        if entry.msgid != human:
            assert entry.msgstr == f"[es] {entry.msgid}" and "fuzzy" in entry.flags
            assert entry.tcomment.count("l10n-draft:") == 1 and "engine=libre" in entry.tcomment
    assert_gettext_canonical(project / ES)
    again = l10n("translate", "--locale", "es", "--engine", "libre", "--replace-drafts")
    assert again.out.startswith("0 draft(s) saved"), "its own drafts are not replaced"
