"""One build's glossary: the entries, the pages generated from them, and what the chapters told us.

Made afresh in every on_config (a build under `mkdocs serve` or in a test process starts clean).
Collects during the page events and writes the generated pages last, once every chapter is known.
"""

from __future__ import annotations

import html
import posixpath
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
from ..core.chapters import ReadingKey, reading_key
from ..core.glossary import Glossary, Problem, load_glossary, timeline_events
from ..core.linker import Doubt, LinkContext, TermIndex
from ..core.pages import Place, entry_file, front_matter, render_entry, render_index, render_places, render_timeline
from ..core.questions import ChapterQuestions, questions_section, render_questions_page
from ..core.search_rank import EntryPage
from ..core.sources import SourceRef, cut_addresses, notes_without_sources, sources_by_note, weak_sources, wiki_alone
from ..core.strings import Strings
from .config import GuideConfig
from .markdown_ext import PageState
from .pages import GeneratedPage, PageKind
from .safety import sanitize_entry, where_removed

log = get_plugin_logger("reading-guide")


@dataclass
class GlossaryBuild:
    settings: GuideConfig
    strings: Strings
    glossary: Glossary
    glossary_shown: str  # the folder as mkdocs.yml names it, for messages
    page: PageState
    generated: dict[str, GeneratedPage] = field(default_factory=dict)  # by src_uri
    unrendered: set[str] = field(default_factory=set)  # authored pages not yet rendered
    places: dict[str, list[Place]] = field(default_factory=dict)  # slug -> paragraphs
    titles: dict[str, str] = field(default_factory=dict)  # src_uri -> page title
    chapters: dict[str, str] = field(default_factory=dict)  # chapter number -> src_uri
    part_pages: dict[str, str] = field(default_factory=dict)  # src_uri of a part's own text -> the chapter it opens
    in_nav: set[str] = field(default_factory=set)  # src_uris of the pages in the navigation
    questions: dict[str, str] = field(default_factory=dict)  # chapter src_uri -> its questions (Markdown)
    empty: set[str] = field(default_factory=set)  # generated pages with nothing to show: kept out of the nav
    urls: dict[str, str] = field(default_factory=dict)  # src_uri -> site URL, of every page
    doubts: list[Doubt] = field(default_factory=list)  # the linker's doubtful occurrences, for the review
    stray_articles: set[str] = field(default_factory=set)  # pages with an article block but no chapter (warned)
    outside_chapters: set[str] = field(default_factory=set)  # slugs found in those: not "occurs nowhere" too
    _order: dict[str, ReadingKey] | None = None  # chapter_order(), once every chapter is known

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
        return cls(settings, strings, glossary, shown, page)

    def url_from(self, src: str) -> Callable[[str], str]:
        """page src_uri -> its URL relative to the page `src`, as MkDocs would write it."""
        here = self.urls[src]
        return lambda target: get_relative_url(self.urls[target], here)

    # --- on_files -------------------------------------------------------------

    def add_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Add the generated pages to the site; a clear error where one would replace a file."""
        folder = self.settings.glossary_url
        pages = [GeneratedPage(PageKind.INDEX, f"{folder}/index.md")]
        pages += [GeneratedPage(PageKind.ENTRY, f"{folder}/{entry_file(e)}", e.slug) for e in self.glossary.entries.values()]
        if self.settings.timeline:
            pages.append(GeneratedPage(PageKind.TIMELINE, self.settings.timeline))
        if self.settings.questions:
            pages.append(GeneratedPage(PageKind.QUESTIONS, self.settings.questions))
        for page in pages:
            if (other := self.generated.get(page.src_uri)) is not None:
                raise PluginError(_collision(page, other, self))
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(
                    f"docs/{page.src_uri} exists, but the generator makes {page.kind.value} there; delete or "
                    "rename the file, or move the generated pages with extra.guide.glossary_url / timeline / questions")
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
            self.page.chapter = f"{opens}-0"
            self.part_pages[src] = str(opens)
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
        elif src in self.part_pages and src not in self.in_nav:
            log.warning(f"docs/{src}: the text of part '{meta.get('part')}' is not in the navigation; add it to "
                        "'nav:' in mkdocs.yml before the chapter it opens")
        if generated is None:
            return markdown
        if self.unrendered - set(self.generated):
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
        other = self.chapters.setdefault(chapter, src)
        if other != src:
            raise PluginError(f"docs/{src}: chapter number {chapter} is already used by docs/{other}; "
                              "give each chapter its own number")
        if (questions := questions_section(markdown, self.strings.questions)) is not None:
            self.questions[src] = questions

    def end_page(self, src: str, title: str) -> None:
        """What the page just rendered contributed: its title, and where terms occur in a chapter."""
        self.unrendered.discard(src)
        self.titles[src] = title
        if self.page.context is not None:
            self.doubts.extend(self.page.context.doubts or ())
        if self.page.chapter is None:
            if src in self.stray_articles:
                self.outside_chapters.update(slug for slug, _ in self.page.occurrences)
            return
        if not self.page.anchors:
            log.warning(f"docs/{src}: a chapter (front matter 'chapter: {self.page.chapter}') with no paragraphs "
                        f"inside <div class=\"{self.settings.article_class}\" markdown>")
        for slug, anchor in dict.fromkeys(self.page.occurrences):  # a paragraph naming a term twice is one place
            if anchor is not None:  # page titles are HTML (escaped text), places hold text
                self.places.setdefault(slug, []).append(Place(html.unescape(title), src, anchor))

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
        cleaned = sanitize_entry(content)
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
        return cleaned.html

    # --- the generated pages ------------------------------------------------------

    def chapter_order(self) -> dict[str, ReadingKey]:
        """src_uri -> sort key, for every chapter: pages are listed by chapter number, not file name.
        Made once, when the first generated page asks: every chapter is rendered by then."""
        if self._order is None:
            self._order = {src: reading_key(number, None) for number, src in self.chapters.items()}
            self._order.update({src: reading_key(None, opens) for src, opens in self.part_pages.items()})
        return self._order

    def sorted_places(self, slug: str) -> list[Place]:
        order = self.chapter_order()
        return sorted(self.places.get(slug, []), key=lambda p: (order[p.page_src], int(p.number)))

    def markdown_of(self, page: GeneratedPage) -> str:
        """The Markdown of a generated page (the benchmark's baseline writes the same pages out with it)."""
        settings, glossary, strings = self.settings, self.glossary, self.strings
        if page.kind is PageKind.INDEX:
            return render_index(glossary, strings)
        if page.kind is PageKind.QUESTIONS:
            order = self.chapter_order()
            chapters = [ChapterQuestions(src, self.titles.get(src, src), self.questions[src])
                        for src in sorted(self.questions, key=order.__getitem__)]
            if not chapters:
                self.empty.add(page.src_uri)
            return render_questions_page(chapters, page.src_uri, strings)
        if page.kind is PageKind.TIMELINE:
            events = timeline_events(glossary)
            if not events:
                self.empty.add(page.src_uri)
            places = {slug: self.sorted_places(slug) for slug in self.places}
            return render_timeline(events, glossary, places, settings.glossary_url, self.url_from(page.src_uri),
                                   strings, settings.timeline_intro)
        assert page.slug is not None
        entry = glossary.entries[page.slug]
        occurs = self.sorted_places(page.slug)
        if not occurs and not entry.background and page.slug not in self.outside_chapters:
            log.warning(f"{entry.path}: '{entry.term}' occurs nowhere in the chapters; add the spelling the text uses "
                        "to its aliases, or mark it 'background: true' if it is reached only through see-also or the timeline")
        timeline = posixpath.relpath(settings.timeline, posixpath.dirname(page.src_uri)) if settings.timeline else None
        self.page.tail_html = render_places(occurs, self.url_from(page.src_uri), entry.background, strings)
        return render_entry(entry, glossary, timeline, strings)

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
        guide's peak memory comes later, when the pages are written)."""
        self.page.index = self.page.context = None


def _collision(page: GeneratedPage, other: GeneratedPage, build: GlossaryBuild) -> str:
    entry = next((p for p in (page, other) if p.kind is PageKind.ENTRY), None)
    if entry is not None and entry.slug is not None:
        path = build.glossary.entries[entry.slug].path
        return (f"{path}: an entry file cannot be called {posixpath.basename(entry.src_uri)}, because "
                f"{(other if entry is page else page).kind.value} is generated at docs/{entry.src_uri}; rename the "
                "file (its name is only the entry's address)")
    return (f"mkdocs.yml: extra.guide puts {page.kind.value} and {other.kind.value} at the same place, "
            f"docs/{page.src_uri}; give them different paths")


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
