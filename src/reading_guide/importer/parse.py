"""Reading a plain-text or Markdown article as the chapters of a reading guide.

Pure (standard library only, no MkDocs): bytes → blocks → title, headings and paragraphs →
chapter pages in the guide's format. Plain text is escaped so that it renders as written; a
Markdown file (.md) is kept as Markdown. Which lines are headings is classify.py's work; the
command that writes the pages is command.py.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..core.sanitize import clean_markdown
from .blocks import render_block as render_block_lines
from .blocks import typical_width
from .classify import (
    ATX,
    DATE,
    LABEL,
    PRELIMINARY,
    classify,
    is_setext,
    text_blocks,
)
from .contents import PAGE, planned_items
from .contents import entries as contents_entries
from .contents import plan as contents_plan
from .edits import OutlineEdit, apply_edit, changes, outline_entries, split_blocks
from .encoding import decode as decode_bytes
from .errors import TextImportError
from .furniture import drop_advertisements
from .headings import closing_lines, label_titles, no_empty, series_labels, subtitles, title_blocks, title_page, work_begins
from .markup import clean_line, front_matter
from .matter import CONTENTS, Dropped, Matter, Metadata, contents_end, drop_credits, find_matter, is_the_end
from .structure import Block, Heading, Part, build, runs, split_pages

# TextImportError lives in errors.py; the tests and the command name it from here.
__all__ = ["SPLITS", "Chapter", "Text", "TextImportError", "as_markdown", "escape_markdown", "is_markup", "parse_text",
           "part_file_name", "read_text", "render_chapter", "render_part", "slugify"]

SPLITS = ("parts", "chapters", "sections")


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


MARKUP_SUFFIXES = (".html", ".htm", ".xhtml", ".epub")


def is_markup(path: Path) -> bool:
    """An HTML or EPUB edition, whose structure comes from its markup (not from the rules for plain text)."""
    return path.suffix.lower() in MARKUP_SUFFIXES


def read_text(path: Path, split: str = "chapters", edit: OutlineEdit | None = None) -> Text:
    """The text of a .txt or .md file, or an HTML or EPUB edition, parsed; a TextImportError for what cannot be used.
    `edit` (the teacher's outline.yml) applies to plain text and Markdown: an edition's outline is its markup's."""
    if is_markup(path):  # marked-up editions: html_source / epub_source
        from .epub_source import read_epub
        from .html_source import read_markup

        return read_epub(path, split) if path.suffix.lower() == ".epub" else read_markup(path, split)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise TextImportError(f"{path}: cannot read the file ({err.strerror})") from err
    stem = re.sub(r"[-_]+", " ", path.stem).strip() or "Untitled"
    text, encoding, notes = decode_bytes(data, str(path))
    return parse_text(text, str(path), stem[:1].upper() + stem[1:], path.suffix in (".md", ".markdown"),
                      split=split, encoding=encoding, notes=notes, edit=edit)


def parse_text(text: str, name: str, fallback_title: str = "Untitled", markdown: bool = False, *,
               split: str = "chapters", encoding: str = "UTF-8", notes: tuple[str, ...] = (),
               edit: OutlineEdit | None = None) -> Text:
    """Title, metadata, parts, chapters and their blocks of a decoded text (with `edit`: the teacher's outline)."""
    ruled = _parse(text, name, fallback_title, markdown, split, encoding, notes, None)
    if edit is None:
        return ruled
    edited = _parse(text, name, fallback_title, markdown, split, encoding, notes, edit)
    return replace(edited, edited=changes(ruled.headings, edited.headings, edit.path))


def _parse(text: str, name: str, fallback_title: str, markdown: bool, split: str, encoding: str,
           notes: tuple[str, ...], edit: OutlineEdit | None) -> Text:
    if split not in SPLITS:
        raise TextImportError(f"{name}: split must be one of {', '.join(SPLITS)}, not {split!r}")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff").split("\n")
    sanitized: tuple[str, ...] = ()
    if markdown:  # its inline HTML is markup: what could run script goes, and the report says so
        cleaned, removed = clean_markdown("\n".join(lines))
        lines = cleaned.split("\n")
        sanitized = tuple(f"{name}, line {n}: removed {', '.join(what)} (scripts, event handlers, javascript: and data: "
                          "links, frames, objects and forms never reach a guide); nothing to do unless the text needs "
                          "them" for n, what in removed)
    matter = find_matter(lines)
    if markdown:
        notes = notes + _web_leftovers(lines, matter)
    blocks = text_blocks("\n".join(lines[matter.start:matter.end]), matter.start)
    drop_credits(blocks, matter)  # before the headings are looked at: a rule under a dropped note is no underline
    explicit = any(ATX.match(b[0]) or is_setext(b) for _, b in blocks)  # Markdown headings: only they count
    if edit is not None:
        blocks = split_blocks(blocks, edit)
    guide = None if explicit else contents_plan(blocks)
    if guide is None:
        _drop_contents_and_end(blocks, matter)
    else:
        _drop_end(blocks, matter)
    width = typical_width([s for _, b in blocks for s in b])
    candidates = [i for number, (line, block) in enumerate(blocks) for i in
                  classify(line, block, explicit, first=number == 0, markdown=markdown, width=width)
                  if isinstance(i, Heading)]
    items = planned_items(blocks, guide, matter, markdown, width) if guide else \
        [item for number, (line, block) in enumerate(blocks)
         for item in classify(line, block, explicit, first=number == 0, markdown=markdown, width=width)]
    items = items if explicit else title_blocks(items)
    notes = tuple(notes) + (("Markdown headings found: only they are read as headings",) if explicit else ())
    title, title_found = matter.fields.get("title", ""), "title" in matter.fields
    if not title_found and items and isinstance(items[0], Heading) and items[0].rank is None and \
            items[0].style not in ("roman", "number", "letter"):
        tops = [i.level for i in items if isinstance(i, Heading)]
        if not explicit or (items[0].level == min(tops) and tops.count(min(tops)) == 1):
            title, title_found = items[0].text, True
            matter.drop(items[0].line - 1, (items[0].lines or (items[0].line,))[-1] - 1, "the title line")
            items = items[1:]
    title = title or fallback_title
    items = title_page(items, title, matter)
    items = subtitles(label_titles(series_labels(items)), matter)
    items = runs(closing_lines(drop_advertisements(work_begins(items, title, matter), matter)))
    if edit is not None:
        items = apply_edit(items, edit, [(d.first_line, d.last_line, d.what) for d in matter.dropped])
    taken = {n for i in items if isinstance(i, Heading) for n in (i.lines or (i.line,))}
    rejected = tuple((h.line, h.text, matter.why.get(h.line, READ_AS_TEXT)) for h in candidates
                     if h.line not in taken and not any(d.first_line <= h.line <= d.last_line for d in matter.dropped))
    built_parts, built_chapters = build(items, title, PRELIMINARY.match)
    built_chapters, filled = no_empty(built_chapters)
    notes += filled
    headings = outline_entries(built_parts, built_chapters)
    parts, raw = split_pages(built_parts, built_chapters, split)
    if len(raw) == 1 and raw[0].line == 0 and "title" in matter.fields:
        raw[0].title = title  # a work without headings: its one chapter is the work
    if not any(c.blocks for c in raw):
        where = f" (line {blocks[0][0]}: {blocks[0][1][0].strip()!r})" if blocks else ""
        raise TextImportError(f"{name}: no paragraphs found, only headings{where}; "
                              "paragraphs are separated by blank lines")
    digits = len(str(len(raw)))
    numbered = [(k, c) for k, c in enumerate(raw, start=1)]
    parts = [replace(p, first=min((k for k, c in numbered if c.part == i), default=0),
                     last=max((k for k, c in numbered if c.part == i), default=0)) for i, p in enumerate(parts)]
    chapters = tuple(Chapter(k, c.title, (), None if c.part is None else parts[c.part], tuple(c.blocks), c.line, digits)
                     for k, c in numbered)
    return Text(title, title_found, chapters, markdown, matter.metadata(), tuple(parts), encoding, notes,
                tuple(sorted(matter.dropped, key=lambda d: d.first_line)), _doubts(chapters) + _controls(text) + sanitized,
                split,
                headings, rejected)


READ_AS_TEXT = "read as text by its place (a closing line, a salutation, a line of verse or a caption)"


def _web_leftovers(lines: list[str], matter: Matter) -> tuple[str, ...]:
    """Front matter and the markup of web tools in a Markdown text: dropped or made plain (markup.py); what was done."""
    done = []
    count, fields = front_matter(lines[matter.start:matter.end])
    if count:
        matter.drop(matter.start, matter.start + count - 1, f"front matter ({', '.join(fields) or 'no fields read'})")
        for key, value in fields.items():
            matter.fields.setdefault("year" if key == "date" else key, value)
        matter.start += count
    changes: dict[str, list[int]] = {}
    for index in range(matter.start, matter.end):
        lines[index], removed = clean_line(lines[index])
        for what in removed:
            changes.setdefault(what, []).append(index + 1)
    for what, where in changes.items():
        shown = ", ".join(map(str, where[:5])) + (f" and {len(where) - 5} more" if len(where) > 5 else "")
        done.append(f"removed {what}: line{'s' if len(where) > 1 else ''} {shown}")
    return tuple(done)


def _controls(text: str) -> tuple[str, ...]:
    """Control characters in the text: no font shows them, and a pair like "Å\x93" is usually a
    character mangled by a wrong decoding somewhere upstream (here "œ"). They stay in the chapters,
    as written; the books leave them out."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in CONTROL.finditer(line):
            found.append(f"line {number}: the control character U+{ord(match.group()):04X} in "
                         f"{line[max(0, match.start() - 12):match.end() + 12]!r}: a character decoded wrongly "
                         "before the import? Correct the source if so")
    return tuple(found)


def _drop_contents_and_end(blocks: list[tuple[int, list[str]]], matter: Matter) -> None:
    """A table of contents near the top and what follows a closing "THE END" / "FINIS" are not text."""
    for index, (line, block) in enumerate(blocks[:len(blocks) // 3 + 1]):
        if CONTENTS.match(block[0]):
            end = contents_end(blocks, index)
            if end is None:  # entries that name the works, not their headings: the contents end where they do
                after, listed, _ = contents_entries(blocks, index)
                end = after if listed and sum(bool(PAGE.search(e)) for e in listed) * 2 > len(listed) else None
            if end is not None:
                matter.drop(line - 1, blocks[end - 1][0] + len(blocks[end - 1][1]) - 2, "table of contents")
                del blocks[index:end]
                if index and not any(_prose(b) for _, b in blocks[:index]):  # only short lines above the contents
                    matter.drop(blocks[0][0] - 1, line - 2, "title page (above the table of contents)")
                    del blocks[:index]
            break
    _drop_end(blocks, matter)


def _prose(lines: list[str]) -> bool:
    """A paragraph of the work: words running over several lines, or a long line of them."""
    return sum(len(s.split()) for s in lines) > 30 or (len(lines) > 1 and sum(len(s) > 50 for s in lines) > 1)


def _drop_end(blocks: list[tuple[int, list[str]]], matter: Matter) -> None:
    ends = [k for k, (_, b) in enumerate(blocks) if is_the_end(b)]
    if ends and not any(LABEL.match(ATX.sub(r"\2", s).strip()) for _, b in blocks[ends[-1] + 1:] for s in b[:1]):
        first, last = blocks[ends[-1]][0], blocks[-1][0] + len(blocks[-1][1]) - 1
        what = "back matter: the closing line" + (" and what follows it" if ends[-1] < len(blocks) - 1 else "")
        matter.drop(first - 1, last - 1, f"{what} ({blocks[ends[-1]][1][0].strip()!r})")
        del blocks[ends[-1]:]



CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _doubts(chapters: tuple[Chapter, ...]) -> tuple[str, ...]:
    doubts = []
    for c in chapters:
        prose = [b for b in c.blocks if b.kind != "heading"]
        if len(prose) == 1:
            doubts.append(f"chapter {c.number} ({c.title!r}) has one paragraph: is its title a heading of the text?")
        if DATE.match(c.title):
            doubts.append(f"chapter {c.number}: the title {c.title!r} looks like a date (a dateline?)")
        elif re.fullmatch(r"(?:[A-Z][\w’'.-]*\s+){1,3}[A-Z][\w’'-]*", c.title) and not LABEL.match(c.title) \
                and not any(w.lower() in ("the", "of", "and", "in", "on") for w in c.title.split()):
            doubts.append(f"chapter {c.number}: the title {c.title!r} looks like a name (a signature?)")
    return tuple(doubts)


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


def render_part(part: Part, markdown: bool = False, article_class: str = "article") -> str:
    """The page of a part that has text of its own before its first chapter (None of it is lost)."""
    body = "\n\n".join(render_block(b, markdown) for b in part.blocks)
    return (f"---\npart: {json.dumps(part.title, ensure_ascii=False)}\nopens_chapter: {part.first}\n---\n\n"
            f"# {as_markdown(part.title, markdown, heading=True)}\n\n"
            f'<div class="{article_class}" markdown>\n\n{body}\n\n</div>\n')
