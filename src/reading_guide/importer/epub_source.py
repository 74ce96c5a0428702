"""An EPUB read as a `Text`: its spine's documents in order, as one HTML body, then html_source's rules.

Pure (ebooklib and lxml, no MkDocs). Title, author and language come from the package's `dc:`
metadata. The navigation document is not text: its entries name the spine documents, and a
document with no heading of its own gets its entry's label as its heading (at the entry's depth).
Links between the documents ("notes.xhtml#n3") are made links inside the one body, so that the
text's own notes are found as in a single HTML file.
"""

from __future__ import annotations

import posixpath
import warnings
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zipfile import BadZipFile

from lxml import etree, html

from .errors import TextImportError
from .html_dom import HEADINGS
from .html_furniture import Read
from .html_source import parse_document, read_document
from .language import language_code
from .parse import Text


def _load(path: Path):  # type: ignore[no-untyped-def]  # ebooklib has no type hints
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ebooklib warns about its own future defaults
        from ebooklib import ITEM_DOCUMENT, ITEM_NAVIGATION, epub

        try:
            return epub.read_epub(str(path), {"ignore_ncx": False}), ITEM_DOCUMENT, ITEM_NAVIGATION
        except (BadZipFile, KeyError, OSError, epub.EpubException, etree.LxmlError) as err:
            raise TextImportError(f"{path}: not an EPUB that can be read ({err})") from err


def read_epub(path: Path, split: str = "chapters") -> Text:
    return epub_document(path, split)[1]


def epub_document(path: Path, split: str = "chapters") -> tuple[etree._Element, Text, Read]:
    """The spine as one document, its Text and what the reading kept and dropped."""
    book, document, navigation = _load(path)
    labels = _nav_labels(book, navigation)
    body = html.Element("body")
    names: list[str] = []
    for idref, _linear in book.spine:
        item = book.get_item_with_id(idref)
        if item is None or item.get_type() not in (document, navigation) or _is_nav(item):
            continue
        root = parse_document(item.get_content(), f"{path}!{item.get_name()}")
        section = html.Element("section")
        doc_body = root.find(".//body")
        assert doc_body is not None
        name = item.get_name()
        names.append(name)
        if not any(e.tag in HEADINGS for e in doc_body.iter()) and name in labels:
            label, depth = labels[name]
            heading = html.Element(f"h{min(depth + 1, 6)}")
            heading.text = label
            section.append(heading)
        for child in list(doc_body):
            section.append(child)
        _localise(section, name)
        body.append(section)
    if not names:
        raise TextImportError(f"{path}: the EPUB's spine lists no documents; nothing to import")
    document_root = html.Element("html")
    document_root.append(html.Element("head"))
    document_root.append(body)
    text, read = read_document(document_root, str(path), split, path.stem, lambda src: _image(book, src))
    title = _dc(book, "title")
    author = ", ".join(v for v, _ in book.get_metadata("DC", "creator"))
    language = language_code(_dc(book, "language")) or text.language
    return document_root, replace(text, title=title or text.title, title_found=bool(title) or text.title_found,
                                  metadata=replace(text.metadata, title=title or text.metadata.title,
                                                   author=author or text.metadata.author), language=language), read


def _dc(book, key: str) -> str:  # type: ignore[no-untyped-def]
    values = book.get_metadata("DC", key)
    return " ".join(str(values[0][0]).split()) if values else ""


def _is_nav(item) -> bool:  # type: ignore[no-untyped-def]
    return "nav" in (getattr(item, "properties", None) or []) or item.get_name().endswith(".ncx")


def _nav_labels(book, navigation) -> dict[str, tuple[str, int]]:  # type: ignore[no-untyped-def]
    """Document name -> (label, depth) of its first entry in the table of contents."""
    labels: dict[str, tuple[str, int]] = {}

    def visit(entries, depth: int) -> None:  # type: ignore[no-untyped-def]
        for entry in entries:
            node, children = (entry if isinstance(entry, tuple) else (entry, []))
            href = getattr(node, "href", "") or ""
            title = " ".join((getattr(node, "title", "") or "").split())
            if href and title:
                labels.setdefault(unquote(urlsplit(href).path), (title, depth))
            visit(children, depth + 1)

    visit(book.toc, 1)
    return labels


def _localise(section: etree._Element, name: str) -> None:
    """Ids made unique across the documents, and links between them made links within the one body."""
    for el in section.iter():
        if not isinstance(el.tag, str):
            continue
        for key in ("id", "name"):
            if el.get(key) and (key == "id" or el.tag == "a"):
                el.set(key, f"{name}#{el.get(key)}")
        href = el.get("href")
        if href and not urlsplit(href).scheme:
            parts = urlsplit(href)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path))) if parts.path else name
            el.set("href", f"#{target}#{parts.fragment}" if parts.fragment else f"#{target}#")
        src = el.get("src")
        if el.tag == "img" and src and not urlsplit(src).scheme:
            el.set("src", posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(src))))


def _image(book, src: str) -> bytes | None:  # type: ignore[no-untyped-def]
    item = book.get_item_with_href(src)
    return item.get_content() if item is not None else None
