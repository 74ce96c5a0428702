"""What a guide says about itself for citing (core.citation): never an invented author or date."""

from __future__ import annotations

from reading_guide.core.citation import CiteFacts, book_example, head_tags
from reading_guide.core.strings import ENGLISH, GERMAN


def test_a_chapter_without_a_known_author_or_address_names_neither():
    tags = dict(head_tags(CiteFacts(title="A Guide", date="2026-01-02"), "Chapter one", ""))
    assert tags["citation_title"] == tags["DC.title"] == "Chapter one"
    assert tags["citation_inbook_title"] == "A Guide"
    assert tags["citation_online_date"] == "2026/01/02" and tags["DC.date"] == "2026-01-02"
    assert not {"citation_author", "DC.creator", "citation_public_url", "DC.identifier"} & set(tags)


def test_a_known_author_and_address_are_in_the_tags():
    facts = CiteFacts(title="Civil Disobedience", author="Henry David Thoreau", language="en")
    tags = dict(head_tags(facts, "Resistance", "https://o.github.io/g/chapters/1.html"))
    assert tags["citation_author"] == tags["DC.creator"] == "Henry David Thoreau"
    assert tags["citation_public_url"] == tags["DC.identifier"] == "https://o.github.io/g/chapters/1.html"
    assert "citation_online_date" not in tags  # no date known, none made up


def test_the_books_how_to_cite_sentence():
    facts = CiteFacts(title="A Guide", version="Version of 2026-01-02 abc1234", site_url="https://o.github.io/g/")
    english = book_example(facts, ENGLISH.reader)
    assert english.endswith("A Guide. Version of 2026-01-02 abc1234. Chapter 3, paragraph 2. https://o.github.io/g/")
    assert "3.2 is chapter 3, paragraph 2" in english
    assert "Kapitel 3, Absatz 2" in book_example(facts, GERMAN.reader)
    assert book_example(CiteFacts(title="What went wrong?", author="J. Holloway Jr."), ENGLISH.reader).endswith(
        "J. Holloway Jr. What went wrong? Chapter 3, paragraph 2.")
