"""Rendered pages → the book's content model (model.py): blocks, inline runs, notes, book-wide links.

This module makes the book-wide pass (every page's anchors, the glossary's summaries, chapters
first); page_reader.py reads each page, anchors.py names pages and ids, runs.py tidies inline runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import MappingProxyType

from .anchors import canonical, clean_id, page_key
from .html_tree import classes, parse_fragment, text_of
from .model import PARTS, Book, BookMeta, BookPage, Section, book_labels
from .page_reader import PageReader
from .runs import SPACES

__all__ = ["build_book", "canonical", "clean_id", "page_key", "read_pages"]  # the naming helpers stay importable from here


def build_book(pages: Sequence[BookPage], meta: BookMeta, site_dir: Path) -> Book:
    """The book from the site's pages in reading order. Raises ValueError for input it cannot use."""
    for page in pages:
        if page.part not in PARTS:
            raise ValueError(f"{page.src}: book part {page.part!r} is not one of {', '.join(PARTS)}")
    missing = [key for key in book_labels(meta.language) if key not in meta.labels]
    if missing:
        raise ValueError(f"book labels: the language table lacks {', '.join(missing)}")
    sections, anchors = read_pages(pages, meta, Path(site_dir))
    return Book(meta, tuple(sections), Path(site_dir), MappingProxyType(anchors))


def read_pages(pages: Sequence[BookPage], meta: BookMeta, site_dir: Path) -> tuple[list[Section], dict[str, str]]:
    keys = {canonical(page.url): page_key(page.src) for page in pages}
    trees = [parse_fragment(page.html) for page in pages]
    anchors: dict[str, str] = {}
    paragraphs: set[str] = set()
    for page, tree in zip(pages, trees, strict=True):
        key = page_key(page.src)
        if key in anchors:
            raise ValueError(f"{page.src}: the page is in the book twice; list each page once")
        anchors[key] = key
        for element in tree.iter():
            element_id = element.get("id")
            if element_id:
                anchors[f"{key}--{clean_id(element_id)}"] = key
                if element.tag == "p" and "para" in classes(element):
                    paragraphs.add(f"{key}--{clean_id(element_id)}")
    summaries = {}  # an entry's summary -> its key: a term shown with its summary only (abbr) names that entry
    for page, tree in zip(pages, trees, strict=True):
        for p in tree.iter("p"):
            if page.part == "entry" and "entry-summary" in classes(p):
                summaries[SPACES.sub(" ", text_of(p)).strip()] = page_key(page.src)
    occurrences: set[str] = set()
    read = {}
    # Chapters first: the places of the entries then point at where each term occurs.
    for index in sorted(range(len(pages)), key=lambda i: pages[i].part != "chapter"):
        page = pages[index]
        reader = PageReader(page, keys, anchors, paragraphs, site_url=meta.site_url, site_dir=site_dir)
        reader.summaries, reader.occurrences = summaries, occurrences
        level = 2 if page.part == "entry" or (page.part == "chapter" and page.section) else 1
        blocks = reader.read(trees[index])
        read[index] = Section(page_key(page.src), page.src, reader.own_title or page.title, page.part, level, blocks,
                              page.section if page.part == "chapter" else None)
    return [read[i] for i in range(len(pages))], anchors
