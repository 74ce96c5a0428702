"""Where an imported text's pages go: their files, and the text's entries in the navigation."""

from __future__ import annotations

import json

from .pages import Text, in_order, part_file_name, render_chapter, render_part
from .structure import Part

NavItem = str | tuple[str, list["NavItem"]]  # a chapter file, or a section's title with its items
# A list of more chapters than this is grouped by tens, hundreds, ... ("Chapters 1–10"), so that the
# navigation on each page (Material's navigation.prune drops groups the reader is not in) stays
# small: a text of 5,000 headings put 5,000 links on each of its 5,000 pages (a 7 GB site).
FLAT_NAV = 50
GENERATED = "made by the import: a forced re-import rewrites it unless this mark is removed"


def yaml_text(value: str) -> str:
    """`value` as one double-quoted YAML scalar (JSON's escapes), on one line whatever it holds: YAML
    also breaks lines at U+0085, U+2028 and U+2029, so a file name or title could add keys."""
    quoted = json.dumps(value, ensure_ascii=False)
    return quoted.replace("\x85", "\\x85").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def text_pages(text: Text, article_class: str = "article") -> dict[str, str]:
    """Every page of the text (file name in docs/chapters/ -> Markdown), parts' own text included."""
    notes = dict(text.author_notes)
    pages = {chapter.file_name: render_chapter(chapter, text.markdown, article_class, notes, text.language or "en")
             for chapter in text.chapters}
    pages.update({part_file_name(p): render_part(p, text.markdown, article_class, notes, text.language or "en")
                  for p in text.parts if p.blocks})
    return pages


def nav_items(text: Text, label: str = "Chapters {first}–{last}") -> list[NavItem]:
    """The text's navigation: chapters outside parts at the top, each part a section (its own page first);
    long runs of chapters in groups (`label`)."""
    items: list[NavItem] = []
    sections: dict[int, list[NavItem]] = {}
    for item in in_order(text):
        if isinstance(item, Part):
            sections[item.number] = [part_file_name(item)] if item.blocks else []
            items.append((item.title, sections[item.number]))
        elif item.part is None:
            items.append(item.file_name)
        else:
            sections[item.part.number].append(item.file_name)
    numbers = {chapter.file_name: chapter.number for chapter in text.chapters}
    return _grouped(items, numbers, label)


def _grouped(items: list[NavItem], numbers: dict[str, int], label: str) -> list[NavItem]:
    """`items` with each long run of chapters (at the top or in a part) in nested groups of 10, 100, ..."""
    out: list[NavItem] = []
    for item in items:
        if isinstance(item, tuple):
            head: list[NavItem] = [f for f in item[1] if isinstance(f, str) and f not in numbers]  # its own page first
            rest = [f for f in item[1] if f not in head]
            out.append((item[0], head + _groups(rest, numbers, label)))
        else:
            out.append(item)
    top = [i for i in out if isinstance(i, str)]
    if len(top) > FLAT_NAV and len(top) == len(out):  # chapters only, no parts
        return _groups(out, numbers, label)
    return out


def _groups(files: list[NavItem], numbers: dict[str, int], label: str) -> list[NavItem]:
    if len(files) <= FLAT_NAV:
        return files
    step = 10
    while len(files) / step > 10:
        step *= 10
    groups: list[NavItem] = []
    for start in range(0, len(files), step):
        chunk = files[start:start + step]
        if len(chunk) == 1:  # a last chapter alone is listed as itself, not as "Chapters 101–101"
            groups.append(chunk[0])
            continue
        first, last = numbers.get(str(chunk[0]), start + 1), numbers.get(str(chunk[-1]), start + len(chunk))
        groups.append((label.format(first=first, last=last), _groups(chunk, numbers, label) if step > 10 else chunk))
    return groups


def nav_lines(items: list[NavItem], indent: str) -> list[str]:
    lines = []
    for item in items:
        if isinstance(item, str):
            lines.append(f"{indent}- chapters/{item}\n")
        else:
            lines.append(f"{indent}- {yaml_text(item[0])}:\n")
            lines += nav_lines(item[1], indent + "    ")
    return lines
