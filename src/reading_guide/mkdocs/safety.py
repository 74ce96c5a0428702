"""Untrusted input, as one build meets it: names printed as text, files that stay in the project,
glossary bodies sanitized, and a Content-Security-Policy on every page.

Material prints the site name, page titles and navigation titles as HTML, without escaping
(MkDocs renders themes with autoescape off). Page titles MkDocs takes from a rendered heading are
HTML-escaped text already; the site name and titles written in mkdocs.yml's `nav:` or a page's
`title:` are escaped here, once, so that every template of the theme prints them as text.
"""

from __future__ import annotations

import base64
import hashlib
import html
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from ..core.sanitize import Cleaned, clean_html

RAW_SITE_NAME = "reading_guide_site_name"  # config.extra: the site name as written (the books print it)
# Every page: its own files only. Inline script only by hash (the theme's own, computed per page);
# no event handler attributes, no javascript: URLs. Styles inline are Material's (its tooltips and
# palette set them). `file:` lets pages opened from disk load their scripts in Chromium.
POLICY = ("default-src 'self' file:; script-src 'self' file: {hashes}; style-src 'self' file: 'unsafe-inline'; "
          "img-src 'self' file: data:; font-src 'self' file: data:; connect-src 'self' file:; "
          "worker-src 'self' file: blob:; frame-src 'self' file:; object-src 'none'; base-uri 'self'; "
          "form-action 'self'")


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


class _InlineScripts(HTMLParser):
    """The text of every inline script (a `type` of JSON data is not script)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            values = dict(attrs)
            kind = (values.get("type") or "text/javascript").lower()
            runs = "src" not in values and kind in ("module", "text/javascript", "application/javascript")
            self._open = [] if runs else None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.scripts.append("".join(self._open))
            self._open = None


def policy_for(theme_scripts: str) -> str:
    """The Content-Security-Policy of a page whose theme writes `theme_scripts` (its inline script
    partials, rendered by main.html for this page): each allowed by the SHA-256 of its exact text."""
    parser = _InlineScripts()
    parser.feed(theme_scripts)
    parser.close()
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
                     for s in parser.scripts})
    return POLICY.format(hashes=" ".join(hashes))
