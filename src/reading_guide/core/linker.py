"""Finding glossary terms in text and wrapping them in the document tree.

Pure Python (xml.etree only): no MkDocs, no Markdown, no regular expressions over HTML.
Matching is one pass over the text whatever the number of terms: the text is read token by
token (words and punctuation), and a token that begins some spelling (one set lookup, the
same cost for ten terms or ten thousand) starts a short walk forward, token by token, which
stops as soon as the tokens read are no longer the beginning of any spelling and keeps the
longest spelling found (case, plural, word boundary checked). The index is a few dicts and
sets of strings: it stays small at ten thousand terms.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from .glossary import Entry
from .link_rules import at_sentence_start, mark_citations, name_around

# Elements whose text is never linked: headings, existing links, code, and our own wrappers.
SKIP_TAGS = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "code", "pre", "kbd", "samp",
    "script", "style", "button", "svg", "math", "textarea", "title", "dfn", "cite",
})
SKIP_CLASS = "no-glossary"  # authors may wrap text in this class to keep it unlinked
TITLE_CLASS = "title"  # a title of a work, `*The Prophet Armed*{.title}`: a citation, never linked
SKIP_CLASSES = frozenset({SKIP_CLASS, TITLE_CLASS})
TERM_CLASS = "glossary-term"
# English plurals and possessives matched without being listed: Soviets, Stalin's, buses
# (and -y to -ies: Parties).
SUFFIXES = ("'s", "\u2019s", "es", "s", "")
PLURALS = ("s", "es")  # a suffix inside the last word of a spelling: Soviet -> Soviets
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'"})
QUOTE_CHARS = ("'", "\u2019", "\u2018")
# Scripts written without spaces between words (Chinese, Japanese): each character is a token of
# its own and no word boundary is asked for around it, so 共产党 is found in 他是共产党员.
CJK = "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
CJK_CHAR = re.compile(f"[{CJK}]")
TOKEN = re.compile(rf"[{CJK}]|[^\W{CJK}]+|[^\w\s]")  # one CJK character, a word, or one punctuation mark
NEXT_TOKEN = re.compile(rf"(\s*)([{CJK}]|[^\W{CJK}]+|[^\w\s])")  # the next token, and the space before it


@dataclass(frozen=True, slots=True)
class Spelling:
    slug: str | None  # None: a phrase an entry says is not it (`not:`), left unlinked
    form: str  # quotes and spaces normalised, case kept
    match_case: bool
    kind: str = "term"  # "term" (the term or an alias), "context" (a longer name that is it), "not"


class Match(NamedTuple):  # a tuple: made tens of thousands of times per build
    start: int
    end: int
    slug: str | None
    spelling: Spelling


class Doubt(NamedTuple):
    """An occurrence the review report lists: a maintainer settles it with an entry setting."""

    kind: str  # "name": skipped inside a longer name; "case": holds only case-insensitively;
    #            "word": a spelling's letters in another case (an ordinary word, not linked)
    slug: str
    found: str  # the text as it stands
    phrase: str  # what to name in `contexts:` or `not:` to settle it
    context: str  # the words around it
    page: str = ""
    where: str | None = None  # id of the paragraph or note it stands in


_FOLDED: dict[str, str] = {}


def fold_char(char: str) -> str:
    """A character as spellings are compared: lower case, one kind of apostrophe (memoised: it is hot)."""
    folded = _FOLDED.get(char)
    if folded is None:
        lower = char.translate(QUOTES).lower()
        folded = _FOLDED[char] = lower if len(lower) == 1 else char
    return folded


def fold(text: str) -> str:
    """`text` folded character by character (same length: positions in it are positions in `text`)."""
    return text.lower() if text.isascii() else "".join([fold_char(c) for c in text])


def nfc(text: str) -> str:
    """Text in Unicode's composed form (é as one character), whichever form the file was saved in."""
    return text if text.isascii() or unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def normalise(text: str) -> str:
    return " ".join(nfc(text).translate(QUOTES).split())


class TermIndex:
    """All spellings of all entries, ready for matching."""

    def __init__(self, entries: Iterable[Entry]):
        self.spellings: dict[str, list[Spelling]] = {}  # folded form -> the spellings folded to it
        self.prefixes: set[str] = set()  # folded forms cut after each token but their last
        self.ends: set[str] = set()  # what the text read so far may be for a spelling to end there
        self.first_tokens: set[str] = set()  # lower-cased tokens that may begin a spelling
        self.whole: set[str] = set()  # ... and may be a whole spelling by themselves
        # first token -> the tokens that may follow it ("the" is everywhere, "the Left" is not)
        self.second_tokens: dict[str, set[str]] = {}
        for entry in entries:
            for form in dict.fromkeys(entry.forms):
                self._add(Spelling(entry.slug, normalise(form), entry.match_case))
            # Declared phrases match as written and are tried before the term's looser spellings.
            for form in getattr(entry, "contexts", ()):
                self._add(Spelling(entry.slug, normalise(form), True, "context"))
            for form in getattr(entry, "not_phrases", ()):
                self._add(Spelling(None, normalise(form), True, "not"))
        self.shortest = min(map(len, self.spellings), default=0)  # no shorter text holds a term: ", ", " and "

    def _add(self, spelling: Spelling) -> None:
        key = fold(spelling.form)
        same = self.spellings.setdefault(key, [])
        if spelling.kind == "term":
            same.append(spelling)
        else:
            same.insert(0, spelling)
        self.ends.update({key} | _plurals(key))
        tokens = list(NEXT_TOKEN.finditer(key))
        self.prefixes.update(key[:token.end()] for token in tokens[:-1])
        first_token = TOKEN.match(spelling.form.lower())
        assert first_token is not None, spelling  # every spelling has a letter or digit (checked when read)
        first = first_token.group()
        variants = {first}
        if first in QUOTE_CHARS:
            variants.update(QUOTE_CHARS)
        if len(tokens) == 1:  # its plural is one token too: Soviets, buses, Parties
            variants.update(_plurals(first))
            self.whole.update(variants)
        else:
            second = tokens[1].group(2)
            seconds = {second} | (_plurals(second) if len(tokens) == 2 else set())
            for variant in variants:
                self.second_tokens.setdefault(variant, set()).update(seconds)
        self.first_tokens.update(variants)

    def find(self, text: str, doubts: list[tuple[str, Match, str]] | None = None,
             edges: Callable[[], tuple[str, str]] | None = None) -> Iterator[Match]:
        """Every term in `text`, left to right, longest first, never overlapping.

        A spelling inside a longer proper name is skipped, and a phrase an entry says is not it
        is passed over. With `doubts`, what the review report lists is added to it as
        (kind, match, phrase) tuples. `edges` gives the text a reader sees just before and after
        `text` (the neighbouring elements), asked for only when a name may go on into it.
        """
        if len(text) < self.shortest:
            return
        pos = 0
        for start in self._starts(text):
            if start < pos:
                continue
            match = self.longest_at(text, start)
            if match is None:
                if doubts is not None and (miss := self.longest_at(text, start, any_case=True)) \
                        and miss.spelling.kind == "term":
                    doubts.append(("word", miss, text[miss.start:miss.start + len(miss.spelling.form)]))
                continue
            if match.slug is None:  # `not:` of some entry
                pos = match.end
                continue
            if (name := name_around(text, match.start, match.end, edges)) is not None:
                if doubts is not None:
                    doubts.append(("name", match, name))
                continue
            if doubts is not None and not match.spelling.match_case and not self._usual_case(text, match):
                doubts.append(("case", match, text[match.start:match.start + len(match.spelling.form)]))
            yield match
            pos = match.end

    def _starts(self, text: str) -> list[int]:
        """Where a spelling may begin: whole tokens of the text that begin one (sorted).

        The tokens are listed and intersected with the index in C (set operations); Python only
        visits the occurrences of the tokens that matched, so the cost does not grow with the index.
        """
        lowered = text.lower()
        if len(lowered) != len(text):  # a rare letter whose lower case is longer: go token by token
            return [t.start() for t in TOKEN.finditer(text) if t.group().lower() in self.first_tokens
                    and not (t.start() and _is_word(text[t.start() - 1]))]
        starts: list[int] = []
        cjk = not lowered.isascii() and CJK_CHAR.search(lowered) is not None
        for token in set(TOKEN.findall(lowered)) & self.first_tokens:
            size, word, end = len(token), _is_word(token[0]), len(lowered)
            # A token that only begins longer spellings is a start only if one of their second tokens follows.
            seconds = None if token in self.whole else self.second_tokens[token]
            if word and size <= 3:  # "a", "the": inside most words; the regex engine skips those faster
                starts.extend(at for m in _word_end(token, cjk).finditer(lowered)
                              if not ((at := m.start()) and _is_word(lowered[at - 1]))
                              and (seconds is None or _followed_by(lowered, at + size, seconds)))
                continue
            at = lowered.find(token)
            while at != -1:
                after = at + size
                before_ok = not at or not _is_word(lowered[at - 1])
                if before_ok and not (word and after < end and _is_word(lowered[after])) \
                        and (seconds is None or _followed_by(lowered, after, seconds)):
                    starts.append(at)
                at = lowered.find(token, at + 1)
        starts.sort()
        return starts

    def _usual_case(self, text: str, match: Match) -> bool:
        """Whether a case-insensitive match is written as the entry writes it: as one of its
        spellings, in lower case, or capitalised at the start of a sentence."""
        found = normalise(text[match.start:match.end])
        if found.islower():
            return True
        forms = [s.form for s in self.spellings.get(fold(match.spelling.form), ()) if s.slug == match.slug]
        if any(found.startswith(form) for form in forms):
            return True
        return at_sentence_start(text, match.start) and any(found[1:].startswith(form[1:].lower()) for form in forms)

    def longest_at(self, text: str, start: int, any_case: bool = False) -> Match | None:
        """The longest valid spelling that starts at `start`, reading the text token by token."""
        best, key, pos, ends, prefixes = None, "", start, self.ends, self.prefixes
        while (token := NEXT_TOKEN.match(text, pos)) is not None:
            space, word = token.groups()
            folded = word.lower() if word.isascii() else fold(word)
            key = f"{key} {folded}" if space else key + folded
            pos = token.end()
            if key in ends:
                best = self._spelling_ending(text, start, pos, key, word, any_case) or best
            if key not in prefixes:
                return best
        return best

    def _spelling_ending(self, text: str, start: int, end: int, key: str, word: str,
                         any_case: bool = False) -> Match | None:
        """A spelling that is the tokens read so far (`key`, up to `end`), or them less a plural ending."""
        spellings = self.spellings.get(key)
        if spellings:
            after = _end_with_suffix(text, end)
            if after is not None:
                for spelling in spellings:
                    if any_case or _case_fits(spelling, text[start:end]):
                        return Match(start, after, spelling.slug, spelling)
        if not _is_word(word[-1]):
            return None
        for plural in PLURALS:  # Soviets, buses
            if len(word) > len(plural) and key.endswith(plural):
                for spelling in self.spellings.get(key[:-len(plural)], ()):
                    if any_case or _case_fits(spelling, text[start:end - len(plural)]):
                        return Match(start, end, spelling.slug, spelling)
        if len(word) > 3 and key.endswith("ies"):  # Party -> Parties
            for spelling in self.spellings.get(key[:-3] + "y", ()):
                if any_case or _case_fits(spelling, text[start:end - 3] + spelling.form[-1]):
                    return Match(start, end, spelling.slug, spelling)
        return None


@functools.lru_cache(maxsize=1024)
def _word_end(token: str, cjk: bool) -> re.Pattern[str]:
    """`token` where no letter follows (a literal first: the regex engine searches for it quickly).
    A CJK character ends a word too (`cjk`: the text has one); without them Python's own word test
    is the same, and its pattern compiles in a twentieth of the time (a build compiles hundreds)."""
    return re.compile(re.escape(token) + (rf"(?![^\W{CJK}])" if cjk else r"(?!\w)"))


def _plurals(token: str) -> set[str]:
    return {token + "s", token + "es"} | ({token[:-1] + "ies"} if token.endswith("y") else set())


def _followed_by(lowered: str, at: int, tokens: set[str]) -> bool:
    """Whether the token after position `at` (spaces skipped) is one of `tokens`."""
    following = NEXT_TOKEN.match(lowered, at)
    return following is not None and fold(following.group(2)) in tokens


def _end_with_suffix(text: str, i: int) -> int | None:
    """Where a term ending at `i` ends once a plural/possessive suffix is added, at a word boundary."""
    if i >= len(text):
        return i
    following = text[i]
    if not (_is_word(following) or following in QUOTE_CHARS):  # most often: no suffix
        return i
    for suffix in SUFFIXES:
        end = i + len(suffix)
        if text[i:end].lower() == suffix and (end >= len(text) or not _is_word(text[end])):
            return end
    return None


def _is_word(char: str) -> bool:
    """A character that continues a word (a CJK character does not: those scripts have no spaces)."""
    if char.isascii():
        return char.isalnum() or char == "_"
    return char.isalnum() and not CJK_CHAR.match(char)


def _case_fits(spelling: Spelling, found: str) -> bool:
    return not spelling.match_case or found == spelling.form or normalise(found) == spelling.form


# --- the document tree -------------------------------------------------------


class Occurrence(NamedTuple):
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
    page: str = ""  # named in the doubts
    doubts: list[Doubt] | None = field(default_factory=list)  # None: do not collect them


def link_tree(root: etree.Element, index: TermIndex, context: LinkContext) -> list[Occurrence]:
    """Wrap every term in the tree in a link (or, after the first, a hover-only <abbr>).

    The article's text is linked first, so that the first link on a chapter page stands in
    the article rather than in a note above it. Citations are never linked (mark_citations).
    Returns every occurrence found; what the review report lists goes to `context.doubts`.
    """
    mark_citations(root, SKIP_CLASS)
    found: list[Occurrence] = []
    articles = [el for el in root.iter() if context.article_class in (el.get("class") or "").split()]
    for article in articles:
        _link_element(article, index, context, found, None, frozenset())
    _link_element(root, index, context, found, None, frozenset(map(id, articles)))
    return found


def _link_element(el: etree.Element, index: TermIndex, context: LinkContext, found: list[Occurrence], anchor: str | None,
                  skip: frozenset[int], where: str | None = None,
                  outer: Callable[[], tuple[str, str]] | None = None) -> None:
    """Link the text of `el` and of its descendants, in document order (not inside `skip`, by id).

    `outer` gives the text a reader sees before and after `el` in its paragraph (None for a block).
    """
    if (here := el.get("id")) is not None:
        where = here
        classes = el.get("class")
        if classes and "para" in classes.split():
            anchor = here
    children: list[etree.Element] = []
    changed, original = False, list(el)

    def around(number: int, own: bool) -> tuple[str, str]:
        """The text before and after the piece before child `number` + 1 (-1: el.text), or with
        `own` the child itself, read through the wrappers made so far (so that linking twice gives
        what linking once gives), and on beyond `el` while it is inside a paragraph."""
        if number < 0:
            before = ""
        else:
            pieces = [_visible(original[number])] * (not own)
            for c in reversed(children[:-1]):  # nearest first, only as far as EDGE: no quadratic walk
                if sum(map(len, pieces)) >= EDGE:
                    break
                pieces += [c.tail or "", _visible(c)]
            else:
                pieces.append(el.text or "")
            before = "".join(reversed(pieces))
        pieces = [(original[number].tail or "") if own and number >= 0 else ""]
        for c in original[number + 1:]:
            if sum(map(len, pieces)) >= EDGE:
                break
            pieces += [_visible(c), c.tail or ""]
        after = "".join(pieces)
        if outer is not None:
            lead, trail = outer()
            before, after = lead + before, after + trail
        return before[-EDGE:], after[:EDGE]

    def edges(number: int, own: bool = False) -> Callable[[], tuple[str, str]]:
        return lambda: around(number, own)

    if el.text and (new := _wrap(el.text, index, context, found, anchor, where, edges(-1))) is not None:
        el.text, elements = new
        children += elements
        changed = True
    for number, child in enumerate(original):  # the wrappers we add are not visited again: their text is done
        children.append(child)
        tag = child.tag
        if isinstance(tag, str) and tag not in SKIP_TAGS and id(child) not in skip:
            classes = child.get("class")
            if not (classes and not SKIP_CLASSES.isdisjoint(classes.split())):
                inline = tag in INLINE_TAGS
                _link_element(child, index, context, found, anchor, skip, where, edges(number, True) if inline else None)
        if child.tail and (new := _wrap(child.tail, index, context, found, anchor, where, edges(number))) is not None:
            child.tail, elements = new
            children += elements
            changed = True
    if changed:
        el[:] = children


EDGE = 80  # characters of neighbouring text read for a longer name
# Elements inside a paragraph: a name may go on from their text into the text around them.
INLINE_TAGS = frozenset({"em", "strong", "b", "i", "span", "a", "abbr", "cite", "sup", "sub", "small", "mark",
                         "u", "s", "q", "del", "ins", "code", "kbd", "samp", "var", "time", "bdi"})


def _visible(el: etree.Element) -> str:
    return "".join(el.itertext())


def _wrap(text: str, index: TermIndex, context: LinkContext, found: list[Occurrence], anchor: str | None,
          where: str | None = None,
          edges: Callable[[], tuple[str, str]] | None = None) -> tuple[str, list[etree.Element]] | None:
    """Split `text` around its terms: (text before the first, [wrapper elements with tails])."""
    text = nfc(text)  # a text saved decomposed (e + combining accent) matches the entries' spellings
    collected = context.doubts
    doubts: list[tuple[str, Match, str]] | None = None if collected is None else []
    matches = [m for m in index.find(text, doubts, edges) if m.slug != context.own_slug]
    if doubts and collected is not None:
        collected.extend(
            Doubt(kind, m.slug, text[m.start:m.end], phrase, _around(text, m.start, m.end), context.page, where)
            for kind, m, phrase in doubts if m.slug is not None and m.slug != context.own_slug)  # (a doubt always has one)
    if not matches:
        return None
    elements: list[etree.Element] = []
    lead = text[: matches[0].start]
    linked, every, summary = context.linked, context.every, context.summary
    for number, (start, end, slug, _) in enumerate(matches):
        assert slug is not None  # find() passes over the `not:` phrases, the only spellings without one
        found.append(Occurrence(slug, anchor))
        if every or slug not in linked:
            linked.add(slug)
            wrapper = etree.Element("a", {"href": context.href(slug), "class": TERM_CLASS, "title": summary(slug)})
        else:
            wrapper = etree.Element("abbr", {"class": TERM_CLASS, "title": summary(slug)})
        wrapper.text = text[start:end]
        wrapper.tail = text[end: matches[number + 1].start] if number + 1 < len(matches) else text[end:]
        elements.append(wrapper)
    return lead, elements


def _around(text: str, start: int, end: int, width: int = 40) -> str:
    """The words around text[start:end], the match in brackets: "… the [Socialist] Revolutionaries …"."""
    before, after = text[max(0, start - width):start], text[end:end + width]
    before = ("…" + before.split(" ", 1)[-1]) if start > width and " " in before else before
    after = (after.rsplit(" ", 1)[0] + "…") if end + width < len(text) and " " in after else after
    return " ".join(f"{before}[{text[start:end]}]{after}".split())


def number_paragraphs(root: etree.Element, chapter: int | str, article_class: str = "article",
                      link_title: str = "Link to paragraph {chapter}.{number}") -> list[str]:
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
            # data-search-exclude: Material's search leaves the number out of the indexed text,
            # where it was glued to the paragraph's first word ("2Unresting").
            number = etree.Element("a", {
                "class": "para-num", "href": f"#{anchor}", "data-search-exclude": "",
                "title": link_title.format(chapter=chapter, number=len(anchors)),
            })
            number.text = str(len(anchors))
            number.tail = paragraph.text
            paragraph.text = None
            paragraph.insert(0, number)
    return anchors
