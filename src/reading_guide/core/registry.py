"""What the chapters tell one build, collected as they are converted: each chapter's number, title and
discussion questions, a part's own page, and where every term occurs. Pure: the MkDocs adapter and the
engine-neutral compile step (reading_guide.compile) both fill one of these, one page at a time.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from .chapters import ReadingKey, reading_key
from .linker import Occurrence
from .pages import Place
from .questions import ChapterQuestions, questions_section


@dataclass
class ChapterRegistry:
    article_class: str = "article"
    chapters: dict[str, str] = field(default_factory=dict)  # chapter number -> src_uri
    part_pages: dict[str, str] = field(default_factory=dict)  # src_uri of a part's own text -> the chapter it opens
    titles: dict[str, str] = field(default_factory=dict)  # src_uri -> page title (text)
    questions: dict[str, str] = field(default_factory=dict)  # chapter src_uri -> its questions (Markdown)
    places: dict[str, list[Place]] = field(default_factory=dict)  # slug -> paragraphs
    stray_articles: set[str] = field(default_factory=set)  # pages with an article block but no chapter (warned)
    outside_chapters: set[str] = field(default_factory=set)  # slugs found in those: not "occurs nowhere" too
    _order: dict[str, ReadingKey] | None = None  # chapter_order(), once every chapter is known

    def add_chapter(self, src: str, chapter: str, markdown: str, questions_heading: str) -> str | None:
        """A chapter's number and questions; the error message if another chapter has its number."""
        other = self.chapters.setdefault(chapter, src)
        if other != src:
            return f"docs/{src}: chapter number {chapter} is already used by docs/{other}; give each chapter its own number"
        if (questions := questions_section(markdown, questions_heading)) is not None:
            self.questions[src] = questions
        return None

    def add_part_page(self, src: str, opens: str) -> str:
        """A part's own page, before chapter `opens`: the number its paragraphs take ("p3-0-2"). Two parts can
        stand before one chapter (a work with no chapters, then the next work's preface): the second page's
        paragraphs are "p3-0b-2", and pages are met in the order of their file names."""
        earlier = sum(1 for other, before in self.part_pages.items() if before == opens and other != src)
        self.part_pages[src] = opens
        return f"{opens}-0" + ("" if not earlier else chr(ord("a") + earlier))

    def record(self, src: str, title: str, chapter: str | None, anchors: list[str],
               occurrences: list[Occurrence]) -> list[str]:
        """What a page just converted contributed (`title` as HTML, escaped text); warnings."""
        self.titles[src] = html.unescape(title)
        if chapter is None:
            if src in self.stray_articles:
                self.outside_chapters.update(slug for slug, _ in occurrences)
            return []
        warnings = []
        if not anchors:
            warnings.append(f"docs/{src}: a chapter (front matter 'chapter: {chapter}') with no paragraphs "
                            f"inside <div class=\"{self.article_class}\" markdown>")
        for slug, anchor in dict.fromkeys(occurrences):  # a paragraph naming a term twice is one place
            if anchor is not None:
                self.places.setdefault(slug, []).append(Place(self.titles[src], src, anchor))
        return warnings

    def chapter_order(self) -> dict[str, ReadingKey]:
        """src_uri -> sort key, for every chapter: pages are listed by chapter number, not file name.
        Made once, when it is first asked for: every chapter is converted by then."""
        if self._order is None:
            self._order = {src: reading_key(number, None) for number, src in self.chapters.items()}
            self._order.update({src: reading_key(None, opens) for src, opens in self.part_pages.items()})
        return self._order

    def sorted_places(self, slug: str) -> list[Place]:
        order = self.chapter_order()
        return sorted(self.places.get(slug, []), key=lambda p: (order[p.page_src], int(p.number)))

    def chapter_questions(self) -> list[ChapterQuestions]:
        order = self.chapter_order()
        # the title as the page's HTML holds it (escaped text): it goes into the page's Markdown
        return [ChapterQuestions(src, html.escape(self.titles.get(src, src), quote=False), self.questions[src])
                for src in sorted(self.questions, key=order.__getitem__)]
