"""The PDF book: the content model as JSON, laid out by Typst with the template book.typ.

The text never passes through Typst markup: the template reads the JSON (`sys.inputs.book`)
and builds the document from it, so no character of the guide can be taken for markup.
Fonts come from fonts/ beside this file only (a hermetic build), and the creation date from
the caller, so that two builds of one commit are byte-identical.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .coverage import uncovered
from .model import Block, Book, BookError, Inline, Link, Section, Text, carried_anchors
from .volumes import Volume, words

if TYPE_CHECKING:
    from typst import TypstError, TypstWarning

Json = str | int | float | bool | None | list["Json"] | dict[str, "Json"]  # what json.dumps writes
Nested = Block | Inline | tuple["Nested", ...]  # a node, or the tuples of a list item or a table row

HERE = Path(__file__).parent
TEMPLATE = HERE / "book.typ"
FONTS = HERE / "fonts"
PAGE_SIZES = {"A4": "a4", "A5": "a5"}
LINE_BREAKING = ("auto", "optimized", "simple")
# Above this, "auto" lays out justified text line by line (first fit) rather than a paragraph at a time
# (Knuth-Plass): looser lines, a quarter to a third less of Typst's time (README, "Reading offline and printing").
SIMPLE_LINES_WORDS = 250_000


class PdfError(BookError):
    """Typst could not lay out the book; the message says where and why."""


def write_pdf(book: Book, target: Path, *, page_size: str = "A4", pdf_ua: bool = True,
              timestamp: datetime | None = None, volumes: list[Volume] | None = None,
              line_breaking: str = "auto") -> list[str]:
    """Write the book to `target`, or, given more than one of `volumes` (volumes.plan), each volume
    beside it in a process of its own (pdf_volumes.py); returns Typst's warnings (a strict build fails on them).
    `line_breaking`: "optimized" (a paragraph at a time), "simple" (line by line), or "auto" (simple_lines)."""
    if page_size not in PAGE_SIZES:
        raise ValueError(f"page size {page_size!r}: choose one of {', '.join(PAGE_SIZES)}")
    simple = simple_lines(book, line_breaking)
    if (gap := uncovered(book, sorted(FONTS.glob("*.ttf")))) is not None:
        section, script, chars = gap
        raise PdfError(
            f"docs/{section.src} ('{section.title}') has {script} characters ({', '.join(chars)}), which no font of "
            "the PDF book has (Liberation fonts: Latin, Greek, Cyrillic and Hebrew); the PDF would show them blank. "
            "Make the EPUB only (e-readers bring fonts for every script): set 'pdf: false' under "
            "extra.guide in mkdocs.yml")
    when = timestamp or datetime.now(UTC)
    if volumes is not None and len(volumes) > 1:
        from .pdf_volumes import write_volumes

        return write_volumes(book, volumes, target, paper=PAGE_SIZES[page_size], pdf_ua=pdf_ua, timestamp=_utc(when),
                             simple=simple)
    import typst  # here: a build without books never loads the compiler

    data = book_data(book, PAGE_SIZES[page_size], simple=simple)
    compiler = typst.Compiler(root=str(book.site_dir), font_paths=[str(FONTS)], ignore_system_fonts=True)
    try:
        # The stub ties input and output to one TypeVar; the template goes in as bytes, the PDF out to a path.
        _, warnings = compiler.compile_with_warnings(  # type: ignore[type-var]
            input=TEMPLATE.read_bytes(), output=str(target), format="pdf",
            sys_inputs={"book": json.dumps(data, ensure_ascii=False, separators=(",", ":"))},
            pdf_standards=["ua-1"] if pdf_ua else [], timestamp=_utc(when))
    except typst.TypstError as err:
        raise PdfError(typst_failure(err)) from None
    return [warning_text(w) for w in warnings]


def simple_lines(book: Book, line_breaking: str) -> bool:
    """Whether the PDF's lines are broken one at a time: asked for, or "auto" and a book of more than
    SIMPLE_LINES_WORDS words (where optimizing each paragraph's breaks is a quarter to a third of Typst's time)."""
    if line_breaking not in LINE_BREAKING:
        raise ValueError(f"line breaking {line_breaking!r}: choose one of {', '.join(LINE_BREAKING)}")
    if line_breaking != "auto":
        return line_breaking == "simple"
    return sum(words(s) for s in book.sections) > SIMPLE_LINES_WORDS


def typst_failure(err: TypstError) -> str:
    hints = "".join(f"\n  hint: {hint}" for hint in err.hints)
    return f"Typst could not make the PDF book: {err.message}{hints}"


def _utc(when: datetime) -> datetime:
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC).replace(microsecond=0)


def warning_text(warning: TypstWarning) -> str:
    hints = "".join(f" (hint: {hint})" for hint in getattr(warning, "hints", []) or [])
    return f"Typst: {getattr(warning, 'message', str(warning))}{hints}"


@dataclasses.dataclass(frozen=True)
class Elsewhere:
    """For one volume: where the anchors of the other volumes are. `files`: each volume's file name;
    `volume_of`: anchor -> volume number; `pages`: anchor in an earlier volume -> (the number printed
    on its page, that page's place in its file)."""

    number: int
    files: tuple[str, ...]
    volume_of: dict[str, int]
    pages: dict[str, tuple[int, int]]


def book_data(book: Book, paper: str, elsewhere: Elsewhere | None = None,
              sections: tuple[Section, ...] | None = None, emitted: set[str] | None = None,
              simple: bool = False) -> dict[str, Json]:
    """The book as JSON-ready data: what the template reads (only `sections`, for a volume; `emitted`:
    carried_anchors(book), when the caller has it; `simple`: simple_lines)."""
    emitted = carried_anchors(book) if emitted is None else emitted
    meta = book.meta
    return {
        "meta": {"title": meta.title, "subtitle": meta.subtitle, "version": meta.version,
                 "language": meta.language, "description": meta.description or meta.subtitle,
                 "author": meta.author, "how_to_cite": meta.how_to_cite, "labels": dict(meta.labels)},
        "paper": paper,
        "parts": book.has_book_parts,
        "simple_lines": simple,
        "sections": [_section(s, book, emitted, elsewhere) for s in (book.sections if sections is None else sections)],
    }


def _section(section: Section, book: Book, emitted: set[str], elsewhere: Elsewhere | None) -> dict[str, Json]:
    return {"key": section.key, "title": section.title, "part": section.part, "level": section.level,
            "book_part": section.book_part, "blocks": [_node(b, book, emitted, elsewhere) for b in section.blocks]}


def link_target(node: Link, book: Book, emitted: set[str]) -> Link:
    """The link as the PDF makes it: to an id the book does not carry (on a span, a table cell...), its page instead."""
    if node.kind != "external" and node.target not in emitted:
        return dataclasses.replace(node, target=book.anchors.get(node.target, node.target), pageref=False)
    return node


def _node(node: Block | Inline, book: Book, emitted: set[str], elsewhere: Elsewhere | None) -> Json:
    if isinstance(node, Text):
        return node.text  # a plain string: most of the data, kept small
    out: dict[str, Json] = {"t": type(node).__name__.lower()}
    if isinstance(node, Link):
        node = link_target(node, book, emitted)
        volume = elsewhere.volume_of.get(node.target) if elsewhere is not None and node.kind != "external" else None
        if elsewhere is not None and volume is not None and volume != elsewhere.number:
            # In another volume's file. In an earlier one, its page there (that volume reported it, with
            # the number printed on it); in a later one, its section's title, a named destination
            # (Typst makes one of each labelled heading), and the volume's number for a page reference.
            out["file"] = elsewhere.files[volume - 1]
            found = elsewhere.pages.get(node.target)
            if found is not None:
                out["dest"] = f"page={found[1]}"
                if node.pageref:
                    out["page"] = found[0]
            else:
                out["dest"] = f"nameddest={book.anchors.get(node.target, node.target)}"
                if node.pageref:
                    out["volume"] = volume
    for field in dataclasses.fields(node):
        value = getattr(node, field.name)
        if isinstance(value, tuple):
            value = [_items(v, book, emitted, elsewhere) for v in value]
        out[field.name] = value
    return out


def _items(value: Nested, book: Book, emitted: set[str], elsewhere: Elsewhere | None) -> Json:
    if isinstance(value, tuple):  # a list item's blocks, a table row's cells
        return [_items(v, book, emitted, elsewhere) for v in value]
    return _node(value, book, emitted, elsewhere)
