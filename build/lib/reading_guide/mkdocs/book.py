"""One build's book: collect the rendered pages, then assemble and write the PDF.

Skipped under `mkdocs serve` (previews stay fast), with `GUIDE_PDF=0`, or with
`extra.guide.pdf: false`. The assembling itself is pure (reading_guide.book).
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from ..book.html_book import BookMeta, BookPage, assemble_book
from ..core.strings import Strings
from .config import GuideConfig
from .pages import chapter_key

log = get_plugin_logger("reading-guide")
CSS = Path(__file__).parent.parent / "book" / "html_book.css"


@dataclass
class Collected:
    src: str
    url: str
    title: str
    html: str
    chapter: str | None  # its chapter number


@dataclass
class BookBuild:
    settings: GuideConfig
    strings: Strings
    pages: dict[str, Collected] = field(default_factory=dict)  # by src_uri, in render order
    nav_order: list[str] = field(default_factory=list)
    left_out: set[str] = field(default_factory=set)  # generated pages with nothing to show

    @staticmethod
    def wanted(settings: GuideConfig, command: str) -> bool:
        return settings.pdf.enabled and command != "serve" and os.environ.get("GUIDE_PDF", "1") != "0"

    def collect(self, page: Page) -> None:
        chapter = page.meta.get("chapter")
        self.pages[page.file.src_uri] = Collected(page.file.src_uri, page.url or "index.html", page.title or "",
                                                  page.content or "", None if chapter is None else str(chapter))

    def write(self, config: MkDocsConfig) -> None:
        started = time.monotonic()
        pdf = self.settings.pdf
        pages = self.book_pages()
        meta = BookMeta(
            title=pdf.title or config.site_name, subtitle=pdf.subtitle or self.strings.a_reading_guide,
            version=pdf.version or guide_version(config, self.strings),
            language=self.strings.language, description=config.site_description or "",
            site_url=config.site_url or "", contents=self.strings.contents,
        )
        document = assemble_book(pages, meta, CSS.read_text(encoding="utf-8") + f"\n@page {{ size: {pdf.page_size}; }}\n")
        target = Path(config.site_dir) / pdf.file
        target.parent.mkdir(parents=True, exist_ok=True)
        write_pdf(document, target, pdf.pdf_ua)
        log.info(f"PDF book: {pdf.file} ({target.stat().st_size // 1024} KB, {len(pages)} pages of the site) "
                 f"in {time.monotonic() - started:.1f} s")

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

    def book_pages(self) -> list[BookPage]:
        """Front matter, the chapters by number, then the appendices (the glossary with all its entries)."""
        settings, pages = self.settings, self.pages
        glossary_index = f"{settings.glossary_url}/index.md"
        appendices = self.appendices()

        def page(src: str, part: str) -> BookPage:
            collected = pages[src]
            return BookPage(collected.url, collected.title, collected.html, part)

        chapters = sorted((c for c in pages.values() if c.chapter is not None), key=lambda c: chapter_key(c.chapter or ""))
        book = [page(src, "front") for src in settings.pdf.front]
        book += [page(c.src, "chapter") for c in chapters]
        for src in appendices:
            if src in self.left_out:
                continue
            book.append(page(src, "appendix"))
            if src == glossary_index:
                entries = sorted((p for p in pages if p.startswith(f"{settings.glossary_url}/") and p != glossary_index),
                                 key=lambda p: pages[p].title.casefold())
                book += [page(entry, "entry") for entry in entries]
        return book


def write_pdf(document: str, target: Path, pdf_ua: bool) -> None:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as err:
        raise PluginError(
            f"The PDF book needs WeasyPrint and its system libraries ({err}). Run `make build`, which installs "
            "WeasyPrint from requirements.txt; on Debian/Ubuntu also `apt-get install libpango-1.0-0 "
            "libpangoft2-1.0-0`. Or skip the PDF with GUIDE_PDF=0.") from err
    options = {"pdf_variant": "pdf/ua-1"} if pdf_ua else {}
    HTML(string=document, base_url=str(target.parent)).write_pdf(target, **options)


def guide_version(config: MkDocsConfig, strings: Strings) -> str:
    """The cover's version line: GUIDE_VERSION, else the date and id of the last commit, else nothing."""
    if os.environ.get("GUIDE_VERSION"):
        return os.environ["GUIDE_VERSION"]
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs %h"], capture_output=True, text=True, timeout=10,
                             cwd=Path(config.config_file_path or ".").parent)
    except (OSError, subprocess.SubprocessError):
        return ""
    if out.returncode != 0 or not out.stdout.strip():
        return ""
    date, _, commit = out.stdout.strip().partition(" ")
    return strings.version_of.format(date=date, commit=commit)
