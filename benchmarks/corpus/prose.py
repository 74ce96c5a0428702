"""The synthetic guide's words: a word-bigram chain over the guide's own source text, and made-up names."""

from __future__ import annotations

import random
import re
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE_TEXT = ROOT / "source" / "what-went-wrong-in-russia.txt"  # read-only: a stable seed for the prose


class Prose:
    """Sentences from a word-bigram chain over the source article, sprinkled with names."""

    def __init__(self, rng: random.Random, names: Names):
        self.rng, self.names = rng, names
        words = [self._clean(w) for w in SOURCE_TEXT.read_text(encoding="utf-8").split()]
        words = [w for w in words if w]
        self.follow: dict[str, list[str]] = {}
        for a, b in pairwise(words):
            self.follow.setdefault(a, []).append(b)
        self.starts = [b for a, b in pairwise(words) if a[-1] in ".?!" and b[0].isupper()]

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

    ONSETS = ("b", "br", "d", "dr", "g", "gr", "k", "kr", "l", "m", "n", "p", "pr", "r", "s", "st", "t", "tr", "v", "z", "zh",
              "sh", "ch", "h", "f")
    VOWELS = ("a", "e", "i", "o", "u", "ia", "ei", "ou", "y")
    CODAS = ("", "", "n", "r", "v", "sk", "k", "l", "m", "t")

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.taken: set[str] = set()  # every spelling claimed, folded
        self.others: list[str] = []

    def word(self, syllables: tuple[int, int] = (2, 3)) -> str:
        n = self.rng.randint(*syllables)
        return "".join(self.rng.choice(self.ONSETS) + self.rng.choice(self.VOWELS) + self.rng.choice(self.CODAS)
                       for _ in range(n))

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
