"""Rendered HTML fragments read into xml.etree elements with the standard library's parser.

MkDocs writes well-formed fragments, but HTML has void elements (img, br, hr) and end tags that
may be left out (p, li); the tree builder knows both, so that what follows lands where a browser
would put it.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Container
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# An open <p> ends where one of these starts (the HTML rule for an omitted </p>).
CLOSES_P = {"address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption",
            "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol",
            "p", "pre", "section", "table", "ul"}


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = etree.Element("body")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in CLOSES_P and self.stack[-1].tag == "p":
            self.stack.pop()
        if tag == "li":
            self._close_up_to("li", stop={"ul", "ol"})
        element = etree.SubElement(self.stack[-1], tag, {k: v or "" for k, v in attrs})
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = etree.SubElement(self.stack[-1], tag, {k: v or "" for k, v in attrs})
        del element  # self-closing: never opened

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        self._close_up_to(tag)

    def _close_up_to(self, tag: str, stop: Container[str] = frozenset()) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag in stop:
                return
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return  # a stray end tag without its start is ignored, as browsers do

    def handle_data(self, data: str) -> None:
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data


def parse_fragment(html: str) -> etree.Element:
    """A `<body>` element holding the fragment's elements."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def classes(element: etree.Element) -> set[str]:
    return set(element.get("class", "").split())


def text_of(element: etree.Element) -> str:
    return "".join(element.itertext())
