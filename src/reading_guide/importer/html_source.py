"""An HTML or XHTML edition (Gutenberg, marxists.org, Wikisource, Standard Ebooks) read as a `Text`.

Pure (lxml, no MkDocs). html_walk.py turns the body into units (html_dom.py: the units, the text's
own notes, inline Markdown); html_furniture.py decides which units are furniture (Gutenberg's
header and licence, site navigation, transcriber's notes, contents lists, footnote headings, an
index, a title page), listed in `Text.dropped`; html_headings.py makes the headings parts, chapters
and sections for structure.py, the h-levels as Markdown's levels. This module reads the file, the
title, author and language (<title>, <meta>, `lang`), and puts the Text together.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree, html

from .classify import PRELIMINARY
from .errors import TextImportError
from .html_dom import Inline, Walk, attribute, find_notes
from .html_furniture import Read, drop_furniture, drop_title_page
from .html_headings import (
    appendix_documents,
    contents_peers,
    introduction_sections,
    items_of,
    title_blocks,
    whole_text_headings,
)
from .html_walk import Walker, verse_lines
from .language import detect_language, language_code
from .matter import Metadata
from .pages import Text, numbered
from .parse import SPLITS
from .structure import Block, build, split_pages

IMAGE_DIR = "images"  # docs/images/ of the guide; chapter pages link ../images/NAME


def parse_document(data: bytes, name: str) -> etree._Element:
    """The document's root; a TextImportError when it is not HTML."""
    try:
        root = html.document_fromstring(data)
        if not _states_encoding(root) and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
            # No BOM and no <meta charset>: libxml2 would guess Latin-1; today's files are UTF-8 when they decode so.
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                root = html.document_fromstring(data, parser=html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as err:
        raise TextImportError(f"{name}: not an HTML document that can be read ({err})") from err
    if root.find(".//body") is None:
        raise TextImportError(f"{name}: an HTML document without a <body>; nothing to import")
    return root


def _states_encoding(root: etree._Element) -> bool:
    """Whether the document names its encoding in a <meta> element (charset, or http-equiv Content-Type)."""
    return any(meta.get("charset") or (meta.get("http-equiv") or "").lower() == "content-type" for meta in root.iter("meta"))


def read_markup(path: Path, split: str = "chapters") -> Text:
    """The text of an .html, .htm or .xhtml file; a TextImportError for what cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise TextImportError(f"{path}: cannot read the file ({err.strerror})") from err
    return text_of(parse_document(data, str(path)), str(path), split, path.stem,
                   lambda src: _file(path.parent, src))


def _file(folder: Path, src: str) -> bytes | None:
    """An image next to the document (a relative src), or None."""
    file = folder / unquote(urlsplit(src).path)
    try:
        return file.read_bytes() if file.is_file() else None
    except OSError:
        return None


def walk_of(root: etree._Element, image: Callable[[str], bytes | None] = lambda src: None) -> Walk:
    """The units of the document's body (made once per call: the walk edits its own copy of the tree)."""
    body = root.find(".//body")
    assert body is not None  # parse_document made sure
    ids = {str(e.get("id") or e.get("name")): e for e in body.iter() if isinstance(e.tag, str) and
           (e.get("id") or (e.tag == "a" and e.get("name")))}
    walk = Walk(ids, load=image)
    find_notes(body, walk)
    Walker(walk, f"../{IMAGE_DIR}/").block(body)
    return walk


def metadata_of(root: etree._Element) -> tuple[str, str, str]:
    """Title, author and language as the document's head states them ("" where it does not)."""
    metas = {(m.get("name") or m.get("property") or m.get("http-equiv") or "").lower(): " ".join((m.get("content") or "").split())
             for m in root.iter("meta")}
    title = metas.get("dc.title") or metas.get("og:title") or metas.get("citation_title") or ""
    author = metas.get("dc.creator") or metas.get("author") or metas.get("citation_author") or ""
    head_title = root.find(".//title")
    shown = " ".join(head_title.text_content().split()) if head_title is not None else ""
    gutenberg = re.match(r"^\W*(?:The\s+)?Project Gutenberg(?:[’']s)?\s+(?:e-?(?:book|text)\b,?\s*)?(?:of\s+)?"
                         r"(?P<title>.+?)(?:,?\s+by\s+(?P<author>[^,]+?))?\W*$", shown, re.I)
    if gutenberg:
        title = title or gutenberg["title"].strip(" ,.")
        author = author or (gutenberg["author"] or "").strip(" ,.")
    elif shown and not title:
        title = _without_site(shown)
        byline = re.match(r"^(?P<title>.+?),?\s+by\s+(?P<author>[^,]+)$", title)
        if byline:
            title, author = byline["title"], author or byline["author"]
    title = title.rstrip(" ,;:")  # "The Writings of Thomas Paine, Volume I.," as a <title> may have it
    language = attribute(root, "lang") or attribute(root, "xml:lang") or metas.get("dc.language", "") or \
        metas.get("content-language", "")
    return title, author, language


SITE = re.compile(r"wiki|archive|library|gutenberg|ebooks|\.org|\.com|\.net|internet|online", re.I)


def _without_site(shown: str) -> str:
    """A page's <title> without the site's name after it: "Title | Site", "Title - Wikisource, the free …"."""
    pieces = re.split(r"\s+([|–—-])\s+", shown)
    if len(pieces) >= 3 and (pieces[-2] == "|" or SITE.search(pieces[-1])):
        return " ".join(pieces[:-2]).strip()
    return shown


def text_of(root: etree._Element, name: str, split: str, stem: str,
            image: Callable[[str], bytes | None] = lambda src: None) -> Text:
    """The Text of a parsed document; `image(src)` gives the bytes of an image it shows."""
    return read_document(root, name, split, stem, image)[0]


def read_document(root: etree._Element, name: str, split: str, stem: str,
                  image: Callable[[str], bytes | None] = lambda src: None) -> tuple[Text, Read]:
    """The Text, and what the reading kept and dropped (for the fidelity check)."""
    if split not in (*SPLITS,):
        raise TextImportError(f"{name}: split must be one of {', '.join(SPLITS)}, not {split!r}")
    walk = walk_of(root, image)
    read = Read(walk)
    drop_furniture(read)
    title, author, language = metadata_of(root)
    headings = [u for u in read.keep if u.kind == "heading"]
    title_found = bool(title)
    if not title:
        tops = [u for u in headings if u.level == min((h.level for h in headings), default=0)]
        title = tops[0].plain if tops else stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled"
        title_found = bool(tops)
    drop_title_page(read)
    items = whole_text_headings(items_of(read), read)
    items = title_blocks(appendix_documents(introduction_sections(contents_peers(items, read))))
    if not any(isinstance(i, Block) for i in items):
        raise TextImportError(f"{name}: no paragraphs found in the document's body (only headings or furniture)")
    parts, raw = split_pages(*build(items, title, PRELIMINARY.match), split)
    if len(raw) == 1 and raw[0].line == 0:
        raw[0].title = title  # a work without headings: its one chapter is the work
    placed, chapters = numbered(parts, raw)
    read.gone += [u.element for u in read.keep if u.line in {d.first_line for d in read.dropped if d.what.startswith(
        ("a heading over the whole text", "the heading above it again"))} and u.kind == "heading"]
    notes = _author_notes(walk)
    blocks = [b for c in chapters for b in c.blocks] + [b for p in placed for b in p.blocks]  # a part's own text too
    called = {int(n) for b in blocks for n in re.findall(r"\[\^author-(\d+)\]", b.text)}
    lost = sorted(set(notes) - called)
    language = language_code(language) or detect_language(" ".join(u.plain for u in read.keep))
    converted = [f"read as HTML (lxml): {len(read.keep)} block(s), {len(notes)} note(s) of the text's own"]
    converted += [f"{walk.page_markers} page-number marker(s) left out"] if walk.page_markers else []
    converted += [f"{walk.top_links} \"top of the page\" link(s) left out"] if walk.top_links else []
    missing = [f"image {src!r} not found: left out of the page" for src in dict.fromkeys(walk.missing)]
    encoding = f"{root.getroottree().docinfo.encoding or 'UTF-8'} (HTML)"
    return Text(title, title_found, chapters, True, Metadata(title, author), placed, encoding, tuple(converted),
                tuple(sorted(read.dropped, key=lambda d: d.first_line)),
                (*(f"the text's note {n} is called only from dropped matter: it is in no chapter" for n in lost), *missing),
                split, author_notes=tuple(sorted(notes.items())), language=language,
                images=tuple(sorted(walk.images.values()))), read


def _author_notes(walk: Walk) -> dict[int, str]:
    """Each note of the text's own as Markdown: its paragraphs, without the link back to its call."""
    bodies = {int(u.text): u.element for u in walk.units if u.kind == "note"}
    notes = {}
    for number, el in bodies.items():
        ink = Inline(walk, "../images/")
        backs = [a for a in el.iter("a") if (a.get("href") or "").startswith("#") and a not in walk.calls]
        for a in backs:
            a.getparent().remove(a) if a.tail is None else _drop_keep_tail(a)
        text = verse_lines(el, ink)
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", text)]
        notes[number] = "\n\n    ".join(p for p in paragraphs if p).lstrip(" .:)]")
    return notes


def _drop_keep_tail(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        el.drop_tree() if isinstance(el, html.HtmlElement) else parent.remove(el)
