"""A big book's PDF in volumes: which sections each volume holds, and the volumes' file names.

Typst lays out a whole document in one compilation and keeps it all in memory, so a long book's PDF
needs memory in proportion to it (and more: links, page references). A book over the word budget is
cut into volumes, each compiled in a process of its own (pdf_volumes.py), so the peak is one
volume's. Volumes end at a part of the book where they can, else at a chapter; the front matter
opens the first, the appendices (the glossary and its index of pages) close the last, or, when
they are longer than a volume, the last few (cut between entries).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from .model import Book, Section, Text, nodes

VOLUME_WORDS = 120_000  # the default budget: see README, "Reading offline and printing"


@dataclass(frozen=True)
class Volume:
    number: int  # 1, 2...
    sections: tuple[Section, ...]
    first: str = ""  # what it holds, for its cover and its link: the titles of its first and last section
    last: str = ""  # (a glossary entry's after its glossary's: "Glossary: Lenin")


def words(section: Section) -> int:
    """The words of a section's text (its title and every run of text in it)."""
    return len(section.title.split()) + sum(len(node.text.split()) for node in nodes(section.blocks)
                                            if isinstance(node, Text))


def plan(book: Book, budget: int) -> list[Volume]:
    """The book's volumes: one (the whole book) when it has no more than `budget` words; else as few
    as the budget allows, cut between parts of the book, or between chapters inside a part too long
    for one volume. The front matter goes with the first chapters, the appendices with the last (cut
    between pages and glossary entries where they are longer than the budget)."""
    sizes = [words(s) for s in book.sections]
    if sum(sizes) <= budget:
        return [Volume(1, book.sections)]
    # Units that stay together: each part of the book (or each chapter where there are no parts),
    # then all the appendices and glossary entries as one; the front matter joins the first unit.
    kinds = [s.part for s in book.sections]
    units: list[list[int]] = []
    for i, section in enumerate(book.sections):
        previous = book.sections[units[-1][-1]] if units else None
        if previous is not None and (
                all(kinds[j] == "front" for j in units[-1])
                or (section.part in ("appendix", "entry") and previous.part in ("appendix", "entry"))
                or (section.part == "chapter" and previous.part == "chapter" and section.book_part is not None
                    and section.book_part == previous.book_part)):
            units[-1].append(i)
        else:
            units.append([i])
    pieces: list[list[int]] = []
    for unit in units:  # a part too long for one volume comes in chapter by chapter, a glossary entry by entry
        if sum(sizes[i] for i in unit) > budget:
            first = next((n for n, i in enumerate(unit) if kinds[i] != "front"), 0)
            pieces += [unit[:first + 1]] + [[i] for i in unit[first + 1:]]
        else:
            pieces.append(unit)
    volumes: list[list[int]] = [[]]
    for piece in pieces:
        size = sum(sizes[i] for i in piece)
        if volumes[-1] and sum(sizes[i] for i in volumes[-1]) + size > budget:
            volumes.append([])
        volumes[-1] += piece
    if len(volumes) == 1:
        return [Volume(1, book.sections)]
    names, within = [], ""
    for section in book.sections:
        within = section.title if section.part == "appendix" else within
        names.append(f"{within}: {section.title}" if section.part == "entry" and within else section.title)
    return [Volume(n + 1, tuple(book.sections[i] for i in indexes), names[indexes[0]], names[indexes[-1]])
            for n, indexes in enumerate(volumes)]


def volume_file(file: str, number: int) -> str:
    """The site path of a volume's PDF: pdf/guide.pdf -> pdf/guide-2.pdf."""
    path = PurePosixPath(file)
    return str(path.with_name(f"{path.stem}-{number}{path.suffix}"))
