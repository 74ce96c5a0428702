"""A big book's PDF in volumes (issue 24): our guide built with a word budget that cuts it in three,
against the same guide's PDF in one file (the session's guide_site). The volumes together must be the
one PDF: the same text on the same pages, page and note numbers carried on, the glossary's places with
the pages of the earlier volumes; each volume has its cover line, contents and outline; the site links
every volume; a volume that fails fails the build with one message."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from pypdf import PdfReader

from reading_guide.book.model import Book, BookMeta, Paragraph, Section, Text
from reading_guide.book.volumes import plan, volume_file

from conftest import BOOK_SWITCHES, ROOT, chapter, entry, write_project

SETTINGS = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!ENV", ""))["extra"]["guide"]["pdf"]
BUDGET = 12_000  # our guide has about 35,000 words: three volumes
REF = re.compile(r"\((?:p|vol)\.\s(\d+)\)")


# The plan (fast) -------------------------------------------------------------------------------

def section(key: str, part: str, words: int, book_part: str | None = None) -> Section:
    return Section(key=key, src=f"{key}.md", title=key, part=part, level=1 if part != "entry" else 2,
                   blocks=(Paragraph(children=(Text(" ".join(["word"] * words)),)),), book_part=book_part)


def keys(volumes) -> list[list[str]]:
    return [[s.key for s in v.sections] for v in volumes]


def test_a_book_under_the_budget_is_one_volume():
    sections = (section("about", "front", 50), section("c1", "chapter", 500), section("glossary", "appendix", 50))
    assert keys(plan(Book(BookMeta("T", "S", "1"), sections, Path()), 1_000)) == [["about", "c1", "glossary"]]


def test_volumes_end_at_parts_then_chapters_front_first_appendices_last():
    sections = (section("about", "front", 10),
                *(section(f"a{i}", "chapter", 300, "Book I") for i in range(3)),  # a part that fits: kept whole
                *(section(f"b{i}", "chapter", 400, "Book II") for i in range(4)),  # too long: cut at chapters
                section("glossary", "appendix", 20), section("e1", "entry", 20), section("timeline", "appendix", 20))
    volumes = plan(Book(BookMeta("T", "S", "1"), sections, Path()), 1_000)
    assert keys(volumes) == [["about", "a0", "a1", "a2"], ["b0", "b1"], ["b2", "b3", "glossary", "e1", "timeline"]]
    assert [v.number for v in volumes] == [1, 2, 3]
    assert volume_file("pdf/guide.pdf", 2) == "pdf/guide-2.pdf"


# Our guide in volumes (slow: two builds of it) ----------------------------------------------------

@pytest.fixture(scope="module")
def volumes_site(tmp_path_factory) -> Path:
    import os

    for name in BOOK_SWITCHES:
        os.environ.pop(name, None)
    site = tmp_path_factory.mktemp("volumes") / "site"
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.extra["guide"]["pdf"]["volume_words"] = BUDGET
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site


def volume_paths(site: Path) -> list[Path]:
    return [site / volume_file(SETTINGS["file"], n) for n in (1, 2, 3)]


def pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


def body(path: Path) -> list[str]:
    """The pages from the first of the outline on: what the volume holds of the book."""
    reader = PdfReader(path)
    first = reader.get_destination_page_number(next(i for i in reader.outline if not isinstance(i, list)))
    return pages(path)[first:]


def footer(page: str) -> int:
    return int(page.rsplit(maxsplit=1)[-1])


@pytest.mark.slow
def test_a_book_over_the_budget_is_made_in_volumes_and_no_one_file(volumes_site):
    assert [p.exists() for p in volume_paths(volumes_site)] == [True, True, True]
    assert not (volumes_site / SETTINGS["file"]).exists()
    assert not (volumes_site / volume_file(SETTINGS["file"], 4)).exists()


@pytest.mark.slow
def test_the_volumes_together_are_the_one_pdf_page_by_page(volumes_site, guide_site):
    """Same text on the same pages: so the page numbers and the notes' numbers go on from volume to
    volume. The one difference allowed: a page reference from the front matter to a later volume says
    which volume ("vol. 2"), as its page is not known yet when the first volume is laid out."""
    one = body(guide_site / SETTINGS["file"])
    volumes = [body(path) for path in volume_paths(volumes_site)]
    together = [page for volume in volumes for page in volume]
    assert len(together) == len(one) > 60
    spans = []
    for volume in volumes:
        spans.append((footer(volume[0]), footer(volume[-1])))
    assert [first for first, _ in spans[1:]] == [last + 1 for _, last in spans[:-1]], spans
    forward = 0
    for number, (mine, theirs) in enumerate(zip(together, one, strict=True)):
        assert REF.split(mine)[::2] == REF.split(theirs)[::2], f"page {number + 1} of the book differs"
        for (text, got), expected in zip(re.findall(r"\((p|vol)\.\s(\d+)\)", mine), REF.findall(theirs), strict=True):
            if text == "p":
                assert got == expected, f"page {number + 1}: p. {got}, the one PDF says p. {expected}"
            else:  # the page is in the volume named
                first, last = spans[int(got) - 1]
                assert first <= int(expected) <= last
                forward += 1
    assert forward <= 3  # only the front matter's few


@pytest.mark.slow
def test_the_last_volumes_glossary_gives_pages_in_the_earlier_volumes(volumes_site):
    last = body(volume_paths(volumes_site)[-1])
    starts = footer(last[0])
    places = [int(page) for text in last for page in re.findall(r"¶\d+ \(p\. (\d+)\)", text)]
    assert len([p for p in places if p < starts]) > 100  # in the chapters, all in earlier volumes
    assert "Glossary" in " ".join(last)


@pytest.mark.slow
def test_each_volume_has_its_cover_line_contents_and_outline(volumes_site):
    seen = []
    for number, path in enumerate(volume_paths(volumes_site), start=1):
        reader = PdfReader(path)
        cover = pages(path)[0]
        assert f"Volume {number} of 3" in cover
        assert reader.metadata.title.endswith(f"(Volume {number} of 3)")
        top = [item.title for item in reader.outline if not isinstance(item, list)]
        assert top[-1] in cover  # its first and last chapter (or appendix) on the cover
        seen += top
    assert seen[0] == "About this guide" and seen[-1] == "Further reading"
    assert "Glossary" in seen and len(seen) == len(set(seen))  # each title in one volume


@pytest.mark.slow
def test_a_term_in_an_earlier_volume_links_to_its_entry_in_the_last(volumes_site):
    first, last = (PdfReader(p) for p in (volume_paths(volumes_site)[0], volume_paths(volumes_site)[-1]))
    uris = [annotation.get_object()["/A"].get("/URI") for page in first.pages for annotation in page.get("/Annots", [])
            if annotation.get_object().get("/A") is not None]
    name = Path(volume_file(SETTINGS["file"], 3)).name
    to_last = [str(uri) for uri in uris if uri is not None and str(uri).startswith(f"{name}#nameddest=")]
    assert to_last
    destinations = set(last.named_destinations)
    assert all(uri.split("=", 1)[1] in destinations for uri in to_last)


@pytest.mark.slow
def test_the_site_links_every_volume(volumes_site):
    page = BeautifulSoup((volumes_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = page.select("a.guide-pdf-link")
    assert [a["href"] for a in links] == [volume_file(SETTINGS["file"], n) for n in (1, 2, 3)]
    assert [a["aria-label"].split(" (")[0] for a in links] == [
        f"Download volume {n} of 3 of the guide as a PDF book" for n in (1, 2, 3)]
    assert links[0]["title"].startswith("Volume 1 of 3 of the guide as a PDF book: Introduction to ")
    assert page.select("a.guide-epub-link")


@pytest.mark.slow
def test_a_failing_volume_fails_the_build_with_one_message(tmp_path, caplog, monkeypatch):
    """The second volume's file is a folder of the site: its Typst process cannot write it."""
    monkeypatch.delenv("GUIDE_BOOKS", raising=False)
    monkeypatch.delenv("GUIDE_PDF", raising=False)
    words = " ".join(["Lenin spoke to the workers."] * 20)
    docs = {"index.md": "# Home\n", **{f"c{n}.md": chapter(n, f"Chapter {n}", words) for n in (1, 2, 3)},
            "pdf/book-2.pdf/readme.txt": "a folder where the volume goes"}
    config = write_project(tmp_path / "p", docs, {"lenin.md": entry("Lenin", "A leader.", category="person")},
                           extra="pdf: {file: pdf/book.pdf, volume_words: 150, pdf_ua: false}\n")
    config.write_text(config.read_text().replace("    pdf: false\n", ""))
    from mkdocs.exceptions import Abort

    from conftest import build_site

    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    failures = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(failures) == 1, failures
    assert failures[0].startswith("the PDF book: volume 2 of 3 (book-2.pdf): IsADirectoryError: "), failures
    assert f"(writing {tmp_path / 'site' / 'pdf' / 'book-2.pdf'}: check that it can be written)" in failures[0]
    assert (tmp_path / "site" / "pdf" / "book-1.pdf").exists()
