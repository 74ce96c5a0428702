"""The import reads a text as its author structured it (reading_guide.importer): parts, chapters, sections,
front and back matter, non-prose blocks, encodings, the split level, and fidelity to every word.

Fixtures: tests/fixtures/import/ (see its README): the five corpus books whole, and a Project
Gutenberg-style text written for these tests. Short excerpts below are trimmed from the corpus books
(the book is named beside each)."""

from __future__ import annotations

import functools
import re
import time

import markdown
import pytest
from bs4 import BeautifulSoup

from reading_guide.importer.blocks import block_kind
from reading_guide.importer.describe import describe
from reading_guide.importer.fidelity import check_fidelity, fidelity_problems
from reading_guide.importer.parse import TextImportError, parse_text, part_file_name, read_text, render_chapter, render_part

from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "import"
GUTENBERG = FIXTURES / "gutenberg-style.txt"
PARA = "A paragraph of the text, long enough to be prose, which ends as sentences do."


@functools.cache
def book_text(name: str):
    """A corpus book as the import reads it, read once for the tests of this file (a Text is frozen)."""
    return read_text(FIXTURES / f"{name}.md")


def pages(text, article_class="article") -> dict[str, str]:
    """The chapter pages the import writes (and the page of a part with text of its own)."""
    result = {c.file_name: render_chapter(c, text.markdown, article_class) for c in text.chapters}
    result.update({part_file_name(p): render_part(p, text.markdown, article_class) for p in text.parts if p.blocks})
    return result


def structure(text) -> list:
    return [(c.title, c.part.title if c.part else None, c.sections) for c in text.chapters]


# The five corpus books: the structure their README gives, and fidelity

def test_thoreau_is_one_chapter_and_its_metadata_is_not_text():
    text = book_text("thoreau-civil-disobedience")
    assert (text.title, text.metadata.author, text.metadata.year) == ("Civil Disobedience", "Henry David Thoreau", "1849")
    assert structure(text) == [("Civil Disobedience", None, ())] and text.parts == ()
    assert not text.chapters[0].paragraphs[0].startswith(("#", "Title", "-"))
    assert [b.kind for b in text.chapters[0].blocks].count("verse") == 4


def test_mill_has_five_chapters():
    text = book_text("mill-on-liberty")
    assert (text.title, text.metadata.author, text.metadata.year) == ("On Liberty", "John Stuart Mill", "1859")
    assert [c.title for c in text.chapters] == [
        "I - Introductory", "II - Of the Liberty of Thought and Discussion",
        "III - Of Individuality, as One of the Elements of Well-Being",
        "IV - Of the Limits to the Authority of Society Over the Individual", "V - Applications"]
    assert text.parts == () and all(not c.sections for c in text.chapters)


def test_rousseau_has_a_foreword_then_four_books_whatever_their_heading_levels():
    text = book_text("rousseau-social-contract")
    assert (text.title, text.metadata.author, text.metadata.year) == ("The Social Contract", "Jean-Jacques Rousseau", "1762")
    assert text.metadata.lines == ("Translated by George Douglas Howard Cole",)
    assert [(p.title, p.last - p.first + 1) for p in text.parts] == [("BOOK I", 9), ("BOOK II", 12), ("BOOK III", 18), ("BOOK IV", 9)]
    assert len(text.chapters) == 49 and text.chapters[0].title == "FOREWORD" and text.chapters[0].part is None
    assert text.chapters[1].title == "CHAPTER I - SUBJECT OF THE FIRST BOOK"  # a ##### heading, under a ## Book
    assert text.chapters[10].title == "CHAPTER I - THAT SOVEREIGNTY IS INALIENABLE"  # under a #### Book
    assert text.chapters[10].part.title == "BOOK II" and text.chapters[-1].title == "CHAPTER IX - CONCLUSION"
    assert [len(p.blocks) for p in text.parts] == [3, 0, 1, 0]  # the Books' own opening paragraphs
    assert all(not c.sections for c in text.chapters)


def test_wollstonecraft_has_two_line_chapter_titles_and_sections_inside_chapters():
    text = book_text("wollstonecraft-vindication")
    assert (text.title, text.metadata.author, text.metadata.year) == (
        "A Vindication of the Rights of Woman", "Mary Wollstonecraft", "1792")
    assert len(text.chapters) == 14 and text.parts == ()
    assert text.chapters[0].title == "INTRODUCTION."
    assert [c.title.split(". ")[0] for c in text.chapters[1:]] == [f"CHAPTER {n}" for n in range(1, 14)]
    assert text.chapters[5].title == ("CHAPTER 5. ANIMADVERSIONS ON SOME OF THE WRITERS WHO HAVE RENDERED WOMEN "
                                      "OBJECTS OF PITY, BORDERING ON CONTEMPT.")
    assert {c.number: c.sections for c in text.chapters if c.sections} == {
        6: tuple(f"SECTION 5.{n}." for n in range(1, 6)), 14: tuple(f"SECTION 13.{n}." for n in range(1, 7))}
    assert text.chapters[5].file_name == "06-animadversions-on-some-of-the-writers-who.md"


def test_goldman_is_two_works_numbered_through_and_the_end_is_not_a_chapter():
    text = book_text("goldman-my-disillusionment-in-russia")
    assert (text.title, text.metadata.author, text.metadata.year) == ("My Disillusionment in Russia", "Emma Goldman", "1923")
    assert [(p.title, p.line > 0, p.first, p.last) for p in text.parts] == [
        ("My Disillusionment in Russia", False, 1, 21), ("My Further Disillusionment in Russia", True, 22, 33)]
    assert text.chapters[21].title == "Chapter 1: ODESSA" and text.chapters[21].file_name == "22-odessa.md"
    assert text.chapters[-1].title == "Chapter 12: Afterword"
    assert len({c.file_name for c in text.chapters}) == 33
    assert "The End" not in text.chapters[-1].paragraphs[-1]
    assert text.dropped[-1].what == "back matter: the closing line ('## The End')"


BOOKS = ["thoreau-civil-disobedience", "mill-on-liberty", "rousseau-social-contract", "wollstonecraft-vindication",
         "goldman-my-disillusionment-in-russia"]


@pytest.mark.parametrize("book", BOOKS)
def test_fidelity_passes_for_each_book_and_names_what_it_excepted(book):
    source = FIXTURES / f"{book}.md"
    result = check_fidelity(source, pages(book_text(book)))
    assert result.problems == []
    assert result.excepted[0] == f"{source}, lines 1–7: metadata block (Title, Author, Year)"


def test_fidelity_fails_when_a_word_is_changed_dropped_or_a_heading_lost():
    source = FIXTURES / "mill-on-liberty.md"
    good = pages(book_text("mill-on-liberty"))
    name = "2-of-the-liberty-of-thought-and-discussion.md"
    changed = dict(good, **{name: good[name].replace("securities against", "security against", 1)})
    assert fidelity_problems(source, changed) == [f"{name}: 'security' where the source ({source}, line 46) has 'securities'"]
    paragraph = good[name].split("\n\n")[5]
    assert fidelity_problems(source, dict(good, **{name: good[name].replace(paragraph + "\n\n", "")}))
    assert fidelity_problems(source, dict(good, **{name: good[name].replace("# II - Of the", "# II - On the")}))
    del good["5-applications.md"]
    assert fidelity_problems(source, good) == [f"{source}, line 223: 'V' and what follows (9335 word(s)) are in no page"]


@pytest.mark.parametrize("numbers", [
    {"1": "1  # the wells", "2": "'2'", "3": '"3"'},
    {"1": "A", "2": "'B'", "3": "C"},
], ids=["numbers", "letters"])
def test_fidelity_orders_the_chapters_as_the_site_does(numbers):
    """Fidelity read chapter numbers with a parser of its own: chapters the site numbers and orders
    as written (a comment, quotes, a letter) came out of order there, and the check failed."""
    renumber = functools.partial(re.sub, r"^((?:opens_)?chapter): (\d+)$", lambda m: f"{m[1]}: {numbers[m[2]]}",
                                 flags=re.M)
    renumbered = {name: renumber(string=page) for name, page in pages(read_text(GUTENBERG)).items()}
    assert f"\nopens_chapter: {numbers['1']}\n" in renumbered["part-1-the-supply.md"]
    assert fidelity_problems(GUTENBERG, renumbered) == []


def test_fidelity_names_a_chapter_number_the_site_refuses():
    good = pages(read_text(GUTENBERG))
    broken = dict(good, **{"2-the-companies.md": good["2-the-companies.md"].replace("chapter: 2\n", "chapter: [1, 2]\n")})
    assert fidelity_problems(GUTENBERG, broken) == [
        "2-the-companies.md:2: chapter: '[1, 2]' is not a chapter number; write one number or one word, e.g. "
        "'chapter: 3' or 'chapter: 3a'"]


def test_fidelity_ignores_what_the_guide_adds_around_and_inside_the_article():
    source = FIXTURES / "thoreau-civil-disobedience.md"
    name, page = next(iter(pages(book_text("thoreau-civil-disobedience")).items()))
    page = page.replace("governs least", "governs least[^t1]").replace("</div>\n", "</div>\n\n## Summary\n\nOur words.\n")
    assert fidelity_problems(source, {name: page + "\n[^t1]: **Context.** A note.\n"}) == []


# The Project Gutenberg-style text: header, licence, title page, contents, two-line headings, a table, a signature

def test_a_gutenberg_text_keeps_its_work_and_drops_the_rest():
    text = read_text(GUTENBERG)
    assert (text.title, text.metadata.author, text.metadata.release) == (
        "The Waterworks Question", "Jane Holloway", "March 3, 2011 [EBook #99999]")
    assert [(d.first_line, d.last_line, d.what) for d in text.dropped] == [
        (1, 16, "Project Gutenberg header and licence"),
        (18, 18, "credits and notes of the e-text ('Produced by a volunteer of the tests')"), (23, 29, "title page"),
        (32, 37, "table of contents"),
        (94, 98, "back matter: the closing line and what follows it ('FINIS')"),
        (100, 113, "Project Gutenberg licence (from its END line)")]
    assert structure(text) == [
        ("1. The Wells", "PART I. THE SUPPLY", ("A. The pumps of the old town", "B. The pumps of the new streets")),
        ("2. The Companies", "PART I. THE SUPPLY", ()),
        ("PART II. THE REMEDY: A SINGLE BOARD FOR THE WHOLE TOWN", None, ())]  # three lines, one heading
    assert text.parts[0].blocks[0].text.startswith("The town drank from its wells")
    assert text.chapters[-1].paragraphs[-2:] == ("JANE HOLLOWAY", "Holloway, 14th March 1871.")  # not chapters
    assert fidelity_problems(GUTENBERG, pages(text)) == []


def test_a_table_and_verse_stay_one_block_with_their_layout_and_words():
    chapter = read_text(GUTENBERG).chapters[1]
    assert [b.kind for b in chapter.blocks] == ["paragraph", "preformatted", "paragraph", "verse"]
    assert chapter.blocks[1].text.splitlines()[2] == "    River Lane       2,905        388,500"
    html = markdown.markdown(render_chapter(chapter).split("---\n", 2)[2], extensions=["attr_list", "md_in_html"])
    page = BeautifulSoup(html, "html.parser")
    assert page.select_one("div.article pre").get_text().splitlines()[1] == "Southgate        4,210        610,000"
    verse = page.select_one("div.article p.verse")
    assert len(verse.select("br")) == 3 and verse.get_text().splitlines()[1] == "Runs through half of Holloway town;"


def test_lines_in_columns_are_a_table_in_plain_text_only_when_at_least_half_the_lines_have_gaps():
    columns = ["Name        Wells    People", "Southgate   4,210    610,000", "River Lane\t2,905    388,500"]
    assert block_kind(columns, False, 70) == "table"
    assert block_kind(columns, True, 70) != "table"  # Markdown says what a table is itself
    assert block_kind([*columns[:2], "and the rest of the paragraph", "went on as prose does"], False, 70) == "table"
    assert block_kind([*columns[1:], "and the rest of the paragraph", "went on as prose does", "to its end"],
                      False, 70) == "paragraph"
    prose = ["The wells ran dry.  The companies dug new ones, further out,", "where the land was cheap:  nobody asked."]
    assert block_kind(prose, False, 70) == "paragraph"  # two spaces after a sentence or a colon are no column gap


ENCODINGS = [
    ("UTF-8 with BOM and CRLF", lambda s: b"\xef\xbb\xbf" + s.replace("\n", "\r\n").encode("utf-8"),
     "UTF-8 with a byte-order mark"),
    ("UTF-16 (Notepad's Unicode)", lambda s: s.replace("\n", "\r\n").encode("utf-16"), "UTF-16 (little-endian, with a byte-order mark)"),
    ("Windows-1252", lambda s: s.replace("--", "—").encode("cp1252"), "Windows-1252"),
]


@pytest.mark.parametrize("encode, encoding", [c[1:] for c in ENCODINGS], ids=[c[0] for c in ENCODINGS])
def test_each_encoding_is_read_to_the_same_structure(tmp_path, encode, encoding):
    source = tmp_path / "waterworks.txt"
    source.write_bytes(encode(GUTENBERG.read_text(encoding="utf-8")))
    text = read_text(source)
    assert text.encoding == encoding and structure(text) == structure(read_text(GUTENBERG))
    assert fidelity_problems(source, pages(text)) == []
    if encoding == "Windows-1252":
        assert text.notes[0].startswith("read as Windows-1252 and converted to UTF-8")
    else:
        assert any("CRLF (Windows) read as LF" in n for n in text.notes)


@pytest.mark.parametrize("data, message", [
    ("Title\n\nA text.\n".encode("utf-16-le"), r"looks like UTF-16 without a byte-order mark.*save it as UTF-8"),
    (b"Title\n\n\x81\x8d text\n", r"line 3: neither UTF-8 \(byte 0x81\) nor Windows-1252 \(byte 0x81 on line 3\)"),
    (b"\xff\xfe\x00\xd8", r"begins with the mark of UTF-16 .* save it as UTF-8"),
], ids=["UTF-16 without BOM", "unknown 8-bit", "broken UTF-16"])
def test_other_encodings_get_a_message_saying_how_to_save_the_file(tmp_path, data, message):
    source = tmp_path / "t.txt"
    source.write_bytes(data)
    with pytest.raises(TextImportError, match=message):
        read_text(source)


# Each rule on excerpts trimmed from the corpus books

META = "# Title: On Liberty\n\n## Author: John Stuart Mill\n\n## Year: 1859\n\n-------\n\n"  # Mill


def test_a_metadata_block_is_metadata_not_a_chapter():
    text = parse_text(META + f"## I - Introductory\n\n{PARA}\n", "mill.md", markdown=True)
    assert text.title == "On Liberty" and structure(text) == [("I - Introductory", None, ())]
    assert text.dropped[0].what == "metadata block (Title, Author, Year)"


def test_markdown_levels_are_read_from_their_sequence():  # Rousseau: a #### Book below its own ### chapters
    source = (META + "### FOREWORD\n\nF.\n\n## BOOK I\n\nOpening.\n\n##### CHAPTER I - SUBJECT OF THE FIRST BOOK\n\nA.\n\n"
              "### CHAPTER II - THE FIRST SOCIETIES\n\nB.\n\n#### BOOK II\n\n### CHAPTER I - THAT SOVEREIGNTY IS INALIENABLE\n\nC.\n")
    text = parse_text(source, "r.md", markdown=True)
    assert structure(text) == [("FOREWORD", None, ()), ("CHAPTER I - SUBJECT OF THE FIRST BOOK", "BOOK I", ()),
                               ("CHAPTER II - THE FIRST SOCIETIES", "BOOK I", ()),
                               ("CHAPTER I - THAT SOVEREIGNTY IS INALIENABLE", "BOOK II", ())]


def test_unlabelled_markdown_levels_are_parts_chapters_and_sections_by_their_order():
    text = parse_text(f"# Book\n\n## One\n\n{PARA}\n\n### A\n\n{PARA}\n\n## Two\n\n{PARA}\n\n# Second\n\n## Three\n\n{PARA}\n",
                      "t.md", markdown=True)
    assert structure(text) == [("One", "Book", ("A",)), ("Two", "Book", ()), ("Three", "Second", ())]


def test_a_chapter_number_line_and_its_title_line_are_one_title():  # Wollstonecraft
    text = parse_text("### CHAPTER 5.\n\n#### ANIMADVERSIONS ON SOME OF THE WRITERS.\n\nThe opinions.\n\n"
                      "#### SECTION 5.1.\n\nI shall begin.\n", "w.md", markdown=True)
    assert structure(text) == [("CHAPTER 5. ANIMADVERSIONS ON SOME OF THE WRITERS.", None, ("SECTION 5.1.",))]
    assert parse_text(f"T\n\n{PARA}\n\nCHAPTER I.\nDOWN THE\nRABBIT-HOLE\n\n{PARA}\n", "t.txt").chapters[1].title == \
        "CHAPTER I. DOWN THE RABBIT-HOLE"


def test_a_second_work_in_the_file_is_a_part_and_the_first_is_named_after_the_book():  # Goldman
    source = (META.replace("On Liberty", "My Disillusionment in Russia") + "## Chapter 1: Deportation To Russia\n\nA.\n\n"
              "## Chapter 2: Petrograd\n\nB.\n\n# My Further Disillusionment in Russia\n\n## Chapter 1: ODESSA\n\nC.\n\n## The End\n")
    text = parse_text(source, "g.md", markdown=True)
    assert [(p.title, p.first, p.last) for p in text.parts] == [
        ("My Disillusionment in Russia", 1, 2), ("My Further Disillusionment in Russia", 3, 3)]
    assert [c.file_name for c in text.chapters] == ["1-deportation-to-russia.md", "2-petrograd.md", "3-odessa.md"]


def test_a_part_with_no_chapters_is_a_chapter_and_parts_hold_chapters():
    text = parse_text(f"Title\n\n{PARA}\n\nPart One\n\nChapter 1\n\n{PARA}\n\nChapter 2\n\n{PARA}\n\nPart Two\n\n{PARA}\n", "t.txt")
    assert structure(text) == [("Introduction", None, ()), ("Chapter 1", "Part One", ()), ("Chapter 2", "Part One", ()),
                               ("Part Two", None, ())]


@pytest.mark.parametrize("split, titles", [
    ("chapters", ["FOREWORD", "CHAPTER I - SUBJECT", "CHAPTER II - SOCIETIES", "CHAPTER 5. ANIMADVERSIONS"]),
    ("parts", ["FOREWORD", "BOOK I"]),
    ("sections", ["FOREWORD", "CHAPTER I - SUBJECT", "CHAPTER II - SOCIETIES", "CHAPTER 5. ANIMADVERSIONS", "SECTION 5.1."]),
])
def test_the_split_setting_chooses_what_becomes_a_page(tmp_path, split, titles):
    source = tmp_path / "s.md"
    source.write_text(META + "### FOREWORD\n\nF.\n\n## BOOK I\n\nOpening.\n\n### CHAPTER I - SUBJECT\n\nA.\n\n"
                      "### CHAPTER II - SOCIETIES\n\nB.\n\n### CHAPTER 5.\n\n#### ANIMADVERSIONS\n\nC.\n\n#### SECTION 5.1.\n\nD.\n",
                      encoding="utf-8")
    text = read_text(source, split=split)
    assert [c.title for c in text.chapters] == titles
    assert fidelity_problems(source, pages(text), split=split) == []
    if split == "parts":
        assert text.chapters[1].sections == ("CHAPTER I - SUBJECT", "CHAPTER II - SOCIETIES", "CHAPTER 5. ANIMADVERSIONS",
                                             "SECTION 5.1.")
        assert "\n### SECTION 5.1.\n" in render_chapter(text.chapters[1], True)
        assert "### CHAPTER I" not in render_chapter(text.chapters[1], True) and "\n## CHAPTER I - SUBJECT\n" in render_chapter(text.chapters[1], True)


def test_an_unknown_split_is_refused():
    with pytest.raises(TextImportError, match="split must be one of parts, chapters, sections, not 'pages'"):
        parse_text(PARA, "t.txt", split="pages")


def test_verse_in_markdown_keeps_its_lines():  # Thoreau
    verse = '_"Not a drum was heard, not a funeral note,_\n_As his corpse to the rampart we hurried;_'
    text = parse_text(f"{PARA}\n\n{verse}\n\n{PARA}\n", "t.md", markdown=True)
    assert [b.kind for b in text.chapters[0].blocks] == ["paragraph", "verse", "paragraph"]
    assert '_As his corpse to the rampart we hurried;_\n{: .verse }' in render_chapter(text.chapters[0], True)


def test_a_markdown_table_and_a_plain_list_are_one_block():
    table = "| Year | Output |\n| --- | --- |\n| 1913 | 100 |\n| 1920 | 13 |"
    text = parse_text(f"{PARA}\n\n{table}\n\n{PARA}\n", "t.md", markdown=True)
    assert [b.kind for b in text.chapters[0].blocks] == ["paragraph", "table", "paragraph"]
    assert table in render_chapter(text.chapters[0], True)
    plain = parse_text(f"{PARA}\n\n(a) the first demand;\n(b) the second;\n(c) the third.\n", "t.txt")
    assert plain.chapters[0].blocks[1].kind == "list"
    assert "\\(a) the first demand;<br>\n(b)" in render_chapter(plain.chapters[0]) or "(a) the first demand;<br>" in render_chapter(plain.chapters[0])


# Pages, file names and the report

def test_file_names_are_padded_to_the_widest_number_and_pages_name_their_part():
    text = book_text("rousseau-social-contract")
    assert [c.file_name for c in text.chapters[:2]] == ["01-foreword.md", "02-subject-of-the-first-book.md"]
    page = render_chapter(text.chapters[1], True)
    assert page.startswith('---\nchapter: 2\npart: "BOOK I"\n---\n\n# CHAPTER I - SUBJECT OF THE FIRST BOOK\n\n<div class="article" markdown>\n')
    part = render_part(text.parts[0], True)
    assert part.startswith('---\npart: "BOOK I"\nopens_chapter: 2\n---\n\n# BOOK I\n') and "I mean to inquire" in part


def test_describe_lists_metadata_parts_chapters_sections_dropped_and_doubts():
    lines = describe(read_text(GUTENBERG))
    assert lines[:4] == ["Title: The Waterworks Question", "Author: Jane Holloway", "Release: March 3, 2011 [EBook #99999]",
                         "Encoding: UTF-8"]
    assert "Part 1: PART I. THE SUPPLY (chapters 1–2; its own text, 1 paragraph(s) -> part-1-the-supply.md)" in lines
    assert "  2. 2. The Companies (4 paragraph(s), with preformatted, verse) -> 2-the-companies.md" in lines
    assert "       § A. The pumps of the old town" in lines
    assert "Dropped: lines 23–29: title page" in lines and "Dropped: lines 32–37: table of contents" in lines
    doubts = describe(parse_text(f"T\n\n{PARA}\n\nKarl Marx\n\n{PARA}\n\n{PARA}\n\nMarch 1848\n\n{PARA}\n", "t.txt"))
    assert "Check: chapter 2: the title 'Karl Marx' looks like a name (a signature?)" in doubts
    assert "Check: chapter 1 ('Introduction') has one paragraph: is its title a heading of the text?" in doubts


def test_an_80000_word_book_reads_and_renders_well_under_a_second():
    source = FIXTURES / "wollstonecraft-vindication.md"
    start = time.perf_counter()
    text = read_text(source)
    rendered = pages(text)
    elapsed = time.perf_counter() - start
    assert sum(len(p.split()) for p in rendered.values()) > 80_000 and elapsed < 1.0, elapsed


def test_a_part_page_comes_just_before_the_chapter_it_opens_whatever_the_numbers():
    """The reading order (core.chapters.reading_key) of the site's lists, the books and fidelity alike."""
    from reading_guide.core.chapters import reading_key

    pages = {"c2": ("2", None), "c10": ("10", None), "p10": (None, "10"), "cA": ("A", None), "pA": (None, "A"),
             "c1": ("1", None), "p2": (None, "2"), "c2a": ("2a", None)}
    assert sorted(pages, key=lambda p: reading_key(*pages[p])) == ["c1", "p2", "c2", "p10", "c10", "c2a", "pA", "cA"]
