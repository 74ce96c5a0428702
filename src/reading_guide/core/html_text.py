"""The text of a small piece of HTML, its tags left out (html.parser: never patterns over markup).

Pure (standard library only); used wherever a field or a paragraph holds inline HTML.
"""

from __future__ import annotations

from html.parser import HTMLParser


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_parts(html: str) -> list[str]:
    """The runs of text in `html`, in order, with character references resolved."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser.parts
