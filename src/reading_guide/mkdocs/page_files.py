"""The guide's own pages, checked in on_files before MkDocs reads any of them (core/page_check.py):
encodings, front matter, chapter numbers, article blocks outside chapters, hidden pages."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.structure.files import Files

from ..core.glossary import Problem
from ..core.page_check import check_page


def check_pages(files: Files, docs_dir: str, article_class: str) -> tuple[list[Problem], dict[str, str], set[str]]:
    """Every problem of the authored pages, each chapter's number by src_uri, and the pages that are no
    chapter but hold an article block."""
    problems: list[Problem] = []
    chapters: dict[str, str] = {}
    stray: set[str] = set()
    for file in files.documentation_pages():
        if file.generated_by or file.abs_src_path is None:
            continue
        checked = check_page(f"docs/{file.src_uri}", Path(file.abs_src_path).read_bytes(), article_class)
        problems += checked.problems
        if checked.chapter is not None:
            chapters[file.src_uri] = checked.chapter
        if checked.stray_article:
            stray.add(file.src_uri)
    return problems + hidden_pages(Path(docs_dir)), chapters, stray


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
