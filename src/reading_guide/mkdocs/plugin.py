"""The MkDocs events of a reading guide; `hooks/guide.py` binds them for mkdocs.yml's `hooks:`.

Each event hands over to the build's objects. Their state is made afresh in every on_config, so
repeated builds in one process and rebuilds under `mkdocs serve` start clean.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..core import csp
from ..core.search_rank import EntryPage, rank_entries_first
from ..core.strings import ENGLISH, Strings, strings_for
from . import safety, search_build, theme
from .book import BookBuild, book_links
from .config import GuideConfig, parse_settings, published_urls
from .glossary_build import GlossaryBuild, report
from .markdown_ext import GlossaryExtension
from .page_files import check_pages
from .reader import ReaderBuild
from .site_dir import SiteLock

if TYPE_CHECKING:  # the live server (http.server, watchdog) is loaded only under `mkdocs serve`
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger("reading-guide")


class GuidePlugin:
    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self._glossary: GlossaryBuild | None = None
        self.book: BookBuild | None = None
        self.reader: ReaderBuild | None = None
        self.nav: Navigation | None = None
        self.book_files: Files | None = None  # set in on_env: the books start with the first page's templates
        self.entry_pages: list[EntryPage] = []  # for search ranking, once the glossary is released
        self.chapters: dict[str, str] = {}  # src_uri -> chapter number, read from the files in on_files
        self.site_lock = SiteLock()
        self.release_pages = False  # let go of each page's HTML once it is written (let_go_of_written)
        self.written: Page | None = None  # the page whose templates were rendered last
        self.hidden = False  # the page now in its templates has its back-links hidden from search

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty

    def on_shutdown(self) -> None:
        """MkDocs keeps hook modules loaded: a later build in this process is a plain build again."""
        self.command, self.dirty = "build", False
        self.site_lock.release()

    @event_priority(100)  # before Material's offline plugin, which would add a CDN copy of the shim
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.dirty:
            raise PluginError("--dirty cannot be used with a reading guide: every glossary page and back-link "
                              "depends on all the chapters. Build without --dirty (nothing was changed).")
        settings = settings_of(config)
        self.site_lock.acquire(Path(config.site_dir))
        strings = language_of(config)
        publish_at(config, settings)
        theme.install(config)
        safety.escape_site_name(config)
        safety.refuse_outside_links(Path(config.docs_dir), _config_dir(config), Path(config.docs_dir).name)
        safety.refuse_outside_links(_config_dir(config) / settings.glossary, _config_dir(config),
                                    settings.glossary.rstrip("/"))
        self.reader = ReaderBuild.start(config, settings, strings)
        self.nav = self.book_files = None
        self.entry_pages = []
        self._glossary = GlossaryBuild.start(settings, strings, _config_dir(config))
        config.markdown_extensions[:] = [e for e in config.markdown_extensions if not isinstance(e, GlossaryExtension)]
        # MkDocs takes Extension instances here too, though the option is typed as names.
        config.markdown_extensions.append(GlossaryExtension(self._glossary.page))  # type: ignore[arg-type]
        pdf, epub = BookBuild.wanted(settings, self.command)
        self.book = BookBuild(settings, strings, pdf, epub) if pdf or epub else None
        # Read by the header template; a PDF made in volumes links each (BookBuild.start, when they are known).
        config.extra["reading_guide_books"] = book_links(settings, strings, [], pdf=pdf, epub=epub)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        problems, self.chapters, self.glossary.stray_articles = check_pages(
            files, config.docs_dir, settings_of(config).article_class)
        report(problems, what="pages")
        if self.reader is not None:  # first: the glossary's pages take every page's URL
            self.reader.add_page(files, config)
        self.glossary.add_pages(files, config)
        theme.add_assets(files, config)
        if self.book is not None:
            self.book.check_pages(set(self.glossary.urls))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        safety.escape_nav(nav)
        self.glossary.in_nav = {page.file.src_uri for page in nav.pages}
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.chapters:  # as the file writes it: `chapter: 010` is 10, not YAML's 8
            page.meta["chapter"] = self.chapters[page.file.src_uri]
        safety.escape_meta_title(page)
        if "chapter" in page.meta and not page.file.generated_by:
            self.glossary.check_notes(page.file.src_uri, page.file.content_string)
        return self.glossary.start_page(page.file.src_uri, page.meta, markdown)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        src = page.file.src_uri
        self.glossary.end_page(src, page.title or src)
        for url in self.glossary.page.unsafe:
            where = self.glossary.where(src, url, _config_dir(config), page.file.content_string)
            log.warning(f"{where}: a link or image to {url[:60]!r} was taken out (only http(s), mailto and the "
                        "guide's own pages are linked); give it a web address, or remove the link")
        return self.glossary.sanitize(src, html, _config_dir(config))

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Every page is rendered, none is written yet: pages with nothing to show leave the nav."""
        env.filters["reading_guide_policy"] = csp.policy_for  # main.html's Content-Security-Policy
        theme.cache_templates(env)
        glossary = self.glossary
        if glossary.empty and self.nav is not None:
            drop_from_nav(self.nav, glossary.empty)
        glossary.review(every_line=bool(os.environ.get("GUIDE_REVIEW")))
        self.entry_pages = glossary.entry_pages()
        glossary.release()
        self.release_pages, self.written = only_known_plugins(config), None
        if self.book is not None:
            self.book.left_out = set(glossary.empty)
            self.book_files = files
        return env

    @event_priority(10)  # before Material's search plugin reads the page (priority 0)
    def _page_context_first(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                            nav: Navigation) -> dict[str, Any]:
        """The first page's templates come after MkDocs has copied the images the books need; the
        page before this one has been written. An entry's back-links, which search leaves out, are
        hidden from its plugin's parser (search_build.hide_from_search) while it reads the page."""
        self.let_go_of_written(page)
        if self.reader is not None:
            self.reader.page_context(context, page)
        if self.book is not None and self.book_files is not None:
            self.book.start(self.book_files, config)
            self.book_files = None
        span = self.glossary.back_links.get(page.file.src_uri)
        self.hidden = bool(span and self.release_pages and page.content)  # only with the plugins we know
        if self.hidden and span and page.content:
            page.content = search_build.hide_from_search(page.content, span)
        return context

    @event_priority(-10)  # after Material's search plugin has read the page
    def _page_context_last(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                           nav: Navigation) -> dict[str, Any]:
        if self.hidden and page.content:
            page.content = search_build.show_after_search(page.content)
        self.hidden = False
        return context

    on_page_context = CombinedEvent(_page_context_first, _page_context_last)

    def let_go_of_written(self, page: Page | None) -> None:
        """The page written last (MkDocs writes each before the next page's context): MkDocs would keep
        its HTML and its Markdown until the build ends, when the search index is written too (a large
        guide's peak memory). Nothing reads them after, unless a plugin we do not know does: then they
        are kept (only_known_plugins). An event of its own (on_post_page) would need a line in every
        guide's hooks/guide.py; the next page's context, and the build's end, come anyway."""
        if self.release_pages and self.written is not None:
            self.written.content = None
            self.written.markdown = None
        self.written = page

    @event_priority(50)  # before Material's search plugin writes its index (priority 0)
    def _post_build_first(self, *, config: MkDocsConfig) -> None:
        self.let_go_of_written(None)
        rank_search(config, self.entry_pages)  # an error here ends in on_build_error, which unlocks
        if self.book is not None:
            self.book.finish()

    @event_priority(-50)  # after Material's search plugin wrote search_index.json
    def _post_build_last(self, *, config: MkDocsConfig) -> None:
        try:
            search_build.write_words(config)
        finally:
            self.site_lock.release()

    on_post_build = CombinedEvent(_post_build_first, _post_build_last)

    def on_build_error(self, *, error: Exception) -> None:
        if self.book is not None:
            self.book.finish_quietly()
        self.site_lock.release()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        from .serve_watch import watch_folder  # see TYPE_CHECKING above

        watch_folder(server, _config_dir(config) / settings_of(config).glossary)
        return server

    @property
    def glossary(self) -> GlossaryBuild:
        if self._glossary is None:
            raise PluginError("reading-guide: on_config did not run; list hooks/guide.py under 'hooks:' in mkdocs.yml")
        return self._glossary


def settings_of(config: MkDocsConfig) -> GuideConfig:
    """The guide's settings (extra.guide), or a PluginError saying what is wrong with them."""
    try:
        return parse_settings(config.extra.get("guide"))
    except ValueError as err:
        raise PluginError(str(err)) from err


def language_of(config: MkDocsConfig) -> Strings:
    language = config.theme.get("language") or "en"
    strings = strings_for(language)
    if strings is None:
        log.info(f"mkdocs.yml: no table of the generator's words for theme.language '{language}'; they are in "
                 "English (tables: reading_guide/core/strings.py)")
        return ENGLISH
    return strings


def rank_search(config: MkDocsConfig, entry_pages: list[EntryPage]) -> None:
    """An entry comes first in search for its own term or alias (core.search_rank), changed in
    Material's index as its search plugin holds it: reading the written file back would cost memory."""
    live = search_build.material_index(config)  # the plugin's own objects, changed in place
    if live is None or not entry_pages:
        return
    for form in rank_entries_first(live, entry_pages):
        log.info(f"search: '{form}' may not find its glossary entry first (another entry shares its words)")


def publish_at(config: MkDocsConfig, settings: GuideConfig) -> None:
    """site_url and the repository link from extra.guide.repository, unless mkdocs.yml sets them itself."""
    if not settings.repository:
        return
    site_url, repo_url = published_urls(settings.repository)
    config.site_url = config.site_url or site_url
    # A footer link, not repo_url: Material's header would fetch star counts from GitHub's API.
    config.extra.setdefault("social", [
        {"icon": "fontawesome/brands/github", "link": repo_url, "name": f"Source of this guide: {settings.repository}"},
    ])


# Plugins known not to read a page's HTML or Markdown once it is written (Material's search reads
# the HTML before the page's templates; offline rewrites the files written).
RELEASE_SAFE_PLUGINS = frozenset({"search", "material/search", "offline", "material/offline"})


def only_known_plugins(config: MkDocsConfig) -> bool:
    """Whether every plugin of the build is ours or one of RELEASE_SAFE_PLUGINS (another, or a hook of
    the author's, may read `page.content` at the end of the build, as MkDocs allows)."""
    return all(name in RELEASE_SAFE_PLUGINS or isinstance(getattr(plugin, "_guide", None), GuidePlugin)
               for name, plugin in config.plugins.items())


def drop_from_nav(nav: Navigation, src_uris: set[str]) -> None:
    """Take pages out of the navigation, with their previous/next links mended."""
    def keep(items: list[Any]) -> list[Any]:
        kept = []
        for item in items:
            if isinstance(item, Page) and item.file.src_uri in src_uris:
                continue
            if isinstance(item, Section):
                item.children = keep(item.children)
            kept.append(item)
        return kept

    nav.items = keep(nav.items)
    nav.pages = [page for page in nav.pages if page.file.src_uri not in src_uris]
    for number, page in enumerate(nav.pages):
        page.previous_page = nav.pages[number - 1] if number else None
        page.next_page = nav.pages[number + 1] if number + 1 < len(nav.pages) else None


def _config_dir(config: MkDocsConfig) -> Path:
    return _folder_of(config.config_file_path or ".")


@functools.lru_cache(maxsize=8)
def _folder_of(config_file: str) -> Path:
    """The folder of mkdocs.yml, resolved once (each page asks for it; resolving walks the file system)."""
    return Path(config_file).resolve().parent
