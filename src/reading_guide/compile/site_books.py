"""The books of a guide an engine other than MkDocs built: each page's content read back from the built
site (the `<article>` Material and Zensical write it into), then the same book model and writers as the
MkDocs plugin (reading_guide.book, mkdocs/book.py's ordering and writers)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import lxml.html

from ..core.front_matter import load_front_matter, split_front_matter
from ..core.urls import page_url
from ..mkdocs.book import (
    BookBuild,
    Collected,
    book_links,
    plan_volumes,
    write_pdf_and_epub,
)
from ..mkdocs.guide_facts import build_time
from .manifest import Manifest
from .settings import CompileError
from .stage import CompileResult


def page_content(built: Path) -> str:
    """The page's rendered Markdown, as MkDocs' page.content holds it: the article's children, without the
    theme's buttons."""
    tree = lxml.html.fromstring(built.read_bytes())
    article = next(iter(tree.xpath('//article[contains(concat(" ", @class, " "), " md-content__inner ")]')), None)
    if article is None:
        raise CompileError(f"{built}: no <article class=\"md-content__inner\"> in the built page; the books read the "
                           "page's text from it (is the theme Material's?)")
    for button in article.xpath('.//*[contains(concat(" ", @class, " "), " md-content__button ")]'):
        button.drop_tree()
    parts = [lxml.html.tostring(child, encoding="unicode", with_tail=True) for child in article]
    return (article.text or "") + "".join(parts)


def front_matter_of(path: Path) -> dict[str, Any]:
    parts = split_front_matter(path.read_text(encoding="utf-8").removeprefix("\ufeff"))
    meta = load_front_matter(parts[0]) if parts is not None else None
    return meta if isinstance(meta, dict) else {}


def built_file(site: Path, url: str) -> Path:
    """The file of the built page at `url`."""
    return site / (url + "index.html" if url.endswith("/") or not url else url)


def guide_config(result: CompileResult, site: Path) -> Any:
    """The fields of an MkDocs config the books and the citation facts read, from the guide's mkdocs.yml."""
    guide = result.guide
    config = cast(Any, SimpleNamespace(
        site_description=guide.raw.get("site_description") or "", site_author=guide.raw.get("site_author") or "",
        site_url=guide.raw.get("site_url") or "", config_file_path=str(guide.path), site_name=guide.raw.get("site_name"),
        extra={}, site_dir=str(site)))
    if guide.settings.repository and not config.site_url:
        from ..mkdocs.config import published_urls

        config.site_url = published_urls(guide.settings.repository)[0]
    return config


def write_books(result: CompileResult, site: Path) -> list[str]:
    guide = result.guide
    settings, strings = guide.settings, guide.strings
    books = BookBuild(settings, strings, settings.pdf.enabled, settings.epub.enabled)
    if not (books.pdf or books.epub):
        return []
    pages = Manifest.read(result.manifest).pages
    missing = [name for name in [*settings.pdf.front, *books.appendices()] if name not in pages]
    if missing:
        raise CompileError(f"mkdocs.yml: extra.guide.pdf lists '{missing[0]}', which is not a page of the site; name a "
                           "page of docs/ (or a generated one, such as glossary/index.md)")
    for src in pages:
        meta = front_matter_of(result.docs / src)
        url = page_url(src, guide.directory_urls)
        built = built_file(site, url)
        content = page_content(built)
        title_el = lxml.html.fromstring(f"<div>{content}</div>").find(".//h1")
        title = guide.nav_titles.get(src) or (title_el.text_content().strip().rstrip("¶").strip() if title_el is not None
                                              else src)
        info = pages[src]
        books.pages[src] = Collected(src, url or "index.html", str(title), content, info.get("chapter"),
                                     None if meta.get("part") is None else str(meta["part"]),
                                     None if meta.get("opens_chapter") is None else str(meta["opens_chapter"]))
    books.left_out = set(result.empty)
    config = guide_config(result, site)
    from ..book.reader import build_book

    try:
        book = build_book(books.book_pages(), books.meta(config), site)
    except ValueError as err:
        raise CompileError(f"the books: {err}") from err
    when, lines = build_time(config), []
    from mkdocs.exceptions import PluginError

    volumes = plan_volumes(book, settings.pdf.volume_words) if books.pdf else []
    result.book_links = [(link["kind"], link["link"], link["title"], link["label"]) for link in
                         book_links(settings, strings, volumes, pdf=books.pdf, epub=books.epub)]
    try:
        lines += write_pdf_and_epub(book, settings, site, when, volumes, pdf=books.pdf, epub=books.epub)
    except PluginError as err:
        raise CompileError(str(err)) from err
    return [("WARNING -  " + line.removeprefix("warning: ")) if line.startswith("warning: ") else "INFO    -  " + line
            for line in lines]
