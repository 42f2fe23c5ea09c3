#!/usr/bin/env python3
"""Deterministic generator of a realistic medical-blog Markdown corpus.

Writes ``<out>/source/**/<slug>.md`` (2-3 folder levels below ``source/``)
and ``<out>/l10n.toml``.  The same ``--seed`` and ``--articles`` always give
byte-identical output, so every tool in ``run.py`` sees the same input
(``--locales`` only changes ``l10n.toml``).

    python benchmarks/generate_corpus.py --articles 1000 --out /tmp/corpus
    python benchmarks/generate_corpus.py --articles 10000 --locales es,fr,de,it,pt_BR --out /tmp/corpus

The configuration sets ``[build] min_reviewed = 0``, so that every tool writes every
document whatever its catalogs hold. ``fill_catalogs`` gives every empty entry of a
tool's PO files a pseudo-translation (:func:`pseudo_translate`: lowercase vowels accented
outside what must come back unchanged), as a reviewed translation, so that a build
splices and checks every unit; ``run.py --fill pseudo`` does it after extraction, for
every tool alike.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

LOCALES = ("es", "fr", "de")


def config_text(locales: tuple[str, ...] | list[str] = LOCALES) -> str:
    """``l10n.toml``: the locales, a build that publishes unreviewed catalogs, translations without approvals."""
    listed = ", ".join(f'"{code}"' for code in locales)
    return (
        f'source_locale = "en"\nlocales = [{listed}]\n\n'
        "# Benchmark catalogs are empty or pseudo-filled, never reviewed; publish every post anyway.\n"
        "[build]\nmin_reviewed = 0\n\n"
        "# A pseudo-filled translation stands for reviewed work: gettext's convention, no approval lines.\n"
        "[review]\nrequire_approval = false\n"
    )


CATEGORIES = ["mental-health", "ketamine-therapy", "sleep", "nutrition", "chronic-pain", "addiction", "wellness", "research-news"]
SUBFOLDERS = ["guides", "studies", "patient-stories", "faq"]
YEARS = [2021, 2022, 2023, 2024, 2025]

CONDITIONS = [
    "treatment-resistant depression",
    "generalized anxiety disorder",
    "post-traumatic stress disorder",
    "chronic insomnia",
    "bipolar depression",
    "obsessive-compulsive disorder",
    "alcohol use disorder",
    "fibromyalgia",
    "migraine",
    "postpartum depression",
    "social anxiety",
    "burnout",
]
TREATMENTS = [
    "ketamine",
    "esketamine",
    "psilocybin-assisted therapy",
    "cognitive behavioral therapy",
    "mindfulness-based stress reduction",
    "transcranial magnetic stimulation",
    "SSRIs",
    "lithium",
    "melatonin",
    "omega-3 supplementation",
    "aerobic exercise",
    "light therapy",
]
MECHANISMS = [
    "NMDA receptor antagonism",
    "increased synaptic plasticity",
    "BDNF release",
    "modulation of the default mode network",
    "glutamate surge in the prefrontal cortex",
    "downregulation of inflammatory cytokines",
    "normalization of the HPA axis",
    "serotonin 5-HT2A agonism",
]
AUTHORS = [
    "Krystal",
    "Zarate",
    "Murrough",
    "Duman",
    "Berman",
    "Domino",
    "Carhart-Harris",
    "Nutt",
    "Sanacora",
    "Fava",
    "Rush",
    "Kessler",
    "Walker",
    "Mitchell",
    "Ionescu",
    "Abdallah",
    "Singh",
    "Wilkinson",
]
JOURNALS = [
    "Neuron",
    "JAMA Psychiatry",
    "American Journal of Psychiatry",
    "The Lancet Psychiatry",
    "Biological Psychiatry",
    "Nature Medicine",
    "Journal of Affective Disorders",
    "Molecular Psychiatry",
    "Sleep Medicine Reviews",
    "BMJ",
]
OUTCOMES = [
    "symptom scores",
    "remission rates",
    "sleep quality",
    "suicidal ideation",
    "quality of life",
    "relapse rates",
    "daily functioning",
    "craving intensity",
    "pain scores",
]
POPULATIONS = [
    "adults over 65",
    "adolescents",
    "veterans",
    "new mothers",
    "shift workers",
    "patients with comorbid pain",
    "people who had not responded to two prior medications",
    "college students",
    "healthcare workers",
]
HEADINGS = [
    "What Is {T}?",
    "How Does {T} Work?",
    "{T} and {C}",
    "What the Research Says",
    "Who Is a Good Candidate?",
    "Potential Side Effects",
    "Dosing and Administration",
    "What to Expect During a Session",
    "Long-Term Outcomes",
    "Comparing {T} With Other Options",
    "Safety Considerations",
    "Frequently Asked Questions",
    "Cost and Insurance Coverage",
    "Integration and Aftercare",
    "Myths and Misconceptions",
    "Tips for Caregivers",
    "When to Seek Help",
]
TITLE_PATTERNS = [
    "Exploring {T}: A New Option for {C}",
    "{T} for {C}: What the Evidence Shows",
    "A Practical Guide to {T}",
    "Can {T} Help With {C}?",
    "Understanding {C}: Causes, Symptoms, and Treatment",
    "{T} Versus Standard Care for {C}",
    "Living With {C}: Strategies That Work",
]
SENTENCES = [
    "{T} has been studied as a treatment for {c}, with encouraging results in {p} ({A}).",
    "Researchers believe its effects are driven by {m}, which differs from how conventional antidepressants act ({A}).",
    "In a randomized controlled trial, {n} participants receiving {t} showed meaningful improvements in {o} "
    "after {w} weeks ({A}).",
    "A typical protocol starts at **{dose}**, adjusted by the prescribing clinician according to response and tolerability.",
    "Many patients report that the first session feels unusual, but most describe the experience as *manageable* "
    "and even calming.",
    "It is important to remember that {t} is not a cure, and it works best as part of a broader treatment plan.",
    "Side effects such as nausea, dizziness, and elevated blood pressure usually resolve within {h} hours.",
    "Compared with placebo, the response rate was {pct}% versus {pct2}% at the end of the study period ({A}).",
    "For {p}, clinicians often recommend combining {t} with psychotherapy to consolidate gains.",
    "Patients should avoid driving or operating machinery for at least {h} hours after each dose.",
    "Follow-up data suggest that benefits on {o} may persist for up to {w} weeks in some individuals ({A}).",
    "Our clinical team reviews each intake form to make sure {t} is appropriate before any prescription is written.",
    "Evidence from a meta-analysis of {k} studies supports a moderate effect size for {c} ({A}).",
    "The usual maintenance dose ranges from {dose} to {dose2}, depending on body weight and prior response.",
    "You can read more in our [guide to {c}](/blog/{cat}/guide) or speak to a licensed clinician.",
    "Family members frequently notice changes in mood and energy before the patient does.",
    "Blood pressure is checked before and {h} hours after administration as a routine precaution.",
    "Unlike older treatments, the onset of action is measured in hours rather than weeks ({A}).",
    "Sleep hygiene, regular exercise, and social connection remain the foundation of recovery.",
    "Always disclose current medications, including supplements such as St. John's wort, to your provider.",
]
BULLETS = [
    "Dissociation or feeling detached from reality",
    "Temporary increase in heart rate and blood pressure",
    "Nausea, particularly on an empty stomach",
    "Drowsiness or fatigue",
    "Blurred vision lasting less than an hour",
    "A history of psychosis or mania",
    "Uncontrolled hypertension",
    "Pregnancy or breastfeeding",
    "Current substance use disorder",
    "Keep a daily mood journal",
    "Arrange a ride home after each session",
    "Eat a light meal at least {h} hours beforehand",
    "Bring a list of questions for your clinician",
    "Set an intention before the session begins",
]
DOSE_UNITS = ["mg/kg", "mg", "mcg", "mL", "mg/day"]
PHRASES = [
    "Healing is rarely linear, and small steps still count.",
    "The right treatment is the one that fits your life and your goals.",
    "Evidence should guide us, but compassion should lead us.",
    "Recovery begins the moment you decide to ask for help.",
]
DISCLAIMER = (
    "***Disclaimer:** This blog is intended for informational purposes only "
    "and should not replace professional medical advice. Always consult with "
    "a healthcare provider before starting any new treatment.*"
)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Article:
    """Builds one article from a dedicated RNG."""

    def __init__(self, rng: random.Random, index: int):
        self.r = rng
        self.index = index
        self.treatment = rng.choice(TREATMENTS)
        self.condition = rng.choice(CONDITIONS)
        self.category = rng.choice(CATEGORIES)
        self.pool = []
        for _ in range(rng.randint(4, 9)):
            first, second = rng.sample(AUTHORS, 2)
            self.pool.append((first, second if rng.random() < 0.3 else "", rng.randint(1998, 2024)))
        self.cited: set[tuple[str, str, int]] = set()

    # -- small pieces -------------------------------------------------------
    def cite(self) -> str:
        """An in-text citation drawn from this article's small reference pool."""
        author, second, year = self.r.choice(self.pool)
        self.cited.add((author, second, year))
        if second:
            return f"{author} & {second}, {year}"
        return f"{author} et al., {year}" if year % 2 else f"{author}, {year}"

    def dose(self, unit: str = "") -> str:
        r = self.r
        unit = unit or r.choice(DOSE_UNITS)
        value = r.choice([0.25, 0.5, 0.75, 1, 2, 5, 10, 25, 50]) if unit != "mL" else r.randint(1, 20)
        return f"{value:g} {unit}"

    def fill(self, template: str) -> str:
        r = self.r
        pct = r.randint(35, 75)
        unit = r.choice(DOSE_UNITS)
        low, high = sorted((self.dose(unit), self.dose(unit)), key=lambda d: float(d.split()[0]))
        values = {
            "T": self.treatment[:1].upper() + self.treatment[1:],
            "t": self.treatment,
            "C": self.condition.title(),
            "c": self.condition,
            "p": r.choice(POPULATIONS),
            "m": r.choice(MECHANISMS),
            "o": r.choice(OUTCOMES),
            "n": r.randint(24, 480),
            "w": r.randint(2, 26),
            "h": r.randint(2, 24),
            "k": r.randint(5, 40),
            "pct": pct,
            "pct2": r.randint(10, pct - 5),
            "dose": low,
            "dose2": high,
            "cat": self.category,
        }
        out = template
        while "{A}" in out:
            out = out.replace("{A}", self.cite(), 1)
        return out.format(**values)

    def paragraph(self) -> str:
        return " ".join(self.fill(t) for t in self.r.sample(SENTENCES, self.r.randint(2, 5)))

    # -- blocks -------------------------------------------------------------
    def bullet_list(self) -> str:
        return "\n".join(f"- {self.fill(b)}" for b in self.r.sample(BULLETS, self.r.randint(3, 6)))

    def numbered_list(self) -> str:
        items = self.r.sample(
            ["Rapid Onset", "Neuroplasticity", "Flexibility", "Professional Guidance", "Measurable Progress", "Convenience"],
            self.r.randint(3, 5),
        )
        return "\n\n".join(f"{i}. **{name}:** {self.fill(self.r.choice(SENTENCES))}" for i, name in enumerate(items, 1))

    def table(self) -> str:
        rows = ["| Treatment | Typical dose | Onset | Evidence |", "| --- | --- | ---: | --- |"]
        for t in self.r.sample(TREATMENTS, self.r.randint(3, 6)):
            rows.append(
                f"| {t[:1].upper() + t[1:]} | {self.dose()} | {self.r.randint(2, 8)} weeks "
                f"| {self.r.choice(['Strong', 'Moderate', 'Emerging', 'Limited'])} |"
            )
        return "\n".join(rows)

    def code_block(self) -> str:
        r = self.r
        if r.random() < 0.5:
            return (
                "```python\n"
                f"def infusion_dose(weight_kg: float, mg_per_kg: float = {r.choice([0.5, 0.75, 1.0])}) -> float:\n"
                '    """Return the total dose in mg for a weight-based protocol."""\n'
                "    return round(weight_kg * mg_per_kg, 1)\n\n"
                f"print(infusion_dose({r.randint(50, 110)}))\n```"
            )
        return (
            "```json\n{\n"
            f'  "patient_id": "P-{r.randint(1000, 9999)}",\n'
            f'  "phq9_baseline": {r.randint(15, 27)},\n'
            f'  "phq9_week4": {r.randint(3, 14)},\n'
            f'  "sessions_completed": {r.randint(2, 8)}\n}}\n```'
        )

    def blockquote(self) -> str:
        return f"> {self.r.choice(PHRASES)}\n>\n> — Dr. {self.r.choice(AUTHORS)}, clinical director"

    def image(self) -> str:
        return (
            f"![{self.treatment} session room](/images/{self.category}/"
            f'{slugify(self.treatment)}-{self.index}.jpg "{self.condition.title()}")'
        )

    def references(self) -> str:
        lines = []
        for author, second, year in sorted(self.cited):
            r = self.r
            names = f"{author}, {chr(65 + r.randint(0, 25))}."
            if second:
                names += f", & {second}, {chr(65 + r.randint(0, 25))}."
            topic = self.fill(r.choice(["{T} in {c}: a randomized trial", "Mechanisms of {m}", "Long-term {o} after {t}"]))
            lines.append(
                f"{names} ({year}). {topic[:1].upper() + topic[1:]}. "
                f"*{r.choice(JOURNALS)}*, {r.randint(10, 200)}({r.randint(1, 12)}), "
                f"{r.randint(100, 900)}-{r.randint(901, 1200)}. "
                f"<https://doi.org/10.{r.randint(1000, 9999)}/{slugify(author)}.{year}.{r.randint(100, 99999)}>"
            )
        return "\n\n".join(lines)

    # -- whole document -----------------------------------------------------
    def render(self, day: date, slug: str, title: str) -> str:
        r = self.r
        target_words = r.randint(600, 1500)  # whole file, as `wc -w` counts it
        n_sections = min(12, max(4, target_words // 110 + r.randint(-2, 2)))
        # ~380 words go to front matter, lists, table, code and references.
        per_section = max(30, (target_words - 380) // n_sections)
        headings = r.sample(HEADINGS, n_sections)
        # Structural blocks are spread over the sections.
        extras = ["bullets", "numbered", "table", "code", "image"]
        if r.random() < 0.4:
            extras.append("quote")
        placement = {e: r.randrange(n_sections) for e in extras}

        body = [self.paragraph()]
        for i, heading in enumerate(headings):
            body.append("## " + self.fill(heading))
            words = 0
            while words == 0 or words + 35 < per_section:
                para = self.paragraph()
                body.append(para)
                words += len(para.split())
            for kind, where in placement.items():
                if where != i:
                    continue
                if kind == "bullets":
                    body += ["Common effects and considerations include:", self.bullet_list()]
                elif kind == "numbered":
                    body.append(self.numbered_list())
                elif kind == "table":
                    body += ["The table below summarizes typical regimens.", self.table()]
                elif kind == "code":
                    body += ["Clinicians sometimes use a simple calculation like this one:", self.code_block()]
                elif kind == "image":
                    body.append(self.image())
                elif kind == "quote":
                    body.append(self.blockquote())
        if not self.cited:
            self.cite()
        body += [
            "## References",
            self.references(),
            "---",
            # No <!-- l10n:required --> marker: with the empty catalogs of a benchmark, l10n's
            # publishing policy would hold every post back and its build would write nothing.
            "<!-- l10n:note The medical disclaimer is legally required: translate it "
            "completely and keep its meaning exact. -->\n" + DISCLAIMER,
        ]

        description = (
            f"How {self.treatment} may help with {self.condition}: research, "
            f"dosing such as {self.dose()}, side effects, and what to expect."
        )
        tags = sorted({slugify(self.treatment), slugify(self.condition), self.category})
        front = [
            "---",
            f'title: "{title}"',
            f'description: "{description}"',
            f"slug: {slug}",
            f"date: {day.isoformat()}",
            f"tags: [{', '.join(tags)}]",
            "---",
        ]
        return "\n".join(front) + "\n\n" + "\n\n".join(body) + "\n"


def article_path(rng: random.Random, art: Article, day: date, slug: str) -> Path:
    shape = rng.random()
    if shape < 0.6:  # source/2024/mental-health/slug.md
        return Path(str(day.year), art.category, slug + ".md")
    if shape < 0.85:  # source/2024/mental-health/guides/slug.md
        return Path(str(day.year), art.category, rng.choice(SUBFOLDERS), slug + ".md")
    return Path(art.category, slug + ".md")  # source/mental-health/slug.md


def generate(out: Path, articles: int, seed: int = 20240611, locales: tuple[str, ...] | list[str] = LOCALES) -> dict:
    """Create the corpus under ``out``; returns simple statistics."""
    source = out / "source"
    if source.exists():
        shutil.rmtree(source)
    source.mkdir(parents=True)
    (out / "l10n.toml").write_text(config_text(locales), encoding="utf-8")
    master = random.Random(seed)
    total_words, slugs = 0, set()
    for i in range(articles):
        rng = random.Random(master.getrandbits(64))
        art = Article(rng, i)
        title = art.fill(rng.choice(TITLE_PATTERNS))
        slug = slugify(title)[:60].strip("-")
        if slug in slugs:
            slug = f"{slug}-{i}"
        slugs.add(slug)
        day = date(rng.choice(YEARS), 1, 1) + timedelta(days=rng.randrange(365))
        text = art.render(day, slug, title)
        path = source / article_path(rng, art, day, slug)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        total_words += len(text.split())
    return {"articles": articles, "words": total_words, "avg_words": total_words // max(articles, 1)}


_KEEP_RE = re.compile(
    r"(`+)[\s\S]*?(?<!`)\1(?!`)"  # code spans
    r"""|<(?:[^<>"']|"[^"]*"|'[^']*')*>"""  # autolinks and inline HTML
    r"|\]\([^()\s]*\)|\]\[[^\]]*\]"  # link destinations and reference labels
    r"|&#?\w+;|\\[\s\S]"  # entities, backslash escapes
    r"|\([^()]*\d[^()]*\)"  # citations and anything in parentheses with a number
    r"|\S*[\d/_:.@]\S*"  # numbers, doses, paths, identifiers, URLs
)
_ACCENTS = str.maketrans("aeiou", "áéíóú")


def pseudo_translate(text: str) -> str:
    """*text* with its lowercase vowels accented, except in what a translation must keep as it is.

    Letters stay letters, so emphasis and the block structure are unchanged; what the
    checks compare exactly (code, links, citations, numbers, identifiers) is left alone,
    and with l10n importable, every protected span it finds too.
    """
    keep = [(m.start(), m.end()) for m in _KEEP_RE.finditer(text)]
    try:
        from l10n.text.spans import find_spans
    except ImportError:
        pass
    else:
        keep += [(span.start, span.end) for span in find_spans(text)]
    out, pos = [], 0
    for start, end in sorted(keep):
        if end <= pos:
            continue
        start = max(start, pos)
        out.append(text[pos:start].translate(_ACCENTS))
        out.append(text[start:end])
        pos = end
    out.append(text[pos:].translate(_ACCENTS))
    return "".join(out)


def fill_catalogs(paths: Iterable[Path], canonical: bool = True) -> int:
    """Give every empty, live, singular entry of the PO files *paths* a pseudo-translation; return how many.

    With l10n importable, files are read and written with its PO reader and msgcat-exact
    writer (fast, and in the form a later ``l10n extract`` leaves alone); otherwise with
    polib, and rewritten by GNU ``msgcat`` when *canonical*.
    """
    try:
        from l10n.catalog.po import decode, dumps, parse_po
    except ImportError:
        decode = dumps = parse_po = None
    filled = 0
    for path in paths:
        data = path.read_bytes()
        if parse_po is not None:
            po = parse_po(decode(data, str(path)), str(path))
        else:
            import polib

            po = polib.pofile(data.decode("utf-8"), wrapwidth=0)
        edits = 0
        for entry in po:
            if entry.obsolete or not entry.msgid or entry.msgid_plural or entry.msgstr:
                continue
            entry.msgstr = pseudo_translate(entry.msgid)
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            edits += 1
        if not edits:
            continue
        filled += edits
        if dumps is not None:
            path.write_text(dumps(po), encoding="utf-8")
        else:
            po.save(str(path))
            if canonical:
                subprocess.run(["msgcat", "-o", str(path), str(path)], check=True, capture_output=True)
    return filled


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000, help="number of articles (default 1000)")
    ap.add_argument(
        "--out", type=Path, default=Path("corpus"), help="corpus root; source/ and l10n.toml are written here (default ./corpus)"
    )
    ap.add_argument("--seed", type=int, default=20240611, help="RNG seed (default 20240611)")
    ap.add_argument(
        "--locales", default=",".join(LOCALES), help="comma-separated target locales for l10n.toml (default es,fr,de)"
    )
    ap.add_argument(
        "--translated",
        action="store_true",
        help="accepted for compatibility: nothing else is written, catalogs are created by `l10n extract`",
    )
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    locales = [code.strip() for code in args.locales.split(",") if code.strip()]
    stats = generate(args.out, args.articles, args.seed, locales)
    if not args.quiet:
        print(
            f"wrote {stats['articles']} articles ({stats['words']} words, "
            f"~{stats['avg_words']} per article) to {args.out / 'source'}",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
