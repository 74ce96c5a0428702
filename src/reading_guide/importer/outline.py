"""The outline of an imported text as the corpus scorer reads it: parts, chapters and sections in order.

Pure (standard library only). `reading-guide new/import --outline-json FILE` writes it.
"""

from __future__ import annotations

import json
from pathlib import Path

from .parse import Text


def outline_of(text: Text) -> list[dict[str, str]]:
    """[{"level": "part" | "chapter" | "section", "title": ...}, ...] in the order of the text."""
    outline: list[dict[str, str]] = []
    part = None
    for chapter in text.chapters:
        if chapter.part is not None and chapter.part != part:
            part = chapter.part
            outline.append({"level": "part", "title": part.title})
        outline.append({"level": "chapter", "title": chapter.title})
        outline += [{"level": "section", "title": section} for section in chapter.sections]
    return outline


def write_outline(text: Text, target: Path) -> str:
    """Write the outline as JSON; the report's line."""
    target.write_text(json.dumps(outline_of(text), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return f"Outline written to {target}"
