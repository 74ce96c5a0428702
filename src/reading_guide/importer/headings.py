"""Rules on a text's items between classification and its hierarchy: title page, a title set line by line,
a series label over bare numbers, label titles, subtitles, the work's own title, closing lines (signatures),
and no empty chapter or section.

Pure (standard library only). Each takes the items (heading candidates and blocks, in order) and
returns them corrected; what it drops it reports through the Matter, and why a heading-like line
was read as text through `matter.why`.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import replace

from .classify import BYLINE, CLOSERS, DATE
from .matter import Matter, title_page_like
from .structure import CHAPTER, PART, Block, Heading, Item, RawChapter, join_titles, weak

TITLE_PAGE_WORDS = 80  # a line on the author under the title is short; the work's first paragraph rarely is


def no_empty(chapters: list[RawChapter]) -> tuple[list[RawChapter], tuple[str, ...]]:
    """No empty chapter and no empty section: a heading with no text under it is kept as a line of text (at the
    end of the chapter before, or joined to the title of the next chapter if none is before it)."""
    done: list[str] = []
    out: list[RawChapter] = []
    pending: list[RawChapter] = []
    for c in chapters:
        for k, b in enumerate(c.blocks):
            nxt = c.blocks[k + 1] if k + 1 < len(c.blocks) else None
            if b.kind == "heading" and (nxt is None or (nxt.kind == "heading" and nxt.level <= b.level)):
                c.blocks[k] = Block("paragraph", b.text, b.line)
                done.append(f"line {b.line}: the section heading {b.text!r} has no text under it: kept as a line of text")
        if not c.blocks and c.line:
            if out and out[-1].part == c.part:
                out[-1].blocks.append(Block("paragraph", c.title, c.line))
                done.append(f"line {c.line}: the heading {c.title!r} has no text under it: kept as a line of text at the "
                            f"end of {out[-1].title!r}, not an empty chapter")
            else:
                pending.append(c)
            continue
        if pending:
            done.append(f"line {pending[0].line}: the heading(s) {', '.join(repr(p.title) for p in pending)} have no text "
                        f"under them: joined to the title of the next chapter")
            c.title, c.line = join_titles([*(p.title for p in pending), c.title]), pending[0].line
            pending = []
        out.append(c)
    out += pending  # nothing follows them: the parse reports a text of headings only
    return out, tuple(done)

def title_page(items: list[Item], title: str, matter: Matter) -> list[Item]:
    """Short lines before the first heading (the title again, "by …", "Translated by …", a year) are a title page."""
    index = 0
    while index < len(items):
        item = items[index]
        nxt = items[index + 1] if index + 1 < len(items) else None
        if isinstance(item, Heading) and (item.level or item.rank or (isinstance(nxt, Block) and not _page_line(nxt))):
            break
        if isinstance(item, Block) and not _page_line(item):
            return items
        index += 1
    if not index or index == len(items):
        return items
    first, last = items[0].line, items[index].line - 1  # to the line before the work's first heading
    matter.drop(first - 1, last - 1, "title page")
    matter.other.extend(re.sub(r"^[_*]+|[_*]+$", "", i.text).strip() for i in items[:index]
                        if re.match(r"^[_*]*(?:translated|edited)\b", i.text, re.I))
    return items[index:]

def label_titles(items: list[Item]) -> list[Item]:
    """The line after a label alone ("Chapter Fourteen") is its title, however long, if it reads as one."""
    out = list(items)
    for k, item in enumerate(out[:-1]):
        nxt = out[k + 1]
        if isinstance(item, Heading) and item.bare and isinstance(nxt, Block) and nxt.prose and "\n" not in nxt.text \
                and len(nxt.text) <= 100 and nxt.text[:1].isupper() and nxt.text.rstrip(CLOSERS)[-1:] not in ".,;:":
            out[k + 1] = Heading(nxt.line, nxt.text, "caps")
    return out

def subtitles(items: list[Item], matter: Matter) -> list[Item]:
    """Under a heading, a byline ("WRITTEN BY …") and a line or two more, then a plain heading: that heading
    is the work's subtitle or its subject's name ("CASTRUCCIO CASTRACANI 1284-1328"), text, not a chapter."""
    out = list(items)
    for k, item in enumerate(out):
        if not (isinstance(item, Block) and BYLINE.match(item.text) and k and isinstance(out[k - 1], Heading)):
            continue
        nxt = next((j for j in range(k + 1, min(len(out), k + 3)) if not isinstance(out[j], Block)
                    or len(out[j].text.split()) > 20), None)
        head = out[nxt] if nxt is not None else None
        if nxt is not None and isinstance(head, Heading) and head.rank is None and head.style in ("caps", "short") \
                and not head.level:
            matter.why[head.line] = "under a heading and its byline: a subtitle, not a chapter"
            out[nxt] = Block("paragraph", head.text, head.line)
    return out

def work_begins(items: list[Item], title: str, matter: Matter) -> list[Item]:
    """A heading that repeats the text's own title opens the work. At the top, with a few short lines
    under it ("by …", "Translated by …", a line on the author) before the next heading, it is the title
    page. After an introduction it is a chapter, never a section of the introduction; directly above a
    labelled chapter ("CHAPTER I") it is the part that holds the work's chapters."""
    key = _fold(title)
    if len(items) > 1 and isinstance(items[0], Heading) and _fold(items[0].text) == key:
        after = next((k for k in range(1, min(len(items), 6)) if isinstance(items[k], Heading)), None)
        if after and all(len(i.text.split()) <= TITLE_PAGE_WORDS for i in items[1:after]):
            matter.drop(items[0].line - 1, items[after].line - 2, "title page")
            items = items[after:]
    out = list(items)
    for k, item in enumerate(out):
        if isinstance(item, Heading) and k and not item.rank and _fold(item.text) == key:
            nxt = out[k + 1] if k + 1 < len(out) else None
            opens = isinstance(nxt, Heading) and nxt.rank == CHAPTER and nxt.style != "preliminary"
            out[k] = replace(item, rank=PART if opens else CHAPTER)
    return out

def _fold(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text).lower().split())

def _page_line(block: Block) -> bool:
    lines = block.text.split("\n")
    return title_page_like(lines) and not re.search(r"(?<![0-9A-Z])[.!?;:,][\W_]*$", lines[-1])

def title_blocks(items: list[Item]) -> list[Item]:
    """Three or more heading lines one blank line apart ("SPEECH" / "ON THE" / "MOTION MADE FOR PAPERS" / …) are
    one title, a work's title page set line by line; a date among them or right under them ("FEBRUARY 28, 1785.",
    "1790.") is part of it, a wider gap ends it. Such a title again, shorter, over the work's text
    ("REFLECTIONS" / "ON" / "THE REVOLUTION IN FRANCE.") is the work's chapter, not another work."""
    out: list[Item] = []
    previous: set[str] = set()
    k = 0
    while k < len(items):
        first = items[k]
        run = [first]
        while isinstance(first, Heading) and weak(first) and k + len(run) < len(items):
            nxt = items[k + len(run)]
            last = run[-1]
            end = max(last.lines or (last.line,)) if isinstance(last, Heading) else last.line
            closed = any(isinstance(i, Heading) and i.text.endswith(".") for i in run)  # a full stop ends the title
            if nxt.line - end != 2 or not ((isinstance(nxt, Heading) and weak(nxt) and not closed) or _date(nxt)):
                break
            run.append(nxt)
        heads = [i for i in run if isinstance(i, Heading)]
        if len(heads) >= 3:
            keys = set(_fold(" ".join(i.text for i in run)).split())
            again = bool(previous) and keys <= previous
            out.append(Heading(run[0].line, " ".join(i.text for i in run), "title again" if again else "title", 0,
                               CHAPTER if again else None, False,
                               tuple(n for i in run for n in (i.lines if isinstance(i, Heading) and i.lines else (i.line,)))))
            previous = set() if again else keys
            k += len(run)
            continue
        out.append(items[k])
        k += 1
    return out


def _date(item: Item) -> bool:
    return isinstance(item, Block) and "\n" not in item.text and bool(DATE.match(item.text))


def series_labels(items: list[Item]) -> list[Item]:
    """A line that stands above a bare number again and again ("THE CRISIS" / "II.", "THE RAMBLER" / "No. 5")
    is the numbers' label: each pair is one heading, the number's. Once is not enough: a work's title over
    its first numbered chapter is a part. A plain heading that names the label ("THE CRISIS EXTRAORDINARY",
    with the line under it) is one more piece of the series: a chapter like the numbered ones."""
    def numeral(k: int) -> bool:
        item = items[k] if k < len(items) else None
        return isinstance(item, Heading) and item.bare and item.style in ("roman", "number")

    def heading(k: int) -> bool:
        item = items[k]
        return isinstance(item, Heading) and weak(item) and numeral(k + 1)

    def line(k: int) -> bool:  # "The Crisis." ends as a sentence does: a short line, not a heading candidate
        item = items[k]
        return isinstance(item, Block) and "\n" not in item.text and len(item.text.split()) <= 5 and numeral(k + 1)

    counts = Counter(_fold(items[k].text) for k in range(len(items)) if heading(k))
    labels = {label for label, n in counts.items() if n >= 2}
    if not labels:
        return items
    style = next(n.style for k, n in enumerate(items[1:]) if isinstance(n, Heading) and heading(k)
                 and _fold(items[k].text) in labels)
    nouns = {w for label in labels for w in label.split() if len(w) > 3}
    out: list[Item] = []
    k = 0
    while k < len(items):
        item = items[k]
        if (heading(k) or line(k)) and _fold(item.text) in labels:
            number = items[k + 1]
            assert isinstance(number, Heading)
            out.append(replace(number, text=f"{item.text} {number.text}", line=item.line,
                               lines=(item.line, *(number.lines or (number.line,)))))
            k += 2
            continue
        if isinstance(item, Heading) and weak(item) and nouns & set(_fold(item.text).split()):
            run = [h for h in itertools.takewhile(lambda i: isinstance(i, Heading) and weak(i), items[k:k + 3])
                   if isinstance(h, Heading)]
            out.append(Heading(item.line, join_titles([h.text for h in run]), style, 0, CHAPTER, False,
                               tuple(n for h in run for n in (h.lines or (h.line,)))))
            k += len(run)
            continue
        out.append(item)
        k += 1
    return out


SIGNED = re.compile(r"^[\W_]*[A-Z][^.!?]{0,40}[,.]\s*(?:[A-Z][a-z]{2,8}\.?\s+)?\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\W*$")


def _dateline(item: Item | None) -> bool:  # "PHILADELPHIA, Nov. 21, 1778.", "December 23, 1776."
    return isinstance(item, Block) and "\n" not in item.text and len(item.text.split()) <= 8 and \
        bool(DATE.match(item.text) or SIGNED.match(item.text))


def closing_lines(items: list[Item]) -> list[Item]:
    """A signature or a dateline after the last paragraph ("KARL MARX", "London, January 1888") is text; so is a
    line under a paragraph that ends in a comma (a letter's "Your friend, …," and its signature) and a line
    right above a dateline (the signature over "PHILADELPHIA, Nov. 21, 1778.")."""
    out = list(items)
    for k, item in enumerate(out):
        if not (isinstance(item, Heading) and weak(item) and k and isinstance(out[k - 1], Block)):
            continue
        before, after = out[k - 1], out[k + 1] if k + 1 < len(out) else None
        if (isinstance(before, Block) and before.prose and before.text.rstrip().endswith(",")) or _dateline(after):
            out[k] = Block("paragraph", item.text, item.line)
            continue
        following = list(itertools.takewhile(lambda i: isinstance(i, Block), out[k + 1:]))
        if 0 < len(following) <= 2 and all(DATE.match(b.text) or len(b.text.split()) <= 8 for b in following) \
                and (k + 1 + len(following) == len(out) or isinstance(out[k + 1 + len(following)], Heading)):
            out[k] = Block("paragraph", item.text, item.line)
    return out
