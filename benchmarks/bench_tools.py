"""How each tool is installed, driven and checked by ``run.py``.

Every tool works on its own fresh copy of the corpus (``<copy>/source/``,
``<copy>/l10n.toml``) and must write catalogs under ``<copy>/locales/`` (l10n:
wherever it likes) and translated documents as ``*.md`` under ``<copy>/build/``.
A tool exposes four steps, each a single command timed as one process tree:
``extract`` (first run), ``extract-noop`` (same again, nothing changed),
``build`` and ``build-noop`` (same again, nothing changed). With ``run.py --fill
pseudo`` (the default) every tool's catalogs are filled between ``extract-noop`` and
``build`` (not timed), so that the builds splice a translation into every unit.
l10n has more steps (:data:`L10N_STEPS`): after the build, ``check``, ``status`` and
``review``, each run twice (cold, then ``-noop``: nothing changed, the check cache
warm), and ``extract`` again on the filled catalogs (``extract-filled``: a state that
knows the catalogs before the fill, every article merged again; then its no-op).
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

LOCALES = ["es", "fr", "de"]  # run.py --locales replaces the contents (the list object is shared)
VENVS = Path("/tmp/bench-venvs")
STEPS = ["extract", "extract-noop", "build", "build-noop"]
FILL_BEFORE = "build"
"""The step before which ``run.py --fill`` fills the catalogs."""
L10N_STEPS = [
    *STEPS,
    "check",
    "check-noop",
    "status",
    "status-noop",
    "review",
    "review-noop",
    "extract-filled",
    "extract-filled-noop",
]
ALL_STEPS = L10N_STEPS


def _first_line(argv: list[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        text = (out.stdout or out.stderr).strip()
        return text.splitlines()[0] if text else "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


def ensure_venv(name: str, requirement: str, probe: str) -> tuple[Path | None, str]:
    """Create /tmp/bench-venvs/<name> with ``requirement`` unless ``probe`` imports."""
    venv = VENVS / name
    py = venv / "bin" / "python"
    check = [str(py), "-c", f"import {probe}"]
    if py.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return py, ""
    VENVS.mkdir(parents=True, exist_ok=True)
    print(f"  setting up {venv} ({requirement}) ...", file=sys.stderr)
    log = VENVS / f"{name}-install.log"
    with open(log, "w") as fh:
        ok = (
            subprocess.run([sys.executable, "-m", "venv", str(venv)], stdout=fh, stderr=fh).returncode == 0
            and subprocess.run(
                [str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", requirement], stdout=fh, stderr=fh
            ).returncode
            == 0
            and subprocess.run(check, stdout=fh, stderr=fh).returncode == 0
        )
    return (py, "") if ok else (None, f"could not install {requirement} (see {log})")


def _installed_version(dist: str) -> str | None:
    try:
        from importlib.metadata import version

        return version(dist)
    except Exception:  # not installed in the harness's interpreter
        return None


class Tool:
    name = "?"
    how: ClassVar[dict[str, str]] = {}  # step -> human description for the report
    steps: ClassVar[list[str]] = STEPS
    ok_codes: ClassVar[tuple[int, ...]] = (0,)

    def setup(self) -> str:
        """Return '' if usable, else the reason it is skipped."""
        return ""

    def version(self) -> str:
        return "?"

    def prepare(self, work: Path, corpus_files: list[str]) -> None:
        """Write any per-copy configuration (called on every fresh copy)."""

    def command(self, step: str, work: Path) -> list[str]:
        raise NotImplementedError

    def catalog_dirs(self, work: Path) -> list[Path]:
        return [work / "locales"]


class L10n(Tool):
    """``l10n extract`` and ``l10n build``; with *jobs*, ``-j N`` (else its default, one worker per CPU).

    The default tool also times ``check``, ``status`` and ``review`` (:data:`L10N_STEPS`).
    """

    ok_codes = (0, 1)  # check exits 1 when it reports error findings: that is its output

    def __init__(self, command: str, jobs: int | None = None):
        self.argv = shlex.split(command)
        self.jobs = jobs
        self.name = "l10n" if jobs is None else f"l10n-j{jobs}"
        self.flags: dict[str, list[str]] = {"extract": [], "build": []}
        self.how = {}
        self.steps = L10N_STEPS if jobs is None else STEPS

    def setup(self) -> str:
        if not shutil.which(self.argv[0]):
            return f"`{self.argv[0]}` command not found"
        probe = subprocess.run([*self.argv, "--help"], capture_output=True, text=True)
        if probe.returncode != 0:
            return f"`{' '.join(self.argv)} --help` failed"
        missing = []
        if self.jobs is not None:
            for cmd in self.flags:
                helped = subprocess.run([*self.argv, cmd, "--help"], capture_output=True, text=True).stdout
                if "--jobs" in helped:
                    self.flags[cmd] = ["-j", str(self.jobs)]
                else:
                    missing.append(cmd)
            if len(missing) == len(self.flags):
                return "neither `l10n extract` nor `l10n build` has a --jobs option"
        for step in self.steps:
            cmd = step.split("-")[0]
            note = " (no --jobs option: its default)" if cmd in missing else ""
            again = " (again, nothing changed)" if step.endswith("-noop") else ""
            if step == "extract-filled":
                again = " (after the fill: every article merged again)"
            self.how[step] = f"`{' '.join(['l10n', cmd, *self.flags.get(cmd, []), *self._format(cmd)])}`{note}{again}"
        return ""

    @staticmethod
    def _format(cmd: str) -> list[str]:
        return ["--format", "json"] if cmd in ("check", "status", "review") else []

    def version(self) -> str:
        return _first_line([*self.argv, "--version"])

    def command(self, step: str, work: Path) -> list[str]:
        cmd = step.split("-")[0]
        return [*self.argv, cmd, *self.flags.get(cmd, []), *self._format(cmd)]

    def catalog_dirs(self, work: Path) -> list[Path]:
        return [work]  # wherever l10n puts its catalogs (the copy holds no other PO files)


class Po4a(Tool):
    name = "po4a"
    how: ClassVar[dict[str, str]] = {
        "extract": "`po4a --no-translations po4a.cfg` (gettextize: 1 POT + 1 PO per locale via msgmerge)",
        "extract-noop": "`po4a --no-translations po4a.cfg` again",
        "build": "`po4a --no-update po4a.cfg` (write translated documents only)",
        "build-noop": "`po4a --no-update po4a.cfg` again",
    }

    def setup(self) -> str:
        return "" if shutil.which("po4a") else "po4a not installed (apt-get install po4a)"

    def version(self) -> str:
        return _first_line(["po4a", "--version"]) + "; " + _first_line(["msgmerge", "--version"])

    def prepare(self, work: Path, corpus_files: list[str]) -> None:
        lines = [
            f"[po4a_langs] {' '.join(LOCALES)}",
            "[po4a_paths] locales/blog.pot $lang:locales/$lang.po",
            "[options] --keep 0 --option markdown --option yfm_keys=title,description --option neverwrap",
        ]
        for rel in corpus_files:
            lines.append(f"[type: text] source/{rel} $lang:build/$lang/{rel}")
        (work / "locales").mkdir(exist_ok=True)
        (work / "po4a.cfg").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def command(self, step: str, work: Path) -> list[str]:
        flag = "--no-update" if step == "build" else "--no-translations"
        return ["po4a", "-q", flag, "po4a.cfg"]


class TranslateToolkit(Tool):
    name = "translate-toolkit"
    how: ClassVar[dict[str, str]] = {
        "extract": "`md2po -P -S source -> locales/pot` (1 process) + `pot2po -S` per locale (1 process each)",
        "extract-noop": "same, with `pot2po -t locales/<lang>` merging the existing PO dir",
        "build": "`po2md -m 0 -t source -i locales/<lang> -o build/<lang>` (1 process per locale)",
        "build-noop": "same, with `-S` (skip outputs newer than their inputs)",
    }

    def setup(self) -> str:
        # The harness interpreter's translate-toolkit may lack the [markdown] extra
        # (mistletoe), and its md2po/po2md scripts are shadowed by mdpo's, so it
        # runs from an isolated venv pinned to the installed version.
        pin = _installed_version("translate-toolkit")
        req = "translate-toolkit[markdown,levenshtein]" + (f"=={pin}" if pin else "")
        self.py, why = ensure_venv("translate-toolkit", req, "translate.storage.markdown")
        return why

    def version(self) -> str:
        return "translate-toolkit " + _first_line([str(self.py), "-m", "translate.convert.md2po", "--version"]).split()[-1]

    def command(self, step: str, work: Path) -> list[str]:
        mod = f"{shlex.quote(str(self.py))} -m translate.convert."
        quiet = "--progress=none --errorlevel=none"
        if step.startswith("build"):
            skip = " -S" if step == "build-noop" else ""
            script = [f"{mod}po2md {quiet}{skip} -m 0 -t source -i locales/{lang} -o build/{lang}" for lang in LOCALES]
            return ["sh", "-ec", "mkdir -p build\n" + "\n".join(script)]
        script = [f"{mod}md2po {quiet} -S -P -i source -o locales/pot"]
        for lang in LOCALES:
            template = f" -t locales/{lang}" if step == "extract-noop" else ""
            script.append(f"{mod}pot2po {quiet} -S{template} -i locales/pot -o locales/{lang}")
        return ["sh", "-ec", "mkdir -p locales\n" + "\n".join(script)]


MDPO_DRIVER = '''\
"""One Python process driving mdpo's API over every article and locale."""
import sys
from pathlib import Path
from mdpo.md2po import markdown_to_pofile
from mdpo.po2md import pofile_to_markdown

step, locales = sys.argv[1], sys.argv[2:]
for src in sorted(Path("source").rglob("*.md")):
    rel = src.relative_to("source")
    for lang in locales:
        po = Path("locales", lang, rel.with_suffix(".po"))
        if step == "extract":
            po.parent.mkdir(parents=True, exist_ok=True)
            markdown_to_pofile(str(src), po_filepath=str(po), save=True)
        else:
            out = Path("build", lang, rel)
            out.parent.mkdir(parents=True, exist_ok=True)
            pofile_to_markdown(str(src), str(po), save=str(out), wrapwidth=float("inf"))
'''


class Mdpo(Tool):
    name = "mdpo"
    how: ClassVar[dict[str, str]] = {
        "extract": "one Python process calling `mdpo.md2po.markdown_to_pofile(save=True)` "
        "per article x locale (one PO file each)",
        "extract-noop": "same again (mdpo merges into the existing PO files)",
        "build": "one Python process calling `mdpo.po2md.pofile_to_markdown` per article x locale",
        "build-noop": "same again (mdpo has no skip)",
    }

    def setup(self) -> str:
        self.py, why = ensure_venv("mdpo", "mdpo", "mdpo.md2po")
        return why

    def version(self) -> str:
        return _first_line([str(self.py.parent / "md2po"), "--version"]).replace("md2po", "mdpo")

    def prepare(self, work: Path, corpus_files: list[str]) -> None:
        (work / "mdpo_driver.py").write_text(MDPO_DRIVER, encoding="utf-8")

    def command(self, step: str, work: Path) -> list[str]:
        mode = step.split("-")[0]
        return [str(self.py), "mdpo_driver.py", mode, *LOCALES]


def count_outputs(tool: Tool, work: Path) -> dict:
    """Catalog files / entries and built documents actually present on disk."""
    catalogs, entries = 0, 0
    for d in tool.catalog_dirs(work):
        if not d.is_dir():
            continue
        for f in d.rglob("*"):
            if f.suffix in (".po", ".pot") and f.is_file():
                catalogs += 1
                with open(f, "rb") as fh:  # every msgid but the header's
                    entries += max(0, sum(line.startswith(b"msgid ") for line in fh) - 1)
    docs, front = 0, 0
    build = work / "build"
    if build.is_dir():
        for f in build.rglob("*.md"):
            if f.stat().st_size == 0:
                continue
            docs += 1
            with open(f, "rb") as fh:
                front += fh.read(4) == b"---\n"
    return {"catalogs": catalogs, "entries": entries, "docs": docs, "front_matter": front}
