"""Markdown from web tools, and the title, author and language a text states (fast: no site is built).

Fixture: tests/fixtures/import/web/thoreau-static-site.md: four paragraphs of
tests/fixtures/import/thoreau-civil-disobedience.md (lines 8–15), unchanged, wrapped in the markup a
static-site export and pandoc leave (front matter, {#id .class}, ::: fences, links to the old site's
pages, an empty "Contents" heading), as a page saved from such a site carries it.
"""

from __future__ import annotations

from reading_guide.core.sources import notes_without_sources
from reading_guide.importer.fidelity import fidelity_problems
from reading_guide.importer.language import detect_language, stated_language
from reading_guide.importer.layout import text_pages
from reading_guide.importer.markup import clean_line, front_matter
from reading_guide.importer.parse import parse_text, read_text

from conftest import ROOT

WEB = ROOT / "tests" / "fixtures" / "import" / "web" / "thoreau-static-site.md"


def test_front_matter_gives_title_author_and_year_and_is_not_text():
    text = read_text(WEB)
    assert (text.title, text.metadata.author, text.metadata.year, text.metadata.language) == (
        "Civil Disobedience", "Henry David Thoreau", "1849", "en-US")
    assert text.dropped[0].first_line == 1 and text.dropped[0].last_line == 9
    assert text.dropped[0].what == "front matter (title, author, date, language)"
    assert not any("layout" in p or "permalink" in p for c in text.chapters for p in c.paragraphs)


def test_pandoc_attributes_fences_and_links_to_missing_pages_are_made_plain_and_reported():
    text = read_text(WEB)
    page = next(iter(text_pages(text).values()))
    assert "{#" not in page and "{." not in page and ":::" not in page
    assert "](../glossary/government.html)" not in page and "](part-2.md)" not in page
    assert "This American government--what is it" in page and "See the next part and" in page
    assert "[a review](https://example.org/review)" in page  # a link to another site stays a link
    assert any("a link to 'part-2.md', a page not in the guide (its words kept): line 21" in n for n in text.notes)
    assert fidelity_problems(WEB, text_pages(text)) == []


def test_no_empty_section_or_chapter_is_made():
    text = read_text(WEB)
    assert text.chapters[0].sections == ("The government", "The majority")  # "Contents" had nothing under it
    assert "Contents" in text.chapters[0].paragraphs
    lone = parse_text("# One\n\n# Two\n\nA paragraph of the text, long enough to be prose.\n\n# Three\n\n"
                      "# Four\n\nAnother paragraph of the text.\n", "t.md", markdown=True)
    # "One" has nothing under it and nothing before it: it joins the next title; "Three" ends the chapter before
    assert [c.title for c in lone.chapters] == ["One: Two", "Four"]
    assert lone.chapters[0].paragraphs[-1] == "Three"
    assert any("the heading 'Three' has no text under it" in n for n in lone.notes)


def test_clean_line_and_front_matter_units():
    assert clean_line("## Title {#t .x data-y=\"1\"}") == ("## Title", ["pandoc attributes ({#id .class})"])
    assert clean_line("[small caps]{.smallcaps} and [x](#anchor)")[0] == "small caps and [x](#anchor)"
    assert clean_line("![a map](map.png)") == ("![a map](map.png)", [])  # copied by the import (images.py)
    assert front_matter(["+++", 'title = "T"', 'author = "A"', "+++", "text"]) == (4, {"title": "T", "author": "A"})
    assert front_matter(["% The Title", "% An Author", "% 1900", "", "text"]) == (
        3, {"title": "The Title", "author": "An Author", "date": "1900"})
    assert front_matter(["---", "not: [closed", "---"]) == (0, {})


def test_the_language_is_read_from_the_text_or_its_metadata():
    german = ("Die Geschichte aller bisherigen Gesellschaft ist die Geschichte von Kämpfen, und das ist nicht "
              "neu; sie wird auch in dem Buch, das wir lesen, mit den Worten der Zeit erzählt.")
    english = "The history of all hitherto existing society is the history of struggles, and that is not new."
    assert detect_language(german) == "de" and detect_language(english) == "en"
    assert [stated_language(s) for s in ("German", "de-DE", "Deutsch", "English", "en-US", "French")] == [
        "de", "de", "de", "en", "en", ""]


def test_a_german_note_may_name_its_source_with_quelle():
    chapter = "Text.[^a] Mehr.[^b]\n\n[^a]: **Kontext.** Erklärt. Quelle: Ein Buch (Verlag, 1990).\n\n[^b]: Ohne.\n"
    problems = notes_without_sources(chapter, "c.md")
    assert len(problems) == 1 and "[^b]" in problems[0] and "'Quelle:'" in problems[0]
