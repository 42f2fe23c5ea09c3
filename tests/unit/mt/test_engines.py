"""Engines against the local server in ``libre_server.py``: every error through the real code.

Nothing here leaves 127.0.0.1. What deep-translator 1.11.4 does on each fault, and what
``libre-dt`` (its ``LibreTranslator``) turns into ours:

=================  =============================================  ==================
fault              deep-translator                                ours
=================  =============================================  ==================
latency            waits (it has no timeout)                      translation
429                ``ServerException("ERR_TOO_MANY_REQUESTS")``   RateLimited(None)
500                ``ServerException("ERR_INTERNAL_SERVER_...")`` Transient
malformed JSON     requests' ``JSONDecodeError`` escapes          BadResponse
dropped            requests' ``ConnectionError`` escapes (it      Transient
                   catches the builtin ``ConnectionError``)
hang               blocks for ever                                Transient at the
                                                                  deadline
wrong key (403)    ``AuthorizationException`` with the key in     Permanent, no key
                   its message
=================  =============================================  ==================
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from email.utils import formatdate

import pytest
from conftest import ROOT, examples
from hypothesis import given, settings
from hypothesis import strategies as st
from libre_server import LANGUAGES, Server, chance, start_server, times

from l10n.core.errors import BadResponse, ConfigError, EngineError, Permanent, RateLimited, Transient
from l10n.mt.engines import (
    ENGINES,
    Engine,
    LibreEngine,
    close_engine,
    engine_code,
    make_engine,
    pseudo_localize,
    retry_after_seconds,
    settings_schema,
)
from l10n.mt.engines.calls import Deadline, RateLimiter, call_with_retries, retrying
from l10n.text.placeholders import mask, unmask
from l10n.text.spans import find_spans

SECRET = "s3cr3t-Key-9f8e7d6c"
FAST = [0.3, 0.3]  # connect and read timeouts, seconds: a hang costs 0.3 s (0.6 s through deep-translator)
PATHS = {"google": "/m", "mymemory": "/get", "microsoft": "/translate?api-version=3.0"}
HTTP_ENGINES = ["libre", "libre-dt", "deepl", "google", "mymemory", "microsoft"]
KEYED = ["libre", "libre-dt", "deepl", "microsoft"]
PLACEHOLDER = re.compile(r'<x id="\d+"></x>')


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> str:
    for name in ("L10N_LIBRE_KEY", "L10N_DEEPL_KEY", "L10N_MICROSOFT_KEY"):
        monkeypatch.setenv(name, SECRET)
    return SECRET


@pytest.fixture
def server(keys: str) -> Iterator[Server]:
    """A server that wants :data:`SECRET`, speaking DeepL too."""
    with start_server(api_key=keys, deepl=True) as running:
        yield running


def engine_for(engine_id: str, server: Server, **settings: object) -> Engine:
    return make_engine(engine_id, {"url": server.url + PATHS.get(engine_id, ""), "timeout": FAST, **settings})


def translate(engine: Engine, texts: list[str], source: str = "en", target: str = "es") -> list[str]:
    try:
        return engine.translate_batch(texts, source, target)
    finally:
        close_engine(engine)


# --- libre: the direct client -------------------------------------------------------


def test_libre_sends_one_json_request_per_batch_with_the_key_in_the_body(server: Server) -> None:
    texts = ['Hello <x id="1"></x> world.', "  Second *one*\n", "", "   "]
    out = translate(engine_for("libre", server), texts, "en", "pt_BR")
    assert out == ['[pt] Hello <x id="1"></x> world.', "  [pt] Second *one*\n", "", "   "]
    [seen] = server.requests
    assert (seen.method, seen.raw, seen.texts) == ("POST", "/translate", 2)
    assert seen.headers["content-type"] == "application/json"
    assert seen.fields == {
        "q": ['Hello <x id="1"></x> world.', "Second *one*"],
        "source": "en",
        "target": "pt",
        "format": "html",
        "api_key": SECRET,
    }
    assert SECRET not in seen.raw and "?" not in seen.raw


def test_libre_reuses_its_connection_and_splits_batches(server: Server) -> None:
    engine = engine_for("libre", server, batch_size=2)
    out = translate(engine, [f"text {i}" for i in range(5)])
    assert out == [f"[es] text {i}" for i in range(5)]
    assert [r.texts for r in server.requests] == [2, 2, 1]
    assert len({r.port for r in server.requests}) == 1


def test_libre_accepts_a_single_string_for_a_single_text(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = engine_for("libre", server)
    assert isinstance(engine, LibreEngine)
    monkeypatch.setattr(engine._http, "request", lambda *a, **k: {"translatedText": "uno"})
    assert translate(engine, ["one"]) == ["uno"]


def test_libre_languages_come_from_the_server(server: Server) -> None:
    engine = engine_for("libre", server)
    assert isinstance(engine, LibreEngine)
    assert engine.languages() == set(LANGUAGES)
    assert engine.pairs()["zt"] == frozenset(LANGUAGES) - {"zt"}
    engine.close()


def test_libre_without_a_key_is_refused_permanently(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("L10N_LIBRE_KEY")
    with pytest.raises(Permanent, match=r"HTTP 401\): Invalid API key"):
        translate(engine_for("libre", server), ["Hello"])
    assert "api_key" not in server.requests[0].fields


def test_a_pair_the_server_lacks_is_permanent(server: Server) -> None:
    with pytest.raises(Permanent, match=r"HTTP 400.*nb is not supported"):
        translate(engine_for("libre", server), ["Hello"], "en", "nb")


# --- libre-dt: deep-translator's own client ------------------------------------------


def test_libre_dt_puts_each_text_and_the_key_in_the_url(server: Server) -> None:
    out = translate(engine_for("libre-dt", server), ['One <x id="1"></x>', "Two"])
    assert out == ['[es] One <x id="1"></x>', "[es] Two"]
    assert [r.texts for r in server.requests] == [1, 1]  # one request per text
    assert all(f"api_key={SECRET}" in r.raw and r.fields["format"] == "text" for r in server.requests)
    assert len({r.port for r in server.requests}) == 2  # a new connection each time


# --- deepl: the direct client ---------------------------------------------------------


def test_deepl_sends_the_key_in_the_authorization_header(server: Server) -> None:
    out = translate(engine_for("deepl", server), ['Hi <x id="1"></x>', "there"], "en_GB", "pt_BR")
    assert out == ['[PT-BR] Hi <x id="1"></x>', "[PT-BR] there"]
    [seen] = server.requests
    assert (seen.path, seen.raw) == ("/v2/translate", "/v2/translate")
    assert seen.headers["authorization"] == f"DeepL-Auth-Key {SECRET}"
    assert seen.fields == {
        "text": ['Hi <x id="1"></x>', "there"],
        "source_lang": "EN",
        "target_lang": "PT-BR",
        "tag_handling": "xml",
        "ignore_tags": ["x"],
    }


def test_deepl_free_keys_go_to_the_free_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("L10N_DEEPL_KEY", "abc-123:fx")
    engine = make_engine("deepl", {})
    assert repr(engine) == "DeepLEngine(url='https://api-free.deepl.com')"
    close_engine(engine)


def test_deepl_needs_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("L10N_DEEPL_KEY", raising=False)
    with pytest.raises(ConfigError, match="L10N_DEEPL_KEY"):
        make_engine("deepl", {})


# --- deep-translator's other clients, pointed at the local server --------------------


def test_google_mymemory_and_microsoft_run_through_deep_translator(server: Server) -> None:
    assert translate(engine_for("google", server), ["  Hello  "], "en", "zh_Hant") == ["  [zh-TW] Hello  "]
    assert translate(engine_for("mymemory", server), ["Hello"], "en", "pt_BR") == ["[pt-BR] Hello"]
    assert translate(engine_for("microsoft", server), ["Hello"], "en", "zh_Hans") == ["[zh-Hans] Hello"]
    google, mymemory, microsoft = server.requests
    assert (google.fields["q"], google.fields["tl"], mymemory.fields["langpair"]) == ("Hello", "zh-TW", "en-US|pt-BR")
    assert microsoft.fields["textType"] == "html"
    assert microsoft.headers["ocp-apim-subscription-key"] == SECRET


def test_mymemory_quota_text_is_rate_limited(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    import deep_translator  # type: ignore[import-untyped, unused-ignore]

    quota = "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY. NEXT AVAILABLE IN  1 HOURS 02 MINUTES"
    quota += " 03 SECONDS VISIT HTTPS://MYMEMORY.TRANSLATED.NET/DOC/USAGELIMITS.PHP TO TRANSLATE MORE"
    monkeypatch.setattr(deep_translator.MyMemoryTranslator, "translate", lambda self, text: quota)
    with pytest.raises(RateLimited) as caught:
        translate(engine_for("mymemory", server), ["Hello"])
    assert caught.value.retry_after == 3723


def test_google_none_is_kept_for_symbols_and_bad_otherwise(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    import deep_translator  # type: ignore[import-untyped, unused-ignore]

    monkeypatch.setattr(deep_translator.GoogleTranslator, "translate", lambda self, text: None)
    assert translate(engine_for("google", server), [" — "]) == [" — "]
    with pytest.raises(BadResponse, match="returned NoneType"):
        translate(engine_for("google", server), ["Hello"])


# --- faults, for every HTTP engine ---------------------------------------------------


@pytest.mark.parametrize("engine_id", HTTP_ENGINES)
def test_latency_within_the_timeout_still_translates(server: Server, engine_id: str) -> None:
    server.set_faults(latency=0.1)
    assert translate(engine_for(engine_id, server, timeout=[1, 1]), ["Hello"])[0].endswith("Hello")


@pytest.mark.parametrize("engine_id", HTTP_ENGINES)
@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ("rate_limit", RateLimited),
        ("error", Transient),
        ("bad_json", BadResponse),
        ("drop", Transient),
        ("hang", Transient),
    ],
)
def test_each_fault_becomes_our_error(server: Server, engine_id: str, fault: str, error: type[EngineError]) -> None:
    server.set_faults(**{fault: True})
    engine = engine_for(engine_id, server)
    start = time.monotonic()
    with pytest.raises(error) as caught:
        translate(engine, ['Hello <x id="1"></x>'])
    assert time.monotonic() - start < 1.5
    assert type(caught.value) is error and caught.value.engine == engine_id
    assert caught.value.__cause__ is None  # requests' exception, with its URL, is not chained in
    assert caught.value.__context__ is None or caught.value.__suppress_context__


@pytest.mark.parametrize("engine_id", ["libre", "deepl"])
def test_retry_after_is_read_as_seconds_or_http_date(server: Server, engine_id: str) -> None:
    server.set_faults(rate_limit=times(1), retry_after="3")
    with pytest.raises(RateLimited) as caught:
        translate(engine_for(engine_id, server), ["Hello"])
    assert caught.value.retry_after == 3.0
    server.set_faults(rate_limit=times(1), retry_after=formatdate(time.time() + 120, usegmt=True))
    with pytest.raises(RateLimited) as caught:
        translate(engine_for(engine_id, server), ["Hello"])
    assert caught.value.retry_after is not None and 115 < caught.value.retry_after <= 120
    assert translate(engine_for(engine_id, server), ["Hello"])[0].endswith("Hello")  # the fault was for once


def test_deep_translator_drops_retry_after(server: Server) -> None:
    server.set_faults(rate_limit=True, retry_after="3")
    with pytest.raises(RateLimited) as caught:
        translate(engine_for("libre-dt", server), ["Hello"])
    assert caught.value.retry_after is None


@pytest.mark.parametrize("status", [502, 503])
@pytest.mark.parametrize("engine_id", ["libre", "deepl", "libre-dt", "microsoft"])
def test_other_5xx_are_transient(server: Server, engine_id: str, status: int) -> None:
    server.set_faults(error=True, status=status)
    with pytest.raises(Transient):
        translate(engine_for(engine_id, server), ["Hello"])


@pytest.mark.parametrize("engine_id", KEYED)
def test_a_refused_key_is_permanent_and_never_shown(keys: str, engine_id: str) -> None:
    with start_server(api_key="another-key", deepl=True) as server, pytest.raises(Permanent) as caught:
        engine = engine_for(engine_id, server)
        assert keys not in repr(engine)
        translate(engine, ["Hello"])
    assert "403" in str(caught.value)
    assert keys not in str(caught.value) and keys not in repr(caught.value)


@pytest.mark.parametrize("engine_id", KEYED)
@pytest.mark.parametrize("fault", ["drop", "error", "bad_json"])
def test_the_key_is_never_in_an_error(server: Server, keys: str, engine_id: str, fault: str) -> None:
    # requests' own message for libre-dt's dropped connection holds the URL, and so the key.
    server.set_faults(**{fault: True})
    with pytest.raises(EngineError) as caught:
        translate(engine_for(engine_id, server), ["Hello"])
    assert keys not in str(caught.value) and keys not in repr(caught.value)


def test_an_abandoned_worker_ends_when_the_server_stops(keys: str) -> None:
    server = start_server(api_key=keys, hang=True)
    with pytest.raises(Transient, match=r"no answer within 0\.6 s"):
        translate(engine_for("libre-dt", server), ["Hello"])
    server.stop()
    for thread in threading.enumerate():
        if thread.name.startswith("l10n-"):
            thread.join(2)
    assert not [t.name for t in threading.enumerate() if t.name.startswith(("l10n-", "libre-server"))]


def test_the_server_fires_faults_for_the_next_n_or_by_seeded_chance(server: Server) -> None:
    def outcomes(engine: Engine) -> list[str]:
        results = []
        for _ in range(8):
            try:
                engine.translate_batch(["Hello"], "en", "es")
                results.append("ok")
            except EngineError as exc:
                results.append(type(exc).__name__)
        close_engine(engine)
        return results

    server.set_faults(error=times(2))
    assert outcomes(engine_for("libre", server)) == ["Transient"] * 2 + ["ok"] * 6
    server.set_faults(rate_limit=chance(0.5), seed=7)
    first = outcomes(engine_for("libre", server))
    server.set_faults(rate_limit=chance(0.5), seed=7)
    assert outcomes(engine_for("libre", server)) == first and {"ok", "RateLimited"} == set(first)


def test_retry_after_values() -> None:
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412450.0) == 30.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None
    assert retry_after_seconds("-5") is None


# --- language codes ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("engine_id", "locale", "code"),
    [
        ("libre", "pt_BR", "pt"),
        ("libre", "zh_Hans", "zh"),
        ("libre", "zh_Hant", "zt"),
        ("libre", "zh-TW", "zt"),
        ("libre", "fr_CA", "fr"),
        ("libre", "nb", "nb"),
        ("libre-dt", "pt_BR", "pt"),
        ("libre-dt", "zh", "zh"),
        ("google", "pt_BR", "pt"),
        ("google", "zh_Hans", "zh-CN"),
        ("google", "zh_Hant", "zh-TW"),
        ("google", "nb", "no"),
        ("google", "he", "iw"),
        ("google", "sr", "sr"),
        ("deepl", "pt_BR", "PT-BR"),
        ("deepl", "pt", "PT-BR"),
        ("deepl", "pt_PT", "PT-PT"),
        ("deepl", "en", "EN-US"),
        ("deepl", "en_GB", "EN-GB"),
        ("deepl", "zh_Hans", "ZH-HANS"),
        ("deepl", "zh_Hant", "ZH-HANT"),
        ("deepl", "fr_CA", "FR"),
        ("deepl", "nb", "NB"),
        ("microsoft", "pt_BR", "pt"),
        ("microsoft", "pt_PT", "pt-pt"),
        ("microsoft", "zh_Hans", "zh-Hans"),
        ("microsoft", "zh_Hant", "zh-Hant"),
        ("microsoft", "fr_CA", "fr-ca"),
        ("microsoft", "sr@latin", "sr-Latn"),
        ("mymemory", "pt_BR", "pt-BR"),
        ("mymemory", "zh_Hans", "zh-CN"),
        ("mymemory", "zh_Hant", "zh-TW"),
        ("mymemory", "es", "es-ES"),
        ("mymemory", "en", "en-US"),
        ("mymemory", "nb", "nb-NO"),
        ("pseudo", "fr_CA", "fr_CA"),
    ],
)
def test_engine_codes(engine_id: str, locale: str, code: str) -> None:
    assert engine_code(engine_id, locale) == code


@pytest.mark.parametrize(("locale", "code"), [("pt_BR", "PT"), ("zh_Hant", "ZH"), ("en_GB", "EN"), ("en", "EN")])
def test_deepl_source_codes_have_no_variant(locale: str, code: str) -> None:
    assert engine_code("deepl", locale, role="source") == code


@pytest.mark.parametrize(
    ("engine_id", "locale"),
    [
        ("libre", "tlh"),
        ("libre", "sr"),
        ("libre-dt", "zh_Hant"),
        ("libre-dt", "nb"),
        ("google", "sr@latin"),
        ("deepl", "sw"),
        ("microsoft", "tlh"),
        ("mymemory", "xx"),
        ("libre", "not a locale"),
    ],
)
def test_an_unsupported_locale_is_permanent_before_any_request(server: Server, engine_id: str, locale: str) -> None:
    with pytest.raises(Permanent, match=f"not supported by {engine_id}"):
        translate(engine_for(engine_id, server), ["Hello"], "en", locale)
    assert server.requests == []


@pytest.mark.parametrize("engine_id", ["google", "mymemory", "libre-dt"])
def test_deep_translator_accepts_every_code_we_map_to(engine_id: str) -> None:
    import deep_translator as dt  # type: ignore[import-untyped, unused-ignore]

    cls = {"google": dt.GoogleTranslator, "mymemory": dt.MyMemoryTranslator, "libre-dt": dt.LibreTranslator}[engine_id]
    for locale in ["en", "es", "fr", "de", "pt_BR", "pt_PT", "zh_Hans", "zh_Hant", "nb", "he", "ja", "fr_CA", "sr"]:
        try:
            code = engine_code(engine_id, locale)
        except Permanent:
            continue
        cls(source="en" if engine_id != "mymemory" else "en-US", target=code, api_key="x")  # raises if unknown


# --- settings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("engine_id", "settings", "message"),
    [
        ("libre", {"api_key": "k"}, "environment variable"),
        ("libre", {"key_env": "sk-abc:fx"}, "name of an environment variable"),
        ("libre", {"colour": "red"}, "unknown setting 'colour'"),
        ("libre", {"timeout": -1}, "positive number"),
        ("libre", {"timeout": [1, 2, 3]}, "connect, read"),
        ("libre", {"url": "ftp://x"}, "http"),
        ("nope", {}, "unknown engine"),
    ],
)
def test_bad_settings(engine_id: str, settings: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        make_engine(engine_id, settings)
    assert "sk-abc" not in str(caught.value)


SAMPLES = {
    "timeout": [1, 2],
    "batch_size": 8,
    "max_chars": 100,
    "url": "http://127.0.0.1:9",
    "key_env": "L10N_TEST_KEY",
    "email": "editor@example.org",
    "region": "westeurope",
}


def _python(code: str) -> str:
    """What *code* prints, run by a new interpreter of this environment with this checkout first on its path."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env=env).stdout


def test_settings_schema_imports_neither_requests_nor_deep_translator() -> None:
    code = "import sys; from l10n.mt.engines.registry import settings_schema; settings_schema(); print(sorted(sys.modules))"
    loaded = set(_python(code).strip("[]\n").replace("'", "").split(", "))
    assert "l10n.mt.engines.registry" in loaded and not loaded & {"requests", "deep_translator", "urllib3"}


def test_one_engine_module_is_imported_without_the_others() -> None:
    """The policy's is_pseudo imports the pseudo engine in every build; the package's names are imported on first use."""
    code = (
        "import sys; from l10n.mt.engines.pseudo import is_pseudo; before = sorted(sys.modules); "
        "from l10n.mt.engines import make_engine, retry_after_seconds as r; print(before, make_engine.__module__, r.__module__)"
    )
    loaded, _, names = _python(code).strip().partition("] ")
    engines = {m for m in loaded.strip("[").replace("'", "").split(", ") if m.startswith("l10n.mt.engines.")}
    assert engines == {"l10n.mt.engines.base", "l10n.mt.engines.codes", "l10n.mt.engines.pseudo", "l10n.mt.engines.spec"}
    assert names == "l10n.mt.engines.registry l10n.mt.engines.http"


@pytest.mark.parametrize("engine_id", ENGINES)
def test_settings_schema_is_what_make_engine_accepts(engine_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("L10N_TEST_KEY", SECRET)
    monkeypatch.setenv("L10N_DEEPL_KEY", SECRET)
    monkeypatch.setenv("L10N_MICROSOFT_KEY", SECRET)
    schema = settings_schema()[engine_id]
    assert set(schema) <= set(SAMPLES) and "max_chars" in schema
    close_engine(make_engine(engine_id, {name: SAMPLES[name] for name in schema}))
    for name, setting in schema.items():
        assert isinstance(SAMPLES[name], setting.types)
        assert setting.check(engine_id, SAMPLES[name]) is not None
    for name in set(SAMPLES) - set(schema):
        with pytest.raises(ConfigError, match=f"unknown setting {name!r}"):
            make_engine(engine_id, {name: SAMPLES[name]})
    if "timeout" in schema:
        with pytest.raises(ConfigError, match="timeout must be a positive number") as caught:
            schema["timeout"].check(engine_id, "soon")
        with pytest.raises(ConfigError) as again:
            make_engine(engine_id, {"timeout": "soon"})
        assert str(caught.value) == str(again.value)


# --- pseudo ------------------------------------------------------------------------------


def test_pseudo_accents_pads_and_keeps_markup() -> None:
    engine = make_engine("pseudo", {})
    assert (engine.id, engine.languages()) == ("pseudo", None)
    text = 'See *this* [link](<x id="1"></x>) &amp; `code`.'
    [out] = engine.translate_batch([text], "en", "fr")
    assert out == '⟦Šéé *ţĥíš* [łíñķ](<x id="1"></x>) &amp; `çóđé`. ŀóŕéɱŀ⟧'
    assert engine.translate_batch(["", "  "], "en", "fr") == ["", "  "]


def test_pseudo_is_about_30_percent_longer() -> None:
    text = "Ketamine is an anaesthetic that has been studied for treatment-resistant depression since 2000. " * 3
    assert 1.28 <= len(pseudo_localize(text)) / len(text) <= 1.32


_pieces = st.one_of(
    st.text(alphabet="abcXYZ éü*_`[]()!.,:-\n", max_size=12),
    st.integers(1, 20).map(lambda n: f'<x id="{n}"></x>'),
)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(_pieces, max_size=12).map("".join))
def test_pseudo_properties(text: str) -> None:
    out = pseudo_localize(text)
    assert out == pseudo_localize(text)
    assert PLACEHOLDER.findall(out) == PLACEHOLDER.findall(text)
    assert [c for c in out if c in "*_`[]()"] == [c for c in text if c in "*_`[]()"]
    assert not re.search("[A-Za-z]", PLACEHOLDER.sub("", out))
    plain = len(PLACEHOLDER.sub("", text.strip()))
    assert len(out) - len(text) == (max(2, (3 * plain + 9) // 10) if text.strip() else 0)


@settings(max_examples=examples(200), deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_pseudo_output_unmasks(text: str) -> None:
    masked = mask(text, find_spans(text))
    unmask(pseudo_localize(masked.text), masked)  # raises if a placeholder was harmed


# --- a hostile server: the key in its translations; calls under the run's deadline -------------


@pytest.mark.parametrize("engine_id", KEYED)
def test_a_key_the_server_puts_into_a_translation_is_scrubbed(server: Server, keys: str, engine_id: str) -> None:
    server.set_faults(leak_key=True)
    out = translate(engine_for(engine_id, server), ["Hello", "  Good night\n"])
    assert [text.lower() for text in out] == ["[es] hello (key ***)", "  [es] good night (key ***)\n"]


def test_no_call_starts_after_the_deadline() -> None:
    calls: list[float] = []
    with pytest.raises(Transient, match=r"the run's deadline \(5 s\) was reached, before it was sent"):
        retrying(lambda: calls.append(1), RateLimiter(100.0), Deadline(time.monotonic() - 0.1, 5.0), 3)
    limiter = RateLimiter(0.5)  # one call every 2 s: the second slot is after the deadline
    deadline = Deadline.after(1.0)
    retrying(lambda: calls.append(1), limiter, deadline, 3)
    start = time.monotonic()
    with pytest.raises(Transient, match="was reached, before it was sent"):
        retrying(lambda: calls.append(1), limiter, deadline, 3)
    assert time.monotonic() - start < 0.2, "it does not wait for a slot it may not use"
    assert calls == [1]


@pytest.mark.parametrize("fault", ["hang", "drip"])
def test_a_running_call_is_cut_at_the_deadline(server: Server, fault: str) -> None:
    server.set_faults(**{fault: True}, drip_every=0.2, hang_for=60.0)
    engine = engine_for("libre", server, timeout=[5, 60])
    start = time.monotonic()
    with pytest.raises(Transient, match=r"the run's deadline \(1 s\) cut the request short \(attempt 1\)"):
        call_with_retries(engine, ["Hello"], ("en", "es"), RateLimiter(100.0), Deadline.after(1.0), 5)
    assert time.monotonic() - start < 1.3
    close_engine(engine)


def test_a_backoff_never_sleeps_past_the_deadline(server: Server) -> None:
    server.set_faults(rate_limit=True, retry_after="30")
    engine = engine_for("libre", server)
    start = time.monotonic()
    with pytest.raises(Transient, match="the run's deadline was reached after 1 attempt"):
        call_with_retries(engine, ["Hello"], ("en", "es"), RateLimiter(100.0), Deadline.after(5.0), 5)
    assert time.monotonic() - start < 1.0
    close_engine(engine)
