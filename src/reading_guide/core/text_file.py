"""What a file's bytes look like when they are not UTF-8: one home for the guess, used by the
import (importer/encoding.py) and by the check of a guide's pages (core/page_check.py)."""

from __future__ import annotations

import codecs

HOW_TO_SAVE = ("open it in a text editor and save it as UTF-8 (Notepad: File > Save as, Encoding: UTF-8; "
               "TextEdit: Format > Make Plain Text, then save as Unicode (UTF-8))")
UTF32_BOMS = [(codecs.BOM_UTF32_LE, "UTF-32 (little-endian, with a byte-order mark)"),
              (codecs.BOM_UTF32_BE, "UTF-32 (big-endian, with a byte-order mark)")]
UTF16_BOMS = [(codecs.BOM_UTF16_LE, "UTF-16 (little-endian, with a byte-order mark)"),
              (codecs.BOM_UTF16_BE, "UTF-16 (big-endian, with a byte-order mark)")]


def _mostly_zero(sample: bytes) -> bool:
    return bool(sample) and sample.count(0) > 0.8 * len(sample)


def wide_encoding(data: bytes) -> str | None:
    """"UTF-32 …" or "UTF-16 …" when the bytes look like one (by a byte-order mark, or by the zero bytes
    that Latin letters leave in them), else None."""
    for bom, label in UTF32_BOMS:  # before UTF-16: UTF-32 LE's mark begins with UTF-16 LE's
        if data.startswith(bom):
            return label
    for bom, label in UTF16_BOMS:
        if data.startswith(bom):
            return label
    head = data[:400]
    if len(head) >= 8 and all(_mostly_zero(head[i::4]) for i in (1, 2, 3)):
        return "UTF-32 (little-endian, without a byte-order mark)"
    if len(head) >= 8 and all(_mostly_zero(head[i::4]) for i in (0, 1, 2)):
        return "UTF-32 (big-endian, without a byte-order mark)"
    if _mostly_zero(head[1::2]) or _mostly_zero(head[0::2]):
        return "UTF-16 (without a byte-order mark)"
    return None


def not_utf8(data: bytes) -> tuple[int | None, str] | None:
    """None for UTF-8; else (line, what the bytes look like and how to save them as UTF-8)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        if (wide := wide_encoding(data)) is not None:
            return None, f"looks like {wide}, not UTF-8; {HOW_TO_SAVE}"
        if b"\0" in data:
            return (data[:data.index(b"\0")].count(b"\n") + 1,
                    "a binary file (PDF, Word, image?), not text; save the text as plain text (UTF-8)")
        line = data[:err.start].count(b"\n") + 1
        return line, f"not UTF-8 (byte 0x{data[err.start]:02X}: Latin-1 or Windows-1252?); {HOW_TO_SAVE}"
    if "\0" in text and (wide := wide_encoding(data)) is not None:  # UTF-16/32 of plain ASCII is valid UTF-8
        return None, f"looks like {wide}, not UTF-8; {HOW_TO_SAVE}"
    return None
