"""Search that finds the entry first: post-processing Material's search index.

Pure Python (standard library only). Material's search is lunr in a web worker: every typed word
becomes a prefix query ("stalin" matches "stalin", "stalinism", ...), scored by BM25 without
length normalisation, per field, times the field's boost. Nothing in the query says "this is a
whole term". So each entry's page gets one more field, invisible in the results, that holds its
spellings, with a boost far above the title's; and where another entry's spellings share the
query's words ("Soviet" in "Dissolution of the Soviet Union", "stalin" in "stalinism"), the entry
gets extra tokens that only its own words begin ("stalin·1"): unique tokens weigh most in BM25,
and a longer word ("stalinism") never begins with them. Which tokens are needed is worked out
here by scoring that field as lunr does, for every term and alias of every entry.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from .html_text import text_parts

FIELD = "spellings"
BOOST = 1e8  # far above Material's title (1e3) and tags (1e6): the entry's own words decide first
MARK = "\u00b7"  # joins a word to a counter in the extra tokens: "stalin·1"; nobody types it
MARGIN = 1.25  # the entry must score this much above the next, so that small differences in
#                tokenising the other fields (which only shift idf) cannot turn the order
MAX_EXTRA = 400  # extra tokens per entry at most: a bound on the search, never reached here
# lunr's English stop words (lunr.stopWordFilter): removed from the index, never from wildcard queries.
STOP_WORDS = frozenset([
    "a", "able", "about", "across", "after", "all", "almost", "also", "am", "among", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "but", "by", "can", "cannot", "could", "dear", "did", "do", "does", "either", "else", "ever",
    "every", "for", "from", "get", "got", "had", "has", "have", "he", "her", "hers", "him", "his", "how", "however", "i",
    "if", "in", "into", "is", "it", "its", "just", "least", "let", "like", "likely", "may", "me", "might", "most", "must",
    "my", "neither", "no", "nor", "not", "of", "off", "often", "on", "only", "or", "other", "our", "own", "rather", "said",
    "say", "says", "she", "should", "since", "so", "some", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "tis", "to", "too", "twas", "us", "wants", "was", "we", "were", "what", "when", "where", "which", "while",
    "who", "whom", "why", "will", "with", "would", "yet", "you", "your",
])
APOSTROPHES = str.maketrans({"\u2019": "'", "'": "\u2019"})


@dataclass(frozen=True)
class EntryPage:
    location: str  # the page's URL in the search index: "glossary/soviet.html"
    spellings: tuple[str, ...]  # its term and aliases


class Clause(NamedTuple):
    term: str
    prefix: bool  # a trailing wildcard: the last part of a typed word


def rank_entries_first(index: dict[str, Any], entries: Iterable[EntryPage]) -> list[str]:
    """Add the spellings field to `index` (search_index.json, parsed), in place.

    Returns the spellings for which, by lunr's scoring of that field, the entry would still not
    come first (an empty list unless the glossary has two entries with the same words).
    """
    entries = [e for e in entries if e.spellings]
    config = index.setdefault("config", {})
    separator = re.compile(config.get("separator") or r"[\s\-]+")
    stop = STOP_WORDS if "stopWordFilter" in config.get("pipeline", ["stopWordFilter"]) else frozenset()
    docs = {doc.get("location"): doc for doc in index.get("docs", [])}
    entries = [e for e in entries if e.location in docs]

    own = {e.location: _own_tokens(e.spellings, separator, stop) for e in entries}
    df = _document_frequencies(index.get("docs", []), separator, set().union(*own.values()))
    owners: dict[str, set[str]] = {}  # token -> the entries whose spellings have it
    for location, tokens in own.items():
        for token in tokens:
            df[token] = df.get(token, 0) + 1
            owners.setdefault(token, set()).add(location)
    count = len(index.get("docs", []))
    unique_idf = _idf(1, count)
    idf = {token: _idf(df[token], count) for token in owners}
    queries = [(e.location, form, query_clauses(form, separator)) for e in entries for form in e.spellings]
    # Every token a wildcard word can reach: the entries' own tokens, and the words themselves
    # (extra tokens "word·n" begin with the word, and nothing else a query types begins them).
    vocabulary = sorted(set(owners) | {term for _, _, clauses in queries for term, prefix in clauses if prefix})
    reach: dict[str, list[str]] = {}

    def reached(term: str) -> list[str]:
        if term not in reach:
            low = bisect.bisect_left(vocabulary, term)
            reach[term] = vocabulary[low:bisect.bisect_left(vocabulary, term + "\U0010ffff", low)]
        return reach[term]

    extra: dict[str, dict[str, int]] = {e.location: {} for e in entries}  # location -> word -> extra tokens
    extra_owners: dict[str, set[str]] = {}

    def add_extra(location: str, word: str) -> None:
        extra[location][word] = extra[location].get(word, 0) + 1
        extra_owners.setdefault(word, set()).add(location)

    def scores(clauses: list[Clause]) -> dict[str, float]:
        """The spellings field's score of every entry that matches the query at all (lunr's
        BM25 with b = 0; every token occurs once, so its weight is its idf)."""
        totals: dict[str, float] = {}
        for term, prefix in clauses:
            for token in (reached(term) if prefix else [term]):
                for location in owners.get(token, ()):
                    totals[location] = totals.get(location, 0.0) + idf[token]
                if prefix:
                    for location in extra_owners.get(token, ()):
                        totals[location] = totals.get(location, 0.0) + unique_idf * extra[location][token]
        return totals

    def weight(location: str, term: str) -> int:
        return sum((location in owners.get(t, ())) + extra[location].get(t, 0) for t in reached(term))

    for location, _, clauses in queries:  # every wildcard word matches something of the entry itself
        for term, prefix in clauses:
            if prefix and not any(location in owners.get(t, ()) for t in reached(term)) and term not in extra[location]:
                add_extra(location, term)
    failures: dict[str, str] = {}
    for _ in range(50):  # a fixed point: extra tokens for a word only touch queries for its beginnings
        changed = False
        for location, form, clauses in queries:
            words = [term for term, prefix in clauses if prefix]
            while True:
                totals = scores(clauses)
                mine = totals.pop(location, 0.0)
                rival = max(totals, key=totals.__getitem__, default=None)
                if rival is None or mine > totals[rival] * MARGIN:
                    failures.pop(form, None)
                    break
                if not words or sum(extra[location].values()) >= MAX_EXTRA:
                    failures[form] = location
                    break
                # extra tokens for the word on which the rival scores least help most
                add_extra(location, min(words, key=lambda term: (weight(rival, term), -len(term))))
                changed = True
        if not changed:
            break

    config.setdefault("fields", {})[FIELD] = {"boost": BOOST}
    for entry in entries:
        field_tokens = sorted(own[entry.location]) + [f"{word}{MARK}{n}" for word, count in sorted(extra[entry.location].items())
                                                     for n in range(1, count + 1)]
        docs[entry.location][FIELD] = " ".join(field_tokens)
    return sorted(failures)


def query_clauses(query: str, separator: re.Pattern[str]) -> list[Clause]:
    """The lunr clauses Material makes of a typed query: each word gets a trailing wildcard, and
    lunr splits words at the separator, the parts before the last matching exactly."""
    clauses: list[Clause] = []
    for word in query.strip().lower().split():
        parts = [p for p in separator.split(word) if p]
        clauses += [Clause(p, False) for p in parts[:-1]] + [Clause(parts[-1], True)] if parts else []
    return clauses


def _own_tokens(spellings: Iterable[str], separator: re.Pattern[str], stop: frozenset[str]) -> set[str]:
    """The index tokens of an entry's spellings, with either apostrophe (readers type both)."""
    tokens: set[str] = set()
    for spelling in spellings:
        for token in separator.split(spelling.lower()):
            if token and token not in stop:
                tokens |= {token, token.translate(APOSTROPHES)}
    return tokens


def _document_frequencies(docs: list[dict[str, Any]], separator: re.Pattern[str], wanted: set[str]) -> dict[str, int]:
    """lunr's document frequency: in how many (document, field) pairs each of the `wanted` tokens
    occurs (the entries' own, never a stop word: no other token's weight is asked for)."""
    df: dict[str, int] = {}
    for doc in docs:
        for name in ("title", "text", "tags"):
            value = doc.get(name)
            if not value:
                continue
            text = " ".join(value) if isinstance(value, list) else _text_of(value)
            for token in wanted.intersection(separator.split(text.lower())):
                df[token] = df.get(token, 0) + 1
    return df


def _idf(documents_with_term: int, count: int) -> float:
    return math.log(1 + abs((count - documents_with_term + 0.5) / (documents_with_term + 0.5)))


def _text_of(html: str) -> str:
    """The words of a field as lunr's tokenizer sees them: Material's fields hold markup."""
    if "<" not in html and "&" not in html:
        return html
    return " ".join(text_parts(html))
