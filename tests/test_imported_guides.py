"""A guide imported from a real book builds strict and passes its own tests with nothing edited; a part's
own text is a full page of the guide.

The corpus: tests/fixtures/gutenberg (15 Project Gutenberg books as distributed), each from its plain
text and from its HTML edition. Three books run in the default suite; the other twelve are marked `corpus` (pytest.ini leaves them out by default;
.ci/run runs them). Each guide runs its own tests (tests/test_guide.py of the new project: a strict
build, fidelity, links, no other host) with GUIDE_BOOKS=0, except one book that makes its PDF and EPUB.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_site, entry, soup

pytestmark = pytest.mark.slow

CORPUS = ROOT / "tests" / "fixtures" / "gutenberg"
DEFAULT = ("wells-southern-horrors", "plato-apology", "bakunin-god-and-state")  # short; contents-less; advertisements
BOOKS = sorted(p.name for p in CORPUS.iterdir() if (p / "text.txt").is_file())
WITH_BOOKS = "wells-southern-horrors"  # the one that also writes its PDF and EPUB


def new_guide(text: Path, folder: Path) -> str:
    run = subprocess.run([sys.executable, "-m", "reading_guide.cli", "new", str(text), str(folder)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return run.stdout


@pytest.mark.parametrize("edition", ["text.txt", "edition.htm"], ids=["text", "html"])
@pytest.mark.parametrize("book", [b if b in DEFAULT else pytest.param(b, marks=pytest.mark.corpus) for b in BOOKS])
def test_a_guide_imported_from_a_corpus_book_passes_its_own_tests_unedited(book, edition, tmp_path):
    folder = tmp_path / "guide"
    new_guide(CORPUS / book / edition, folder)
    env = dict(os.environ, GUIDE_BOOKS="1" if book == WITH_BOOKS and edition == "text.txt" else "0", NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"], cwd=folder,
                         capture_output=True, text=True, timeout=900, env=env)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "4 passed" in run.stdout


def test_a_parts_own_text_is_a_full_page_reached_from_the_home_page(tmp_path):
    # tests/fixtures/import/gutenberg-style.txt: "PART I. THE SUPPLY" has a paragraph of its own ("The town drank
    # from its wells …") before its first chapter; the term "parish" occurs nowhere else in the text
    folder = tmp_path / "guide"
    new_guide(ROOT / "tests" / "fixtures" / "import" / "gutenberg-style.txt", folder)
    home = (folder / "docs" / "index.md").read_text(encoding="utf-8")
    assert "(chapters/part-1-the-supply.md)" in home.split("\n")[-2]  # "Begin with" the part's own page
    (folder / "glossary" / "wells.md").write_text(entry("wells", aliases=["well"]), encoding="utf-8")
    text = (folder / "docs" / "chapters" / "part-1-the-supply.md").read_text(encoding="utf-8")
    assert "wells" in text
    site = build_site(folder / "mkdocs.yml", tmp_path / "site")
    part = soup(site / "chapters" / "part-1-the-supply.html")
    paragraph = part.select_one("div.article p.para")
    assert paragraph is not None and paragraph.get("id") == "p1-0-1"  # numbered: before chapter 1
    assert paragraph.select_one("a.para-num").get_text() == "1"
    assert paragraph.select_one("a.glossary-term, a[href*='glossary/wells']") is not None
    back = soup(site / "glossary" / "wells.html")
    assert back.select_one("a[href*='part-1-the-supply.html#p1-0-1']") is not None


def test_a_part_whose_own_text_is_all_it_holds_is_a_full_page_of_its_own(tmp_path):
    # tests/fixtures/html/contents-peer-parts.htm (burke's HTML edition, trimmed): the second work has no heading
    # under its title, and the third work's preface comes before its chapter: two part pages before chapter 3
    folder = tmp_path / "guide"
    new_guide(ROOT / "tests" / "fixtures" / "html" / "contents-peer-parts.htm", folder)
    alone, next_part = "part-2-substance-of-the-speech-in-the-debate-on", "part-3-reflections-on-the-revolution-in-france"
    nav = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    assert nav.index("chapters/2-speech.md") < nav.index(f"chapters/{alone}.md") < nav.index(f"chapters/{next_part}.md")
    (folder / "glossary" / "estimates.md").write_text(entry("army estimates"), encoding="utf-8")
    site = build_site(folder / "mkdocs.yml", tmp_path / "site")
    first = soup(site / "chapters" / f"{alone}.html").select_one("div.article p.para")
    second = soup(site / "chapters" / f"{next_part}.html").select_one("div.article p.para")
    assert first is not None and second is not None
    assert first.get("id") == "p3-0-1" and second.get("id") == "p3-0b-1"  # both before chapter 3, each its own
    assert first.select_one("a[href*='glossary/estimates']") is not None
    back = soup(site / "glossary" / "estimates.html")
    assert back.select_one(f"a[href*='{alone}.html#p3-0-1']") is not None


def test_a_markdown_page_saved_from_a_website_makes_a_guide_that_passes_its_own_tests(tmp_path):
    # tests/fixtures/import/web/thoreau-static-site.md: front matter, pandoc attributes and fences, links to the
    # old site's pages, an empty heading (see tests/test_import_markdown.py)
    folder = tmp_path / "guide"
    report = new_guide(ROOT / "tests" / "fixtures" / "import" / "web" / "thoreau-static-site.md", folder)
    assert "removed a link to 'part-2.md'" in report
    env = dict(os.environ, GUIDE_BOOKS="0", NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"], cwd=folder,
                         capture_output=True, text=True, timeout=900, env=env)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
