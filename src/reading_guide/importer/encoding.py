"""Reading the bytes of a text file: which encoding it is in, and a clear message when it is none we read.

Pure (standard library only). UTF-8 with or without a byte-order mark, UTF-16 with one, and
Windows-1252 (what older Windows editors save) are read; CRLF and CR line ends become LF.
"""

from __future__ import annotations

import codecs
import re

from ..core.text_file import wide_encoding
from .errors import TextImportError

BOMS = [(codecs.BOM_UTF8, "utf-8", "UTF-8 with a byte-order mark"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 (little-endian, with a byte-order mark)"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 (big-endian, with a byte-order mark)")]
CP1252_UNDEFINED = b"\x81\x8d\x8f\x90\x9d"  # bytes Windows-1252 leaves unassigned: such a file is not Windows-1252
# Found by the regex engine, not byte by byte in Python: on a 600 KB book that took a tenth of a second.
_UNDEFINED = re.compile(b"[" + re.escape(CP1252_UNDEFINED) + b"]")
_NOT_ASCII = re.compile(b"[\x80-\xff]")
HOW_TO_SAVE = ("open it in a text editor and save it as UTF-8 (Notepad: File > Save as, Encoding: UTF-8; "
               "TextEdit: Format > Make Plain Text, then save as Unicode (UTF-8)), then import again")


def _line(data: bytes, at: int, unit: int = 1) -> int:
    return data[:at].count(b"\n" + b"\0" * (unit - 1)) + 1


def decode(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    """The text (LF line ends, no byte-order mark), the encoding it was read as, and notes on what was converted."""
    if not data.strip():
        raise TextImportError(f"{name}: the file is empty; there is nothing to import")
    notes: list[str] = []
    if (wide := wide_encoding(data)) is not None and wide.startswith("UTF-32"):
        raise TextImportError(f"{name}: looks like {wide}, which the import does not read; {HOW_TO_SAVE}")
    for bom, codec, label in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as err:
                raise TextImportError(f"{name}: begins with the mark of {label} but byte {err.start + len(bom)} "
                                      f"is not {label}; {HOW_TO_SAVE}") from err
            encoding = label
            break
    else:
        if b"\0" in data:
            at = data.index(b"\0")
            if data[1:200:2].count(0) > 0.8 * len(data[1:200:2]) or data[0:200:2].count(0) > 0.8 * len(data[0:200:2]):
                raise TextImportError(f"{name}: looks like UTF-16 without a byte-order mark, which cannot be read "
                                      f"safely; {HOW_TO_SAVE}")
            raise TextImportError(f"{name}, line {_line(data, at)}: a NUL byte; this is a binary file (PDF, Word, image?), "
                                  "not plain text. Save the text as plain text (UTF-8) and import that")
        try:
            text, encoding = data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError as err:
            undefined = _UNDEFINED.search(data)
            if undefined is not None:
                bad = undefined.start()
                raise TextImportError(f"{name}, line {_line(data, err.start)}: neither UTF-8 (byte 0x{data[err.start]:02X}) "
                                      f"nor Windows-1252 (byte 0x{data[bad]:02X} on line {_line(data, bad)}); "
                                      f"{HOW_TO_SAVE}") from err
            text, encoding = data.decode("cp1252"), "Windows-1252"
            beyond = _NOT_ASCII.search(data)  # there is one (ASCII is UTF-8)
            first = beyond.start() if beyond else err.start
            notes.append(f"read as Windows-1252 and converted to UTF-8 (not UTF-8 from line {_line(data, err.start)}; "
                         f"first such character, line {_line(data, first)}: {data[first:first + 1].decode('cp1252')!r}); "
                         "check its accented letters and quotation marks")
    if encoding != "UTF-8" and not notes:
        notes.append(f"read as {encoding}")
    if "\0" in text:
        line = text[:text.index("\0")].count("\n") + 1
        raise TextImportError(f"{name}, line {line}: a NUL character; this is a binary file, not plain text. "
                              "Save the text as plain text (UTF-8) and import that")
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        notes.append(f"line ends: {text.count(chr(13) + chr(10))} CRLF (Windows) read as LF")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise TextImportError(f"{name}: the file is empty; there is nothing to import")
    return text, encoding, tuple(notes)
