"""The PDF book: structure, links, footnotes, fonts and metadata, read back with pypdf and poppler."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import ROOT, build_site, chapter, entry, require_tool, soup, write_project

pytestmark = pytest.mark.slow  # real site builds

SETTINGS = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!ENV", ""))["extra"]["guide"]["pdf"]
CHAPTER_TITLES = ["Introduction", "Workers’ power", "Civil war", "World revolution",
                  "‘Socialism in one country’", "Trotskyism – the revolutionary opposition"]


@pytest.fixture(scope="module")
def book(guide_site):
    path = guide_site / SETTINGS["file"]
    assert path.exists(), "the build wrote no PDF"
    return path, PdfReader(path)


def test_page_count_is_in_range(book):
    _, reader = book
    assert 80 <= len(reader.pages) <= 200


def test_outline_has_one_entry_per_chapter_and_appendix(book, guide_site):
    _, reader = book
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top == ["About this guide", *CHAPTER_TITLES, "Glossary", "Timeline", "Discussion questions",
                   "Running a study group", "Further reading"]
    entries = next(item for item in reader.outline if isinstance(item, list))
    assert len(entries) == len(list((ROOT / "glossary").glob("*.md")))


def test_every_link_in_the_chapters_leads_inside_the_document(book):
    _, reader = book
    destinations = set(reader.named_destinations)
    first, last = chapter_pages(reader)
    internal = 0
    for page in reader.pages[first:last]:
        for ref in page.get("/Annots", []):
            annotation = ref.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if action is not None and action.get("/S") == "/URI":
                continue  # a source cited in a note: a web address on purpose
            target = annotation.get("/Dest")
            assert target is not None and resolves(reader, destinations, target), annotation
            internal += 1
    assert internal > 100  # glossary terms, note calls and paragraph links


def resolves(reader, named: set[str], target) -> bool:
    """A link's destination is a named one of the document, or a place on one of its pages (footnotes)."""
    target = target.get_object()
    if isinstance(target, str):
        return str(target) in named
    pages = {page.indirect_reference.idnum for page in reader.pages}
    return len(target) >= 2 and target[0].idnum in pages


def chapter_pages(reader) -> tuple[int, int]:
    top = [item for item in reader.outline if not isinstance(item, list)]
    titles = [item.title for item in top]
    first = reader.get_destination_page_number(top[titles.index("Introduction")])
    last = reader.get_destination_page_number(top[titles.index("Glossary")])
    return first, last


def test_glossary_links_in_the_chapters_jump_to_the_entries_in_the_book(book):
    _, reader = book
    destinations = reader.named_destinations
    glossary_page = reader.get_destination_page_number(next(i for i in reader.outline if not isinstance(i, list) and i.title == "Glossary"))
    entry = destinations["page-glossary-soviet"]
    assert reader.get_destination_page_number(entry) > glossary_page


def test_the_text_is_there_with_paragraph_numbers_and_footnotes_on_their_page(book):
    path, reader = book
    first, _ = chapter_pages(reader)
    text = " ".join(pdftotext(path, first + 1, first + 1).split())
    assert "1 The Russian revolution of October 1917" in text  # number in the margin, then the text
    assert "most important event of the twentieth century" in text
    assert "Julian (Old Style) calendar" in text  # the first note, at the foot of the same page


def test_backlinks_in_the_glossary_give_page_numbers(book):
    path, reader = book
    soviet = reader.get_destination_page_number(reader.named_destinations["page-glossary-soviet"])
    text = " ".join(pdftotext(path, soviet + 1, soviet + 2).split())
    assert "¶1 (p. " in text


def test_fonts_are_embedded_and_metadata_set(book):
    path, reader = book
    fonts = subprocess.run([poppler("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    assert reader.metadata.title == "What went wrong in Russia? A reading guide"
    assert "reading guide" in reader.metadata.subject
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged (PDF/UA-1)


def poppler(tool: str) -> str:
    return str(require_tool(Path(shutil.which(tool) or f"/usr/bin/{tool}"), "apt-get install poppler-utils (CI does)"))


def pdftotext(path, first: int, last: int, layout: bool = True) -> str:
    return subprocess.run([poppler("pdftotext"), "-f", str(first), "-l", str(last), *(["-layout"] if layout else []),
                           str(path), "-"], capture_output=True, text=True, check=True).stdout


MINI_PDF = """\
site_name: Mini
use_directory_urls: false
theme: {{name: material, font: false}}
hooks: [{hooks}/guide.py]
markdown_extensions: [footnotes, attr_list, md_in_html, admonition]
extra:
  guide:
    pdf: {{file: book.pdf, page_size: {size}, pdf_ua: false}}
"""
DOCS = {"index.md": "# Home\n", "c1.md": chapter(1, "One", "Lenin spoke.[^a]\n\n[^a]: A note. Source: A. Historian, *A Life* (A Press, 2001).")}
GLOSSARY = {"lenin.md": entry("Lenin", "A leader.", category="person")}


def build_mini(tmp_path, size="A5", env=None, python_prelude=""):
    config = write_project(tmp_path / "p", DOCS, GLOSSARY, config=MINI_PDF.format(hooks=ROOT / "hooks", size=size))
    code = python_prelude + "from mkdocs.__main__ import cli; cli()"
    return subprocess.run([sys.executable, "-c", code, "build", "--strict", "-f", str(config), "-d", str(tmp_path / "site")],
                          capture_output=True, text=True, timeout=300, env=env)


def test_a5_is_an_option(tmp_path):
    run = build_mini(tmp_path, "A5")
    assert run.returncode == 0, run.stderr
    box = PdfReader(tmp_path / "site" / "book.pdf").pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (148, 210)


def test_the_switch_skips_the_pdf(tmp_path):
    import os

    run = build_mini(tmp_path, env={**os.environ, "GUIDE_BOOKS": "0"})
    assert run.returncode == 0, run.stderr
    assert not (tmp_path / "site" / "book.pdf").exists()
    assert (tmp_path / "site" / "c1.html").exists()


def test_missing_typst_says_what_to_install(tmp_path):
    run = build_mini(tmp_path, python_prelude="import sys; sys.modules['typst'] = None; ")
    assert run.returncode != 0
    assert "The PDF book needs typst" in run.stderr and "GUIDE_BOOKS=0" in run.stderr
    assert "Traceback" not in run.stderr


def letters(text: str) -> str:
    """Only the letters, lower case: line breaks, hyphenation, quotes and note numbers do not matter."""
    return "".join(c for c in text.casefold() if c.isalpha())


def chapter_paragraphs(site) -> list[tuple[str, str]]:
    """(id, text) of every numbered paragraph of every chapter, in reading order, from the built site."""
    found = []
    for name in sorted((site / "chapters").glob("*.html")):
        for para in soup(name).select("div.article p.para"):
            for control in para.select("a.para-num, sup"):
                control.decompose()
            found.append((f"{name.stem}#{para['id']}", para.get_text()))
    return found


def find_in_order(stream: str, words: list[str], start: int, window: int = 20000) -> int:
    """Where the words end in `stream`, read from `start`; chunks of five words, each found right after
    the one before or, where a page ends inside a chunk (header, footer, footnotes between), a little later."""
    pos = start
    for i in range(0, len(words), 5):
        chunk = words[i:i + 5]
        whole = letters(" ".join(chunk))
        if stream.startswith(whole, pos):
            pos += len(whole)
            continue
        for cut in range(len(chunk) - 1, -1, -1):  # the part before the page break, then the rest further on
            head, tail = letters(" ".join(chunk[:cut])), letters(" ".join(chunk[cut:]))
            if stream.startswith(head, pos):
                found = stream.find(tail, pos + len(head))
                if tail and 0 <= found - pos <= window:
                    pos = found + len(tail)
                    break
                if not tail:
                    pos += len(head)
                    break
        else:
            raise AssertionError(f"not found in order: {' '.join(chunk)!r}")
    return pos


def test_every_paragraph_of_every_chapter_is_in_the_text_in_order(book, guide_site):
    path, reader = book
    first, _ = chapter_pages(reader)
    stream = letters(pdftotext(path, first + 1, len(reader.pages), layout=False))
    paragraphs = chapter_paragraphs(guide_site)
    assert len(paragraphs) >= 25
    pos = 0
    for name, text in paragraphs:
        words = text.split()
        start = stream.find(letters(" ".join(words[:5])), pos)
        assert start >= 0, f"{name}: its beginning is not in the PDF after the paragraph before it"
        pos = find_in_order(stream, words, start)


def test_a_terms_page_in_the_glossary_is_a_page_where_it_occurs(book, guide_site):
    path, reader = book
    pages = pdftotext(path, 1, len(reader.pages), layout=False).split("\f")
    destinations = reader.named_destinations
    checked = 0
    for entry_page in sorted((guide_site / "glossary").glob("*.html")):
        html = soup(entry_page)
        places = html.select("ul.places a")
        if not places or entry_page.name == "index.html":
            continue
        key = f"page-glossary-{entry_page.stem}"
        first = reader.get_destination_page_number(destinations[key])
        text = " ".join(pages[first:first + 3])
        summary = html.select_one("p.entry-summary").get_text().strip()
        text = " ".join(text.replace("\xad\n", "").split())  # hyphenated words whole; the no-break space after p.
        own = text[text.find(" ".join(summary.split())[:60]):]  # from this entry's summary on
        own = own[own.find("Where it occurs in the text"):]
        printed = re.findall(r"¶(\d+) \(p\. (\d+)\)", own)[:len(places)]
        assert len(printed) == len(places), f"{entry_page.name}: the glossary gives no page for some places"
        for link, (number, printed_page) in zip(places, printed, strict=True):
            assert link.get_text().endswith(f"¶{number}")
            page = int(printed_page)
            chapter, anchor = link["href"].split("/")[-1].split("#")
            para = soup(guide_site / "chapters" / chapter).select_one(f"#{anchor}")
            terms = [t.get_text() for t in para.select(".glossary-term")
                     if t.get("href", "").endswith(f"/{entry_page.name}") or t.get("title") == summary]
            assert terms, f"{entry_page.name}: no occurrence in {chapter}#{anchor}"
            assert letters(terms[0]) in letters(pages[page - 1]), \
                f"{entry_page.name}: '{terms[0]}' ({chapter}#{anchor}) is not on p. {page}, where the glossary says it is"
            checked += 1
    assert checked > 100



def test_a_control_character_in_the_text_does_not_stop_the_books(tmp_path):
    """No font has a glyph for U+0093 (left by a mis-decoded "œ"): the books leave it out, the site keeps it."""
    docs = {**DOCS, "c1.md": chapter(1, "One", "Lenin spoke of the Ph\u00c5\u0093nician Baal.")}
    tagged = MINI_PDF.format(hooks=ROOT / "hooks", size="A4").replace("pdf_ua: false", "pdf_ua: true")
    site = build_site(write_project(tmp_path / "p", docs, GLOSSARY, config=tagged), tmp_path / "site")
    assert "Ph\u00c5\u0093nician" in (site / "c1.html").read_text(encoding="utf-8")
    text = subprocess.run(["pdftotext", str(site / "book.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "PhÅnician" in text
