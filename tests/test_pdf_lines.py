"""The PDF's line breaking (issue 24): a long book's justified text is broken line by line, not a
paragraph at a time, for a quarter to a third less of Typst's time; `pdf.line_breaking` chooses. And the two books
are written side by side (the EPUB while Typst lays out the PDF), a failure of either still one message."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from reading_guide.book import pdf
from reading_guide.book.model import Book, BookMeta, Group, Paragraph, Section, Text
from reading_guide.book.pdf import SIMPLE_LINES_WORDS, simple_lines, write_pdf

from conftest import build_site, chapter, entry, write_project

# Long sentences of long and short words: Knuth-Plass and first fit part ways within a few lines.
SENTENCE = ("The revolutionary committees of the northern provinces deliberated for weeks on the "
            "extraordinarily contentious question of land, while the peasants simply took it. ")


def book(words: int, site: Path = Path()) -> Book:
    paragraphs = tuple(Paragraph(children=(Text((SENTENCE * 8).strip()),), number=str(n)) for n in range(1, 4))
    sections = [Section(key="c1", src="c1.md", title="One", part="chapter", level=1,
                        blocks=(Group(role="article", blocks=paragraphs),))]
    if words:
        sections.append(Section(key="c2", src="c2.md", title="Two", part="chapter", level=1,
                                blocks=(Paragraph(children=(Text(" ".join(["word"] * words)),)),)))
    return Book(BookMeta("T", "S", "1"), tuple(sections), site)


def test_auto_breaks_lines_one_at_a_time_only_in_a_book_over_the_threshold():
    small = book(0)
    text = sum(len(p.children[0].text.split()) for p in small.sections[0].blocks[0].blocks) + 1  # + its title
    assert not simple_lines(book(SIMPLE_LINES_WORDS - text - 1), "auto")  # the title "Two" is a word too
    assert simple_lines(book(SIMPLE_LINES_WORDS - text), "auto")
    assert simple_lines(small, "simple") and not simple_lines(book(SIMPLE_LINES_WORDS), "optimized")
    with pytest.raises(ValueError, match="choose one of auto, optimized, simple"):
        simple_lines(small, "greedy")


def lines(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_simple_line_breaking_keeps_every_word_and_breaks_the_lines_otherwise(tmp_path):
    made = {}
    for choice in ("auto", "optimized", "simple"):
        made[choice] = lines(tmp_path / f"{choice}.pdf") if not write_pdf(
            book(0, tmp_path), tmp_path / f"{choice}.pdf", pdf_ua=False, line_breaking=choice) else []
    assert made["auto"] == made["optimized"]  # a short book: the best breaks for each paragraph, as before
    assert made["simple"] != made["optimized"]

    def words(found: list[str]) -> str:  # hyphenated words joined again, lines in order
        return " ".join(found).replace("- ", "").replace("\u00ad ", "")

    assert words(made["simple"]) == words(made["optimized"])
    assert SENTENCE.split()[5] in words(made["simple"])


def test_a_volumed_book_passes_the_choice_to_each_volume(monkeypatch):
    """The volumes' data (pdf_volumes.write_volumes) carries it as the one file's does."""
    assert pdf.book_data(book(0), "a4", simple=True)["simple_lines"] is True
    assert pdf.book_data(book(0), "a4")["simple_lines"] is False


@pytest.mark.slow
def test_the_setting_reaches_the_build_and_a_wrong_one_is_refused(tmp_path):
    words = "Lenin spoke. " + " ".join([SENTENCE] * 6)
    docs = {"index.md": "# Home\n", "c1.md": chapter(1, "One", words, words)}
    glossary = {"lenin.md": entry("Lenin", "A leader.", category="person")}
    built = {}
    for choice in ("optimized", "simple"):
        config = write_project(tmp_path / choice, docs, glossary,
                               extra=f"pdf: {{file: pdf/book.pdf, pdf_ua: false, line_breaking: {choice}}}\nepub: false\n")
        config.write_text(config.read_text().replace("    pdf: false\n", ""))
        site = build_site(config, tmp_path / choice / "site")
        built[choice] = lines(site / "pdf" / "book.pdf")
    assert built["optimized"] != built["simple"]
    config = write_project(tmp_path / "wrong", docs, glossary, extra="pdf: {file: pdf/book.pdf, line_breaking: greedy}\n")
    config.write_text(config.read_text().replace("    pdf: false\n", ""))
    with pytest.raises(Abort):
        build_site(config, tmp_path / "wrong" / "site")


@pytest.mark.slow
def test_the_epub_written_beside_the_pdf_fails_the_build_with_one_message(tmp_path, caplog, monkeypatch):
    """The EPUB's file is a folder of the site: its writer fails in its thread while the PDF is made;
    the build stops with one message, no traceback, and the PDF is whole (its writer was let finish)."""
    monkeypatch.delenv("GUIDE_BOOKS", raising=False)
    monkeypatch.delenv("GUIDE_PDF", raising=False)
    words = "Lenin spoke. " + " ".join([SENTENCE] * 6)
    docs = {"index.md": "# Home\n", "c1.md": chapter(1, "One", words), "epub/book.epub/readme.txt": "a folder"}
    config = write_project(tmp_path / "p", docs, {"lenin.md": entry("Lenin", "A leader.", category="person")},
                           extra="pdf: {file: pdf/book.pdf, pdf_ua: false}\nepub: {file: epub/book.epub}\n")
    config.write_text(config.read_text().replace("    pdf: false\n", "").replace("    epub: false\n", ""))
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    failures = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(failures) == 1, failures
    assert "IsADirectoryError" in failures[0] and "Traceback" not in failures[0], failures
    assert lines(tmp_path / "site" / "pdf" / "book.pdf")  # the PDF was written whole beside it


def test_the_epub_waits_for_the_pages_or_the_pdf_and_a_failing_pdf_never_leaves_it_waiting(tmp_path):
    """The EPUB starts when MkDocs has written the pages (the event) or when the PDF is done; the PDF
    failing (its file a folder) still lets the EPUB go, and the PDF's error is the one raised."""
    import threading
    from types import SimpleNamespace

    from reading_guide.mkdocs.book import write_pdf_and_epub

    settings = SimpleNamespace(pdf=SimpleNamespace(file="pdf/b.pdf", page_size="A4", pdf_ua=False, line_breaking="auto"),
                               epub=SimpleNamespace(file="epub/b.epub"))
    rendered = threading.Event()  # never set: the pages are still being written
    lines = write_pdf_and_epub(book(0, tmp_path), settings, tmp_path, datetime(2024, 1, 1, tzinfo=UTC), [],  # type: ignore[arg-type]
                               pdf=True, epub=True, epub_after=rendered)
    assert [line.split(":")[0] for line in lines] == ["PDF book", "EPUB book"]
    written = (tmp_path / "pdf" / "b.pdf").stat().st_mtime_ns, (tmp_path / "epub" / "b.epub").stat().st_mtime_ns
    assert written[0] <= written[1]  # the EPUB after the PDF, as nothing else let it start
    (tmp_path / "pdf" / "b.pdf").unlink()
    (tmp_path / "pdf" / "b.pdf").mkdir()
    (tmp_path / "epub" / "b.epub").unlink()
    with pytest.raises(IsADirectoryError):
        write_pdf_and_epub(book(0, tmp_path), settings, tmp_path, datetime(2024, 1, 1, tzinfo=UTC), [],  # type: ignore[arg-type]
                           pdf=True, epub=True, epub_after=threading.Event())
    assert (tmp_path / "epub" / "b.epub").exists()
