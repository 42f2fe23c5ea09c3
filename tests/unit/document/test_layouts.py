"""Output layouts and localized slugs: where each post goes, what its front matter links, what moves.

The shipped content is built with each preset: the tree of files, the front-matter key the
generator links translations by (the same in every language, the source's included), and
the removal of a post that is no longer publishable. Then the templates of one's own
(``{slug}``), a translated slug checked, transliterated and followed by the manifest and the
``hreflang`` links, and what a bad layout or slug says.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from conftest import Run, copy_shipped, without_markers

from l10n.catalog import provenance
from l10n.catalog.entries import read_translations
from l10n.core.errors import ConfigError
from l10n.document import slugs
from l10n.document.layouts import PRESETS, date_of, parse

ES = Path("locales/es/LC_MESSAGES/exploring-ketamine.po")
SOURCE = Path("source/exploring-ketamine.md")
SLUG_ES = "explorando-la-ketamina"

TREES = {
    "default": {"es": "es/exploring-ketamine.md"},
    "hugo": {"en": "content/exploring-ketamine.en.md", "es": "content/exploring-ketamine.es.md"},
    "hugo-folders": {"en": "content/en/exploring-ketamine.md", "es": "content/es/exploring-ketamine.md"},
    "jekyll": {"en": "_posts/en/2024-05-01-exploring-ketamine.md", "es": "_posts/es/2024-05-01-exploring-ketamine.md"},
    "mkdocs": {"en": "docs/exploring-ketamine.md", "es": "docs/exploring-ketamine.es.md"},
    "docusaurus": {
        "en": "blog/exploring-ketamine.md",
        "es": "i18n/es/docusaurus-plugin-content-blog/exploring-ketamine.md",
    },
}
LINK_KEYS = {"hugo": "translationKey", "hugo-folders": "translationKey", "jekyll": "page_id"}
EXTRA = {"docusaurus": "mdx: {format: md}\n"}
"""Fields a preset adds to every post: Docusaurus compiles the posts as CommonMark, not MDX."""
DATE = "date: 2024-05-01\n"
"""Added to the shipped source's front matter for the presets of blog generators, which need a date."""
NESTED = {  # pt_BR, an article in a folder, its slug translated
    "default": "pt_BR/posts/2024-05-01-dosing.md",
    "hugo": "content/posts/2024-05-01-dosing.pt-br.md",
    "hugo-folders": "content/pt-br/posts/2024-05-01-dosing.md",
    "jekyll": "_posts/pt-br/posts/2024-05-01-dosing.md",
    "mkdocs": "docs/posts/2024-05-01-dosing.pt-BR.md",
    "docusaurus": "i18n/pt-BR/docusaurus-plugin-content-blog/posts/2024-05-01-dosing.md",
}


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """The shipped content in a scratch project, with a ``[build]`` table; the working directory is its root."""
    monkeypatch.chdir(tmp_path)

    def make(build: str) -> Path:
        root = copy_shipped(tmp_path, build)
        preset = build.split('"')[1] if build.startswith("layout = ") else "default"
        if preset in PRESETS and PRESETS[preset].needs_date:
            source = root / SOURCE
            source.write_text(source.read_text("utf-8").replace("telehealth]\n", f"telehealth]\n{DATE}", 1), "utf-8")
        return root

    return make


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _manifest(out: Path = Path("build")) -> dict[tuple[str, str], dict[str, object]]:
    data = json.loads((out / "manifest.json").read_text("utf-8"))
    return {(p["article"], p["locale"]): p for p in data["posts"]}


REVIEWER = "Test Reviewer <reviewer@example.org>"


def _set(msgid: str, msgstr: str, fuzzy: bool = False) -> None:
    """Give *msgid* a new Spanish translation: a draft (*fuzzy*), or one a reviewer approved as it stands."""
    po = polib.pofile(str(ES))
    entry = po.find(msgid)
    entry.msgstr = msgstr
    if fuzzy:
        entry.flags.append("fuzzy")
    else:
        current = provenance.digest(msgid, msgstr)
        entry.tcomment = provenance.with_approval(entry.tcomment or "", REVIEWER, "2026-11-25T00:00Z", current)
    po.save(str(ES))


def test_every_preset_is_in_the_tests() -> None:
    assert set(PRESETS) == set(TREES) == set(NESTED)


@pytest.mark.parametrize("preset", list(PRESETS))
def test_a_nested_article_in_a_regional_locale(preset: str) -> None:
    assert PRESETS[preset].post("pt_BR", "posts/2024-05-01-dosing", "dosagem") == NESTED[preset]


@pytest.mark.parametrize("preset", list(TREES))
def test_each_preset_builds_the_shipped_content(preset: str, shipped: Callable[[str], Path], l10n: Callable[..., Run]) -> None:
    root = shipped(f'layout = "{preset}"')
    result = l10n("build")
    assert result.code == 0, result.err
    assert _files(root / "build") == {*TREES[preset].values(), "manifest.json"}
    manifest = _manifest()
    for locale, path in TREES[preset].items():
        assert manifest["exploring-ketamine", locale]["output"] == path
        assert manifest["exploring-ketamine", locale]["state"] == ("source" if locale == "en" else "published")
    assert manifest["exploring-ketamine", "fr"]["state"] == "held back"
    spanish = (root / "build" / TREES[preset]["es"]).read_text("utf-8")
    if PRESETS[preset].source_slug:  # Docusaurus: one slug in every locale, for its locale switcher
        assert "\nlang: es\n" in spanish and "\nslug: exploring-ketamine\n" in spanish
    else:
        assert "\nlang: es\n" in spanish and f'\nslug: "{SLUG_ES}"\n' in spanish
    assert "<!--" not in spanish
    key = LINK_KEYS.get(preset)
    if key is None:
        assert "translationKey" not in spanish and "page_id" not in spanish
    else:  # the same key in every language, or the generator would not link them
        assert f'\n{key}: "exploring-ketamine"\n' in spanish
    if "en" in TREES[preset]:  # the source-language post: the source less its markers, plus lang and the key
        english = (root / "build" / TREES[preset]["en"]).read_text("utf-8")
        added = "lang: en\n" + (f'{key}: "exploring-ketamine"\n' if key else "") + EXTRA.get(preset, "")
        dated = DATE if PRESETS[preset].needs_date else ""
        expected = without_markers(SOURCE.read_text("utf-8")).replace(
            f"telehealth]\n{dated}---", f"telehealth]\n{dated}{added}---", 1
        )
        assert english == expected


@pytest.mark.parametrize("preset", list(TREES))
def test_a_post_no_longer_publishable_is_removed_in_every_layout(
    preset: str, shipped: Callable[[str], Path], l10n: Callable[..., Run]
) -> None:
    root = shipped(f'layout = "{preset}"\nhtml = true')
    assert l10n("build").code == 0
    spanish = root / "build" / TREES[preset]["es"]
    assert spanish.exists() and spanish.with_suffix(".html").exists()
    _set("Drowsiness", "Somnolencia", fuzzy=True)  # the source changed, say: a reviewed unit is a draft again
    result = l10n("build")
    assert result.code == 0, result.err
    assert f"removed: build/{TREES[preset]['es']}" in result.out
    assert not spanish.exists() and not spanish.with_suffix(".html").exists()
    assert _manifest()["exploring-ketamine", "es"]["state"] == "held back"
    assert _manifest()["exploring-ketamine", "es"]["output"] is None
    if "en" in TREES[preset]:
        assert (root / "build" / TREES[preset]["en"]).exists(), "the source-language post stays"


def test_a_slug_template_follows_the_translated_slug(shipped: Callable[[str], Path], l10n: Callable[..., Run]) -> None:
    shipped('layout = "{lang}/{slug}.md"\nhtml = true')
    assert l10n("build").code == 0
    post = Path(f"build/es/{SLUG_ES}.md")
    assert post.exists()
    assert _manifest()["exploring-ketamine", "es"]["output"] == f"es/{SLUG_ES}.md"
    page = Path(f"build/es/{SLUG_ES}.html").read_text("utf-8")
    assert f'<link rel="alternate" hreflang="es" href="../es/{SLUG_ES}.html">' in page

    _set("exploring-ketamine", "la-ketamina-en-salud-mental")  # the slug is translated anew: the post moves
    result = l10n("build")
    assert result.code == 0, result.err
    assert not post.exists() and not post.with_suffix(".html").exists(), "the old URL must not stay online"
    assert f"removed: build/es/{SLUG_ES}.md" in result.out
    moved = Path("build/es/la-ketamina-en-salud-mental.html").read_text("utf-8")
    assert '<link rel="alternate" hreflang="es" href="../es/la-ketamina-en-salud-mental.html">' in moved
    assert _manifest()["exploring-ketamine", "es"]["html"] == "es/la-ketamina-en-salud-mental.html"


def test_a_changed_layout_removes_the_posts_of_the_old_one(shipped: Callable[[str], Path], l10n: Callable[..., Run]) -> None:
    root = shipped('layout = "hugo"')
    assert l10n("build").code == 0
    config = (root / "l10n.toml").read_text("utf-8").replace('layout = "hugo"', 'layout = "docusaurus"')
    (root / "l10n.toml").write_text(config, "utf-8")
    (root / SOURCE).write_text((root / SOURCE).read_text("utf-8").replace("telehealth]\n", f"telehealth]\n{DATE}", 1), "utf-8")
    result = l10n("build")
    assert result.code == 0, result.err
    assert _files(root / "build") == {*TREES["docusaurus"].values(), "manifest.json"}


def test_a_slug_is_transliterated(shipped: Callable[[str], Path], l10n: Callable[..., Run]) -> None:
    shipped('layout = "{locale}/{slug}.md"')
    _set("exploring-ketamine", "exploración-de-la-ketamina")
    result = l10n("build")
    assert result.code == 0 and "Warning" not in result.err, result.err
    assert '\nslug: "exploracion-de-la-ketamina"\n' in Path("build/es/exploracion-de-la-ketamina.md").read_text("utf-8")


def test_a_translation_that_is_not_a_slug_is_not_published(shipped: Callable[[str], Path], l10n: Callable[..., Run]) -> None:
    root = shipped('layout = "{locale}/{slug}.md"')
    _set("exploring-ketamine", "Explorando la ketamina")
    line = next(e.line for e in read_translations(ES, str(ES)) if e.msgid == "exploring-ketamine")
    result = l10n("build", "--locale", "es")
    assert result.code == 0
    assert (
        f"Warning: {ES.as_posix()}:{line}: error [slug] 'Explorando la ketamina' is not a slug: lowercase letters, "
        f"digits and single hyphens only (as '{SLUG_ES}'); kept the source text of source/exploring-ketamine.md:4"
    ) in result.err
    assert (
        "held: build/es/exploring-ketamine.md: 1 reviewed unit(s) kept in the source language: source/exploring-ketamine.md:4; 99.8% of words reviewed"
        in result.err
    ), "a failing translation counts as not reviewed"
    with (root / "l10n.toml").open("a", encoding="utf-8") as config:  # the [build] table is the last one
        config.write("min_reviewed = 0\n")
    assert l10n("build", "--locale", "es").code == 0
    kept = Path("build/es/exploring-ketamine.md").read_text("utf-8")
    assert "\nslug: exploring-ketamine\n" in kept and "Explorando la" not in kept
    assert l10n("build", "--locale", "es", "--strict").code == 1


def test_a_source_slug_that_is_not_one_is_an_error(shipped: Callable[[str], Path], l10n: Callable[..., Run]) -> None:
    shipped('layout = "{locale}/{slug}.md"')
    SOURCE.write_text(SOURCE.read_text("utf-8").replace("slug: exploring-ketamine", "slug: Exploring Ketamine"), "utf-8")
    (Path("l10n.toml")).write_text(Path("l10n.toml").read_text("utf-8").replace(', "slug"]', "]"), "utf-8")
    result = l10n("build")
    assert result.code == 2
    assert result.err == (
        "Error: source/exploring-ketamine.md:4: 'Exploring Ketamine' is not a slug: lowercase letters, digits and "
        "single hyphens only (as 'exploring-ketamine')\n"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("explorando-la-ketamina", "explorando-la-ketamina"),
        ("explorando-la-ketamína", "explorando-la-ketamina"),
        ("استكشاف-الكيتامين", "stkshf-lkytmyn"),
        ("изучение-кетамина", "izuchenie-ketamina"),
        ("ケタミン", "ketamin"),
        ("氯胺酮", "luantong"),
        ("2024-dosing", "2024-dosing"),
        ("Explorando", None),
        ("explorando la ketamina", None),
        ("explorando--ketamina", None),
        ("-ketamina", None),
        ("ketamina?", None),
        ("", None),
    ],
)
def test_slugs(value: str, expected: str | None) -> None:
    assert slugs.slug(value) == expected


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        ("wordpress", "unknown layout 'wordpress' (presets: default, hugo, hugo-folders, jekyll, mkdocs, docusaurus;"),
        ("{locale}/{title}.md", "unknown placeholder {title}"),
        ("{article}.md", "must name the locale"),
        ("{locale}/{dir}.md", "must name the article"),
        ("{locale}/{article}.html", "must end in .md"),
        ("../{locale}/{article}.md", "must be a path inside the build folder"),
        ("/srv/{locale}/{article}.md", "must be a path inside the build folder"),
        ("_preview/{locale}/{article}.md", "must be a path inside the build folder (not in _preview)"),
        ("{locale/{article}.md", "is not a template"),
    ],
)
def test_a_bad_layout_is_an_error_at_load(
    layout: str, message: str, shipped: Callable[[str], Path], l10n: Callable[..., Run]
) -> None:
    root = shipped(f"layout = {json.dumps(layout)}")
    result = l10n("build")
    assert result.code == 2
    assert result.err.startswith("Error: l10n.toml:"), result.err
    assert "build.layout: " in result.err and message in result.err, result.err
    assert not (root / "build").exists()
    with pytest.raises(ConfigError):
        parse(layout)


def test_two_posts_a_layout_gives_one_path_are_an_error(shipped: Callable[[str], Path], l10n: Callable[..., Run]) -> None:
    shipped('layout = "{lang}/{slug}.md"')
    Path("source/copy.md").write_bytes(SOURCE.read_bytes())  # another article with the same slug
    Path("locales/es/LC_MESSAGES/copy.po").write_bytes(ES.read_bytes())
    result = l10n("build", "--locale", "es")
    assert result.code == 2
    assert result.err == (
        f"Error: build/es/{SLUG_ES}.md: written for both copy and exploring-ketamine: "
        "the layout must give each post a path of its own\n"
    )


def _tree(root: Path) -> dict[str, bytes]:
    """Every file under *root* with its bytes (temporary files of a run included)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_an_error_leaves_a_moved_post_where_it_was(shipped: Callable[[str], Path], l10n: Callable[..., Run]) -> None:
    """build's staging holds for the layouts too: a post whose slug moved is neither written at the new path
    nor removed from the old one when another catalog fails, and no temporary file stays."""
    root = shipped('layout = "{lang}/{slug}.md"\nhtml = true')
    assert l10n("build").code == 0
    before = _tree(root / "build")
    assert f"es/{SLUG_ES}.md" in before and f"es/{SLUG_ES}.html" in before
    _set("exploring-ketamine", "la-ketamina-en-salud-mental")  # the Spanish post would move...
    fr = Path("locales/fr/LC_MESSAGES/exploring-ketamine.po")
    fr.write_text(fr.read_text("utf-8").replace('msgstr ""', 'msgstrr ""', 1), "utf-8")  # ...but French is broken
    result = l10n("build", "--include-drafts", "-j", "1")
    assert result.code == 2
    assert result.err.startswith(f"Error: {fr.as_posix()}:")
    assert _tree(root / "build") == before, "nothing written, nothing removed, no temporary file left"


def test_two_posts_given_one_path_write_nothing(shipped: Callable[[str], Path], l10n: Callable[..., Run]) -> None:
    shipped('layout = "{lang}/{slug}.md"')
    Path("source/copy.md").write_bytes(SOURCE.read_bytes())  # another article with the same slug
    Path("locales/es/LC_MESSAGES/copy.po").write_bytes(ES.read_bytes())
    assert l10n("build", "--locale", "es").code == 2
    assert not Path("build").exists() or _tree(Path("build")) == {}


def test_a_worker_s_staged_post_at_its_translated_slug_is_discarded(
    shipped: Callable[[str], Path], l10n: Callable[..., Run]
) -> None:
    """An article that fails on one worker drops the results of the others: their staged files, named
    after slugs only they knew, are found by the run's token and removed."""
    root = shipped('layout = "{lang}/{slug}/index.md"\nhtml = true')
    Path("source/a-broken.md").write_bytes(b"# Broken\n\n\xff\n")  # built first, on one worker; fails
    result = l10n("build", "--include-drafts", "-j", "2")
    assert result.code == 2
    assert result.err.startswith("Error: source/a-broken.md:")
    assert not (root / "build").exists() or _tree(root / "build") == {}


@pytest.mark.parametrize("template", ["{lang}/{slug}.md", "{lang}/{slug}/index.md", "hugo"])
def test_discard_finds_the_staged_files_of_a_run_wherever_the_layout_put_them(template: str, tmp_path: Path) -> None:
    from l10n.build.outputs import PREVIEW, discard
    from l10n.build.report import BuildReport
    from l10n.core.files import stage

    layout = parse(template)
    out = tmp_path / "build"
    ours = [
        stage(out / layout.post("es", "posts/dosing", "dosificacion"), b"x", token="feedc0de"),
        stage(out / PREVIEW / layout.post("es", "posts/dosing", "borrador"), b"x", token="feedc0de"),
        stage(out / "manifest.json", b"{}", token="feedc0de"),
    ]
    theirs = stage(out / layout.post("es", "posts/dosing", "dosificacion"), b"x", token="0ther0ne")  # another run's
    discard(BuildReport(), "feedc0de", out, layout, ["en", "es"], ["posts/dosing"])
    assert [path for path in ours if Path(path).exists()] == []
    assert Path(theirs).exists()


@pytest.mark.parametrize("preset", ["jekyll", "docusaurus"])
def test_a_blog_preset_needs_a_date(preset: str, shipped: Callable[[str], Path], l10n: Callable[..., Run]) -> None:
    root = copy_shipped(Path.cwd(), f'layout = "{preset}"')
    result = l10n("build")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"Error: source/exploring-ketamine.md: the {preset} layout needs the post's date: "
        "name the article YYYY-MM-DD-name or give it a `date` in its front matter\n"
    )
    assert not (root / "build").exists()


@pytest.mark.parametrize(
    ("name", "meta", "date"),
    [
        ("2024-05-01-dosing", {}, "2024-05-01"),
        ("posts/2024-05-01-dosing", {"date": "2023-01-01"}, "2024-05-01"),  # the name wins, as Jekyll's
        ("dosing", {"date": datetime.date(2024, 5, 2)}, "2024-05-02"),
        ("dosing", {"date": datetime.datetime(2024, 5, 3, 10, 0)}, "2024-05-03"),
        ("dosing", {"date": "2024-05-04 10:00:00 +0200"}, "2024-05-04"),
        ("dosing", {"date": "May 2024"}, ""),
        ("2024-05-dosing", {}, ""),
    ],
)
def test_the_date_of_a_post(name: str, meta: dict[str, object], date: str) -> None:
    assert date_of(name, meta) == date
    if date:
        dated = PRESETS["jekyll"].for_post(name, meta, "x.md").post("es", name, "x")
        assert (
            dated
            == f"_posts/es/{name.rpartition('/')[0] + '/' if '/' in name else ''}{date}-{name.rpartition('/')[2].removeprefix(date + '-')}.md"
        )


def test_docusaurus_keeps_the_source_slug_in_every_locale(shipped: Callable[[str], Path], l10n: Callable[..., Run]) -> None:
    shipped('layout = "docusaurus"\nhtml = true')
    result = l10n("build", "--include-drafts")
    assert result.code == 0, result.err
    for path in Path("build").rglob("*.md"):
        text = path.read_text("utf-8")
        assert "\nslug: exploring-ketamine\n" in text and "\nmdx: {format: md}\n" in text, path
