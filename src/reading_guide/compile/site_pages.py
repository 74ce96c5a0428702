"""What the MkDocs plugin's templates add to every page, added to the pages another engine built (Zensical
renders templates with MiniJinja and runs no plugin): the reader's data for reader.js, a chapter's citation
meta tags, the header's links to the books and to My notes, and a Content-Security-Policy that allows the
page's own inline scripts by their hashes. Each page is read and written with an HTML parser (lxml); the
rules are the ones the plugin uses (core/citation.py, core/reader_page.py, core/csp.py)."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from ..core import csp
from ..core.citation import head_tags
from ..core.reader_page import NOTES_SRC, reader_data
from ..core.strings import Strings
from ..core.urls import page_url, relative_url
from .manifest import Manifest
from .settings import CompileError
from .site_books import built_file, front_matter_of, guide_config
from .stage import CompileResult

ICONS = {"pdf": "file-pdf-box", "epub": "book-open-variant", "notes": "note-edit-outline"}  # Material's, as header.html


def _icon(name: str) -> HtmlElement:
    import material  # the theme's own icons, as the MkDocs templates include them

    path = Path(material.__file__).parent / "templates" / ".icons" / "material" / f"{name}.svg"
    return lxml.html.fragment_fromstring(path.read_text(encoding="utf-8"))


def _classes(element: HtmlElement) -> list[str]:
    return (element.get("class") or "").split()


def header_links(result: CompileResult, site: Path, strings: Strings) -> list[tuple[str, str, str, str]]:
    """(kind, link, title, label) of the header's links: the books written (a PDF in volumes: their menu, then a
    link to each), then My notes."""
    found = [link for link in result.book_links if link[0] == "pdf-volumes" or (site / link[1]).is_file()]
    words = strings.reader
    return [*found, ("notes", page_url(NOTES_SRC, result.guide.directory_urls), words.my_notes, words.my_notes_label)]


def _add_links(tree: HtmlElement, links: list[tuple[str, str, str, str]]) -> None:
    header = next(iter(tree.xpath('//nav[contains(concat(" ", @class, " "), " md-header__inner ")]')), None)
    if header is None:
        return
    before = next((child for child in header if (child.tag == "label" and child.get("for") == "__search")
                   or {"md-search", "md-search__button", "md-header__source"} & set(_classes(child))), None)
    menu = None  # a PDF in volumes: one icon opening their list, as partials/header.html makes it
    for kind, href, title, label in links:
        if kind == "pdf-volumes":
            details = lxml.html.Element("details", {"class": "guide-volumes"})
            summary = etree.SubElement(details, "summary", {"class": "md-header__button md-icon", "title": title,
                                                            "aria-label": label})
            summary.append(_icon(ICONS["pdf"]))
            menu = etree.SubElement(details, "ul", {"class": "guide-volumes__list"})
            element = details
        elif kind == "pdf" and menu is not None:
            item = etree.SubElement(menu, "li")
            anchor = etree.SubElement(item, "a", {"href": href, "class": "guide-pdf-link", "data-volume": str(len(menu)),
                                                      "title": title, "aria-label": label})
            anchor.text = title
            continue
        else:
            element = lxml.html.Element("a", {"href": href, "title": title, "aria-label": label,
                                              "class": f"md-header__button md-icon guide-{kind}-link"})
            element.append(_icon(ICONS[kind]))
        if before is not None:
            before.addprevious(element)
        else:
            header.append(element)


def _script_text(data: dict[str, Any]) -> str:
    """JSON that cannot end its <script> element early (as Jinja's tojson writes it)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")


def finish_page(built: Path, *, tags: list[tuple[str, str]], data: dict[str, Any] | None,
                links: list[tuple[str, str, str, str]]) -> None:
    """The built page with the citation meta `tags`, the reader's `data`, the header's `links` (kind, href,
    title, label) and a Content-Security-Policy for the theme's inline scripts, as the page finally holds them."""
    tree = lxml.html.fromstring(built.read_bytes())
    head = tree.find("head")
    if head is None:
        raise CompileError(f"{built}: no <head> in the built page (is the theme Material's?)")
    for name, content in tags:
        head.append(lxml.html.Element("meta", {"name": name, "content": content}))
    if data is not None:
        script = lxml.html.Element("script", {"type": "application/json", "id": "reading-guide-data"})
        script.text = _script_text(data)
        head.append(script)
    _add_links(tree, links)
    for old in head.xpath('meta[@http-equiv="Content-Security-Policy"]'):
        old.drop_tree()
    # The theme's inline scripts, as with MkDocs: one in the page's content (its <article>) gets no hash.
    in_content = set(tree.xpath('//article[contains(concat(" ", @class, " "), " md-content__inner ")]//script'))
    scripts = [s.text or "" for s in tree.iter("script")
               if s.get("src") is None and csp.runs(s.get("type")) and s not in in_content]
    policy = lxml.html.Element("meta", {"http-equiv": "Content-Security-Policy", "content": csp.policy(scripts)})
    charset = head.find("meta[@charset]")
    if charset is not None:
        charset.addnext(policy)
    else:
        head.insert(0, policy)
    built.write_bytes(lxml.html.tostring(tree, doctype="<!doctype html>", encoding="utf-8"))


def finish_pages(result: CompileResult, site: Path) -> int:
    """Every built page of the manifest finished, and the 404 page (no reader's data there, as with MkDocs:
    its links are from the site's root); how many."""
    from ..mkdocs.guide_facts import cite_facts

    guide = result.guide
    strings = guide.strings
    facts = cite_facts(guide_config(result, site), guide.settings, strings)
    links = header_links(result, site, strings)
    notes = page_url(NOTES_SRC, guide.directory_urls)
    pages, count = Manifest.read(result.manifest).pages, 0
    for src, info in pages.items():
        url = page_url(src, guide.directory_urls)
        built = built_file(site, url)
        if not built.is_file():  # not published (the author's exclude_docs, say): nothing to finish
            continue
        meta = front_matter_of(result.docs / src)
        chapter = None if meta.get("chapter") is None or info.get("chapter") is None else str(info["chapter"])
        title = page_title(guide.nav_titles.get(src), meta, lxml.html.fromstring(built.read_bytes()))
        canonical = urljoin(facts.site_url.rstrip("/") + "/", url) if facts.site_url else ""
        data = reader_data(facts, strings.reader, page=url, canonical=canonical, notes=notes, chapter=chapter,
                           title=title)
        finish_page(built, tags=head_tags(facts, title, canonical) if chapter is not None else [], data=data,
                    links=[(kind, relative_url(link, url), name, label) for kind, link, name, label in links])
        count += 1
    missing = site / "404.html"
    if missing.is_file():
        root = urlsplit(facts.site_url).path.rstrip("/") + "/"
        finish_page(missing, tags=[], data=None, links=[(kind, root + link, name, label) for kind, link, name, label in links])
    return count + missing.is_file()


def page_title(nav_title: str | None, meta: dict[str, Any], tree: HtmlElement) -> str:
    """The page's title as MkDocs holds it (escaped text): from `nav:`, else its `title:`, else its first heading."""
    if nav_title:
        return html.escape(nav_title)
    if isinstance(meta.get("title"), str):
        return html.escape(meta["title"])
    heading = next(iter(tree.xpath('//article//h1')), None)
    if heading is None:
        return ""
    text = "".join(t for t in heading.xpath(".//text()[not(ancestor::a[contains(@class, 'headerlink')])]"))
    return html.escape(text.strip(), quote=False)
