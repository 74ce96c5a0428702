"""The PDF template keeps out what costs Typst memory per occurrence (issue 24).

Measured on synthetic books (README, "Reading offline and printing"): a closure show rule on links
(`#show link: it => it`, a no-op) cost 7 % of the PDF's peak memory at 43,000 words (1 % at
108,000), because Typst runs and keeps the closure once per link, and a book has tens of thousands
of links (terms, back-links, notes).
A `set` show rule is resolved with the styles and costs nothing per occurrence.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reading_guide.book.model import Book, BookMeta, Paragraph, Section, Text
from reading_guide.book.pdf import TEMPLATE, write_pdf

from conftest import require_tool

SHOW = re.compile(r"(?<![\w-])show\s+")


def show_rules(source: str) -> list[tuple[str, str]]:
    """(selector, body) of every show rule of the template, comments left out; the selector ends at
    the first colon outside brackets (`heading.where(outlined: true)` has one inside)."""
    rules = []
    for line in source.splitlines():
        code = line.split("//", 1)[0]
        found = SHOW.search(code)
        if not found:
            continue
        rest, depth = code[found.end():], 0
        for i, char in enumerate(rest):
            depth += (char in "([{") - (char in ")]}")
            if char == ":" and depth == 0:
                rules.append((rest[:i].strip(), rest[i + 1:].strip()))
                break
    return rules


def test_the_template_has_show_rules_to_check():
    rules = show_rules(TEMPLATE.read_text(encoding="utf-8"))
    assert any(selector.startswith("heading") for selector, _ in rules), rules


def test_every_show_rule_of_the_template_is_a_set_rule():
    for selector, body in show_rules(TEMPLATE.read_text(encoding="utf-8")):
        assert body.startswith("set "), (
            f"book.typ: `show {selector}: {body}` runs once per element; in a long book that is per link, "
            "per note or per paragraph, and Typst keeps every run (issue 24): use a set rule or shape the "
            "content where the template makes it")


def test_the_check_sees_a_closure_show_rule():
    assert show_rules("#show link: it => it  // a no-op\n") == [("link", "it => it")]
    assert show_rules("#show heading: set text(font: sans)\n")[0][1].startswith("set ")


PROSE = ("the workers councils met in the hall and argued about bread land peace and the war "
         "while the soldiers listened from the back of the room")


def long_chapter(number: int, title: str, paragraphs: int) -> Section:
    words = PROSE.split()
    text = " ".join(words[i % len(words)] for i in range(120))
    blocks = tuple(Paragraph(children=(Text(f"{title} paragraph {i}: {text}."),)) for i in range(paragraphs))
    return Section(key=f"page-c{number}", src=f"c{number}.md", title=title, part="chapter", level=1, blocks=blocks)


@pytest.mark.slow  # one Typst compilation (about a second)
def test_the_running_header_names_the_chapter_except_on_its_first_page(tmp_path):
    """The header looks only at the titles next to it (a filter over every title on every page was
    quadratic): a chapter's first page has none, its later pages name it, the next chapter's pages their own."""
    titles = ["Workers in the cities", "Peasants on the land"]
    book = Book(BookMeta(title="A guide", subtitle="A reading guide", version="1"),
                tuple(long_chapter(i + 1, title, 40) for i, title in enumerate(titles)), tmp_path)
    target = tmp_path / "book.pdf"
    assert write_pdf(book, target) == []
    tool = require_tool(Path(shutil.which("pdftotext") or "/usr/bin/pdftotext"), "apt-get install poppler-utils")
    pages = subprocess.run([str(tool), "-layout", str(target), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    seen = []
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = " ".join(lines[1:])
        current = next((t for t in reversed(titles) if f"{t} paragraph" in body), None)
        if current is None:
            continue  # the cover, the contents
        begins = f"{current} paragraph 0:" in body  # the chapter's first page: its title, no header
        seen.append((current, begins, lines[0]))
        if begins:
            assert lines[0] == current and lines.count(current) == 1, f"a header on the first page of {current!r}: {lines[:2]}"
        else:
            assert lines[0] == current, f"page of {current!r} headed {lines[0]!r}"
    assert [title for title, begins, _ in seen if begins] == titles
    assert all(sum(1 for title, begins, _ in seen if title == t and not begins) >= 2 for t in titles), seen


@pytest.mark.slow  # one Typst compilation
def test_a_table_whose_header_cells_hold_styled_text_reaches_the_pdf(tmp_path):
    """A header cell is a list of runs like any cell: flattening the header rows once took a styled run
    apart into its dictionary's pairs, and Typst stopped with 'cannot access fields on type array'
    (a Gutenberg HTML edition with italics in a table's first row)."""
    from reading_guide.book.model import Styled, Table

    table = Table(head=(((Styled("emph", (Text("Year"),)),), (Text("Event"),)),),
                  body=(((Text("1790"),), (Styled("strong", (Text("Reflections"),)), Text(" published"))),))
    chapter = Section(key="page-c1", src="c1.md", title="Tables", part="chapter", level=1,
                      blocks=(Paragraph(children=(Text("Before the table."),)), table))
    target = tmp_path / "book.pdf"
    assert write_pdf(Book(BookMeta(title="A guide", subtitle="A reading guide", version="1"), (chapter,), tmp_path),
                     target) == []
    tool = require_tool(Path(shutil.which("pdftotext") or "/usr/bin/pdftotext"), "apt-get install poppler-utils")
    text = subprocess.run([str(tool), str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert all(word in text for word in ("Year", "Event", "1790", "Reflections published"))
