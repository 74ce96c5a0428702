"""Untrusted input, as one build meets it: names printed as text, files that stay in the project,
glossary bodies sanitized (the Content-Security-Policy on every page: core/csp.py).

Material prints the site name, page titles and navigation titles as HTML, without escaping
(MkDocs renders themes with autoescape off). Page titles MkDocs takes from a rendered heading are
HTML-escaped text already; the site name and titles written in mkdocs.yml's `nav:` or a page's
`title:` are escaped here, once, so that every template of the theme prints them as text.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from ..core.sanitize import Cleaned, clean_html

RAW_SITE_NAME = "reading_guide_site_name"  # config.extra: the site name as written (the books print it)


def escape_site_name(config: MkDocsConfig) -> None:
    """The site name as text: Material prints it into the page as HTML. Kept as written for the books."""
    raw = config.extra.setdefault(RAW_SITE_NAME, config.site_name)
    config.site_name = html.escape(raw)


def site_name(config: MkDocsConfig) -> str:
    return str(config.extra.get(RAW_SITE_NAME, config.site_name))


def escape_nav(nav: Navigation) -> None:
    """Titles written in `nav:` (a part of an imported text is a section named by its heading) as text."""
    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, (Section, Link)) and item.title:
                item.title = html.escape(item.title)
            elif isinstance(item, Page) and isinstance(vars(item).get("title"), str):
                item.title = html.escape(vars(item)["title"])
            if isinstance(item, Section):
                walk(item.children)

    walk(nav.items)


def escape_meta_title(page: Page) -> None:
    """A page's front matter `title:` is text, like a title in `nav:`."""
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = html.escape(page.meta["title"])


def refuse_outside_links(folder: Path, project: Path, shown: str) -> None:
    """A file in `folder` that is a link to a file outside the project would be published: refused."""
    if not folder.is_dir():
        return
    project = project.resolve()
    outside = []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() and not path.resolve().is_relative_to(project):
            outside.append(f"  {shown}/{path.relative_to(folder).as_posix()} -> {path.resolve()}")
    if outside:
        raise PluginError(f"{len(outside)} file(s) in {shown}/ are links to files outside the project, which "
                          "would be published with the site:\n" + "\n".join(outside)
                          + "\ncopy what the guide should publish into the project, and delete the links")


def sanitize_entry(content: str, ours: str = "") -> Cleaned:
    """A glossary entry page's HTML: its body is markup from a glossary file (core.sanitize's rules);
    `ours`, the back-links the generator wrote, is not read twice to find what went."""
    return clean_html(content, titles=True, ours=ours)


def where_removed(body: str, first_line: int, removed: tuple[str, ...]) -> str:
    """The lines of a glossary body (in its file) that hold what was removed, for the message."""
    lines = []
    for what in removed:
        needle = what.split("=", 1)[0].split(" ", 1)[0].strip("<>").lower()
        for number, line in enumerate(body.split("\n"), start=first_line):
            if needle and needle in line.lower():
                lines.append(number)
                break
    return ", ".join(str(n) for n in sorted(set(lines))) or str(first_line)
