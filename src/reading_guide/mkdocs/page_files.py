"""The guide's own pages, checked in on_files before MkDocs reads any of them (core/page_check.py):
encodings, front matter, chapter numbers, article blocks outside chapters, hidden pages."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import Files

from ..core.glossary import Problem
from ..core.page_check import check_page, hidden_pages


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
