"""Finding glossary terms in text and wrapping them in the document tree.

Pure Python (xml.etree only): no MkDocs, no Markdown, no regular expressions over HTML.
Matching is one pass over the text whatever the number of terms: all spellings are folded
into one trie, compiled into one regular expression that finds where a term may start; a
short walk down the same trie then picks the longest spelling that is valid there (case,
plural, word boundary).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from glossary_model import Entry

# Elements whose text is never linked: headings, existing links, code, and our own wrappers.
SKIP_TAGS = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "code", "pre", "kbd", "samp",
    "script", "style", "button", "svg", "math", "textarea", "title", "dfn",
})
SKIP_CLASS = "no-glossary"  # authors may wrap text in this class to keep it unlinked
TERM_CLASS = "glossary-term"
# English plurals and possessives matched without being listed: Soviets, Stalin's, buses
# (and -y to -ies: Parties, see TermIndex._y_plural_at).
SUFFIXES = ("'s", "\u2019s", "es", "s", "")
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'"})
END = ""  # trie key marking that a spelling ends at this node


@dataclass(frozen=True)
class Spelling:
    slug: str
    form: str  # quotes and spaces normalised, case kept
    match_case: bool


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    slug: str


def fold_char(char: str) -> str:
    lower = char.translate(QUOTES).lower()
    return lower if len(lower) == 1 else char


def normalise(text: str) -> str:
    return " ".join(text.translate(QUOTES).split())


class TermIndex:
    """All spellings of all entries, ready for matching."""

    def __init__(self, entries: Iterable[Entry]):
        self.trie: dict = {}
        for entry in entries:
            for form in dict.fromkeys(entry.forms):
                self._add(Spelling(entry.slug, normalise(form), entry.match_case))
        body = _trie_pattern(self.trie)
        # Only where a term may start is taken from this pattern (a fast filter in C);
        # longest_at decides what matches there. Nothing to find: a pattern that never matches.
        self.starts = re.compile(rf"(?<!\w)(?:{body})" if body else r"(?!x)x", re.IGNORECASE)

    def _add(self, spelling: Spelling) -> None:
        node = self.trie
        for char in spelling.form:
            node = node.setdefault(fold_char(char), {})
        node.setdefault(END, []).append(spelling)

    def find(self, text: str) -> Iterator[Match]:
        """Every term in `text`, left to right, longest first, never overlapping."""
        pos = 0
        while (candidate := self.starts.search(text, pos)) is not None:
            match = self.longest_at(text, candidate.start())
            if match is None:
                pos = candidate.start() + 1
                continue
            yield match
            pos = match.end

    def longest_at(self, text: str, start: int) -> Match | None:
        node, i, best = self.trie, start, None
        while True:
            for spelling in node.get(END, ()):
                end = _end_with_suffix(text, i)
                if end is not None and _case_fits(spelling, text[start:i]):
                    best = Match(start, end, spelling.slug)
                    break
            best = self._y_plural_at(node, text, start, i) or best
            if i >= len(text):
                return best
            char = text[i]
            if char.isspace():
                node = node.get(" ")
                while i < len(text) and text[i].isspace():
                    i += 1
            else:
                node = node.get(fold_char(char))
                i += 1
            if node is None:
                return best


    @staticmethod
    def _y_plural_at(node: dict, text: str, start: int, i: int) -> Match | None:
        """A spelling ending in -y matched in its plural -ies: Party -> Parties."""
        ending = node.get("y", {}).get(END)
        if not ending or text[i:i + 3].lower() != "ies" or (i + 3 < len(text) and _is_word(text[i + 3])):
            return None
        for spelling in ending:
            if _case_fits(spelling, text[start:i] + spelling.form[-1]):
                return Match(start, i + 3, spelling.slug)
        return None


def _end_with_suffix(text: str, i: int) -> int | None:
    """Where a term ending at `i` ends once a plural/possessive suffix is added, at a word boundary."""
    for suffix in SUFFIXES:
        end = i + len(suffix)
        if text[i:end].lower() == suffix and (end >= len(text) or not _is_word(text[end])):
            return end
    return None


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _case_fits(spelling: Spelling, found: str) -> bool:
    return not spelling.match_case or normalise(found) == spelling.form


def _trie_pattern(node: dict) -> str:
    branches = [
        ("(?:y|ie)" if char == "y" and END in child else _atom(char)) + _trie_pattern(child)
        for char, child in sorted(node.items()) if char != END
    ]
    if not branches:
        return ""
    if len(branches) == 1 and END not in node:
        return branches[0]
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if END in node else group


def _atom(char: str) -> str:
    if char == " ":
        return r"\s+"
    if char == "'":
        return "['\u2019\u2018]"
    return re.escape(char)


# --- the document tree -------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    slug: str
    anchor: str | None  # id of the article paragraph it stands in, if any


@dataclass
class LinkContext:
    """What the linker needs to know about the page being linked."""

    href: Callable[[str], str]  # slug -> link target
    summary: Callable[[str], str]  # slug -> hover text
    every: bool = False  # link every occurrence, not only the first on the page
    own_slug: str | None = None  # the entry whose page this is: not linked to itself
    article_class: str = "article"
    linked: set[str] = field(default_factory=set)


def link_tree(root: etree.Element, index: TermIndex, context: LinkContext) -> list[Occurrence]:
    """Wrap every term in the tree in a link (or, after the first, a hover-only <abbr>).

    The article's text is linked first, so that the first link on a chapter page stands in
    the article rather than in a note above it. Returns every occurrence found.
    """
    found: list[Occurrence] = []
    articles = [el for el in root.iter() if context.article_class in el.get("class", "").split()]
    for article in articles:
        _link_element(article, index, context, found, anchor=None, skip=())
    _link_element(root, index, context, found, anchor=None, skip=tuple(articles))
    return found


def _link_element(el, index, context, found, anchor, skip) -> None:
    if el.get("id") and "para" in el.get("class", "").split():
        anchor = el.get("id")
    new = _wrap(el.text, index, context, found, anchor)
    if new is not None:
        el.text, elements = new
        el[0:0] = elements
    for child in list(el):
        if child.tag in SKIP_TAGS or SKIP_CLASS in child.get("class", "").split() or not isinstance(child.tag, str):
            pass
        elif not any(child is s for s in skip):
            _link_element(child, index, context, found, anchor, skip)
        new = _wrap(child.tail, index, context, found, anchor)
        if new is not None:
            child.tail, elements = new
            position = list(el).index(child) + 1
            el[position:position] = elements


def _wrap(text, index, context, found, anchor):
    """Split `text` around its terms: (text before the first, [wrapper elements with tails])."""
    if not text:
        return None
    matches = [m for m in index.find(text) if m.slug != context.own_slug]
    if not matches:
        return None
    elements: list[etree.Element] = []
    lead = text[: matches[0].start]
    for number, match in enumerate(matches):
        found.append(Occurrence(match.slug, anchor))
        if context.every or match.slug not in context.linked:
            context.linked.add(match.slug)
            wrapper = etree.Element("a", {"href": context.href(match.slug), "class": TERM_CLASS})
        else:
            wrapper = etree.Element("abbr", {"class": TERM_CLASS})
        wrapper.set("title", context.summary(match.slug))
        wrapper.text = text[match.start: match.end]
        following = matches[number + 1].start if number + 1 < len(matches) else len(text)
        wrapper.tail = text[match.end: following]
        elements.append(wrapper)
    return lead, elements


def number_paragraphs(root: etree.Element, chapter: int | str, article_class: str = "article") -> list[str]:
    """Give each paragraph of the article an id `p{chapter}-{n}` and a visible number in the margin."""
    anchors: list[str] = []
    for article in (el for el in root.iter() if article_class in el.get("class", "").split()):
        for paragraph in article:
            if paragraph.tag not in ("p", "blockquote"):
                continue
            anchor = f"p{chapter}-{len(anchors) + 1}"
            anchors.append(anchor)
            paragraph.set("id", anchor)
            paragraph.set("class", " ".join(filter(None, [paragraph.get("class"), "para"])))
            number = etree.Element("a", {
                "class": "para-num", "href": f"#{anchor}",
                "title": f"Link to paragraph {chapter}.{len(anchors)}",
            })
            number.text = str(len(anchors))
            number.tail = paragraph.text
            paragraph.text = None
            paragraph.insert(0, number)
    return anchors
