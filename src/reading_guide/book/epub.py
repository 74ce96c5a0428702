"""The EPUB 3 book, from the same content model as the PDF, written with ebooklib.

One XHTML file per section (chapter, appendix, glossary entry); notes as `epub:type` footnotes
at the end of their section with links back; a nav document with the book's parts, chapters and
entries; accessibility metadata; a zip with fixed timestamps, so that rebuilds are identical.
"""

from __future__ import annotations

import io
import posixpath
import uuid
import xml.etree.ElementTree as etree
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import (
    Admonition,
    Anchor,
    Block,
    Book,
    BookError,
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
    Section,
    Styled,
    Table,
    Text,
    carried_anchors,
)

if TYPE_CHECKING:
    from types import ModuleType

    from ebooklib.epub import EpubBook, EpubHtml  # ebooklib has no types: Any to mypy

EPUB_NS = "http://www.idpf.org/2007/ops"
TYPE = f"{{{EPUB_NS}}}type"
MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
               ".svg": "image/svg+xml", ".webp": "image/webp"}
TAGS = {"emph": "em", "strong": "strong", "code": "code", "sub": "sub", "sup": "sup"}
SECTION_TYPES = {"front": "frontmatter", "chapter": "chapter", "appendix": "appendix", "entry": "glossary"}
CSS = """\
body { font-family: serif; line-height: 1.5; }
h1, h2, h3, h4, .admonition, .facts, .timeline-links, aside { font-family: sans-serif; }
p.para { position: relative; text-align: justify; }
.para-num { font: 0.7em sans-serif; color: #666; margin-right: 0.5em; }
.admonition { border-left: 3px solid #999; padding-left: 1em; margin: 1em 0; font-size: 0.9em; }
.facts { font-size: 0.75em; text-transform: uppercase; letter-spacing: 0.05em; color: #555; }
.summary { font-weight: bold; }
.timeline-event { border-left: 2px solid #999; padding-left: 0.8em; margin-bottom: 1em; }
.timeline-links { font-size: 0.85em; color: #444; }
aside.footnote { font-size: 0.85em; border-top: 1px solid #ccc; margin-top: 1em; padding-top: 0.5em; }
.cover { text-align: center; margin-top: 30%; }
.how-to-cite { font-size: 0.8em; text-align: left; margin-top: 3em; }
img { max-width: 100%; }
table { border-collapse: collapse; } td, th { border: 1px solid #bbb; padding: 0.2em 0.4em; }
"""


class EpubError(BookError):
    """ebooklib could not write the book."""


def write_epub(book: Book, target: Path, *, timestamp: datetime | None = None) -> list[str]:
    """Write the EPUB to `target`; returns warnings (none today: what the writer cannot do is an error)."""
    from ebooklib import epub  # here: a build without books never loads it

    when = (timestamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0, tzinfo=None)
    etree.register_namespace("epub", EPUB_NS)
    meta, labels = book.meta, book.meta.labels
    out = epub.EpubBook()
    out.set_identifier("urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, meta.site_url or meta.title)))
    out.set_title(meta.title)
    out.set_language(meta.language)
    if meta.author:
        out.add_author(meta.author)
    if meta.description or meta.subtitle:
        out.add_metadata("DC", "description", meta.description or meta.subtitle)
    out.add_metadata("DC", "date", when.strftime("%Y-%m-%dT%H:%M:%SZ"))
    _accessibility(out, book)
    style = epub.EpubItem(uid="style", file_name="style/book.css", media_type="text/css", content=CSS)
    out.add_item(style)

    writer = _Xhtml(book)
    cover = epub.EpubHtml(title=labels["cover"], file_name="cover.xhtml", lang=meta.language)
    cover.content = _cover(book)
    cover.add_item(style)
    out.add_item(cover)
    items = {}
    for section in book.sections:
        item = epub.EpubHtml(title=section.title, file_name=writer.file_of[section.key], lang=meta.language)
        item.content = writer.section(section)
        item.add_item(style)
        out.add_item(item)
        items[section.key] = item
    for path in sorted({image.path for image in book.images()}):
        suffix = posixpath.splitext(path)[1].lower()
        if suffix not in MEDIA_TYPES:
            raise EpubError(f"the image {path} is a {suffix or 'file without extension'}; an EPUB holds "
                            f"{', '.join(MEDIA_TYPES)} images")
        out.add_item(epub.EpubItem(uid=f"img-{len(out.items)}", file_name=f"images/{path}",
                                   media_type=MEDIA_TYPES[suffix], content=(book.site_dir / path).read_bytes()))
    out.toc = _toc(book, items, epub)
    out.guide.append({"type": "cover", "href": "cover.xhtml", "title": labels["cover"]})
    out.add_item(epub.EpubNcx())
    nav = epub.EpubNav(title=labels["contents"])
    nav.add_item(style)
    out.add_item(nav)
    out.spine = [cover, "nav", *items.values()]
    buffer = io.BytesIO()
    # epub3_pages off: it would make every element with an id and an epub:type a page-list entry.
    epub.write_epub(buffer, out, {"epub3_pages": False, "mtime": when, "raise_exceptions": True})
    target.write_bytes(_fixed_zip(buffer.getvalue(), when))
    return []


def _accessibility(out: EpubBook, book: Book) -> None:
    has_images = bool(book.images())
    pairs = [("accessMode", "textual"), *([("accessMode", "visual")] if has_images else []),
             ("accessModeSufficient", "textual"),
             ("accessibilityFeature", "structuralNavigation"), ("accessibilityFeature", "tableOfContents"),
             ("accessibilityFeature", "readingOrder"),
             *([("accessibilityFeature", "alternativeText")] if has_images else []),
             ("accessibilityHazard", "none"),
             ("accessibilitySummary", book.meta.labels["accessibility_summary"])]
    for name, value in pairs:
        out.add_metadata(None, "meta", value, {"property": f"schema:{name}"})
    out.add_metadata(None, "meta", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA", {"property": "dcterms:conformsTo"})


def _toc(book: Book, items: dict[str, EpubHtml], epub: ModuleType) -> list[Any]:
    """The nav: front matter, the book's parts with their chapters, appendices with the glossary's entries."""
    toc: list[Any] = []  # ebooklib's Links, and (Section, [Link, ...]) pairs
    part_title: str | None = None
    part_links: list[Any] = []
    for section in book.sections:
        link = epub.Link(items[section.key].file_name, section.title, section.key)
        if section.part == "entry" and toc:
            last = toc[-1]
            if not isinstance(last, tuple):
                toc[-1] = last = (epub.Section(last.title, last.href), [])
            last[1].append(link)
            continue
        if section.book_part:
            if section.book_part != part_title:
                part_title, part_links = section.book_part, []
                toc.append((epub.Section(section.book_part, link.href), part_links))
            part_links.append(link)
            continue
        part_title = None
        toc.append(link)
    return toc


def _cover(book: Book) -> str:
    body = etree.Element("body")
    cover = etree.SubElement(body, "section", {TYPE: "cover", "class": "cover"})
    etree.SubElement(cover, "h1").text = book.meta.title
    if book.meta.subtitle:
        etree.SubElement(cover, "p").text = book.meta.subtitle
    if book.meta.version:
        etree.SubElement(cover, "p").text = book.meta.version
    if book.meta.how_to_cite:
        cite = etree.SubElement(cover, "p", {"class": "how-to-cite"})
        label = etree.SubElement(cite, "strong")
        label.text = book.meta.labels["how_to_cite"] + "."
        label.tail = " " + book.meta.how_to_cite
    return _document(body)


def _document(body: etree.Element) -> str:
    html = etree.Element("html", {"xmlns": "http://www.w3.org/1999/xhtml"})
    html.append(body)
    return etree.tostring(html, encoding="unicode")


class _Xhtml:
    """Sections of the model as XHTML bodies; links between sections become links between files."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self.carried = carried_anchors(book)
        self.file_of = {s.key: f"{s.key}.xhtml" for s in book.sections}
        self.current: Section | None = None
        self.notes: list[NoteRef] = []

    def section(self, section: Section) -> str:
        self.current, self.notes = section, []
        body = etree.Element("body")
        root = etree.SubElement(body, "section", {TYPE: SECTION_TYPES[section.part], "id": section.key})
        etree.SubElement(root, "h1").text = section.title
        for block in section.blocks:
            self.block(root, block)
        for note in self.notes:
            aside = etree.SubElement(root, "aside", {TYPE: "footnote", "id": note.note, "class": "footnote"})
            for block in note.blocks:
                self.block(aside, block)
            if len(aside) and aside[0].tag == "p":  # the note's number before its text, as in the PDF
                number = etree.Element("span", {"class": "note-num"})
                number.text, number.tail = f"{note.number}. ", aside[0].text
                aside[0].text = None
                aside[0].insert(0, number)
            back = etree.SubElement(etree.SubElement(aside, "p"), "a", {"href": f"#{note.ref_anchor}"})
            back.text = f"↩ {self.book.meta.labels['back_to_text']}"
        return _document(body)

    def href(self, anchor: str) -> str:
        key = self.book.anchors.get(anchor, anchor)
        target = anchor if anchor in self.carried else key
        assert self.current is not None  # section() sets it before it writes any link
        path = posixpath.relpath(self.file_of.get(key, ""), posixpath.dirname(self.file_of[self.current.key]))
        if key == self.current.key:
            return f"#{target}"
        return path if target == key else f"{path}#{target}"

    def block(self, parent: etree.Element, node: Block) -> None:
        anchor: str = getattr(node, "anchor", "")  # not every block has one
        attrs = {"id": anchor} if anchor else {}
        if isinstance(node, Paragraph):
            cls = "para" if node.number else node.role
            p = etree.SubElement(parent, "p", {**attrs, **({"class": cls} if cls else {})})
            if node.number:
                etree.SubElement(p, "span", {"class": "para-num"}).text = node.number
            self.inlines(p, node.children)
        elif isinstance(node, Heading):
            self.inlines(etree.SubElement(parent, f"h{min(node.depth + 1, 6)}", attrs), node.children)
        elif isinstance(node, ListBlock):
            listing = etree.SubElement(parent, "ol" if node.ordered else "ul", {"class": node.role} if node.role else {})
            for item in node.items:
                li = etree.SubElement(listing, "li")
                for block in item:
                    self.block(li, block)
        elif isinstance(node, Quote):
            quote = etree.SubElement(parent, "blockquote")
            for block in node.blocks:
                self.block(quote, block)
        elif isinstance(node, Admonition):
            box = etree.SubElement(parent, "div", {"class": f"admonition {node.kind}", "role": "note"})
            if node.title:
                self.inlines(etree.SubElement(etree.SubElement(box, "p"), "strong"), node.title)
            for block in node.blocks:
                self.block(box, block)
        elif isinstance(node, Table):
            table = etree.SubElement(parent, "table")
            for group, rows, cell_tag in (("thead", node.head, "th"), ("tbody", node.body, "td")):
                if rows:
                    section = etree.SubElement(table, group)
                    for row in rows:
                        tr = etree.SubElement(section, "tr")
                        for cell in row:
                            self.inlines(etree.SubElement(tr, cell_tag), cell)
        elif isinstance(node, CodeBlock):
            etree.SubElement(etree.SubElement(parent, "pre"), "code").text = node.text
        elif isinstance(node, Rule):
            etree.SubElement(parent, "hr")
        elif isinstance(node, Group):
            div = etree.SubElement(parent, "div", {**attrs, **({"class": node.role} if node.role != "div" else {})})
            for block in node.blocks:
                self.block(div, block)
        elif isinstance(node, Image):
            figure = etree.SubElement(parent, "figure", attrs)
            self.image(figure, node)
            if node.caption:
                self.inlines(etree.SubElement(figure, "figcaption"), node.caption)

    def image(self, parent: etree.Element, node: Image) -> None:
        assert self.current is not None  # section() sets it before it writes any image
        src = posixpath.relpath(f"images/{node.path}", posixpath.dirname(self.file_of[self.current.key]))
        etree.SubElement(parent, "img", {"src": src, "alt": node.alt})

    def inlines(self, parent: etree.Element, runs: Iterable[Inline]) -> None:
        for run in runs:
            if isinstance(run, Text):
                _append_text(parent, run.text)
            elif isinstance(run, Styled):
                self.inlines(etree.SubElement(parent, TAGS.get(run.style, "span")), run.children)
            elif isinstance(run, Link):
                href = run.target if run.kind == "external" else self.href(run.target)
                self.inlines(etree.SubElement(parent, "a", {"href": href}), run.children)
            elif isinstance(run, NoteRef):
                if run.blocks:
                    self.notes.append(run)
                sup = etree.SubElement(parent, "sup")
                label = f"{self.book.meta.labels['note']} {run.number}"
                link = etree.SubElement(sup, "a", {TYPE: "noteref", "href": f"#{run.note}", "id": run.ref_anchor,
                                                   "aria-label": label})
                link.text = str(run.number)
            elif isinstance(run, Anchor):
                etree.SubElement(parent, "span", {"id": run.anchor})
            elif isinstance(run, Break):
                etree.SubElement(parent, "br")
            elif isinstance(run, Image):
                self.image(parent, run)


def _append_text(parent: etree.Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _fixed_zip(data: bytes, when: datetime) -> bytes:
    """The same zip with every entry dated `when` (the mimetype first and stored, as EPUB requires)."""
    stamp = max(when, datetime(1980, 1, 1)).timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 3
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
