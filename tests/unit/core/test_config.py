"""Configuration: every table validated when it is loaded, the file read once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run

BAD_TYPES = [
    ("[build]\nmin_reviewed = 0\nhtml = 'yes'\n", "l10n.toml:5: build.html: expected true or false, got 'yes'"),
    ("[translate]\nengine = 'libre'\nconcurrency = 0\n", "l10n.toml:5: translate.concurrency: expected a positive int, got 0"),
    ("[translate]\ndeadline = true\n", "l10n.toml:4: translate.deadline: expected a positive float, got True"),
    ("[status]\nlink_base = 3\n", "l10n.toml:4: status.link_base: expected a string, got 3"),
    (
        "[build]\nrequired = ['(unclosed']\n",
        "l10n.toml:4: build.required: invalid regular expression '(unclosed': missing ): (unclosed "
        "(patterns are RE2 syntax, matched in linear time: no backreferences or lookaround)",
    ),
    ("build = 3\n", "l10n.toml:3: build: expected a table, got 3"),
    (
        "[translate]\nengine = 'deepel'\n",
        "l10n.toml:4: translate.engine: unknown engine 'deepel'; did you mean 'deepl'? "
        "(known: libre, libre-dt, deepl, google, mymemory, microsoft, pseudo)",
    ),
    ("[translate]\nengine = 'libre'\ntimeout = -1\n", "l10n.toml:5: engine libre: timeout must be a positive number"),
    (
        "[translate]\napi_key = 'sk-secret'\n",
        "l10n.toml:4: translate.api_key: put the API key in an environment variable and name it with key_env",
    ),
]


@pytest.mark.parametrize(("table", "message"), BAD_TYPES, ids=[m.split(": ")[1] for _, m in BAD_TYPES])
def test_a_wrong_type_in_any_table_is_an_error_at_load(table: str, message: str, project: Path, l10n: Callable[..., Run]) -> None:
    (project / "l10n.toml").write_text(f'source_locale = "en"\nlocales = ["es"]\n{table}', "utf-8")
    for command in ("extract", "build", "status"):  # whichever command runs, not only the one that uses the table
        result = l10n(command)
        assert (result.code, result.err) == (2, f"Error: {message}\n"), command
    assert not (project / "locales").exists()


def test_an_unknown_key_in_a_table_is_a_warning_with_the_closest_key(project: Path, l10n: Callable[..., Run]) -> None:
    (project / "l10n.toml").write_text('locales = ["es"]\n\n[build]\nmin_reviwed = 0\n', "utf-8")
    result = l10n("status", "--format", "json")
    assert result.code == 0
    assert result.err == (
        "Warning: l10n.toml:4: unknown configuration key 'build.min_reviwed' (ignored; did you mean 'min_reviewed'?)\n"
    )
    assert '"min_reviewed": 100.0' in result.out  # ignored: the default holds


def test_an_unknown_engine_setting_is_a_warning(project: Path, l10n: Callable[..., Run]) -> None:
    (project / "l10n.toml").write_text('locales = ["es"]\n[translate]\nengine = "libre"\nurll = "x"\n', "utf-8")
    result = l10n("status", "--format", "json")
    assert result.code == 0
    assert result.err == "Warning: l10n.toml:4: unknown configuration key 'translate.urll' (ignored; did you mean 'url'?)\n"


def test_tables_of_a_pyproject_are_validated_too(project: Path, l10n: Callable[..., Run]) -> None:
    (project / "l10n.toml").unlink()
    (project / "pyproject.toml").write_text(
        '[project]\nname = "blog"\n\n[tool.l10n]\nlocales = ["es"]\n\n[tool.l10n.status]\nlink_bse = "x"\n'
        '\n[tool.l10n.build]\nmin_reviewed = "all"\n',
        "utf-8",
    )
    result = l10n("status")
    assert (result.code, result.err) == (
        2,
        "Error: pyproject.toml:11: build.min_reviewed: expected a percentage from 0 to 100, got 'all'\n",
    )
    text = (project / "pyproject.toml").read_text("utf-8")
    (project / "pyproject.toml").write_text(text.replace('"all"', "50"), "utf-8")
    result = l10n("status", "--format", "json")
    assert result.code == 0
    assert result.err == (
        "Warning: pyproject.toml:8: unknown configuration key 'status.link_bse' (ignored; did you mean 'link_base'?)\n"
    )


def test_the_configuration_is_read_once_per_run(project: Path, l10n: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "l10n.toml").write_text('locales = ["es"]\n[build]\nmin_reviewed = 0\nhtml = true\n', "utf-8")
    reads: list[Path] = []
    for name in ("read_text", "read_bytes"):
        original = getattr(Path, name)

        def counting(self: Path, *args: object, _original: Callable[..., object] = original) -> object:
            if self.name == "l10n.toml":
                reads.append(self)
            return _original(self, *args)

        monkeypatch.setattr(Path, name, counting)
    from l10n.core import config as config_module
    from l10n.core import files

    def read_file(path: Path, *args: object, **kwargs: object) -> object:  # every command reads through fsutil
        if Path(path).name == "l10n.toml":
            reads.append(Path(path))
        return files.read_file(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(config_module, "read_file", read_file)
    assert l10n("build", "-j", "1").code == 0
    assert len(reads) == 1


def test_an_engines_settings_go_in_its_own_table(project: Path, l10n: Callable[..., Run]) -> None:
    (project / "l10n.toml").write_text(
        'locales = ["es"]\n[translate]\nengine = "libre"\n\n[translate.libre]\nurl = "http://127.0.0.1:9"\ntimeout = 3\n', "utf-8"
    )
    result = l10n("status", "--format", "json")
    assert (result.code, result.err) == (0, "")
    from l10n.workflow.project import load

    settings = load(project).settings.translate
    assert (settings.engine, settings.engine_settings("libre")) == ("libre", {"url": "http://127.0.0.1:9", "timeout": 3})
    assert settings.engine_settings("deepl") == {}


def test_an_engine_setting_in_the_old_flat_place_is_read_with_a_warning(project: Path, l10n: Callable[..., Run]) -> None:
    (project / "l10n.toml").write_text('locales = ["es"]\n[translate]\nengine = "libre"\nurl = "http://127.0.0.1:9"\n', "utf-8")
    result = l10n("status", "--format", "json")
    assert (result.code, result.err) == (
        0,
        "Warning: l10n.toml:4: 'translate.url' is an engine's setting: move it to [translate.libre]\n",
    )
    from l10n.workflow.project import load

    assert load(project).settings.translate.engine_settings("libre") == {"url": "http://127.0.0.1:9"}


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("[translate.libre]\ntimeout = -1\n", "Error: l10n.toml:4: engine libre: timeout must be a positive number\n"),
        (
            '[translate.libre]\napi_key = "x"\n',
            "Error: l10n.toml:4: translate.libre.api_key: put the API key in an environment variable and name it with key_env\n",
        ),
        (
            '[translate.libre]\nurll = "x"\n',
            "Warning: l10n.toml:4: unknown configuration key 'translate.libre.urll' (ignored; did you mean 'url'?)\n",
        ),
        (
            '[translate.libra]\nurl = "x"\n',
            "Warning: l10n.toml:3: unknown engine table '[translate.libra]' (ignored; did you mean 'libre'?)\n",
        ),
    ],
)
def test_an_engine_table_is_checked_against_its_engine(table: str, message: str, project: Path, l10n: Callable[..., Run]) -> None:
    (project / "l10n.toml").write_text(f'locales = ["es"]\n\n{table}', "utf-8")
    result = l10n("status", "--format", "json")
    assert result.err == message


def test_settings_are_typed_and_read_once(project: Path) -> None:
    """Every table is a frozen dataclass with its defaults; the schema is read off its fields."""
    import dataclasses

    from l10n.core.schema import TABLES
    from l10n.core.settings import SETTINGS, Settings
    from l10n.workflow.project import load

    (project / "l10n.toml").write_text('locales = ["es"]\n[build]\nmin_reviewed = 50\nrequired = ["(?i)disclaimer"]\n', "utf-8")
    settings = load(project).settings
    assert isinstance(settings, Settings)
    assert (settings.build.min_reviewed, settings.build.required, settings.review.min_approvals) == (50.0, ("(?i)disclaimer",), 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.build.min_reviewed = 0  # type: ignore[misc]
    for name, kind in SETTINGS.items():
        declared = {f.name for f in dataclasses.fields(kind) if "check" in f.metadata}
        assert declared == set(TABLES[name]), name
        assert all(f.metadata["doc"] for f in dataclasses.fields(kind) if "check" in f.metadata), name


@pytest.mark.parametrize("root", ["/", "/srv/site", "/srv/site/"])
@pytest.mark.parametrize(
    "path",
    ["/srv/site", "/srv/site/source/a.md", "/srv/site2/a.md", "/srv/sit", "/srv", "/", "/srv/site/../x/a.po", "/other/a b.po"],
)
def test_relative_names_a_path_as_relative_to_and_as_posix_do(root: str, path: str) -> None:
    """The string shortcut of Config.relative gives pathlib's answer, inside and outside the root, at its edges."""
    from l10n.core.config import Config

    config = Config(Path(root), Path(root) / "l10n.toml", "en", (), Path(root), Path(root), Path(root), Path(root), (), ())
    try:
        expected = Path(path).relative_to(Path(root)).as_posix()
    except ValueError:
        expected = Path(path).as_posix()
    assert config.relative(Path(path)) == expected


def test_a_project_naming_no_engine_is_loaded_without_importing_the_engines(project: Path) -> None:
    """Every command loads the configuration: the engines' modules (HTTP clients, deep-translator's specs)
    are imported only when [translate] names an engine or holds an engine's key."""
    import subprocess
    import sys

    script = (
        "import sys; from pathlib import Path; from l10n.workflow.project import load; "
        "s = load(Path(sys.argv[1])).settings.translate; "
        "print(sorted(m for m in sys.modules if m.startswith('l10n.mt')), s.concurrency, dict(s.engines))"
    )
    shown = []
    for table in ("[translate]\nconcurrency = 2\n", "[translate]\nconcurrency = 2\n[translate.libre]\ntimeout = 3\n"):
        (project / "l10n.toml").write_text(f'locales = ["es"]\n{table}', "utf-8")
        run = subprocess.run([sys.executable, "-c", script, str(project)], capture_output=True, text=True, check=True)
        shown.append(run.stdout)
    assert shown[0] == "[] 2 {}\n"
    assert "'l10n.mt.engines.registry'" in shown[1]
    assert shown[1].endswith(" 2 {'libre': {'timeout': 3}}\n")
