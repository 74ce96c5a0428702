"""The article's paragraphs as plain text, numbered as the site numbers them (`#p3-2` is 3.2).

Pure (standard library and PyYAML): read from the chapters' Markdown, not from a build. The
site numbers the `<p>` and `<blockquote>` elements directly inside the article block
(linker.number_paragraphs); here the same blocks are found in the Markdown: a run of lines
between blank lines that is no heading, list, table, code, rule, admonition or HTML block, and a
run of quoted (`>`) blocks, which Markdown joins into one blockquote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .front_matter import YAML_LOADER, FrontMatterError, split_front_matter
from .html_text import text_parts

OPENING = re.compile(r'^<div\s+class="([^"]*)"\s+markdown(?:="1")?\s*>\s*$')
HTML_BLOCK = re.compile(r"^</?(?:div|p|table|pre|ul|ol|dl|blockquote|figure|hr|details|section|aside|h[1-6]|form"
                        r"|iframe|script|style|!--)\b", re.I)
NOT_PROSE = re.compile(r"^(?:#{1,6}(?:\s|$)|[-*+]\s|\d+[.)]\s|\||\t| {4}|!!!|\?\?\?|```|~~~|\[\^[^\]]+\]:)")
RULE = re.compile(r"^(?:[-*_]\s*){3,}$")
FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
ATTRIBUTES = re.compile(r"\{:?\s*[.#][^}]*\}")
EMPHASIS = re.compile(r"(?<![\w\\])([*_]{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")


@dataclass(frozen=True)
class Paragraph:
    chapter: str  # the chapter number as the front matter gives it
    number: int  # 1.. within the chapter
    text: str  # what a reader sees, as plain text
    page: str  # the chapter file, for messages

    @property
    def ref(self) -> str:
        """How the paragraph is cited: `3.2` (its anchor on the site is `#p3-2`)."""
        return f"{self.chapter}.{self.number}"


def plain(markdown: str) -> str:
    """One paragraph's inline Markdown as the words a reader sees."""
    text = FOOTNOTE_REF.sub("", "".join(text_parts(markdown)))
    text = ATTRIBUTES.sub("", LINK.sub(r"\1", text))
    text = EMPHASIS.sub(r"\2", EMPHASIS.sub(r"\2", text))
    return " ".join(ESCAPE.sub(r"\1", text).replace("\\\n", "\n").split())


def article_blocks(body: str, article_class: str = "article") -> list[str]:
    """The Markdown of each article block of a page, in order."""
    blocks: list[str] = []
    current: list[str] = []
    depth = 0
    for line in body.splitlines():
        if depth == 0:
            opening = OPENING.match(line.strip())
            if opening and article_class in opening.group(1).split():
                depth, current = 1, []
            continue
        stripped = line.strip()
        if stripped.startswith("<div"):
            depth += 1
        elif stripped == "</div>":
            depth -= 1
            if depth == 0:
                blocks.append("\n".join(current))
                continue
        current.append(line)
    return blocks


def numbered_blocks(article: str) -> list[str]:
    """The blocks of an article that the site numbers, as Markdown (quoted runs joined)."""
    found: list[str] = []
    quoting = False  # the last block was a quote: the next quoted block joins it
    for block in re.split(r"\n[ \t]*\n", article):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        first = lines[0]
        if first.lstrip().startswith(">"):
            text = " ".join(re.sub(r"^\s*(?:>\s?)+", "", line) for line in lines)
            if quoting:
                found[-1] += "\n" + text
            else:
                found.append(text)
            quoting = True
            continue
        quoting = False
        if re.match(r"^#{1,6}(?:\s|$)", first) and len(lines) > 1:
            lines = lines[1:]  # a heading line, and a paragraph under it with no blank line between
            first = lines[0]
        if NOT_PROSE.match(first) or RULE.match(first.strip()) or HTML_BLOCK.match(first.strip()):
            continue
        found.append("\n".join(lines))
    return found


def page_paragraphs(raw: str, page: str, article_class: str = "article") -> list[Paragraph]:
    """The numbered paragraphs of one chapter page (none if it is no chapter)."""
    try:
        parts = split_front_matter(raw.removeprefix("\ufeff"))
    except FrontMatterError:
        return []  # the build reports a page's broken front matter; here it is no chapter
    if parts is None:
        return []
    try:
        meta = yaml.load(parts[0], Loader=YAML_LOADER)
    except yaml.YAMLError:
        return []  # the build reports a page's broken front matter; here it is no chapter
    if not isinstance(meta, dict) or meta.get("chapter") is None:
        return []
    chapter = str(meta["chapter"])
    blocks = [b for article in article_blocks(parts[1], article_class) for b in numbered_blocks(article)]
    return [Paragraph(chapter, n, plain(block), page) for n, block in enumerate(blocks, start=1)]


def read_chapters(docs: Path, article_class: str = "article", shown: str = "docs") -> list[Paragraph]:
    """Every chapter's paragraphs under `docs`, chapters in their order (2 before 10)."""
    chapters = []
    for path in sorted(docs.rglob("*.md")):
        paragraphs = page_paragraphs(path.read_text(encoding="utf-8", errors="replace"),
                                     f"{shown}/{path.relative_to(docs).as_posix()}", article_class)
        if paragraphs:
            chapter = paragraphs[0].chapter
            chapters.append(((0, int(chapter), "") if chapter.isdigit() else (1, 0, chapter), paragraphs))
    return [p for _, paragraphs in sorted(chapters, key=lambda c: c[0]) for p in paragraphs]
