"""One rendered page's elements → blocks and inline runs of the content model (model.py).

reader.py runs a PageReader over each page, with the anchors of the whole book, so that links
between pages become links inside the book.
"""

from __future__ import annotations

import html
import posixpath
import xml.etree.ElementTree as etree
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..core.sanitize import safe_url
from .anchors import canonical, clean_id, page_key
from .html_tree import classes, text_of
from .model import (
    Admonition,
    Anchor,
    Block,
    BookPage,
    Break,
    CodeBlock,
    Group,
    Heading,
    Image,
    Inline,
    Link,
    ListBlock,
    NoteRef,
    Paragraph,
    Quote,
    Rule,
    Styled,
    Table,
    Text,
)
from .runs import CONTROLS, SPACES, image_or_paragraph, trim

SCREEN_ONLY = {"headerlink", "footnote-backref", "md-source-file"}  # controls that mean nothing on paper
SKIP_TAGS = {"script", "style", "template", "button", "input", "svg", "noscript", "iframe"}
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "div", "table", "pre", "hr",
              "figure", "section", "article", "aside", "details", "nav", "header", "footer", "main"}
STYLES = {"em": "emph", "i": "emph", "cite": "emph", "strong": "strong", "b": "strong", "code": "code",
          "kbd": "code", "samp": "code", "sub": "sub", "sup": "sup"}
ROLES = {"entry-summary": "summary", "entry-facts": "facts", "timeline-links": "timeline-links"}


class PageReader:
    """Reads one page; the book-wide anchors, summaries and occurrences are shared between pages."""

    def __init__(self, page: BookPage, keys: dict[str, str], anchors: dict[str, str], paragraphs: set[str], *,
                 site_url: str, site_dir: Path) -> None:
        self.page, self.keys, self.anchors, self.paragraphs = page, keys, anchors, paragraphs
        self.site_url, self.site_dir = site_url, site_dir
        self.key = page_key(page.src)
        self.notes: dict[str, etree.Element] = {}
        self.numbers: dict[str, int] = {}
        self.last_depth = 0
        self.title_dropped = False
        self.own_title = ""  # the page's own heading (the nav may give it a shorter title)
        self.summaries: dict[str, str] = {}
        self.occurrences: set[str] = set()  # "paragraph--entry": a term's first occurrence in a paragraph
        self.paragraph = ""  # the numbered paragraph being read

    def read(self, tree: etree.Element) -> tuple[Block, ...]:
        for block in [el for el in tree.iter("div") if "footnote" in classes(el)]:
            for item in block.iter("li"):
                note_id = item.get("id")
                if note_id:
                    self.notes[note_id] = item
        return self.blocks(tree)

    # Blocks ----------------------------------------------------------------------------------

    def blocks(self, container: etree.Element) -> tuple[Block, ...]:
        out: list[Block] = []
        pending: list[Inline] = []

        def flush() -> None:
            runs = trim(pending)
            if runs:
                out.append(image_or_paragraph(Paragraph(tuple(runs))))
            pending.clear()

        pending += self.text(container.text)
        for child in container:
            if child.tag in BLOCK_TAGS:
                flush()
                out += self.block(child)
            else:
                pending += self.inline(child)
            pending += self.text(child.tail)
        flush()
        return tuple(out)

    def block(self, el: etree.Element) -> list[Block]:
        tag, cls = el.tag, classes(el)
        anchor = self.anchor(el)
        if cls & SCREEN_ONLY or tag in SKIP_TAGS or (tag == "div" and "footnote" in cls):
            return []
        if tag == "p":
            number = ""
            for link in el.iter("a"):
                if "para-num" in classes(link):
                    number = text_of(link).strip()
                    break
            self.paragraph = anchor if number and self.page.part == "chapter" else ""
            role = next((ROLES[c] for c in cls if c in ROLES), "")
            if any("timeline-date" in classes(span) for span in el.iter("span")):
                role = "timeline-date"
            runs = tuple(trim(self.inlines(el)))
            return [image_or_paragraph(Paragraph(runs, anchor, number, role))] if runs or anchor else []
        if tag[0] == "h" and tag[1:].isdigit():
            return self.heading(el, int(tag[1]), anchor)
        if tag in ("ul", "ol"):
            items = tuple(self.blocks(li) for li in el if li.tag == "li")
            return [ListBlock(items, tag == "ol", "places" if "places" in cls else "")]
        if tag == "dl":
            entries: list[tuple[Block, ...]] = []
            for child in el:
                if child.tag == "dt":
                    entries.append((Paragraph((Styled("strong", tuple(trim(self.inlines(child)))),)),))
                elif child.tag == "dd":
                    entries.append(self.blocks(child))
            return [ListBlock(tuple(entries))]
        if tag == "blockquote":
            return [Quote(self.blocks(el))]
        if tag == "pre":
            return [CodeBlock(text_of(el).rstrip("\n"))]
        if tag == "hr":
            return [Rule()]
        if tag == "table":
            return [self.table(el)]
        if tag == "figure":
            return self.figure(el, anchor)
        if "admonition" in cls or tag == "details":
            return [self.admonition(el)]
        role = "article" if "article" in cls else "timeline-event" if "timeline-event" in cls else "div"
        inner = self.blocks(el)
        return [Group(role, inner, anchor)] if inner or anchor else []

    def heading(self, el: etree.Element, level: int, anchor: str) -> list[Block]:
        runs = tuple(trim(self.inlines(el)))
        if level == 1 and not self.title_dropped:
            self.title_dropped = True  # the page's title: the writers print the section's title instead
            self.own_title = SPACES.sub(" ", "".join(r.text for r in runs if isinstance(r, Text))).strip()
            return []
        # One level at a time (a skipped level is an error in a tagged PDF): h2 is depth 1.
        depth = max(1, min(level - 1, self.last_depth + 1))
        self.last_depth = depth
        return [Heading(depth, runs, anchor)]

    def admonition(self, el: etree.Element) -> Admonition:
        title: tuple[Inline, ...] = ()
        body = etree.Element("div")
        body.text = el.text if el.tag != "details" else None
        for child in el:
            if not title and ("admonition-title" in classes(child) or child.tag == "summary"):
                title = tuple(trim(self.inlines(child)))
                body.text = (body.text or "") + (child.tail or "")
            else:
                body.append(child)
        kind = next((c for c in sorted(classes(el)) if c not in ("admonition",)), "note")
        return Admonition(title, self.blocks(body), kind)

    def table(self, el: etree.Element) -> Table:
        head: list[tuple[tuple[Inline, ...], ...]] = []
        body: list[tuple[tuple[Inline, ...], ...]] = []
        for row in el.iter("tr"):
            cells = tuple(tuple(trim(self.cell(cell))) for cell in row if cell.tag in ("td", "th"))
            (head if all(cell.tag == "th" for cell in row if cell.tag in ("td", "th")) and not body else body).append(cells)
        return Table(tuple(head), tuple(body))

    def cell(self, cell: etree.Element) -> list[Inline]:
        runs: list[Inline] = []
        for block in self.blocks(cell):  # a cell holds inline content; paragraphs in it become lines
            if runs:
                runs.append(Break())
            runs += getattr(block, "children", ())
        return runs

    def figure(self, el: etree.Element, anchor: str) -> list[Block]:
        caption = next((c for c in el.iter("figcaption")), None)
        images = [self.image(img) for img in el.iter("img")]
        runs = tuple(trim(self.inlines(caption))) if caption is not None else ()
        if len(images) == 1 and isinstance(images[0], Image):
            img = images[0]
            return [Image(img.path, img.alt, runs, anchor or img.anchor)]
        return list(self.blocks(el))

    # Inline runs -----------------------------------------------------------------------------

    def inlines(self, el: etree.Element) -> list[Inline]:
        runs = self.text(el.text)
        for child in el:
            runs += self.inline(child)
            runs += self.text(child.tail)
        return runs

    def inline(self, el: etree.Element) -> list[Inline]:
        tag, cls = el.tag, classes(el)
        if cls & SCREEN_ONLY or "para-num" in cls or tag in SKIP_TAGS:
            return []
        if tag == "br":
            return [Break()]
        if tag == "img":
            return [self.image(el)]
        if tag == "sup":
            ref = next((a for a in el.iter("a") if "footnote-ref" in classes(a)), None)
            if ref is not None:
                return self.note_ref(el, ref)
        runs = self.occurrence(el) if "glossary-term" in cls and self.paragraph else []
        if tag == "a":
            return runs + self.link(el)
        if tag == "abbr":
            return runs + self.inlines(el)
        if tag in STYLES:
            inner = tuple(self.inlines(el)) if tag not in ("code", "kbd", "samp") else (Text(text_of(el)),)
            return [Styled(STYLES[tag], inner)] if inner else []
        if tag in BLOCK_TAGS:  # a block inside inline content (rare): its text, on a line of its own
            return [Break(), *[r for b in self.block(el) for r in getattr(b, "children", ())], Break()]
        return self.inlines(el)  # abbr (hover-only), span, mark, small...: their content

    def occurrence(self, el: etree.Element) -> list[Inline]:
        """An anchor where a glossary term first occurs in a paragraph (its entry gives this page number)."""
        if el.tag == "a":
            parts = urlsplit(el.get("href", ""))
            entry = self.book_target(parts.path, "") if not (parts.scheme or parts.netloc) else None
        else:
            # The title is escaped once more for Material's tooltips (core.sanitize.tooltip_text).
            entry = self.summaries.get(SPACES.sub(" ", html.unescape(el.get("title", ""))).strip())
        anchor = f"{self.paragraph}--{entry}"
        if entry is None or anchor in self.occurrences:
            return []
        self.occurrences.add(anchor)
        self.anchors[anchor] = self.key
        return [Anchor(anchor)]

    def text(self, value: str | None) -> list[Inline]:
        # Control characters (a mis-decoded "œ" leaves U+0093) have no glyph in any font: left out.
        return [Text(SPACES.sub(" ", CONTROLS.sub("", value)))] if value else []

    def link(self, el: etree.Element) -> list[Inline]:
        children = tuple(self.inlines(el))
        href = el.get("href")
        if href is None:
            return list(children)
        if not safe_url(href):  # javascript:, data:...: never an active link in a book, only its text
            return list(children)
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return [Link("external", href, children)]
        target = self.book_target(parts.path, parts.fragment)
        if target is not None:
            kind = "term" if "glossary-term" in classes(el) else "internal"
            pageref = target in self.paragraphs and self.page.part != "chapter"
            if pageref and f"{target}--{self.key}" in self.occurrences:
                target = f"{target}--{self.key}"  # an entry's place: the page of the term, not the paragraph's
            return [Link(kind, target, children, pageref)]
        if self.site_url:  # a site page or file outside the book: on the web site
            path = canonical(posixpath.join(posixpath.dirname(self.page.url), unquote(parts.path)))
            url = self.site_url.rstrip("/") + "/" + path + (f"#{parts.fragment}" if parts.fragment else "")
            return [Link("external", url, children)]
        return list(children)

    def book_target(self, path: str, fragment: str) -> str | None:
        if path:
            key = self.keys.get(canonical(posixpath.join(posixpath.dirname(self.page.url), unquote(path))))
            if key is None:
                return None
        else:
            key = self.key
        anchor = f"{key}--{clean_id(unquote(fragment))}"
        return anchor if fragment and anchor in self.anchors else key

    def note_ref(self, sup: etree.Element, ref: etree.Element) -> list[Inline]:
        note_id = ref.get("href", "").lstrip("#")
        item = self.notes.get(note_id)
        if item is None:
            return []  # a call without a note: Python-Markdown never writes one
        anchor = f"{self.key}--{clean_id(note_id)}"
        ref_anchor = f"{self.key}--{clean_id(sup.get('id') or 'ref-' + note_id)}"
        if note_id in self.numbers:
            return [NoteRef(anchor, self.numbers[note_id], (), ref_anchor)]
        self.numbers[note_id] = len(self.numbers) + 1
        paragraph, self.paragraph = self.paragraph, ""  # a term named in a note is not a place in the text
        blocks = self.blocks(item)
        self.paragraph = paragraph
        return [NoteRef(anchor, self.numbers[note_id], blocks, ref_anchor)]

    def image(self, el: etree.Element) -> Inline:
        src, alt = el.get("src", ""), el.get("alt", "")
        parts = urlsplit(src)
        label = f"[{alt}]" if alt else ""
        if parts.scheme or parts.netloc or not parts.path:  # no network: a remote image cannot be printed
            return Styled("emph", (Text(label),)) if label else Text("")
        path = posixpath.normpath(posixpath.join(posixpath.dirname(self.page.url), unquote(parts.path)))
        if path.startswith("../") or not (self.site_dir / path).is_file():
            raise ValueError(f"docs/{self.page.src}: the image '{src}' is not in the built site (looked for "
                             f"{self.site_dir / path}); check its path, relative to the page")
        return Image(path, alt, (), self.anchor(el))

    def anchor(self, el: etree.Element) -> str:
        element_id = el.get("id")
        return f"{self.key}--{clean_id(element_id)}" if element_id else ""
