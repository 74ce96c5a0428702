"""The import (reading_guide.importer): headings, paragraphs, exact words, what it rejects, the guide's
own chapters reproduced from the source, and a worked example built with the real hooks."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from reading_guide import __version__
from reading_guide.importer.command import ImportOptions, import_text, replace_nav
from reading_guide.importer.parse import Chapter, TextImportError, escape_markdown, parse_text, read_text, render_chapter

from conftest import ROOT, build_site, run_cli, soup

EXAMPLE = ROOT / "examples" / "great-stink"
LONG_CAPS = "THE SECOND PART, IN WHICH EVERYTHING THAT HAPPENED IS EXPLAINED AT LENGTH"
PARA = "A paragraph of the text, long enough to be prose, which ends as sentences do."


def parsed(text: str):
    result = parse_text(text, "t.txt", fallback_title="From the file name")
    return result.title, [c.title for c in result.chapters]


# Headings: each form, as real texts write them

HEADINGS = [
    ("markdown #", f"# The Title\n\n{PARA}\n\n## First part\n\n{PARA}\n",
     "The Title", ["Introduction", "First part"]),
    ("markdown # with closing hashes and text below", f"# The Title #\n{PARA}\n\n## A part ##\n{PARA}\n",
     "The Title", ["Introduction", "A part"]),
    ("markdown # only for sections: no title", f"# One\n\n{PARA}\n\n# Two\n\n{PARA}\n",
     "From the file name", ["One", "Two"]),
    ("markdown underlined", f"The Title\n=========\n\n{PARA}\n\nA part\n------\n\n{PARA}\n",
     "The Title", ["Introduction", "A part"]),
    ("short standalone lines", f"What went wrong in Russia?\n\n{PARA}\n\nWorkers’ power\n\n{PARA}\n\n"
     f"‘Socialism in one country’\n\n{PARA}\n\nTrotskyism – the revolutionary opposition\n\n{PARA}\n",
     "What went wrong in Russia?", ["Introduction", "Workers’ power", "‘Socialism in one country’",
                                    "Trotskyism – the revolutionary opposition"]),
    ("roman numerals, all caps", f"MANIFESTO OF THE COMMUNIST PARTY\n\n{PARA}\n\nI. BOURGEOIS AND PROLETARIANS\n\n"
     f"{PARA}\n\nII. PROLETARIANS AND COMMUNISTS\n\n{PARA}\n",
     "MANIFESTO OF THE COMMUNIST PARTY", ["Introduction", "I. BOURGEOIS AND PROLETARIANS",
                                          "II. PROLETARIANS AND COMMUNISTS"]),
    ("bare roman numerals", f"The Title\n\n{PARA}\n\nIV\n\n{PARA}\n\nV.\n\n{PARA}\n",
     "The Title", ["Introduction", "IV", "V."]),
    ("Chapter / Part labels (a numbered first line is no title)",
     f"Chapter 3\n\n{PARA}\n\nCHAPTER IV.\n\n{PARA}\n\nPart Two: The Return\n\n{PARA}\n\nBook one – Origins\n\n{PARA}\n",
     "From the file name", ["Chapter 3", "CHAPTER IV.", "Part Two: The Return", "Book one – Origins"]),
    ("decimal numbers", f"The State and Revolution\n\n{PARA}\n\n3. The State\n\n{PARA}\n\n4. After the revolution\n\n{PARA}\n",
     "The State and Revolution", ["Introduction", "3. The State", "4. After the revolution"]),
    ("all-caps lines, even long or with a question mark",
     f"A TITLE IN CAPITALS\n\n{PARA}\n\nWHAT IS TO BE DONE?\n\n{PARA}\n\n{LONG_CAPS}\n\n{PARA}\n",
     "A TITLE IN CAPITALS", ["Introduction", "WHAT IS TO BE DONE?", LONG_CAPS]),
    ("a label with its title on the next line", f"Title\n\nCHAPTER I.\nDOWN THE RABBIT-HOLE\n\n{PARA}\n",
     "Title", ["CHAPTER I. DOWN THE RABBIT-HOLE"]),
    ("a label and its title with nothing between them are one", f"Title\n\n{PARA}\n\nPart One\n\nThe Beginning\n\n{PARA}\n",
     "Title", ["Introduction", "Part One: The Beginning"]),
    ("no title line: the file name", f"{PARA}\n\n{PARA}\n", "From the file name", ["Introduction"]),
]


@pytest.mark.parametrize("text, title, chapters", [case[1:] for case in HEADINGS], ids=[case[0] for case in HEADINGS])
def test_each_heading_form_is_recognised(text, title, chapters):
    assert parsed(text) == (title, chapters)


NOT_HEADINGS = [
    "But no help came.",  # short, but a sentence
    "Why should they?",  # a question inside the text
    "Workers of the world, unite!",
    "1. We went to the shop and bought bread.",  # a numbered sentence
    "Chapter 3 covers the war",  # a label followed by running text
    "and then it ended",  # starts in lower case
    "I went home after the meeting and told my sister all about it then",  # "I": a pronoun, not a numeral
]


@pytest.mark.parametrize("line", NOT_HEADINGS)
def test_lines_that_are_not_headings_stay_paragraphs(line):
    result = parse_text(f"Title\n\n{PARA}\n\n{line}\n\n{PARA}\n", "t.txt")
    assert [c.title for c in result.chapters] == ["Introduction"]
    assert result.chapters[0].paragraphs == (PARA, line, PARA)


def test_a_closing_line_is_text_not_an_empty_chapter():
    result = parse_text(f"Title\n\n{PARA}\n\nKarl Marx\n", "t.txt")
    assert result.chapters[0].paragraphs == (PARA, "Karl Marx")


# Paragraphs and words

LONG = ("The Bolsheviks had always realised that Russia could not achieve socialism on its own – the most urgent "
        "task was to spread the revolution world wide, with co-operation from workers in Germany and Britain.")


def test_hard_wrapped_lines_become_one_paragraph_and_long_lines_stay_one():
    wrapped = textwrap.fill(LONG, 40)
    assert wrapped.count("\n") >= 4
    text = f"Title\n\n{wrapped}\n\n{LONG}\n\nShort one-line paragraph.\n"
    assert parse_text(text, "t.txt").chapters[0].paragraphs == (LONG, LONG, "Short one-line paragraph.")


def test_line_breaks_at_hyphens_dashes_windows_endings_and_indented_paragraphs():
    text = "Title\r\n\r\nmutual co-\r\noperation in 1936-\r\n39, freedom –\r\nagainst war\r\n\r\n  First one\r\nwrapped.\r\n  Second one.\r\n"
    assert parse_text(text, "t.txt").chapters[0].paragraphs == (
        "mutual co-operation in 1936-39, freedom – against war", "First one wrapped.", "Second one.")


EXACT = ["‘Socialism in one country’ – “all may, for a time become ‘bureaucrats’” — 70% of 1920’s…",
         "Béla Kun, Tőkés, Lozère, Straße, Москва, 東京, £3 million, naïve café ✓",
         "# not a heading", "1. not a list", "- not a list", "+ not a list", "> not a quote", "!!! note not an admonition",
         "---", "* not a list", "a <b>bold</b> claim & AT&T &amp; &copy; 3 < 4 > 2",
         "snake_case, __init__, *stars*, `code`, back\\slash \\*", "[a link](http://example.org) [^1] {: .class} [TOC]",
         "2. The second", "<div markdown>not html</div>"]


def rendered_article(page: str) -> BeautifulSoup:
    """A chapter page rendered as MkDocs renders it (front matter off, the guide's extensions on)."""
    body = page.split("---\n", 2)[2]
    html = markdown.markdown(body, extensions=["footnotes", "attr_list", "md_in_html", "admonition", "toc"])
    return BeautifulSoup(html, "html.parser")


def test_the_words_are_kept_exactly():
    words = ["‘Socialism in one country’ – “all may, for a time become ‘bureaucrats’” — 70% of 1920’s…",
             "Béla Kun, Tőkés, Lozère, Straße, Москва, 東京, £3 million, naïve café ✓", "Tabs\tand  double  spaces stay."]
    result = parse_text("«Le Titre» – 1871\n\n" + "\n\n".join(words) + "\n", "t.txt")
    assert (result.title, result.chapters[0].paragraphs) == ("«Le Titre» – 1871", tuple(words))


def test_markdown_characters_are_escaped_and_render_as_written():
    page = rendered_article(render_chapter(Chapter(1, "Title", tuple(EXACT))))
    assert [p.get_text() for p in page.select("div.article > p")] == EXACT
    for title in ["Title: <C#> & *stars* ##", "#1 – 2. [x] _y_ \\z", "- a list? > no"]:
        assert rendered_article(render_chapter(Chapter(1, title, ("x",)))).select_one("h1").get_text() == title


def test_escaping_is_needed_for_those_words():
    """The check above would catch missing escapes: unescaped, the words render differently."""
    html = markdown.markdown("\n\n".join(EXACT), extensions=["md_in_html", "admonition", "attr_list", "footnotes"])
    assert [p.get_text() for p in BeautifulSoup(html, "html.parser").select("p")] != EXACT
    assert escape_markdown("1. a") == "1\\. a" and escape_markdown("x_y") == "x\\_y"


def test_a_markdown_file_is_kept_as_markdown(tmp_path):
    source = tmp_path / "essay.md"
    source.write_text("# Essay\n\nSome *emphasis* and a [link](https://example.org/).\n\n## Part\n\nText.\n", encoding="utf-8")
    result = read_text(source)
    assert result.markdown and result.chapters[0].paragraphs == ("Some *emphasis* and a [link](https://example.org/).",)
    assert "<em>emphasis</em>" in str(rendered_article(render_chapter(result.chapters[0], markdown=True)))


# What the import rejects

REJECTED = [
    ("empty", b"", r"^{file}: the file is empty"),
    ("blank lines only", b" \n\n\t\n", r"^{file}: the file is empty"),
    ("binary", b"Title\n\nSome text\x00\x01\x02", r"^{file}, line 3: a NUL byte; this is a binary file"),
    ("neither UTF-8 nor Windows-1252", b"Title\n\nA caf\xe9 \x81\n",
     r"^{file}, line 3: neither UTF-8 \(byte 0xE9\) nor Windows-1252 \(byte 0x81 on line 3\); open it in a text editor "
     r"and save it as UTF-8 \(Notepad: File > Save as, Encoding: UTF-8"),
    ("no paragraphs", b"Just A Heading\n\nAnother Heading\n", r"^{file}: no paragraphs found, only headings \(line 1: 'Just A Heading'\)"),
]


@pytest.mark.parametrize("data, message", [case[1:] for case in REJECTED], ids=[case[0] for case in REJECTED])
def test_unusable_files_are_rejected_with_the_file_and_line(tmp_path, data, message):
    source = tmp_path / "text.txt"
    source.write_bytes(data)
    with pytest.raises(TextImportError, match=message.format(file=re.escape(str(source)))):
        read_text(source)


def test_the_command_reports_a_rejection_and_fails(tmp_path):
    source = tmp_path / "text.txt"
    source.write_bytes(b"PK\x03\x04\x00\x00binary")  # a Word file is a zip
    run = subprocess.run([sys.executable, "-m", "reading_guide.cli", "import", str(source), "--into", str(tmp_path / "g")],
                         capture_output=True, text=True)
    assert run.returncode == 1 and run.stderr.startswith(f"error: {source}, line 1: a NUL byte")
    assert not (tmp_path / "g" / "docs").exists()


# Writing chapters and navigation

def test_existing_chapters_are_kept_unless_forced(tmp_path):
    source = tmp_path / "text.txt"
    source.write_text(f"Title\n\n{PARA}\n\nSecond part\n\n{PARA}\n", encoding="utf-8")
    import_text(source, tmp_path / "guide")
    chapters = tmp_path / "guide" / "docs" / "chapters"
    (chapters / "1-introduction.md").write_text("notes of a teacher", encoding="utf-8")
    (chapters / "9-old.md").write_text("an old chapter", encoding="utf-8")
    with pytest.raises(TextImportError, match=r"already holds 3 chapter file\(s\) .*add FORCE=1 to `make import`"):
        import_text(source, tmp_path / "guide")
    assert (chapters / "1-introduction.md").read_text(encoding="utf-8") == "notes of a teacher"
    report = import_text(source, tmp_path / "guide", ImportOptions(force=True))
    assert sorted(p.name for p in chapters.iterdir()) == ["1-introduction.md", "2-second-part.md"]
    assert report[:6] == [f"{source}:", "  Title: Title", "  Encoding: UTF-8", "  2 chapter page(s) (one page per chapter):",
                          "    1. Introduction (1 paragraph(s)) -> 1-introduction.md",
                          "    2. Second part (1 paragraph(s)) -> 2-second-part.md"]


def test_the_nav_of_an_existing_project_is_edited_in_place():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    edited = replace_nav(config, ["1-a.md", "2-b.md"])
    chapter_line = re.compile(r"^\s*- chapters/")
    assert [s for s in edited.splitlines() if not chapter_line.match(s)] == [s for s in config.splitlines() if not chapter_line.match(s)]
    assert re.search(r"  - The article:\n      - chapters/1-a.md\n      - chapters/2-b.md\n  - Glossary", edited)
    assert yaml.safe_load(re.sub(r"!ENV \[\w+, (\"[^\"]*\")\]", r"\1", edited))["nav"][1] == {"The article": ["chapters/1-a.md", "chapters/2-b.md"]}
    plain = "site_name: x\n# comment\nnav:\n  - Home: index.md  # home\n\nextra: {}\n"
    assert replace_nav(plain, ["1-a.md"]) == "site_name: x\n# comment\nnav:\n  - Home: index.md  # home\n  - The text:\n      - chapters/1-a.md\n\nextra: {}\n"


def test_import_into_an_existing_project_keeps_its_config(tmp_path):
    project = tmp_path / "guide"
    (project / "docs" / "chapters").mkdir(parents=True)
    config = "# my guide\nsite_name: Mine\nnav:\n  - Home: index.md\n  - Text:\n    - One: chapters/1-old.md  # first\n  - About: about.md\n"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    source = tmp_path / "text.txt"
    source.write_text(f"Title\n\n{PARA}\n", encoding="utf-8")
    import_text(source, project)
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == config.replace("    - One: chapters/1-old.md  # first\n", "    - chapters/1-introduction.md\n")
    assert not (project / "docs" / "index.md").exists() and not (project / "glossary").exists()


def test_a_new_guide_is_a_whole_project_with_no_path_into_the_generator(tmp_path):
    source = tmp_path / "t.txt"
    source.write_text(f"Title\n\n{PARA}\n", encoding="utf-8")
    import_text(source, tmp_path / "g")
    guide = tmp_path / "g"
    for name in ["mkdocs.yml", "docs/index.md", "docs/about.md", "docs/chapters/1-introduction.md", "hooks/guide.py",
                 "source/t.txt", "source/corrections.yml", "tests/test_guide.py", "README.md", "Makefile",
                 "requirements.txt", "requirements-test.txt", ".gitignore", ".github/workflows/pages.yml"]:
        assert (guide / name).is_file(), name
    assert (guide / "hooks" / "guide.py").read_text() == (ROOT / "hooks" / "guide.py").read_text()
    for path in guide.rglob("*"):
        if path.suffix == ".whl":  # the generator's wheel (vendor/): every file in it
            with zipfile.ZipFile(path) as wheel:
                assert [n for n in wheel.namelist() if str(ROOT).encode() in wheel.read(n)] == [], path
        elif path.is_file():
            assert str(ROOT) not in path.read_text(encoding="utf-8"), path
    assert (guide / "requirements.txt").read_text().splitlines()[-1] == f"vendor/reading_guide-{__version__}-py3-none-any.whl"
    config = yaml.safe_load(re.sub(r"!ENV \[\w+, (\"[^\"]*\")\]", r"\1", (guide / "mkdocs.yml").read_text()))
    assert config["site_name"] == "Title" and config["nav"][1] == {"The text": ["chapters/1-introduction.md"]}
    assert config["hooks"] == ["hooks/guide.py"] and config["extra"]["guide"]["source"] == "source/t.txt"


# The guide's own chapters, reproduced from the source

def article(path: Path) -> tuple[str, list[str]]:
    """A chapter's title and its article paragraphs, without the guide's additions (notes, footnote refs)."""
    page = path.read_text(encoding="utf-8")
    title = re.search(r"^# (.+)$", page, re.M).group(1)
    body = page.split('<div class="article" markdown>', 1)[1].split("</div>", 1)[0]
    return title, [p.strip() for p in re.sub(r"\[\^[^\]\s]+\]", "", body).split("\n\n") if p.strip()]


def test_the_guides_chapters_are_the_import_of_the_source(tmp_path):
    import_text(ROOT / "source" / "what-went-wrong-in-russia.txt", tmp_path)
    committed = sorted((ROOT / "docs" / "chapters").glob("*.md"))
    imported = sorted((tmp_path / "docs" / "chapters").glob("*.md"))
    assert [p.name for p in imported] == [p.name for p in committed]
    chapters = [article(p) for p in imported]
    for fix in yaml.safe_load((ROOT / "source" / "corrections.yml").read_text(encoding="utf-8")):
        paragraphs = chapters[fix["chapter"] - 1][1]
        assert paragraphs[fix["paragraph"] - 1].count(fix["original"]) == 1, fix
        paragraphs[fix["paragraph"] - 1] = paragraphs[fix["paragraph"] - 1].replace(fix["original"], fix["corrected"])
    assert chapters == [article(p) for p in committed]
    assert "site_name: \"What went wrong in Russia?\"" in (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")


# The worked example: another text, another heading style, three glossary entries, a real build

@pytest.mark.slow
def test_the_worked_example_builds_with_linked_terms_and_backlinks(tmp_path):
    project = tmp_path / "great-stink"
    shutil.copytree(EXAMPLE, project)
    run = subprocess.run([sys.executable, "-m", "reading_guide.cli", "import", "great-stink.txt", "--into", "."],
                         cwd=project, capture_output=True, text=True, check=True)
    assert run.stdout.splitlines()[:8] == [
        "great-stink.txt:", "  Title: THE GREAT STINK", "  Encoding: UTF-8", "  4 chapter page(s) (one page per chapter):",
        "    1. Introduction (2 paragraph(s)) -> 1-introduction.md",
        "    2. I. A HOT SUMMER (3 paragraph(s)) -> 2-a-hot-summer.md",
        "    3. II. THE ENGINEER’S PLAN (4 paragraph(s)) -> 3-the-engineers-plan.md",
        "    4. III. WHAT IT CHANGED (3 paragraph(s)) -> 4-what-it-changed.md"]
    site = build_site(project / "mkdocs.yml", tmp_path / "site")
    chapters = sorted((site / "chapters").glob("*.html"))
    assert [soup(p).select_one("article h1").get_text().rstrip("¶") for p in chapters] == [
        "Introduction", "I. A HOT SUMMER", "II. THE ENGINEER’S PLAN", "III. WHAT IT CHANGED"]
    text = " ".join(" ".join(soup(p).select_one("div.article").get_text().split()) for p in chapters)
    for words in ["“a Stygian pool, reeking with ineffable and intolerable horrors”", "built-up city", "£3 million",
                  "in 1848–49 and again in 1853–54", "“miasma” – foul air", "The Board’s chief engineer"]:
        assert words in text
    assert len(soup(site / "chapters" / "3-the-engineers-plan.html").select("div.article p.para")) == 4
    for slug in ["great-stink", "joseph-bazalgette", "metropolitan-board-of-works"]:
        links = [a for p in chapters for a in soup(p).select(f"div.article a.glossary-term[href='../glossary/{slug}.html']")]
        assert links and all(a["title"] for a in links), slug
        backlinks = [a["href"] for a in soup(site / "glossary" / f"{slug}.html").select("#where-it-occurs-in-the-text + ul a")]
        anchored = [h for h in backlinks if "#p" in h]
        assert anchored, slug
        for href in anchored:
            page, anchor = href.removeprefix("../").split("#")
            assert soup(site / page).find(id=anchor) is not None, href
    assert (site / "pdf" / "the-great-stink.pdf").stat().st_size > 10_000


def test_control_characters_are_reported_and_kept(tmp_path):
    """A character decoded wrongly upstream ("Phœnician" as "PhÅ\x93nician", in the corpus's Rousseau)
    is a doubt the import names with its line; the chapters keep the text as written."""
    source = tmp_path / "t.txt"
    source.write_text(f"Title\n\n{PARA}\n\nAs if the PhÅ\x93nician Baal were a god of the Greeks, as we are told.\n", encoding="utf-8")
    text = read_text(source)
    assert [d for d in text.doubts if "U+0093" in d] == [
        "line 5: the control character U+0093 in 's if the PhÅ\\x93nician Baal ': a character decoded wrongly "
        "before the import? Correct the source if so"]
    assert "PhÅ\x93nician" in render_chapter(text.chapters[0])


def test_a_forced_import_asks_first_and_without_an_answer_changes_nothing(tmp_path):
    """`make import` without INTO= works on this repository's own guide: it asks before replacing."""
    source = tmp_path / "t.txt"
    source.write_text(f"Title\n\n{PARA}\n", encoding="utf-8")
    guide = tmp_path / "g"
    assert run_cli("new", str(source), str(guide)).returncode == 0
    before = {p: p.read_bytes() for p in guide.rglob("*") if p.is_file()}
    run = run_cli("import", str(source), "--into", str(guide), "--force", "--ask")
    assert run.returncode == 1
    assert "This replaces the 1 chapter page(s) of the guide" in run.stderr and "INTO=. FORCE=1" in run.stderr
    assert {p: p.read_bytes() for p in guide.rglob("*") if p.is_file()} == before


def test_a_dry_run_prints_the_structure_and_writes_nothing(tmp_path):
    source = tmp_path / "t.txt"
    source.write_text(f"Title\n\n{PARA}\n\nSecond part\n\n{PARA}\n", encoding="utf-8")
    run = run_cli("new", str(source), str(tmp_path / "g"), "--dry-run")
    assert run.returncode == 0 and not (tmp_path / "g").exists()
    assert "    2. Second part (1 paragraph(s)) -> 2-second-part.md" in run.stdout
    assert run.stdout.rstrip().endswith("Dry run: nothing written (the import would write into a new guide)")


def test_a_forced_reimport_refreshes_what_the_import_made_and_keeps_the_glossary(tmp_path):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(f"The First Title\n\n{PARA}\n", encoding="utf-8")
    second.write_text(f"The Second Title\n\n{PARA}\n\nA later part\n\n{PARA}\n", encoding="utf-8")
    guide = tmp_path / "g"
    assert run_cli("new", str(first), str(guide)).returncode == 0
    (guide / "glossary" / "lenin.md").write_text("an entry of the user's", encoding="utf-8")
    run = run_cli("import", str(second), "--into", str(guide), "--force")
    assert run.returncode == 0, run.stderr
    config = (guide / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_name: "The Second Title"' in config and "chapters/2-a-later-part.md" in config
    assert "The Second Title" in (guide / "docs" / "index.md").read_text(encoding="utf-8")
    assert (guide / "glossary" / "lenin.md").read_text(encoding="utf-8") == "an entry of the user's"
    assert "Next: `make build` in" in run.stdout


def test_the_split_level_chooses_what_becomes_a_page(tmp_path):
    book = ROOT / "tests" / "fixtures" / "import" / "wollstonecraft-vindication.md"
    pages = {}
    for split in ("chapters", "sections"):
        run = run_cli("new", str(book), str(tmp_path / split), "--split", split, "--no-candidates")
        assert run.returncode == 0, run.stderr
        pages[split] = len(list((tmp_path / split / "docs" / "chapters").glob("*.md")))
        assert f"split: {split}" in (tmp_path / split / "mkdocs.yml").read_text(encoding="utf-8")
        assert not (tmp_path / split / "glossary-candidates.md").exists()  # --no-candidates
    assert pages["chapters"] == 14 and pages["sections"] == 14 + 5 + 6  # each section a page of its own
