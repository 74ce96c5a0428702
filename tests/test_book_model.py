"""The books without a site build: the pages a build would hand over, read into the model that both
writers print (reading_guide.book.reader.build_book), its words, and which books a build writes."""

from __future__ import annotations

import pytest

from reading_guide.book.model import BookMeta, BookPage
from reading_guide.book.reader import build_book
from reading_guide.core.strings import ENGLISH, GERMAN


@pytest.mark.parametrize("table", [ENGLISH, GERMAN], ids=["en", "de"])
def test_the_books_words_are_the_guides_language(table):
    """The books' own words had a second, English-only table in book/model.py: a book made with the
    language alone printed English ("Contents", "Notes") in a German guide."""
    meta = BookMeta("Titel", "Untertitel", "1", language=table.language)
    assert dict(meta.labels) == table.book_labels()
    assert meta.labels["contents"] == table.contents and meta.labels["note"] == table.book_note


def test_a_language_without_a_table_gets_the_english_words_and_given_words_are_kept():
    assert dict(BookMeta("T", "S", "1", language="fr").labels) == ENGLISH.book_labels()
    given = {**GERMAN.book_labels(), "cover": "Titelbild"}
    assert BookMeta("T", "S", "1", language="de", labels=given).labels["cover"] == "Titelbild"


def test_labels_a_writer_needs_are_asked_for(tmp_path):
    meta = BookMeta("T", "S", "1", labels={"contents": "Contents"})
    with pytest.raises(ValueError, match="book labels: the language table lacks how_to_cite, page, back_to_text, "):
        build_book([BookPage("one.md", "one.html", "One", "<p>Text.</p>", "front")], meta, tmp_path)


@pytest.mark.parametrize("env, books", [
    ({}, (True, True)),
    ({"GUIDE_BOOKS": "0"}, (False, False)),
    ({"GUIDE_PDF": "0"}, (False, False)),  # the old name: it always skipped the EPUB too
    ({"GUIDE_BOOKS": "1", "GUIDE_PDF": "0"}, (True, True)),  # the new name decides
    ({"GUIDE_BOOKS": "1"}, (True, True)),
])
def test_guide_books_0_skips_both_books_and_the_old_name_still_does(monkeypatch, env, books):
    from reading_guide.mkdocs.book import BookBuild
    from reading_guide.mkdocs.config import parse_settings

    for name in ("GUIDE_BOOKS", "GUIDE_PDF"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings = parse_settings(None)
    assert BookBuild.wanted(settings, "build") == books
    assert BookBuild.wanted(settings, "serve") == (False, False)
