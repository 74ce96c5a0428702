"""MkDocs event functions for the books: collect the rendered pages → one content model → PDF and EPUB.

Both are skipped under `mkdocs serve` (previews stay fast) and with `GUIDE_PDF=0`; each alone
with `extra.guide.pdf: false` or `extra.guide.epub: false`. The books themselves are pure
(src/reading_guide/book/).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).parent.parent / "src"))  # until the package is installed

from glossary_hooks import settings_of  # noqa: E402
from guide_config import GuideSettings  # noqa: E402
from reading_guide.book.model import BookError, BookMeta, BookPage, build_book  # noqa: E402

log = get_plugin_logger("pdf")


@dataclass
class Collected:
    src: str
    url: str
    title: str
    html: str
    chapter: bool
    section: str | None = None  # the book part a chapter belongs to (front matter 'part:')


@dataclass
class PdfBuild:
    settings: GuideSettings
    pages: dict[str, Collected] = field(default_factory=dict)  # by src_uri, in render order
    nav_order: list[str] = field(default_factory=list)


_command: str | None = None
_build: PdfBuild | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    settings = settings_of(config)
    books = _command != "serve" and os.environ.get("GUIDE_PDF", "1") != "0"
    pdf, epub = books and settings.pdf.enabled, books and settings.epub.enabled
    _build = PdfBuild(settings) if pdf or epub else None
    config.extra["pdf_link"] = settings.pdf.file if pdf else None  # read by the header template
    config.extra["epub_link"] = settings.epub.file if epub else None
    return config


def on_nav(nav, config: MkDocsConfig, files):
    if _build is not None:
        _build.nav_order = [page.file.src_uri for page in nav.pages]
    return nav


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    if _build is not None:
        part = page.meta.get("part")
        _build.pages[page.file.src_uri] = Collected(
            page.file.src_uri, page.url or "index.html", page.title or "", page.content or "", "chapter" in page.meta,
            str(part) if part is not None else None)
    return context


def on_post_build(config: MkDocsConfig) -> None:
    if _build is None:
        return
    started = time.monotonic()
    settings, site_dir = _build.settings, Path(config.site_dir)
    pages = book_pages(_build)
    meta = BookMeta(
        title=settings.pdf.title or config.site_name, subtitle=settings.pdf.subtitle,
        version=settings.pdf.version or guide_version(config), language=config.theme.get("language") or "en",
        description=config.site_description or "", author=config.site_author or "", site_url=config.site_url or "",
    )
    try:
        book = build_book(pages, meta, site_dir)
    except ValueError as err:
        raise PluginError(f"the books: {err}") from err
    when = build_time(config)
    if settings.pdf.enabled:
        write_book("PDF book", settings.pdf.file, site_dir, started, lambda target: write_pdf(
            book, target, page_size=settings.pdf.page_size, pdf_ua=settings.pdf.pdf_ua, timestamp=when))
    if settings.epub.enabled:
        write_book("EPUB book", settings.epub.file, site_dir, time.monotonic(),
                   lambda target: write_epub(book, target, timestamp=when))


def write_book(what: str, file: str, site_dir: Path, started: float, write) -> None:
    """Write one book; its writer's warnings are MkDocs warnings (so --strict fails on them)."""
    target = site_dir / file
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        warnings = write(target)
    except ImportError as err:
        raise PluginError(f"The {what} needs {err.name} ({err}). Run `make build`, which installs it from "
                          "requirements.txt. Or skip the books with GUIDE_PDF=0.") from err
    except BookError as err:
        raise PluginError(f"the {what}: {err}") from err
    for warning in warnings:
        log.warning(f"{file}: {warning}")
    log.info(f"{what}: {file} ({target.stat().st_size // 1024} KB) in {time.monotonic() - started:.1f} s")


def build_time(config: MkDocsConfig) -> datetime:
    """The books' creation date: SOURCE_DATE_EPOCH, else the last commit's time (so rebuilds are identical)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not (epoch and epoch.strip().isdigit()):
        try:
            out = subprocess.run(["git", "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=10,
                                 cwd=Path(config.config_file_path or ".").parent)
            epoch = out.stdout.strip() if out.returncode == 0 else ""
        except (OSError, subprocess.SubprocessError):
            epoch = ""
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def book_pages(build: PdfBuild) -> list[BookPage]:
    """Front matter, the chapters in reading order, then the appendices (the glossary with all its entries)."""
    settings, pages = build.settings, build.pages
    order = [src for src in build.nav_order if src in pages] + [src for src in pages if src not in build.nav_order]
    glossary_index = f"{settings.glossary_url}/index.md"
    appendices = list(settings.pdf.appendices) or [glossary_index] + ([settings.timeline] if settings.timeline else [])
    for name in [*settings.pdf.front, *appendices]:
        if name not in pages:
            raise PluginError(f"mkdocs.yml: extra.guide.pdf lists '{name}', which is not a page of the site")

    def page(src: str, part: str) -> BookPage:
        collected = pages[src]
        return BookPage(src, collected.url, collected.title, collected.html, part, collected.section)

    book = [page(src, "front") for src in settings.pdf.front]
    book += [page(src, "chapter") for src in order if pages[src].chapter]
    for src in appendices:
        book.append(page(src, "appendix"))
        if src == glossary_index:
            entries = sorted((p for p in pages if p.startswith(f"{settings.glossary_url}/") and p != glossary_index),
                             key=lambda p: pages[p].title.casefold())
            book += [page(entry, "entry") for entry in entries]
    return book


def write_pdf(book, target: Path, **options) -> list[str]:
    from reading_guide.book.pdf import write_pdf as typst_pdf  # loads Typst only when a PDF is made

    return typst_pdf(book, target, **options)


def write_epub(book, target: Path, **options) -> list[str]:
    from reading_guide.book.epub import write_epub as ebooklib_epub

    return ebooklib_epub(book, target, **options)


def guide_version(config: MkDocsConfig) -> str:
    """The cover's version line: GUIDE_VERSION, else the date and id of the last commit, else nothing."""
    if os.environ.get("GUIDE_VERSION"):
        return os.environ["GUIDE_VERSION"]
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs %h"], capture_output=True, text=True, timeout=10,
                             cwd=Path(config.config_file_path or ".").parent)
    except (OSError, subprocess.SubprocessError):
        return ""
    return f"Version of {out.stdout.strip()}" if out.returncode == 0 and out.stdout.strip() else ""
