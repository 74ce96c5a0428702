"""A table of contents, read as the author's own list of the text's headings.

Pure (standard library only). A book that prints its contents names its chapters: each entry
recurs later as a heading, in the same order, maybe with a label ("CHAPTER I.") or a dateline
added, split over two lines or cut short. When most entries are found so, those lines are the
chapters, and other lines that merely look like headings (a name, a short line of verse, a
caption) are text; numbered subdivisions inside a chapter ("I", "PART II.") are its sections. The
contents' indents are read as nesting: an entry indented under a chapter's names a section of it.
Where the entries are not found, nothing is decided here and the rules of classify.py apply.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from .classify import DATE, LABEL, ROMAN, WORDS, classify
from .matter import CONTENTS, Matter
from .structure import CHAPTER, PART, SECTION, Block, Heading, Item

PAGE = re.compile(r"(?:\s*\.{2,}|\s{2,}|\s+)(?:\d{1,4}|[ivxlc]{1,6})\s*$")  # a page number after the entry
LABEL_WORDS = r"chapter|part|book|volume|section|lecture|letter|essay|no\.?|number"
LEAD = re.compile(rf"^[\W_]*(?:(?:{LABEL_WORDS})\s+)?(?:{ROMAN}|\d{{1,3}}|{WORDS}|[ivxlc]+)?\b[\W_]*", re.I)
BARE = re.compile(rf"^[\W_]*(?:(?:{LABEL_WORDS})\s+)?(?:{ROMAN}|\d{{1,3}}|(?i:{WORDS}))[\W_]*$", re.I)
BACK = re.compile(r"^[\W_]*(?:index|notes|footnotes)\b[\W_]*$", re.I)  # not chapters, though the contents list them
NOTE_MARK = re.compile(r"^\s*(?:\[\w{1,4}\]|\*)\s")  # a note's first line ("[11] See note 6th"): never a heading
PART_WORDS = ("part", "book", "volume")
NUMERAL = re.compile(rf"^(?:{ROMAN}|\d{{1,3}})[.)]")  # an entry's number: a new entry, not a wrapped line
# "I.--CUSTOMS.": a numbered heading in capitals, inside a chapter: a section ("1. Land. Its value…" is a run-in head)
NUMBERED_CAPS = re.compile(rf"^(?:{ROMAN}|\d{{1,3}})\.(?:\s|-|–|—)+(?=.*[A-Z])[^a-z]+$")
STOP = {"the", "a", "an", "of", "and", "to", "in", "on", "for"}


@dataclass
class Plan:
    """What the contents decide, by the first line of each block: the chapter headings and their titles."""
    first: int  # the contents' first line ("CONTENTS") and last line: dropped
    last: int
    entries: list[str] = field(default_factory=list)
    indents: list[int] = field(default_factory=list)  # each entry's indent: deeper entries are subdivisions
    headings: dict[int, tuple[str, list[int], str]] = field(default_factory=dict)  # line -> title, lines of its blocks, rank
    back: dict[int, str] = field(default_factory=dict)  # line -> title of an index or notes heading


def words(text: str) -> list[str]:
    """An entry or a heading as words to compare: no label, no page number, no footnote marker."""
    text = re.sub(r"\[[^\]]{0,8}\]", " ", text)
    text = LEAD.sub("", PAGE.sub("", text.strip()), count=1)
    found = [w for w in re.findall(r"[^\W_]+", text.lower()) if w not in STOP]
    named = [w for w in found if not w.isdigit()]  # "Note 1.--" in the contents, "Note, p. 19.--" in the text
    return named or found


def entries(blocks: list[tuple[int, list[str]]], at: int) -> tuple[int, list[str], list[int]]:
    """The entries after the "CONTENTS" line of blocks[at], the index of the first block after them, and
    each entry's indent.

    The contents run while their blocks are lists of short lines and end at a wider gap (three blank
    lines or more), a rule, or a prose paragraph.
    """
    found: list[str] = []
    indents: list[int] = []
    columns: list[int] = []  # where each entry's words begin, after a number that may be set flush right
    end = at + 1
    for index in range(at + 1, len(blocks)):
        line, lines = blocks[index]
        previous = blocks[index - 1]
        gap = line - (previous[0] + len(previous[1]))
        if found and gap >= 3:
            break
        if any(len(s.strip()) > 100 for s in lines) or (len(lines) > 2 and _prose(lines)):
            break
        if found and _matches(words(found[0]), words(" ".join(lines))) and index > at + 1:
            break  # the first entry again: the text has begun
        end = index + 1
        for text in lines[1:] if index == at else lines:
            stripped = text.strip()
            if not stripped or re.fullmatch(r"[\W_]+", stripped) or re.fullmatch(r"(?i)(?:chapter|page|\s)+", stripped):
                continue
            continued = found and (stripped[:1] in "-–—" or stripped[:1].islower() or
                                   (not PAGE.search(found[-1]) and PAGE.search(stripped) and
                                    len(text) - len(text.lstrip()) > 0 and not LABEL.match(stripped)
                                    and not NUMERAL.match(stripped)))
            if continued:
                found[-1] = f"{PAGE.sub('', found[-1])} {stripped}"
            else:
                found.append(stripped)
                indents.append(len(text) - len(text.lstrip()))
                columns.append(len(text) - len(LEAD.sub("", text.lstrip(), count=1)))
    return end, found, [i * 1000 + c for i, c in zip(indents, columns, strict=True)]


def _prose(lines: list[str]) -> bool:
    return sum(bool(re.search(r"[a-z][.,;:]\s*$", s)) for s in lines) * 2 > len(lines)


def _short(lines: list[str]) -> bool:
    return len(lines) <= 4 and sum(len(s.strip()) for s in lines) <= 250


def _matches(entry: list[str], heading: list[str]) -> bool:
    if not entry or not heading:
        return False
    have = set(heading)
    return all(w in have for w in entry) and len(heading) <= 2 * len(entry) + 3


def plan(blocks: list[tuple[int, list[str]]]) -> Plan | None:
    """The contents near the top and the headings they name, if most of their entries are found."""
    start = next((k for k, (_, b) in enumerate(blocks[:len(blocks) // 3 + 1]) if CONTENTS.match(b[0])), None)
    if start is None:
        return None
    end, listed, indents = entries(blocks, start)
    result = Plan(blocks[start][0], blocks[end - 1][0] + len(blocks[end - 1][1]) - 1, listed, indents)
    position, found = end, 0
    chapter_indent: int | None = None  # of the entries that are the chapters, in the current part
    part_label = False  # the entry before was a part's label alone ("PART III."): this one is its title
    for entry, indent in zip(listed, indents, strict=True):
        key = words(entry)
        label_only = is_bare(entry) and bool(re.match(r"(?i)[\W_]*(?:part|book|volume)\b", entry))
        for index in range(position, min(len(blocks), position + 4000)):
            _, lines = blocks[index]
            if not _short(lines) or NOTE_MARK.match(lines[0]):
                continue
            title_lines = [s.strip() for s in lines if not DATE.match(s.strip()) and not re.fullmatch(r"\[.*\]", s.strip())]
            if not title_lines:
                continue
            if _matches(key, words(" ".join(title_lines))) or (not key and _same_label(entry, title_lines[0])):
                members = [blocks[index][0]]
                if index > position and BARE.match(" ".join(blocks[index - 1][1]).strip()) and len(title_lines) < 3:
                    members.insert(0, blocks[index - 1][0])  # "SECTION I." above its title
                    title_lines = [" ".join(blocks[index - 1][1]).strip(), *title_lines]
                nxt = blocks[index + 1][1] if index + 1 < len(blocks) else []
                if title_lines[-1].endswith(":") and len(nxt) == 1 and nxt[0].strip().isupper() \
                        and len(nxt[0].strip()) <= 100:  # "UNTO THIS LAST:" / "FOUR ESSAYS ON …": the title goes on
                    members.append(blocks[index + 1][0])
                    title_lines.append(nxt[0].strip())
                title = _join(title_lines)
                if BACK.match(title):
                    result.back[members[0]] = title
                else:
                    label = LABEL.match(entry.strip()) or LABEL.match(title)
                    rank = PART if part_label or (label and label["word"] and label["word"].lower() in PART_WORDS) \
                        else CHAPTER
                    if rank == PART:
                        chapter_indent = None
                    elif chapter_indent is not None and _deeper(indent, chapter_indent):
                        rank = SECTION  # indented under a chapter's entry: a section of it
                    else:
                        chapter_indent = indent
                    result.headings[members[0]] = (title, members, rank)
                found += 1
                position = index + 1
                break
        part_label = label_only
    if found * 2 < len(listed) or not result.headings:
        return None
    return result


def _deeper(indent: int, than: int) -> bool:
    """An entry indented under another: its line starts further right, and so do its words (a number set
    flush right, "  I.--" over " II.--", moves the line's start but not the words')."""
    return indent // 1000 > than // 1000 and indent % 1000 >= than % 1000 + 2


def _same_label(entry: str, line: str) -> bool:
    head, other = LEAD.match(entry), LEAD.match(line)
    return bool(head and other and head.group().strip() and
                " ".join(head.group().lower().split()).strip(" .") == " ".join(other.group().lower().split()).strip(" ."))


def _join(lines: list[str]) -> str:
    """One title: a label line and its title line as "LECTURE I. THE HERO"; a title wrapped over lines, rejoined."""
    title = lines[0]
    for before, line in itertools.pairwise(lines):
        title += (": " if is_bare(before) and before.rstrip()[-1:] not in ".:–—-" else " ") + line
    return " ".join(title.split())


def is_bare(text: str) -> bool:
    """A numbered subdivision standing alone: "I", "PART II.", "Section 3"."""
    return bool(BARE.match(text.strip()))


def planned_items(blocks: list[tuple[int, list[str]]], guide: Plan, matter: Matter, markdown: bool,
                  width: int) -> list[Item]:
    """The items of a text whose contents name its chapters (blocks: the body; the contents are dropped here)."""
    items: list[Item] = []
    taken: set[int] = set()
    back: str | None = None  # in an index the contents list: dropped from its heading to the next chapter
    span = [0, 0]
    opened = False  # a part's heading was the last the contents named: no chapter of it yet
    opening = min(guide.headings)
    before = [b for b in blocks if b[0] < guide.first]
    between = [b for b in blocks if guide.last < b[0] < opening]
    items += _front(before, matter, markdown, width, "front matter before the table of contents")
    if items and not any(isinstance(i, Heading) for i in items):
        items = []
    items += _front(between, matter, markdown, width, "title page", named=True)
    chapters = sum(isinstance(i, Heading) for i in items)
    for number, (line, block) in enumerate(blocks):
        if line < opening:
            continue
        if line in guide.headings:
            if back:
                matter.drop(span[0] - 1, span[1] - 1, f"back matter: {back.strip()}")
            back = None
        elif line in guide.back or back:
            if line in guide.back and not re.match(r"(?i)[\W_]*index", guide.back[line]):
                items.extend(classify(line, block, False, first=False, markdown=markdown, width=width))
                continue  # notes stay text, of the chapter they close
            if not back:
                back, span = guide.back[line], [line, line]
            span[1] = line + len(block) - 1
            continue
        if line in taken:
            continue
        if line in guide.headings:
            title, members, rank = guide.headings[line]
            taken.update(members)
            spans = {m: next(b for b in blocks if b[0] == m)[1] for m in members}
            used = tuple(m + k for m, lines in spans.items() for k, s in enumerate(lines)
                         if not (DATE.match(s.strip()) or re.fullmatch(r"\[.*\]", s.strip())))
            aside = [(m + k, s.strip()) for m, lines in spans.items() for k, s in enumerate(lines) if m + k not in used]
            if aside and not chapters:  # a dateline above the first heading: before the text, not in it
                matter.drop(aside[0][0] - 1, aside[-1][0] - 1, "a dateline above the first chapter's heading")
            else:  # a dateline above a heading ends the chapter before (the words stay in their order)
                items.extend(Block("paragraph", s, n) for n, s in aside)
            items.append(Heading(line, title, "contents", 0, rank, False, used))
            chapters += 1
            opened = rank == PART or (opened and rank != CHAPTER)
            continue
        for item in classify(line, block, False, first=number == 0, markdown=markdown, width=width):
            if isinstance(item, Heading) and opened and item.style == "preliminary":
                # a part's own Preface, which the contents leave out: the part's first chapter
                items.append(Heading(item.line, item.text, "preliminary", 0, CHAPTER, False, item.lines))
                opened = False
            elif isinstance(item, Heading) and chapters and (is_bare(item.text) or item.style in ("letter", "section")
                                                             or NUMBERED_CAPS.match(item.text)):
                items.append(Heading(item.line, item.text, "contents-section", 0, SECTION, False, item.lines))
            elif isinstance(item, Heading):
                matter.why[item.line] = "not an entry of the table of contents (the contents name the chapters)"
                items.append(Block("paragraph", item.text, item.line))
            else:
                items.append(item)
    if back:
        matter.drop(span[0] - 1, span[1] - 1, f"back matter: {back.strip()}")
    matter.drop(guide.first - 1, guide.last - 1, "table of contents")
    return items


def _front(blocks: list[tuple[int, list[str]]], matter: Matter, markdown: bool, width: int, what: str,
           named: bool = False) -> list[Item]:
    """Text before the first chapter the contents name: a Preface or Introduction opens a chapter there;
    with `named`, so does the last heading line before the first prose (a chapter the contents call
    otherwise, as "Biographic Sketch" for a sketch headed by its subject's name). What comes before
    that heading is front matter (a title page, a half-title, a publisher's note): dropped and reported."""
    items = [item for line, block in blocks for item in classify(line, block, False, first=False, markdown=markdown,
                                                                  width=width)]
    start = next((k for k, i in enumerate(items) if isinstance(i, Heading) and i.style == "preliminary"), None)
    prose = next((k for k, i in enumerate(items) if isinstance(i, Block) and i.prose and len(i.text) > 200), None)
    if named and prose is not None and (start is None or start > prose):
        start = next((k for k in range(prose - 1, -1, -1) if isinstance(items[k], Heading)), start)
    if start is None:
        start = len(items) if prose is None or not named else 0
    if start and blocks:  # to the line before the first item kept (a paragraph's text is unwrapped: no line count)
        last = items[start].line - 1 if start < len(items) else blocks[-1][0] + len(blocks[-1][1]) - 1
        prose_before = prose is not None and prose < start
        matter.drop(blocks[0][0] - 1, max(last, blocks[0][0]) - 1, what if prose_before else "title page")
    kept: list[Item] = []
    for item in items[start:]:
        if isinstance(item, Heading) and (item is items[start] or item.style == "preliminary"):
            kept.append(Heading(item.line, item.text, item.style, 0, CHAPTER, False, item.lines))
        elif isinstance(item, Heading):
            matter.why[item.line] = "before the chapters the table of contents names, and not a Preface or the like"
            kept.append(Block("paragraph", item.text, item.line))
        else:
            kept.append(item)
    return kept
