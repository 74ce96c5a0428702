"""The outline is the teacher's to correct (source/outline.yml), and a forced re-import keeps the teacher's
work: notes, "Before you read" boxes, summaries and questions move with their paragraphs, after a backup.

Fixture: tests/fixtures/import/rules/wells-numbered-chapters.txt (trimmed from the Gutenberg corpus;
see tests/fixtures/import/README.md). No site is built here (fast).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from reading_guide.cli import main
from reading_guide.importer.carry import carry_over
from reading_guide.importer.edits import read_outline
from reading_guide.importer.parse import read_text

from conftest import ROOT

TEXT = ROOT / "tests" / "fixtures" / "import" / "rules" / "wells-numbered-chapters.txt"
NOTE = "[^t-note]: **Context.** Frederick Douglass wrote this letter in October 1892. Source: a named book."
PARAGRAPH = "Let me give you thanks for your faithful paper"


def run(*args: str, capsys) -> str:
    assert main(list(args)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def chapters(folder: Path) -> list[str]:
    titles = []
    for page in sorted((folder / "docs" / "chapters").glob("*.md"), key=lambda p: int(p.name.split("-")[0])):
        titles.append(re.search(r"^# (.+)$", page.read_text(encoding="utf-8"), re.M).group(1))
    return titles


def new(tmp_path: Path, capsys) -> Path:
    folder = tmp_path / "guide"
    run("new", str(TEXT), str(folder), capsys=capsys)
    return folder


def test_the_import_writes_the_outline_it_read_with_what_it_rejected_and_dropped(tmp_path, capsys):
    folder = new(tmp_path, capsys)
    outline = yaml.safe_load((folder / "source" / "outline.yml").read_text(encoding="utf-8"))
    assert outline["source"] == TEXT.name
    assert [(h["line"], h["level"]) for h in outline["headings"]] == [
        (1, "chapter"), (19, "chapter"), (40, "chapter"), (57, "chapter"), (72, "chapter")]
    assert outline["dropped"] == [] and outline["rejected"] == []  # this excerpt has neither
    assert read_outline(folder / "source" / "outline.yml").headings[19] == "chapter"
    # a line that looked like a heading and was read as text is listed with why (turner-frontier: the preface's signature)
    turner = read_text(ROOT / "tests" / "fixtures" / "gutenberg" / "turner-frontier" / "text.txt")
    assert (152, "FREDERICK J. TURNER.", "before the chapters the table of contents names, and not a Preface or the like") \
        in turner.rejected


def test_a_level_changed_and_a_heading_removed_in_outline_yml_change_the_chapters_exactly(tmp_path, capsys):
    folder = new(tmp_path, capsys)
    before = chapters(folder)
    assert before == ["PREFACE", "HON. FRED. DOUGLASS'S LETTER", "1 \\_The\\_ OFFENSE",
                      "2: \\_The\\_ BLACK \\_and\\_ WHITE \\_of\\_ IT", "3 \\_The\\_ NEW CRY"]
    outline = folder / "source" / "outline.yml"
    text = outline.read_text(encoding="utf-8")
    text = re.sub(r"  - \{line: 19, level: chapter, .*\n", "", text)  # the letter's heading: text now
    text = text.replace("{line: 72, level: chapter", "{line: 72, level: section")  # "3 The NEW CRY": a section
    outline.write_text(text, encoding="utf-8")
    report = run("import", str(TEXT), "--into", str(folder), "--force", capsys=capsys)
    assert chapters(folder) == ["PREFACE", "1 \\_The\\_ OFFENSE", "2: \\_The\\_ BLACK \\_and\\_ WHITE \\_of\\_ IT"]
    last = sorted((folder / "docs" / "chapters").glob("3-*.md"))[0].read_text(encoding="utf-8")
    assert "## 3 \\_The\\_ NEW CRY" in last
    assert "HON. FRED. DOUGLASS'S LETTER" in (folder / "docs" / "chapters" / "1-preface.md").read_text(encoding="utf-8")
    assert f"Outline: {outline} applied: 4 heading(s), 2 change(s) from the rules:" in report
    assert "  line 72: chapter -> section ('3 _The_ NEW CRY')" in report
    assert "  line 19: no longer a heading (its chapter is text)" in report
    # the file now holds what was applied: a third import reads the same
    again = run("import", str(TEXT), "--into", str(folder), "--force", "--outline", str(outline), capsys=capsys)
    assert chapters(folder) == ["PREFACE", "1 \\_The\\_ OFFENSE", "2: \\_The\\_ BLACK \\_and\\_ WHITE \\_of\\_ IT"]
    assert "2 change(s) from the rules" in again


def test_a_heading_added_by_its_line_and_a_bad_line_named(tmp_path, capsys):
    folder = new(tmp_path, capsys)
    outline = folder / "source" / "outline.yml"
    outline.write_text(outline.read_text(encoding="utf-8").replace(
        "headings:\n", "headings:\n  - {line: 22, level: section}\n"), encoding="utf-8")  # "_Dear Miss Wells:_"
    report = run("import", str(TEXT), "--into", str(folder), "--force", capsys=capsys)
    assert "  line 22: section added ('_Dear Miss Wells:_')" in report
    letter = (folder / "docs" / "chapters" / "2-hon-fred-douglasss-letter.md").read_text(encoding="utf-8")
    assert "## \\_Dear Miss Wells:\\_" in letter
    outline.write_text(outline.read_text(encoding="utf-8").replace("{line: 22, level: section",
                                                                   "{line: 11, level: section"), encoding="utf-8")
    assert main(["import", str(TEXT), "--into", str(folder), "--force"]) == 1
    assert "the heading at line 11 is not the first line of a paragraph or heading" in capsys.readouterr().err


def test_a_note_a_box_and_questions_survive_a_forced_reimport_that_moves_their_paragraph(tmp_path, capsys):
    folder = new(tmp_path, capsys)
    letter = folder / "docs" / "chapters" / "2-hon-fred-douglasss-letter.md"
    page = letter.read_text(encoding="utf-8")
    page = page.replace(PARAGRAPH, "Let me give you thanks[^t-note] for your faithful paper", 1)
    page = page.replace('<div class="article" markdown>', '!!! abstract "Before you read"\n\n    Who wrote to whom.\n\n'
                        '<div class="article" markdown>', 1)
    letter.write_text(page + "\n## Discussion questions\n\n1. Why a letter?\n\n" + NOTE + "\n", encoding="utf-8")
    outline = folder / "source" / "outline.yml"
    outline.write_text(re.sub(r"  - \{line: 19, level: chapter, .*\n", "", outline.read_text(encoding="utf-8")),
                       encoding="utf-8")
    report = run("import", str(TEXT), "--into", str(folder), "--force", capsys=capsys)
    preface = (folder / "docs" / "chapters" / "1-preface.md").read_text(encoding="utf-8")
    assert "Let me give you thanks[^t-note] for your faithful paper" in preface and NOTE in preface
    assert preface.index('!!! abstract "Before you read"') < preface.index('<div class="article" markdown>')
    assert "## Discussion questions\n\n1. Why a letter?" in preface.split("</div>")[-1]
    assert 'Carried over to the new chapters: 1 note(s), 1 "Before you read" box(es), 1 summary and question part(s)' \
        in report
    backups = list((folder / "source" / "backup").glob("*/chapters/2-hon-fred-douglasss-letter.md"))
    assert len(backups) == 1 and "[^t-note]" in backups[0].read_text(encoding="utf-8")
    assert f"Backup of the 5 old chapter page(s): {backups[0].parent}" in report


def test_what_finds_no_place_is_written_to_one_file_and_named():
    old = {"2-a.md": '---\nchapter: 2\n---\n\n# A\n\n<div class="article" markdown>\n\nA sentence the new text '
                     'lost.[^x]\n\nKept words.\n\n</div>\n\n[^x]: **Context.** A note. Source: a book.\n'}
    new = {"1-b.md": '---\nchapter: 1\n---\n\n# B\n\n<div class="article" markdown>\n\nKept words.\n\n</div>\n'}
    carried = carry_over(old, new)
    assert carried.notes == 0 and len(carried.unplaced) == 1
    assert "A sentence the new text lost.[^x]" in carried.unplaced[0] and "[^x]: **Context.** A note." in carried.unplaced[0]
    assert carried.pages == new  # nothing else to move: the new page is as the import wrote it


def test_a_forced_reimport_of_a_new_text_refreshes_the_source_about_page_and_metadata(tmp_path, capsys):
    from reading_guide import testing

    folder = new(tmp_path, capsys)
    other = ROOT / "tests" / "fixtures" / "import" / "rules" / "wells-transcriber-note.txt"
    report = run("import", str(other), "--into", str(folder), "--force", capsys=capsys)
    config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'source: "source/wells-transcriber-note.txt"' in config
    assert (folder / "source" / other.name).read_bytes() == other.read_bytes()
    assert "site_name: \"Southern Horrors: Lynch Law in All Its Phases\"" in config
    about = (folder / "docs" / "about.md").read_text(encoding="utf-8")
    assert "`source/wells-transcriber-note.txt`" in about and "Transcriber" in about  # what the import left out
    assert f"{folder / 'docs' / 'about.md'} rewritten for the new text" in report
    assert testing.fidelity_problems(folder / "mkdocs.yml") == []  # the chapters are checked against the new text


def test_an_outline_for_another_version_of_the_text_is_not_applied_by_itself(tmp_path, capsys):
    folder = new(tmp_path, capsys)
    outline = folder / "source" / "outline.yml"
    outline.write_text(re.sub(r"  - \{line: 19, level: chapter, .*\n", "", outline.read_text(encoding="utf-8")),
                       encoding="utf-8")
    changed = tmp_path / "new" / TEXT.name
    changed.parent.mkdir()
    changed.write_text("\n\n" + TEXT.read_text(encoding="utf-8"), encoding="utf-8")  # every line moves by two
    report = run("import", str(changed), "--into", str(folder), "--force", capsys=capsys)
    assert f"Outline: {outline} is for another version of {TEXT.name}: not applied" in report
    assert "HON. FRED. DOUGLASS'S LETTER" in chapters(folder)  # the rules' reading, not the old edit
