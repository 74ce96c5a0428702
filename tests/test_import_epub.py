"""An EPUB in: the spine's documents in order, its navigation's labels, its dc: metadata, its images
and its notes across documents. The EPUB is made here, with ebooklib, from a corpus book's HTML edition."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ebooklib import epub
from lxml import html
from outline_scoring import CORPUS, scorer

from reading_guide.importer.command import ImportOptions, import_text
from reading_guide.importer.errors import TextImportError
from reading_guide.importer.fidelity import check_fidelity
from reading_guide.importer.layout import text_pages
from reading_guide.importer.outline import outline_of
from reading_guide.importer.parse import read_text

from conftest import ROOT

BOOK = CORPUS / "mill-subjection-of-women"
IMAGE = (ROOT / "tests" / "fixtures" / "html" / "leaflet.png").read_bytes()


def make_epub(folder: Path, heading_in_first: bool = False) -> Path:
    """The book's chapters (its <h2> headings) as one XHTML document each; the first without its heading
    (its title is in the navigation only), an image in the second, the notes moved to a document of their own."""
    body = html.parse(str(BOOK / "edition.htm")).getroot().find(".//body")
    chapters: list[list] = []
    notes = []
    for el in body:
        if el.tag == "h2":
            chapters.append([el])
        elif chapters and "footnote" in (el.get("class") or ""):
            notes.append(el)
        elif chapters and "pg-footer" not in (el.get("id") or "") and "END OF THE PROJECT" not in el.text_content():
            chapters[-1].append(el)
        if el.get("id") == "pg-footer" or "END OF THE PROJECT" in el.text_content():
            break
    book = epub.EpubBook()
    book.set_identifier("test-mill")
    book.set_title("The Subjection of Women")
    book.set_language("en")
    book.add_author("John Stuart Mill")
    items = []
    for number, elements in enumerate(chapters, start=1):
        label = " ".join(elements[0].text_content().split())
        shown = elements if heading_in_first or number > 1 else elements[1:]
        content = "".join(html.tostring(e, encoding="unicode") for e in shown)
        content = content.replace('href="#footnote', 'href="notes.xhtml#footnote')
        if number == 2:
            content = '<p><img src="images/leaflet.png" alt="A leaflet"/></p>' + content
        item = epub.EpubHtml(title=label, file_name=f"chapter{number}.xhtml", lang="en", content=content)
        book.add_item(item)
        items.append(item)
    back = "".join(html.tostring(e, encoding="unicode") for e in notes)
    note_doc = epub.EpubHtml(title="Notes", file_name="notes.xhtml", lang="en",
                             content=back.replace('href="#ref', 'href="chapter1.xhtml#ref')
                             .replace('href="chapter1.xhtml#ref_2', 'href="chapter2.xhtml#ref_2'))
    book.add_item(note_doc)
    book.add_item(epub.EpubItem(uid="leaflet", file_name="images/leaflet.png", media_type="image/png", content=IMAGE))
    book.toc = items
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *items, note_doc]
    path = folder / "mill.epub"
    epub.write_epub(str(path), book)
    return path


@pytest.fixture(scope="module")
def book_epub(tmp_path_factory) -> Path:
    return make_epub(tmp_path_factory.mktemp("epub"))


@pytest.fixture(scope="module")
def epub_text(book_epub):
    """The EPUB as the import reads it, once for the tests that only look at it (a Text is frozen)."""
    return read_text(book_epub)


def test_an_epub_has_the_books_outline_and_its_metadata(epub_text):
    text = epub_text
    assert (text.title, text.metadata.author, text.language) == ("The Subjection of Women", "John Stuart Mill", "en")
    expected = json.loads((BOOK / "expected.json").read_text(encoding="utf-8"))["outline"]
    assert [o["title"] for o in outline_of(text)] == ["CHAPTER I.", "CHAPTER II.", "CHAPTER III.", "CHAPTER IV."]
    assert scorer.score_book(expected, outline_of(text))["chapters_exact"]


def test_an_epubs_notes_images_and_words_are_kept(book_epub, epub_text):
    text = epub_text
    pages = text_pages(text)
    assert len(text.author_notes) == 3
    assert all(any(f"[^author-{n}]:" in page for page in pages.values()) for n, _ in text.author_notes)
    assert dict(text.images)["leaflet.png"] == IMAGE
    assert "![A leaflet](../images/leaflet.png)" in "".join(pages.values())
    assert check_fidelity(book_epub, pages).problems == []
    first = next(iter(pages))
    assert check_fidelity(book_epub, {**pages, first: pages[first].replace(" the ", " a ", 1)}).problems


def test_a_new_guide_from_an_epub(book_epub, tmp_path):
    lines = import_text(book_epub, tmp_path / "guide", ImportOptions())
    assert any("New guide" in line for line in lines)
    assert (tmp_path / "guide" / "docs" / "images" / "leaflet.png").read_bytes() == IMAGE
    assert (tmp_path / "guide" / "source" / "mill.epub").is_file()


def test_a_file_that_is_not_an_epub_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.epub"
    bad.write_bytes(b"not a zip")
    with pytest.raises(TextImportError, match=r"bad\.epub"):
        read_text(bad)


SE_CHAPTER = """<section id="chapter-{n}" epub:type="chapter" xmlns:epub="http://www.idpf.org/2007/ops">
<h2 epub:type="title">Chapter {roman}</h2>
<p>The {word} of the town was the harbour, and every family lived by it in one way or another.{call}</p>
<p>Nobody in the town remembered a winter when the boats had stayed in, and nobody wanted to.</p>
</section>"""


def test_a_standard_ebooks_style_epub_drops_its_imprint_and_keeps_its_endnotes(tmp_path):
    """Semantic furniture (imprint, colophon, titlepage) dropped; endnotes in their own document."""
    book = epub.EpubBook()
    book.set_identifier("test-se")
    book.set_title("The Harbour Town")
    book.set_language("en-GB")
    book.add_author("A. Writer")
    docs = [epub.EpubHtml(title="Titlepage", file_name="titlepage.xhtml", content=(
        '<section epub:type="titlepage" xmlns:epub="http://www.idpf.org/2007/ops"><h1>The Harbour Town</h1>'
        "<p>By A. Writer.</p></section>")),
        epub.EpubHtml(title="Imprint", file_name="imprint.xhtml", content=(
            '<section epub:type="imprint" xmlns:epub="http://www.idpf.org/2007/ops"><h2>Imprint</h2><p>This ebook is '
            "the product of many hours of hard work by volunteers, and it is released to the public domain.</p></section>"))]
    calls = {1: '<a href="endnotes.xhtml#note-1" id="noteref-1" epub:type="noteref">1</a>', 2: ""}
    for n, (roman, word) in enumerate([("I", "heart"), ("II", "pride")], start=1):
        docs.append(epub.EpubHtml(title=f"Chapter {roman}", file_name=f"chapter-{n}.xhtml",
                                  content=SE_CHAPTER.format(n=n, roman=roman, word=word, call=calls[n])))
    docs.append(epub.EpubHtml(title="Endnotes", file_name="endnotes.xhtml", content=(
        '<section epub:type="endnotes" xmlns:epub="http://www.idpf.org/2007/ops"><h2>Endnotes</h2><ol>'
        '<li id="note-1" epub:type="endnote"><p>The harbour silted up in 1890. '
        '<a href="chapter-1.xhtml#noteref-1" epub:type="backlink">↩</a></p></li></ol></section>')))
    docs.append(epub.EpubHtml(title="Colophon", file_name="colophon.xhtml", content=(
        '<section epub:type="colophon" xmlns:epub="http://www.idpf.org/2007/ops"><h2>Colophon</h2>'
        "<p>The Harbour Town was compiled by volunteers and set in a typeface of the period.</p></section>")))
    for doc in docs:
        book.add_item(doc)
    book.toc = docs[2:4]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *docs]
    path = tmp_path / "harbour.epub"
    epub.write_epub(str(path), book)
    text = read_text(path)
    assert (text.title, text.metadata.author, text.language) == ("The Harbour Town", "A. Writer", "en")
    assert [o["title"] for o in outline_of(text)] == ["Chapter I", "Chapter II"]
    pages = text_pages(text)
    page = "".join(pages.values())
    assert "hours of hard work" not in page and "typeface" not in page and "By A. Writer" not in page
    assert "one way or another.[^author-1]" in page and "[^author-1]: *Author's note:* The harbour silted up in 1890." in page
    assert "↩" not in page and "Endnotes" not in page
    dropped = " ".join(d.what for d in text.dropped)
    assert "imprint" in dropped and "colophon" in dropped and "titlepage" in dropped
    assert check_fidelity(path, pages).problems == []
