"""Which characters the PDF book's fonts can show: read from the fonts' own character maps.

Typst shows a character no font has as a blank (with PDF/UA on, it stops with a message naming
neither the page nor what to do). The book's fonts are fonts/ only (a hermetic build), so before
Typst runs, the text is checked against them, and a page whose letters they lack is named.
"""

from __future__ import annotations

import functools
import struct
import unicodedata
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from pathlib import Path

from .model import Book, CodeBlock, Section, Text


@functools.lru_cache(maxsize=8)
def font_characters(font: Path) -> frozenset[int]:
    """The code points a TrueType/OpenType font maps to a glyph (its cmap, format 4 or 12)."""
    data = font.read_bytes()
    tables = {data[12 + 16 * i:16 + 16 * i]: struct.unpack(">II", data[20 + 16 * i:28 + 16 * i])
              for i in range(struct.unpack(">H", data[4:6])[0])}
    cmap = tables[b"cmap"][0]
    records = [struct.unpack(">HHI", data[cmap + 4 + 8 * i:cmap + 12 + 8 * i])
               for i in range(struct.unpack(">H", data[cmap + 2:cmap + 4])[0])]
    found: set[int] = set()
    for platform, encoding, offset in records:
        if (platform, encoding) not in ((3, 1), (3, 10), (0, 3), (0, 4)):
            continue
        table = cmap + offset
        fmt = struct.unpack(">H", data[table:table + 2])[0]
        if fmt == 12:
            for g in range(struct.unpack(">I", data[table + 12:table + 16])[0]):
                start, end, _glyph = struct.unpack(">III", data[table + 16 + 12 * g:table + 28 + 12 * g])
                found.update(range(start, end + 1))
        elif fmt == 4:
            found |= _format4(data, table)
    return frozenset(found)


def _format4(data: bytes, table: int) -> set[int]:
    segments = struct.unpack(">H", data[table + 6:table + 8])[0] // 2
    ends = struct.unpack(f">{segments}H", data[table + 14:table + 14 + 2 * segments])
    at = table + 16 + 2 * segments
    starts = struct.unpack(f">{segments}H", data[at:at + 2 * segments])
    deltas = struct.unpack(f">{segments}h", data[at + 2 * segments:at + 4 * segments])
    range_at = at + 4 * segments
    offsets = struct.unpack(f">{segments}H", data[range_at:range_at + 2 * segments])
    found = set()
    for s, (start, end, delta, offset) in enumerate(zip(starts, ends, deltas, offsets, strict=True)):
        for code in range(start, end + 1):
            if offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                where = range_at + 2 * s + offset + 2 * (code - start)
                glyph = struct.unpack(">H", data[where:where + 2])[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph and code != 0xFFFF:
                found.add(code)
    return found


def _texts(node: object) -> Iterator[str]:
    if isinstance(node, (Text, CodeBlock)):
        yield node.text
    elif isinstance(node, tuple):
        for item in node:
            yield from _texts(item)
    elif is_dataclass(node):
        for f in fields(node):
            value = getattr(node, f.name)
            if isinstance(value, tuple):
                yield from _texts(value)


def script_of(char: str) -> str:
    """A script's name from the character's Unicode name: "CJK", "HIRAGANA", "ARABIC", "DEVANAGARI"..."""
    return unicodedata.name(char, "UNKNOWN").split()[0]


def uncovered(book: Book, fonts: list[Path]) -> tuple[Section, str, list[str]] | None:
    """The first page holding letters or digits no font has: (its section, their script, a few of them)."""
    covered: frozenset[int] = frozenset().union(*(font_characters(f) for f in fonts))
    for section in book.sections:
        for text in [section.title, *_texts(section.blocks)]:
            if text.isascii():
                continue
            missing = [c for c in dict.fromkeys(text) if ord(c) not in covered and unicodedata.category(c)[0] in "LN"]
            if missing:
                script = script_of(missing[0])
                return section, script, [c for c in missing if script_of(c) == script][:5]
    return None
