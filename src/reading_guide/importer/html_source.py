"""An HTML or XHTML edition (Gutenberg, marxists.org, Wikisource, Standard Ebooks) read as a `Text`.

Pure (lxml, no MkDocs). html_dom.py turns the body into units; this module decides which units
are furniture (Gutenberg's header and licence, site navigation, transcriber's notes, contents
lists, footnote headings, an index, a title page) and lists them in `Text.dropped`, reads title,
author and language from <title>, <meta> and `lang`, and makes parts, chapters and sections from
the heading elements with structure.py, the rules the plain-text import uses, with the h-levels as
the Markdown levels.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree, html

from .classify import BYLINE, DATE, LABEL, PRELIMINARY, ROMAN, WORDS, _heading
from .errors import TextImportError
from .html_dom import Unit, Walk, Walker, attribute, classes, find_notes, plain
from .language import detect_language, language_code
from .matter import THE_END, Dropped, Metadata
from .parse import SPLITS, Chapter, Text
from .structure import CHAPTER, PART, SECTION, Block, Heading, Item, _runs, build, join_titles, rank, split_pages

BARE = re.compile(rf"^\W*(?:\w+\.?\s+)?(?:\d{{1,3}}|{ROMAN}|(?i:{WORDS}))\W*$")  # "ESSAY I.", "No. 3.", "IV", "Chapter One"
MARKUP_SUFFIXES = (".html", ".htm", ".xhtml")
IMAGE_DIR = "images"  # docs/images/ of the guide; chapter pages link ../images/NAME
START = re.compile(r"\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG", re.I)
END = re.compile(r"\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG|^End of (?:the )?Project Gutenberg", re.I)
CONTENTS = re.compile(r"^\W*(?:table of )?contents\b|^\W*inhalt(?:sverzeichnis)?\W*$|^\W*list of illustrations\W*$", re.I)
NOTES_HEADING = re.compile(r"^\W*(?:(?:foot|end)?notes?|references)\W*$|^\W*(?:anmerkungen|fußnoten|fussnoten|"
                           r"einzelnachweise)\W*$", re.I)
INDEX = re.compile(r"^\W*(?:general |analytical )?index\W*$|^\W*(?:register|sachregister|namensregister)\W*$", re.I)
TRANSCRIBER = re.compile(r"^\W*(?:transcriber[’']?s?|transcription|transcribed|e-?text prepared|produced by|"
                         r"html (?:version|markup)|markup|proofread|last updated)\b", re.I)
FURNITURE_CLASSES = {"transnote", "tnote", "transcriber", "transcribers-note", "information", "info", "colophon",
                     "pg-boilerplate", "updat", "updated", "lastupdated"}


@dataclass
class Read:
    """The import of one document's units: what is kept, what is dropped."""
    walk: Walk
    keep: list[Unit] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    contents_line: int = 0  # where a table of contents was (the front matter ends there)
    gone: list[etree._Element] = field(default_factory=list)  # the elements dropped (the fidelity check skips them)

    def drop(self, units: list[Unit], what: str) -> None:
        if units:
            self.dropped.append(Dropped(min(u.line for u in units), max(u.last_line for u in units), what))
            self.gone += [u.element for u in units]


def parse_document(data: bytes, name: str) -> etree._Element:
    """The document's root; a TextImportError when it is not HTML."""
    try:
        root = html.document_fromstring(data)
    except (etree.ParserError, ValueError) as err:
        raise TextImportError(f"{name}: not an HTML document that can be read ({err})") from err
    if root.find(".//body") is None:
        raise TextImportError(f"{name}: an HTML document without a <body>; nothing to import")
    return root


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
    _furniture(read)
    title, author, language = metadata_of(root)
    headings = [u for u in read.keep if u.kind == "heading"]
    title_found = bool(title)
    if not title:
        tops = [u for u in headings if u.level == min((h.level for h in headings), default=0)]
        title = tops[0].plain if tops else stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled"
        title_found = bool(tops)
    _title_page(read, title)
    items = _title_blocks(_whole_text_headings(_items(read), read))
    if not any(isinstance(i, Block) for i in items):
        raise TextImportError(f"{name}: no paragraphs found in the document's body (only headings or furniture)")
    parts, raw = split_pages(*build(items, title, PRELIMINARY.match), split)
    if len(raw) == 1 and raw[0].line == 0:
        raw[0].title = title  # a work without headings: its one chapter is the work
    digits = len(str(len(raw)))
    numbered = list(enumerate(raw, start=1))
    parts = [replace(p, first=min((k for k, c in numbered if c.part == i), default=0),
                     last=max((k for k, c in numbered if c.part == i), default=0)) for i, p in enumerate(parts)]
    chapters = tuple(Chapter(k, c.title, (), None if c.part is None else parts[c.part], tuple(c.blocks), c.line, digits)
                     for k, c in numbered)
    read.gone += [u.element for u in read.keep if u.line in {d.first_line for d in read.dropped if d.what.startswith(
        ("a heading over the whole text", "the heading above it again"))} and u.kind == "heading"]
    notes = _author_notes(walk)
    called = {int(n) for c in chapters for b in c.blocks for n in re.findall(r"\[\^author-(\d+)\]", b.text)}
    lost = sorted(set(notes) - called)
    language = language_code(language) or detect_language(" ".join(u.plain for u in read.keep))
    converted = [f"read as HTML (lxml): {len(read.keep)} block(s), {len(notes)} note(s) of the text's own"]
    converted += [f"{walk.page_markers} page-number marker(s) left out"] if walk.page_markers else []
    converted += [f"{walk.top_links} \"top of the page\" link(s) left out"] if walk.top_links else []
    missing = [f"image {src!r} not found: left out of the page" for src in dict.fromkeys(walk.missing)]
    encoding = f"{root.getroottree().docinfo.encoding or 'UTF-8'} (HTML)"
    return Text(title, title_found, chapters, True, Metadata(title, author), tuple(parts), encoding, tuple(converted),
                tuple(sorted(read.dropped, key=lambda d: d.first_line)),
                (*(f"the text's note {n} is called only from dropped matter: it is in no chapter" for n in lost), *missing),
                split, author_notes=tuple(sorted(notes.items())), language=language,
                images=tuple(sorted(walk.images.values()))), read


def _author_notes(walk: Walk) -> dict[int, str]:
    """Each note of the text's own as Markdown: its paragraphs, without the link back to its call."""
    from .html_dom import Inline, verse_lines

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


def _ancestor_classes(unit: Unit) -> set[str]:
    found = classes(unit.element)
    for el in unit.element.iterancestors():
        found |= classes(el)
    return found


def _furniture(read: Read) -> None:
    units = read.walk.units
    start = next((k for k, u in enumerate(units) if START.search(u.plain)), None)
    end = next((k for k, u in enumerate(units) if END.search(u.plain) and (start is None or k > start)), None)
    if start is not None:
        read.drop(units[:start + 1], "Project Gutenberg header (to its START line)")
    if end is not None:
        read.drop(units[end:], "Project Gutenberg licence (from its END line)")
    units = units[(start + 1 if start is not None else 0):end]
    index = 0

    def edge(k: int) -> bool:  # a producer's note stands before or after the text, never inside it
        return k < max(20, len(units) // 10) or k > len(units) - max(20, len(units) // 10)

    while index < len(units):
        unit = units[index]
        if unit.kind == "dropped":
            read.drop([unit], unit.text)
        elif unit.kind == "note":
            pass  # the text's own note: rendered with the chapter that calls it
        elif _ancestor_classes(unit) & FURNITURE_CLASSES or (unit.kind != "heading" and TRANSCRIBER.match(unit.plain)
                                                             and len(unit.plain.split()) > 4 and edge(index)):
            read.drop([unit], "transcriber's or transcription note, or the source's information block")
        elif TRANSCRIBER.match(unit.plain):  # a heading or a label ("Transcriber's Note:") over the note
            stop = _next_heading(units, index)
            read.drop(units[index:stop], f"transcriber's note ({unit.plain!r})")
            index = stop
            continue
        elif CONTENTS.match(unit.plain) and (unit.kind == "heading" or len(unit.plain.split()) <= 4):
            stop = index + 1
            while stop < len(units) and (_links_only(units[stop]) or units[stop].kind in ("dropped", "note")
                                         or (units[stop].kind != "heading" and units[stop].links >= 3)
                                         or (len(units[stop].plain.split()) <= 3 and (units[stop].kind != "heading"
                                             or (units[stop].level > unit.level and BARE.match(units[stop].plain))))):
                stop += 1
            read.drop(units[index:stop], f"table of contents ({unit.plain!r})")
            read.contents_line = read.contents_line or unit.line
            index = stop
            continue
        elif unit.kind == "heading" and NOTES_HEADING.match(unit.plain) and \
                next((u.kind for u in units[index + 1:] if u.kind != "dropped"), "") == "note":
            read.drop([unit], f"the heading {unit.plain!r} over the text's own notes (they follow their chapters)")
        elif unit.kind == "heading" and INDEX.match(unit.plain) and index > len(units) // 2:
            rest = [u for u in units[index:] if u.kind != "note"]
            read.drop(rest, "index")
            break
        elif unit.kind != "heading" and THE_END.match(unit.plain) and index > len(units) * 2 // 3:
            rest = [u for u in units[index:] if u.kind != "note"]
            read.drop(rest, f"back matter: the closing line ({unit.plain!r})" + (" and what follows it"
                                                                                   if len(rest) > 1 else ""))
            break
        elif _links_only(unit) and (unit.links >= 3 or unit.outside_links):
            read.drop([unit], "contents list" if unit.links >= 3 else "site navigation (links only)")
        else:
            read.keep.append(unit)
        index += 1


def _next_heading(units: list[Unit], index: int) -> int:
    return next((k for k in range(index + 1, len(units)) if units[k].kind == "heading"), len(units))


def _links_only(unit: Unit) -> bool:
    """A block whose words are all inside links (besides separators such as "|", ">", "·")."""
    if unit.kind == "heading":
        inside = sum(len(plain(a)) for a in unit.element.iter("a") if a.get("href"))
        return inside > 0 and inside >= 0.8 * len(unit.plain.replace(" ", ""))
    if not (unit.links or unit.outside_links):
        return False
    return unit.linked >= 0.8 * len(re.sub(r"[\W\d_]+", "", unit.plain))


def _prose_after(units: list[Unit], index: int) -> int:
    """The words of prose under a heading (a title page's lines are short, and often in capitals)."""
    words = 0
    for unit in units[index + 1:]:
        if unit.kind == "heading" and not (DATE.match(unit.plain) or BYLINE.match(unit.plain)):
            break
        if unit.kind in ("paragraph", "quote", "verse", "list", "table") and not unit.plain.isupper():
            size = len(unit.plain.split())
            words += size if unit.kind != "paragraph" or size <= 25 else 40  # a real paragraph is enough
    return words


def _title_page(read: Read, title: str) -> None:
    """Headings and short lines before the first heading that opens some prose: the title page."""
    units = read.keep
    first = next((k for k, u in enumerate(units) if u.kind == "heading" and _prose_after(units, k) >= 40 and
                  (u.line > read.contents_line or PRELIMINARY.match(u.plain))), None)
    if first is None or first == 0:
        return
    while first and units[first - 1].kind == "heading" and units[first - 1].level < units[first].level and \
            (label := LABEL.match(units[first - 1].plain)) and not label["rest"]:
        first -= 1  # "CHAPTER I" over its title: the chapter starts at the label
    before = units[:first]
    if sum(len(u.plain.split()) for u in before if u.kind != "heading") > 150 and \
            not 0 < read.contents_line < units[first].line:
        return  # text of its own before the first heading: kept, as an "Introduction"
    read.drop(before, "title page")
    read.keep = units[first:]


def fold(title: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", title).lower().split())


def _join_headings(read: Read) -> list[Unit]:
    """A bare label over its title ("ESSAY I." / "THE ROOTS OF HONOUR.") and a title ending in a colon over
    its subtitle, one level down, are one heading; "BY" over a name is a byline."""
    out: list[Unit] = []
    for unit in read.keep:
        last = out[-1] if out else None
        if last is not None and last.kind == unit.kind == "heading" and last.level < unit.level and (
                BARE.match(last.plain) or (last.plain.endswith(":") and unit.level == last.level + 1)):
            title = join_titles([last.text, unit.text])
            out[-1] = replace(last, text=title, plain=" ".join([last.plain, unit.plain]), notes=last.notes + unit.notes,
                              last_line=unit.last_line, source=f"{last.source} {unit.source}")
        elif last is not None and last.kind == unit.kind == "heading" and re.fullmatch(r"\W*by\W*", last.plain, re.I):
            out[-1] = replace(last, kind="paragraph", text=f"{last.text} {unit.text}", plain=f"{last.plain} {unit.plain}",
                              source=f"{last.source} {unit.source}")
        else:
            out.append(unit)
    return out


def _items(read: Read) -> list[Item]:
    """Headings and blocks for structure.build; note calls in a heading move to the block after it."""
    items: list[Item] = []
    pending: list[int] = []
    above: list[Unit] = []  # the headings over the current one, by level
    read.keep = _join_headings(read)
    for unit in read.keep:
        if unit.kind == "heading":
            above = [h for h in above if h.level < unit.level]
            if any(fold(h.plain) == fold(unit.plain) for h in above):
                read.dropped.append(Dropped(unit.line, unit.last_line, f"the heading above it again ({unit.plain!r})"))
                read.gone.append(unit.element)
                continue
            above.append(unit)
            subtitle = len(unit.plain.split()) > 20 and bool(items) and isinstance(items[-1], Heading)
            if DATE.match(unit.plain) or BYLINE.match(unit.plain) or subtitle:
                items.append(Block("paragraph", unit.text, unit.line))  # a dateline or a byline: text
            else:
                items.append(_heading(unit.line, unit.text, unit.level))
            pending += unit.notes
        elif unit.kind != "note":
            text = unit.text + "".join(f"[^author-{n}]" for n in pending if unit.kind == "paragraph")
            pending = [] if unit.kind == "paragraph" else pending
            items.append(Block(unit.kind, text, unit.line))
    return items


def _title_blocks(items: list[Item]) -> list[Item]:
    """A heading with no prose under it, only a byline or a subtitle, then a second, unlabelled heading at
    its level over the text: the second is a line of the first's title block ("THE LIFE OF …" / "WRITTEN BY …"
    / "CASTRUCCIO CASTRACANI 1284-1328"), text, as are the subtitles between them."""
    out = list(items)
    for k, item in enumerate(out):
        if not isinstance(item, Heading):
            continue
        m = next((j for j in range(k + 1, len(out)) if isinstance(out[j], Heading) and out[j].level <= item.level), None)
        if m is None or m == k + 1 or m + 1 >= len(out):
            continue
        second, between = out[m], out[k + 1:m]
        title_block = all(isinstance(i, Heading) or len(i.text.split()) <= 12 for i in between)
        if title_block and isinstance(second, Heading) and second.level == item.level and not second.rank and \
                not PRELIMINARY.match(second.text) and isinstance(out[m + 1], Block):
            for j in range(k + 1, m + 1):
                if isinstance(out[j], Heading):
                    out[j] = Block("paragraph", out[j].text, out[j].line)
    return out


def _whole_text_headings(items: list[Item], read: Read) -> list[Item]:
    """A heading standing alone above the chapters (the work's title again) is not a part; a heading at
    the chapters' level with no text of its own, over numbered chapters, is one."""
    items = _runs(items)  # a label and its title as one heading, as build() joins them
    headings = [i for i in items if isinstance(i, Heading)]
    order = {PART: 0, CHAPTER: 1, SECTION: 2}
    labelled = [(order[h.rank], h.level) for h in headings if h.rank and h.style != "preliminary"]
    if any(r1 < r2 and l1 > l2 for r1, l1 in labelled for r2, l2 in labelled):
        # "PART I" under "SECTION 1": the labels contradict the markup's levels; the levels decide
        items = [replace(i, rank=None) if isinstance(i, Heading) and i.style != "preliminary" else i for i in items]
        headings = [i for i in items if isinstance(i, Heading)]
    ranks = rank(headings)
    parts = [h for h, r in zip(headings, ranks, strict=True) if r == PART and not h.rank]
    top = [h for h in headings if h.level == min((h.level for h in headings), default=0)]
    after = items[items.index(top[0]) + 1] if top and items.index(top[0]) + 1 < len(items) else None
    if len(top) == 1 and not top[0].rank and isinstance(after, Heading) and after.level > top[0].level:
        parts = top  # one heading above all the others: the work's title again, not a part
    out = list(items)
    if len(parts) == 1:
        out = [i for i in out if i is not parts[0]]
        read.dropped.append(Dropped(parts[0].line, parts[0].line, f"a heading over the whole text ({parts[0].text!r})"))
    for k, item in enumerate(out[:-1]):
        nxt = out[k + 1]
        if isinstance(item, Heading) and not item.rank and isinstance(nxt, Heading) and nxt.rank and \
                nxt.level == item.level and nxt.rank != PART and not PRELIMINARY.match(item.text):
            out[k] = replace(item, rank=PART)
    return out
