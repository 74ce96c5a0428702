"""The synthetic guide: chapters in the guide's format and a glossary of a chosen size.

    corpus = generate(Sizes(chapters=300, words=2000, entries=1000, aliases=3000), extra_entries=10_000)
    configs = write_site(folder, corpus.chapters, corpus.entries)   # variant -> mkdocs.yml

The prose is a word-bigram chain over source/what-went-wrong-in-russia.txt with made-up names;
terms occur at `density` per 1,000 words, Zipf-distributed, every entry at least once in an
article paragraph except about 3 % marked `background: true` (so the strict build has no
warnings). Everything depends only on the seed: entry i of a 10,000-entry glossary is entry i of
the default 1,000-entry one.
"""

from __future__ import annotations

from dataclasses import dataclass

from .chapters import Chapter, make_chapters
from .glossary import Entry, entry_file, make_entries, place_terms_in_bodies
from .site import write_site

REAL_DENSITY = 60  # glossary terms per 1,000 words: the real guide's chapters have 58 (71 in the article)

__all__ = [
    "REAL_DENSITY",
    "Chapter",
    "Corpus",
    "Entry",
    "Sizes",
    "entry_file",
    "generate",
    "make_chapters",
    "write_site",
]


@dataclass(frozen=True)
class Sizes:
    chapters: int = 300
    words: int = 2000  # per chapter
    entries: int = 1000
    aliases: int = 3000  # over all entries
    density: float = REAL_DENSITY
    seed: int = 6


@dataclass
class Corpus:
    sizes: Sizes
    chapters: list[Chapter]
    entries: list[Entry]  # the guide's glossary
    all_entries: list[Entry]  # at least `entries`; the first of them are the guide's (for the linker alone)

    @property
    def words(self) -> int:
        return sum(len(" ".join(p).split()) for c in self.chapters for p in c.paragraphs())

    def facts(self) -> dict:
        return {"chapters": len(self.chapters), "words": self.words, "entries": len(self.entries),
                "aliases": sum(len(e.aliases) for e in self.entries),
                "background": sum(e.background for e in self.entries), "density": self.sizes.density}


def generate(sizes: Sizes, extra_entries: int = 0) -> Corpus:
    """The chapters and glossary; `extra_entries`: make at least that many entries in all."""
    ratio = sizes.aliases / sizes.entries
    every = make_entries(max(sizes.entries, extra_entries), ratio, sizes.seed)
    entries = every[: sizes.entries]
    chapters = make_chapters(sizes.chapters, sizes.words, entries, sizes.density, sizes.seed)
    place_terms_in_bodies(entries, sizes.density, sizes.seed)
    return Corpus(sizes, chapters, entries, every)
