"""The text read into phrases for the candidates: names (capitalised runs) and concepts (words,
two- and three-word phrases), each with its occurrences (variants are grouped in variants.py).

Pure. Sentence starts are told from names by the text itself: a capitalised word at a sentence
start is a name only if the text also writes it capitalised elsewhere and never in lower case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .chapter_text import Paragraph
from .frequencies import FLOOR_BIN, STRUCTURE_WORDS, bins, function_words, word_set

TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?…][\"'”’»«)\]]*\s+[\"'“‘»«(\[]*$")
ABBREVIATIONS = word_set("mr mrs ms dr st mt no vol ch cf etc vs viz esq jr sr rev gen col capt prof hon")
CONNECTORS = {"en": word_set("of the de von van der du la le y da di del"),  # "Treaty of Brest-Litovsk"
              "de": word_set("von van de zu vom")}
GERMAN_NOUN_ENDINGS = ("ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tum", "tums", "nis",
                       "nisse", "ion", "ionen", "tät", "täten", "ismus", "ei", "eien", "ler", "ner", "ter")
# Where a sentence may end: a stop (or a colon) with what may close a quotation, the space, and what
# may open the next one; the word before and the letter after decide (_ends_sentence).
BOUNDARY = re.compile(r"[.!?…:;][\"'”’»«)\]]*\s+[\"'“‘»«(\[]*(?=\w)")
TOKEN_BEFORE = re.compile(r"\w+(?=\W*$)")
COLON_END = re.compile(r"[:;]\s*[\"“‘]?$")
YEAR_AFTER = re.compile(r"\s+(?:of\s+|in\s+|von\s+)?\d{3,4}\b")
RARE_BIN = 500  # rarer than one word in 100,000 of ordinary prose
ROMAN = re.compile(r"^[IVXLC]+$")
PLAIN_GAP = re.compile(r"^[ \t\n]+$")
PHRASE_GAP = re.compile(r"^['’]?[ \t\n]+$")  # a plural possessive may stand inside a phrase: "workers’ state"
PHRASE_INNER = word_set("of in for and von der des zur zum und")  # "freedom of speech"


class Token(NamedTuple):  # a tuple: made for every word of a book
    surface: str  # as written, a possessive `’s` taken off
    lower: str
    start: int
    end: int  # in the paragraph's text, the possessive included
    at_start: bool
    possessive: bool
    capital: bool


@dataclass
class Occurrence:
    paragraph: Paragraph
    sentence: str
    surface: str
    at_start: bool
    before: str = ""  # the word just before, lower case
    after: str = ""  # the word just after, lower case
    possessive: bool = False
    before_noun: bool = False  # directly followed by a lower-case word
    year_after: bool = False  # followed by a year ("the Revolution of 1905")


class Position(NamedTuple):
    paragraph: int
    sentence: int
    first: int  # token indices in the sentence
    last: int


@dataclass
class Phrase:
    key: str
    kind: str  # "name" or "concept"
    occurrences: list[Occurrence] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    expansion: str | None = None  # the display spelling when an acronym joined it
    short_form: bool = False  # a full name whose last word the text also uses alone
    positions: list[Position] = field(default_factory=list)


def noun_suffix(word: str) -> bool:
    return word.casefold().endswith(GERMAN_NOUN_ENDINGS)


def sentences(paragraph: str) -> list[tuple[str, list[Token]]]:
    """The paragraph's sentences, each with its word tokens."""
    result: list[tuple[str, list[Token]]] = []
    start = 0
    for boundary in BOUNDARY.finditer(paragraph):  # few per paragraph: the words between are read in one go
        before = TOKEN_BEFORE.search(paragraph, max(0, boundary.start() - 30), boundary.start())
        last = before.group() if before else ""
        gap = boundary.group()
        following = paragraph[boundary.end():boundary.end() + 1]
        if last and following and _ends_sentence(gap, last, following):
            result.append(_sentence(paragraph, start, boundary.start()))
            start = boundary.end()
    result.append(_sentence(paragraph, start, len(paragraph)))
    return [r for r in result if r[1]]


def _sentence(paragraph: str, start: int, end: int) -> tuple[str, list[Token]]:
    tokens: list[Token] = []
    for match in TOKEN.finditer(paragraph, start, end):
        surface = match.group()
        possessive = len(surface) > 3 and surface[-1] == "s" and surface[-2] in "'’"
        if possessive:
            surface = surface[:-2]
        elif surface[-1] in "sS" and paragraph[match.end():match.end() + 1] in ("'", "’"):
            possessive = not paragraph[match.end() + 1:match.end() + 2].isalpha()
        tokens.append(Token(surface, surface.casefold(), match.start(), match.end(), not tokens, possessive,
                            surface[0].isupper()))
    return paragraph[start:end].strip(), tokens


def _ends_sentence(gap: str, last: str, following: str) -> bool:
    if SENTENCE_END.search(gap) is not None:
        return gap.lstrip()[:1] != "," and not (
            gap.startswith(".") and (last.casefold() in ABBREVIATIONS or (len(last) == 1 and last.isupper())))
    return following[0].isupper() and COLON_END.search(gap) is not None and last.casefold() not in ABBREVIATIONS


class Reader:
    def __init__(self, paragraphs: list[Paragraph], language: str):
        self.language = language
        self.connectors = CONNECTORS.get(language, CONNECTORS["en"])
        self.function = function_words(language)
        self.bins = bins(language)
        self.read = [(p, sentences(p.text)) for p in paragraphs]
        self.lower: set[str] = set()  # words the text writes in lower case somewhere
        self.capital: set[str] = set()  # ... and capitalised, not at a sentence start
        for _, sents in self.read:
            for _, tokens in sents:
                for t in tokens:
                    if not t.capital:
                        self.lower.add(t.lower)
                    elif not t.at_start:
                        self.capital.add(t.lower)
        self.phrases: dict[tuple[str, str], Phrase] = {}
        self.pairs: list[tuple[str, str]] = []  # (name key, key of a name in brackets right after it)
        self.words = sum(len(tokens) for _, sents in self.read for _, tokens in sents)

    def is_name_word(self, token: Token) -> bool:
        """A capitalised word that is a name, not a sentence start or (in German) a common noun."""
        if not token.capital or token.lower in self.function or token.lower in self.lower:
            return False
        if token.at_start and token.lower not in self.capital:
            return self.language != "de" and self.bins.get(token.lower, FLOOR_BIN) >= RARE_BIN  # a name if rare
        return self.language != "de"  # German nouns are capitalised: a German name is told by its company

    def run(self) -> None:
        for index, (paragraph, sents) in enumerate(self.read):
            for number, (_, tokens) in enumerate(sents):
                taken = self._names(index, number, paragraph.text, tokens)
                self._concepts(index, number, paragraph.text, tokens, taken)

    def _names(self, index: int, number: int, text: str, tokens: list[Token]) -> set[int]:
        taken: set[int] = set()
        i = 0
        previous: tuple[str, int] | None = None  # the last name found, and where it ended
        while i < len(tokens):
            if not self._may_begin(tokens, i):
                i += 1
                continue
            j = i
            while not tokens[j].possessive and j + 1 < len(tokens):
                k = j + 1
                while k < len(tokens) and tokens[k].lower in self.connectors and not tokens[k].capital and k - j <= 2:
                    k += 1
                if k >= len(tokens) or not all(PLAIN_GAP.match(text[tokens[m].end:tokens[m + 1].start])
                                               for m in range(j, k)):
                    break
                nxt = tokens[k]
                if not (nxt.capital and nxt.lower not in self.function and self._joins(tokens[j], nxt)):
                    break
                j = k
            if i == j and not self.is_name_word(tokens[i]):
                i += 1
                continue
            while j > i and ROMAN.match(tokens[j].surface) and tokens[i].lower in STRUCTURE_WORDS:
                j -= 1
            surface = _surface(text, tokens, i, j)
            if not (i == j and (ROMAN.match(surface) or len(surface) < 2)):
                key = fold(surface)
                self._add("name", key, Position(index, number, i, j))
                taken.update(range(i, j + 1))
                if previous is not None and text[previous[1]:tokens[i].start].strip() == "(" and \
                        text[tokens[j].end:tokens[j].end + 3].startswith(")"):
                    self.pairs.append((previous[0], key))
                previous = (key, tokens[j].end)
            i = j + 1
        return taken

    def _may_begin(self, tokens: list[Token], i: int) -> bool:
        """Whether a name may begin at token i: a name word, or (but in German) a capitalised word that
        is no function word, no furniture ("Chapter") and, at a sentence start, not a common word."""
        token = tokens[i]
        if token.lower in STRUCTURE_WORDS or not token.capital or token.lower in self.function:
            return False
        if self.is_name_word(token):
            return True
        if i + 1 >= len(tokens) or not tokens[i + 1].capital:
            return False
        if self.language == "de":  # an adjective written capitalised begins a name: "Ostindische Kompanie"
            return not token.at_start and token.lower in self.lower
        return not token.at_start or self.bins.get(token.lower, FLOOR_BIN) > 450

    def _joins(self, left: Token, right: Token) -> bool:
        """Whether two capitalised words make one name (German nouns side by side do not)."""
        return self.language != "de" or (left.lower in self.lower and not noun_suffix(left.lower))

    def _concepts(self, index: int, number: int, text: str, tokens: list[Token], taken: set[int]) -> None:
        usable = []
        lower, german, function = self.lower, self.language == "de", self.function
        for n, t in enumerate(tokens):
            if n in taken or (t.capital and ROMAN.match(t.surface)):
                usable.append(False)
            elif t.capital and t.at_start:  # "Nevertheless", "However": a concept only if written in lower case too
                usable.append(t.lower in lower or german)
            else:
                usable.append(not t.capital or german or t.lower in lower)
        joins = [PHRASE_GAP.match(text[tokens[q].end:tokens[q + 1].start]) is not None for q in range(len(tokens) - 1)]
        for n, t in enumerate(tokens):
            if not usable[n]:
                continue
            # a German concept is a noun, written capitalised (its adjectives and verbs are not)
            if t.lower not in function and len(t.lower) > 2 and (not german or t.lower not in lower):
                self._add("concept", t.lower, Position(index, number, n, n))
            if t.lower in function:
                continue
            for m in (n + 1, n + 2):
                if m >= len(tokens) or not usable[m] or not joins[m - 1]:
                    break
                last = tokens[m].lower
                if last in function or len(last) < 3 or (m == n + 2 and tokens[n + 1].lower in function
                                                         and tokens[n + 1].lower not in PHRASE_INNER) or (
                        last.endswith(("ing", "ed")) if not german else last in lower):
                    continue
                self._add("concept", " ".join(tokens[q].lower for q in range(n, m + 1)), Position(index, number, n, m))

    def occurrence(self, position: Position) -> Occurrence:
        paragraph, sents = self.read[position.paragraph]
        sentence, tokens = sents[position.sentence]
        text, i, j = paragraph.text, position.first, position.last
        before = tokens[i - 1].lower if i > 0 else ""
        after = tokens[j + 1] if j + 1 < len(tokens) else None
        gap_after = text[tokens[j].end:after.start] if after is not None else ""
        return Occurrence(
            paragraph, sentence, _surface(text, tokens, i, j), tokens[i].at_start, before, after.lower if after else "",
            tokens[j].possessive, after is not None and not after.capital and PLAIN_GAP.match(gap_after) is not None
            and after.lower not in self.function,
            YEAR_AFTER.match(text, tokens[j].end, tokens[j].end + 12) is not None)

    def _add(self, kind: str, key: str, position: Position) -> None:
        phrase = self.phrases.get((kind, key))
        if phrase is None:
            phrase = self.phrases[(kind, key)] = Phrase(key, kind)
        phrase.positions.append(position)


def _surface(text: str, tokens: list[Token], i: int, j: int) -> str:
    """The words i..j as written, without a final possessive."""
    surface = text[tokens[i].start:tokens[j].end]
    return surface[:-2] if tokens[j].possessive and surface[-2:-1] in ("'", "’") else surface


def least_keyness(count: int) -> float:
    """How much more frequent than in ordinary prose a concept must be (a power of ten)."""
    return 2.0 if count == 1 else 1.0


def least_count(words: int, size: int) -> int:
    """How often a concept must occur to be a candidate: a short essay may name one once, a phrase
    or a word in a book must come back."""
    return 1 if size == 1 and words < 10_000 else 2 if words < 50_000 else 3


def fold(text: str) -> str:
    """A spelling as candidates and entries are compared: case, apostrophes, possessives, hyphens and
    a final English plural folded ("Workers’ state" = "workers state"; "Soviets" = "soviet")."""
    words = re.sub(r"['’]s\b|['’]", "", text.casefold()).replace("-", " ").split()
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-3] + "y" if words[-1].endswith("ies") and len(words[-1]) > 4 else words[-1][:-1]
    return " ".join(words)
