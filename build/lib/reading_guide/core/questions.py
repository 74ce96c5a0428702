"""The discussion questions of every chapter gathered on one printable page.

Pure: reads the chapters' Markdown, writes the page's Markdown.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .strings import Strings


@dataclass(frozen=True)
class ChapterQuestions:
    src: str  # docs-relative path of the chapter
    title: str
    questions: str  # the Markdown of the chapter's questions section


def questions_section(markdown: str, heading: str) -> str | None:
    """The body of the `## <heading>` section: up to the next heading or the footnote definitions."""
    lines = markdown.splitlines()
    for number, line in enumerate(lines):
        if line.strip().lstrip("#").strip() == heading and line.startswith("## "):
            body = []
            for following in lines[number + 1:]:
                if following.startswith("#") or following.startswith("[^"):
                    break
                body.append(following)
            return "\n".join(body).strip() or None
    return None


def render_questions_page(chapters: list[ChapterQuestions], page_src: str, strings: Strings) -> str:
    """The page of every chapter's questions, in the order given (the chapters' order)."""
    here = posixpath.dirname(page_src) or "."
    lines = [f"# {strings.questions}", "", strings.questions_intro if chapters else strings.no_questions, ""]
    for chapter in chapters:
        href = posixpath.relpath(chapter.src, here)
        lines += [f"## [{chapter.title}]({href})", "", chapter.questions, ""]
    return "\n".join(lines)
