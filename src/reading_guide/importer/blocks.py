"""Blocks that are not prose: verse, tables, lists and indented or preformatted text.

Pure (standard library only). Such a block keeps its lines, its layout and all its words as one
block; it is never unwrapped into a paragraph or cut into one-line paragraphs.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable

LIST_ITEM = re.compile(r"^\s*(?:[-*+•–]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\((?:[ivxlc]+|[IVXLC]+)\))\s+\S")
PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
COLUMN_GAP = re.compile(r"[^\s.!?:;,]( {2,}|\t)\S")
VERSE_START = re.compile(r"^[\W_]*[A-Z0-9ÀÉÈÂÎÔÙÇ]")


def typical_width(lines: list[str]) -> int:
    """How wide the text's prose lines run: about 70 when hard-wrapped, a paragraph's length when not."""
    long = [len(s) for s in lines if len(s.strip()) > 40]
    return int(statistics.median(long)) if long else 80


def block_kind(lines: list[str], markdown: bool, width: int) -> str:
    """"paragraph", or the kind of non-prose block: "table", "list", "preformatted" or "verse"."""
    if len(lines) < 2:
        return "paragraph"
    if any(PIPE_RULE.match(s) for s in lines[1:2]) and all("|" in s for s in lines):
        return "table"
    if all(s.startswith(("    ", "\t")) for s in lines):
        return "preformatted"
    # A gap never spans a line end, so one search of the block rules out most blocks (prose) at once.
    if not markdown and COLUMN_GAP.search("\n".join(lines)):
        gaps = sum(bool(COLUMN_GAP.search(s.strip())) for s in lines)
        if gaps >= 2 and gaps * 2 >= len(lines):
            return "table"
    if all(LIST_ITEM.match(s) for s in lines):
        return "list"
    longest = max(len(s.strip()) for s in lines)
    if longest <= 80 and longest <= 0.75 * width and all(VERSE_START.match(s.strip()) for s in lines):
        return "verse"
    return "paragraph"


def render_block(kind: str, lines: list[str], markdown: bool, escape: Callable[[str], str]) -> str:
    """A non-prose block as page Markdown: its lines kept (escaped for plain text), with their layout."""
    if kind in ("table", "preformatted") and not markdown:
        margin = min(len(s) - len(s.lstrip()) for s in lines)
        return "\n".join("    " + s[margin:] for s in lines)  # a code block: columns stay aligned
    if markdown and kind != "verse":
        return "\n".join(lines)  # Markdown renders its own tables, lists and code blocks
    margin = min(len(s) - len(s.lstrip()) for s in lines)
    shown = [("\u00a0" * (len(s) - len(s.lstrip()) - margin)) + (s.strip() if markdown else escape(s.strip()))
             for s in lines]
    return "<br>\n".join(shown) + f"\n{{: .{kind} }}"


def page_words(markdown_text: str) -> str:
    """The text of rendered blocks without the markup render_block adds (line breaks and the class line)."""
    text = re.sub(r"<br>$", "", markdown_text, flags=re.M)
    return re.sub(r"^\{: \.(?:verse|list) \}$", "", text, flags=re.M)
