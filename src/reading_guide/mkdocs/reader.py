"""The reader's tools on every page of a build: the facts reader.js cites a paragraph with, a
chapter's citation meta tags, and the generated "My notes" page (its list is drawn by reader.js
from the browser's storage).

Nothing here is code in the page: the data goes as a `<script type="application/json">` block and
`<meta>` tags (theme/overrides/main.html), so a Content-Security-Policy can forbid inline scripts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..core.citation import CiteFacts, head_tags
from ..core.reader_page import NOTES_SRC, notes_markdown, reader_data, storage_key
from ..core.strings import Strings
from .config import GuideConfig
from .guide_facts import cite_facts


@dataclass
class ReaderBuild:
    facts: CiteFacts
    strings: Strings
    key: str  # the browser storage's key: one guide's notes apart from another's on the same origin
    notes_url: str = ""

    @classmethod
    def start(cls, config: MkDocsConfig, settings: GuideConfig, strings: Strings) -> ReaderBuild:
        facts = cite_facts(config, settings, strings)
        return cls(facts, strings, storage_key(facts))

    def add_page(self, files: Files, config: MkDocsConfig) -> None:
        """The My notes page; the header links to it (config.extra.reading_guide_notes)."""
        page = files.get_file_from_path(NOTES_SRC)
        if page is None:
            page = File.generated(config, NOTES_SRC, content=self.notes_markdown(), inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(page)
        self.notes_url = page.url
        words = self.strings.reader
        config.extra["reading_guide_notes"] = {"link": page.url, "title": words.my_notes, "label": words.my_notes_label}

    def notes_markdown(self) -> str:
        return notes_markdown(self.strings.reader)

    def page_context(self, context: dict[str, Any], page: Page) -> None:
        """The reader's data and, on a chapter, the citation meta tags: read by main.html."""
        chapter = page.meta.get("chapter")
        title = page.title or ""
        url = page.canonical_url or ""
        context["reading_guide_meta"] = head_tags(self.facts, title, url) if chapter is not None else []
        context["reading_guide_reader"] = reader_data(
            self.facts, self.strings.reader, page=page.url, canonical=url, notes=self.notes_url,
            chapter=None if chapter is None else str(chapter), title=title)
