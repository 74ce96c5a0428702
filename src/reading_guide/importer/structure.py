"""The hierarchy of a text: parts, chapters and sections, read from its headings.

Pure (standard library only). Input: the text's items in order, each a Heading (a candidate) or
a Block (a paragraph or a non-prose block). Output: parts and chapters (with their `##` section
headings and blocks), then reshaped by `split` into the pages of the guide.

A heading's rank comes first from its label ("Book II" and "Part Two" are parts, "Chapter 5" a
chapter, "Section 5.1" a section; "Introduction", "Foreword" … are chapters). A heading without
a label gets the rank of the labelled headings at its level; with none there, its level is
compared with theirs (above the chapters: a part; below: a section). Levels are Markdown's `#`
counts, or for plain text the order in which each heading style first appears (as
reStructuredText ranks its underlines), so levels are read from the sequence, never trusted alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

PART, CHAPTER, SECTION = "part", "chapter", "section"


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph", "heading" (a section inside a chapter), "verse", "table", "list", "preformatted"
    text: str
    line: int = 0
    level: int = 2  # a heading's Markdown level on the page

    @property
    def prose(self) -> bool:
        return self.kind == "paragraph"


@dataclass(frozen=True)
class Heading:
    line: int
    text: str
    style: str  # the form: "markdown", a label word ("chapter", "book"), "roman", "number", "letter", "caps", "short"
    level: int = 0  # Markdown level; 0 for plain text (then the style's first appearance is its level)
    rank: str | None = None  # from the label, if it has one
    bare: bool = False  # a label alone ("CHAPTER 5."): the next heading line completes its title
    lines: tuple[int, ...] = ()  # the source lines of a heading joined from several


@dataclass(frozen=True)
class Part:
    number: int
    title: str
    line: int  # 0: not in the source (the first work of a file, named after the text's title)
    blocks: tuple[Block, ...] = ()  # text of its own, before its first chapter
    first: int = 0  # its chapters' numbers
    last: int = 0

    @property
    def text_only(self) -> bool:
        """Its own text and no chapters (a work with no headings under its title): `last` < `first`, the page
        it stands before (pages.numbered)."""
        return bool(self.blocks) and self.last < self.first


@dataclass
class RawChapter:
    title: str
    line: int  # 0: the title is not in the source ("Introduction" for the text before the first heading)
    part: int | None = None  # index into the parts
    blocks: list[Block] = field(default_factory=list)


Item = Heading | Block  # the text's items, in order: heading candidates and blocks


def join_titles(parts: list[str]) -> str:
    title = parts[0]
    for part in parts[1:]:
        title += (" " if title[-1:] in ".:–—-" else ": ") + part
    return title


def weak(h: Heading) -> bool:  # a plain-text line that only looks like a heading by its form
    return not h.level and h.rank is None and h.style in ("caps", "short")


def runs(items: list[Item]) -> list[Item]:
    """Consecutive headings resolved: a label and its title joined, closing lines (a signature) made text."""
    out: list[Item] = []
    i = 0
    while i < len(items):
        if not isinstance(items[i], Heading):
            out.append(items[i])
            i += 1
            continue
        j = i
        while j < len(items) and isinstance(items[j], Heading):
            j += 1
        run, after_text = [h for h in items[i:j] if isinstance(h, Heading)], bool(out) and isinstance(out[-1], Block)
        if after_text and (j == len(items) or any(not weak(h) for h in run)):
            while run and (j == len(items) or (weak(run[0]) and not all(weak(h) for h in run))):
                closing = run.pop(0)
                out.append(Block("paragraph", closing.text, closing.line))
        merged: list[Heading] = []
        for h in run:
            last = merged[-1] if merged else None
            # "Chapter One" and its title line ("Introductory" too, though alone it would be a chapter)
            if last and ((last.bare and (h.rank is None or (h.style == "preliminary" and last.rank))) or
                         (weak(last) and weak(h))):
                merged[-1] = replace(last, text=join_titles([last.text, h.text]), bare=False,
                                     lines=(last.lines or (last.line,)) + (h.line,))
            else:
                merged.append(h)
        out.extend(merged)
        i = j
    return out


def rank(headings: list[Heading]) -> list[str]:
    """Each heading's rank: part, chapter or section."""
    numbered = [h for h in headings if h.style in ("number", "roman") and not h.level]
    if len(numbered) >= 3 and not any(h.rank == CHAPTER and h.style != "preliminary" for h in headings):
        # a run of numbered headings (1, 2, 3 or I, II, III) with no "Chapter" label: the chapters
        headings = [replace(h, rank=CHAPTER) if h in numbered else h for h in headings]
    firsts: dict[str, int] = {}
    for h in headings:
        firsts.setdefault(h.style, len(firsts) + 1)
    level = [h.level or firsts[h.style] for h in headings]
    counts: dict[int, Counter[str]] = {}
    for h, lv in zip(headings, level, strict=True):
        if h.rank:
            counts.setdefault(lv, Counter())[h.rank] += 1
    # a level holding as many chapters as parts is the chapters' (a work's title over its first chapters)
    known = {lv: max(c, key=lambda r: (c[r], r == CHAPTER)) for lv, c in counts.items()}
    chapters = [lv for lv, r in known.items() if r == CHAPTER]
    parts = [lv for lv, r in known.items() if r == PART]
    unknown = sorted({lv for h, lv in zip(headings, level, strict=True) if not h.rank and lv not in known})
    below_parts = [lv for lv in unknown if not parts or lv > max(parts)]
    result = []
    for h, lv in zip(headings, level, strict=True):
        if h.rank:
            result.append(h.rank)
        elif lv in known:
            result.append(known[lv])
        elif chapters:
            result.append(PART if lv < min(chapters) else SECTION if lv > max(chapters) else CHAPTER)
        elif parts or any(r == SECTION for r in known.values()):
            sections = [k for k, r in known.items() if r == SECTION]
            if parts and lv <= max(parts):
                result.append(PART)
            elif sections and lv > min(sections):
                result.append(SECTION)
            else:
                result.append(CHAPTER if lv == below_parts[0] else SECTION)
        else:
            ranks = [CHAPTER] if len(unknown) == 1 else [CHAPTER, SECTION] if len(unknown) == 2 else [PART, CHAPTER]
            index = unknown.index(lv)
            result.append(ranks[index] if index < len(ranks) else SECTION)
    return result


def build(items: list[Item], title: str, preliminary: Callable[[str], object]) -> tuple[list[Part], list[RawChapter]]:
    """Parts and chapters from the items; `preliminary(title)` tells a Foreword from a chapter of the work."""
    items = runs(items)
    headings = [i for i in items if isinstance(i, Heading)]
    ranks = dict(zip(map(id, headings), rank(headings), strict=True))
    _front_sections(items, ranks)
    seq: list[RawChapter] = []  # chapters, and each part heading as a chapter-to-be (part = -1 - its index)
    parts: list[Part] = []
    for item in items:
        if isinstance(item, Block):
            if not seq:
                seq.append(RawChapter("Introduction", 0, None))
            seq[-1].blocks.append(item)
            continue
        r = ranks[id(item)]
        if r == SECTION and seq and (seq[-1].part is None or seq[-1].part >= 0):
            seq[-1].blocks.append(Block("heading", item.text, item.line, 2))
        elif r == PART:
            parts.append(Part(len(parts), item.text, item.line))
            seq.append(RawChapter(item.text, item.line, -len(parts)))
        else:
            seq.append(RawChapter(item.text, item.line, len(parts) - 1 if parts else None))
    return _settle(parts, seq, title, preliminary)


def _front_sections(items: list[Item], ranks: dict[int, str]) -> None:
    """Before the first labelled chapter ("CHAPTER I"), plain headings with text of their own inside an
    Introduction or Preface are its sections (a translator's introduction in parts: "YOUTH", "OFFICE"),
    not parts or chapters of the work."""
    first = next((k for k, i in enumerate(items) if isinstance(i, Heading) and i.rank == CHAPTER
                  and i.style not in ("preliminary", "markdown")), None)
    if first is None:
        return
    inside = False
    for k, item in enumerate(items[:first]):
        if not isinstance(item, Heading):
            continue
        if item.style == "preliminary":
            inside = True
        elif inside and weak(item) and isinstance(items[k + 1], Block):
            ranks[id(item)] = SECTION


def _settle(parts: list[Part], seq: list[RawChapter], title: str,
            preliminary: Callable[[str], object]) -> tuple[list[Part], list[RawChapter]]:
    """A part with no chapters is a chapter, unless a part holding chapters follows it: the works of a collected
    volume are peers, so a work with no headings under its title between them is a part too, its text its own
    page (after the last such part, works with no chapters are appended pieces beside the parts).
    Chapters of a first, unheaded work form a part named after the text."""
    kept, blocks, chapters = [], {}, []
    holding = {c.part for c in seq if c.part is not None and c.part >= 0}
    for c in seq:
        if c.part is not None and c.part < 0:
            index = -1 - c.part
            if index in holding or (any(b.prose for b in c.blocks) and any(later > index for later in holding)):
                kept.append(index)
                blocks[index] = c.blocks
                continue
            c.part = None  # beside the parts, not inside the one before it
        chapters.append(c)
    renumber = {old: new for new, old in enumerate(kept)}
    for c in chapters:
        c.part = renumber.get(c.part) if c.part is not None else None
    parts = [replace(parts[old], number=new + 1, blocks=tuple(blocks[old])) for new, old in enumerate(kept)]
    if parts:
        first = next(k for k, c in enumerate(chapters) if c.part is not None)
        if first >= 2 and not all(preliminary(c.title) for c in chapters[:first]):
            parts = [Part(1, title, 0)] + [replace(p, number=p.number + 1) for p in parts]
            for k, c in enumerate(chapters):
                c.part = 0 if k < first else (None if c.part is None else c.part + 1)
    return parts, chapters


def split_pages(parts: list[Part], chapters: list[RawChapter], split: str) -> tuple[list[Part], list[RawChapter]]:
    """The pages for `split`: "chapters" as they are; "parts": one page per part; "sections": one per section."""
    if split == "parts" and parts:
        pages: list[RawChapter] = []
        alone = [k for k, p in enumerate(parts) if p.blocks and all(c.part != k for c in chapters)]
        for c in [*chapters, None]:
            while alone and (c is None or parts[alone[0]].line < c.line):  # a part of its own text only: its page
                part = parts[alone.pop(0)]
                pages.append(RawChapter(part.title, part.line, None, list(part.blocks)))
            if c is None:
                break
            if c.part is None:
                pages.append(c)
                continue
            if not pages or pages[-1].part != c.part or pages[-1].line != -1 - c.part:
                part = parts[c.part]
                pages.append(RawChapter(part.title, part.line or 0, c.part, list(part.blocks)))
                pages[-1].line = -1 - c.part  # marks the page as the part's (set back below)
            pages[-1].blocks.append(Block("heading", c.title, c.line, 2))
            pages[-1].blocks.extend(replace(b, level=3) if b.kind == "heading" else b for b in c.blocks)
        for page in pages:
            if page.line < 0:
                page.line = parts[-1 - page.line].line
        return [replace(p, blocks=()) for p in parts], [replace(p, part=None) for p in pages]
    if split == "sections":
        pages = []
        for c in chapters:
            page = RawChapter(c.title, c.line, c.part)
            for b in c.blocks:
                if b.kind == "heading":
                    if page.blocks:
                        pages.append(page)
                        page = RawChapter(b.text, b.line, c.part)
                    else:  # a chapter that opens with a section: one page, both titles
                        page = RawChapter(join_titles([page.title, b.text]), page.line, c.part)
                else:
                    page.blocks.append(b)
            pages.append(page)
        return parts, pages
    return parts, chapters
