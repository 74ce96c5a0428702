"""MkDocs event functions for the glossary: load → link → generate pages → back-links.

Thin on purpose: each event hands off to the pure modules beside this file.
MkDocs keeps this module loaded between builds (tests, `mkdocs serve`): on_config starts afresh.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory, get_relative_url

from glossary_linker import LinkContext, TermIndex
from glossary_markdown import GlossaryExtension, PageState
from glossary_model import Glossary, Problem, load_glossary, timeline_events
from glossary_pages import Place, entry_file, front_matter, render_entry, render_index, render_places, render_timeline
from study_pages import ChapterQuestions, questions_section, render_questions_page
from guide_config import GuideSettings, parse_settings, published_urls
import link_review
import search_rank

log = get_plugin_logger("glossary")
PAGE_KINDS = ("index", "timeline", "questions")  # generated pages that are not glossary entries


@dataclass
class Build:
    settings: GuideSettings
    glossary: Glossary
    page: PageState
    generated: dict[str, str] = field(default_factory=dict)  # src_uri -> "index" | "timeline" | slug
    unrendered: set[str] = field(default_factory=set)  # authored pages not yet rendered
    places: dict[str, list[Place]] = field(default_factory=dict)  # slug -> paragraphs
    titles: dict[str, str] = field(default_factory=dict)  # src_uri -> page title
    chapters: dict[str, str] = field(default_factory=dict)  # chapter number -> src_uri
    in_nav: set[str] = field(default_factory=set)  # src_uris of the pages in the navigation
    questions: dict[str, str] = field(default_factory=dict)  # chapter src_uri -> its questions (Markdown)
    urls: dict[str, str] = field(default_factory=dict)  # src_uri -> site URL, of every page
    doubts: list = field(default_factory=list)  # the linker's Doubt records, for the review report

    def url_from(self, src: str) -> Callable[[str], str]:
        """page src_uri -> its URL relative to the page `src`, as MkDocs would write it."""
        here = self.urls[src]
        return lambda target: get_relative_url(self.urls[target], here)


_build: Build | None = None
_site_dir: str | None = None  # set once this build writes there; on_build_error is not given the config
_entry_pages: list[search_rank.EntryPage] = []  # kept from on_env for on_post_build (search ranking)


def settings_of(config: MkDocsConfig) -> GuideSettings:
    """The guide's settings (extra.guide), or a PluginError saying what is wrong with them."""
    try:
        return parse_settings(config.extra.get("guide"), _config_dir(config))
    except ValueError as err:
        raise PluginError(str(err)) from err


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build, _site_dir
    _site_dir = None
    settings = settings_of(config)
    publish_at(config, settings)
    glossary = load_glossary(settings.glossary, settings.glossary_shown)
    report(glossary.problems, what="glossary")
    page = PageState(index=TermIndex(glossary.entries.values()), article_class=settings.article_class)
    config.markdown_extensions[:] = [e for e in config.markdown_extensions if not isinstance(e, GlossaryExtension)]
    config.markdown_extensions.append(GlossaryExtension(page))
    _build = Build(settings, glossary, page)
    return config


def publish_at(config: MkDocsConfig, settings: GuideSettings) -> None:
    """site_url and the repository link from extra.guide.repository, unless mkdocs.yml sets them itself."""
    if not settings.repository:
        return
    site_url, repo_url = published_urls(settings.repository)
    config.site_url = config.site_url or site_url
    # A footer link, not repo_url: Material's header would fetch star counts from GitHub's API.
    config.extra.setdefault("social", [
        {"icon": "fontawesome/brands/github", "link": repo_url, "name": f"Source of this guide: {settings.repository}"},
    ])


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _site_dir
    _site_dir = config.site_dir  # MkDocs has emptied it by now: what a failure leaves there is partial
    build = _current()
    build.unrendered = {f.src_uri for f in files.documentation_pages()}
    pages = {f"{build.settings.glossary_url}/index.md": "index"}
    pages.update({f"{build.settings.glossary_url}/{entry_file(e)}": e.slug for e in build.glossary.entries.values()})
    if build.settings.timeline:
        pages[build.settings.timeline] = "timeline"
    if build.settings.questions:
        pages[build.settings.questions] = "questions"
    for src_uri, kind in pages.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"docs/{src_uri} exists, but the glossary hooks generate that page; "
                "delete the file or move the generated pages with extra.guide.glossary_url / timeline")
        boost = 0.5 if kind in PAGE_KINDS else 1
        inclusion = InclusionLevel.INCLUDED if kind in PAGE_KINDS else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src_uri, content=front_matter(boost), inclusion=inclusion))
    build.generated = pages
    build.urls = {f.src_uri: f.url for f in files.documentation_pages()}
    return files


def on_nav(nav, config: MkDocsConfig, files: Files):
    _current().in_nav = {page.file.src_uri for page in nav.pages}
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _current()
    src = page.file.src_uri
    kind = build.generated.get(src)
    start_page(build, src, kind, page.meta.get("chapter"))
    if page.meta.get("chapter") is not None:
        note_chapter(build, src, str(page.meta["chapter"]), markdown)
    return markdown if kind is None else _generated_markdown(build, kind, src)


def start_page(build: Build, src: str, kind: str | None, chapter) -> None:
    """Tell the Markdown extension which page comes next: its chapter number and how to link."""
    build.page.chapter = None if chapter is None else str(chapter)
    build.page.anchors, build.page.occurrences, build.page.tail_html = [], [], None
    url_of, folder = build.url_from(src), build.settings.glossary_url
    build.page.context = None if kind == "index" else LinkContext(
        href=lambda slug: url_of(f"{folder}/{entry_file(build.glossary.entries[slug])}"),
        summary=lambda slug: build.glossary.entries[slug].summary,
        every=build.settings.link == "every",
        own_slug=kind if kind is not None and kind not in PAGE_KINDS else None,
        article_class=build.settings.article_class,
        page=f"docs/{src}" if kind is None else src,
    )


def note_chapter(build: Build, src: str, chapter: str, markdown: str) -> None:
    """Check a chapter's place in the guide and keep its discussion questions."""
    if src not in build.in_nav:
        log.warning(f"docs/{src}: chapter {chapter} is not in the navigation; add it to 'nav:' in mkdocs.yml "
                    "so that readers can reach it in order")
    other = build.chapters.setdefault(chapter, src)
    if other != src:
        raise PluginError(f"docs/{src}: chapter number {chapter} is already used by docs/{other}; "
                          "give each chapter its own number")
    if (questions := questions_section(markdown)) is not None:
        build.questions[src] = questions


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _current()
    src = page.file.src_uri
    build.unrendered.discard(src)
    build.titles[src] = page.title or src
    if build.page.context is not None:  # link review
        build.doubts.extend(build.page.context.doubts or ())
    if build.page.chapter is not None:
        if not build.page.anchors:
            log.warning(f"docs/{src}: a chapter (front matter 'chapter: {build.page.chapter}') with no paragraphs "
                        f"inside <div class=\"{build.settings.article_class}\" markdown>")
        title = page.title or src
        for slug, anchor in dict.fromkeys(build.page.occurrences):  # a paragraph naming a term twice is one place
            if anchor is not None:
                build.places.setdefault(slug, []).append(Place(title, src, anchor))
    return html


def on_env(env, config: MkDocsConfig, files: Files):
    """Every page is rendered: the glossary, its index and the back-links are not needed any more.
    Letting them go now lowers the peak memory of a large guide's build, which comes later."""
    global _build, _entry_pages
    if _build is not None:
        _entry_pages = [search_rank.EntryPage(_build.urls[f"{_build.settings.glossary_url}/{entry_file(e)}"], e.forms)
                        for e in _build.glossary.entries.values()]
        log.info(link_review.summary(_build.doubts))  # link review
        if os.environ.get("GUIDE_REVIEW"):
            paths = {slug: entry.path for slug, entry in _build.glossary.entries.items()}
            for line in link_review.review_lines(_build.doubts, paths):
                log.info(line)
        _build.page.index = _build.page.context = None
    _build = None
    return env


@event_priority(50)  # before Material's search plugin writes the index (priority 0), so it is not read back
def on_post_build(config: MkDocsConfig) -> None:
    """Search ranks an entry first for its own term or alias (search_rank), in Material's index as
    its search plugin holds it: reading the written file back would double the build's peak memory."""
    index = next((getattr(p, "search_index") for p in config.plugins.values()
                  if isinstance(getattr(getattr(p, "search_index", None), "entries", None), list)), None)
    if index is None or not _entry_pages:
        return
    live = {"config": index.config, "docs": index.entries}  # the plugin's own objects, changed in place
    for form in search_rank.rank_entries_first(live, _entry_pages):
        log.info(f"search: '{form}' may not find its glossary entry first (another entry shares its words)")


def on_build_error(error: Exception) -> None:
    """A failed build leaves no half-written site behind that could be taken for a good one."""
    if _site_dir and Path(_site_dir).is_dir():
        clean_directory(_site_dir)
        log.error(f"the build failed; {_site_dir} was emptied so that no incomplete site is published")


def on_serve(server, config: MkDocsConfig, builder):
    server.watch(str(settings_of(config).glossary))
    return server


def _generated_markdown(build: Build, kind: str, src: str) -> str:
    if build.unrendered - set(build.generated):
        raise PluginError("glossary hooks: generated pages were rendered before the chapters; "
                          "this MkDocs version orders pages differently")
    settings, glossary = build.settings, build.glossary
    if kind == "index":
        return render_index(glossary)
    if kind == "questions":
        chapters = [ChapterQuestions(src, build.titles.get(src, src), q) for src, q in build.questions.items()]
        return render_questions_page(chapters, settings.questions)
    if kind == "timeline":
        events = timeline_events(glossary)
        return render_timeline(events, glossary, build.places, settings.glossary_url, build.url_from(src),
                               settings.timeline_intro)
    entry = glossary.entries[kind]
    places = build.places.get(kind, [])
    if not places and not entry.background:
        log.warning(f"{entry.path}: '{entry.term}' occurs nowhere in the chapters; add the spelling the text uses "
                    "to its aliases, or mark it 'background: true' if it is reached only through see-also or the timeline")
    timeline = posixpath.relpath(settings.timeline, posixpath.dirname(src)) if settings.timeline else None
    build.page.tail_html = render_places(places, build.url_from(src), entry.background)
    return render_entry(entry, glossary, timeline)


def report(problems: list[Problem], what: str) -> None:
    """Warnings are logged (and fail --strict); errors stop the build, all of them listed."""
    for problem in problems:
        if not problem.is_error:
            log.warning(str(problem))
    errors = [p for p in problems if p.is_error]
    if errors:
        listing = "\n".join(f"  {p}" for p in errors)
        raise PluginError(f"{len(errors)} problem(s) in the {what}; fix them and build again:\n{listing}")


def _current() -> Build:
    if _build is None:
        raise PluginError("glossary hooks: on_config did not run; list hooks/glossary_hooks.py under 'hooks:' in mkdocs.yml")
    return _build


def _config_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path or ".").resolve().parent
