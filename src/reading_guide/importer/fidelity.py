"""Fidelity: every word of the source, in order, is in the guide's chapter pages.

Pure (standard library only). The check reads the source again with the import's own rules
(read_text) only to learn which lines are not text (front and back matter, metadata: the
`dropped` of the parse) and which titles the import made up ("Introduction", a part named after
the book); it names those exceptions in its result. Every other word of the source, headings
included, must be found in order in the pages: the `# title` and the article block of each page
(`<div class="article" markdown>` … `</div>`), with what the guide adds there (footnote
references) and what the import adds (escapes, verse line breaks) taken out. Anything else on a
page (notes, summary, questions) is the guide's own and is not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..core.chapters import reading_key
from ..core.page_check import check_page
from ..core.sanitize import clean_markdown
from .blocks import page_words
from .classify import ATX, SETEXT
from .encoding import decode
from .errors import TextImportError
from .markup import clean_line
from .matter import Dropped
from .parse import Text, is_markup, read_text

FOOTNOTE_REF = re.compile(r"(?<!\\)\[\^[^\]\s\\]+\]")
UNESCAPE = re.compile(r"\\([\\`*_{}\[\]#>+\-!.)])")


class PageError(ValueError):
    """A chapter page the site would refuse (its front matter, its chapter number): the message names it."""


@dataclass
class Fidelity:
    problems: list[str] = field(default_factory=list)
    excepted: list[str] = field(default_factory=list)  # what of the source is not in the pages, and why


@dataclass
class _Segment:
    page: str
    words: list[str]
    heading: bool
    title: str = ""  # a page title (it may be made up by the import)


def fidelity_problems(source: Path, chapter_pages: Mapping[str, str], article_class: str = "article",
                      split: str = "chapters") -> list[str]:
    """What keeps the pages from being the source word for word (empty: they are)."""
    return check_fidelity(source, chapter_pages, article_class, split).problems


def excepted(source: Path, dropped: Iterable[Dropped], text: Text) -> list[str]:
    """What the check leaves out, and says so: the matter the import dropped, titles it made up."""
    found = [f"{source}, line{'s' if d.last_line > d.first_line else ''} {d.first_line}"
             f"{'–' + str(d.last_line) if d.last_line > d.first_line else ''}: {d.what}" for d in dropped]
    return found + [f"title made by the import, not in the source: {t!r}" for t in sorted(made_up_titles(text))]


def made_up_titles(text: Text) -> set[str]:
    """Titles the import made up (not in the source): "Introduction", a part named after the text."""
    return {c.title for c in text.chapters if not c.line} | {p.title for p in text.parts if not p.line}


def check_fidelity(source: Path, chapter_pages: Mapping[str, str], article_class: str = "article",
                   split: str = "chapters") -> Fidelity:
    """The problems found, and the parts of the source the check excepted (and why)."""
    if is_markup(source):  # an edition with markup: its own reading
        from .markup_fidelity import check_markup_fidelity

        return check_markup_fidelity(source, chapter_pages, article_class, split)
    try:
        text = read_text(source, split)
        raw = decode(source.read_bytes(), str(source))[0]
    except (TextImportError, OSError) as err:
        return Fidelity([f"{source}: cannot be read ({err})"])
    result = Fidelity(excepted=excepted(source, text.dropped, text))
    made_up = made_up_titles(text)
    if text.markdown:  # compared as imported: without the markup the import removed (core.sanitize)
        raw = clean_markdown(raw.replace("\r\n", "\n").replace("\r", "\n"))[0]
    words = _source_words(raw.split("\n"), {n for d in text.dropped for n in range(d.first_line, d.last_line + 1)},
                          text.markdown)
    try:
        segments = _page_segments(chapter_pages, article_class, text.markdown)
    except PageError as err:
        return Fidelity([str(err)], result.excepted)
    result.problems = _compare(words, segments, made_up, str(source))
    return result


def _source_words(lines: list[str], excepted: set[int], markdown: bool) -> list[tuple[str, int]]:
    words = []
    for number, line in enumerate(lines, start=1):
        # a setext underline (a heading's line, not text): under one line of text, not closing a longer block
        underline = SETEXT.match(line) and number > 1 and lines[number - 2].strip() and \
            (number < 3 or not lines[number - 3].strip())
        if number in excepted or underline:
            continue
        atx = ATX.match(line)
        content = atx.group(2) if atx else line
        if markdown:
            content = FOOTNOTE_REF.sub("", clean_line(content)[0])
        words += [(w, number) for w in content.split()]
    return words


def _page_segments(pages: Mapping[str, str], article_class: str, markdown: bool) -> list[_Segment]:
    """The words of the pages in reading order: part titles, page titles, then the article blocks."""
    read = []
    for name, page in pages.items():
        # The page read as the site reads it: its chapter number, and its place in the reading order.
        checked = check_page(name, page.encode("utf-8"), article_class)
        if errors := [problem for problem in checked.problems if problem.is_error]:
            raise PageError(str(errors[0]))
        meta = {key: str(value) for key, value in checked.meta.items() if value is not None}
        read.append(((*reading_key(checked.chapter, checked.opens), name), checked.chapter is not None, meta, checked.body))
    segments, part = [], None
    for (*_, name), is_chapter, meta, body in sorted(read, key=lambda r: r[0]):
        title = re.search(r"^# (.+)$", body, re.M)
        if meta.get("part") and meta.get("part") != part and is_chapter:
            segments.append(_Segment(name, _words(meta["part"], markdown), True, meta["part"]))
        part = meta.get("part")
        if title:
            shown = _unescape(title.group(1), markdown)
            segments.append(_Segment(name, shown.split(), True, meta.get("part", "") if not is_chapter else shown))
        opening = f'<div class="{article_class}" markdown>'
        if opening not in body:
            segments.append(_Segment(name, [f"<no {opening} block>"], False))
            continue
        article = body.split(opening, 1)[1].split("\n</div>\n", 1)[0]
        for line in page_words(FOOTNOTE_REF.sub("", article)).split("\n"):
            heading = re.match(r"^#{1,6} ", line)
            if line.startswith("    ") and not markdown:
                segments.append(_Segment(name, line.split(), False))  # a table's code block: not escaped
            elif line.strip():
                segments.append(_Segment(name, _words(line[heading.end():] if heading else line, markdown), bool(heading)))
    return segments


def _unescape(text: str, markdown: bool) -> str:
    return text if markdown else UNESCAPE.sub(r"\1", text).replace("&lt;", "<").replace("&amp;", "&")


def _words(text: str, markdown: bool) -> list[str]:
    return _unescape(text, markdown).split()


def _compare(words: list[tuple[str, int]], segments: list[_Segment], made_up: set[str], name: str) -> list[str]:
    i = 0
    for segment in segments:
        if segment.title in made_up and not _starts(words, i, segment.words):
            continue  # a title the import made ("Introduction"): not in the source
        for word in segment.words:
            if i >= len(words):
                return [f"{segment.page}: {word!r} is not in the source (the source ended before it)"]
            expected, line = words[i]
            if word == expected or (segment.heading and word == expected + ":"):
                i += 1
            elif expected.endswith("-") and i + 1 < len(words) and word == expected + words[i + 1][0]:
                i += 2  # a word hyphenated over two lines, joined
            else:
                return [f"{segment.page}: {word!r} where the source ({name}, line {line}) has {expected!r}"]
    if i < len(words):
        word, line = words[i]
        return [f"{name}, line {line}: {word!r} and what follows ({len(words) - i} word(s)) are in no page"]
    return []


def _starts(words: list[tuple[str, int]], i: int, expected: list[str]) -> bool:
    return [w for w, _ in words[i:i + len(expected)]] == expected
