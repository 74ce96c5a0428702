"""Each corpus book imported as a new guide: the structure its README row gives, the metadata in
the site name, the About page and the books' cover, no metadata chapter, fidelity, a strict build."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from reading_guide import testing

from conftest import ROOT, build_site, run_cli, soup

BOOKS = ROOT / "tests" / "fixtures" / "import"
# file: (title, author, year, {part: chapters} or a chapter count, sections as (chapter, count))
CORPUS = {
    "thoreau-civil-disobedience": ("Civil Disobedience", "Henry David Thoreau", "1849", 1, []),
    "mill-on-liberty": ("On Liberty", "John Stuart Mill", "1859", 5, []),
    "rousseau-social-contract": ("The Social Contract", "Jean-Jacques Rousseau", "1762",
                                 {None: 1, "BOOK I": 9, "BOOK II": 12, "BOOK III": 18, "BOOK IV": 9}, []),
    "wollstonecraft-vindication": ("A Vindication of the Rights of Woman", "Mary Wollstonecraft", "1792", 14,
                                   [("CHAPTER 5.", 5), ("CHAPTER 13.", 6)]),
    "goldman-my-disillusionment-in-russia": ("My Disillusionment in Russia", "Emma Goldman", "1923",
                                             {"My Disillusionment in Russia": 21, "My Further Disillusionment in Russia": 12}, []),
}


def yaml_of(config: Path) -> dict:
    return yaml.load(config.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # !ENV stays a plain list


def chapters_by_part(nav: list) -> dict[str | None, int]:
    text = next(item for item in nav if isinstance(item, dict) and "The text" in item)["The text"]
    counts: dict[str | None, int] = {}
    for item in text:
        if isinstance(item, str):
            counts[None] = counts.get(None, 0) + 1
        else:
            (part, pages), = item.items()
            counts[part] = sum(1 for page in pages if "/part-" not in page)
    return counts


@pytest.fixture(scope="module", params=CORPUS)
def guide(request, tmp_path_factory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp(request.param) / "guide"
    run = run_cli("new", str(BOOKS / f"{request.param}.md"), str(folder),
                  "--no-candidates")  # the candidates have tests of their own
    assert run.returncode == 0, run.stderr
    return request.param, folder


def test_the_structure_and_metadata_are_the_books(guide):
    name, folder = guide
    title, author, year, parts, sections = CORPUS[name]
    config = yaml_of(folder / "mkdocs.yml")
    assert config["site_name"] == title and config["site_author"] == author
    counts = chapters_by_part(config["nav"])
    assert counts == (parts if isinstance(parts, dict) else {None: parts})
    pages = sorted((folder / "docs" / "chapters").glob("*.md"))
    assert not any("Title:" in p.read_text(encoding="utf-8").split("\n# ", 1)[1].split("\n", 1)[0] for p in pages)
    for label, count in sections:
        page = next(p for p in pages if f"# {label}" in p.read_text(encoding="utf-8"))
        assert page.read_text(encoding="utf-8").count("\n## SECTION") == count, page
    about = (folder / "docs" / "about.md").read_text(encoding="utf-8")
    assert title in about and author in about and year in about


def test_every_word_of_the_book_is_in_its_chapters(guide):
    _, folder = guide
    assert testing.fidelity_problems(folder / "mkdocs.yml") == []


@pytest.mark.slow
def test_the_guide_builds_strict_clean_with_the_cover_naming_the_book(guide, tmp_path):
    name, folder = guide
    title, author, _, _, _ = CORPUS[name]
    site = build_site(folder / "mkdocs.yml", tmp_path / "site")
    assert testing.broken_links(site) == []
    assert soup(site / "index.html").select_one("h1").get_text().rstrip("¶") == title
    pdf = next((site / "pdf").glob("*.pdf"))
    cover = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert title.split()[-1] in cover and author in cover
