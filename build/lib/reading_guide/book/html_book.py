"""Assembling one book document from the site's pages, for WeasyPrint.

Pure: pages in, one HTML document out. Pages are parsed with a real HTML parser (tinyhtml5,
the one WeasyPrint itself uses) and rewritten as trees: ids made unique per page, links
between pages turned into links inside the book, notes moved to where they are called so
that they print as footnotes.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from urllib.parse import urlsplit

DROP_CLASSES = {"headerlink", "footnote-backref", "md-source-file"}  # screen-only controls
PARAGRAPH_ID = re.compile(r"^p\d+-\d+$")


@dataclass(frozen=True)
class BookPage:
    url: str  # site-relative URL of the page, e.g. chapters/3-civil-war.html
    title: str
    html: str  # the page's rendered content
    part: str  # "front", "chapter", "appendix" or "entry" (a glossary entry inside the glossary appendix)


@dataclass(frozen=True)
class BookMeta:
    title: str
    subtitle: str
    version: str
    language: str = "en"
    description: str = ""
    site_url: str = ""  # links to site files that are not in the book point here
    contents: str = "Contents"  # the heading of the table of contents, in the book's language


def page_id(url: str) -> str:
    return "page-" + re.sub(r"[^A-Za-z0-9]+", "-", url.rsplit(".", 1)[0]).strip("-")


def assemble_book(pages: list[BookPage], meta: BookMeta, css: str) -> str:
    """One HTML document: cover, contents, then every page in order."""
    known = {page.url: page_id(page.url) for page in pages}
    body = etree.Element("body")
    body.append(_cover(meta))
    body.append(_contents(pages, meta.contents))
    for page in pages:
        body.append(_section(page, known, meta.site_url))
    document = etree.Element("html", {"lang": meta.language})
    head = etree.SubElement(document, "head")
    etree.SubElement(head, "meta", {"charset": "utf-8"})
    etree.SubElement(head, "title").text = meta.title
    etree.SubElement(head, "meta", {"name": "description", "content": meta.description or meta.subtitle})
    etree.SubElement(head, "meta", {"name": "generator", "content": "reading-guide"})
    etree.SubElement(head, "style").text = css
    document.append(body)
    return "<!DOCTYPE html>\n" + etree.tostring(document, encoding="unicode", method="html")


def _cover(meta: BookMeta) -> etree.Element:
    cover = etree.Element("section", {"class": "cover"})
    etree.SubElement(cover, "p", {"class": "cover-title"}).text = meta.title
    etree.SubElement(cover, "p", {"class": "cover-subtitle"}).text = meta.subtitle
    if meta.version:
        etree.SubElement(cover, "p", {"class": "cover-version"}).text = meta.version
    return cover


def _contents(pages: list[BookPage], heading: str) -> etree.Element:
    contents = etree.Element("nav", {"class": "contents", "aria-label": heading})
    etree.SubElement(contents, "h1", {"class": "contents-title"}).text = heading
    listing = etree.SubElement(contents, "ul")
    for page in pages:
        if page.part == "entry":
            continue
        item = etree.SubElement(listing, "li", {"class": f"toc-{page.part}"})
        etree.SubElement(item, "a", {"href": f"#{page_id(page.url)}"}).text = page.title
    return contents


def _section(page: BookPage, known: dict[str, str], site_url: str) -> etree.Element:
    prefix = page_id(page.url)
    section = etree.Element("section", {"class": f"part-{page.part}", "id": prefix})
    section.text = "\n"
    import tinyhtml5  # here, not above: a build without a PDF (serve, GUIDE_PDF=0) need not load it

    fragment = tinyhtml5.parse(f"<!DOCTYPE html><body>{page.html}</body>", namespace_html_elements=False).find("body")
    for child in list(fragment):
        section.append(child)
    _drop_screen_only(section)
    _notes_to_footnotes(section)
    if page.part == "entry":
        _demote_headings(section)
    _rewrite_ids_and_links(section, page, prefix, known, site_url)
    return section


def _drop_screen_only(root: etree.Element) -> None:
    for parent in list(root.iter()):
        for child in list(parent):
            if set(child.get("class", "").split()) & DROP_CLASSES:
                _remove_keeping_tail(parent, child)


def _remove_keeping_tail(parent: etree.Element, child: etree.Element) -> None:
    if child.tail:
        index = list(parent).index(child)
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def _notes_to_footnotes(root: etree.Element) -> None:
    """Move each note from the list at the end to the place that calls it (CSS floats it to the page foot)."""
    notes = {}
    for block in [el for el in root.iter() if "footnote" in el.get("class", "").split() and el.tag == "div"]:
        for item in block.iter("li"):
            if item.get("id"):
                notes[item.get("id")] = item
    if not notes:
        return
    for sup in [el for el in root.iter("sup")]:
        link = sup.find("a")
        if link is None or "footnote-ref" not in link.get("class", "").split():
            continue
        item = notes.get(link.get("href", "").lstrip("#"))
        if item is None:
            continue
        note = etree.Element("span", {"class": "footnote"})
        for number, paragraph in enumerate(list(item)):
            if number:
                etree.SubElement(note, "br")
            _move_content(paragraph if paragraph.tag == "p" else item, note)
            if paragraph.tag != "p":
                break
        tail = sup.tail
        sup.clear()  # (clears the tail too: the text after the call)
        sup.tag, sup.attrib, sup.tail = "span", {"class": "footnote-holder"}, tail
        sup.append(note)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == "div" and "footnote" in child.get("class", "").split():
                parent.remove(child)


def _move_content(source: etree.Element, target: etree.Element) -> None:
    if source.text:
        if len(target):
            target[-1].tail = (target[-1].tail or "") + source.text
        else:
            target.text = (target.text or "") + source.text
    for child in list(source):
        target.append(child)


def _demote_headings(root: etree.Element) -> None:
    for el in root.iter():
        if el.tag in ("h1", "h2", "h3", "h4", "h5"):
            el.tag = f"h{int(el.tag[1]) + 1}"


def _rewrite_ids_and_links(root: etree.Element, page: BookPage, prefix: str, known: dict[str, str], site_url: str) -> None:
    for el in root.iter():
        if el.get("id") and el is not root:
            el.set("id", f"{prefix}--{el.get('id')}")
        if el.tag == "a" and el.get("href") is not None:
            target = _book_target(el.get("href"), page.url, prefix, known)
            if target is not None:
                el.set("href", target)
                if page.part in ("appendix", "entry") and PARAGRAPH_ID.match(target.rsplit("--", 1)[-1]):
                    el.set("class", " ".join(filter(None, [el.get("class"), "pageref"])))
            elif not urlsplit(el.get("href")).scheme:
                _to_site(el, page.url, site_url)


def _book_target(href: str, from_url: str, prefix: str, known: dict[str, str]) -> str | None:
    """The in-book anchor for a link, or None when it leads outside the book."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return f"#{prefix}--{parts.fragment}" if parts.fragment else f"#{prefix}"
    path = posixpath.normpath(posixpath.join(posixpath.dirname(from_url), parts.path))
    if path not in known:
        return None
    return f"#{known[path]}--{parts.fragment}" if parts.fragment else f"#{known[path]}"


def _to_site(link: etree.Element, from_url: str, site_url: str) -> None:
    """A link to a site file that is not in the book (an image, the PDF itself): point at the web site."""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(from_url), link.get("href")))
    if site_url:
        link.set("href", site_url.rstrip("/") + "/" + path)
    else:
        link.attrib.pop("href")
