"""The HTML status report (``l10n/report_html.py``), read back in a real headless Chromium.

The data is a hand-built ``l10n status --format json`` document: five locales (two written
right to left, one whose BCP 47 tag differs from its catalog code), every state, a publishable
and a held-back article, and user text built to break out of the markup. The fast tests read
the HTML with the standard library's parser; the browser tests (one Chromium for the module)
compare every figure shown with the data, and check that the page loaded nothing, raised no
error, ran no script and fits a phone.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from browser import DESKTOP, PHONE, expected_figures, horizontal_overflow, launch, open_page, read_figures

from l10n.core.locales import display_name, text_direction
from l10n.render import report_html, report_style

STATES = ["reviewed", "unapproved", "draft", "outdated", "failing", "untranslated"]
PWN = "window.__pwned = 1"
HOSTILE_ARTICLE = f'"><img src=x onerror="{PWN}">'
HOSTILE_MSGIDS = [f"<script>{PWN}</script> is *not* a unit", f'Dose "><img src=x onerror="{PWN}"> 0.5 mg/kg & more']


def link(path: str, line: int) -> str:
    """What the CLI gives for a report written at the project's root: a relative path."""
    return f"{quote(path)}#L{line}"


def _locale(code: str) -> dict[str, Any]:
    english, _, native = display_name(code).partition(" - ")
    return {
        "locale": code,
        "lang": code.replace("_", "-"),
        "dir": text_direction(code),
        "name": english,
        "native_name": native or english,
        "display_name": display_name(code),
    }


def _counts(*values: int) -> dict[str, int]:
    return {**dict(zip(STATES, values, strict=True)), "total": sum(values)}


def _percent(words: dict[str, int]) -> float:
    return math.floor(1000 * words["reviewed"] / words["total"]) / 10 if words["total"] else 100.0


def _article(
    article: str, locale: str, units: tuple[int, ...], words: tuple[int, ...], errors: int, reasons: list[str], waived: int = 0
) -> dict[str, Any]:
    w = _counts(*words)
    return {
        "article": article,
        "locale": locale,
        "source": f"source/{article}.md",
        "catalog": f"locales/{locale}/LC_MESSAGES/{article}.po",
        "units": _counts(*units),
        "words": w,
        "errors": errors,
        "waived": {"units": waived, "words": 3 * waived},
        "reviewed_percent": _percent(w),
        "publishable": not reasons,
        "reasons": reasons,
    }


def _data() -> dict[str, Any]:
    ket = "exploring-ketamine"
    articles = [
        _article(ket, "es", (24, 0, 0, 0, 0, 0), (12345, 0, 0, 0, 0, 0), 0, [], waived=2),
        _article(
            ket,
            "ar",
            (10, 0, 6, 3, 1, 4),
            (400, 0, 230, 90, 35, 160),
            1,
            [
                "43.7% of words reviewed, below the minimum of 100%",
                "required unit source/exploring-ketamine.md:88 is not reviewed",
            ],
        ),
        _article(ket, "he", (0, 0, 0, 0, 0, 24), (0, 0, 0, 0, 0, 915), 0, ["0.0% of words reviewed, below the minimum of 100%"]),
        _article(
            ket, "pt_BR", (20, 0, 1, 0, 0, 3), (800, 0, 40, 0, 0, 75), 0, ["87.4% of words reviewed, below the minimum of 100%"]
        ),
        _article(
            HOSTILE_ARTICLE,
            "he",
            (2, 1, 1, 0, 0, 0),
            (20, 5, 7, 0, 0, 0),
            0,
            [f"required unit <b>{HOSTILE_ARTICLE}</b>:1 is not reviewed"],
        ),
        _article("guides/dosing", "sr_Latn", (1, 0, 0, 0, 0, 0), (3, 0, 0, 0, 0, 0), 0, []),
    ]
    locales = []
    for code in ("es", "ar", "he", "pt_BR", "sr_Latn"):
        rows = [a for a in articles if a["locale"] == code]
        units = {k: sum(r["units"][k] for r in rows) for k in [*STATES, "total"]}
        words = {k: sum(r["words"][k] for r in rows) for k in [*STATES, "total"]}
        locales.append(
            {
                **_locale(code),
                "units": units,
                "words": words,
                "errors": sum(r["errors"] for r in rows),
                "waived": {k: sum(r["waived"][k] for r in rows) for k in ("units", "words")},
                "reviewed_percent": _percent(words),
                "articles": len(rows),
                "publishable": sum(r["publishable"] for r in rows),
            }
        )
    queue = [
        {
            "locale": "ar",
            "article": ket,
            "path": f"locales/ar/LC_MESSAGES/{ket}.po",
            "line": 120,
            "source": f"source/{ket}.md:39",
            "state": "machine draft",
            "words": 12,
            "age_days": 3.5,
            "checks": ["numbers", "punctuation"],
            "msgid": HOSTILE_MSGIDS[0],
            "msgstr": f"<b>{PWN}</b> ليس وحدة",
        },
        {
            "locale": "ar",
            "article": ket,
            "path": f"locales/ar/LC_MESSAGES/{ket}.po",
            "line": 164,
            "source": f"source/{ket}.md:41",
            "state": "outdated",
            "words": 1234,
            "age_days": None,
            "checks": [],
            "msgid": "Ketamine was first synthesized in 1962 (Domino, 2010). " * 12,
            "msgstr": "تم تصنيع الكيتامين لأول مرة عام 1962 (Domino, 2010). " * 12,
        },
        {
            "locale": "he",
            "article": HOSTILE_ARTICLE,
            "path": f"locales/he/LC_MESSAGES/{HOSTILE_ARTICLE}.po",
            "line": 7,
            "source": f"source/{HOSTILE_ARTICLE}.md:3",
            "state": "reuse draft",
            "words": 9,
            "age_days": 0.0,
            "checks": ["injection"],
            "msgid": HOSTILE_MSGIDS[1],
            "msgstr": f'מינון "></td><img src=x onerror="{PWN}"> 0.5 mg/kg',
        },
        {
            "locale": "pt_BR",
            "article": ket,
            "path": f"locales/pt_BR/LC_MESSAGES/{ket}.po",
            "line": 30,
            "source": f"source/{ket}.md:5",
            "state": "fuzzy",
            "words": 4,
            "age_days": 12.0,
            "checks": [],
            "msgid": "What is ketamine?",
            "msgstr": "O que é a cetamina?",
        },
    ]
    return {
        "schema": 1,
        "project": "l10n",
        "source_locale": "en",
        "policy": {"min_reviewed": 100.0, "required": [r"(?i)\bsuicid"]},
        "states": STATES,
        "locales": locales,
        "articles": articles,
        "queue": queue,
        "waivers": [
            {
                "locale": "es",
                "article": ket,
                "path": f"locales/es/LC_MESSAGES/{ket}.po",
                "line": 77,
                "source": f"source/{ket}.md:12",
                "check": "numbers",
                "by": "Ana Roux <ana@clinic.example>",
                "date": "2026-11-25T10:00Z",
                "reason": f"Spanish writes <em>tres</em> for 3 {HOSTILE_MSGIDS[0]}",
                "findings": ["number 3 is missing or changed"],
                "msgid": "Rest for 3 hours.",
            },
            {
                "locale": "es",
                "article": ket,
                "path": f"locales/es/LC_MESSAGES/{ket}.po",
                "line": 90,
                "source": f"source/{ket}.md:14",
                "check": "required-term",
                "by": "Bo Li",
                "date": "2026-11-25T11:00Z",
                "reason": "a pronoun names the drug here",
                "findings": ["required term 'ketamine' -> 'ketamina' (or an accepted variant) is missing"],
                "msgid": "What is it?",
            },
        ],
    }


DATA = _data()


class _Markup(HTMLParser):
    """Tags, attributes, style text and text of a page, as a browser's tokenizer sees them."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.style: list[str] = []
        self._in_style = False
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.style if self._in_style else self.text).append(data)


# -- without a browser ---------------------------------------------------------------------


def test_page_is_self_contained() -> None:
    page = report_html.render(DATA, link)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en"')
    for external in ("http:", "https:", "//", "<link", "<script", "@import", "url("):
        assert external not in page
    markup = _Markup(page)
    tags = {tag for tag, _ in markup.tags}
    assert not tags & {
        "script",
        "link",
        "img",
        "iframe",
        "object",
        "embed",
        "svg",
        "video",
        "audio",
        "source",
        "base",
        "form",
        "frame",
        "picture",
        "input",
    }
    assert ("meta", {"charset": "utf-8"}) in markup.tags
    assert any(attrs.get("name") == "viewport" for tag, attrs in markup.tags if tag == "meta")
    for tag, attrs in markup.tags:
        assert not {"src", "srcset", "action", "formaction", "poster", "background"} & set(attrs), tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if "href" in attrs:
            target = urlsplit(attrs["href"] or "")
            assert tag == "a" and not target.scheme and not target.netloc, attrs


def test_user_text_stays_text() -> None:
    with_url = copy.deepcopy(DATA)
    with_url["queue"][3]["msgid"] = "See https://doi.org/10.1038/mp.2017.255 and <https://example.org>."
    markup = _Markup(report_html.render(with_url, link))
    assert not {tag for tag, _ in markup.tags} & {"script", "img", "b"}
    text = "".join(markup.text)
    for hostile in [HOSTILE_ARTICLE, *HOSTILE_MSGIDS, with_url["queue"][3]["msgid"], *(q["msgstr"] for q in DATA["queue"])]:
        assert hostile in text
    hrefs = [attrs["href"] for tag, attrs in markup.tags if tag == "a" and not (attrs["href"] or "").startswith("#")]
    assert hrefs == [link(item["path"], item["line"]) for item in [*DATA["queue"], *DATA["waivers"]]]
    assert "<em>" not in report_html.render(with_url, link), "a waiver's reason is text too"


def test_a_link_that_would_run_code_is_shown_as_text() -> None:
    page = report_html.render(DATA, lambda path, line: f" JavaScript:alert({line})")
    assert "alert(" not in page
    assert "locales/ar/LC_MESSAGES/exploring-ketamine.po:120" in "".join(_Markup(page).text)


def test_same_data_same_bytes() -> None:
    assert report_html.render(DATA, link) == report_html.render(copy.deepcopy(DATA), link)


def test_empty_project() -> None:
    empty = {**DATA, "locales": [], "articles": [], "queue": []}
    text = "".join(_Markup(report_html.render(empty, link)).text)
    assert "No target locale is configured." in text and "Nothing waits for review." in text


def test_other_schema_is_refused() -> None:
    with pytest.raises(ValueError, match="schema 2"):
        report_html.render({**DATA, "schema": 2}, link)


def _luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_state_colours_contrast_with_the_page() -> None:
    for state in STATES:
        ratio = 1.05 / (_luminance(report_style.STATE_COLOURS[state]) + 0.05)
        assert ratio >= 3, (state, round(ratio, 2))


# -- in Chromium ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "status.html"
    path.write_text(report_html.render(DATA, link), "utf-8")
    return path


NATIVE_NAMES = """(locales) => {
    const wrong = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const loc of locales) {
            if (!node.data.includes(loc.native_name)) continue;
            const span = node.parentElement.closest('[lang]');
            if (span.lang !== loc.lang || span.dir !== loc.dir || getComputedStyle(span).direction !== loc.dir)
                wrong.push([loc.locale, span.outerHTML]);
        }
    }
    const shown = [...document.querySelectorAll('span.native')].map(s => [s.lang, s.dir, s.textContent]);
    return {wrong, shown};
}"""

BARS = """() => [...document.querySelectorAll('.bar')].flatMap(bar => {
    const width = bar.clientWidth;
    return [...bar.children].map(seg => [seg.dataset.locale, seg.dataset.state,
                                         seg.getBoundingClientRect().width, width]);
})"""


def test_in_chromium_every_figure_matches_the_data(browser: Any, report: Path, tmp_path: Path) -> None:
    with open_page(report, DESKTOP, browser) as (page, errors, requests):
        assert read_figures(page) == expected_figures(DATA)
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        assert page.evaluate("() => document.querySelectorAll('script, img, iframe, object, embed').length") == 0
        assert page.evaluate("() => document.documentElement.lang") == "en"
        assert HOSTILE_ARTICLE in page.locator(".article-name").all_text_contents()

        names = page.evaluate(NATIVE_NAMES, DATA["locales"])
        assert names["wrong"] == []
        for loc in DATA["locales"]:
            assert [loc["lang"], loc["dir"], loc["native_name"]] in names["shown"], loc["locale"]
        assert {d for _, d, _ in names["shown"]} == {"ltr", "rtl"}

        words = {
            (loc["locale"], state): (loc["words"][state], loc["words"]["total"])
            for loc in DATA["locales"]
            for state in STATES
            if loc["words"][state]
        }
        segments = page.evaluate(BARS)
        assert sorted((code, state) for code, state, _, _ in segments) == sorted(words)
        for code, state, width, bar in segments:
            count, total = words[code, state]
            assert abs(width - bar * count / total) <= 4, (code, state, width, bar)

        for i, item in enumerate(DATA["queue"]):
            anchor = page.locator(f'a[data-figure="queue/{i}/position"]')
            assert anchor.get_attribute("href") == link(item["path"], item["line"])
            loc = next(loc for loc in DATA["locales"] if loc["locale"] == item["locale"])
            shown = page.evaluate(
                "key => { const el = document.querySelector(`[data-figure='${key}']`).closest('[lang]');"
                " return [el.lang, getComputedStyle(el).direction]; }",
                f"queue/{i}/msgstr",
            )
            assert shown == [loc["lang"], loc["dir"]], "the translation beside its source, in its own language"
        page.screenshot(path=tmp_path / "status-desktop.png", full_page=True)
        assert not errors and not requests
    assert (tmp_path / "status-desktop.png").read_bytes().startswith(b"\x89PNG")


def test_in_chromium_a_phone_needs_no_sideways_scrolling(browser: Any, report: Path, tmp_path: Path) -> None:
    with open_page(report, PHONE, browser) as (page, _, _):
        assert horizontal_overflow(page) == 0
        assert read_figures(page) == expected_figures(DATA)
        page.screenshot(path=tmp_path / "status-phone.png", full_page=True)
        page.emulate_media(media="print")
        assert read_figures(page) == expected_figures(DATA)
    assert (tmp_path / "status-phone.png").read_bytes().startswith(b"\x89PNG")


def test_in_chromium_the_helper_catches_what_a_page_must_not_do(browser: Any, tmp_path: Path) -> None:
    """The guard itself: a page that loads things and fails is reported, and nothing leaves the machine."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="en"><head><link rel="stylesheet" href="style.css">'
        '<link rel="stylesheet" href="https://fonts.example.invalid/css"></head><body>'
        '<img src="http://192.0.2.1/x.png"><script>console.error("boom"); null.x;</script></body></html>',
        "utf-8",
    )
    with open_page(bad, PHONE, browser, clean=False) as (_, errors, requests):
        pass
    assert sorted(requests) == sorted(
        [(tmp_path / "style.css").as_uri(), "https://fonts.example.invalid/css", "http://192.0.2.1/x.png"]
    )
    assert "console: boom" in errors
    assert any(error.startswith("page error:") and "null" in error for error in errors), errors
    with pytest.raises(AssertionError, match="made network requests"), open_page(bad, PHONE, browser):
        pass
