"""What untrusted markup may keep: one allow-list for every caller (glossary bodies, Markdown texts
at import, links in the books).

Text from a text or a glossary file is text and is escaped where it is printed; only what is meant
as markup (a glossary body, a Markdown source's inline HTML) comes here. The sanitizing is nh3's
(Rust's ammonia, an HTML5 parser): formatting stays; scripts, event handlers, `javascript:` and
`data:` URLs, frames, objects, forms and styles go. What went is found by comparing the elements
and attributes before and after, so that the caller can say so: the markup as written with
html.parser, which reads every tag as written; nh3's output, which is HTML5 as a serializer writes it,
with lxml, which reads such markup alike and several times faster.
"""

from __future__ import annotations

import functools
import html
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import lxml.html
import nh3
from lxml import etree

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})  # and relative URLs (no scheme)
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "srcset", "xlink:href"})

# nh3's default tags (formatting, lists, tables, images, headings...) less the few that could
# carry behaviour, plus the attributes Markdown, md_in_html and the guide's own pages use.
TAGS = frozenset(nh3.ALLOWED_TAGS - {"area", "map"})
ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(values) for tag, values in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"class", "id", "title", "lang", "dir", "markdown", "data-search-exclude"},
    "a": {"href", "hreflang"},
}


@functools.lru_cache(maxsize=4096)  # a page's links repeat, and every link of every page is asked about
def safe_url(url: str) -> bool:
    """A link or image address a reader may follow: relative, http(s) or mailto."""
    scheme = urlsplit("".join(url.split())).scheme  # "java\nscript:" is javascript: to a browser
    return not scheme or scheme.lower() in SAFE_SCHEMES


@dataclass(frozen=True)
class Cleaned:
    html: str
    removed: tuple[str, ...]  # what went, e.g. "<script>", "onerror= on <img>", "href=javascript:… on <a>"


def clean_html(fragment: str, titles: bool = True, ours: str = "", report: bool = True) -> Cleaned:
    """`fragment` with only allowed markup; the text inside removed elements stays, as text (a
    <script>'s words are shown, never run), except in frames and objects, which have none to show.

    Material's tooltips insert a `title` as HTML: with `titles`, every title is kept and escaped
    for them (tooltip_text); without, titles are removed (and reported). `ours`: a part of the
    fragment the generator wrote (well-formed, escaped text, no script), e.g. an entry's back-links:
    cleaned with the rest, but not read twice to find what went when it comes through unchanged.
    Without `report`, what went is not looked for (`removed` is empty): a caller that only shows the HTML."""
    attributes = ATTRIBUTES if titles else {tag: names - {"title"} for tag, names in ATTRIBUTES.items()}
    cleaned = nh3.clean(fragment, tags=set(TAGS), clean_content_tags=set(), attributes=attributes,
                        url_schemes=set(SAFE_SCHEMES), link_rel=None, strip_comments=True,
                        attribute_filter=_escape_title if titles else None)
    return Cleaned(cleaned, _removed(fragment, cleaned, ours) if report else ())


def _escape_title(tag: str, name: str, value: str) -> str:
    return tooltip_text(value) if name == "title" else value


def clean_markdown_line(line: str) -> Cleaned:
    """One line of a Markdown text with its inline HTML sanitized. A line that loses nothing is kept
    byte for byte: nh3 would re-escape `>` and `&` (which Markdown reads differently at a line start)
    and close a `<div markdown>` that the following lines are meant to fill."""
    if "<" not in line:
        return Cleaned(line, ())
    cleaned = clean_html(line, titles=False)  # a title the chapter would show as a tooltip: HTML to Material
    return cleaned if cleaned.removed else Cleaned(line, ())


def clean_markdown(text: str) -> tuple[str, list[tuple[int, tuple[str, ...]]]]:
    """A Markdown text, line by line (line numbers stay): the text and, per changed line, what went."""
    lines, report = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        cleaned = clean_markdown_line(line)
        lines.append(cleaned.html)
        if cleaned.html != line:
            report.append((number, cleaned.removed))
    return "\n".join(lines), report


def tooltip_text(text: str) -> str:
    """A `title` attribute's value for Material's tooltips, which insert it as HTML: the text escaped
    once more, so that they show it as written and run nothing."""
    return html.escape(text, quote=False)


def _count(seen: Counter[str], tag: str, attrs: list[tuple[str, str | None]]) -> None:
    """One element and its attributes into a census."""
    seen[f"<{tag}>"] += 1
    for name, value in attrs:
        unsafe = name in URL_ATTRIBUTES and not safe_url(value or "")
        shown = f"{name}={' '.join((value or '').split())[:24]}…" if unsafe else f"{name}="
        seen[f"{shown} on <{tag}>"] += 1


class _Census(HTMLParser):
    """The elements and attributes of a fragment, counted."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        _count(self.seen, tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _census(fragment: str) -> Counter[str]:
    parser = _Census()
    parser.feed(fragment)
    if parser.rawdata[parser.rawdata.find("<"):][1:2].isalpha():  # a tag left open at the end (it goes on on the next line)
        parser.seen["an unfinished tag"] += 1
    parser.close()
    return parser.seen


def _clean_census(cleaned: str) -> Counter[str]:
    """The census of nh3's output (what _census counts of it: tests/test_hot_paths.py), read by lxml."""
    seen: Counter[str] = Counter()
    if not cleaned.strip():
        return seen
    try:
        elements = lxml.html.fragment_fromstring(cleaned, create_parent="div").iter()
    except (ValueError, etree.ParserError):  # control characters, which lxml refuses: the slow way
        return _census(cleaned)
    next(elements)  # the parent lxml was asked to make
    for element in elements:
        if isinstance(element.tag, str):  # not a comment (nh3 strips them) or a processing instruction
            _count(seen, element.tag, list(element.items()))
    return seen


def _census_around(fragment: str, ours: str) -> Counter[str] | None:
    """The census of `fragment` less its last copy of `ours`, or None when that is not the same as
    the census of the whole less that of `ours` (no copy, or the parser is inside a tag or a script
    where it begins). `ours` is well-formed, so the parser ends it where it began: read from there."""
    at = fragment.rfind(ours)
    if at < 0:
        return None
    head = _Census()
    head.feed(fragment[:at])
    if head.rawdata or head.cdata_elem is not None:
        return None
    seen = head.seen
    seen.update(_census(fragment[at + len(ours):]))
    return seen


def _removed(before: str, after: str, ours: str = "") -> tuple[str, ...]:
    """What the census of `before` has more of than that of `after`. A part of both that is `ours`
    counts the same on each side and drops out of the difference, so `before`'s is not read at all.
    `ours` is well-formed and holds quoted attributes, which nh3 never writes inside an attribute's
    value (nor keeps an element whose text is not markup): a copy in `after` is its elements, and
    the rest of `after` without it is read."""
    at = after.rfind(ours) if ours and '"' in ours else -1
    if at >= 0:
        head = _census_around(before, ours)
        if head is not None:
            return tuple(sorted((head - _clean_census(after[:at] + after[at + len(ours):])).keys()))
    return tuple(sorted((_census(before) - _clean_census(after)).keys()))
