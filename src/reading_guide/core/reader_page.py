"""What the reader's tools need on every built page, whatever engine renders it: the "My notes" page's
Markdown (its list is drawn by reader.js from the browser's storage) and the data reader.js cites a
paragraph with. The MkDocs plugin (mkdocs/reader.py) and the Zensical pages (compile/site_pages.py)
both take them from here."""

from __future__ import annotations

import functools
from typing import Any

from .citation import CiteFacts
from .reader_strings import ReaderStrings

NOTES_SRC = "my-notes.md"  # where the generated page pretends to be in docs/ (an author's own file wins)


def notes_markdown(words: ReaderStrings) -> str:
    """The My notes page, left out of the search: nothing on it is the guide's text."""
    return (f"---\nsearch:\n  exclude: true\n---\n\n# {words.my_notes}\n\n{words.my_notes_intro}\n\n"
            f'<div class="guide-notes-page" data-guide-notes markdown>\n\n{words.my_notes_empty}\n\n</div>\n\n'
            f'<noscript><p>{words.no_script}</p></noscript>\n')


def storage_key(facts: CiteFacts) -> str:
    """The browser storage's key: one guide's notes apart from another's on the same origin."""
    return f"reading-guide-notes:{facts.site_url or facts.title}"


def reader_data(facts: CiteFacts, words: ReaderStrings, *, page: str, canonical: str, notes: str,
                chapter: str | None, title: str) -> dict[str, Any]:
    """The JSON reader.js reads on a page: `page` its URL in the site, `canonical` its absolute address (or
    ""), `notes` the My notes page's URL, `title` the page's title as HTML (escaped text)."""
    return {
        "key": storage_key(facts), "page": page, "canonical": canonical, "notes": notes,
        "chapter": chapter, "chapterTitle": title, "guide": _as_dict(facts), "words": _as_dict(words),
    }


@functools.lru_cache(maxsize=8)
def _as_dict(value: CiteFacts | ReaderStrings) -> dict[str, Any]:
    """The same facts and words on every page of a build: made into a dict once (dataclasses.asdict
    copies every field, half a millisecond a page), shared by every page's data, which only reads it."""
    return value.as_dict()
