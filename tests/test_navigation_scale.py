"""A long book's navigation stays small (issue 24): the import groups long runs of chapters, the
guides prune the navigation, and a chapter page of a large guide stays under 80 KB."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reading_guide.importer.layout import FLAT_NAV, NavItem, nav_items
from reading_guide.importer.parse import Chapter, Text, parse_text
from reading_guide.importer.scaffold import new_guide

from conftest import build_site, soup

PAGE_LIMIT = 80 * 1024  # issue 24: a chapter page at 1M words


def flat(items: list[NavItem]) -> list[str]:
    return [f for item in items for f in ([item] if isinstance(item, str) else flat(item[1]))]


def lists(items: list[NavItem]) -> list[list[NavItem]]:
    """Every list of the navigation: the top one and each group's."""
    return [items] + [inner for item in items if isinstance(item, tuple) for inner in lists(item[1])]


def numbered(count: int) -> Text:
    width = len(str(count))
    chapters = tuple(Chapter(n, f"Chapter {n}", ("Words.",), width=width) for n in range(1, count + 1))
    return Text("A book", True, chapters, markdown=True)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=2500))
def test_chapters_without_parts_are_grouped_only_above_the_threshold_and_named_by_first_and_last(count):
    text = numbered(count)
    items = nav_items(text)
    assert flat(items) == [c.file_name for c in text.chapters]  # every chapter, in order, once
    if count <= FLAT_NAV:
        assert items == [c.file_name for c in text.chapters]
        return
    assert all(len(group) <= FLAT_NAV for group in lists(items))  # no list a reader scrolls through
    grouped = [group for group in lists(items) if any(isinstance(i, tuple) for i in group)]
    assert grouped and all(len(group) <= 11 for group in grouped)  # by tens, hundreds, ... (a last chapter alone)
    assert all(sum(isinstance(i, str) for i in group) <= 1 for group in grouped)
    for item in (i for group in lists(items) for i in group if isinstance(i, tuple)):
        files = flat(item[1])
        first, last = int(files[0].split("-")[0]), int(files[-1].split("-")[0])
        assert item[0] == f"Chapters {first}–{last}"
    first: NavItem = items[0]
    while isinstance(first, tuple) and isinstance(first[1][0], tuple):
        first = first[1][0]
    assert first == ("Chapters 1–10", [c.file_name for c in text.chapters[:10]])  # by tens at the bottom
    assert all(len(flat(i[1])) > 1 for group in lists(items) for i in group if isinstance(i, tuple))  # no group of one


def long_book(chapters: int, words: int) -> Text:
    sentence = "The committee met again in the evening and the argument went on about bread and land. "
    body = (sentence * (words // len(sentence.split()) + 1)).strip()
    source = "\n".join(f"# Chapter {n}\n\n{body}\n" for n in range(1, chapters + 1))
    return parse_text(source, "long.md", markdown=True)


@pytest.mark.slow
def test_a_chapter_page_of_a_long_imported_book_stays_small(tmp_path, monkeypatch):
    """400 chapters: a flat navigation put 400 links on every page (134 KB a page); grouped by the
    import and pruned by the template, a page lists its own group and the groups' titles."""
    monkeypatch.setenv("GUIDE_BOOKS", "0")
    text = long_book(400, 300)
    source = tmp_path / "long.md"
    source.write_text("\n".join(f"# {c.title}\n\n{c.paragraphs[0]}\n" for c in text.chapters), encoding="utf-8")
    folder = tmp_path / "guide"
    new_guide(text, source, folder)
    site = build_site(folder / "mkdocs.yml", tmp_path / "site")
    pages = sorted((site / "chapters").glob("*.html"))
    assert len(pages) == 400
    sizes = {page.name: page.stat().st_size for page in pages}
    assert max(sizes.values()) <= PAGE_LIMIT, max(sizes.items(), key=lambda kv: kv[1])
    links = soup(pages[200]).select("nav.md-nav--primary a.md-nav__link[href]")
    assert len(links) < 60, len(links)  # its own ten chapters and the groups around it, not 400
