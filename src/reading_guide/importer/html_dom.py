"""An HTML document's units (headings, paragraphs, verse, tables …), its own notes, and inline Markdown.

Pure (lxml only; no MkDocs). html_walk.py walks the element tree once and makes block elements
units; inline markup becomes Markdown here (italics, bold, images, the text's own note calls);
page-number markers and "top of the page" links are left out as they are met, and counted. Which
units are furniture (a licence, a contents list, an index) is html_furniture.py's decision.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from lxml import etree, html

from .pages import escape_markdown

BLOCKS = {"p", "div", "section", "article", "main", "body", "blockquote", "ul", "ol", "dl", "table", "pre", "figure",
          "hr", "center", "header", "footer", "nav", "aside", "address", "h1", "h2", "h3", "h4", "h5", "h6", "dd",
          "dt", "li", "figcaption", "hgroup", "details", "summary", "form", "fieldset", "noscript"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
CONTAINERS = {"div", "section", "article", "main", "body", "center", "header", "footer", "aside", "hgroup", "details",
              "blockquote", "figure", "dd", "dl", "li", "form", "fieldset", "noscript"}
SKIPPED = {"script", "style", "head", "title", "meta", "link", "template", "button", "input", "select", "textarea",
           "iframe", "object", "embed", "svg", "math"}
QUOTE_CLASSES = {"blockquote", "blockquot", "quote", "quoteb", "quotation", "extract"}  # Gutenberg's, marxists.org's
VERSE_CLASSES = {"poem", "poetry", "verse", "stanza", "linegroup", "lg", "song", "lines"}
PAGE_CLASSES = {"pagenum", "pagenumber", "page-number", "pageno", "page-num", "pagebreak", "pgnum", "page_number"}
NAV_CLASSES = {"breadcrumb", "breadcrumbs", "navigation", "navbar", "nav", "toplink", "backlink", "menu", "skip", "footer",
               "pg-boilerplate", "pgheader", "pgfooter"}
NOTE_CLASSES = {"footnote", "footnotes", "endnote", "endnotes", "note", "notes", "fn", "ftn"}
NOTE_CALL = re.compile(r"^[\[(]?\s*(?:\d{1,4}(?::\d{1,4})?|[*†‡§¶]{1,4}|[a-zA-Z]|[ivxlc]{1,6})\s*[\])]?\.?$")
TOP_LINK = re.compile(r"^\W*(?:back\s+)?(?:to\s+(?:the\s+)?)?top(?:\s+of(?:\s+the)?\s+page)?\W*$|"
                      r"^\W*(?:nach\s+oben|zum\s+seitenanfang|seitenanfang)\W*$", re.I)


def classes(el: etree._Element) -> set[str]:
    return set((el.get("class") or "").lower().split())


NAMESPACES = {"epub": "http://www.idpf.org/2007/ops", "xml": "http://www.w3.org/XML/1998/namespace"}


def attribute(el: etree._Element, name: str) -> str:
    """An attribute with a namespace prefix (epub:type, xml:lang), as HTML or as XML parsed it."""
    prefix, _, local = name.partition(":")
    return str(el.get(name) or (local and el.get(f"{{{NAMESPACES.get(prefix, '')}}}{local}")) or "")


def fold(title: str) -> str:
    """A title's words for comparing: case, punctuation and spacing left out."""
    return " ".join(re.sub(r"[\W_]+", " ", title).lower().split())


def plain(el: etree._Element) -> str:
    return " ".join(el.text_content().split()) if isinstance(el, html.HtmlElement) else \
        " ".join("".join(el.itertext()).split())


def is_page_marker(el: etree._Element) -> bool:
    """A page number of the printed edition, or a wiki's [edit] link: left out wherever it stands."""
    types = set(attribute(el, "epub:type").split()) | {el.get("role") or ""}
    return bool(classes(el) & (PAGE_CLASSES | {"mw-editsection"})) or bool(types & {"pagebreak", "doc-pagebreak"})


@dataclass
class Unit:
    kind: str  # "heading", "paragraph", "verse", "table", "list", "preformatted", "quote", "image"
    text: str  # Markdown as it goes on the page ("" for an image: see `images`)
    plain: str  # the words, for the rules
    line: int
    last_line: int
    element: etree._Element
    level: int = 0  # a heading's h-level
    links: int = 0  # links to the document's own anchors (contents lists)
    linked: int = 0  # letters inside links (to anchors or other documents)
    outside_links: int = 0  # links to other documents (site navigation)
    notes: list[int] = field(default_factory=list)  # the text's own notes called here
    source: str = ""  # its words as the DOM has them, read apart from the Markdown (for the fidelity check)


@dataclass
class Walk:
    """What the walk meets besides units: note calls and bodies, images, furniture left out inline."""
    ids: dict[str, etree._Element]
    # Keyed by the elements themselves: an lxml proxy's id() is reused once the proxy is collected.
    note_of: dict[etree._Element, int] = field(default_factory=dict)  # note body element -> note number
    calls: dict[etree._Element, int] = field(default_factory=dict)  # <a> call -> note number
    load: Callable[[str], bytes | None] = lambda src: None  # an image's bytes, by its src
    images: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # src -> (file name in the guide, bytes)
    missing: list[str] = field(default_factory=list)  # images not found: left out of the page, and reported
    page_markers: int = 0
    top_links: int = 0
    units: list[Unit] = field(default_factory=list)


def last_line(el: etree._Element) -> int:
    lines = [e.sourceline for e in el.iter() if isinstance(e.sourceline, int)]
    return max(lines) if lines else (el.sourceline or 0)


def find_notes(body: etree._Element, walk: Walk) -> None:
    """The text's own notes: a short link ("[3]", "*") to an element that links back to it, or that is
    marked as a footnote (class, epub:type, role). Its body leaves the flow; the call becomes [^author-N]."""
    for a in body.iter("a"):
        href = a.get("href") or ""
        if not href.startswith("#") or not NOTE_CALL.match(plain(a)):
            continue
        target = walk.ids.get(unquote(href[1:]))
        if target is None or _inside(a, target):
            continue
        note = _note_body(target)
        if note.tag in HEADINGS or _opens_block(a):
            continue  # a link back from a note to its call (it opens the note), or a heading's own anchor
        before = a.getprevious()
        near = [a, *a.iterancestors()][:4] + ([before] if before is not None and before.tag == "a" else [])
        own = {e.get("id") or e.get("name") for e in near} - {None}
        backs = {unquote((b.get("href") or "")[1:]) for b in note.iter("a") if (b.get("href") or "").startswith("#")}
        marked = classes(a) & {"fnanchor", "noteref", "fnref", "footnote-ref", "fn-ref"} or \
            attribute(a, "epub:type") == "noteref" or a.get("role") == "doc-noteref"
        if not (own & backs or (marked and classes(note) & NOTE_CLASSES) or _note_type(note)):
            continue
        if _inside(note, a):
            continue
        number = walk.note_of.setdefault(note, len(walk.note_of) + 1)
        walk.calls[a] = number


def _opens_block(a: etree._Element) -> bool:
    """Whether no text comes before the link in its block: a note's link back to its call sits there."""
    el = a
    while True:
        prev = el.getprevious()
        while prev is not None:
            if (prev.tail or "").strip() or (isinstance(prev.tag, str) and "".join(prev.itertext()).strip()):
                return False
            prev = prev.getprevious()
        parent = el.getparent()
        if parent is None:
            return True
        if (parent.text or "").strip():
            return False
        if parent.tag in BLOCKS:
            return True
        el = parent


def _inside(el: etree._Element, container: etree._Element) -> bool:
    return el is container or any(p is container for p in el.iterancestors())


def _note_type(el: etree._Element) -> bool:
    return bool(set(attribute(el, "epub:type").split()) & {"footnote", "endnote", "rearnote"}) or \
        (el.get("role") or "") in ("doc-footnote", "doc-endnote")


def _note_body(target: etree._Element) -> etree._Element:
    """The element that holds a note: the nearest marked ancestor, else the nearest block."""
    chain = [target, *target.iterancestors()][:5]
    for el in chain:
        if classes(el) & NOTE_CLASSES or _note_type(el) or el.tag == "aside":
            return el
    return next((el for el in chain if el.tag in BLOCKS and el.tag not in ("body", "section", "article", "main")),
                target)


class Inline:
    """Inline content as Markdown: text escaped, emphasis kept, note calls and images made the guide's."""

    def __init__(self, walk: Walk, image_prefix: str) -> None:
        self.walk, self.prefix = walk, image_prefix
        self.notes: list[int] = []
        self.links = self.linked = self.outside = 0

    def render(self, el: etree._Element) -> str:
        out: list[str] = []
        out.append(text_of_node(el.text))
        for child in el:
            out.append(self.element(child))
            out.append(text_of_node(child.tail))
        return "".join(out)

    def element(self, el: etree._Element) -> str:
        if not isinstance(el.tag, str) or el.tag in SKIPPED:
            return ""
        if is_page_marker(el):
            self.walk.page_markers += 1
            return ""
        if el.tag == "br":
            return "\n"
        if el.tag == "img":
            return self.image(el)
        if el.tag == "a":
            if el in self.walk.calls:
                number = self.walk.calls[el]
                self.notes.append(number)
                return f"[^author-{number}]"
            href = el.get("href") or ""
            if href and TOP_LINK.match(plain(el)):
                self.walk.top_links += 1
                return ""
            text = re.sub(r"[\W\d_]+", "", plain(el))
            if href.startswith("#"):
                self.links += 1
            elif href and not href.startswith(("mailto:", "javascript:")):
                self.outside += 1
            self.linked += len(text) if href else 0
        inner = self.render(el)
        if el.tag in ("i", "em", "cite", "var", "dfn") or (el.tag == "span" and classes(el) & {"italic", "ital", "i"}):
            return _wrap(inner, "*")
        if el.tag in ("b", "strong"):
            return _wrap(inner, "**")
        return inner

    def image(self, el: etree._Element) -> str:
        src = (el.get("src") or "").strip()
        if not src or urlsplit(src).scheme in ("http", "https", "data") or src.startswith("//"):
            return ""
        if src not in self.walk.images:
            data = self.walk.load(src)
            if data is None:
                self.walk.missing.append(src)
                return ""  # a link to no file would break the build; the report names it
            stem = re.sub(r"[^A-Za-z0-9._-]+", "-", unquote(src.rsplit("/", 1)[-1])) or "image"
            taken = {name for name, _ in self.walk.images.values()}
            self.walk.images[src] = (stem if stem not in taken else f"{len(self.walk.images) + 1}-{stem}", data)
        name = self.walk.images[src][0]
        alt = " ".join((el.get("alt") or "").split()).replace("[", "(").replace("]", ")")
        return f"![{alt}]({self.prefix}{name})"


def line_start(line: str) -> str:
    """A line that would open a list, a quote or a heading in Markdown, escaped (the text's words stay)."""
    line = re.sub(r"^([>+\-#])", r"\\\1", line)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", line)


MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]<&#>+!-]|^\s*\d")


def indent(line: str) -> str:
    """A verse line's indentation: the no-break spaces it opens with (other spaces are the markup's)."""
    return "\u00a0" * (len(line.lstrip(" \n\t")) - len(line.lstrip(" \n\t\u00a0")))


def text_of_node(text: str | None, keep_nbsp: bool = False) -> str:
    """A text node as Markdown: the source's line breaks are spaces (only <br> and blocks break lines);
    in verse, a line's opening no-break spaces (its indentation) stay."""
    if not text:
        return ""
    if keep_nbsp and text.lstrip(" \n\t").startswith("\u00a0"):
        return indent(text) + text_of_node(text.lstrip(" \n\t\u00a0"))
    text = " ".join(text.split()).join([" " if text[:1].isspace() else "", " " if text[-1:].isspace() else ""]) \
        if text.strip() else " "
    return escape_markdown(text) if MARKDOWN_SPECIAL.search(text) else text


def _wrap(inner: str, mark: str) -> str:
    """Emphasis around the words only: "* word *" would not render as emphasis."""
    core = inner.strip()
    if not core or "\n" in core:
        return inner
    lead, trail = inner[:len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
    return f"{lead}{mark}{core}{mark}{trail}"
