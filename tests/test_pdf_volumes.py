"""A big book's PDF in volumes (issue 24): our guide built with a word budget that cuts it in five,
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
BUDGET = 12_000  # words: our guide's chapters in two volumes, its glossary in more
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
    assert [(v.first, v.last) for v in volumes] == [("about", "a2"), ("b0", "b1"), ("b2", "timeline")]
    assert [v.number for v in volumes] == [1, 2, 3]
    assert volume_file("pdf/guide.pdf", 2) == "pdf/guide-2.pdf"


def test_a_part_that_fits_in_a_volume_is_not_cut_where_its_chapters_would_fill_the_one_before():
    sections = (*(section(f"a{i}", "chapter", 300, "Book I") for i in range(2)),
                *(section(f"b{i}", "chapter", 300, "Book II") for i in range(2)), section("glossary", "appendix", 20))
    volumes = plan(Book(BookMeta("T", "S", "1"), sections, Path()), 1_000)
    assert keys(volumes) == [["a0", "a1"], ["b0", "b1", "glossary"]]


def test_a_glossary_longer_than_a_volume_is_cut_between_entries():
    sections = (section("c1", "chapter", 500), section("glossary", "appendix", 50),
                *(section(f"e{i}", "entry", 300) for i in range(5)), section("timeline", "appendix", 100))
    volumes = plan(Book(BookMeta("T", "S", "1"), sections, Path()), 1_000)
    assert keys(volumes) == [["c1", "glossary", "e0"], ["e1", "e2", "e3"], ["e4", "timeline"]]
    assert (volumes[1].first, volumes[1].last) == ("glossary: e1", "glossary: e3")


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
    """The volumes' files, in order (their count from the folder)."""
    paths = []
    while (site / volume_file(SETTINGS["file"], len(paths) + 1)).exists():
        paths.append(site / volume_file(SETTINGS["file"], len(paths) + 1))
    return paths


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
    paths = volume_paths(volumes_site)
    assert len(paths) >= 4 and all(p.exists() for p in paths)
    assert not (volumes_site / SETTINGS["file"]).exists()


@pytest.mark.slow
def test_the_volumes_together_are_the_one_pdf(volumes_site, guide_site):
    """Up to the glossary, the same text on the same pages: so the page numbers and the notes' numbers
    go on from volume to volume (volumes end between chapters, which begin on a new page). The glossary,
    longer than a volume, is cut between entries, and a volume begins on a new page: from there the same
    text, in the same order, on pages numbered on from the volume before. The one difference allowed in
    the text: a page reference from the front matter to a later volume says which volume ("vol. 2"), as
    its page is not known yet when the first volume is laid out."""
    one = body(guide_site / SETTINGS["file"])
    volumes = [body(path) for path in volume_paths(volumes_site)]
    assert len(volumes) >= 4
    spans = [(footer(volume[0]), footer(volume[-1])) for volume in volumes]
    assert [first for first, _ in spans[1:]] == [last + 1 for _, last in spans[:-1]], spans
    together = [page for volume in volumes for page in volume]
    glossary = next(n for n, page in enumerate(one) if page.startswith("Glossary "))
    assert glossary > 15 and together[glossary] == one[glossary]
    forward = 0
    for number, (mine, theirs) in enumerate(zip(together[:glossary], one[:glossary], strict=True)):
        assert REF.split(mine)[::2] == REF.split(theirs)[::2], f"page {number + 1} of the book differs"
        for (kind, got), expected in zip(re.findall(r"\((p|vol)\.\s(\d+)\)", mine), REF.findall(theirs), strict=True):
            if kind == "p":
                assert got == expected, f"page {number + 1}: p. {got}, the one PDF says p. {expected}"
            else:  # the page is in the volume named
                first, last = spans[int(got) - 1]
                assert first <= int(expected) <= last
                forward += 1
    assert 0 < forward <= 3  # only the front matter's few
    assert text_of(together[glossary:]) == text_of(one[glossary:])


def text_of(pages: list[str]) -> str:
    """The pages' text without their furniture: the running header (the appendix's title), the page number."""
    titles = ("Glossary", "Timeline", "Discussion questions", "Running a study group", "Further reading")
    kept = []
    for page in pages:
        words = page.split()
        words = words[:-1] if words and words[-1].isdigit() else words
        text = " ".join(words)
        for title in titles:
            text = text.removeprefix(title + " ")
        kept.append(text)
    return " ".join(kept)


@pytest.mark.slow
def test_the_glossarys_places_give_the_pages_of_the_earlier_volumes(volumes_site, guide_site):
    """The glossary's list of places prints the page of each occurrence in the chapters, which are all
    in volumes before the glossary's: pages those volumes reported, as many as the one PDF prints."""
    one = body(guide_site / SETTINGS["file"])
    glossary = next(n for n, page in enumerate(one) if page.startswith("Glossary "))
    printed = [int(page) for text in one[glossary:] for page in re.findall(r"¶\d+ \(p\. (\d+)\)", text)]
    volumes = [body(path) for path in volume_paths(volumes_site)]
    with_glossary = [n for n, volume in enumerate(volumes) if any(page.startswith("Glossary ") for page in volume)]
    assert with_glossary and with_glossary[0] > 0
    places, earlier = [], 0
    for volume in volumes[with_glossary[0]:]:
        starts = footer(volume[0])
        here = [int(page) for text in volume for page in re.findall(r"¶\d+ \(p\. (\d+)\)", text)]
        assert "(vol. " not in " ".join(volume)
        places += here
        earlier += len([p for p in here if p < starts])
    assert places == printed and earlier > 50


@pytest.mark.slow
def test_each_volume_has_its_cover_line_contents_and_outline(volumes_site, guide_site):
    """Each volume's outline is its part of the one PDF's: together, the same titles in the same order."""
    paths = volume_paths(volumes_site)
    seen = []
    for number, path in enumerate(paths, start=1):
        reader = PdfReader(path)
        cover = pages(path)[0]
        assert f"Volume {number} of {len(paths)}" in cover
        assert reader.metadata.title.endswith(f"(Volume {number} of {len(paths)})")
        top = [item.title for item in reader.outline if not isinstance(item, list)]
        assert top[-1] in cover  # its first and last section on the cover (an entry after its glossary's title)
        assert "Contents" in " ".join(pages(path)[1:3])
        seen += flat(reader.outline)
    assert seen == flat(PdfReader(guide_site / SETTINGS["file"]).outline)
    assert seen[0] == "About this guide" and seen[-1] == "Further reading" and "Glossary" in seen


def flat(outline) -> list[str]:
    return [title for item in outline for title in (flat(item) if isinstance(item, list) else [item.title])]


@pytest.mark.slow
def test_a_link_to_another_volume_goes_to_its_place_in_that_file(volumes_site):
    """A PDF cannot link inside another file: a link to another volume names the file and, in an earlier
    volume, the page there (which that volume reported), in a later one its section's named destination
    (Typst makes one for each labelled heading)."""
    paths = volume_paths(volumes_site)
    readers = {path.name: PdfReader(path) for path in paths}
    names = {name: set(reader.named_destinations) for name, reader in readers.items()}
    back = forward = 0
    for number, path in enumerate(paths, start=1):
        for page in readers[path.name].pages:
            for annotation in page.get("/Annots", []):
                action = annotation.get_object().get("/A")
                uri = str(action.get("/URI", "")) if action is not None else ""
                if not uri.startswith(tuple(names)):
                    continue
                file, destination = uri.split("#")
                other = [p.name for p in paths].index(file) + 1
                assert other != number, uri
                if destination.startswith("nameddest="):
                    assert other > number and destination.removeprefix("nameddest=") in names[file], uri
                    forward += 1
                else:
                    assert other < number and 1 <= int(destination.removeprefix("page=")) <= len(readers[file].pages), uri
                    back += 1
    assert forward > 20 and back > 50


@pytest.mark.slow
def test_the_site_links_every_volume(volumes_site):
    count = len(volume_paths(volumes_site))
    page = BeautifulSoup((volumes_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = page.select("a.guide-pdf-link")
    assert [a["href"] for a in links] == [volume_file(SETTINGS["file"], n) for n in range(1, count + 1)]
    assert [a["data-volume"] for a in links] == [str(n) for n in range(1, count + 1)]
    assert [a["aria-label"].split(" (")[0] for a in links] == [
        f"Download volume {n} of {count} of the guide as a PDF book" for n in range(1, count + 1)]
    assert links[0]["title"] == links[0].get_text() == f"Volume 1 of {count}: About this guide to World revolution"
    menu = page.select_one("header details.guide-volumes")  # one icon: the header has no room for ten
    assert menu.select("a") == links and not menu.has_attr("open")
    assert menu.summary["aria-label"].startswith(f"The whole guide as a PDF book in {count} volumes")
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


@pytest.mark.slow
def test_the_compile_path_writes_the_volumes_and_links_each(tmp_path, monkeypatch):
    """The books of a site another engine built (compile/site_books.py) come in volumes alike, and the
    finished pages' headers link each (compile/site_pages.py). The site here is MkDocs' (the same
    Material pages Zensical writes), the books left to the compile path."""
    from reading_guide.compile.site_books import write_books
    from reading_guide.compile.site_pages import finish_pages
    from reading_guide.compile.stage import compile_guide

    from conftest import build_site

    words = " ".join(["Lenin spoke to the workers."] * 20)
    docs = {"index.md": "# Home\n", **{f"c{n}.md": chapter(n, f"Chapter {n}", words) for n in (1, 2, 3)}}
    config = write_project(tmp_path / "p", docs, {"lenin.md": entry("Lenin", "A leader.", category="person")},
                           extra="pdf: {file: pdf/book.pdf, volume_words: 150, pdf_ua: false}\nepub: false\n")
    config.write_text(config.read_text().replace("    pdf: false\n", ""))
    monkeypatch.setenv("GUIDE_BOOKS", "0")
    site = build_site(config, tmp_path / "site")
    monkeypatch.delenv("GUIDE_BOOKS")
    result = compile_guide(config)
    lines = write_books(result, site)
    assert [(site / "pdf" / f"book-{n}.pdf").exists() for n in (1, 2, 3, 4)] == [True, True, True, False]
    assert any("pdf/book-1.pdf" in line and "pdf/book-3.pdf" in line for line in lines), lines
    finish_pages(result, site)
    page = BeautifulSoup((site / "c2.html").read_text(encoding="utf-8"), "html.parser")
    links = page.select("a.guide-pdf-link")
    assert [(a["href"], a["data-volume"]) for a in links] == [(f"pdf/book-{n}.pdf", str(n)) for n in (1, 2, 3)]
    assert links[2]["title"] == links[2].get_text() == "Volume 3 of 3: Chapter 3 to Glossary: Lenin"
    menu = page.select_one("header details.guide-volumes")
    assert menu.select("a") == links and menu.summary["title"] == "The whole guide as a PDF book in 3 volumes"
