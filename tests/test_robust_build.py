"""Hostile and broken input that needs MkDocs (issue 20). Each case failed on the old code: a
traceback, a silent loss or a message that named no file. The pages are rendered without the theme
(conftest.render_project) where that shows the behaviour; the books, the site folder and `serve`
need whole builds."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort, BuildError

from conftest import build_site, chapter, entry, render_project, write_project

pytestmark = pytest.mark.slow  # real site builds

GLOSSARY = {"lenin.md": entry("Lenin", "A leader.", category="person")}
DOCS = {"index.md": "# Home\n", "c1.md": chapter(1, "One", "Lenin spoke.")}
UTF8_CHAPTER = chapter(2, "Two", "Caf\u00e9 and Lenin.")


def project(tmp_path, pages: dict[str, str | bytes], glossary: dict[str, str | bytes] | None = None):
    config = write_project(tmp_path / "p", DOCS, {**GLOSSARY, **(glossary or {})})
    for name, content in pages.items():
        path = tmp_path / "p" / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return config, tmp_path / "site"


# (id, pages, error or warning, words in the message)
CASES = [
    ("UTF-16 chapter", {"c2.md": UTF8_CHAPTER.encode("utf-16")}, "error",
     "docs/c2.md: looks like UTF-16 (little-endian, with a byte-order mark), not UTF-8; open it in a text editor and save it as UTF-8"),
    ("Latin-1 chapter", {"c2.md": UTF8_CHAPTER.encode("latin-1")}, "error",
     "docs/c2.md:11: not UTF-8 (byte 0xE9: Latin-1 or Windows-1252?); open it in a text editor and save it as UTF-8"),
    ("binary chapter", {"c2.md": b"%PDF-1.4\n\x00\x01\x02\xff\xfe binary"}, "error",
     "docs/c2.md:2: a binary file (PDF, Word, image?), not text"),
    ("invalid YAML in a chapter's front matter", {"c2.md": "---\nchapter: 2\ntitle: [oops\n---\n\n# Two\n"}, "error",
     "docs/c2.md:4: front matter is not valid YAML"),
    ("unclosed front matter in a chapter", {"c2.md": "---\nchapter: 2\n\n# Two\n\nText.\n"}, "error",
     "docs/c2.md:1: the front matter opened by '---' on line 1 is never closed"),
    ("a key twice in a chapter's front matter", {"c2.md": "---\nchapter: 2\nchapter: 3\n---\n\n# Two\n"}, "error",
     "docs/c2.md:3: 'chapter' is given twice, on lines 2 and 3"),
    ("NUL in a chapter's front matter", {"c2.md": "---\nchapter: 2\ntitle: A\0B\n---\n\n# Two\n"}, "error",
     "docs/c2.md:3: a NUL character (byte 0)"),
    ("chapter number ²", {"c2.md": chapter(2, "Two", "Text.").replace("chapter: 2", "chapter: '²'")}, "error",
     "docs/c2.md:2: chapter: '²' is not a chapter number: use one token of the letters A-Z, digits 0-9"),
    ("chapter number a list", {"c2.md": chapter(2, "Two", "Text.").replace("chapter: 2", "chapter: [1, 2]")}, "error",
     "docs/c2.md:2: chapter: '[1, 2]' is not a chapter number; write one number or one word"),
    ("chapter number with a space", {"c2.md": chapter(2, "Two", "Text.").replace("chapter: 2", "chapter: '2 b'")}, "error",
     "docs/c2.md:2: chapter: '2 b' is not a chapter number"),
    ("an article block outside a chapter", {"c2.md": chapter(2, "Two", "Lenin.").replace("chapter: 2", "title: Two")}, "warning",
     "docs/c2.md:9: a <div class=\"article\"> block (the text's own words) in a page without 'chapter:' in its front "
     "matter: its paragraphs get no numbers, and it is in neither book nor in the glossary's places; add 'chapter: N'"),
    ("a hidden chapter file", {"chapters/..md": chapter(2, "Two", "Text.")}, "error",
     "docs/chapters/..md: a file name starting with '.' is a hidden file, which MkDocs leaves out of the site"),
]


@pytest.mark.parametrize("name, pages, outcome, words", CASES, ids=[c[0] for c in CASES])
def test_a_broken_page_stops_the_build_with_a_message(tmp_path, name, pages, outcome, words):
    config, site = project(tmp_path, pages)
    if outcome == "error":
        with pytest.raises(BuildError) as stopped:  # MkDocs' build() makes it an Abort: no traceback
            render_project(config, site)
        assert words in str(stopped.value)
    else:
        warnings = render_project(config, site).warnings
        assert any(words in line for line in warnings), warnings


def test_a_chapter_number_with_a_leading_zero_is_read_as_written(tmp_path):
    """YAML reads `chapter: 010` as octal 8; the number the file shows is 10."""
    config, site = project(tmp_path, {"c2.md": chapter(10, "Ten", "Lenin.").replace("chapter: 10", "chapter: 010")})
    pages = render_project(config, site)
    assert pages["c2.md"].select_one("#p10-1") is not None
    places = [a["href"] for a in pages["glossary/lenin.md"].select("ul.places a")]
    assert places == ["../c1.html#p1-1", "../c2.html#p10-1"]


def test_a_site_folder_that_cannot_be_written_is_a_message_not_a_traceback(tmp_path, caplog):
    config, _ = project(tmp_path, {})
    with pytest.raises(Abort):
        build_site(config, __import__("pathlib").Path("/sys/reading-guide-test/site"))  # not writable, even by root
    assert "the site folder cannot be written: /sys/reading-guide-test/site (Operation not permitted); make it " \
           "writable" in caplog.text


@pytest.mark.skipif(__import__("os").geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_site_folder_is_a_message(tmp_path, caplog):
    config, site = project(tmp_path, {})
    site.mkdir()
    site.chmod(0o555)
    try:
        with pytest.raises(Abort):
            build_site(config, site)
    finally:
        site.chmod(0o755)
    assert f"the site folder cannot be written: {site}" in caplog.text


def test_a_failure_in_the_books_fails_the_build_with_a_message(tmp_path, caplog, monkeypatch):
    """The books are written in a thread that caught only PluginError: anything else printed a
    traceback and the build ended with success. Here the EPUB's path is a folder of the site."""
    monkeypatch.setenv("GUIDE_BOOKS", "1")
    config, site = project(tmp_path, {"epub/guide.epub/readme.txt": "a folder where the book goes"})
    with pytest.raises(Abort) as stopped:
        build_site(config, site)
    assert "BuildError" in str(stopped.value)
    assert "the books could not be written: IsADirectoryError" in caplog.text


class PanicException(BaseException):
    """What pyo3 raises for a panic in Rust code such as Typst's: a BaseException, not an Exception."""


def books_on(tmp_path, monkeypatch):
    """A small project that writes both books."""
    monkeypatch.delenv("GUIDE_BOOKS", raising=False)
    monkeypatch.delenv("GUIDE_PDF", raising=False)
    config, site = project(tmp_path, {})
    config.write_text(config.read_text().replace("    pdf: false\n", "    pdf: {page_size: A4}\n"))
    return config, site


def test_a_panic_in_the_books_thread_fails_the_build_with_a_message(tmp_path, caplog, capfd, monkeypatch):
    """The thread caught only Exception: a panic got out of it as a traceback, the build exited 0 and
    no EPUB was written. The PDF writer is replaced by one that panics as Typst's Rust code would."""
    from reading_guide.mkdocs import book

    def panic(*args, **kwargs):
        raise PanicException("called `Option::unwrap()` on a `None` value")

    monkeypatch.setattr(book, "write_pdf", panic)
    config, site = books_on(tmp_path, monkeypatch)
    with pytest.raises(Abort) as stopped:
        build_site(config, site)
    assert "BuildError" in str(stopped.value)
    assert "the books could not be written: PanicException: called `Option::unwrap()`" in caplog.text
    assert "Traceback" not in capfd.readouterr().err + caplog.text


def test_a_fault_in_making_the_book_model_fails_the_build_with_a_message(tmp_path, caplog, capfd, monkeypatch):
    """Only a ValueError from the model was a message; anything else was a traceback."""
    from reading_guide.mkdocs import book

    def too_deep(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(book, "build_book", too_deep)
    config, site = books_on(tmp_path, monkeypatch)
    with pytest.raises(Abort) as stopped:
        build_site(config, site)
    assert "BuildError" in str(stopped.value)
    assert "the books could not be written: RecursionError: maximum recursion depth exceeded" in caplog.text
    assert "Traceback" not in capfd.readouterr().err + caplog.text


def test_a_build_while_another_writes_the_folder_says_another_build_is_running(tmp_path):
    """Two builds into one folder deleted each other's files (one crashed in 3 of 9 trials). Here this
    process holds the folder as a running build does; a build started meanwhile stops with a message,
    and once the folder is free it builds."""
    import os
    import subprocess
    import sys

    from reading_guide.mkdocs.site_dir import SiteLock

    config, site = project(tmp_path, {})
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)]
    env = {**os.environ, "GUIDE_BOOKS": "0"}
    lock = SiteLock()
    lock.acquire(site)
    try:
        run = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    finally:
        lock.release()
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert f"another build is writing {site} (process {os.getpid()}); wait for it to finish" in run.stderr
    assert subprocess.run(command, capture_output=True, text=True, env=env, timeout=300).returncode == 0
    assert (site / "glossary" / "lenin.html").exists()


@pytest.mark.parametrize("entry_form, text_form", [("NFD", "NFC"), ("NFC", "NFD")])
def test_a_term_is_linked_whichever_unicode_form_each_file_uses(tmp_path, entry_form, text_form):
    """NFD in the glossary and NFC in the text (or the other way) gave "occurs nowhere"."""
    import unicodedata

    term = unicodedata.normalize(entry_form, "Épinay Congrès")
    text = unicodedata.normalize(text_form, "At the Épinay Congrès they met.")
    config, site = project(tmp_path, {"c2.md": chapter(2, "Two", text)}, {"epinay.md": entry(term)})
    pages = render_project(config, site)
    assert pages.warnings == []  # "occurs nowhere" would fail a strict build
    links = pages["c2.md"].select("div.article a.glossary-term")
    assert [unicodedata.normalize("NFC", a.get_text()) for a in links] == ["Épinay Congrès"]


def test_serve_picks_up_glossary_edits_after_the_folder_was_moved_away_and_back(tmp_path):
    """The live preview watched glossary/; once it was moved away and back, edits were never picked up."""
    import os
    import shutil
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    config, _ = project(tmp_path, {})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config),
                               "-a", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env={**os.environ, "GUIDE_BOOKS": "0"})

    def entry_page() -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/glossary/lenin.html", timeout=5) as page:
                return page.read().decode()
        except OSError:
            return ""

    def wait_for(words: str, seconds: float = 60) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if words in entry_page():
                return True
            time.sleep(0.5)
        return False

    glossary = tmp_path / "p" / "glossary"
    try:
        assert wait_for("A leader."), "the preview did not start"
        shutil.move(glossary, tmp_path / "away")
        time.sleep(2)
        shutil.move(tmp_path / "away", glossary)
        time.sleep(2)
        (glossary / "lenin.md").write_text(entry("Lenin", "A revolutionary, edited after the move.", category="person"))
        assert wait_for("edited after the move"), "the edit after the move was not picked up"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.parametrize("pdf_ua", [True, False])
def test_a_script_the_pdf_fonts_lack_stops_the_build_naming_the_page_and_what_to_do(tmp_path, caplog, monkeypatch, pdf_ua):
    """Chinese text with pdf_ua: false gave blank paragraphs in the PDF; with the default, Typst's error
    named no file and suggested a font that cannot be set."""
    monkeypatch.setenv("GUIDE_BOOKS", "1")
    config, site = project(tmp_path, {"c2.md": chapter(2, "Two", "Lenin 在北京说了话。")})
    config.write_text(config.read_text().replace("    pdf: false\n", f"    pdf: {{pdf_ua: {str(pdf_ua).lower()}}}\n"))
    with pytest.raises(Abort):
        build_site(config, site)
    assert "the PDF book: docs/c2.md ('Two') has CJK characters (在, 北, 京, 说, 了), which no font of the PDF " \
           "book has" in caplog.text
    assert "set 'pdf: false' under extra.guide in mkdocs.yml" in caplog.text
    assert "Traceback" not in caplog.text


def test_cyrillic_greek_and_accented_latin_make_a_pdf(tmp_path, monkeypatch):
    monkeypatch.setenv("GUIDE_BOOKS", "1")
    config, site = project(tmp_path, {"c2.md": chapter(2, "Two", "Lenin: Совет, Λένιν, Ærø, naïve, שלום.")})
    config.write_text(config.read_text().replace("    pdf: false\n", "    epub: false\n"))
    build_site(config, site)
    assert (site / "pdf" / "guide.pdf").stat().st_size > 1000


def test_an_article_block_outside_a_chapter_is_one_warning_not_a_cascade(tmp_path):
    """Its terms used to be reported as "occurs nowhere" too, with no word about the page."""
    page = chapter(2, "Two", "The Duma met.").replace("chapter: 2", "title: Two")
    config, site = project(tmp_path, {"c2.md": page}, {"duma.md": entry("Duma")})
    warnings = render_project(config, site).warnings
    assert len(warnings) == 1 and "docs/c2.md:9: a <div class=\"article\"> block" in warnings[0], warnings
