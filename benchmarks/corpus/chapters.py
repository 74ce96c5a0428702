"""The synthetic chapters, in the guide's format, with glossary terms placed at a given density."""

from __future__ import annotations

import random
import statistics
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from .glossary import Entry
from .prose import Names, Prose


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
        text = " ".join
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
            # Every note names a source, as the generator asks of a guide (else --strict fails).
            source = f"Source: [Notes on chapter {self.number}, part {k}](https://example.org/notes/c{self.number}-{k})."
            out += [f"[^c{self.number}-{k}]: **{kinds[k % 5]}** {text(note)} {source}", ""]
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
    placed = list(zip(first, shown, strict=True)) + list(zip(rest, rng.choices(ranks, weights=weights, k=len(rest)), strict=True))
    for position, entry in sorted(placed, key=lambda pe: pe[0], reverse=True):  # right to left: indexes stay valid
        paragraph, i = slots[position]
        if position in taken:  # the occurrence that must be linked: no made-up name beside it to make a longer one
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
