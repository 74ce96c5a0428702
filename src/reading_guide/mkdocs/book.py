"""One build's books: collect the rendered pages → one content model → the PDF and the EPUB.

Both are skipped under `mkdocs serve` (previews stay fast) and with `GUIDE_BOOKS=0`; each alone
with `extra.guide.pdf: false` or `extra.guide.epub: false`. The books themselves are pure
(reading_guide.book); their writers load Typst and ebooklib only when a book is made.
"""

from __future__ import annotations

import html
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from ..core.chapters import reading_key
from ..core.citation import book_example
from ..core.strings import Strings
from .config import GuideConfig
from .guide_facts import build_time, cite_facts

if TYPE_CHECKING:  # the book modules load only when a book is made: a build without books never imports them
    from ..book.model import Book, BookMeta, BookPage
    from ..book.volumes import Volume

log = get_plugin_logger("reading-guide")


@dataclass
class Collected:
    src: str
    url: str
    title: str
    html: str
    chapter: str | None  # its chapter number
    section: str | None  # the book part it belongs to (front matter 'part:')
    opens: str | None  # a part's own page: the chapter it comes before (front matter 'opens_chapter:')


@dataclass
class BookBuild:
    settings: GuideConfig
    strings: Strings
    pdf: bool  # which books this build writes (see wanted)
    epub: bool
    pages: dict[str, Collected] = field(default_factory=dict)  # by src_uri, in render order
    left_out: set[str] = field(default_factory=set)  # generated pages with nothing to show
    _writer: threading.Thread | None = None
    _log: list[str] = field(default_factory=list)  # what the writers report, logged when they are done
    _failure: PluginError | None = None
    _rendered: threading.Event = field(default_factory=threading.Event)  # MkDocs has written the pages (finish)
    volumes: list[Volume] = field(default_factory=list)  # the PDF's volumes (one: the book in one file)

    @staticmethod
    def wanted(settings: GuideConfig, command: str) -> tuple[bool, bool]:
        """(PDF, EPUB): which books this build writes."""
        books = command != "serve" and not books_skipped()
        return books and settings.pdf.enabled, books and settings.epub.enabled

    def collect(self, files: Files) -> None:
        """Every page, rendered (MkDocs has converted them all by on_env; templates come later)."""
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            meta = page.meta
            text = {key: None if meta.get(key) is None else str(meta[key]) for key in ("chapter", "part", "opens_chapter")}
            # page.title is HTML (escaped text), as MkDocs and Material hold it; the books want text.
            self.pages[file.src_uri] = Collected(file.src_uri, page.url or "index.html", html.unescape(page.title or ""),
                                                 page.content or "", text["chapter"], text["part"], text["opens_chapter"])

    def appendices(self) -> list[str]:
        settings = self.settings
        glossary_index = f"{settings.glossary_url}/index.md"
        return list(settings.pdf.appendices) or [glossary_index] + ([settings.timeline] if settings.timeline else [])

    def check_pages(self, site_pages: set[str]) -> None:
        """Before anything is written: every page the book lists is a page of the site."""
        for name in [*self.settings.pdf.front, *self.appendices()]:
            if name not in site_pages:
                raise PluginError(f"mkdocs.yml: extra.guide.pdf lists '{name}', which is not a page of the site; "
                                  "name a page of docs/ (or a generated one, such as glossary/index.md)")

    def start(self, files: Files, config: MkDocsConfig) -> None:
        """Make the book model, then write the books in a thread while MkDocs renders the templates
        (Typst releases the GIL while it lays out the pages, so on two cores the PDF costs little)."""
        self.collect(files)
        try:
            book = build_book(self.book_pages(), self.meta(config), Path(config.site_dir))
        except ValueError as err:
            raise PluginError(f"the books: {err}") from err
        except Exception as err:  # a fault of ours, not of the guide: still a message, never a traceback
            raise books_failed(err) from err
        if self.pdf:
            self.volumes = plan_volumes(book, self.settings.pdf.volume_words)
            config.extra["reading_guide_books"] = book_links(self.settings, self.strings, self.volumes, pdf=True, epub=self.epub)
        self._rendered = threading.Event()
        self._writer = threading.Thread(target=self._write, args=(book, config), name="reading-guide books")
        self._writer.start()

    def finish(self) -> None:
        """Wait for the books; their writers' warnings are MkDocs warnings (so --strict fails on them)."""
        if self._writer is None:
            return
        self._rendered.set()
        self._writer.join()
        self._writer = None
        if self._failure is not None:
            raise self._failure
        for line in self._log:
            (log.warning if line.startswith("warning: ") else log.info)(line.removeprefix("warning: "))

    def finish_quietly(self) -> None:
        """The build failed elsewhere: let the writers end before MkDocs reports it."""
        if self._writer is not None:
            self._rendered.set()
            self._writer.join()
            self._writer = None

    def _write(self, book: Book, config: MkDocsConfig) -> None:
        try:
            self._log += write_pdf_and_epub(book, self.settings, Path(config.site_dir), build_time(config), self.volumes,
                                            pdf=self.pdf, epub=self.epub, epub_after=self._rendered)
        except PluginError as err:
            self._failure = err
        # BaseException: a panic in Typst's Rust code arrives as pyo3's PanicException, which is no
        # Exception; let out of this thread it printed a traceback, and the build still succeeded.
        except BaseException as err:
            self._failure = books_failed(err)

    def meta(self, config: MkDocsConfig) -> BookMeta:
        from ..book.model import BookMeta

        strings = self.strings
        facts = cite_facts(config, self.settings, strings)
        return BookMeta(
            title=facts.title, subtitle=self.settings.pdf.subtitle or strings.a_reading_guide,
            version=facts.version, language=strings.language,
            description=config.site_description or "", author=facts.author,
            site_url=facts.site_url,  # the books' own words follow the language (BookMeta.labels)
            how_to_cite=book_example(facts, strings.reader),
        )

    def book_pages(self) -> list[BookPage]:
        """Front matter, the chapters by number, then the appendices (the glossary with all its entries)."""
        settings, pages = self.settings, self.pages
        glossary_index = f"{settings.glossary_url}/index.md"

        from ..book.model import BookPage

        def page(src: str, part: str) -> BookPage:
            collected = pages[src]
            return BookPage(src, collected.url, collected.title, collected.html, part, collected.section)

        order = {c.src: reading_key(c.chapter, c.opens) for c in pages.values() if c.chapter is not None or c.opens}
        book = [page(src, "front") for src in settings.pdf.front]
        book += [page(src, "chapter") for src in sorted(order, key=order.__getitem__)]
        for src in self.appendices():
            if src in self.left_out:
                continue
            book.append(page(src, "appendix"))
            if src == glossary_index:
                entries = sorted((p for p in pages if p.startswith(f"{settings.glossary_url}/") and p != glossary_index),
                                 key=lambda p: pages[p].title.casefold())
                book += [page(entry, "entry") for entry in entries]
        return book


def books_skipped() -> bool:
    """GUIDE_BOOKS=0 skips both books, for a quick build. GUIDE_PDF=0, its old name (it always skipped
    the EPUB too), still does when GUIDE_BOOKS is not set."""
    value = os.environ.get("GUIDE_BOOKS")
    if value is None:
        value = os.environ.get("GUIDE_PDF", "1")
    return value.strip() == "0"


def books_failed(err: BaseException) -> PluginError:
    """The message for a failure in making the books that the guide's input does not explain."""
    log.debug("the books failed", exc_info=err)  # the traceback, for `mkdocs build -v` only
    return PluginError(
        f"the books could not be written: {type(err).__name__}: {err}. If it names a file in the site folder, "
        "check that it can be written; otherwise build with -v and report the details. GUIDE_BOOKS=0 skips "
        "the books")


def write_book(what: str, file: str, site_dir: Path, write: Callable[[Path], list[str]],
               files: list[str] | None = None) -> list[str]:
    """Write one book (`files`: the files it makes, where it is not `file` alone: a PDF's volumes); the log
    lines: its writer's warnings, then what was written."""
    from ..book.model import BookError

    started = time.monotonic()
    target = site_dir / file
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        warnings = write(target)
    except ImportError as err:
        raise PluginError(f"The {what} needs {err.name} ({err}). Run `make build`, which installs it from "
                          "requirements.txt. Or skip the books with GUIDE_BOOKS=0.") from err
    except BookError as err:
        raise PluginError(f"the {what}: {err}") from err
    written = ", ".join(f"{name} ({(site_dir / name).stat().st_size // 1024} KB)" for name in files or [file])
    return [f"warning: {file}: {warning}" for warning in warnings] + [
        f"{what}: {written} in {time.monotonic() - started:.1f} s"]


def write_pdf_and_epub(book: Book, settings: GuideConfig, site_dir: Path, when: datetime, volumes: list[Volume], *,
                       pdf: bool, epub: bool, epub_after: threading.Event | None = None) -> list[str]:
    """Both books' log lines, the PDF's first. The EPUB (Python) is written in a thread of its own while
    Typst lays out the PDF, which needs no Python meanwhile (a volume's process; in this one, Typst
    releases the GIL), so it costs no wall time: from `epub_after` (MkDocs has written the pages,
    which would share the GIL with it) or the PDF's end, whichever comes first. A failure of either is
    raised here, the PDF's first, once both writers have stopped (neither writes into a site the build
    gave up on)."""
    lines: dict[str, list[str]] = {}
    failures: dict[str, BaseException] = {}

    def run(what: str, make: Callable[[], list[str]]) -> None:
        try:
            lines[what] = make()
        except BaseException as err:  # a panic in Typst's Rust code (pyo3's PanicException) is no Exception
            failures[what] = err

    def make_pdf() -> list[str]:
        return write_book("PDF book", settings.pdf.file, site_dir, lambda target: write_pdf(
            book, target, page_size=settings.pdf.page_size, pdf_ua=settings.pdf.pdf_ua, timestamp=when,
            volumes=volumes, line_breaking=settings.pdf.line_breaking), volume_files(settings.pdf.file, volumes))

    def make_epub() -> list[str]:
        return write_book("EPUB book", settings.epub.file, site_dir, lambda target: write_epub(book, target, timestamp=when))

    go = epub_after or threading.Event()
    if epub_after is None:
        go.set()

    def epub_beside() -> None:
        go.wait()
        run("epub", make_epub)

    beside = threading.Thread(target=epub_beside, name="reading-guide EPUB") if pdf and epub else None
    if beside is not None:
        beside.start()
    if pdf:
        run("pdf", make_pdf)
        go.set()
    if beside is not None:
        beside.join()
    elif epub:
        run("epub", make_epub)
    order = [what for what, wanted in (("pdf", pdf), ("epub", epub)) if wanted]
    for what in order:
        if what in failures:
            raise failures[what]
    return [line for what in order for line in lines[what]]


def plan_volumes(book: Book, budget: int) -> list[Volume]:
    from ..book.volumes import plan

    return plan(book, budget)


def volume_files(file: str, volumes: list[Volume]) -> list[str] | None:
    """The PDF's files where it is made in volumes (None: the one file)."""
    from ..book.volumes import volume_file

    return [volume_file(file, v.number) for v in volumes] if len(volumes) > 1 else None


def book_links(settings: GuideConfig, strings: Strings, volumes: list[Volume], *, pdf: bool,
               epub: bool) -> list[dict[str, Any]]:
    """The header's links to the books (read by partials/header.html): the PDF, or each of its volumes, and the EPUB."""
    links: list[dict[str, Any]] = [{"kind": "pdf", "link": settings.pdf.file, "icon": "file-pdf-box",
                                    "title": strings.pdf_title, "label": strings.pdf_label}] * pdf
    if pdf and len(volumes) > 1:  # a menu (the header has no room for ten icons), then its volumes
        links = [{"kind": "pdf-volumes", "link": "", "icon": "file-pdf-box", "count": len(volumes),
                  "title": strings.pdf_volumes_title.format(count=len(volumes)),
                  "label": strings.pdf_volumes_label.format(count=len(volumes))}]
        for volume, file in zip(volumes, volume_files(settings.pdf.file, volumes) or [], strict=True):
            words = {"number": volume.number, "count": len(volumes), "first": volume.first, "last": volume.last}
            links.append({"kind": "pdf", "link": file, "icon": "file-pdf-box", "volume": volume.number, "count": len(volumes),
                        "title": strings.pdf_volume_title.format(**words), "label": strings.pdf_volume_label.format(**words)})
    return links + [{"kind": "epub", "link": settings.epub.file, "icon": "book-open-variant",
                   "title": strings.epub_title, "label": strings.epub_label}] * epub


def build_book(pages: list[BookPage], meta: BookMeta, site_dir: Path) -> Book:
    from ..book.reader import build_book as book_model

    return book_model(pages, meta, site_dir)


def write_pdf(book: Book, target: Path, **options: object) -> list[str]:
    from ..book.pdf import write_pdf as typst_pdf  # loads Typst only when a PDF is made

    return typst_pdf(book, target, **options)  # type: ignore[arg-type]


def write_epub(book: Book, target: Path, **options: object) -> list[str]:
    from ..book.epub import write_epub as ebooklib_epub

    return ebooklib_epub(book, target, **options)  # type: ignore[arg-type]
