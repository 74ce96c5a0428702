"""What an import (or a dry run) prints: the structure it read, what it dropped and what it doubts.

Pure (standard library only).
"""

from __future__ import annotations

from .pages import Text, in_order, part_file_name
from .structure import Part


def describe(text: Text) -> list[str]:
    """The report's lines: title and metadata, each part and chapter, what was dropped and why, doubts."""
    meta = text.metadata
    lines = [f"Title: {text.title}" + ("" if text.title_found else " (no title in the text: from the file name)")]
    lines += [f"{label}: {value}" for label, value in
              [("Author", meta.author), ("Year", meta.year), ("Release", meta.release)] if value]
    lines += [f"Also stated: {line}" for line in meta.lines]
    lines.append(f"Encoding: {text.encoding}" + "".join(f"; {note}" for note in text.notes))
    pages = {"chapters": "chapter", "parts": "part", "sections": "section"}[text.split]
    lines.append(f"{len(text.chapters)} chapter page(s) (one page per {pages})"
                 + (f" in {len(text.parts)} part(s)" if text.parts else "") + ":")
    for chapter in in_order(text):
        if isinstance(chapter, Part):
            part = chapter
            own = (f"; its own text, {len(part.blocks)} paragraph(s) -> {part_file_name(part)}" if part.blocks else "")
            source = "" if part.line else " (not a heading of the text: named after its title)"
            held = "no chapters" if part.text_only else f"chapters {part.first}–{part.last}"
            lines.append(f"Part {part.number}: {part.title}{source} ({held}{own})")
            continue
        prose = [b for b in chapter.blocks if b.kind != "heading"]
        other = sorted({b.kind for b in prose if b.kind != "paragraph"})
        lines.append(f"  {chapter.number}. {chapter.title} ({len(prose)} paragraph(s)"
                     + (f", with {', '.join(other)}" if other else "") + f") -> {chapter.file_name}")
        lines += [f"       § {section}" for section in chapter.sections]
    lines += [f"Dropped: line{'s' if d.last_line > d.first_line else ''} {d.first_line}"
              f"{'–' + str(d.last_line) if d.last_line > d.first_line else ''}: {d.what}" for d in text.dropped]
    lines += [f"Check: {doubt}" for doubt in text.doubts]
    return lines
