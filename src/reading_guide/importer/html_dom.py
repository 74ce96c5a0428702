"""An HTML document's body as a flat run of units (headings, paragraphs, verse, tables …) in Markdown.

Pure (lxml only; no MkDocs). The element tree is walked once: block elements become units, inline
markup becomes Markdown (italics, bold, images, the text's own note calls); page-number markers
and "top of the page" links are left out as they are met, and counted. Which units are furniture
(a licence, a contents list, an index) is html_source.py's decision, made on these units.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from lxml import etree, html

from .parse import escape_markdown
from .structure import join_titles

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
            ink = self.inline()
            ink.render(el)  # for the note calls in it
            title = heading_text(el, self.walk)
            if title:
                self.unit("heading", title, el, ink, level=HEADINGS[tag])
            return None
        if cls & VERSE_CLASSES and tag in ("div", "p", "blockquote", "section"):
            return self.verse(el)
        if tag == "hr":
            return None
        if tag == "pre":
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
