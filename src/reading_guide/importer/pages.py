"""The imported text as the guide's pages: the Text, its chapters and parts numbered, and their Markdown.

Pure (standard library only). parse.py (plain text, Markdown) and html_source.py (HTML, EPUB) read a
source into parts and pages (structure.py); `numbered` numbers them the one way both need, and the
render functions write a chapter's or a part's page.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .blocks import render_block as render_block_lines
from .classify import LABEL
from .matter import Dropped, Metadata
from .structure import Block, Part, RawChapter


@dataclass(frozen=True)
class Chapter:
    number: int
    title: str
    paragraphs: tuple[str, ...] = ()  # the text of its blocks (paragraphs and non-prose blocks), headings left out
    part: Part | None = None
    blocks: tuple[Block, ...] = ()  # paragraphs, `##` section headings and non-prose blocks, in order
    line: int = 0  # of its heading in the source; 0 when its title is not in the source ("Introduction")
    width: int = 1  # digits of the largest chapter number, for file names that sort

    def __post_init__(self) -> None:
        if not self.blocks:
            object.__setattr__(self, "blocks", tuple(Block("paragraph", p) for p in self.paragraphs))
        elif not self.paragraphs:
            object.__setattr__(self, "paragraphs", tuple(b.text for b in self.blocks if b.kind != "heading"))

    @property
    def file_name(self) -> str:
        return f"{self.number:0{self.width}d}-{slugify(self.title)}.md"

    @property
    def sections(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind == "heading")


@dataclass(frozen=True)
class Text:
    title: str
    title_found: bool  # False: the title was made from the file name
    chapters: tuple[Chapter, ...]
    markdown: bool  # the source is Markdown: paragraphs are kept as written, not escaped
    metadata: Metadata = field(default_factory=Metadata)
    parts: tuple[Part, ...] = ()
    encoding: str = "UTF-8"
    notes: tuple[str, ...] = ()  # what was converted or detected
    dropped: tuple[Dropped, ...] = ()  # front and back matter: not in any chapter
    doubts: tuple[str, ...] = ()  # what the user should check
    split: str = "chapters"
    headings: tuple[tuple[int, str, str], ...] = ()  # every heading taken: line, level, title (source/outline.yml)
    rejected: tuple[tuple[int, str, str], ...] = ()  # lines that looked like headings, read as text: line, text, why
    edited: tuple[str, ...] = ()  # what an outline file changed from the rules' reading
    # An HTML or EPUB edition (html_source.py) brings these; a plain text has none of them.
    author_notes: tuple[tuple[int, str], ...] = ()  # the text's own notes, called [^author-N] in its paragraphs
    images: tuple[tuple[str, bytes], ...] = ()  # file name in the guide's docs/images/ -> its bytes
    language: str = ""  # as the source states or its words tell ("" for a plain text: the user's choice)


def numbered(parts: list[Part], pages: list[RawChapter]) -> tuple[tuple[Part, ...], tuple[Chapter, ...]]:
    """The pages as chapters numbered from 1, each part told its chapters' numbers (`first`, `last`). A part
    whose own text is all it holds (a work with no headings under its title) stands before the page after it
    in the source: `first` is that page's number (one past the last page if none), `last` is `first` - 1."""
    order = list(enumerate(pages, start=1))

    def place(index: int, part: Part) -> Part:
        mine = [k for k, c in order if c.part == index]
        if mine:
            return replace(part, first=min(mine), last=max(mine))
        if not part.blocks:
            return part
        after = next((k for k, c in order if c.line > part.line), len(pages) + 1)
        return replace(part, first=after, last=after - 1)

    placed = tuple(place(i, p) for i, p in enumerate(parts))
    digits = len(str(len(pages)))
    return placed, tuple(Chapter(k, c.title, (), None if c.part is None else placed[c.part], tuple(c.blocks), c.line,
                                 digits) for k, c in order)


def in_order(text: Text) -> list[Part | Chapter]:
    """The parts and chapters as a reader meets them: each part where it opens, then its chapters; a part of
    its own text only before the chapter it stands before."""
    alone = sorted((p for p in text.parts if p.text_only), key=lambda p: p.first)
    out: list[Part | Chapter] = []
    opened: set[int] = set()
    for chapter in text.chapters:
        while alone and alone[0].first <= chapter.number:
            out.append(alone.pop(0))
        if chapter.part is not None and chapter.part.number not in opened:
            opened.add(chapter.part.number)
            out.append(chapter.part)
        out.append(chapter)
    return out + alone


def slugify(title: str) -> str:
    """File-name part of a chapter: its title without a number label or a subtitle after a dash."""
    label = LABEL.match(title)
    main = re.split(r"\s[–—:]\s|:\s", (label["rest"] or title) if label else title)[0]
    if not re.search(r"[^\W\d_]", main):  # "2: The Black and White of It": the words after the number
        main = re.sub(r"^[\W\d_]+", "", title) or main
    plain = unicodedata.normalize("NFKD", main).encode("ascii", "ignore").decode().lower().replace("'", "")
    slug = ""
    for word in re.findall(r"[a-z0-9]+", plain):
        if len(slug) + len(word) > 40 and slug:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or "chapter"


def escape_markdown(text: str, heading: bool = False) -> str:
    """Plain text as Markdown that renders to the same words (no markup, lists, quotes or HTML)."""
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text).replace("<", "&lt;")
    text = re.sub(r"([\\`*_{}\[\]])", r"\\\1", text)
    text = text.replace("#", "\\#") if heading else re.sub(r"^#", r"\\#", text)  # in a heading, closing #s too
    text = re.sub(r"^([>+\-!])", r"\\\1", text)  # a quote, list, rule or admonition
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)  # an ordered list


def as_markdown(text: str, markdown: bool, heading: bool = False) -> str:
    return text if markdown else escape_markdown(text, heading)


def render_block(block: Block, markdown: bool) -> str:
    if block.kind == "heading":
        return f"{'#' * block.level} {as_markdown(block.text, markdown, heading=True)}"
    if block.kind == "paragraph":
        return as_markdown(block.text, markdown)
    return render_block_lines(block.kind, block.text.split("\n"), markdown, escape_markdown)


def render_chapter(chapter: Chapter, markdown: bool = False, article_class: str = "article",
                   author_notes: Mapping[int, str] | None = None, language: str = "en") -> str:
    """A chapter page: front matter, the title, its paragraphs, sections and other blocks inside the article block;
    after it, the text's own notes that its paragraphs call (an HTML or EPUB edition's footnotes)."""
    body = "\n\n".join(render_block(b, markdown) for b in chapter.blocks)
    part = f"part: {json.dumps(chapter.part.title, ensure_ascii=False)}\n" if chapter.part else ""
    return (f"---\nchapter: {chapter.number}\n{part}---\n\n# {as_markdown(chapter.title, markdown, heading=True)}\n\n"
            f'<div class="{article_class}" markdown>\n\n{body}\n\n</div>\n' + _author_notes(body, author_notes, language))


def _author_notes(body: str, notes: Mapping[int, str] | None, language: str) -> str:
    """The definitions of the author's notes called in `body`, each marked as the text's own (core.sources
    knows them by their id prefix and asks no source of them)."""
    from ..core.sources import AUTHOR_NOTE_PREFIX
    from ..core.strings import ENGLISH, strings_for

    called = dict.fromkeys(int(n) for n in re.findall(rf"\[\^{AUTHOR_NOTE_PREFIX}(\d+)\]", body))
    if not notes or not called:
        return ""
    for n in list(called):  # a note may call another (a translator's note on the author's)
        called.update(dict.fromkeys(int(m) for m in re.findall(rf"\[\^{AUTHOR_NOTE_PREFIX}(\d+)\]", notes.get(n, ""))))
    label = (strings_for(language) or ENGLISH).author_note
    return "\n" + "".join(f"[^{AUTHOR_NOTE_PREFIX}{n}]: *{label}:* {notes[n]}\n\n" for n in called if n in notes)


def part_file_name(part: Part) -> str:
    return f"part-{part.number}-{slugify(part.title)}.md"


def render_part(part: Part, markdown: bool = False, article_class: str = "article",
                author_notes: Mapping[int, str] | None = None, language: str = "en") -> str:
    """The page of a part that has text of its own (before its first chapter, or all it holds; none of it is
    lost), with the text's own notes it calls, as a chapter's page has them."""
    body = "\n\n".join(render_block(b, markdown) for b in part.blocks)
    return (f"---\npart: {json.dumps(part.title, ensure_ascii=False)}\nopens_chapter: {part.first}\n---\n\n"
            f"# {as_markdown(part.title, markdown, heading=True)}\n\n"
            f'<div class="{article_class}" markdown>\n\n{body}\n\n</div>\n' + _author_notes(body, author_notes, language))
