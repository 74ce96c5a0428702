"""Material's lunr index, its words found once at build time instead of in every reader's browser.

Pure Python (standard library only). Material 9.8's search worker builds a lunr.js index from the
documents each time a page opens (4.9 s at a million words): it runs Material's tokenizer over
every field (text split from markup into blocks, words split at the separator, lower-cased, each
word's position `block << 20 | index` kept for the highlighting) and lunr's pipeline. Here the
same words are found, exactly as the browser would find them (`integrations/search/_/index.ts`
and `internal/`), and written compactly: lunr's terms in the order lunr.js numbers them, and each
document's terms with their counts. The worker override (theme/assets/search-worker.js) scores them
with lunr's own formula and Material's settings, inverts them, and makes the positions of the few
documents a search returns with Material's tokenizer.

Why not a serialized lunr index (what the `lunr` package on PyPI writes): it holds every
occurrence's position and repeats every document's location for every term in it, 45 MB for a
million words against 10 MB of documents (this: 4 MB), and a browser takes seconds to read it;
lunr.py's Builder.add also always runs its own tokenizer, so Material's positions cannot come from it.

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


def terms(value: str | list[str], separator: re.Pattern[str], simple: bool = False) -> Iterator[str]:
    """The words of a field in `tokenize`'s order, without their positions (the index needs none)."""
    for text in value if isinstance(value, list) else [value]:
        for _, kind, start, end in extract(text):
            if kind == TEXT:
                yield from words(text[start:end], separator, simple)


Fields = list[list[int] | int]


def build(index: dict[str, Any]) -> dict[str, Any]:
    """What lunr.js needs of the documents of Material's index (search_index.json, parsed) to make
    the index Material's worker would build: lunr's terms, numbered in the order lunr.js meets them
    (its posting._index), and for each document and field the terms it holds with their counts
    (`docs[d][f]` = [term number, count, ...] by term number, 0 for none), and the term numbers in
    JavaScript's string order (`order`). The worker scores them
    with lunr's own code and Material's settings, and inverts them.

    Raises UnsupportedError for a configuration whose index only the browser can build alike."""
    names, numbers, documents = fields_of(index)
    docs = list(documents)  # numbers the terms: read them after
    terms = list(numbers)
    return {"lunr": LUNR_VERSION, "fields": names, "terms": terms, "docs": docs, "order": js_order(terms)}


def fields_of(index: dict[str, Any]) -> tuple[list[str], dict[str, int], Iterator[Fields]]:
    """`build`'s parts: the field names, the terms (filled in as the documents are read), and each
    document's fields in turn, so that a caller can keep them compactly (a large index's lists of
    numbers weigh many times their JSON). Raises UnsupportedError as `build` does, at once."""
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
    numbers: dict[str, int] = {}

    def documents() -> Iterator[Fields]:
        for doc in index.get("docs", []):
            fields: Fields = []
            for name in names:
                value = doc.get(name)
                counts: dict[int, int] = {}
                if value is not None:
                    for term in terms(value, separator, simple):
                        if term in stop:
                            continue
                        number = numbers.setdefault(term, len(numbers))
                        counts[number] = counts.get(number, 0) + 1
                fields.append([n for pair in sorted(counts.items()) for n in pair] or 0)
            yield fields

    return names, numbers, documents()


def js_order(terms: list[str]) -> list[int]:
    """The terms' numbers in JavaScript's string order (by UTF-16 code unit, as lunr's token set
    needs them): sorting 60,000 terms in the reader's browser costs it 0.1 s."""
    return sorted(range(len(terms)), key=lambda number: terms[number].encode("utf-16-be"))
