"""Project configuration.

Rules:

1. The configuration is ``[tool.l10n]`` in ``pyproject.toml`` or the top level of an
   ``l10n.toml``, with the same keys. It is found by walking up from the working
   directory, as git finds ``.git``: in each folder an ``l10n.toml`` wins, then a
   ``pyproject.toml`` that has a ``[tool.l10n]`` table; the folder holding it is the
   project root.
2. Every folder named in it is relative (an absolute path is refused) and must stay
   inside the project root, symlinks followed. So must every article, template and
   catalog a command reads or writes (:meth:`Config.confined`).
3. Unknown keys are reported as warnings (a typo must not silently change nothing);
   a value of the wrong type is an error naming the file and line. Like every path in
   messages, the file is named relative to the project root.
"""

from __future__ import annotations

import itertools
import os
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from l10n.core.articles import iter_articles
from l10n.core.errors import ConfigError, L10nError, undecodable
from l10n.core.files import inside, read_file
from l10n.core.locales import normalize_locale
from l10n.core.schema import TABLES, TableCheck, closest, key_line, table_key_line, validate_tables
from l10n.core.settings import Settings

P = TypeVar("P", str, Path)

_DEFAULTS: dict[str, Any] = {
    "source_locale": "en",
    "locales": [],
    "source_dir": "source",
    "locales_dir": "locales",
    "build_dir": "build",
    "glossary": "glossary.yaml",
    "front_matter_keys": ["title", "description"],
    "verbatim_sections": ["References"],
    "references": "line",
}

REFERENCES = ("line", "file", "none")
"""The ``#:`` reference granularities (msgmerge's ``--add-location=full|file|never``)."""


@dataclass(frozen=True, slots=True)
class Config:
    """A loaded, validated project configuration. Paths are absolute."""

    root: Path
    """The project root: the folder holding the configuration file."""
    path: Path
    """The configuration file."""
    source_locale: str
    locales: tuple[str, ...]
    """Target locales, normalized (``pt_BR``)."""
    source_dir: Path
    locales_dir: Path
    build_dir: Path
    glossary: Path
    front_matter_keys: tuple[str, ...]
    """Front-matter keys whose (string) values are translatable."""
    verbatim_sections: tuple[str, ...]
    """Headings whose sections are copied verbatim and never extracted."""
    references: str = "line"
    """What ``#:`` references name (:data:`REFERENCES`): ``source/x.md:12``, ``source/x.md``, or nothing."""
    warnings: tuple[str, ...] = field(default=())
    tables: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, compare=False)
    """Every sub-table of :data:`TABLES`, validated, with defaults: what the caches fingerprint."""
    settings: Settings = field(default_factory=Settings, compare=False)
    """Every table's settings, typed (:mod:`l10n.core.settings`): what the code reads."""
    text: str = field(default="", compare=False, repr=False)
    """The configuration file's text, read once, so that later errors can name a line."""

    def error(self, name: str, key: str, what: str) -> ConfigError:
        """An error about *key* of the ``[name]`` sub-table, pointing at its line."""
        return ConfigError(f"{name}.{key}: {what}", self.relative(self.path), table_key_line(self.text, name, key))

    def articles(self) -> list[str]:
        """Every article id (path under ``source_dir`` without ``.md``), sorted."""
        return sorted(iter_articles(self.source_dir, self.root))

    def source_path(self, article: str) -> Path:
        return self.source_dir / f"{article}.md"

    def template_path(self, article: str) -> Path:
        return self.locales_dir.joinpath("templates", f"{article}.pot")  # one join: each "/" parses the path again

    def catalog_path(self, locale: str, article: str) -> Path:
        return self.locales_dir.joinpath(locale, "LC_MESSAGES", f"{article}.po")

    def confined(self, path: P) -> P:
        """*path*, unless a symlink on the way leads it outside the project: then an error, before any I/O.

        Folders are resolved once per process (a site has thousands of catalogs in a
        few folders); the file itself is only resolved when it is a symlink.
        """
        folder = _resolved(os.path.dirname(path))
        if os.path.islink(path):
            folder = os.path.realpath(path)
        if not (folder == _resolved(str(self.root)) or folder.startswith(_resolved(str(self.root)) + os.sep)):
            msg = f"leads outside the project, to {os.path.realpath(path)}, through a symlink; refused"
            raise ConfigError(msg, self.relative(Path(path)))
        return path

    def relative(self, path: Path) -> str:
        """*path* relative to the project root, with ``/`` separators (for references).

        As ``path.relative_to(root).as_posix()``, on the strings (both are normalized ``Path``
        objects): an article's run names its files a dozen times, and ``relative_to`` builds paths.
        """
        text, root = str(path), str(self.root)
        if text == root:
            return "."
        head = root if root.endswith(os.sep) else root + os.sep
        return (text[len(head) :] if text.startswith(head) else text).replace(os.sep, "/")


def layout(path_of: Callable[[str], Path]) -> Callable[[str], str]:
    """*path_of* (a :class:`Config` method) as a string concatenation: the same paths, without
    the cost of joining ``Path`` objects, which a run with nothing to do would spend most of its time on."""
    head, tail = str(path_of(_ARTICLE)).split(_ARTICLE)
    return lambda article: f"{head}{article}{tail}"


_ARTICLE = "\0article\0"


@lru_cache(maxsize=4096)
def _resolved(folder: str) -> str:
    return os.path.realpath(folder)


@dataclass(frozen=True, slots=True)
class Shard:
    """Shard *index* of *count* (1-based): a fixed share of the articles, for CI matrices.

    An article belongs to the shard its id's hash gives, so adding or removing
    articles never moves the others between shards.
    """

    index: int
    count: int

    @classmethod
    def parse(cls, spec: str) -> Shard:
        match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", spec)
        if not match or not 1 <= int(match[1]) <= int(match[2]):
            msg = f"shard {spec!r}: expected K/N with 1 <= K <= N, as 2/4"
            raise ConfigError(msg)
        return cls(int(match[1]), int(match[2]))

    def holds(self, article: str) -> bool:
        import hashlib

        value = int.from_bytes(hashlib.blake2b(article.encode(), digest_size=8).digest(), "big")
        return value % self.count == self.index - 1


def find_config(start: Path | None = None) -> Path:
    """The nearest configuration file at or above *start*."""
    return _locate(start)[0]


def _locate(start: Path | None) -> tuple[Path, str | None]:
    """The nearest configuration file, and its text when finding it meant reading it."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "l10n.toml").is_file():
            return folder / "l10n.toml", None
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            data = pyproject.read_bytes()
            if re.search(rb"(?m)^\[tool\.l10n\]", data):
                try:
                    return pyproject, data.decode("utf-8")
                except UnicodeDecodeError:
                    return pyproject, None  # read again, to report the error
    msg = f"no l10n configuration found in {here} or above (add an l10n.toml or [tool.l10n] to pyproject.toml; see `l10n init`)"
    raise ConfigError(msg)


def _read_text(path: Path) -> str:
    data = read_file(path, path.name, ConfigError)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise undecodable(ConfigError, data, exc, path.name) from None


def read_table(path: Path, text: str | None = None) -> tuple[dict[str, Any], str]:
    """The l10n table of *path* and the file's text (*text*, when the caller already read it)."""
    text = _read_text(path) if text is None else text
    try:
        data = tomllib.loads(text)
    except RecursionError:  # tomllib recurses into nested arrays and inline tables
        raise ConfigError("invalid TOML: nested too deeply", path.name) from None
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found[1]) if found else text.count("\n") + (not text.endswith("\n"))
        raise ConfigError(f"invalid TOML: {str(exc).split(' (at')[0]}", path.name, line) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("l10n", {})
    return data, text


def load_config(start: Path | None = None, path: Path | None = None, checks: Sequence[TableCheck] = ()) -> Config:
    """Find, read and validate the configuration: the file is read once, every table checked.

    *checks* are the higher layers' checks of their own settings; :func:`l10n.workflow.project.load`
    passes all of them, and every command loads the configuration through it.
    """
    known = None
    if path is None:
        path, known = _locate(start)
    path = path.resolve()
    table, text = read_table(path, known)
    root = path.parent
    warnings = [
        f"{path.name}:{key_line(text, key) or 1}: unknown configuration key {key!r} "
        f"(ignored{closest(key, [*_DEFAULTS, *TABLES])})"
        for key in table
        if key not in _DEFAULTS and key not in TABLES
    ]
    tables = validate_tables(table, text, path.name, warnings, checks)
    values = {**_DEFAULTS, **{k: v for k, v in table.items() if k in _DEFAULTS}}

    def fail(key: str, what: str) -> L10nError:
        return ConfigError(f"{key}: {what}", path.name, key_line(text, key))

    for key in ("source_locale", "source_dir", "locales_dir", "build_dir", "glossary"):
        if not isinstance(values[key], str) or not values[key]:
            raise fail(key, f"expected a non-empty string, got {values[key]!r}")
    for key in ("locales", "front_matter_keys", "verbatim_sections"):
        if not isinstance(values[key], list) or not all(isinstance(v, str) and v for v in values[key]):
            raise fail(key, f"expected a list of strings, got {values[key]!r}")
    if values["references"] not in REFERENCES:
        raise fail("references", f"expected one of {', '.join(map(repr, REFERENCES))}, got {values['references']!r}")

    try:
        source_locale = normalize_locale(values["source_locale"])
        locales = tuple(dict.fromkeys(normalize_locale(code) for code in values["locales"]))
    except L10nError as exc:
        raise fail("source_locale" if "source" in exc.message else "locales", exc.message) from None
    if source_locale in locales:
        raise fail("locales", f"the source locale {source_locale!r} cannot also be a target")

    def folder(key: str) -> Path:
        value = values[key]
        if os.path.isabs(value):  # a configuration that names /home/someone/... works on one machine only
            raise fail(key, f"{value!r} is an absolute path; name it relative to the project root")
        if not Path(os.path.normpath(root / value)).is_relative_to(root):
            raise fail(key, f"{value!r} is outside the project")
        try:
            return inside(root, root / value, key)
        except ConfigError:
            target = (root / value).resolve()
            raise fail(key, f"{value!r} leads outside the project, to {target}, through a symlink; refused") from None

    folders = {key: folder(key) for key in ("source_dir", "locales_dir", "build_dir")}
    for (one, first), (other, second) in itertools.combinations(folders.items(), 2):
        if first == second or first.is_relative_to(second) or second.is_relative_to(first):
            how = "is" if first == second else "is inside" if second.is_relative_to(first) else "contains"
            what = f"{values[other]!r} {how} {one} {values[one]!r}" if how != "is" else f"{values[other]!r} is also {one}"
            raise fail(other, f"{what}; the source, catalog and build folders must not overlap")
    return Config(
        root=root,
        path=path,
        source_locale=source_locale,
        locales=locales,
        source_dir=folders["source_dir"],
        locales_dir=folders["locales_dir"],
        build_dir=folders["build_dir"],
        glossary=folder("glossary"),
        front_matter_keys=tuple(values["front_matter_keys"]),
        verbatim_sections=tuple(values["verbatim_sections"]),
        references=values["references"],
        warnings=tuple(warnings),
        tables=tables,
        settings=Settings.of(tables),
        text=text,
    )
