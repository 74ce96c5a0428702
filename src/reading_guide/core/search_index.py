"""Material's lunr index, its words found once at build time instead of in every reader's browser.

Pure Python (standard library only). Material 9.8's search worker builds a lunr.js index from the
documents each time a page opens (4.9 s at a million words). Most of that is finding the words:
Material's tokenizer (text split from markup into blocks, words split at the separator,
lower-cased, each word's position `block << 20 | index` kept as metadata, which Material's
highlighting reads) and lunr's pipeline. This module does that part here, exactly as the browser
would (`integrations/search/_/index.ts` and `internal/`); the worker override
(theme/assets/search-worker.js) makes lunr's index from the result with lunr.js's own scoring.

Why not the `lunr` package (lunr.py): its Builder.add always runs its own tokenizer, so Material's
positions cannot be had from it, and a serialized lunr index repeats every document's location
for every term it holds (2.4 MB for our 356 KB index, against 0.6 MB here).

Only the pipeline Material uses for English with our settings (lang `en`, pipeline at most
`stopWordFilter`) is reproduced; for any other (a stemmer, another language's filters) `build`
raises UnsupportedError and the worker builds the index in the browser as before, off the page's thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .search_rank import STOP_WORDS

LUNR_VERSION = "2.3.9"  # the lunr.js bundled in Material 9.8's search worker
# JavaScript's \s (RegExp without the u flag is still Unicode-aware for \s); Python's differs in
# \x1c-\x1f and \x85, so the separator is compiled with this class instead.
JS_SPACE = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
TAG_OPEN, TEXT, TAG_CLOSE = 0, 1, 2


class UnsupportedError(ValueError):
    """A search configuration this module does not reproduce: the browser builds the index."""


def js_separator(pattern: str) -> re.Pattern[str]:
    r"""Material's separator (a JavaScript RegExp source) as a Python pattern that splits alike:
    ASCII \w, \b and \d as in JavaScript, and JavaScript's \s."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            pair = pattern[i:i + 2]
            if pair == "\\s":
                out.append(JS_SPACE if in_class else f"[{JS_SPACE}]")
            elif pair == "\\S":
                if in_class:
                    raise UnsupportedError(f"search separator {pattern!r}: \\S inside a character class")
                out.append(f"[^{JS_SPACE}]")
            else:
                out.append(pair)
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    try:
        return re.compile("".join(out), re.ASCII)
    except re.error as err:
        raise UnsupportedError(f"search separator {pattern!r}: {err}") from err


TAG_CHARS = re.compile("[<>]")


def extract(text: str) -> Iterator[tuple[int, int, int, int]]:
    """Material's `extract`: (block, type, start, end) for the markup and text sections of a field.
    Its loop looks at every character but acts only at `<` and `>`, so only those are visited."""
    block = start = stack = 0
    for match in TAG_CHARS.finditer(text):
        end = match.start()
        if text[end] == "<":
            if end > start:
                yield block, TEXT, start, end
                start = end
            continue
        if text[start + 1:start + 2] == "/":
            stack -= 1
            if stack == 0:
                yield block, TAG_CLOSE, start, end + 1
                block += 1
        elif text[end - 1:end] != "/":
            if stack == 0:
                yield block, TAG_OPEN, start, end + 1
            stack += 1
        start = end + 1
    if len(text) > start:
        yield block, TEXT, start, len(text)


def split(text: str, separator: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """Material's `split`: the non-empty ranges between matches of the separator (a zero-length
    match moves on by one, as its global RegExp loop does)."""
    index = position = 0
    while True:
        match = separator.search(text, position) if position <= len(text) else None
        until = match.start() if match else len(text)
        if index < until:
            yield index, until
        if match is None:
            return
        index = match.end()
        position = match.end() if match.end() > match.start() else match.start() + 1


def words(section: str, separator: re.Pattern[str], simple: bool) -> list[str]:
    """The lower-cased words of a text section, as `split` and Material's toLowerCase give them.
    A separator that cannot match the empty string and has no groups splits alike with re.split,
    much faster; lower-casing first changes no separator character."""
    if simple:
        return [word for word in separator.split(section.lower()) if word]
    return [section[index:until].lower() for index, until in split(section, separator)]


def tokenize(value: str | list[str], separator: re.Pattern[str], simple: bool = False) -> list[tuple[str, int]]:
    """Material's `tokenize`: each word, lower-cased, with its position in the field's table."""
    tokens: list[tuple[str, int]] = []
    lengths: list[int] = []  # entries per block of the table (only their number matters here)
    for text in value if isinstance(value, list) else [value]:
        total = len(lengths)
        for local, kind, start, end in extract(text):
            block = local + total
            while len(lengths) <= block:
                lengths.append(0)
            if kind != TEXT:
                lengths[block] += 1
                continue
            base = block << 20 | lengths[block]
            found = words(text[start:end], separator, simple)
            tokens.extend(zip(found, range(base, base + len(found)), strict=True))
            lengths[block] += len(found)
    return tokens


def simple_separator(separator: re.Pattern[str]) -> bool:
    """Whether re.split splits as Material's loop does: no groups, and no zero-length match. A
    pattern without assertions (lookaround, anchors, word boundaries) that can match nothing
    somewhere can match the empty string too."""
    source = separator.pattern
    return (separator.groups == 0 and separator.search("") is None
            and not any(mark in source for mark in ("(?", "\\b", "\\B", "^", "$")))


def build(index: dict[str, Any]) -> dict[str, Any]:
    """The words of Material's index (search_index.json, parsed) as lunr.js would index them,
    compactly: for each term, in the order lunr.js meets them, its postings as numbers.

    `refs` are the documents' locations in order; `postings[i]` holds, for the term `terms[i]`,
    runs of (field number, document number, count, positions...), field by field and document by
    document as lunr.js fills its inverted index. The worker (search-worker.js) makes lunr's
    inverted index, field vectors and token set from it. Raises UnsupportedError for a configuration
    whose index only the browser can build alike."""
    config = index.get("config") or {}
    langs = config.get("lang") or ["en"]
    pipeline = config.get("pipeline") or []
    if langs != ["en"]:
        raise UnsupportedError(f"search language {', '.join(langs)}: lunr-languages' filters are not reproduced")
    if set(pipeline) - {"stopWordFilter"}:
        raise UnsupportedError(f"search pipeline {', '.join(pipeline)}: only stopWordFilter is reproduced")
    separator = js_separator(config.get("separator") or r"[\s\-]+")
    simple = simple_separator(separator)
    stop = STOP_WORDS if "stopWordFilter" in pipeline else frozenset()
    names = list(config.get("fields") or {})

    docs: list[dict[str, Any]] = index.get("docs", [])
    number: dict[str, int] = {}  # term -> its index (lunr's posting._index)
    postings: list[list[list[int]]] = []  # term -> field -> runs
    for doc_number, doc in enumerate(docs):
        for field_number, name in enumerate(names):
            value = doc.get(name)
            if value is None:
                continue
            found: dict[str, list[int]] = {}
            for term, position in tokenize(value, separator, simple):
                if term in stop:
                    continue
                positions = found.get(term)
                if positions is None:
                    found[term] = positions = []
                    if term not in number:
                        number[term] = len(postings)
                        postings.append([[] for _ in names])
                positions.append(position)
            for term, positions in found.items():
                postings[number[term]][field_number].extend((doc_number, len(positions), *positions))
    return {
        "lunr": LUNR_VERSION,
        "fields": names,
        "refs": [str(doc["location"]) for doc in docs],
        "terms": list(number),
        "postings": [[n for field_number, runs in enumerate(fields) if runs for n in (field_number, len(runs), *runs)]
                     for fields in postings],
    }
