"""Engine language codes for gettext locales: the tables and the fallback rules.

Rules:

1. Engines are called with gettext locales (``en``, ``pt_BR``, ``zh_Hant``,
   ``sr@latin``). Each engine has a table from locale keys (``lang``, ``lang_Script``,
   ``lang_REGION``, ``lang_Script_REGION``) to its own codes; :func:`lookup` tries the
   keys of a locale, most specific first, and raises :class:`Permanent` for a locale the
   table lacks, before any request.
2. A region falls back to the bare language (``fr_CA`` is ``fr`` on LibreTranslate: the
   engine's default variety, for reviewers to check); a script never does (``zh_Hant``
   is ``zt`` there, never ``zh``). Chinese without a script takes it from its region
   (``zh_TW`` is ``zh_Hant``), and ``@latin`` is the Latin script. A language written in
   two scripts has a default one (``zh`` is ``Hans``, ``sr`` is ``Cyrl``), and only that
   one falls back to the bare language.
3. DeepL's codes depend on the direction (``role``): ``pt_BR`` is ``PT`` as a source and
   ``PT-BR`` as a target, and a bare ``en`` target is ``EN-US`` (DeepL deprecated the
   bare ``EN`` and ``PT`` targets: a bare locale gets its CLDR likely region).
4. The tables of the engines reached through deep-translator hold exactly the codes it
   accepts, read from it when first needed (so importing this module imports nothing
   third-party); Microsoft's is ours, since deep-translator fetches it from the internet.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Final, Literal

from l10n.core.errors import Permanent

Role = Literal["source", "target"]

_LOCALE = re.compile(r"([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?(?:@(\w+))?")
_DEFAULT_SCRIPT: Final = {"zh": "Hans", "sr": "Cyrl"}  # languages written in two scripts


def _table(codes: str, **special: str) -> dict[str, str]:
    table = {code: code for code in codes.split()}
    table.update(special)
    return table


LIBRE: Final = _table(
    "ar az bg bn ca cs da de el en eo es et eu fa fi fr ga gl he hi hu id it ja ko ky lt lv ms nb nl pl pt"
    " ro ru sk sl sq sv th tl tr uk ur vi",
    zh_Hans="zh",
    zh_Hant="zt",
    fil="tl",
)
_DEEPL_LANGS: Final = "ar bg cs da de el en es et fi fr he hu id it ja ko lt lv nb nl pl pt ro ru sk sl sv th tr uk vi zh"

DEEPL_SOURCE: Final = {**{c: c.upper() for c in _DEEPL_LANGS.split()}, "zh_Hant": "ZH"}
DEEPL_TARGET: Final = {
    **{c: c.upper() for c in _DEEPL_LANGS.split()},
    # EN and PT are deprecated targets: a bare locale gets its CLDR likely region.
    **dict(en="EN-US", en_US="EN-US", en_GB="EN-GB", pt="PT-BR", pt_BR="PT-BR", pt_PT="PT-PT"),
    **dict(zh_Hans="ZH-HANS", zh_Hant="ZH-HANT", es_419="ES-419"),
}
MICROSOFT: Final = _table(
    "af am ar as az ba bg bn bo bs ca cs cy da de dv el en es et eu fa fi fil fj fo fr ga gl gu ha he hi hr ht"
    " hu hy id ig is it iu ja ka kk km kn ko ku ky lo lt lv mg mi mk ml mr ms mt my nb ne nl or pa pl prs ps pt"
    " ro ru rw sk sl sm so sq sv sw ta te th ti tk to tr tt ty ug uk ur uz vi yue zu",
    pt_BR="pt",
    pt_PT="pt-pt",
    fr_CA="fr-ca",
    zh_Hans="zh-Hans",
    zh_Hant="zh-Hant",
    sr_Cyrl="sr-Cyrl",
    sr_Latn="sr-Latn",
    mn="mn-Cyrl",
)


@cache
def deep_translator_tables() -> dict[str, dict[str, str]]:
    """Tables for ``google``, ``mymemory`` and ``libre-dt``: exactly the codes deep-translator accepts."""
    from deep_translator import constants  # type: ignore[import-untyped]

    google = {c: c for c in constants.GOOGLE_LANGUAGES_TO_CODES.values() if "-" not in c}
    google.update(zh_Hans="zh-CN", zh_Hant="zh-TW", he="iw", jv="jw", nb="no", fil="tl", mni="mni-Mtei")
    mymemory: dict[str, str] = {}
    for code in sorted(constants.MY_MEMORY_LANGUAGES_TO_CODES.values()):
        parts = code.split("-")
        mymemory["_".join(parts)] = code
        if len(parts) == 3:  # sr-Latn-RS also answers for sr_Latn
            mymemory.setdefault("_".join(parts[:2]), code)
    for lang in {code.split("-")[0] for code in constants.MY_MEMORY_LANGUAGES_TO_CODES.values()}:
        own = f"{lang}_{lang.upper()}"  # es_ES for es, else the first region listed
        mymemory.setdefault(lang, mymemory.get(own) or next(v for k, v in mymemory.items() if k.startswith(lang + "_")))
    mymemory.update(en="en-US", pt="pt-BR", ar="ar-SA", zh_Hans="zh-CN", zh_Hant="zh-TW", sr_Cyrl="sr-Cyrl-RS")
    libre_dt = {c: c for c in constants.LIBRE_LANGUAGES_TO_CODES.values()}
    return {"google": google, "mymemory": mymemory, "libre-dt": libre_dt}


def candidates(locale: str, engine_id: str) -> list[str]:
    """Table keys for *locale*, most specific first; a script never falls back (rule 2)."""
    match = _LOCALE.fullmatch(locale.strip())
    if match is None:
        msg = f"{engine_id}: {locale!r} is not a locale code, so it is not supported by {engine_id}"
        raise Permanent(msg, engine_id)
    lang, script, region, modifier = match.groups()
    lang = lang.lower()
    region = region.upper() if region else None
    script = script.title() if script else ("Latn" if modifier == "latin" else None)
    if script is None and lang == "zh":
        script = "Hant" if region in ("TW", "HK", "MO") else "Hans"
    script = script or _DEFAULT_SCRIPT.get(lang)
    keys = [f"{lang}_{script}_{region}"] if script and region else []
    keys += [f"{lang}_{region}"] if region else []
    keys += [f"{lang}_{script}"] if script else []
    if script is None or script == _DEFAULT_SCRIPT.get(lang):
        keys.append(lang)
    return keys


def lookup(engine_id: str, table: Mapping[str, str], locale: str, role: Role | None = None) -> str:
    """The code in *table* for the gettext *locale*; :class:`Permanent` if it has none.

    *role* is given for engines whose codes depend on the direction (rule 3), and named
    in the error.
    """
    for key in candidates(locale, engine_id):
        if key in table:
            return table[key]
    as_role = f" as a {role} language" if role else ""
    msg = f"{engine_id}: locale {locale!r} is not supported by {engine_id}{as_role}"
    raise Permanent(msg, engine_id)
