"""The EPUB book (epubcheck, nav, notes, links) and both books rebuilt byte-identical in fresh processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import BOOK_SWITCHES, ROOT, chapter, entry, require_tool, write_project

pytestmark = pytest.mark.slow  # real site builds

GUIDE = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!ENV", ""))["extra"]["guide"]
EPUBCHECK = Path("/usr/bin/epubcheck")


def epubcheck(path: Path) -> str:
    require_tool(EPUBCHECK, "apt-get install epubcheck (CI does)")
    java = shutil.which("java") or "java"
    run = subprocess.run([java, "-jar", str(EPUBCHECK), str(path)], capture_output=True, text=True, timeout=300)
    return run.stdout + run.stderr


def read(book: Path, name: str) -> BeautifulSoup:
    with zipfile.ZipFile(book) as archive:
        return BeautifulSoup(archive.read(name).decode("utf-8"), "xml" if name.endswith(".opf") else "html.parser")


@pytest.fixture(scope="module")
def epub(guide_site) -> Path:
    path = guide_site / GUIDE["epub"]["file"]
    assert path.exists(), "the build wrote no EPUB"
    return path


def test_epubcheck_finds_no_error_and_no_warning(epub):
    report = epubcheck(epub)
    assert "No errors or warnings detected" in report, report
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report


def test_the_nav_lists_the_chapters_and_the_entries_under_the_glossary(epub):
    nav = read(epub, "EPUB/nav.xhtml").select_one('nav[epub\\:type="toc"]')
    top = [li.a.get_text() if li.a else li.span.get_text() for li in nav.ol.find_all("li", recursive=False)]
    assert top[1:7] == ["Introduction", "Workers’ power", "Civil war", "World revolution",
                        "‘Socialism in one country’", "Trotskyism – the revolutionary opposition"]
    glossary = next(li for li in nav.ol.find_all("li", recursive=False) if li.find(string="Glossary"))
    assert len(glossary.select("ol > li")) == len(list((ROOT / "glossary").glob("*.md")))


def test_notes_are_footnotes_with_links_back_and_terms_link_to_their_entries(epub):
    page = read(epub, "EPUB/page-chapters-1-introduction.xhtml")
    calls = page.select('a[epub\\:type="noteref"]')
    notes = page.select('aside[epub\\:type="footnote"]')
    assert len(calls) == len(notes) >= 5
    for call in calls:
        note = page.select_one(f"aside#{call['href'].lstrip('#')}")
        assert note is not None and note.select_one(f'a[href="#{call["id"]}"]') is not None
    assert page.select_one("p#page-chapters-1-introduction--p1-1 .para-num").get_text() == "1"
    assert page.select_one('a[href="page-glossary-bolsheviks.xhtml"]') is not None
    with zipfile.ZipFile(epub) as archive:
        assert "EPUB/page-glossary-bolsheviks.xhtml" in archive.namelist()


def test_cover_language_and_accessibility_metadata(epub):
    opf = read(epub, "EPUB/content.opf")
    assert opf.find("dc:language").get_text() == "en"
    properties = {meta.get("property") for meta in opf.find_all("meta")}
    for name in ("schema:accessMode", "schema:accessibilitySummary", "schema:accessModeSufficient",
                 "schema:accessibilityFeature", "schema:accessibilityHazard", "dcterms:conformsTo"):
        assert name in properties, name
    cover = read(epub, "EPUB/cover.xhtml")
    assert "What went wrong in Russia?" in cover.h1.get_text()


MINI = """\
site_name: Mini
use_directory_urls: true
theme: {{name: material, font: false}}
hooks: [{hooks}/guide.py]
markdown_extensions: [footnotes, attr_list, md_in_html, admonition]
extra:
  guide:
    pdf: {{file: book.pdf, page_size: A5, appendices: [glossary/index.md]}}
    epub: {{file: book.epub}}
"""
# A 1×1 red PNG: small enough to write here, a real image for both books.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cf"
                    "c000000301010018dd8db00000000049454e44ae426082")


def mini_project(tmp_path) -> Path:
    docs = {"index.md": "# Home\n",
            "chapters/one.md": chapter(1, "One", "Lenin spoke.[^a] See [the second](two.md#p2-1).",
                                       "![A red square on the map](../img/red.png)", "[^a]: A note. Source: A. Historian, *A Life* (A Press, 2001)."),
            "chapters/two.md": chapter(2, "Two", "Lenin again.")}
    config = write_project(tmp_path / "p", docs, {"lenin.md": entry("Lenin", "A leader.", category="person")},
                           config=MINI.format(hooks=ROOT / "hooks"))
    (tmp_path / "p" / "docs" / "img").mkdir()
    (tmp_path / "p" / "docs" / "img" / "red.png").write_bytes(PNG)
    return config


def build(config: Path, site: Path, seed: str, epoch: str = "1700000000") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1"}
    for name in BOOK_SWITCHES:  # both books
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
                          capture_output=True, text=True, timeout=300, env=env)


def test_directory_urls_links_and_an_image_are_in_both_books(tmp_path):
    run = build(mini_project(tmp_path), tmp_path / "site", "1")
    assert run.returncode == 0, run.stderr
    book = tmp_path / "site" / "book.epub"
    assert "No errors or warnings detected" in epubcheck(book)
    one = read(book, "EPUB/page-chapters-one.xhtml")
    assert one.select_one('a[href="page-chapters-two.xhtml#page-chapters-two--p2-1"]') is not None
    assert one.select_one('a[href="page-glossary-lenin.xhtml"]') is not None
    image = one.select_one("img")
    assert image["alt"] == "A red square on the map"
    with zipfile.ZipFile(book) as archive:
        assert archive.read("EPUB/" + image["src"]) == PNG
    reader = PdfReader(tmp_path / "site" / "book.pdf")
    assert "page-glossary-lenin" in reader.named_destinations
    # The paragraph link: an explicit destination on the page where chapter two's paragraph is.
    numbers = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    landed = [numbers[a.get_object()["/Dest"].get_object()[0].idnum] for page in reader.pages
              for a in page.get("/Annots", []) if not isinstance(a.get_object().get("/Dest"), (str, type(None)))
              and a.get_object().get("/Contents") != "Footnote 1"]
    assert any("Lenin again" in reader.pages[n].extract_text() for n in landed), landed
    pages = [page for page in reader.pages if "/XObject" in page["/Resources"]]
    assert pages and any(x.get_object()["/Subtype"] == "/Image" for x in pages[0]["/Resources"]["/XObject"].values())


def test_the_books_date_is_the_callers(tmp_path):
    config = mini_project(tmp_path)
    for seed, epoch in (("1", "1700000000"), ("2", "1800000000")):
        run = build(config, tmp_path / f"site{seed}", seed, epoch)
        assert run.returncode == 0, run.stderr
    for name in ("book.pdf", "book.epub"):
        assert (tmp_path / "site1" / name).read_bytes() != (tmp_path / "site2" / name).read_bytes(), name
    with zipfile.ZipFile(tmp_path / "site1" / "book.epub") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
