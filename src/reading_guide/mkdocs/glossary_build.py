"""One build's glossary, as MkDocs' events meet it: the entries, the generated pages as MkDocs files,
and the linker's state for the page being rendered.

Made afresh in every on_config (a build under `mkdocs serve` or in a test process starts clean).
What the chapters tell the build is a core.registry.ChapterRegistry; what the generated pages hold is
core.generated's (both pure, shared with the engine-neutral compile step). The generated pages are
rendered last, once every chapter is known.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from ..core import link_review
from ..core.generated import GeneratedPage, Layout, PageKind, exists_message, plan_pages, render_page
from ..core.glossary import Glossary, Problem, load_glossary
from ..core.linker import Doubt, LinkContext, TermIndex
from ..core.pages import PLACES_OPEN, Place, entry_file, front_matter
from ..core.registry import ChapterRegistry
from ..core.search_rank import EntryPage
from ..core.sources import SourceRef, cut_addresses, notes_without_sources, sources_by_note, weak_sources, wiki_alone
from ..core.strings import Strings
from .config import GuideConfig
from .markdown_ext import PageState
from .safety import sanitize_entry, where_removed

log = get_plugin_logger("reading-guide")


@dataclass
class GlossaryBuild:
    settings: GuideConfig
    strings: Strings
    glossary: Glossary
    glossary_shown: str  # the folder as mkdocs.yml names it, for messages
    page: PageState
    registry: ChapterRegistry  # what the chapters told the build (pure)
    generated: dict[str, GeneratedPage] = field(default_factory=dict)  # by src_uri
    unrendered: set[str] = field(default_factory=set)  # authored pages not yet rendered
    in_nav: set[str] = field(default_factory=set)  # src_uris of the pages in the navigation
    empty: set[str] = field(default_factory=set)  # generated pages with nothing to show: kept out of the nav
    urls: dict[str, str] = field(default_factory=dict)  # src_uri -> site URL, of every page
    back_links: dict[str, tuple[int, int]] = field(default_factory=dict)  # entry page -> where its back-links stand in its HTML
    doubts: list[Doubt] = field(default_factory=list)  # the linker's doubtful occurrences, for the review

    @property
    def stray_articles(self) -> set[str]:
        return self.registry.stray_articles

    @stray_articles.setter
    def stray_articles(self, pages: set[str]) -> None:
        self.registry.stray_articles = pages

    @property
    def places(self) -> dict[str, list[Place]]:
        return self.registry.places

    @places.setter
    def places(self, places: dict[str, list[Place]]) -> None:
        self.registry.places = places

    @property
    def layout(self) -> Layout:
        settings = self.settings
        return Layout(settings.glossary_url, settings.timeline, settings.questions, settings.timeline_intro)

    @classmethod
    def start(cls, settings: GuideConfig, strings: Strings, config_dir: Path) -> GlossaryBuild:
        shown = settings.glossary.rstrip("/")
        glossary = load_glossary((config_dir / settings.glossary).resolve(), shown)
        report(glossary.problems, what="glossary")
        leave_out_drafts(glossary)
        cited: dict[str, list[SourceRef]] = {
            entry.path: [(s.title, s.url, entry.path, entry.line_of("sources")) for s in entry.sources]
            for entry in glossary.entries.values()}
        warn_about_sources(cited, settings.weak_hosts)
        page = PageState(index=TermIndex(glossary.entries.values()), article_class=settings.article_class,
                         paragraph_title=strings.link_to_paragraph)
        return cls(settings, strings, glossary, shown, page, ChapterRegistry(article_class=settings.article_class))

    def url_from(self, src: str) -> Callable[[str], str]:
        """page src_uri -> its URL relative to the page `src`, as MkDocs would write it."""
        here = self.urls[src]
        return lambda target: get_relative_url(self.urls[target], here)

    # --- on_files -------------------------------------------------------------

    def add_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Add the generated pages to the site; a clear error where one would replace a file."""
        pages, errors = plan_pages(self.layout, self.glossary)
        if errors:
            raise PluginError(errors[0])
        for page in pages:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(exists_message(page))
            self.generated[page.src_uri] = page
        self.unrendered = {f.src_uri for f in files.documentation_pages()}
        for page in pages:
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=front_matter(page.search_boost), inclusion=inclusion))
        self.urls = {f.src_uri: f.url for f in files.documentation_pages()}

    # --- on_page_markdown / on_page_content -------------------------------------

    def start_page(self, src: str, meta: MutableMapping[str, Any], markdown: str) -> str:
        """Tell the Markdown extension which page comes next; the Markdown to render for it."""
        generated = self.generated.get(src)
        chapter = meta.get("chapter")
        self.page.chapter = None if chapter is None else str(chapter)
        opens = meta.get("opens_chapter")
        if chapter is None and opens is not None and generated is None:
            # a part's own text is text of the book: numbered paragraphs ("p3-0-2": before chapter 3),
            # linked terms and back-links, like a chapter's
            self.page.chapter = self.registry.add_part_page(src, str(opens))
        self.page.anchors, self.page.occurrences, self.page.tail_html = [], [], None
        self.page.sanitized = generated is not None and generated.kind is PageKind.ENTRY  # see sanitize()
        url_of, folder, entries = self.url_from(src), self.settings.glossary_url, self.glossary.entries
        self.page.context = None if generated is not None and generated.kind is PageKind.INDEX else LinkContext(
            href=lambda slug: url_of(f"{folder}/{entry_file(entries[slug])}"),
            summary=lambda slug: entries[slug].summary,
            every=self.settings.link == "every",
            own_slug=generated.slug if generated is not None else None,
            article_class=self.settings.article_class,
            page=f"docs/{src}" if generated is None else src,
        )
        if chapter is not None:
            self._note_chapter(src, str(chapter), markdown)
        elif src in self.registry.part_pages and src not in self.in_nav:
            log.warning(f"docs/{src}: the text of part '{meta.get('part')}' is not in the navigation; add it to "
                        "'nav:' in mkdocs.yml before the chapter it opens")
        if generated is None:
            return markdown
        if any(other not in self.generated for other in self.unrendered):  # not a set of all: once per page
            raise PluginError("reading-guide: generated pages were rendered before the chapters; "
                              "this MkDocs version orders pages differently")
        rendered = self.markdown_of(generated)
        if src in self.empty:
            meta["search"] = {"exclude": True}
        return rendered

    def check_notes(self, src: str, raw: str) -> None:
        """Every note of a chapter names a source, and none of its sources is weak (`raw`: the file as
        written, front matter included, so that messages give the file's lines)."""
        shown = f"docs/{src}"
        for message in notes_without_sources(raw, shown) + cut_addresses(raw, shown):
            log.warning(message)
        warn_about_sources(sources_by_note(raw, shown), self.settings.weak_hosts)

    def _note_chapter(self, src: str, chapter: str, markdown: str) -> None:
        """Check a chapter's place in the guide and keep its discussion questions."""
        if src not in self.in_nav:
            log.warning(f"docs/{src}: chapter {chapter} is not in the navigation; add it to 'nav:' in mkdocs.yml "
                        "so that readers can reach it in order")
        if (error := self.registry.add_chapter(src, chapter, markdown, self.strings.questions)) is not None:
            raise PluginError(error)

    def end_page(self, src: str, title: str) -> None:
        """What the page just rendered contributed: its title, and where terms occur in a chapter."""
        self.unrendered.discard(src)
        if self.page.context is not None:
            self.doubts.extend(self.page.context.doubts or ())
        for warning in self.registry.record(src, title, self.page.chapter, self.page.anchors, self.page.occurrences):
            log.warning(warning)

    def where(self, src: str, needle: str, config_dir: Path, written: str) -> str:
        """The file a page is made from (docs/..., or an entry's glossary file) and the first line of it
        that holds `needle`, for messages; `written` is the page's file as MkDocs read it."""
        generated = self.generated.get(src)
        shown = f"docs/{src}"
        if generated is not None:
            if generated.slug is None:
                return src
            shown = self.glossary.entries[generated.slug].path
            try:
                written = (config_dir / shown).read_text(encoding="utf-8")
            except OSError:
                written = ""
        number = next((n for n, line in enumerate(written.split("\n"), start=1) if needle in line), None)
        return f"{shown}, line {number}" if number else shown

    def sanitize(self, src: str, content: str, config_dir: Path) -> str:
        """An entry page's HTML through core.sanitize: its body is markup from a glossary file. What
        went is a warning naming the file and line (a build with --strict stops on it)."""
        generated = self.generated.get(src)
        if generated is None or generated.kind is not PageKind.ENTRY or generated.slug is None:
            return content
        cleaned = sanitize_entry(content, self.page.tail_html or "")
        if cleaned.removed:
            entry = self.glossary.entries[generated.slug]
            try:
                written = (config_dir / entry.path).read_text(encoding="utf-8").split("\n")
            except OSError:
                written = []
            closing = next((n for n in range(1, len(written)) if written[n].strip() == "---"), 0)  # of the front matter
            body = "\n".join(written[closing + 1:]) or entry.body
            log.warning(f"{entry.path}, line {where_removed(body, closing + 2, cleaned.removed)}: the body's HTML had "
                        f"{', '.join(cleaned.removed)}, taken out (scripts, event handlers, javascript: and data: "
                        "links, frames, objects and forms never reach the guide); write the body in plain Markdown")
        tail = self.page.tail_html
        # Only the list search leaves out is hidden from its parser: a background entry's sentence is indexed.
        if tail and tail.startswith(PLACES_OPEN) and (at := cleaned.html.rfind(tail)) != -1:  # as we wrote it
            self.back_links[src] = (at, at + len(tail))
        return cleaned.html

    # --- the generated pages ------------------------------------------------------

    def markdown_of(self, page: GeneratedPage) -> str:
        """The Markdown of a generated page (the benchmark's baseline writes the same pages out with it);
        an entry's back-links go to the extension as the page's tail (raw HTML, not parsed again)."""
        rendered = render_page(page, self.glossary, self.registry, self.layout, self.strings, self.url_from(page.src_uri))
        for warning in rendered.warnings:
            log.warning(warning)
        if rendered.empty:
            self.empty.add(page.src_uri)
        self.page.tail_html = rendered.tail_html
        return rendered.markdown

    def review(self, every_line: bool) -> None:
        """The link review: one line at info level, and with `every_line` each doubtful occurrence."""
        log.info(link_review.summary(self.doubts))
        if every_line:
            paths = {slug: entry.path for slug, entry in self.glossary.entries.items()}
            for line in link_review.review_lines(self.doubts, paths):
                log.info(line)

    def entry_pages(self) -> list[EntryPage]:
        """Each entry's page and spellings, for search to rank the entry first for them."""
        folder = self.settings.glossary_url
        return [EntryPage(self.urls[f"{folder}/{entry_file(e)}"], e.forms) for e in self.glossary.entries.values()]

    def release(self) -> None:
        """Every page is rendered: the index and the linker's state are not needed any more (a large
        guide's peak memory comes later, when the pages are written); nor the doubts, once reviewed."""
        self.page.index = self.page.context = None
        self.doubts = []


def warn_about_sources(cited: dict[str, list[SourceRef]], weak_hosts: list[str]) -> None:
    """Sources that are weak, and items (notes, entries) with nothing but wiki pages and weak sources."""
    every = [ref for refs in cited.values() for ref in refs]
    for message in weak_sources(every, weak_hosts) + wiki_alone(cited, weak_hosts=weak_hosts):
        log.warning(message)


def leave_out_drafts(glossary: Glossary) -> None:
    """Draft entries (`draft: true`, stubs being written) are checked but not linked or built: one line says which."""
    drafts = [entry.path for entry in glossary.entries.values() if entry.draft]
    if drafts:
        glossary.entries = {slug: entry for slug, entry in glossary.entries.items() if not entry.draft}
        log.info(f"{len(drafts)} draft entr{'y' if len(drafts) == 1 else 'ies'} (not built): {', '.join(drafts)}")


def report(problems: list[Problem], what: str) -> None:
    """Warnings are logged (and fail --strict); errors stop the build, all of them listed."""
    for problem in problems:
        if not problem.is_error:
            log.warning(str(problem))
    errors = [p for p in problems if p.is_error]
    if errors:
        listing = "\n".join(f"  {p}" for p in errors)
        raise PluginError(f"{len(errors)} problem(s) in the {what}; fix them and build again:\n{listing}")
