"""The outline of an imported text as the corpus scorer reads it: parts, chapters and sections in order.

Pure (standard library only). `reading-guide new/import --outline-json FILE` writes it.
"""

from __future__ import annotations

import json
from pathlib import Path

from .pages import Text, in_order
from .structure import Part


def outline_of(text: Text) -> list[dict[str, str]]:
    """[{"level": "part" | "chapter" | "section", "title": ...}, ...] in the order of the text."""
    outline: list[dict[str, str]] = []
    for item in in_order(text):
        if isinstance(item, Part):
            outline.append({"level": "part", "title": item.title})
            continue
        outline.append({"level": "chapter", "title": item.title})
        outline += [{"level": "section", "title": section} for section in item.sections]
    return outline


def write_outline(text: Text, target: Path) -> str:
    """Write the outline as JSON; the report's line."""
    target.write_text(json.dumps(outline_of(text), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return f"Outline written to {target}"
