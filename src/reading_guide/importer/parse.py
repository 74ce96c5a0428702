"""Reading a plain-text or Markdown article as the chapters of a reading guide.

Pure (standard library only, no MkDocs): bytes → blocks → title, headings and paragraphs →
chapter pages in the guide's format. Plain text is escaped so that it renders as written; a
Markdown file (.md) is kept as Markdown. Which lines are headings is classify.py's work; the
command that writes the pages is command.py.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..core.sanitize import clean_markdown
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
from .matter import CONTENTS, Matter, contents_end, drop_credits, find_matter, is_the_end
from .pages import (
    Chapter,
    Text,
    as_markdown,
    escape_markdown,
    numbered,
    part_file_name,
    render_chapter,
    render_part,
    slugify,
)
from .structure import Heading, build, runs, split_pages

# TextImportError lives in errors.py, the Text and its pages in pages.py; the tests and the command name them from here.
__all__ = ["SPLITS", "Chapter", "Text", "TextImportError", "as_markdown", "escape_markdown", "is_markup", "parse_text",
           "part_file_name", "read_text", "render_chapter", "render_part", "slugify"]

SPLITS = ("parts", "chapters", "sections")


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
    placed, chapters = numbered(parts, raw)
    return Text(title, title_found, chapters, markdown, matter.metadata(), placed, encoding, notes,
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


