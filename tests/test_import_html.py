"""HTML and EPUB editions in: furniture dropped and reported, the text's own notes kept as the
author's, verse, quotes, tables and images kept, title, author and language from the markup."""

from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html
from outline_scoring import CORPUS, scorer

from reading_guide.core.sources import notes_without_sources
from reading_guide.importer.command import ImportOptions, import_text
from reading_guide.importer.describe import describe
from reading_guide.importer.errors import TextImportError
from reading_guide.importer.fidelity import check_fidelity
from reading_guide.importer.html_caption import caption_apart
from reading_guide.importer.layout import nav_items, text_pages
from reading_guide.importer.outline import outline_of
from reading_guide.importer.parse import read_text

from conftest import ROOT

PAGE = ROOT / "tests" / "fixtures" / "html" / "marxists-page.htm"


def test_a_marxists_page_keeps_its_text_and_drops_the_site_around_it():
    text = read_text(PAGE)
    assert (text.title, text.metadata.author, text.language) == ("On Bread and Printing Presses", "Rosa Weber", "en")
    assert [(o["level"], o["title"]) for o in outline_of(text)] == [
        ("chapter", "On Bread and Printing Presses"), ("section", "I. The Presses"), ("section", "II. The Bread")]
    dropped = " | ".join(d.what for d in text.dropped)
    assert "site navigation" in dropped and "transcription note" in dropped and "'Notes'" in dropped
    page = "\n".join(text_pages(text).values())
    for furniture in ("MIA", "Transcription", "Top of the page", "Works Index", "Public Domain"):
        assert furniture not in page
    assert "*every*" in page  # italics
    assert "> We set the words of others" in page  # a block quote
    assert "Set the line and set it straight,<br>\nthe loaf is small" in page and "{: .verse }" in page  # verse lines
    assert "<br>\n\u00a0\u00a0set the line and set it true" in page  # and its indentation
    assert "| 1905 | 12 | 2 marks |" in page  # a table
    assert "![A leaflet of the strike](../images/leaflet.png)" in page and dict(text.images)["leaflet.png"][:4] == b"\x89PNG"


def test_the_texts_own_notes_are_the_authors_and_need_no_source():
    text = read_text(PAGE)
    page = text_pages(text)["1-on-bread-and-printing-presses.md"]
    assert "price of bread.[^author-1]" in page and "counted by a clerk.[^author-2]" in page
    assert "[^author-1]: *Author's note:* A loaf of rye cost 30 pfennigs in the spring of 1907." in page
    assert page.index("</div>") < page.index("[^author-1]:")  # after the text, apart from it
    assert notes_without_sources(page, "page.md") == []
    guide_note = page + "\n[^c1-bread]: **Context.** A note of the guide's own.\n"
    assert notes_without_sources(guide_note, "page.md") != []  # the guide's notes still need a source


def test_every_word_of_the_page_is_in_the_chapters_and_a_lost_word_is_found(tmp_path):
    pages = text_pages(read_text(PAGE))
    assert check_fidelity(PAGE, pages).problems == []
    name = next(iter(pages))
    broken = {**pages, name: pages[name].replace("paid by the line", "paid by line")}
    assert check_fidelity(PAGE, broken).problems
    no_note = {**pages, name: pages[name].replace("The clerk was paid by the week.", "The clerk was paid.")}
    assert any("note 2" in p for p in check_fidelity(PAGE, no_note).problems)


def test_a_new_guide_from_a_page_copies_its_images_and_takes_its_language(tmp_path):
    german = tmp_path / "seite.html"
    german.write_text('<html lang="de-DE"><head><title>Über das Brot</title></head><body><h1>Über das Brot</h1>'
                      '<p>Die Drucker der Stadt arbeiten zwölf Stunden am Tag, und sie wissen, was das Brot kostet.'
                      '<a href="#n1" id="r1">1</a></p><p id="n1"><a href="#r1">1</a> Ein Laib kostete 30 Pfennig.</p>'
                      '</body></html>', encoding="utf-8")
    import_text(german, tmp_path / "guide", ImportOptions())
    config = (tmp_path / "guide" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "language: de" in config
    assert 'site_name: "Über das Brot"' in config  # no <meta charset>: read as UTF-8, not libxml2's Latin-1 guess
    chapter = next((tmp_path / "guide" / "docs" / "chapters").glob("*.md")).read_text(encoding="utf-8")
    assert "[^author-1]: *Anmerkung des Autors:* Ein Laib kostete 30 Pfennig." in chapter
    import_text(PAGE, tmp_path / "guide2", ImportOptions())
    assert (tmp_path / "guide2" / "docs" / "images" / "leaflet.png").is_file()
    assert "language: en" in (tmp_path / "guide2" / "mkdocs.yml").read_text(encoding="utf-8")


def test_an_html_file_that_is_not_html_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    with pytest.raises(TextImportError, match=r"empty\.html"):
        read_text(empty)
    furniture = tmp_path / "nav.html"
    furniture.write_text('<html><body><nav><a href="a.html">A</a></nav><h1>Title</h1></body></html>', encoding="utf-8")
    with pytest.raises(TextImportError, match="no paragraphs"):
        read_text(furniture)


def test_a_gutenberg_edition_drops_its_licence_contents_and_page_numbers():
    text = read_text(CORPUS / "kropotkin-conquest-of-bread" / "edition.htm")
    dropped = [d.what for d in text.dropped]
    assert any("Gutenberg header" in d for d in dropped) and any("Gutenberg licence" in d for d in dropped)
    assert any("table of contents" in d for d in dropped) and "title page" in dropped
    page = "\n".join(text_pages(text).values())
    assert "Project Gutenberg" not in page and "[Pg " not in page
    expected = json.loads((CORPUS / "kropotkin-conquest-of-bread" / "expected.json").read_text(encoding="utf-8"))
    assert scorer.score_book(expected["outline"], outline_of(text))["chapters_exact"]
    assert "[^author-1]: *Author's note:* 4,013,711 now employed" in page
    assert check_fidelity(CORPUS / "kropotkin-conquest-of-bread" / "edition.htm", text_pages(text)).problems == []


def test_a_wikisource_page_loses_its_header_edit_links_and_contents():
    source = ROOT / "tests" / "fixtures" / "html" / "wikisource-page.html"
    text = read_text(source)
    assert text.title == "The Lamplighters' Petition"
    assert [o["title"] for o in outline_of(text)] == ["The First Grievance", "The Second Grievance"]
    page = "\n".join(text_pages(text).values())
    assert "[edit]" not in page and "Lamplighters of the City" not in page and "1 First" not in page
    assert "paid for neither hour.[^author-1]" in page and "two hundred lamplighters" in page and "↑" not in page
    assert check_fidelity(source, text_pages(text)).problems == []


def test_an_hgroup_is_one_heading(tmp_path):
    source = tmp_path / "book.xhtml"
    source.write_text('<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
                      'xml:lang="en-US"><head><title>Two Essays | Standard Ebooks</title></head><body>'
                      '<section epub:type="chapter"><hgroup><h2 epub:type="ordinal">I</h2>'
                      '<p epub:type="title">Of Harbours</p></hgroup><p>The harbour is the heart of the town, and the '
                      'town knows it.</p></section><section epub:type="chapter"><hgroup><h2>II</h2><p>Of Boats</p>'
                      '</hgroup><p>A boat is a promise to come back.</p></section></body></html>', encoding="utf-8")
    text = read_text(source)
    assert (text.title, text.language) == ("Two Essays", "en")
    assert [c.title for c in text.chapters] == ["I: Of Harbours", "II: Of Boats"]
    assert check_fidelity(source, text_pages(text)).problems == []


def test_short_chapters_stay_chapters_and_a_title_block_is_text(tmp_path):
    short = tmp_path / "short.htm"
    short.write_text("<html><body><h1>Essay</h1><h2>One</h2><p>Text one is here.</p><h2>Two</h2>"
                     "<p>Text two is here.</p></body></html>", encoding="utf-8")
    assert [c.title for c in read_text(short).chapters] == ["One", "Two"]
    block = tmp_path / "block.htm"
    block.write_text("<html><body><h2>The Life of a Printer</h2><h3>Written by A. Writer</h3><h4>And sent to his friends"
                     "</h4><h2>A Printer 1850-1900</h2><p>He was born in the town and never left it, and he set type "
                     "for fifty years.</p></body></html>", encoding="utf-8")
    text = read_text(block)
    assert [c.title for c in text.chapters] == ["The Life of a Printer"]
    assert [b.text for b in text.chapters[0].blocks][:3] == ["Written by A. Writer", "And sent to his friends",
                                                             "A Printer 1850-1900"]


def test_an_introductions_own_headings_are_its_sections_before_labelled_chapters():
    source = ROOT / "tests" / "fixtures" / "html" / "introduction-sections.htm"
    text = read_text(source)
    assert outline_of(text)[:5] == [
        {"level": "chapter", "title": "INTRODUCTION"}, {"level": "section", "title": "YOUTH — Aet. 1-25—1469-94"},
        {"level": "section", "title": "OFFICE — Aet. 25-43—1494-1512"}, {"level": "chapter", "title": "DEDICATION"},
        {"level": "part", "title": "THE PRINCE"}]
    assert [c.title for c in text.chapters][2:] == [
        "CHAPTER I — HOW MANY KINDS OF PRINCIPALITIES THERE ARE, AND BY WHAT MEANS THEY ARE ACQUIRED",
        "CHAPTER II — CONCERNING HEREDITARY PRINCIPALITIES", "CHAPTER III — CONCERNING MIXED PRINCIPALITIES"]
    assert check_fidelity(source, text_pages(text)).problems == []


def test_a_works_title_with_only_an_epigraph_under_it_is_a_part():
    source = ROOT / "tests" / "fixtures" / "html" / "epigraph-part.htm"
    text = read_text(source)
    outline = outline_of(text)
    assert [o["level"] for o in outline[:4]] == ["part", "chapter", "chapter", "chapter"], outline
    assert outline[0]["title"].startswith("SPEECH ON THE MOTION MADE FOR PAPERS")
    assert [c.title for c in text.chapters][:3] == ["ADVERTISEMENT.", "SPEECH.", "APPENDIX."]
    assert {c.part for c in text.chapters} == {text.parts[0]}
    assert "JULIANI Epist. 17." in " ".join(b.text for b in text.parts[0].blocks)  # the epigraph is the part's
    assert check_fidelity(source, text_pages(text)).problems == []


def test_an_appendix_of_numbered_documents_below_the_chapters_holds_them_as_sections():
    source = ROOT / "tests" / "fixtures" / "html" / "appendix-documents.htm"
    text = read_text(source)
    assert [c.title for c in text.chapters] == ["ADVERTISEMENT.", "SPEECH.", "APPENDIX."]
    sections = [o["title"] for o in outline_of(text) if o["level"] == "section"]
    assert sections == ["No. 1.", "No. 4.", "No. 5.", "No. 8."]
    caption = next(b for b in text.chapters[2].blocks if b.text == "CLAUSES H.")
    assert caption.kind == "paragraph"  # a caption inside document 8: text, kept
    assert check_fidelity(source, text_pages(text)).problems == []


def test_a_label_set_apart_from_a_caption_in_smaller_print_is_the_heading_and_the_caption_its_first_text():
    # the same fixture (burke's appendix): "No. 1.<br /><br />CLAUSES OF MR PITT'S BILL.<br /><br /><span
    # style="font-size: 80%;">Referred to from p. 17.</span>": the label is the heading, the rest the text under it
    text = read_text(ROOT / "tests" / "fixtures" / "html" / "appendix-documents.htm")
    blocks = text.chapters[2].blocks
    after = {b.text: blocks[k + 1] for k, b in enumerate(blocks[:-1]) if b.kind == "heading"}
    assert after["No. 1."].kind == "verse"  # text, its lines as the heading set them
    assert after["No. 1."].text.split() == ["CLAUSES", "OF", "MR", "PITT'S", "BILL.", "Referred", "to", "from", "p.", "17."]
    assert after["No. 4."].text.split() == ["Referred", "to", "from", "pp.", "64", "and", "73.", "(COPY.)"]
    assert after["No. 8."].text.startswith("Referred to from p. 87, &c.")


@pytest.mark.parametrize("markup", [
    "<h2>ESSAY I.<br /><br />THE ROOTS OF HONOUR.</h2>",  # ruskin's title, set with a blank line: no caption
    "<h2>ESSAY I.<br /><span style='font-size: 80%'>THE ROOTS OF HONOUR.</span></h2>",  # no blank line
    "<h2>SPEECH<br /><br /><span style='font-size: 80%'>ON THE</span></h2>",  # burke's title: no label first
])
def test_a_label_over_its_title_stays_one_heading(markup):
    heading = lxml_html.fragment_fromstring(markup)
    assert caption_apart(heading) is None and len(heading) == len(lxml_html.fragment_fromstring(markup))


def test_an_editions_outline_is_its_markup_so_no_outline_file_is_written_or_taken(tmp_path):
    lines = import_text(PAGE, tmp_path / "guide", ImportOptions(candidates=False))
    assert not (tmp_path / "guide" / "source" / "outline.yml").exists()
    assert not any("outline.yml" in line for line in lines)
    edit = tmp_path / "outline.yml"
    edit.write_text("headings: []\n", encoding="utf-8")
    with pytest.raises(TextImportError, match=r"outline\.yml: an outline file corrects the headings of a plain text"):
        import_text(PAGE, tmp_path / "other", ImportOptions(outline=edit))
    assert not (tmp_path / "other").exists()


def test_a_pre_of_wrapped_paragraphs_is_read_as_paragraphs_verse_and_lists_stay_as_set():
    # prince's Dedication is a <pre> of hard-wrapped paragraphs: as a code block, its chapter had no paragraph
    # and the guide's strict build failed; paine's epigraph and list in <pre> keep their lines
    source = ROOT / "tests" / "fixtures" / "html" / "prose-in-pre.htm"
    text = read_text(source)
    dedication, chapter = text.chapters
    assert [b.kind for b in dedication.blocks] == ["paragraph"] * 4
    assert dedication.blocks[1].text.startswith("Those who strive to obtain the good graces of a prince are accustomed")
    assert [b.kind for b in chapter.blocks] == ["preformatted", "paragraph", "preformatted"]
    assert check_fidelity(source, text_pages(text)).problems == []


def test_a_producers_incipit_after_a_heading_is_not_its_title():
    # paine's HTML edition: "THE CRISIS I. (THESE ARE THE TIMES THAT TRY MEN'S SOULS)" over "THESE are the times…";
    # a parenthesis that is not the text's first words stays ("(TO THE EARL OF CARLISLE …)" over an address)
    source = ROOT / "tests" / "fixtures" / "html" / "incipit-headings.htm"
    text = read_text(source)
    assert [c.title for c in text.chapters] == ["THE CRISIS I.", "THE CRISIS. V. TO GEN. SIR WILLIAM HOWE.",
                                                "THE CRISIS VI. (TO THE EARL OF CARLISLE AND GENERAL CLINTON)"]
    assert any(d.what.startswith("the text's first words again") and d.first_line == 6 for d in text.dropped)
    assert check_fidelity(source, text_pages(text)).problems == []


def test_a_numbered_paragraph_wholly_in_bold_is_a_subdivision():
    # ruskin's HTML edition: "<p><b>I.&mdash;Customs.</b></p>" under the h3 of essay IV
    source = ROOT / "tests" / "fixtures" / "html" / "bold-subdivisions.htm"
    text = read_text(source)
    assert outline_of(text) == [{"level": "chapter", "title": "IV. LAWS AND GOVERNMENTS: LABOUR AND RICHES."},
                                {"level": "section", "title": "I.—Customs."}, {"level": "section", "title": "II.—Laws."}]
    assert check_fidelity(source, text_pages(text)).problems == []


def test_a_poems_title_over_an_epigraph_and_a_line_a_sentence_runs_into_are_text():
    # goldman's HTML edition: H4 "ANARCHY." over the poem under the essay's H3; H4 "VAILLANT!" after "…engraved,
    # significantly," (an inscription the sentence runs into)
    source = ROOT / "tests" / "fixtures" / "html" / "headings-in-the-text.htm"
    text = read_text(source)
    assert outline_of(text) == [{"level": "chapter", "title": title} for title in (
        "PREFACE", "ANARCHISM: WHAT IT REALLY STANDS FOR", "MINORITIES VERSUS MAJORITIES",
        "THE PSYCHOLOGY OF POLITICAL VIOLENCE")]
    paragraphs = [b.text for c in text.chapters for b in c.blocks]
    assert "ANARCHY." in paragraphs and "VAILLANT!" in paragraphs
    assert check_fidelity(source, text_pages(text)).problems == []


def test_the_headings_a_contents_list_links_to_are_peers_so_all_are_parts_when_one_is():
    # burke's HTML edition: every title is a flat h2; the contents links to the three works' titles. The first is a
    # part (an epigraph under its title, then its chapters); so is the third, over its one chapter. The second has
    # no heading under its title: a work between the parts is their peer, a part whose own text is all it holds.
    source = ROOT / "tests" / "fixtures" / "html" / "contents-peer-parts.htm"
    text = read_text(source)
    outline = [(o["level"], o["title"].split(",")[0]) for o in outline_of(text)]
    assert outline == [("part", "SPEECH ON THE MOTION MADE FOR PAPERS CONTAINING SEVERAL DOCUMENTS."),
                       ("chapter", "ADVERTISEMENT."), ("chapter", "SPEECH."),
                       ("part", "SUBSTANCE OF THE SPEECH IN THE DEBATE ON THE ARMY ESTIMATES IN THE HOUSE OF COMMONS"),
                       ("part", "REFLECTIONS ON THE REVOLUTION IN FRANCE"),
                       ("chapter", "REFLECTIONS ON THE REVOLUTION IN FRANCE.")]
    alone = text.parts[1]
    assert alone.text_only and (alone.first, alone.last) == (3, 2)  # stands before chapter 3, holds none
    assert alone.blocks[0].text.startswith("Mr. Burke's speech on the report of the army estimates")
    assert text.parts[2].blocks[0].text.startswith("It may not be unnecessary")  # the third work's own preface
    pages = text_pages(text)
    assert "opens_chapter: 3" in pages["part-2-substance-of-the-speech-in-the-debate-on.md"]
    assert [item if isinstance(item, str) else item[1] for item in nav_items(text)] == [
        ["part-1-speech-on-the-motion-made-for-papers.md", "1-advertisement.md", "2-speech.md"],
        ["part-2-substance-of-the-speech-in-the-debate-on.md"],
        ["part-3-reflections-on-the-revolution-in-france.md", "3-reflections-on-the-revolution-in-france.md"]]
    assert any("Part 2: SUBSTANCE" in line and "(no chapters; its own text, 3 paragraph(s)" in line
               for line in describe(text))
    own = pages["part-2-substance-of-the-speech-in-the-debate-on.md"]  # the note its text calls is on its page
    assert "[^author-1]: *Author's note:* Mr. Burke probably had in his mind" in own and not text.doubts
    assert check_fidelity(source, pages).problems == []


def test_a_part_of_its_own_text_only_is_a_page_of_its_own_when_each_part_is_one_page():
    # the same fixture, one page per part: the second work's text is its own page, between the other two
    source = ROOT / "tests" / "fixtures" / "html" / "contents-peer-parts.htm"
    text = read_text(source, split="parts")
    assert [c.title.split(" ")[0] for c in text.chapters] == ["SPEECH", "SUBSTANCE", "REFLECTIONS"]
    assert text.chapters[1].blocks[0].text.startswith("Mr. Burke's speech on the report")
    assert check_fidelity(source, text_pages(text), split="parts").problems == []


def test_a_works_title_after_the_contents_over_its_preface_and_chapters_opens_its_part():
    # ruskin's HTML edition: the first work's title (h1) after the contents list, then its preface, its title again
    # (h2) and its lectures; the title is the part's, not the title page's, so the preface is inside the part
    source = ROOT / "tests" / "fixtures" / "html" / "first-work-after-contents.htm"
    text = read_text(source)
    assert [(o["level"], o["title"]) for o in outline_of(text)] == [
        ("part", "THE POLITICAL ECONOMY OF ART."), ("chapter", "PREFACE."), ("chapter", "LECTURE I."),
        ("chapter", "LECTURE II."), ("part", "UNTO THIS LAST: Four Essays on the First Principles of Political Economy."),
        ("chapter", "PREFACE."), ("chapter", "ESSAY I. THE ROOTS OF HONOUR.")]
    assert any(d.what == "the heading above it again ('THE POLITICAL ECONOMY OF ART.')" for d in text.dropped)
    assert check_fidelity(source, text_pages(text)).problems == []
