"""MkDocs event functions for the PDF book: collect the rendered pages → assemble → WeasyPrint.

Skipped under `mkdocs serve` (previews stay fast), with `GUIDE_PDF=0`, or with
`extra.guide.pdf: false`. The assembling itself is pure (pdf_book.py).
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

from glossary_hooks import settings_of
from guide_config import GuideSettings
from pdf_book import BookMeta, BookPage, assemble_book

log = get_plugin_logger("pdf")
CSS = Path(__file__).with_name("pdf_book.css")


@dataclass
class Collected:
    src: str
    url: str
    title: str
    html: str
    chapter: bool


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
    enabled = settings.pdf.enabled and _command != "serve" and os.environ.get("GUIDE_PDF", "1") != "0"
    _build = PdfBuild(settings) if enabled else None
    config.extra["pdf_link"] = settings.pdf.file if enabled else None  # read by the header template
    return config


def on_nav(nav, config: MkDocsConfig, files):
    if _build is not None:
        _build.nav_order = [page.file.src_uri for page in nav.pages]
    return nav


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    if _build is not None:
        _build.pages[page.file.src_uri] = Collected(
            page.file.src_uri, page.url or "index.html", page.title or "", page.content or "", "chapter" in page.meta)
    return context


def on_post_build(config: MkDocsConfig) -> None:
    if _build is None:
        return
    started = time.monotonic()
    pdf = _build.settings.pdf
    pages = book_pages(_build)
    meta = BookMeta(
        title=pdf.title or config.site_name, subtitle=pdf.subtitle, version=pdf.version or guide_version(config),
        language=config.theme.get("language") or "en", description=config.site_description or "",
        site_url=config.site_url or "",
    )
    document = assemble_book(pages, meta, CSS.read_text(encoding="utf-8") + f"\n@page {{ size: {pdf.page_size}; }}\n")
    target = Path(config.site_dir) / pdf.file
    target.parent.mkdir(parents=True, exist_ok=True)
    write_pdf(document, target, pdf.pdf_ua)
    log.info(f"PDF book: {pdf.file} ({target.stat().st_size // 1024} KB, {len(pages)} pages of the site) "
             f"in {time.monotonic() - started:.1f} s")


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
        return BookPage(collected.url, collected.title, collected.html, part)

    book = [page(src, "front") for src in settings.pdf.front]
    book += [page(src, "chapter") for src in order if pages[src].chapter]
    for src in appendices:
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
