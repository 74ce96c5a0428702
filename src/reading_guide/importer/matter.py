"""Front and back matter: what surrounds a work in its file and is not one of its chapters.

Pure (standard library only). Works on the text's lines (0-based here, reported 1-based):
Project Gutenberg's header and licence, a `Title:` / `Author:` / `Year:` block, a table of
contents, a title page and what follows "THE END" / "FINIS". What it finds is kept as metadata
(title, author, year, release) and reported as dropped, with its lines, so the import can list it
and the fidelity check can except exactly those lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Project Gutenberg's markers, the one home for a plain text's lines and an HTML edition's blocks (html_furniture):
# a "***" marker anywhere (an HTML block joins the lines around it), the other forms at the start. The old "small
# print" licence runs from its START line to its END line: the text follows the END.
GUTENBERG_START = re.compile(r"\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG|^\W*\*END\*?\s*THE SMALL PRINT", re.I)
GUTENBERG_END = re.compile(r"\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG|"
                           r"^\W*End of (?:the )?Project Gutenberg(?:'s|’s)?\s|^\W*End of the Project Gutenberg", re.I)
GUTENBERG_FIRST = re.compile(r"^\W*The Project Gutenberg e-?Book,? of (?P<title>.+?)(?:, by (?P<author>.+?))?\s*$", re.I)
FIELD = re.compile(r"^\s*(?:#{1,6}\s*)?(?P<key>Title|Author|Authors|Year|Date|Translator|Translated by|Editor|"
                   r"Language|Release Date|Published|Source)\s*:\s*(?P<value>.+?)\s*#*\s*$", re.I)
RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$")
CONTENTS = re.compile(r"^\s*(?:#{1,6}\s*)?(?:table of )?contents(?:\s+of\s+[\w .]{1,30})?[.:]?\s*$", re.I)
# Who made the e-text, and notes on the edition: the transcriber's words, not the author's.
CREDITS = re.compile(r"^[\W_]*(?:(?:e-?text |ebook )?(?:produced|prepared|scanned|transcribed|proofed|proof-?read)\b.*\bby\b|"
                     r"transcriber'?s'? note|transcription note|redactor'?s note|note: project gutenberg|"
                     r"a request to all readers|this (?:e-?text|e-?book|file) (?:was|is)\b)", re.I)
THE_END = re.compile(r"^\s*(?:#{1,6}\s*)?(?:the end|finis|end)\.?\s*#*\s*$", re.I)


@dataclass(frozen=True)
class Metadata:
    title: str = ""
    author: str = ""
    year: str = ""
    release: str = ""  # Project Gutenberg's release line ("March 1, 2004 [EBook #11497]")
    lines: tuple[str, ...] = ()  # other lines the front matter states: translator, language, producer
    language: str = ""  # as the text's metadata states it ("de", "German")


@dataclass(frozen=True)
class Dropped:
    first_line: int  # 1-based, inclusive
    last_line: int
    what: str


@dataclass
class Matter:
    start: int = 0  # the body: lines[start:end]
    end: int = 0
    fields: dict[str, str] = field(default_factory=dict)
    other: list[str] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    why: dict[int, str] = field(default_factory=dict)  # a line that looked like a heading, read as text: why

    def drop(self, first: int, last: int, what: str) -> None:
        self.dropped.append(Dropped(first + 1, last + 1, what))

    def metadata(self) -> Metadata:
        get = self.fields.get
        return Metadata(get("title", ""), get("author", get("authors", "")), get("year", get("date", get("published", ""))),
                        get("release date", ""), tuple(self.other), get("language", ""))


def _plain(value: str) -> str:  # a Markdown field value without its emphasis marks
    return re.sub(r"^[_*]+|[_*]+$", "", value.strip()).strip()


def find_matter(lines: list[str]) -> Matter:
    """The Gutenberg header and licence and a metadata block at the top (the line-level matter)."""
    matter = Matter(0, len(lines))
    start = next((i for i, s in enumerate(lines) if GUTENBERG_START.search(s)), None)
    end = next((i for i, s in enumerate(lines) if GUTENBERG_END.search(s) and (start is None or i > start)), None)
    if start is not None:
        for line in lines[:start]:
            found = FIELD.match(line) or GUTENBERG_FIRST.match(line)
            if found and "key" in found.groupdict():
                matter.fields.setdefault(found["key"].lower(), _plain(found["value"]))
            elif found:
                matter.fields.setdefault("title", found["title"].strip())
                if found["author"]:
                    matter.fields.setdefault("author", found["author"].strip())
        # the old "small print" licence sits in the header and ends with its own marker line
        matter.drop(0, start, "Project Gutenberg header and licence")
        matter.start = start + 1
    if end is not None:
        matter.drop(end, len(lines) - 1, "Project Gutenberg licence (from its END line)")
        matter.end = end
    _metadata_block(lines, matter)
    return matter


def _metadata_block(lines: list[str], matter: Matter) -> None:
    """`Title:` / `Author:` / `Year:` lines (Markdown headings or not) at the top, and a rule after them."""
    i, first, last = matter.start, None, None
    while i < matter.end:
        line = lines[i]
        found = FIELD.match(line)
        if found:
            key, value = found["key"].lower(), _plain(found["value"])
            if key in ("translator", "translated by", "editor", "language", "source"):
                matter.other.append(f"{found['key']}: {value}")
            else:
                matter.fields.setdefault(key, value)
            first, last = (i if first is None else first), i
        elif RULE.match(line) and first is not None:
            last = i
            i += 1
            break
        elif line.strip():
            break
        i += 1
    if first is not None and last is not None:  # last is set with first
        matter.drop(first, last, "metadata block (" + ", ".join(k.capitalize() for k in matter.fields) + ")")
        matter.start = last + 1


def drop_credits(blocks: list[tuple[int, list[str]]], matter: Matter) -> None:
    """Credits and transcriber's notes before the work's first words ("Produced by …", "[Transcriber's Note: …]")."""
    index = 0
    while index < min(len(blocks), 60):
        line, lines = blocks[index]
        if not CREDITS.match(lines[0]):
            index += 1
            continue
        end = index + 1
        if lines[0].lstrip().startswith("[") and "]" not in " ".join(lines):  # a bracketed note runs to its "]"
            end = next((k + 1 for k in range(index + 1, min(len(blocks), index + 10)) if "]" in " ".join(blocks[k][1])),
                       index + 1)
        elif lines[0].rstrip().endswith(":") and len(lines) == 1:  # "Transcriber's note:" and its indented items
            while end < len(blocks) and blocks[end][1][0][:1].isspace():
                end += 1
        last = blocks[end - 1][0] + len(blocks[end - 1][1]) - 1
        matter.drop(line - 1, last - 1, f"credits and notes of the e-text ({lines[0].strip()[:40]!r})")
        del blocks[index:end]


def contents_end(blocks: list[tuple[int, list[str]]], at: int) -> int | None:
    """Index of the first block after a table of contents that starts at blocks[at] (its "CONTENTS" line).

    The contents end where their first entry appears a second time, as the heading of the text;
    None if it never does (then the block is not taken for a table of contents).
    """
    entries = [s for _, lines in blocks[at:] for s in lines][1:]
    if not entries:
        return None
    first = _key(entries[0])
    for index in range(at + 1, len(blocks)):
        lines = blocks[index][1]
        if index > at + 1 and len(lines) <= 4 and first in (_key(lines[0]), _key(" ".join(lines))):  # a heading may be wrapped
            return index
    return None


def _key(line: str) -> str:  # a heading as a table of contents and the text both write it
    return " ".join(re.sub(r"[\W_]+", " ", re.sub(r"[\s.]*\d+\s*$", "", line)).lower().split())


def title_page_like(lines: list[str]) -> bool:
    """A block of a title page: a few short lines ("by Karl Marx", "Translated by …", "1848"), not prose."""
    words = sum(len(s.split()) for s in lines)
    return len(lines) <= 4 and words <= 14 and all(len(s.strip()) <= 70 for s in lines)


def is_the_end(lines: list[str]) -> bool:
    return len(lines) == 1 and bool(THE_END.match(lines[0]))
