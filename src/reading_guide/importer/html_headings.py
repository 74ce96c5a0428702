"""The headings of an HTML body made parts, chapters and sections: the h-levels as Markdown's levels, for
structure.build, after the rules that only markup needs.

Pure. A bare label over its title is one heading; a heading repeating the one above it, or standing
alone above all the others, is not a division; a title block's second heading is text; an
introduction's own headings before labelled chapters are its sections; a work's title with only an
epigraph under it is a part; an appendix's numbered documents are its sections; the headings a contents
list links to are peers, all parts when one is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .classify import BYLINE, DATE, LABEL, PRELIMINARY, _heading
from .html_dom import Unit, fold
from .html_furniture import BARE, Read
from .matter import Dropped
from .structure import CHAPTER, PART, SECTION, Block, Heading, Item, join_titles, rank, runs

EPIGRAPH = ("quote", "verse")
NUMBERED = re.compile(r"^(?:No\.?|Number|§)\s*\d+\b", re.I)  # "No. 1." as LABEL's "1." and "I."


def _join_headings(read: Read) -> list[Unit]:
    """A bare label over its title ("ESSAY I." / "THE ROOTS OF HONOUR.") and a title ending in a colon over
    its subtitle, one level down, are one heading; "BY" over a name is a byline."""
    out: list[Unit] = []
    for unit in read.keep:
        last = out[-1] if out else None
        if last is not None and last.kind == unit.kind == "heading" and last.level < unit.level and (
                BARE.match(last.plain) or (last.plain.endswith(":") and unit.level == last.level + 1)):
            title = join_titles([last.text, unit.text])
            out[-1] = replace(last, text=title, plain=" ".join([last.plain, unit.plain]), notes=last.notes + unit.notes,
                              last_line=unit.last_line, source=f"{last.source} {unit.source}")
        elif last is not None and last.kind == unit.kind == "heading" and re.fullmatch(r"\W*by\W*", last.plain, re.I):
            out[-1] = replace(last, kind="paragraph", text=f"{last.text} {unit.text}", plain=f"{last.plain} {unit.plain}",
                              source=f"{last.source} {unit.source}")
        else:
            out.append(unit)
    return out


INCIPIT = re.compile(r"\s*\(([^()]{8,})\)\s*$")


def _incipits(read: Read) -> None:
    """A heading ending in a parenthesis that holds the first words of the text under it ("THE CRISIS I. (THESE ARE
    THE TIMES THAT TRY MEN'S SOULS)") carries a producer's incipit, not the title: it is dropped from the heading and
    reported, as the edition's other additions are."""
    for k, unit in enumerate(read.keep[:-1]):
        nxt = read.keep[k + 1]
        found = INCIPIT.search(unit.plain) if unit.kind == "heading" and nxt.kind == "paragraph" else None
        if found is None or not fold(nxt.plain).startswith(fold(found.group(1))):
            continue
        words = found.group(1).split()
        read.keep[k] = replace(unit, text=INCIPIT.sub("", unit.text), plain=INCIPIT.sub("", unit.plain),
                               source=INCIPIT.sub("", unit.source) if INCIPIT.search(unit.source) else unit.source)
        read.dropped.append(Dropped(unit.line, unit.last_line, f"the text's first words again, after the heading "
                                                               f"({' '.join(words[:6])!r}…): the edition's, not a title"))


BOLD_NUMBER = re.compile(r"^(?:[IVXLC]+|\d{1,3})\.\s*[-–—]+\s*\S")  # "I.—Customs.", "2.--Laws."


def _bold_headings(read: Read) -> None:
    """A paragraph wholly in bold that is a short numbered title standing alone ("<p><b>I.—Customs.</b></p>") is a
    heading one level below the heading above it: the edition marked a subdivision without an h-element."""
    level = 0
    for k, unit in enumerate(read.keep):
        if unit.kind == "heading":
            level = unit.level
            continue
        el = unit.element
        children = [c for c in el if isinstance(c.tag, str)]
        if unit.kind != "paragraph" or not level or el.tag != "p" or len(children) != 1 or \
                children[0].tag not in ("b", "strong") or (el.text or "").strip() or (children[0].tail or "").strip():
            continue
        words = unit.plain.strip().strip("*_").strip()
        if len(words) <= 80 and BOLD_NUMBER.match(words):
            read.keep[k] = replace(unit, kind="heading", text=unit.text.strip().strip("*").strip(), plain=words,
                                   level=min(level + 1, 6))


def items_of(read: Read) -> list[Item]:
    """Headings and blocks for structure.build; note calls in a heading move to the block after it."""
    items: list[Item] = []
    pending: list[int] = []
    above: list[Unit] = []  # the headings over the current one, by level
    _incipits(read)
    _bold_headings(read)
    read.keep = _join_headings(read)
    for k, unit in enumerate(read.keep):
        before, after = read.keep[k - 1] if k else None, read.keep[k + 1] if k + 1 < len(read.keep) else None
        if unit.kind == "heading" and before is not None and (
                (before.kind == "paragraph" and before.plain.rstrip().endswith(",")) or  # the sentence runs on into it
                (before.kind == "heading" and before.level < unit.level and after is not None
                 and after.kind in EPIGRAPH)):  # a poem's title over the chapter's epigraph
            items.append(Block("paragraph", unit.text + "".join(f"[^author-{n}]" for n in pending + unit.notes), unit.line))
            pending = []
            continue
        if unit.kind == "heading":
            above = [h for h in above if h.level < unit.level]
            if any(fold(h.plain) == fold(unit.plain) for h in above):
                read.dropped.append(Dropped(unit.line, unit.last_line, f"the heading above it again ({unit.plain!r})"))
                read.gone.append(unit.element)
                continue
            above.append(unit)
            subtitle = len(unit.plain.split()) > 20 and bool(items) and isinstance(items[-1], Heading)
            # a numbered heading that ends in a date is no dateline
            dateline = DATE.match(unit.plain) and not (LABEL.match(unit.plain) or NUMBERED.match(unit.plain))
            if dateline or BYLINE.match(unit.plain) or subtitle:
                items.append(Block("paragraph", unit.text, unit.line))  # a dateline or a byline: text
            else:
                items.append(_heading(unit.line, unit.text, unit.level))
            pending += unit.notes
        elif unit.kind != "note":
            text = unit.text + "".join(f"[^author-{n}]" for n in pending if unit.kind == "paragraph")
            pending = [] if unit.kind == "paragraph" else pending
            items.append(Block(unit.kind, text, unit.line))
    return items


def title_blocks(items: list[Item]) -> list[Item]:
    """A heading with no prose under it, only a byline or a subtitle, then a second, unlabelled heading at
    its level over the text: the second is a line of the first's title block ("THE LIFE OF …" / "WRITTEN BY …"
    / "CASTRUCCIO CASTRACANI 1284-1328"), text, as are the subtitles between them."""
    out = list(items)
    for k, item in enumerate(out):
        if not isinstance(item, Heading):
            continue
        m = next((j for j in range(k + 1, len(out)) if isinstance(out[j], Heading) and out[j].level <= item.level), None)
        if m is None or m == k + 1 or m + 1 >= len(out):
            continue
        second, between = out[m], out[k + 1:m]
        title_block = all(isinstance(i, Heading) or BYLINE.match(i.text) for i in between)
        if title_block and isinstance(second, Heading) and second.level == item.level and not second.rank and \
                not PRELIMINARY.match(second.text) and isinstance(out[m + 1], Block):
            for j in range(k + 1, m + 1):
                if isinstance(out[j], Heading):
                    out[j] = Block("paragraph", out[j].text, out[j].line)
    return out


def introduction_sections(items: list[Item]) -> list[Item]:
    """An introduction's own headings, before the work's labelled chapters ("CHAPTER I", …) at the same level,
    are its sections: unlabelled headings at the introduction's level between it and the next labelled,
    preliminary or part heading, when most of the work's chapters at that level carry a label."""
    headings = [i for i in items if isinstance(i, Heading)]
    out = list(items)
    for k, item in enumerate(out):
        if not (isinstance(item, Heading) and PRELIMINARY.match(item.text)):
            continue
        later = [h for h in headings if h.level == item.level and h.line > item.line]
        labelled = [h for h in later if h.rank == CHAPTER and not PRELIMINARY.match(h.text)]
        first = labelled[0].line if labelled else 0
        run = [h for h in later if h.line < first]
        stop = next((h.line for h in run if h.rank), first)
        inside = [h for h in run if h.line < stop]
        unlabelled_chapters = [h for h in later if h.line > first and not h.rank]
        if len(labelled) < 2 or not inside or len(unlabelled_chapters) >= len(labelled):
            continue
        for j in range(k + 1, len(out)):
            h = out[j]
            if isinstance(h, Heading) and h in inside:
                out[j] = replace(h, rank=SECTION)
    return out


def appendix_documents(items: list[Item]) -> list[Item]:
    """An appendix one level below the chapter whose text it follows, holding numbered documents at its own level
    ("No. 1.", "No. 2." …): the numbered headings are its sections, and the unnumbered ones among them
    (a letter's address, an extract's caption inside a document) are text."""
    out = list(items)
    for k, item in enumerate(items):
        if not (isinstance(item, Heading) and PRELIMINARY.match(item.text)):
            continue
        above = next((h for h in reversed(items[:k]) if isinstance(h, Heading) and h.level < item.level), None)
        end = next((j for j in range(k + 1, len(items)) if isinstance(items[j], Heading) and
                    items[j].level < item.level), len(items))
        inside = [j for j in range(k + 1, end) if isinstance(items[j], Heading) and items[j].level == item.level]
        numbered = [j for j in inside if NUMBERED.match(items[j].text) or LABEL.match(items[j].text)]
        own = above is not None and any(isinstance(i, Block) for i in items[items.index(above) + 1:k])
        if above is None or above.rank == PART or not own or len(numbered) < 2:  # it follows a chapter's text
            continue
        for j in inside:
            h = items[j]
            assert isinstance(h, Heading)
            out[j] = replace(h, rank=SECTION) if j in numbered else Block("paragraph", h.text, h.line)
    return out


def _preliminary(h: Heading) -> bool:
    """A Preface, an Introduction ... (a chapter by its name, not by a label; a heading level sets its style)."""
    return h.style == "preliminary" or bool(PRELIMINARY.match(h.text))


def whole_text_headings(items: list[Item], read: Read) -> list[Item]:
    """A heading standing alone above the chapters (the work's title again) is not a part; a heading at
    the chapters' level with no text of its own (an epigraph at most), over numbered chapters, is one."""
    items = runs(items)  # a label and its title as one heading, as build() joins them
    headings = [i for i in items if isinstance(i, Heading)]
    order = {PART: 0, CHAPTER: 1, SECTION: 2}
    labelled = [(order[h.rank], h.level) for h in headings if h.rank and not _preliminary(h)]
    if any(r1 < r2 and l1 > l2 for r1, l1 in labelled for r2, l2 in labelled):
        # "PART I" under "SECTION 1": the labels contradict the markup's levels; the levels decide
        items = [replace(i, rank=None) if isinstance(i, Heading) and not _preliminary(i) else i for i in items]
        headings = [i for i in items if isinstance(i, Heading)]
    ranks = rank([replace(h, rank=None) if _preliminary(h) else h for h in headings])  # a Preface ranks no level
    parts = [h for h, r in zip(headings, ranks, strict=True) if r == PART and not h.rank]
    top = [h for h in headings if h.level == min((h.level for h in headings), default=0)]
    after = items[items.index(top[0]) + 1] if top and items.index(top[0]) + 1 < len(items) else None
    if len(top) == 1 and not top[0].rank and isinstance(after, Heading) and after.level > top[0].level:
        parts = top  # one heading above all the others: the work's title again, not a part
    out = list(items)
    if len(parts) == 1:
        out = [i for i in out if i is not parts[0]]
        read.dropped.append(Dropped(parts[0].line, parts[0].line, f"a heading over the whole text ({parts[0].text!r})"))
    for k, item in enumerate(out[:-1]):
        # an epigraph (a quotation or verse under the title) is not text of its own
        nxt = next((i for i in out[k + 1:] if not (isinstance(i, Block) and i.kind in EPIGRAPH)), out[k + 1])
        if isinstance(item, Heading) and not item.rank and isinstance(nxt, Heading) and nxt.rank and \
                nxt.level == item.level and nxt.rank != PART and not PRELIMINARY.match(item.text):
            out[k] = replace(item, rank=PART)
    return out


def contents_peers(items: list[Item], read: Read) -> list[Item]:
    """The headings a contents list links to, at one level, are peers of one rank: when one of them is a part
    (ranked so by its label or by a rule above) and holds headings of its own level before the next peer (its
    chapters), the unlabelled others are parts too, a collected volume's works, though each has only a plain
    title; the unlabelled headings of their level under each are its chapters."""
    out = list(items)
    headings = {k: i for k, i in enumerate(out) if isinstance(i, Heading)}
    linked = [k for k, h in headings.items() if h.line in read.linked]
    for level in {headings[k].level for k in linked}:
        peers = [k for k in linked if headings[k].level == level]
        spans = list(zip(peers, [*peers[1:], len(out)], strict=True))
        under = {k: [j for j in range(k + 1, end) if j in headings and headings[j].level == level] for k, end in spans}
        if len(peers) < 2 or not any(headings[k].rank == PART and under[k] for k in peers):
            continue
        for k in peers:
            if headings[k].rank not in (None, PART):
                continue  # a peer its label ranks otherwise ("CHAPTER X", a Preface) keeps its rank
            out[k] = replace(headings[k], rank=PART)
            for j in under[k]:
                if not headings[j].rank:
                    out[j] = replace(headings[j], rank=CHAPTER)
    return out
