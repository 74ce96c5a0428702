"""The check of a guide's own Markdown pages before MkDocs reads them (pure: no MkDocs here).

MkDocs would stop on a page that is not UTF-8 with a traceback, and print front matter it cannot
read as text (the page silently stops being a chapter). Each problem here names the file and line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .chapters import chapter_number
from .front_matter import FrontMatterError, load_front_matter, nul_line, raw_values, split_front_matter
from .glossary import Problem
from .text_file import not_utf8


@dataclass
class PageCheck:
    problems: list[Problem] = field(default_factory=list)
    chapter: str | None = None  # the chapter number, as the file writes it (`chapter: 010` is 10)
    opens: str | None = None  # a part's own page: the chapter it comes before (`opens_chapter:`)
    stray_article: bool = False  # an article block in a page that is no chapter (warned about)
    meta: dict[str, Any] = field(default_factory=dict)  # the front matter, as YAML reads it
    body: str = ""  # the page after its front matter


def check_page(shown: str, data: bytes, article_class: str) -> PageCheck:
    """`shown`: the file as messages name it (docs/chapters/x.md); `data`: its bytes."""
    result = PageCheck()

    def fail(line: int | None, message: str, is_error: bool = True) -> PageCheck:
        result.problems.append(Problem(shown, line, message, is_error))
        return result

    if (bad := not_utf8(data)) is not None:
        return fail(bad[0], bad[1])
    text = data.decode("utf-8").removeprefix("\ufeff")
    if (line := nul_line(text)) is not None:
        return fail(line, "a NUL character (byte 0), which no text holds: delete it (was it copied from a PDF or "
                          "a binary file?)")
    try:
        parts = split_front_matter(text)
        meta = load_front_matter(parts[0]) if parts is not None else {}
    except FrontMatterError as err:
        return fail(err.line, err.message)
    front = parts[0] if parts is not None else ""
    result.body = parts[1] if parts is not None else text
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return fail(2, "front matter must be YAML fields (chapter: 3, title: ...), not a list or a single value")
    result.meta = meta
    raw = raw_values(front)
    for key in ("chapter", "opens_chapter"):
        if key in meta:
            written, line = raw.get(key, (None, 2))
            try:
                number = chapter_number(meta[key], written)
            except ValueError as err:
                fail(line, str(err).replace("chapter:", f"{key}:", 1))
                continue
            if key == "chapter":
                result.chapter = number
            else:
                result.opens = number
    opening = f'class="{article_class}"'
    if "chapter" not in meta and "opens_chapter" not in meta and opening in text:
        at = text.index(opening)
        result.stray_article = True
        fail(text.count("\n", 0, at) + 1, f"a <div {opening}> block (the text's own words) in a page without "
             "'chapter:' in its front matter: its paragraphs get no numbers, and it is in neither book nor in the "
             "glossary's places; add 'chapter: N' to its front matter, or take the block out",
             is_error=False)
    return result


def hidden_pages(docs_dir: Path) -> list[Problem]:
    """Markdown files MkDocs leaves out as hidden (a name starting with '.', such as '..md')."""
    found = []
    for folder, folders, names in os.walk(docs_dir):
        folders[:] = [f for f in folders if not f.startswith(".")]  # .git and the like: not pages
        for name in sorted(names):
            if name.startswith(".") and name.endswith(".md"):
                shown = "docs/" + (Path(folder) / name).relative_to(docs_dir).as_posix()
                found.append(Problem(shown, None, "a file name starting with '.' is a hidden file, which MkDocs "
                                     "leaves out of the site and the books; rename it (e.g. 03-title.md)"))
    return found
