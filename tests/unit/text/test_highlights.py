"""What the reviewer's page highlights (``l10n/highlights.py``): numbers, negations, citations, and what is alone.

Each case is (source, other text, the other's locale, the source's marks, the other's marks),
a mark written ``kind:text`` and ``!kind:text`` when the other text has no counterpart.
"""

from __future__ import annotations

import pytest

from l10n.text.highlights import compare

AR_HALF = "\u0660\u066b\u0665"
"""0.5 in Arabic-Indic digits, with the Arabic decimal separator."""

CASES = [
    ("Rest for three hours.", "Descanse 3 horas.", "es", ["number:three hours"], ["number:3 horas"]),
    ("Take it at 4:00 pm.", "Tómelo a las 16:00.", "es", ["number:4:00 pm"], ["number:16:00"]),
    ("Give 0.5 mg/kg.", f"أعط {AR_HALF} ملغ/كغ.", "ar", ["number:0.5 mg/kg"], [f"number:{AR_HALF} ملغ/كغ"]),
    ("Give 0.5 mg/kg.", "Administre 0,5 mg/kg.", "es", ["number:0.5 mg/kg"], ["number:0,5 mg/kg"]),
    ("Give 0.5 mg/kg.", "Administre 0,5 mg.", "es", ["!number:0.5 mg/kg"], ["!number:0,5 mg"]),
    ("Give 1,000 mg.", "Administre 1,000 mg.", "es", ["!number:1,000 mg"], ["!number:1,000 mg"]),  # one, in Spanish
    ("Use 2–3 doses.", "Utilisez 2 à 3 doses.", "fr", ["number:2–3"], ["number:2 à 3"]),
    ("One of the patients was fine.", "Uno de los pacientes estaba bien.", "es", [], []),  # number words alone
    ("It is not safe.", "Ce n’est pas sûr.", "fr", ["negation:not"], ["negation:n’est", "negation:pas"]),
    ("It is generally safe.", "No suele ser segura.", "es", ["hedge:generally"], ["!negation:No", "hedge:suele"]),
    ("It does not replace advice.", "Sustituye el consejo.", "es", ["!negation:not"], []),
    ("As shown [12], it works.", "Comme montré [13], ça marche.", "fr", ["!citation:[12]"], ["!citation:[13]"]),
    (
        "Safe (Krystal et al., 2013; Duman, 2012).",
        "Sûr (Krystal et al., 2013).",
        "fr",
        ["!citation:(Krystal et al., 2013; Duman, 2012)"],
        ["!citation:(Krystal et al., 2013)"],
    ),
    (
        "See doi:10.1038/mp.2017.255.",
        "Voir doi:10.1038/mp.2017.256.",
        "fr",
        ["!citation:doi:10.1038/mp.2017.255"],
        ["!citation:doi:10.1038/mp.2017.256"],
    ),
    ("Run `rm -rf 5` not now.", "Ejecute `rm -rf 5` ahora no.", "es", ["negation:not"], ["negation:no"]),  # code is left out
    ("No", "", "es", ["!negation:No"], []),
    # negations are counted sentence by sentence: the added "no" is marked although the
    # source has a "not" in another sentence
    (
        "Do not drive. Take it with food.",
        "No conduzca. No lo tome con comida.",
        "es",
        ["negation:not"],
        ["negation:No", "!negation:No"],
    ),
    # one negation in a sentence against two: both of the sentence are marked
    ("Never take it without advice.", "Nunca lo tome.", "es", ["!negation:Never", "!negation:without"], ["negation:Nunca"]),
    # ne ... pas is one negation
    ("Do not stop.", "N’arrêtez pas.", "fr", ["negation:not"], ["negation:N’arrêtez", "negation:pas"]),
    # sentences that do not pair up: the whole texts are compared
    ("Do not drive, and rest.", "No conduzca. Descanse.", "es", ["negation:not"], ["negation:No"]),
    # a hedge dropped, a hedge added
    ("Ketamine may help.", "La ketamina ayuda.", "es", ["!hedge:may"], []),
    ("Ketamine helps.", "La ketamina generalmente ayuda.", "es", [], ["!hedge:generalmente"]),
    ("Ketamine may help.", "ケタミンは効果がある可能性があります。", "ja", ["hedge:may"], ["hedge:可能性"]),
    # Japanese: 不安 (anxiety) and 不眠 (insomnia) are no negation; a dropped ない is seen
    ("Ketamine relieves anxiety and insomnia.", "ケタミンは不安と不眠を和らげます。", "ja", [], []),
    ("Do not take it if you feel anxious.", "不安を感じる場合は服用してください。", "ja", ["!negation:not"], []),
    (
        "Do not take it if you feel anxious.",
        "不安を感じる場合は服用しないでください。",
        "ja",
        ["negation:not"],
        ["negation:ない"],
    ),
    # ... but 不安全 is "not safe"
    ("It is not safe.", "这不安全。", "zh", ["negation:not"], ["negation:不安全"]),
    ("Vitamin deficiency causes arrhythmia.", "ビタミン不足は不整脈を引き起こします。", "ja", [], []),
]


def _shown(marks: tuple[object, ...]) -> list[str]:
    return [f"{'!' if m.alone else ''}{m.kind}:{m.text}" for m in marks]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("source", "other", "locale", "left", "right"), CASES)
def test_highlights(source: str, other: str, locale: str, left: list[str], right: list[str]) -> None:
    compared = compare(source, other, "en", locale)
    assert (_shown(compared.source), _shown(compared.other)) == (left, right)
    for text, marks in ((source, compared.source), (other, compared.other)):
        assert all(text[m.start : m.end] == m.text for m in marks)


def test_a_back_translation_keeps_the_translations_notation() -> None:
    """Back in English, a number the engine kept as ``0,5`` is still the translation's 0.5."""
    back = compare("Give 0.5 mg/kg over 40 minutes.", "Give 0,5 mg/kg over 40 minutes.", "en", "en", fallback="es")
    assert _shown(back.other) == ["number:0,5 mg/kg", "number:40 minutes"]
