"""The real guide, built once: fidelity to the source article, chapters, links and back-links."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import ROOT, soup

SOURCE = ROOT / "source" / "what-went-wrong-in-russia.txt"
CORRECTIONS = yaml.safe_load((ROOT / "source" / "corrections.yml").read_text(encoding="utf-8"))
CHAPTERS = [p.relative_to(ROOT / "docs").as_posix() for p in sorted((ROOT / "docs" / "chapters").glob("*.md"))]


def source_sections() -> list[tuple[str, list[str]]]:
    """(heading, paragraphs) of the source: the title line, then the untitled opening, then sections.

    A heading is a short block without final punctuation; everything else is a paragraph.
    """
    blocks = [" ".join(b.split()) for b in SOURCE.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    sections: list[tuple[str, list[str]]] = [("Introduction", [])]
    for block in blocks[1:]:
        if len(block) < 60 and not block.endswith((".", "?", "!", "”")):
            sections.append((block, []))
        else:
            sections[-1][1].append(block)
    return sections


def corrected(sections):
    result = [(title, list(paragraphs)) for title, paragraphs in sections]
    for fix in CORRECTIONS:
        paragraphs = result[fix["chapter"] - 1][1]
        index = fix["paragraph"] - 1
        assert paragraphs[index].count(fix["original"]) == 1, fix
        paragraphs[index] = paragraphs[index].replace(fix["original"], fix["corrected"])
    return result


def article_text(page) -> tuple[str, list[str]]:
    """The chapter's heading and its article paragraphs, with everything the guide added removed."""
    for note in page.select("div.article a.footnote-ref"):
        note.parent.decompose() if note.parent.name == "sup" else note.decompose()
    for added in page.select("div.article .para-num"):
        added.decompose()
    paragraphs = [" ".join(p.get_text().split()) for p in page.select("div.article > p.para")]
    return page.select_one("article h1").get_text().rstrip("¶").strip(), paragraphs


def built_chapters(site: Path) -> list[tuple[str, list[str]]]:
    return [article_text(soup(site / name.replace(".md", ".html"))) for name in CHAPTERS]


def test_the_source_has_the_expected_shape():
    titles = [t for t, _ in source_sections()]
    assert titles == ["Introduction", "Workers’ power", "Civil war", "World revolution",
                      "‘Socialism in one country’", "Trotskyism – the revolutionary opposition"]


def test_every_word_of_the_article_is_in_the_chapters_in_order(guide_site):
    """Fidelity: the chapters, stripped of the guide's additions, are the source (plus listed corrections)."""
    assert built_chapters(guide_site) == corrected(source_sections())


def test_the_fidelity_check_catches_a_changed_word(guide_site):
    chapters = built_chapters(guide_site)
    _title, paragraphs = chapters[2]
    paragraphs[0] = paragraphs[0].replace("backward", "forward", 1)
    assert chapters != corrected(source_sections())


def test_every_correction_is_listed_on_the_about_page(guide_site):
    about = " ".join(soup(guide_site / "about.html").get_text().split())
    for fix in CORRECTIONS:
        assert fix["original"] in about and fix["corrected"] in about, fix
        anchor = f"p{fix['chapter']}-{fix['paragraph']}"
        assert soup(guide_site / "about.html").select(f'a[href$="#{anchor}"]'), anchor


def test_chapters_in_reading_order_with_previous_and_next(guide_site):
    pages = [soup(guide_site / name.replace(".md", ".html")) for name in CHAPTERS]
    for number, page in enumerate(pages, start=1):
        assert page.select_one("div.article p.para")["id"] == f"p{number}-1"
        following = page.select_one("a.md-footer__link--next")
        if number < len(pages):
            assert following["href"] == Path(CHAPTERS[number]).with_suffix(".html").name


def test_every_link_and_backlink_points_at_a_page_and_anchor_that_exist(guide_site):
    checked = 0
    for page_path in guide_site.rglob("*.html"):
        page = soup(page_path)
        for a in page.select("a.glossary-term, ul a[href*='#p']"):
            target, _, anchor = a["href"].partition("#")
            file = (page_path.parent / target).resolve() if target else page_path
            assert file.exists(), (page_path, a["href"])
            if anchor:
                assert soup(file).find(id=anchor), (page_path, a["href"])
            checked += 1
    assert checked > 300


def test_each_glossary_term_links_from_the_text_and_lists_its_paragraphs(guide_site):
    soviet = soup(guide_site / "glossary" / "soviet.html")
    places = [a["href"] for a in soviet.select("#where-it-occurs-in-the-text + ul a")]
    assert "../chapters/2-workers-power.html#p2-1" in places
    chapter = soup(guide_site / "chapters" / "2-workers-power.html")
    first = chapter.select_one("#p2-1 a.glossary-term[href='../glossary/soviet.html']")
    assert first is not None and first["title"]


def test_nothing_in_the_pages_loads_from_another_host(guide_site):
    """Scripts, styles, fonts and images all come from the site itself (the browser test watches requests)."""
    checked = 0
    for path in guide_site.rglob("*.html"):
        for tag in soup(path).select("script[src], link[href], img[src], iframe[src], source[src]"):
            url = tag.get("src") or tag.get("href")
            if tag.name == "link" and set(tag.get("rel", [])) & {"canonical", "alternate"}:
                continue  # a reference, not a request
            assert not re.match(r"^(https?:)?//", url), (path, str(tag))
            checked += 1
    assert checked > 100
    css = "".join(p.read_text(encoding="utf-8") for p in guide_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css
