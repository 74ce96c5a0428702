"""Score the import's outlines of the Gutenberg corpus (tests/fixtures/gutenberg) with the corpus's own scorer.

`score(kind)` imports every book's plain text (kind "text") or HTML edition (kind "html") and returns
the scorer's totals: per level matched/expected/predicted, and how many chapter lists are exact.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "fixtures" / "gutenberg"
LEVELS = ("part", "chapter", "section")


def _scorer():  # the corpus's score.py, as shipped with it
    spec = importlib.util.spec_from_file_location("gutenberg_score", CORPUS / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


scorer = _scorer()


@dataclass
class Scores:
    books: dict[str, dict]  # book -> the scorer's result
    relaxed: bool

    def total(self, level: str, what: str) -> int:
        return sum(result[level][what] for result in self.books.values())

    def precision(self, level: str) -> float:
        predicted = self.total(level, "predicted")
        return 1.0 if predicted == 0 else self.total(level, "matched") / predicted

    def recall(self, level: str) -> float:
        expected = self.total(level, "expected")
        return 1.0 if expected == 0 else self.total(level, "matched") / expected

    @property
    def exact(self) -> list[str]:
        return sorted(book for book, result in self.books.items() if result["chapters_exact"])

    def table(self) -> str:
        lines = [f"{'book':32} " + " ".join(f"{lv[:4]} P/R      " for lv in LEVELS) + " exact"]
        for book, r in sorted(self.books.items()):
            cells = " ".join(f"{r[lv]['matched']:3}/{r[lv]['predicted']:3}/{r[lv]['expected']:3}" for lv in LEVELS)
            lines.append(f"{book:32} {cells}   {'yes' if r['chapters_exact'] else 'NO'}")
        lines.append("totals: " + ", ".join(f"{lv} P {self.precision(lv):.0%} R {self.recall(lv):.0%}" for lv in LEVELS)
                     + f"; chapters exact {len(self.exact)}/{len(self.books)}")
        return "\n".join(lines)


def books() -> list[str]:
    return sorted(p.parent.name for p in CORPUS.glob("*/expected.json"))


def score(outline: Callable[[Path], list[dict[str, str]]], kind: str = "text", relaxed: bool = False) -> Scores:
    """`outline(path)`: the import's outline of one book file (text.txt or edition.htm)."""
    name = {"text": "text.txt", "html": "edition.htm"}[kind]
    results = {}
    for book in books():
        expected = scorer.load_outline(str(CORPUS / book / "expected.json"))
        results[book] = scorer.score_book(expected, outline(CORPUS / book / name), relaxed)
    return Scores(results, relaxed)
