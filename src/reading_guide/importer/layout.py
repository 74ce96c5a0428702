"""Where an imported text's pages go: their files, and the text's entries in the navigation."""

from __future__ import annotations

import json

from .parse import Text, part_file_name, render_chapter, render_part

NavItem = str | tuple[str, list[str]]  # a chapter file, or a part's title with its files
GENERATED = "made by the import: a forced re-import rewrites it unless this mark is removed"


def yaml_text(value: str) -> str:
    """`value` as one double-quoted YAML scalar (JSON's escapes), on one line whatever it holds: YAML
    also breaks lines at U+0085, U+2028 and U+2029, so a file name or title could add keys."""
    quoted = json.dumps(value, ensure_ascii=False)
    return quoted.replace("\x85", "\\x85").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def text_pages(text: Text, article_class: str = "article") -> dict[str, str]:
    """Every page of the text (file name in docs/chapters/ -> Markdown), parts' own text included."""
    pages = {chapter.file_name: render_chapter(chapter, text.markdown, article_class) for chapter in text.chapters}
    pages.update({part_file_name(p): render_part(p, text.markdown, article_class) for p in text.parts if p.blocks})
    return pages


def nav_items(text: Text) -> list[NavItem]:
    """The text's navigation: chapters outside parts at the top, each part a section (its own page first)."""
    items: list[NavItem] = []
    sections: dict[int, list[str]] = {}
    for chapter in text.chapters:
        if chapter.part is None:
            items.append(chapter.file_name)
            continue
        if chapter.part.number not in sections:
            sections[chapter.part.number] = [part_file_name(chapter.part)] if chapter.part.blocks else []
            items.append((chapter.part.title, sections[chapter.part.number]))
        sections[chapter.part.number].append(chapter.file_name)
    return items


def nav_lines(items: list[NavItem], indent: str) -> list[str]:
    lines = []
    for item in items:
        if isinstance(item, str):
            lines.append(f"{indent}- chapters/{item}\n")
        else:
            lines.append(f"{indent}- {yaml_text(item[0])}:\n")
            lines += [f"{indent}    - chapters/{name}\n" for name in item[1]]
    return lines
