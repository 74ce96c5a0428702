"""One content model of the book, built once per build from the site's rendered pages.

Pure: no MkDocs import. The PDF and the EPUB writers both read a `Book`; neither parses HTML.
Anchors are book-wide: a page's own key (from its source path), and `key--id` for an element
with an id on that page, so that a link between pages becomes a link inside the book.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from types import MappingProxyType

from ..core.strings import ENGLISH, strings_for

PARTS = ("front", "chapter", "appendix", "entry")

def book_labels(language: str) -> dict[str, str]:
    """The words the books print themselves, in `language` (English where there is no table for it)."""
    return (strings_for(language) or ENGLISH).book_labels()


class BookError(Exception):
    """A writer could not make its book; the message says why and what to do."""


@dataclass(frozen=True)
class BookPage:
    src: str  # docs-relative source path, e.g. "chapters/3-civil-war.md"
    url: str  # site-relative URL: "chapters/3-civil-war.html", or "chapters/3-civil-war/" (directory URLs)
    title: str
    html: str  # the page's rendered content (MkDocs page.content)
    part: str  # "front" | "chapter" | "appendix" | "entry" (an entry inside the glossary appendix)
    section: str | None = None  # chapters only: the book part they belong to ("Book I"), or None


@dataclass(frozen=True)
class BookMeta:
    title: str
    subtitle: str
    version: str
    language: str = "en"
    description: str = ""
    author: str = ""
    site_url: str = ""  # links to site pages that are not in the book point here
    how_to_cite: str = ""  # a sentence on the cover: cite by chapter and paragraph number
    # The words the books print themselves (Strings.book_labels); by default the language's table's.
    labels: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.labels:
            object.__setattr__(self, "labels", MappingProxyType(book_labels(self.language)))


# Inline content ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Styled:
    style: str  # "emph" | "strong" | "code" | "sub" | "sup"
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    kind: str  # "internal" (an anchor in the book) | "term" (a glossary entry) | "external" (a URL)
    target: str  # a book anchor, or a URL
    children: tuple[Inline, ...]
    pageref: bool = False  # print the target's page number after the link (places, timeline)


@dataclass(frozen=True)
class NoteRef:
    note: str  # the note's book anchor
    number: int  # the note's number within its page, for the EPUB
    blocks: tuple[Block, ...]  # the note's text; empty for a second call of the same note
    ref_anchor: str = ""  # the call's own anchor (the EPUB's link back)


@dataclass(frozen=True)
class Break:
    pass


@dataclass(frozen=True)
class Anchor:
    """A point in the text with no content: where a glossary term occurs in a chapter."""

    anchor: str


@dataclass(frozen=True)
class Image:
    path: str  # site-relative path of the file, inside site_dir
    alt: str
    caption: tuple[Inline, ...] = ()
    anchor: str = ""


Inline = Text | Styled | Link | NoteRef | Break | Image | Anchor


# Blocks --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Heading:
    depth: int  # 1 below the page's own title, 2 below that...
    children: tuple[Inline, ...]
    anchor: str = ""


@dataclass(frozen=True)
class Paragraph:
    children: tuple[Inline, ...]
    anchor: str = ""
    number: str = ""  # the paragraph number printed in the margin ("3"), for numbered paragraphs
    role: str = ""  # "summary" | "facts" | "timeline-date" | "timeline-links" | "" (HTML class it came from)


@dataclass(frozen=True)
class ListBlock:
    items: tuple[tuple[Block, ...], ...]
    ordered: bool = False
    role: str = ""  # "places": an entry's list of places


@dataclass(frozen=True)
class Quote:
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Admonition:
    title: tuple[Inline, ...]
    blocks: tuple[Block, ...]
    kind: str = "note"


@dataclass(frozen=True)
class Table:
    head: tuple[tuple[tuple[Inline, ...], ...], ...]  # rows of cells of inline content
    body: tuple[tuple[tuple[Inline, ...], ...], ...]


@dataclass(frozen=True)
class CodeBlock:
    text: str


@dataclass(frozen=True)
class Rule:
    pass


@dataclass(frozen=True)
class Group:
    role: str  # "article" (the text's own words) | "timeline-event" | "div"
    blocks: tuple[Block, ...]
    anchor: str = ""


Block = Heading | Paragraph | ListBlock | Quote | Admonition | Table | CodeBlock | Rule | Group | Image


# The book ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Section:
    """One page of the site as a unit of the book: a chapter, an appendix, a glossary entry."""

    key: str  # the page's book anchor
    src: str
    title: str
    part: str  # as BookPage.part
    level: int  # heading level of the title: 1, or 2 for entries and for chapters inside a book part
    blocks: tuple[Block, ...]
    book_part: str | None = None  # chapters only: the part of the book ("Book I")


@dataclass(frozen=True)
class Book:
    meta: BookMeta
    sections: tuple[Section, ...]
    site_dir: Path
    anchors: Mapping[str, str] = field(default_factory=dict)  # every anchor -> the key of its section

    @property
    def has_book_parts(self) -> bool:
        return any(s.book_part for s in self.sections)

    def images(self) -> list[Image]:
        found: list[Image] = []
        for section in self.sections:
            _collect_images(section.blocks, found)
        return found


def _collect_images(nodes: Iterable[object], found: list[Image]) -> None:
    for node in nodes:
        if isinstance(node, Image):
            found.append(node)
        for name in ("children", "blocks", "caption", "title"):
            inner = getattr(node, name, ())
            if isinstance(inner, tuple):
                _collect_images(inner, found)
        if isinstance(node, ListBlock):
            for item in node.items:
                _collect_images(item, found)
        if isinstance(node, Table):
            for row in (*node.head, *node.body):
                for cell in row:
                    _collect_images(cell, found)


def nodes(value: object) -> Iterator[object]:
    """Every element of the book's tree in `value` (sections, blocks, or a tuple or list of them), each
    before the elements it holds: the one walk for every reader of the tree."""
    if isinstance(value, (tuple, list)):
        for item in value:
            yield from nodes(item)
    elif is_dataclass(value) and not isinstance(value, type):
        yield value
        for name in fields(value):
            yield from nodes(getattr(value, name.name))


def carried_anchors(book: Book) -> set[str]:
    """Every anchor a writer turns into a target; a link to any other id of a page goes to the page."""
    found = {section.key for section in book.sections}
    for section in book.sections:
        for node in nodes(section.blocks):
            anchor = getattr(node, "anchor", "")
            if anchor:
                found.add(anchor)
            if isinstance(node, NoteRef) and node.blocks:
                found.add(node.note)
    return found
