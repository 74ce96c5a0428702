"""The pages the generator adds to a guide, planned from its settings and glossary, and rendered once
every chapter is known (ChapterRegistry). Pure: the MkDocs adapter adds them as MkDocs files, the compile
step (reading_guide.compile) writes them into the staging folder an engine reads.
"""

from __future__ import annotations

import enum
import posixpath
from collections.abc import Callable
from dataclasses import dataclass

from .glossary import Glossary, timeline_events
from .pages import entry_file, render_entry, render_index, render_places, render_timeline
from .questions import render_questions_page
from .registry import ChapterRegistry
from .strings import Strings


class PageKind(enum.Enum):
    INDEX = "the glossary's index"
    ENTRY = "a glossary entry"
    TIMELINE = "the timeline"
    QUESTIONS = "the discussion questions"


@dataclass(frozen=True)
class GeneratedPage:
    kind: PageKind
    src_uri: str  # where it pretends to be in docs/
    slug: str | None = None  # the entry, for PageKind.ENTRY

    @property
    def in_nav(self) -> bool:
        """Entries are reached from the glossary's index; the other pages are listed in the nav."""
        return self.kind is not PageKind.ENTRY

    @property
    def search_boost(self) -> float:
        return 1.0 if self.kind is PageKind.ENTRY else 0.5


@dataclass(frozen=True)
class Layout:
    """Where the generated pages go (the settings glossary_url, timeline, questions)."""

    glossary_url: str
    timeline: str  # "" for none
    questions: str  # "" for none
    timeline_intro: str = ""


@dataclass
class Rendered:
    markdown: str
    tail_html: str | None = None  # the back-links of an entry: HTML with final URLs, appended as it is
    empty: bool = False  # nothing to show: kept out of the nav and the search
    warnings: tuple[str, ...] = ()


def plan_pages(layout: Layout, glossary: Glossary) -> tuple[list[GeneratedPage], list[str]]:
    """Every generated page, and the errors of pages that would take one place."""
    folder = layout.glossary_url
    pages = [GeneratedPage(PageKind.INDEX, f"{folder}/index.md")]
    pages += [GeneratedPage(PageKind.ENTRY, f"{folder}/{entry_file(e)}", e.slug) for e in glossary.entries.values()]
    if layout.timeline:
        pages.append(GeneratedPage(PageKind.TIMELINE, layout.timeline))
    if layout.questions:
        pages.append(GeneratedPage(PageKind.QUESTIONS, layout.questions))
    seen: dict[str, GeneratedPage] = {}
    errors = []
    for page in pages:
        if (other := seen.get(page.src_uri)) is not None:
            errors.append(collision(page, other, glossary))
        seen[page.src_uri] = page
    return list(seen.values()), errors


def collision(page: GeneratedPage, other: GeneratedPage, glossary: Glossary) -> str:
    entry = next((p for p in (page, other) if p.kind is PageKind.ENTRY), None)
    if entry is not None and entry.slug is not None:
        path = glossary.entries[entry.slug].path
        return (f"{path}: an entry file cannot be called {posixpath.basename(entry.src_uri)}, because "
                f"{(other if entry is page else page).kind.value} is generated at docs/{entry.src_uri}; rename the "
                "file (its name is only the entry's address)")
    return (f"mkdocs.yml: extra.guide puts {page.kind.value} and {other.kind.value} at the same place, "
            f"docs/{page.src_uri}; give them different paths")


def exists_message(page: GeneratedPage) -> str:
    return (f"docs/{page.src_uri} exists, but the generator makes {page.kind.value} there; delete or rename the file, "
            "or move the generated pages with extra.guide.glossary_url / timeline / questions")


def render_page(page: GeneratedPage, glossary: Glossary, registry: ChapterRegistry, layout: Layout,
                strings: Strings, url_from: Callable[[str], str]) -> Rendered:
    """A generated page's Markdown (`url_from`: page src_uri -> its URL from this page)."""
    if page.kind is PageKind.INDEX:
        return Rendered(render_index(glossary, strings))
    if page.kind is PageKind.QUESTIONS:
        chapters = registry.chapter_questions()
        return Rendered(render_questions_page(chapters, page.src_uri, strings), empty=not chapters)
    if page.kind is PageKind.TIMELINE:
        events = timeline_events(glossary)
        places = {slug: registry.sorted_places(slug) for slug in registry.places}
        return Rendered(render_timeline(events, glossary, places, layout.glossary_url, url_from, strings,
                                        layout.timeline_intro), empty=not events)
    assert page.slug is not None
    entry = glossary.entries[page.slug]
    occurs = registry.sorted_places(page.slug)
    warnings: tuple[str, ...] = ()
    if not occurs and not entry.background and page.slug not in registry.outside_chapters:
        warnings = (f"{entry.path}: '{entry.term}' occurs nowhere in the chapters; add the spelling the text uses "
                    "to its aliases, or mark it 'background: true' if it is reached only through see-also or the timeline",)
    timeline = posixpath.relpath(layout.timeline, posixpath.dirname(page.src_uri)) if layout.timeline else None
    return Rendered(render_entry(entry, glossary, timeline, strings),
                    tail_html=render_places(occurs, url_from, entry.background, strings), warnings=warnings)
