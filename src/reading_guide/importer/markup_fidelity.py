"""Fidelity for an HTML or EPUB edition: every word of its kept body, in order, is in the chapter pages.

Pure (lxml). The source's words are read from the document's elements (html_dom's `source` of each
unit the import kept), apart from the Markdown the pages were made of; words are compared by their
letters and digits, as markup (emphasis, escapes, table pipes) is not the text's. What the import
dropped is named in `excepted`, as for a plain text. The text's own notes are checked apart: each
note's words must be in the notes of the pages (they follow the chapter that calls them).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from .errors import TextImportError
from .fidelity import Fidelity, PageError, _compare, _page_segments, _Segment, excepted, made_up_titles
from .html_furniture import Read
from .html_source import parse_document, read_document
from .parse import Text

IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[\^author-\d+\]")  # an image, a call of the text's own note
LIST_MARK = re.compile(r"^(?:[-*+]|\d{1,3}\.)$")  # a list item's marker (an escaped "1\." in a paragraph stays a word)


def token(word: str) -> str:
    return re.sub(r"[\W_]+", "", word).lower()


def tokens(text: str) -> list[str]:
    text = IMAGE.sub(" ", text).replace("&lt;", "<").replace("&amp;", "&")
    return [t for t in map(token, text.split()) if t]


def _read(source: Path, split: str) -> tuple[list[tuple[str, int]], Read, Text]:
    if source.suffix.lower() == ".epub":
        from .epub_source import epub_document

        root, text, read = epub_document(source, split)
    else:
        root = parse_document(source.read_bytes(), str(source))
        text, read = read_document(root, str(source), split, source.stem)
    gone = set(read.gone)
    kept = [u for u in read.keep if u.kind != "note" and u.element not in gone]
    return [(t, u.line) for u in kept for t in tokens(u.source)], read, text


def check_markup_fidelity(source: Path, pages: Mapping[str, str], article_class: str = "article",
                          split: str = "chapters") -> Fidelity:
    try:
        words, read, text = _read(source, split)
    except (TextImportError, OSError) as err:
        return Fidelity([f"{source}: cannot be read ({err})"])
    result = Fidelity(excepted=excepted(source, read.dropped, text))
    made_up = made_up_titles(text)
    try:
        read_pages = _page_segments(pages, article_class, True)
    except PageError as err:
        return Fidelity([str(err)], result.excepted)
    segments = []
    for segment in read_pages:
        first = segment.words[0] if segment.words else ""
        words_of = segment.words[1:] if LIST_MARK.match(first) and len(segment.words) > 1 and not segment.heading \
            else segment.words
        kept = tokens(" ".join(words_of))
        if kept:
            segments.append(_Segment(segment.page, kept, segment.heading, segment.title))
    made_up_tokens = {" ".join(tokens(t)) for t in made_up}
    for segment in segments:
        if segment.title and " ".join(segment.words) in made_up_tokens:
            segment.title = next(t for t in made_up if " ".join(tokens(t)) == " ".join(segment.words))
    result.problems = _compare(words, segments, made_up, str(source))
    result.problems += _notes_problems(read, pages)
    result.excepted += [f"{source}: {doubt}" for doubt in text.doubts if doubt.startswith("the text's note")]
    return result


def _notes_problems(read: Read, pages: Mapping[str, str]) -> list[str]:
    """Each of the text's own notes is, word for word, in the notes of the pages."""
    from ..core.sources import AUTHOR_NOTE_PREFIX, note_definitions
    from .html_walk import source_text

    written = " " + " ".join(" ".join(tokens(body)) for page in pages.values()
                             for note_id, body, _ in note_definitions(page) if note_id.startswith(AUTHOR_NOTE_PREFIX)) + " "
    problems = []
    called = {int(n) for page in pages.values() for n in re.findall(rf"\[\^{AUTHOR_NOTE_PREFIX}(\d+)\](?!:)", page)}
    for unit in read.walk.units:
        body = tokens(source_text(unit.element, read.walk, inner=True)) if unit.kind == "note" else []
        if body and int(unit.text) in called and f" {' '.join(body)} " not in written:
            problems.append(f"{unit.line}: the text's note {unit.text} ({' '.join(body[:8])} …) is in no page's notes")
    return problems
