"""Benchmarks of the glossary hooks (issue 6): build time, memory, linker throughput, serve.

Run from the repository root (not part of the test suite):

    .venv/bin/python benchmarks/run.py            # default sizes, several minutes
    .venv/bin/python benchmarks/run.py --quick    # small sizes, about a minute; numbers not valid for the targets
    .venv/bin/python benchmarks/run.py --help     # sizes, runs, which parts to skip, --profile

Everything is written to a temporary folder (removed afterwards unless --keep); nothing in the
repository is touched. Each MkDocs build runs in its own subprocess, which times
`load_config` + `build` and reports its own peak memory (VmHWM).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from same_pages import guide_extra, materialise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"
SOURCE_TEXT = ROOT / "source" / "what-went-wrong-in-russia.txt"  # read-only: a stable seed for the prose
REAL_DENSITY = 60  # glossary terms per 1,000 words: the real guide's chapters have 58 (71 in the article)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

# The targets of issue 6, point 2 and 3.
TARGET_REAL = 1.15
TARGET_SYNTHETIC = 1.25
TARGET_LINKER = 0.70
TARGET_MEMORY = 1.30


# --- prose --------------------------------------------------------------------------------


class Prose:
    """Sentences from a word-bigram chain over the source article, sprinkled with names."""

    def __init__(self, rng: random.Random, names: "Names"):
        self.rng, self.names = rng, names
        words = [self._clean(w) for w in SOURCE_TEXT.read_text(encoding="utf-8").split()]
        words = [w for w in words if w]
        self.follow: dict[str, list[str]] = {}
        for a, b in zip(words, words[1:]):
            self.follow.setdefault(a, []).append(b)
        self.starts = [b for a, b in zip(words, words[1:]) if a[-1] in ".?!" and b[0].isupper()]

    @staticmethod
    def _clean(word: str) -> str:
        word = re.sub(r"[*_#<>`|\\\[\]{}]", "", word)
        return "" if re.fullmatch(r"\d+[.)]|[-+=]", word) else word

    def sentence(self, limit: int = 40) -> list[str]:
        word = self.rng.choice(self.starts)
        out = [word]
        while not (word[-1] in ".?!" and len(out) >= 6):
            if len(out) >= limit:
                out[-1] = out[-1].rstrip(",;:") + "."
                break
            word = self.rng.choice(self.follow.get(word) or self.starts)
            out.append(self.names.other() if self.rng.random() < 0.02 else word)
        return out

    def words(self, count: int) -> list[str]:
        out: list[str] = []
        while len(out) < count:
            out += self.sentence()
        return out


class Names:
    """Made-up words: glossary spellings and other proper names that are not terms."""

    ONSETS = ["b", "br", "d", "dr", "g", "gr", "k", "kr", "l", "m", "n", "p", "pr", "r", "s", "st", "t", "tr", "v", "z", "zh", "sh", "ch", "h", "f"]
    VOWELS = ["a", "e", "i", "o", "u", "ia", "ei", "ou", "y"]
    CODAS = ["", "", "n", "r", "v", "sk", "k", "l", "m", "t"]

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.taken: set[str] = set()  # every spelling claimed, folded
        self.others: list[str] = []

    def word(self, syllables: tuple[int, int] = (2, 3)) -> str:
        n = self.rng.randint(*syllables)
        return "".join(self.rng.choice(self.ONSETS) + self.rng.choice(self.VOWELS) + self.rng.choice(self.CODAS) for _ in range(n))

    def claim(self, form: str) -> bool:
        key = " ".join(form.replace("\u2019", "'").casefold().split())
        if key in self.taken:
            return False
        self.taken.add(key)
        return True

    def other(self) -> str:
        """A capitalised name that is no glossary spelling (a realistic near miss for the matcher)."""
        if len(self.others) < 500 or self.rng.random() < 0.1:
            word = self.word((1, 3)).capitalize() + self.rng.choice(["ek", "ard", "ona", "ich", ""])
            if " ".join(word.casefold().split()) not in self.taken:
                self.others.append(word)
                return word
        return self.rng.choice(self.others) if self.others else "Someone"


# --- glossary -------------------------------------------------------------------------------

ORG_WORDS = ["Workers’", "Peasant", "Socialist", "Revolutionary", "Democratic", "Labour", "People’s", "Red", "Free", "United", "Radical", "Popular"]
ORG_KINDS = ["Party", "Union", "League", "Council", "Federation", "Committee", "Front", "Congress", "Alliance", "Bureau"]
EVENT_KINDS = ["Uprising", "Strike", "Congress", "Mutiny", "Treaty", "Conference", "Rising", "Purge", "Famine", "Trial"]
PLACE_ENDS = ["sk", "grad", "ovo", "burg", "ia", "ovka", "ets"]
FIRST_NAMES = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Fyodor", "Grigori", "Irina", "Josef", "Karl", "Lev", "Maria", "Nikolai", "Olga", "Pavel", "Rosa", "Sergei", "Tatiana", "Vera", "Yuri"]


@dataclass
class Entry:
    slug: str
    term: str
    aliases: list[str]
    category: str
    match_case: bool
    summary: str
    background: bool = False
    see_also: list[str] = field(default_factory=list)
    timeline: list[tuple[str, str]] = field(default_factory=list)
    body: str = ""

    @property
    def forms(self) -> list[str]:
        return [self.term, *self.aliases]


def make_entries(count: int, alias_ratio: float, seed: int) -> list[Entry]:
    """`count` entries with `alias_ratio` aliases each on average (exactly, over the whole glossary).

    Entry i depends only on the seed and the entries before it, so the first 1,000 of 10,000
    entries are the default glossary.
    """
    rng = random.Random(seed)
    names = Names(rng)
    prose = Prose(random.Random(seed + 1), names)
    entries: list[Entry] = []
    for i in range(count):
        wanted = int((i + 1) * alias_ratio) - int(i * alias_ratio)
        entries.append(_entry(i, wanted, rng, names, prose, entries))
    return entries


def _entry(i: int, wanted: int, rng: random.Random, names: Names, prose: Prose, before: list[Entry]) -> Entry:
    category = ["person", "person", "organisation", "idea", "place", "event", "person", "organisation", "idea", "event"][i % 10]
    while True:
        root = names.word().capitalize()
        if category == "person":
            first = rng.choice(FIRST_NAMES)
            term = f"{first} {root}ov"
            candidates = [f"{root}ov", f"{first[0]}. {root}ov", f"Comrade {root}ov", f"{first} {rng.choice(FIRST_NAMES)}ovich {root}ov", f"{root}ovite", f"young {root}ov", f"{root}ov-{names.word((1, 2)).capitalize()}"]
        elif category == "organisation":
            word, kind = rng.choice(ORG_WORDS), rng.choice(ORG_KINDS)
            term = f"{root}ian {word} {kind}"
            acronym = "".join(w[0] for w in term.split()).upper()
            candidates = [acronym, f"{word} {kind} of {root}ia", f"{root}ian {kind}", f"{root} {kind}", f"{root}ian {word}s", f"{kind} of {root}ia", f"{root} {word} {kind}"]
        elif category == "idea":
            low = root.lower()
            term = f"{low}ism"
            candidates = [f"{low}ist", f"{low} doctrine", f"{low} theory", f"{low}ian line", f"neo-{low}ism", f"{low}ite deviation", f"{low} method"]
        elif category == "place":
            term = root + rng.choice(PLACE_ENDS)
            candidates = [f"{term} Province", f"{term} region", f"Old {term}", f"{term} district", f"{term} Basin", f"New {term}", f"{term} Valley"]
        else:
            kind = rng.choice(EVENT_KINDS)
            term = f"{root} {kind}"
            candidates = [f"{root} {kind.lower()}", f"{kind} of {root}", f"the {root} affair", f"{rng.randint(1890, 1950)} {root} {kind}", f"{root} events", f"{root} crisis", f"{root} days"]
        if names.claim(term):
            break
    aliases = [a for a in candidates if names.claim(a)][:wanted]
    summary = " ".join(prose.sentence(limit=rng.randint(10, 26))).rstrip(".?!") + "."
    if len(summary.split()) > 28:
        summary = " ".join(summary.split()[:28]).rstrip(",.;:?!") + "."
    entry = Entry(
        slug=f"{term.lower()}".translate(str.maketrans({"’": "", "'": "", ".": ""})).replace(" ", "-") + f"-{i}",
        term=term, aliases=aliases, category=category, match_case=category != "idea", summary=summary,
        background=i % 37 == 36,  # about 3%: reached through see-also or the timeline only
    )
    if before:
        entry.see_also = sorted({rng.choice(before).term for _ in range(rng.randint(0, 3))})
    if rng.random() < 0.4:
        entry.timeline = [(f"{rng.randint(1890, 1950)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", " ".join(prose.sentence(limit=18)))
                          for _ in range(rng.randint(1, 2))]
    entry.body = " ".join(prose.words(rng.randint(80, 200)))
    return entry


def entry_file(entry: Entry) -> str:
    q = json.dumps  # JSON strings are valid YAML
    lines = ["---", f"term: {q(entry.term, ensure_ascii=False)}",
             f"aliases: [{', '.join(q(a, ensure_ascii=False) for a in entry.aliases)}]",
             f"category: {entry.category}", f"summary: {q(entry.summary, ensure_ascii=False)}",
             f"match_case: {'true' if entry.match_case else 'false'}"]
    if entry.see_also:
        lines.append(f"see_also: [{', '.join(q(t, ensure_ascii=False) for t in entry.see_also)}]")
    lines += ["sources:", f"  - title: {q('Source on ' + entry.term, ensure_ascii=False)}", f"    url: https://example.org/{entry.slug}"]
    if entry.timeline:
        lines.append("timeline:")
        for date, event in entry.timeline:
            lines += [f"  - date: \"{date}\"", f"    event: {q(event, ensure_ascii=False)}"]
    if entry.background:
        lines.append("background: true")
    lines += ["---", "", entry.body, ""]
    return "\n".join(lines)


# --- chapters -------------------------------------------------------------------------------


@dataclass
class Chapter:
    number: int
    title: str
    intro: list[list[str]]  # paragraphs of words
    article: list[list[str]]
    summary: list[list[str]]
    questions: list[list[str]]
    notes: list[list[str]]
    refs: dict[int, list[int]]  # article paragraph -> note numbers referenced at its end

    def paragraphs(self) -> list[list[str]]:
        return [*self.intro, *self.article, *self.summary, *self.questions, *self.notes]

    def markdown(self) -> str:
        text = lambda words: " ".join(words)  # noqa: E731
        out = ["---", f"chapter: {self.number}", "---", "", f"# {self.title}", "", '!!! abstract "Before you read"']
        out += [f"    {text(p)}" for p in self.intro]
        out += ["", '<div class="article" markdown>', ""]
        for n, p in enumerate(self.article):
            marks = "".join(f"[^c{self.number}-{k}]" for k in self.refs.get(n, []))
            out += [text(p) + marks, ""]
        out += ["</div>", "", "## Summary", ""]
        for p in self.summary:
            out += [text(p), ""]
        out += ["## Discussion questions", ""]
        out += [f"{k}. {text(q)}" for k, q in enumerate(self.questions, start=1)]
        out.append("")
        kinds = ["Context.", "Fact check.", "Correction.", "Disputed.", "Interpretation."]
        for k, note in enumerate(self.notes, start=1):
            out += [f"[^c{self.number}-{k}]: **{kinds[k % 5]}** {text(note)}", ""]
        return "\n".join(out)

    def tree(self, article_class: str = "article") -> etree.Element:
        """The page as the linker sees it (for timing the linker alone)."""
        root = etree.Element("div")
        for p in self.intro:
            etree.SubElement(root, "p").text = " ".join(p)
        article = etree.SubElement(root, "div", {"class": article_class})
        for n, p in enumerate(self.article):
            etree.SubElement(article, "p", {"id": f"p{self.number}-{n + 1}", "class": "para"}).text = " ".join(p)
        for p in self.summary + self.questions + self.notes:
            etree.SubElement(root, "p").text = " ".join(p)
        return root


def make_chapters(count: int, words: int, entries: list[Entry], density: float, seed: int) -> list[Chapter]:
    """Chapters of about `words` words, with `density` glossary terms per 1,000 words.

    Every entry that is not background occurs at least once; the rest follow a Zipf law.
    """
    rng = random.Random(seed + 2)
    names = Names(rng)
    for entry in entries:
        for form in entry.forms:
            names.claim(form)
    prose = Prose(random.Random(seed + 3), names)
    mean_term_words = statistics.mean(len(f.split()) for e in entries for f in e.forms) if entries else 1
    prose_words = max(200, int(words / (1 + density / 1000 * (mean_term_words - 1))))
    chapters = []
    for number in range(1, count + 1):
        article_words, summary_words = int(prose_words * 0.55), int(prose_words * 0.08)
        intro = [prose.words(int(prose_words * 0.05))]
        article = _paragraphs(prose, article_words, rng)
        summary = _paragraphs(prose, summary_words, rng)
        questions = [prose.sentence() + prose.sentence() for _ in range(4)]
        used = sum(len(p) for p in intro + article + summary + questions)
        notes = _paragraphs(prose, max(60, prose_words - used), rng, size=(40, 90))
        refs: dict[int, list[int]] = {}
        for k in range(1, len(notes) + 1):
            refs.setdefault(rng.randrange(len(article)), []).append(k)
        title = " ".join(prose.sentence(limit=6)[:5]).rstrip(".,;:?!")
        chapters.append(Chapter(number, title, intro, article, summary, questions, notes, refs))
    _place_terms(chapters, entries, density, rng)
    return chapters


def _paragraphs(prose: Prose, words: int, rng: random.Random, size: tuple[int, int] = (60, 140)) -> list[list[str]]:
    out: list[list[str]] = []
    while sum(map(len, out)) < words:
        out.append(prose.words(rng.randint(*size)))
    return out


def _place_terms(chapters: list[Chapter], entries: list[Entry], density: float, rng: random.Random) -> None:
    """Insert term spellings between words: each shown entry once in an article paragraph (the hooks
    count only those as places), then Zipf-distributed occurrences anywhere on the page."""
    slots, in_article = [], []
    for c in chapters:
        article = {id(p) for p in c.article}
        for p in c.paragraphs():
            for i in range(len(p)):
                if id(p) in article:
                    in_article.append(len(slots))
                slots.append((p, i))
    shown = [e for e in entries if not e.background]
    total = max(int(len(slots) * density / 1000), len(shown))
    if len(shown) > len(in_article) or not shown:
        return
    first = rng.sample(in_article, len(shown))
    taken = set(first)
    rest = rng.sample([s for s in range(len(slots)) if s not in taken], total - len(shown))
    ranks = shown[:]
    rng.shuffle(ranks)
    weights = [1 / (r + 1) for r in range(len(ranks))]
    placed = list(zip(first, shown)) + list(zip(rest, rng.choices(ranks, weights=weights, k=len(rest))))
    firsts = set(first)
    for position, entry in sorted(placed, key=lambda pe: pe[0], reverse=True):  # right to left: indexes stay valid
        paragraph, i = slots[position]
        if position in firsts:  # the occurrence that must be linked: no made-up name around it to make a longer one
            paragraph.insert(i, f"the {entry.term},")
            continue
        form = rng.choice(entry.forms) if rng.random() < 0.5 else entry.term
        if entry.category in ("person", "organisation") and rng.random() < 0.08:
            form += "’s"
        elif entry.category == "idea" and rng.random() < 0.08:
            form += "s"
        if not entry.match_case and (i == 0 or paragraph[i - 1][-1:] in ".?!"):
            form = form[0].upper() + form[1:]
        paragraph.insert(i, form)


def place_terms_in_bodies(entries: list[Entry], density: float, seed: int) -> None:
    """Entry bodies mention other entries too, as real ones do."""
    rng = random.Random(seed + 4)
    for entry in entries:
        words = entry.body.split()
        for _ in range(int(len(words) * density / 1000)):
            other = rng.choice(entries)
            if other is not entry:
                words.insert(rng.randrange(len(words)), other.term)
        entry.body = " ".join(words)


# --- the synthetic site ---------------------------------------------------------------------

THEME = """\
theme:
  name: material
  language: en
  font: false
  features:
    - navigation.footer
    - navigation.sections
    - navigation.top
    - content.tooltips
    - content.footnote.tooltips
    - search.highlight
    - toc.follow
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: red
      accent: red
      toggle:
        icon: material/weather-night
        name: Switch to dark mode
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: red
      accent: red
      toggle:
        icon: material/weather-sunny
        name: Switch to light mode

plugins:
  - search

validation:
  omitted_files: info
  links:
    not_found: warn
    anchors: warn
    absolute_links: warn
    unrecognized_links: warn

extra:
  guide:
    glossary: glossary
    glossary_url: glossary
    timeline: timeline.md
    link: first
    article_class: article
"""
EXTENSIONS = ["footnotes", "attr_list", "md_in_html", "admonition", "toc:\n      permalink: true"]


def write_site(folder: Path, chapters: list[Chapter], entries: list[Entry]) -> dict[str, Path]:
    """The synthetic guide and one mkdocs.yml per variant; returns variant -> config file."""
    docs = folder / "docs"
    (docs / "chapters").mkdir(parents=True)
    (folder / "glossary").mkdir()
    (folder / "includes").mkdir()
    (docs / "index.md").write_text("# A synthetic guide\n\nGenerated by benchmarks/run.py.\n", encoding="utf-8")
    for chapter in chapters:
        (docs / "chapters" / f"{chapter.number}.md").write_text(chapter.markdown(), encoding="utf-8")
    for entry in entries:
        (folder / "glossary" / f"{entry.slug}.md").write_text(entry_file(entry), encoding="utf-8")
    abbreviations = [f"*[{form}]: {entry.summary}" for entry in entries for form in entry.forms]
    (folder / "includes" / "abbreviations.md").write_text("\n".join(abbreviations) + "\n", encoding="utf-8")

    chapter_nav = "\n".join(f"      - chapters/{c.number}.md" for c in chapters)
    nav = f"nav:\n  - Home: index.md\n  - Chapters:\n{chapter_nav}\n"
    glossary_nav = "  - Glossary: glossary/index.md\n  - Timeline: timeline.md\n"
    head = "site_name: Synthetic guide\nsite_url: https://example.org/guide/\nuse_directory_urls: false\n\n" + THEME

    def extensions(extra: list[str]) -> str:
        return "markdown_extensions:\n" + "".join(f"  - {e}\n" for e in EXTENSIONS + extra)

    glossary = {form: entry.summary for entry in entries for form in entry.forms}
    variants = {
        "hooks": head + f"hooks:\n  - {json.dumps(str(HOOKS / 'glossary_hooks.py'))}\n" + extensions([]) + nav + glossary_nav,
        "plain": head + extensions([]) + nav,
        "abbr": head + extensions([
            "abbr",
            f"pymdownx.snippets:\n      base_path: [{json.dumps(str(folder / 'includes'))}]\n      auto_append: [abbreviations.md]\n      check_paths: true",
        ]) + nav,
        "abbr-glossary": head + extensions([
            "abbr:\n      glossary: " + json.dumps(glossary, ensure_ascii=False),
        ]) + nav,
    }
    files = {}
    for name, text in variants.items():
        files[name] = folder / f"mkdocs-{name}.yml"
        files[name].write_text(text, encoding="utf-8")
    return files


# --- builds in subprocesses -----------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    maxrss_mb: float


def child_build(spec: dict) -> None:
    """In a fresh interpreter: load the config, build, report time and peak memory as JSON."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.update(spec.get("env", {}))
    start = time.perf_counter()
    config = load_config(config_file=spec["config"], site_dir=spec["site_dir"], **spec.get("overrides", {}))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "maxrss_mb": peak_memory_mb()}))


def peak_memory_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries ru_maxrss over
    exec, so a child of a large parent would report the parent's size."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M).group(1)) / 1024
    except (OSError, AttributeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_build(config: Path, site_dir: Path, overrides: dict | None = None, env: dict | None = None) -> Run:
    spec = {"config": str(config), "site_dir": str(site_dir), "overrides": overrides or {}, "env": env or {}}
    proc = subprocess.run([sys.executable, __file__, "--child", json.dumps(spec)], capture_output=True, text=True, env=ENV, cwd=ROOT)
    if proc.returncode != 0:
        sys.exit(f"build failed (exit {proc.returncode}; {config}, {overrides}):\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    shutil.rmtree(site_dir, ignore_errors=True)
    return Run(data["seconds"], data["maxrss_mb"])


def alternate(variants: dict[str, dict], runs: int, work: Path, label: str) -> dict[str, list[Run]]:
    """Run the variants in turn, `runs` rounds, rotating which goes first."""
    results: dict[str, list[Run]] = {name: [] for name in variants}
    names = list(variants)
    for round_ in range(runs):
        order = names[round_ % len(names):] + names[:round_ % len(names)]
        for name in order:
            v = variants[name]
            run = run_build(v["config"], work / f"site-{name}", v.get("overrides"), v.get("env"))
            results[name].append(run)
            print(f"  {label} round {round_ + 1}/{runs} {name:14} {run.seconds:7.2f} s  {run.maxrss_mb:6.0f} MB", flush=True)
    return results


def median(runs: list[Run], attr: str = "seconds") -> float:
    return statistics.median(getattr(r, attr) for r in runs)


# --- the linker alone -----------------------------------------------------------------------


def time_linker(chapters: list[Chapter], entry_sets: dict[int, list], runs: int) -> dict[int, tuple[float, float, int, int]]:
    """For each T: (seconds to build the TermIndex, best seconds to link every chapter, text bytes, occurrences).

    The sizes are timed in turn within each round, in a rotating order, so that a disturbance of
    the machine falls on all of them rather than on one.
    """
    sys.path.insert(0, str(HOOKS))
    from glossary_linker import LinkContext, TermIndex, link_tree

    indexes, index_seconds, summaries = {}, {}, {}
    for t, entries in entry_sets.items():
        summaries[t] = {e.slug: e.summary for e in entries}
        start = time.perf_counter()
        indexes[t] = TermIndex(entries)
        index_seconds[t] = time.perf_counter() - start
    size = sum(len(" ".join(p).encode("utf-8")) + 1 for c in chapters for p in c.paragraphs())
    best, found = {t: float("inf") for t in entry_sets}, {}
    sizes = list(entry_sets)
    for round_ in range(runs):
        for t in sizes[round_ % len(sizes):] + sizes[:round_ % len(sizes)]:
            trees = [c.tree() for c in chapters]
            start = time.perf_counter()
            count = 0
            for tree in trees:
                context = LinkContext(href=lambda slug: f"../glossary/{slug}.md", summary=summaries[t].__getitem__)
                count += len(link_tree(tree, indexes[t], context))
            best[t] = min(best[t], time.perf_counter() - start)
            found[t] = count
    return {t: (index_seconds[t], best[t], size, found[t]) for t in sizes}


def model_entries(entries: list[Entry]) -> list:
    """Our synthetic entries as the hooks' own Entry objects."""
    sys.path.insert(0, str(HOOKS))
    from glossary_model import Entry as ModelEntry

    return [ModelEntry(slug=e.slug, term=e.term, aliases=tuple(e.aliases), category=e.category, summary=e.summary,
                       body=e.body, path=f"glossary/{e.slug}.md", match_case=e.match_case) for e in entries]


# --- mkdocs serve ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def time_serve(work: Path, edits: int) -> tuple[list[float], list[float], list[int]] | None:
    """Serve a copy of the real guide, edit one glossary file, time until the new page is served.

    Returns (seconds from the write to the new page being served, MkDocs' own "built in" seconds,
    builds per edit) for each edit.
    """
    copy = work / "serve-copy"
    ignore = shutil.ignore_patterns(".git", ".venv", "site", "benchmarks", "tests", ".hypothesis", ".pytest_cache", "__pycache__", "node_modules")
    shutil.copytree(ROOT, copy, ignore=ignore)
    entries = sorted((copy / "glossary").glob("*.md"))
    if not entries:
        return None
    target = entries[0]
    port = free_port()
    log_path = work / "serve.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=copy,
                                stdout=log, stderr=subprocess.STDOUT, env={**ENV, "GUIDE_PDF": "0"})
    try:
        deadline = time.time() + 300
        url = None
        while url is None or fetch(url) is None:
            if proc.poll() is not None or time.time() > deadline:
                print(log_path.read_text()[-3000:])
                return None
            time.sleep(0.1)
            serving = re.search(r"Serving on (http://\S+)", log_path.read_text())
            if serving:
                url = serving.group(1).rstrip("/") + f"/glossary/{target.stem}.html"
        time.sleep(1.0)  # let the watcher settle
        waits, built, passes = [], [], []
        original = target.read_text(encoding="utf-8")
        for n in range(edits):
            marker = f"Benchmarkmarker{n}x{random.randrange(10**9)}"
            before = log_path.read_text()
            start = time.perf_counter()
            target.write_text(original.rstrip("\n") + f" {marker}\n", encoding="utf-8")
            while marker not in (fetch(url) or ""):
                if time.perf_counter() - start > 300:
                    return None
                time.sleep(0.02)
            waits.append(time.perf_counter() - start)
            time.sleep(2.0)  # any further pass it triggers shows up in the log
            new = log_path.read_text()[len(before):]
            seconds = [float(s) for s in re.findall(r"Documentation built in ([\d.]+) seconds", new)]
            built.append(sum(seconds))
            passes.append(len(seconds))
        target.write_text(original, encoding="utf-8")
        return waits, built, passes
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


# --- the report -----------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chapters", type=int, default=300, help="synthetic chapters (default 300)")
    parser.add_argument("--words", type=int, default=2000, help="words per chapter (default 2000)")
    parser.add_argument("--entries", type=int, default=1000, help="glossary entries (default 1000)")
    parser.add_argument("--aliases", type=int, default=3000, help="aliases over all entries (default 3000)")
    parser.add_argument("--density", type=float, default=REAL_DENSITY, help=f"terms per 1,000 words (default {REAL_DENSITY}, as in the real guide)")
    parser.add_argument("--runs", type=int, default=5, help="builds of each variant (default 5; the issue asks for at least 5)")
    parser.add_argument("--abbr-runs", type=int, default=3, help="builds with abbr's glossary option (default 3)")
    parser.add_argument("--abbr-sample", type=int, default=2, help="chapters on which abbr + snippets auto_append is timed (default 2)")
    parser.add_argument("--linker-sizes", default="10,100,1000,10000", help="entries in the linker-only runs")
    parser.add_argument("--linker-runs", type=int, default=5, help="linker rounds, every size timed in each (best is kept)")
    parser.add_argument("--serve-edits", type=int, default=3, help="glossary edits timed under mkdocs serve")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: synthetic,abbr,linker,real,pdf,serve")
    parser.add_argument("--quick", action="store_true", help="small sizes and 2 runs: a smoke test, not a measurement")
    parser.add_argument("--profile", metavar="FILE", help="only profile one hooks build of the synthetic guide (cProfile) into FILE and print the hot spots")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child_build(json.loads(args.child))
    if args.quick:
        args.chapters, args.words, args.entries, args.aliases = 20, 1000, 100, 300
        args.runs, args.abbr_runs, args.linker_runs, args.serve_edits = 2, 1, 1, 1
        args.linker_sizes = "10,100,1000"
    skip = set(filter(None, args.skip.split(",")))
    work = Path(tempfile.mkdtemp(prefix="guide-bench-"))
    try:
        report(args, skip, work)
    finally:
        if args.keep:
            print(f"\nkept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def report(args, skip: set[str], work: Path) -> None:
    targets: list[tuple[str, str, bool | None]] = []  # (target, measured, met)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {sys.executable}")
    import markdown
    import material
    import mkdocs
    print(f"mkdocs {mkdocs.__version__}, mkdocs-material {getattr(material, '__version__', '?')}, Markdown {markdown.__version__}")

    # The synthetic guide.
    start = time.perf_counter()
    ratio = args.aliases / args.entries
    sizes = sorted(int(s) for s in args.linker_sizes.split(",") if s)
    big = make_entries(max([args.entries] + (sizes if "linker" not in skip else [])), ratio, args.seed)
    entries = big[: args.entries]
    chapters = make_chapters(args.chapters, args.words, entries, args.density, args.seed)
    place_terms_in_bodies(entries, args.density, args.seed)
    site = work / "synthetic"
    configs = write_site(site, chapters, entries)
    words = sum(len(" ".join(p).split()) for c in chapters for p in c.paragraphs())
    aliases = sum(len(e.aliases) for e in entries)
    print(f"\nSynthetic guide ({time.perf_counter() - start:.1f} s to generate): {len(chapters)} chapters, {words:,} words "
          f"({words // max(1, len(chapters)):,} per chapter), {len(entries):,} entries, {aliases:,} aliases, "
          f"{sum(e.background for e in entries)} background, {args.density:g} terms per 1,000 words")

    if args.profile:
        return profile(configs["hooks"], work, args.profile)

    if "synthetic" not in skip:
        print(f"\n== Synthetic guide: hooks vs no hooks, same pages ({args.runs} alternating runs each) ==")
        same_pages = materialise(configs["hooks"], work / "synthetic-same-pages")
        res = alternate({"hooks": {"config": configs["hooks"], "overrides": {"strict": True}},
                         "plain": {"config": configs["hooks"], "overrides": same_pages}}, args.runs, work, "synthetic")
        hooks_s, plain_s = median(res["hooks"]), median(res["plain"])
        hooks_m, plain_m = median(res["hooks"], "maxrss_mb"), median(res["plain"], "maxrss_mb")
        print(f"  median build: with hooks {hooks_s:.2f} s, without {plain_s:.2f} s, ratio {hooks_s / plain_s:.3f}")
        print(f"  median peak memory: with hooks {hooks_m:.0f} MB, without {plain_m:.0f} MB, ratio {hooks_m / plain_m:.3f}")
        targets.append((f"synthetic guide: hooks overhead <= {TARGET_SYNTHETIC}x", f"{hooks_s / plain_s:.3f}x", hooks_s / plain_s <= TARGET_SYNTHETIC))
        targets.append((f"synthetic guide: peak memory with hooks <= {TARGET_MEMORY}x", f"{hooks_m / plain_m:.3f}x", hooks_m / plain_m <= TARGET_MEMORY))

        if "abbr" not in skip and args.abbr_runs > 0:
            count = aliases + len(entries)
            print(f"\n== Synthetic guide: the same {count:,} terms as Markdown abbreviations, no hooks ==")
            print(f"  abbr's glossary option (one regular expression of all spellings, every page; same pages as ours), "
                  f"{args.abbr_runs} runs:")
            # The same pages as ours (the glossary pages as plain files): only the hover mechanism differs.
            abbr = alternate({"abbr-glossary": {"config": configs["abbr-glossary"],
                                                "overrides": {"docs_dir": same_pages["docs_dir"]}}},
                             args.abbr_runs, work, "abbr glossary")
            glossary_s = median(abbr["abbr-glossary"])
            faster = f"ours is {glossary_s / hooks_s:.1f}x faster" if glossary_s > hooks_s else f"ours is {hooks_s / glossary_s:.1f}x slower"
            print(f"  median build, abbr glossary option: {glossary_s:.2f} s; ours / this = {hooks_s / glossary_s:.3f} ({faster}); "
                  f"peak memory {median(abbr['abbr-glossary'], 'maxrss_mb'):.0f} MB")
            # Snippets' auto_append makes Python-Markdown parse the definitions on every page, in time
            # quadratic in their number: a full build takes hours, so it is timed on a sample of chapters.
            k = min(args.abbr_sample, len(chapters))
            sample = write_site(work / "abbr-sample", chapters[:k], entries)
            print(f"  abbr + pymdownx.snippets auto_append: too slow for the whole guide; timed on {k} chapters "
                  f"(with and without the abbreviations, 1 run each) and scaled to {len(chapters)}:")
            small = alternate({"abbr": {"config": sample["abbr"]}, "plain": {"config": sample["plain"]}}, 1, work, "abbr sample")
            per_page = (median(small["abbr"]) - median(small["plain"])) / k
            estimate = plain_s + per_page * len(chapters)
            print(f"  snippets auto_append: {per_page:.2f} s more per page -> about {estimate:,.0f} s for the whole guide "
                  f"(estimated); ours is about {estimate / hooks_s:,.0f}x faster")
            best = min(glossary_s, estimate)
            targets.append(("hooks faster than the abbreviations approach",
                            f"ours {hooks_s:.2f} s vs abbr glossary option {glossary_s:.2f} s ({hooks_s / glossary_s:.3f}x), "
                            f"snippets auto_append ~{estimate:,.0f} s (estimated)", hooks_s < best))

    if "linker" not in skip:
        print(f"\n== The linker alone (TermIndex + link_tree; best of {args.linker_runs} rounds, the sizes in turn) ==")
        print("  A: text whose terms all belong to the first 10 entries (same text, same links at every T: the cost of T alone)")
        print("  B: the synthetic guide's own text (terms of its first 1,000 entries: fewer links below T = 1,000)")
        core = make_chapters(args.chapters, args.words, big[:10], args.density, args.seed)
        model = model_entries(big)
        rates = {}
        for variant, text in (("A", core), ("B", chapters)):
            timed = time_linker(text, {t: model[:t] for t in sizes}, args.linker_runs)
            for t in sizes:
                index_s, link_s, size, found = timed[t]
                rate = size / link_s / 1e6
                rates[(variant, t)] = rate
                print(f"  {variant} T={t:>6,}: index built in {index_s:6.2f} s; linked {size / 1e6:5.2f} MB in {link_s:6.2f} s "
                      f"= {rate:5.2f} MB/s; {found:,} occurrences")
        lo, hi = min(sizes), max(sizes)
        for variant in ("A", "B"):
            print(f"  {variant}: throughput at T={hi:,} / at T={lo:,} = {rates[(variant, hi)] / rates[(variant, lo)]:.3f}")
        r = rates[("A", hi)] / rates[("A", lo)]
        targets.append((f"linker throughput at T={hi:,} >= {TARGET_LINKER}x of T={lo:,}", f"{r:.3f}x (A; B: {rates[('B', hi)] / rates[('B', lo)]:.3f}x)", r >= TARGET_LINKER))

    real_hooks = None
    if "real" not in skip:
        runs = max(args.runs, 1)
        print(f"\n== The real guide (mkdocs.yml): hooks vs no hooks ({runs} alternating runs each, GUIDE_PDF=0) ==")
        real = ROOT / "mkdocs.yml"
        same_pages = materialise(real, work / "real-same-pages")
        res = alternate({"hooks": {"config": real, "env": {"GUIDE_PDF": "0"}},
                         "plain": {"config": real, "overrides": same_pages, "env": {"GUIDE_PDF": "0"}}},
                        runs, work, "real")
        real_hooks, plain_s = median(res["hooks"]), median(res["plain"])
        print(f"  median build: with hooks {real_hooks:.2f} s, without {plain_s:.2f} s, ratio {real_hooks / plain_s:.3f}")
        print(f"  median peak memory: with hooks {median(res['hooks'], 'maxrss_mb'):.0f} MB, without {median(res['plain'], 'maxrss_mb'):.0f} MB")
        targets.append((f"real guide: hooks overhead <= {TARGET_REAL}x", f"{real_hooks / plain_s:.3f}x", real_hooks / plain_s <= TARGET_REAL))

        if "pdf" not in skip:
            text = real.read_text(encoding="utf-8")
            if (HOOKS / "pdf_hooks.py").exists() and "pdf_hooks.py" in text:
                pdf_runs = max(1, runs)
                print(f"\n== The real guide: PDF export vs HTML build, and the PDF/UA variant ({pdf_runs} runs each) ==")
                extra = guide_extra(real)
                extra["guide"]["pdf"]["pdf_ua"] = False
                res = alternate({"html": {"config": real, "env": {"GUIDE_PDF": "0"}},
                                 "pdf": {"config": real, "env": {"GUIDE_PDF": "1"}},
                                 "pdf-no-ua": {"config": real, "env": {"GUIDE_PDF": "1"}, "overrides": {"extra": extra}}},
                                pdf_runs, work, "pdf")
                html_s, pdf_s, plain_pdf_s = median(res["html"]), median(res["pdf"]), median(res["pdf-no-ua"])
                print(f"  median build: HTML only {html_s:.2f} s, HTML + PDF {pdf_s:.2f} s, ratio {pdf_s / html_s:.2f}; "
                      f"PDF peak memory {median(res['pdf'], 'maxrss_mb'):.0f} MB")
                print(f"  PDF/UA-1 (tagged) vs untagged: {pdf_s - html_s:.2f} s vs {plain_pdf_s - html_s:.2f} s for the PDF "
                      f"alone, +{(pdf_s - plain_pdf_s) / max(plain_pdf_s - html_s, 1e-9) * 100:.0f} %")
            else:
                print("\n== PDF export: not timed: hooks/pdf_hooks.py is not listed in mkdocs.yml yet ==")

    if "serve" not in skip:
        print(f"\n== mkdocs serve on a copy of the real guide: edit one glossary file, wait for the new page ({args.serve_edits} edits) ==")
        result = time_serve(work, args.serve_edits)
        if result is None:
            print("  could not measure (see the log above)")
            targets.append(("serve: page rebuilt within one normal build", "not measured", None))
        else:
            waits, built, passes = result
            wait = statistics.median(waits)
            print(f"  write -> new page served: {', '.join(f'{w:.2f}' for w in waits)} s (median {wait:.2f} s)")
            print(f"  MkDocs 'built in' per edit: {', '.join(f'{b:.2f}' for b in built)} s; builds per edit: {passes}")
            one_pass = max(passes) <= 1
            rebuild = statistics.median(built)
            print("  (MkDocs' own watcher polls every 0.5 s and waits 0.1 s before building: 0.1-0.6 s of every wait)")
            if real_hooks is None:
                targets.append(("serve: page served within one normal build", f"{wait:.2f} s, {max(passes)} build(s) per edit", None))
            else:
                print(f"  one normal build (above): {real_hooks:.2f} s; the page was served after {wait / real_hooks:.2f} of it")
                targets.append(("serve: page served within one normal build (write to served page)", f"{wait:.2f} s vs {real_hooks:.2f} s", wait <= real_hooks))
                targets.append(("serve: one build per edit, no longer than a normal build", f"{max(passes)} build(s), {rebuild:.2f} s vs {real_hooks:.2f} s",
                                one_pass and rebuild <= real_hooks * 1.1))

    print("\n== Targets (issue 6) ==")
    if args.quick:
        print("  (--quick: small sizes and few runs; not a measurement of the targets)")
    for target, measured, met in targets:
        verdict = "met" if met else ("not measured" if met is None else "NOT MET")
        print(f"  {verdict:>12}  {target}: {measured}")


def profile(config: Path, work: Path, out: str) -> None:
    """One hooks build in this process under cProfile; where the time goes, hooks first."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    config_ = load_config(config_file=str(config), site_dir=str(work / "site-profile"), strict=True)
    config_.plugins.on_startup(command="build", dirty=False)
    build(config_)
    profiler.disable()
    print(f"\nprofiled build: {time.perf_counter() - start:.2f} s (slower than unprofiled); saved to {out}")
    profiler.dump_stats(out)
    stats = pstats.Stats(out)
    stats.sort_stats("cumulative")
    hooks_dir = str(HOOKS)
    print("\nfunctions of hooks/, by cumulative time:")
    rows = [(v[3], v[2], v[1], k) for k, v in stats.stats.items() if k[0].startswith(hooks_dir)]
    for cum, tot, calls, (path, line, name) in sorted(rows, reverse=True)[:25]:
        print(f"  {cum:8.2f} s cum {tot:8.2f} s own {calls:>10,} calls  {Path(path).name}:{line} {name}")
    print("\ntop 25 by own time (all code):")
    rows = [(v[2], v[3], v[1], k) for k, v in stats.stats.items()]
    for tot, cum, calls, (path, line, name) in sorted(rows, reverse=True)[:25]:
        print(f"  {tot:8.2f} s own {cum:8.2f} s cum {calls:>10,} calls  {Path(path).name}:{line} {name}")


if __name__ == "__main__":
    main()
