"""The walk over an HTML body: each block element in document order becomes a unit (html_dom.Unit).

Pure (lxml only). Headings, paragraphs (and runs of text between blocks), verse, lists, tables,
preformatted text, block quotes and images; an e-book's own furniture (title page, imprint,
colophon) and a site's navigation become "dropped" units, the text's own notes "note" units, for
html_source.py to decide on. Each unit carries its words as the DOM has them (`source`), read apart
from its Markdown, for the fidelity check.
"""

from __future__ import annotations

import re

from lxml import etree

from .blocks import block_kind
from .classify import unwrap
from .html_caption import caption_apart
from .html_dom import (
    BLOCKS,
    CONTAINERS,
    HEADINGS,
    NAV_CLASSES,
    QUOTE_CLASSES,
    SKIPPED,
    TOP_LINK,
    VERSE_CLASSES,
    Inline,
    Unit,
    Walk,
    attribute,
    classes,
    indent,
    is_page_marker,
    last_line,
    line_start,
    plain,
    text_of_node,
)
from .pages import escape_markdown
from .structure import join_titles

# An e-book's own furniture, as EPUB 3 semantics (epub:type) and DPUB-ARIA roles name it, and a wiki's
FURNITURE_TYPES = {"titlepage", "halftitlepage", "imprint", "colophon", "copyright-page", "toc", "landmarks", "loi",
                   "lot", "index", "uncopyright", "seriespage", "other-credits"}
WIKI_FURNITURE = {"mw-editsection", "ws-noexport", "noprint", "mw-jump-link", "printfooter", "catlinks", "ws-header"}
FURNITURE_IDS = {"pg-header": "Project Gutenberg header", "pg-footer": "Project Gutenberg licence",
                 "pg-machine-header": "Project Gutenberg header"}


class Walker:
    """The walk over the body: each block element in document order becomes a unit."""

    def __init__(self, walk: Walk, image_prefix: str) -> None:
        self.walk, self.prefix = walk, image_prefix
        self.run_source: str | None = None  # the words of a run of text and inline elements being made a unit

    def inline(self) -> Inline:
        return Inline(self.walk, self.prefix)

    def unit(self, kind: str, text: str, el: etree._Element, ink: Inline | None = None, source: str | None = None,
             **extra: object) -> None:
        if source is None:
            source = self.run_source if self.run_source is not None else source_text(el, self.walk)
        unit = Unit(kind, text, plain_markdown(text), el.sourceline or 0, last_line(el), el, **extra)  # type: ignore[arg-type]
        unit.source = source
        if ink is not None:
            unit.links, unit.linked, unit.outside_links, unit.notes = ink.links, ink.linked, ink.outside, ink.notes
        self.walk.units.append(unit)

    def dropped(self, el: etree._Element, what: str) -> None:
        self.walk.units.append(Unit("dropped", what, plain(el), el.sourceline or 0, last_line(el), el))

    def container(self, el: etree._Element, quote: bool = False) -> None:
        """Block children in turn; runs of text and inline elements between them are paragraphs."""
        run: list[etree._Element | str] = [el.text] if el.text and el.text.strip() else []
        for child in el:
            if isinstance(child.tag, str) and (child.tag in BLOCKS or child.tag in SKIPPED) and \
                    not is_page_marker(child):
                self.run(run, el, quote)
                run = []
                self.block(child, quote)
            else:
                run.append(child)
            if child.tail and child.tail.strip():
                run.append(child.tail)
            elif child.tail:
                run.append(" ")
        self.run(run, el, quote)

    def run(self, run: list[etree._Element | str], parent: etree._Element, quote: bool) -> None:
        ink = self.inline()
        text = "".join(text_of_node(p) if isinstance(p, str) else ink.element(p) for p in run)
        line = next((p for p in run if not isinstance(p, str)), parent)
        self.run_source = "".join(p if isinstance(p, str) else source_text(p, self.walk, inner=True) for p in run)
        self.paragraph(text, line, ink, quote)
        self.run_source = None

    def paragraph(self, text: str, el: etree._Element, ink: Inline, quote: bool = False) -> None:
        lines = [line_start(" ".join(s.split())) for s in text.split("\n")]
        lines = [s for s in lines if s]
        if not lines:
            return
        if len(lines) == 1 and re.fullmatch(r"(?:!\[[^\]]*\]\([^)]*\)\s*)+", lines[0]):
            self.unit("image", lines[0], el, ink)
        elif len(lines) > 1 and max(map(len, lines)) <= 90:
            self.unit("verse", "\n".join(lines), el, ink)
        elif quote:
            self.unit("quote", "> " + " ".join(lines), el, ink)
        else:
            self.unit("paragraph", " ".join(lines), el, ink)

    def block(self, el: etree._Element, quote: bool = False) -> None:
        tag, cls = el.tag, classes(el)
        if tag in SKIPPED or not isinstance(tag, str):
            return
        if el in self.walk.note_of:
            self.walk.units.append(Unit("note", str(self.walk.note_of[el]), plain(el), el.sourceline or 0,
                                        last_line(el), el))
            return
        if (el.get("id") or "") in FURNITURE_IDS:
            return self.dropped(el, FURNITURE_IDS[el.get("id") or ""])
        if tag == "nav" or el.get("role") == "navigation" or cls & NAV_CLASSES:
            return self.dropped(el, "site navigation")
        semantics = set(attribute(el, "epub:type").split()) | {(el.get("role") or "").removeprefix("doc-")}
        if semantics & FURNITURE_TYPES or cls & WIKI_FURNITURE:
            what = sorted(semantics & FURNITURE_TYPES) or sorted(cls & WIKI_FURNITURE)
            return self.dropped(el, f"not the text: {what[0]}")
        if is_page_marker(el):
            self.walk.page_markers += 1
            return None
        if tag == "hgroup" and any(c.tag in HEADINGS for c in el):  # a heading and its title or subtitle lines
            first = next(c for c in el if c.tag in HEADINGS)
            ink = self.inline()
            ink.render(el)
            title = join_titles([t for t in (heading_text(c, self.walk) for c in el if isinstance(c.tag, str)) if t])
            self.unit("heading", title, el, ink, level=HEADINGS[first.tag])
            return None
        if tag in HEADINGS:
            caption = caption_apart(el)  # a label over its caption: the caption is text (html_caption.py)
            ink = self.inline()
            ink.render(el)  # for the note calls in it
            title = heading_text(el, self.walk)
            if title:
                self.unit("heading", title, el, ink, level=HEADINGS[tag])
            return None if caption is None else self.block(caption, quote)
        if cls & VERSE_CLASSES and tag in ("div", "p", "blockquote", "section"):
            return self.verse(el)
        if tag == "hr":
            return None
        if tag == "pre":
            if self.prose(el):
                return None
            lines = el.text_content().strip("\n").rstrip().split("\n")
            margin = min((len(s) - len(s.lstrip()) for s in lines if s.strip()), default=0)
            return self.unit("preformatted", "\n".join("    " + s[margin:] for s in lines), el)
        if tag in ("ul", "ol") and any(item in self.walk.note_of for item in el):
            return self.container(el)  # a list of the text's notes (endnotes): each item is a note
        if tag in ("ul", "ol"):
            return self.list(el)
        if tag == "table":
            return self.table(el)
        if tag == "blockquote" or (cls & QUOTE_CLASSES and tag in ("div", "p")):
            if any(isinstance(c.tag, str) and c.tag in BLOCKS for c in el):
                return self.container(el, quote=True)
            ink = self.inline()
            self.paragraph(ink.render(el), el, ink, quote=True)
            return None
        if tag in CONTAINERS and any(isinstance(c.tag, str) and c.tag in BLOCKS for c in el):
            return self.container(el, quote)
        ink = self.inline()
        self.paragraph(ink.render(el), el, ink, quote)
        return None

    def prose(self, el: etree._Element) -> bool:
        """A <pre> that holds paragraphs of hard-wrapped prose (a letter or a dedication set as typed text) is read
        as a plain text is: its paragraphs, unwrapped. Verse, lists, tables and code stay as they are set."""
        pieces = [p for p in re.split(r"\n[ \t]*\n", el.text_content()) if p.strip()]
        lines = [[s for s in p.split("\n") if s.strip()] for p in pieces]
        dedented = [[s[min(len(t) - len(t.lstrip()) for t in block):] for s in block] for block in lines]
        if not pieces or not any(len(block) > 1 for block in dedented) or \
                any(block_kind(block, False, 80) != "paragraph" for block in dedented):
            return False
        for block in dedented:  # a word broken at a line's end is joined, as on the page
            paragraph = unwrap(block)
            self.unit("paragraph", escape_markdown(paragraph), el, source=paragraph)
        return True

    def verse(self, el: etree._Element) -> None:
        stanzas = [c for c in el if isinstance(c.tag, str) and classes(c) & {"stanza", "lg", "verse-stanza"}]
        for stanza in stanzas or [el]:
            ink = self.inline()
            lines = [indent(s) + line_start(" ".join(s.split())) for s in verse_lines(stanza, ink).split("\n")]
            lines = [s for s in lines if s.strip()]
            if lines:
                self.unit("verse", "\n".join(lines), stanza, ink)

    def list(self, el: etree._Element, depth: int = 0) -> None:
        ink, lines, source = self.inline(), [], source_text(el, self.walk)
        for number, item in enumerate((c for c in el if c.tag == "li"), start=1):
            marker = f"{number}." if el.tag == "ol" else "-"
            nested = [c for c in item if c.tag in ("ul", "ol")]
            for sub in nested:
                item.remove(sub)  # rendered below as indented items; the tree is ours alone
            text = " ".join(verse_lines(item, ink).split())
            lines.append(f"{'    ' * depth}{marker} {text}")
            for sub in nested:
                sub_ink = self.inline()
                lines += [f"{'    ' * (depth + 1)}{'-' if sub.tag == 'ul' else '1.'} {' '.join(verse_lines(li, sub_ink).split())}"
                          for li in sub if li.tag == "li"]
                ink.notes += sub_ink.notes
                ink.links, ink.linked = ink.links + sub_ink.links, ink.linked + sub_ink.linked
        if lines:
            self.unit("list", "\n".join(lines), el, ink, source)

    def table(self, el: etree._Element) -> None:
        ink = self.inline()
        rows = [[" ".join(verse_lines(cell, ink).split()).replace("|", "\\|") for cell in row
                 if cell.tag in ("td", "th")] for row in el.iter("tr")]
        rows = [r for r in rows if any(r)]
        if not rows:
            return
        width = max(map(len, rows))
        rows = [r + [""] * (width - len(r)) for r in rows]
        if width == 1:  # one column: a list of lines, not a table
            self.paragraph("\n".join(r[0] for r in rows), el, ink)
            return
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width] + ["| " + " | ".join(r) + " |" for r in rows[1:]]
        self.unit("table", "\n".join(lines), el, ink)


def verse_lines(el: etree._Element, ink: Inline) -> str:
    """Inline Markdown of an element whose block children and <br> each end a line."""
    out = [text_of_node(el.text, keep_nbsp=True)]
    for child in el:
        step = re.fullmatch(r"i(\d{1,2})", " ".join(classes(child))) if isinstance(child.tag, str) else None
        if step:  # Gutenberg's indented verse line (class "i2": two steps in)
            out.append("\u00a0" * int(step.group(1)))
        if isinstance(child.tag, str) and child.tag in BLOCKS and not is_page_marker(child):
            out.append("\n" + verse_lines(child, ink) + "\n")
        else:
            out.append(ink.element(child))
        out.append(text_of_node(child.tail, keep_nbsp=True))
    return "".join(out)


def source_text(el: etree._Element, walk: Walk, inner: bool = False) -> str:
    """The words of an element as the source has them: block elements and <br> part words; page-number
    markers, note calls, "top" links, the text's notes and scripts are not the text's words here."""
    if not isinstance(el.tag, str) or el.tag in SKIPPED or is_page_marker(el) or el in walk.calls or \
            (el in walk.note_of and not inner) or (el.tag == "a" and el.get("href") and TOP_LINK.match(plain(el))):
        return ""
    gap = " " if el.tag in BLOCKS or el.tag in ("br", "td", "th", "tr", "caption") else ""
    parts = [gap, el.text or ""]
    for child in el:
        parts += [source_text(child, walk), child.tail or ""]
    return "".join([*parts, gap])


def heading_text(el: etree._Element, walk: Walk) -> str:
    """A heading's title as plain text: without note calls, page numbers or a "top" link."""
    parts = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str) or is_page_marker(child) or child in walk.calls or child.tag in SKIPPED:
            pass
        elif child.tag in ("br", "img"):
            parts.append(" ")
        else:
            parts.append(heading_text(child, walk))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


MARKDOWN_MARKS = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[\^author-\d+\]|\\(?=[\\`*_{}\[\]()#+\-.!>|])")


def plain_markdown(text: str) -> str:
    """The words of a unit's Markdown: images, note calls and escapes out (emphasis marks stay)."""
    return " ".join(MARKDOWN_MARKS.sub("", text).replace("&lt;", "<").replace("&amp;", "&").split())

