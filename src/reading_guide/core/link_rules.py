"""The linker's rules for what is not a term: longer names and citations.

Pure Python (xml.etree only). linker.py finds the spellings; these rules decide, from the
text around a spelling, that it stands inside a longer proper name, and mark the parts of a page
that cite works, which are never linked.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable

from .sources import SOURCES_LABEL

QUOTE_CHARS = ("'", "\u2019", "\u2018")
CITATION_CLASS = "citation"  # what mark_citations wraps the "Sources:" part of a paragraph in


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


# --- longer names: capitalised words directly around a term -------------------

WORD_INNER = "'\u2019-"  # inside a word: Stalin's, Brest-Litovsk
SKIPPED_BEFORE_A_SENTENCE = "\"\u201c\u201d\u2018\u2019'()[]\u00ab\u00bb"  # quotes and brackets
SENTENCE_ENDS = ".!?:\u2026"
NAME_WORDS = 6  # words read on either side: enough for any name, and no quadratic walk through "Lenin Lenin …"


def name_around(text: str, start: int, end: int, edges: Callable[[], tuple[str, str]] | None = None) -> str | None:
    """longer_name, reading on into the neighbouring text (`edges`: before, after) where the name may go on there."""
    if not text[start].isupper():  # most terms: no name to look for (the same test begins longer_name)
        return None
    if edges is None or not _at_edge(text, start, end):
        return longer_name(text, start, end)
    lead, trail = edges()
    return longer_name(lead + text + trail, start + len(lead), end + len(lead))


def _at_edge(text: str, start: int, end: int) -> bool:
    """Whether what decides on a longer name may lie outside `text`: nothing but spaces after the
    match, or nothing but spaces and quotes before the word before it."""
    j, size = end, len(text)
    while j < size and text[j].isspace():  # not text[end:]: a copy per match is quadratic in a long text
        j += 1
    if j == size:
        return True
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    while i > 0 and (text[i - 1].isspace() or text[i - 1] in SKIPPED_BEFORE_A_SENTENCE):
        i -= 1
    return i == 0


def longer_name(text: str, start: int, end: int) -> str | None:
    """The longer proper name that `text[start:end]` stands inside, or None.

    A name goes on while capitalised words follow each other, separated by spaces only
    ("Socialist Revolutionaries", "Hungarian Red Army", "Mexico City"). These do not make a name
    longer: a capitalised word at the start of a sentence ("The Soviets"), a possessive
    ("Stalin's Russia", "Lenin's April Theses"), a month after a day ("8 October Trotsky"), a
    compound whose last part is lower case ("Stalin-led Comintern"). A term written in lower
    case ("reformist Socialist Party") or ending a compound ("anti-Bolshevik Whites") is no
    part of a name.
    """
    if not text[start].isupper() or (start > 1 and text[start - 1] == "-" and text[start - 2].islower()):
        return None
    size = len(text)
    if not (start and text[start - 1].isspace()) and not (end < size and text[end].isspace()):
        return None  # most often: punctuation on both sides, nothing more to read
    left, words = start, 0
    while words < NAME_WORDS and (word := _word_before(text, left)) is not None and _joins_name(text, *word):
        left, words = word[0], words + 1
    right, words = end, 0
    while words < NAME_WORDS and not _possessive(text[right - 3:right]) and (word := _word_after(text, right)) is not None:
        right, words = word[1], words + 1
    if left == start and right == end:
        return None
    return " ".join(text[left:right].split())


def _joins_name(text: str, start: int, end: int) -> bool:
    word = text[start:end]
    if not word.rsplit("-", 1)[-1][:1].isupper() or _possessive(word) or at_sentence_start(text, start):
        return False
    before = _word_before(text, start)
    return before is None or not text[before[0]:before[1]].isdigit()  # 8 October: a date


def _possessive(word: str) -> bool:
    return len(word) > 2 and word[-1] in "sS" and word[-2] in QUOTE_CHARS


def _word_before(text: str, i: int) -> tuple[int, int] | None:
    """(start, end) of the word separated from position `i` by spaces only."""
    j = i
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j in (i, 0) or not _is_word(text[j - 1]):
        return None
    k = j - 1
    while k > 0 and (_is_word(text[k - 1]) or (text[k - 1] in WORD_INNER and k > 1 and _is_word(text[k - 2]))):
        k -= 1
    return k, j


def _word_after(text: str, i: int) -> tuple[int, int] | None:
    """(start, end) of a capitalised word separated from position `i` by spaces only."""
    j, size = i, len(text)
    while j < size and text[j].isspace():
        j += 1
    if j in (i, size) or not text[j].isupper():
        return None
    k = j + 1
    while k < size and (_is_word(text[k]) or (text[k] in WORD_INNER and k + 1 < size and _is_word(text[k + 1]))):
        k += 1
    return j, k


def at_sentence_start(text: str, i: int) -> bool:
    """Whether position `i` begins a sentence: nothing but quotes or brackets since the text's
    start or since a full stop, question or exclamation mark, or colon."""
    j = i
    while j > 0 and (text[j - 1].isspace() or text[j - 1] in SKIPPED_BEFORE_A_SENTENCE):
        j -= 1
    return j == 0 or text[j - 1] in SENTENCE_ENDS


# --- citations ----------------------------------------------------------------

def mark_citations(root: etree.Element, skip_class: str) -> None:
    """Wrap the "Source:"/"Sources:" part of every paragraph or list item, up to its end, in a
    <span class="citation {skip_class}">: works cited are never linked. The label is the one the
    source checks read (core/sources.py), so what counts as a citation there is never linked here.
    Only elements are moved; the text a reader sees stays as it is."""
    blocks = [el for el in root.iter() if el.tag in ("p", "li")]
    for block in blocks:
        text = block.text or ""
        if ":" in text and (label := SOURCES_LABEL.search(text)):
            _wrap_from(block, -1, label.start(), skip_class)
            continue
        for number, child in enumerate(block):
            classes = (child.get("class") or "").split()
            if skip_class in classes:
                continue
            if child.tag in ("strong", "em", "b", "i") and SOURCES_LABEL.match((child.text or "").strip()):
                _wrap_from(block, number - 1, len(block[number - 1].tail or "") if number else len(block.text or ""), skip_class)
                break
            tail = child.tail or ""
            if ":" in tail and (label := SOURCES_LABEL.search(tail)):
                _wrap_from(block, number, label.start(), skip_class)
                break


def _wrap_from(block: etree.Element, child: int, at: int, skip_class: str) -> None:
    """Move the text of `block` from offset `at` of the text before its child `child` + 1 (-1: its own
    text), and every later child, into a citation span at that place."""
    span = etree.Element("span", {"class": f"{CITATION_CLASS} {skip_class}"})
    if child < 0:
        span.text, block.text = (block.text or "")[at:] or None, (block.text or "")[:at] or None
    else:
        previous = block[child]
        span.text, previous.tail = (previous.tail or "")[at:] or None, (previous.tail or "")[:at] or None
    moved = list(block)[child + 1:]
    for element in moved:
        block.remove(element)
        span.append(element)
    block.insert(child + 1, span)
