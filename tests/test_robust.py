"""Hostile and broken input that needs no site build (issue 20): each case fails on the old code.

The cases that build a site are in tests/test_robust_build.py.
"""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reading_guide.book.model import Break, Text
from reading_guide.book.runs import trim

# --- trim(): linear in the length of a paragraph ---------------------------------------------------

SPACES = re.compile(r"[ \t\n\r\f]+")


def trim_as_written_before(runs):
    """The old, quadratic trim(), kept as the reference of what trim() returns."""
    merged = []
    for run in runs:
        if isinstance(run, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(SPACES.sub(" ", merged[-1].text + run.text))
        elif not (isinstance(run, Text) and not run.text):
            merged.append(run)
    runs = merged
    while runs and isinstance(runs[0], Text) and not runs[0].text.strip(" "):
        runs.pop(0)
    while runs and isinstance(runs[-1], Text) and not runs[-1].text.strip(" "):
        runs.pop()
    if runs and isinstance(runs[0], Text):
        runs[0] = Text(runs[0].text.lstrip(" "))
    if runs and isinstance(runs[-1], Text):
        runs[-1] = Text(runs[-1].text.rstrip(" "))
    return runs


RUNS = st.lists(st.one_of(st.builds(Text, st.text(alphabet=" \n\tab", max_size=5)), st.just(Break())), max_size=12)


@given(RUNS)
@settings(max_examples=150, deadline=None)
def test_trim_returns_what_it_always_returned(runs):
    assert trim(list(runs)) == trim_as_written_before(list(runs))


def test_trim_of_a_one_megabyte_paragraph_in_many_runs_is_fast():
    """A 1 MB paragraph cut into 100,000 runs (as abbr/span elements cut it): the old trim joined the
    growing text again for each run (100 KB: 83 s; 1 MB: hours). Linear, it takes well under a second."""
    runs = [Text("Lenin and  the\nsoviet ") for _ in range(50_000)]  # 1.1 MB
    started = time.perf_counter()
    result = trim(runs)
    elapsed = time.perf_counter() - started
    assert len(result) == 1 and len(result[0].text) == 50_000 * 21 - 1
    assert elapsed < 2.0, f"trim took {elapsed:.1f} s for 1 MB"


# --- glossary files: one clear error each --------------------------------------------------------

from reading_guide.core.glossary import load_glossary, parse_entry  # noqa: E402

from conftest import entry  # noqa: E402


def problems_of(raw: bytes, name: str = "x.md") -> list[str]:
    _, problems = parse_entry(name.removesuffix(".md"), raw, f"glossary/{name}")
    return [str(p) for p in problems if p.is_error]


def test_a_key_given_twice_is_an_error_naming_both_lines():
    """YAML keeps the second `summary:` and dropped the first in silence."""
    raw = b"---\nterm: Soviet\nsummary: The first.\ncategory: idea\nsummary: The second.\n---\nBody\n"
    assert problems_of(raw) == ["glossary/x.md:5: 'summary' is given twice, on lines 3 and 5; YAML would keep only "
                                "the second: keep one"]


def test_a_key_given_twice_inside_a_source_is_an_error_too():
    raw = b"---\nterm: Soviet\nsummary: S.\ncategory: idea\nsources:\n  - title: A\n    title: B\n---\nBody\n"
    assert problems_of(raw)[0].startswith("glossary/x.md:7: 'title' is given twice, on lines 6 and 7")


@pytest.mark.parametrize("written, kind", [("1917", "a number"), ("yes", "true or false"), ("No", "true or false"),
                                           ("1917-10-25", "a date")])
def test_a_term_yaml_reads_as_no_text_says_to_quote_it(written, kind):
    raw = f"---\nterm: {written}\nsummary: S.\ncategory: event\n---\nBody\n".encode()
    assert problems_of(raw) == [f"glossary/x.md:2: term: {written} is read by YAML as {kind}, not text; put it in "
                                f"quotes: term: \"{written}\""]


def test_an_alias_yaml_reads_as_a_number_says_to_quote_it():
    raw = b"---\nterm: Year\nsummary: S.\ncategory: event\naliases: [1917]\n---\nBody\n"
    assert problems_of(raw)[0].startswith("glossary/x.md:5: aliases: 1917 is read by YAML as a number, not text")


def test_front_matter_without_its_closing_line_says_so():
    raw = b"---\nterm: Soviet\nsummary: S.\ncategory: idea\n\nBody\n"
    assert problems_of(raw) == ["glossary/x.md:1: the front matter opened by '---' on line 1 is never closed; add a "
                                "line '---' after its last field (before the page's text)"]


@pytest.mark.parametrize("where, line", [(b"---\nterm: Sov\0iet\nsummary: S.\ncategory: idea\n---\nBody\n", 2),
                                         (b"---\nterm: Soviet\nsummary: S.\ncategory: idea\n---\n\nBo\0dy\n", 7)])
def test_a_nul_character_is_reported_on_its_line_and_never_reaches_a_page(where, line):
    assert problems_of(where) == [f"glossary/x.md:{line}: a NUL character (byte 0), which no text holds: delete it "
                                  "(was it copied from a PDF or a binary file?)"]


def test_hidden_entry_files_are_reported_and_other_hidden_files_are_not(tmp_path):
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "..md").write_text(entry("Soviet"), encoding="utf-8")
    (folder / ".gitkeep").write_text("", encoding="utf-8")
    glossary = load_glossary(folder, "glossary")
    assert [str(p) for p in glossary.problems] == [
        "glossary/..md: a file name starting with '.' is a hidden file, which is not read; rename it after its "
        "term (e.g. lenin.md)"]


@pytest.mark.parametrize("name", ["a?b.md", "a#b.md", "a b.md", "a%20b.md", "-a.md"])
def test_entry_file_names_that_cannot_be_addresses_are_refused_once(tmp_path, name):
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / name).write_text(entry("Soviet"), encoding="utf-8")
    (folder / "other.md").write_text(entry("Other", see_also=["Soviet"]), encoding="utf-8")
    glossary = load_glossary(folder, "glossary")
    assert [str(p) for p in glossary.errors] == [
        f"glossary/{name}: the file name {name!r} cannot be a web address (the entry's page is named after it); "
        "rename it with letters, digits and '-' only, e.g. after its term"]  # and no knock-on see-also error


@pytest.mark.parametrize("name", ["lenin.md", "communist-international.md", "1917.md", "räte.md", "soviet_2.md",
                                  "sun.yat-sen.md"])
def test_ordinary_entry_file_names_are_accepted(tmp_path, name):
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / name).write_text(entry("Soviet", background=True), encoding="utf-8")
    assert load_glossary(folder, "glossary").errors == []


# --- the import: where a guide may go, and what it says ---------------------------------------------

from pathlib import Path  # noqa: E402

from reading_guide import cli  # noqa: E402
from reading_guide.importer.command import PACKAGE  # noqa: E402

TEXT = "Title: A Text\n\n# One\n\nThe first chapter's only paragraph, long enough to be one.\n\n" \
       "# Two\n\nThe second chapter's paragraph, long enough to be one too.\n"


def run_cli(capsys, *args: str) -> tuple[int, str]:
    code = cli.main([str(a) for a in args])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.err


def text_file(tmp_path: Path, name: str = "t.md", data: bytes | None = None) -> Path:
    path = tmp_path / name
    path.write_bytes(data if data is not None else TEXT.encode())
    return path


def test_new_keeps_the_files_a_folder_holds_and_says_so(tmp_path, capsys):
    """`new` overwrote a README, a Makefile and a home page that were there, without a word."""
    folder = tmp_path / "mine"
    mine = {"README.md": "my readme", "Makefile": "all:\n", "docs/index.md": "# my home", "notes.txt": "kept"}
    for name, content in mine.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content)
    code = cli.main(["new", str(text_file(tmp_path)), str(folder)])
    out = capsys.readouterr().out
    assert code == 0
    assert "Kept, not overwritten (3 file(s) the folder held): Makefile, README.md, docs/index.md" in out
    assert {name: (folder / name).read_text() for name in mine} == mine
    assert (folder / "mkdocs.yml").exists() and (folder / "docs" / "chapters").is_dir()


def test_new_refuses_to_overwrite_a_chapter_page_and_writes_nothing(tmp_path, capsys):
    folder = tmp_path / "mine"
    (folder / "docs" / "chapters").mkdir(parents=True)
    (folder / "docs" / "chapters" / "1-one.md").write_text("my notes")
    code, err = run_cli(capsys, "new", text_file(tmp_path), folder)
    assert code == 1 and f"error: {folder} already holds docs/chapters/1-one.md, which the new guide would " \
                         "overwrite with the text's chapters; nothing was written" in err
    assert sorted(p.name for p in folder.rglob("*")) == ["1-one.md", "chapters", "docs"]


def test_into_naming_a_file_is_a_message(tmp_path, capsys):
    target = text_file(tmp_path, "existing.txt", b"something")
    code, err = run_cli(capsys, "import", text_file(tmp_path), "--into", target)
    assert code == 1 and f"error: {target} is a file, not a folder; name a folder for the guide" in err
    code, err = run_cli(capsys, "new", text_file(tmp_path), target)
    assert code == 1 and f"error: {target} is a file, not a folder" in err


@pytest.mark.parametrize("inner", ["docs", "docs/chapters/new", "glossary", "notes"])
def test_into_the_pages_or_glossary_of_another_guide_is_refused(tmp_path, capsys, inner):
    guide = tmp_path / "guide"
    (guide / "docs").mkdir(parents=True)
    (guide / "mkdocs.yml").write_text("site_name: G\nextra:\n  guide:\n    glossary: notes\n")
    code, err = run_cli(capsys, "new", text_file(tmp_path), guide / inner)
    if inner == "glossary":  # this guide keeps its entries in notes/: glossary/ is an ordinary folder
        assert code == 0, err
        return
    name, folder = ("glossary", "notes") if inner == "notes" else ("pages", "docs")
    assert code == 1 and f"error: {guide / inner} is inside the {name} of the guide in {guide} ({folder}/): its " \
                         "next build would read the new guide's files as its own" in err
    assert not (guide / inner / "mkdocs.yml").exists()


def test_into_the_generator_or_its_template_is_refused(tmp_path, capsys):
    template = PACKAGE / "importer" / "template"
    before = sorted(p.stat().st_mtime_ns for p in template.rglob("*"))
    for command in (["new", text_file(tmp_path), template], ["import", text_file(tmp_path), "--into", template, "--force"]):
        code, err = run_cli(capsys, *command)
        assert code == 1 and f"is inside the generator ({PACKAGE}), whose template it would overwrite" in err
    assert sorted(p.stat().st_mtime_ns for p in template.rglob("*")) == before


@pytest.mark.parametrize("codec, looks", [("utf-32", "UTF-32 (little-endian, with a byte-order mark)"),
                                          ("utf-32-le", "UTF-32 (little-endian, without a byte-order mark)"),
                                          ("utf-32-be", "UTF-32 (big-endian, without a byte-order mark)")])
def test_a_utf32_text_is_named_as_such_with_how_to_save_it(tmp_path, capsys, codec, looks):
    code, err = run_cli(capsys, "new", text_file(tmp_path, "t.txt", TEXT.encode(codec)), tmp_path / "g", "--dry-run")
    assert code == 1 and f"t.txt: looks like {looks}, which the import does not read; open it in a text editor " \
                         "and save it as UTF-8" in err


# --- sources: an address with ')' ----------------------------------------------------------------------

def test_a_glossary_source_address_with_a_parenthesis_is_linked_whole():
    import markdown
    from bs4 import BeautifulSoup

    from reading_guide.core.glossary import Glossary
    from reading_guide.core.pages import render_entry
    from reading_guide.core.strings import ENGLISH

    url = "https://example.org/wiki/Party)_(1917"
    loaded, _ = parse_entry("x", entry("Soviet", sources=[{"title": "A Book", "url": url}]).encode(), "glossary/x.md")
    assert loaded is not None
    html = markdown.markdown(render_entry(loaded, Glossary(), None, ENGLISH), extensions=["md_in_html"])
    links = BeautifulSoup(html, "html.parser").select(".sources a")
    assert [(a.get_text(), a["href"]) for a in links] == [("A Book", "https://example.org/wiki/Party%29_%281917")]


def test_a_note_link_that_a_parenthesis_cuts_short_is_reported_with_its_line():
    from reading_guide.core.sources import cut_addresses

    text = ("Intro.\n\n[^n]: **Context.** Said. Source: A. Author, *A Book* (2001), "
            "[online](https://example.org/a)b) and [fine](https://example.org/Party_(1917)).\n")
    assert cut_addresses(text, "docs/c.md") == [
        "docs/c.md:3: the address 'https://example.org/a)b)' holds a ')' that ends the link early (it goes to "
        "'https://example.org/a'); write the ')' as %29, or put the address in <...>"]
    assert cut_addresses("See ([a book](https://example.org/a)).\n", "docs/c.md") == []


# --- the linker: unspaced scripts and Unicode forms ------------------------------------------------------

import unicodedata  # noqa: E402

from reading_guide.core.linker import TermIndex  # noqa: E402


def index_of(*terms: str, **fields) -> TermIndex:
    entries = []
    for number, term in enumerate(terms):
        loaded, problems = parse_entry(f"e{number}", entry(term, **fields).encode(), f"glossary/e{number}.md")
        assert loaded is not None, problems
        entries.append(loaded)
    return TermIndex(entries)


def found(index: TermIndex, text: str) -> list[str]:
    return [text[m.start:m.end] for m in index.find(text)]


def test_a_chinese_term_is_found_inside_unspaced_text():
    index = index_of("共产党", "列宁")
    assert found(index, "他是共产党员，列宁说。") == ["共产党", "列宁"]
    assert found(index, "共产党") == ["共产党"]


def test_a_short_latin_term_ends_where_a_chinese_character_follows():
    """"UN" has three letters or fewer (the linker looks for those with a pattern of their own): a
    CJK character after it ends the word, a Latin letter does not."""
    index = index_of("UN")
    assert found(index, "他说UN是联合国。") == ["UN"]
    assert found(index, "UNESCO and UN.") == ["UN"]


def test_a_japanese_term_is_found_inside_unspaced_text():
    assert found(index_of("ソビエト"), "ロシアのソビエト政府") == ["ソビエト"]


def test_word_boundaries_still_hold_in_spaced_scripts():
    index = index_of("Soviet", "Рада")
    assert found(index, "Sovietland and Радами, but Soviet and Рада.") == ["Soviet", "Рада"]


def test_a_decomposed_spelling_in_the_glossary_is_found_in_composed_text():
    """(Composed glossary, decomposed text: tests/test_robust_build.py, where the page is linked.)"""
    index = index_of(unicodedata.normalize("NFD", "Épinay Congrès"))
    assert found(index, unicodedata.normalize("NFC", "At the Épinay Congrès they met.")) == ["Épinay Congrès"]


def test_two_entries_that_differ_only_in_unicode_form_clash(tmp_path):
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "a.md").write_text(entry(unicodedata.normalize("NFC", "Congrès")), encoding="utf-8")
    (folder / "b.md").write_text(entry(unicodedata.normalize("NFD", "Congrès")), encoding="utf-8")
    assert any("is also claimed by glossary/a.md" in str(p) for p in load_glossary(folder, "glossary").errors)


def test_images_of_a_markdown_text_are_copied_into_the_guide_or_named_once(tmp_path, capsys):
    source = text_file(tmp_path, "t.md", (
        b"Title: A Text\n\n# One\n\nThe first chapter's paragraph, long enough to be one.\n\n![A map](img/the%20map.png)\n\n"
        b"More text <img src=\"pic.jpg\" alt=\"x\"> and ![web](https://example.org/x.png) here.\n\n"
        b"# Two\n\nThe second chapter's paragraph, long enough to be one too. ![up](../up.png)\n"))
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "the map.png").write_bytes(b"\x89PNG map")
    folder = tmp_path / "g"
    assert cli.main(["new", str(source), str(folder)]) == 0
    out = capsys.readouterr().out
    chapters = folder / "docs" / "chapters"
    assert (chapters / "img" / "the map.png").read_bytes() == b"\x89PNG map"
    image_lines = [line for line in out.splitlines() if line.startswith("Image")]
    assert image_lines == [
        f"Image copied: img/the%20map.png (in 1-one.md) -> {chapters / 'img' / 'the map.png'}",
        f"Image 'pic.jpg' (in 1-one.md) is not beside the text ({tmp_path / 'pic.jpg'} is missing); copy it to "
        f"{chapters / 'pic.jpg'}, or the page and the books show it as missing",
        "Image '../up.png' (in 2-two.md) points outside the guide's pages, so it was not copied; put it in a folder "
        f"beside the text and change the path, or copy it into {chapters} yourself"]


# --- a long text's navigation --------------------------------------------------------------------------

from reading_guide.importer.layout import nav_items, nav_lines  # noqa: E402
from reading_guide.importer.parse import parse_text  # noqa: E402


def long_text(headings: int, parts: int = 0):
    lines = ["Title: Long\n"]
    for n in range(1, headings + 1):
        if parts and (n - 1) % (headings // parts) == 0:
            lines.append(f"# Part {(n - 1) // (headings // parts) + 1}\n\nThe part's own opening words.\n\n"
                         f"## Chapter {n}\n\nThe text of chapter {n}, a sentence.\n")
        else:
            lines.append(f"{'##' if parts else '#'} Chapter {n}\n\nThe text of chapter {n}, a sentence.\n")
    return parse_text("\n".join(lines), "long.md", markdown=True)


def depth_and_widest(items, depth=1):
    widest = len(items)
    deepest = depth
    for item in items:
        if isinstance(item, tuple):
            d, w = depth_and_widest(item[1], depth + 1)
            deepest, widest = max(deepest, d), max(widest, w)
    return deepest, widest


def flat(items):
    return [f for item in items for f in ([item] if isinstance(item, str) else flat(item[1]))]


def test_a_short_text_keeps_a_flat_navigation():
    text = long_text(30)
    assert nav_items(text) == [c.file_name for c in text.chapters]


def test_five_thousand_headings_are_grouped_so_that_no_list_is_long():
    """The whole navigation is on every page: 5,000 chapters in one list made a 7 GB site. Grouped by
    thousands, hundreds and tens, and with navigation.prune, a page lists about forty links."""
    text = long_text(5000)
    items = nav_items(text)
    assert flat(items) == [c.file_name for c in text.chapters]  # every chapter, in order, once
    assert depth_and_widest(items) == (4, 10)
    assert [title for title, _ in items] == [f"Chapters {n}–{n + 999}" for n in range(1, 5000, 1000)]
    assert items[0][1][0][1][0][0] == "Chapters 1–10"
    assert nav_lines(items, "")[:4] == ['- "Chapters 1–1000":\n', '    - "Chapters 1–100":\n',
                                         '        - "Chapters 1–10":\n', '            - chapters/0001-chapter-1.md\n']


def test_a_long_part_is_grouped_inside_the_part_and_keeps_its_own_page_first():
    text = long_text(240, parts=2)
    items = nav_items(text, "Kapitel {first}–{last}")
    assert [title for title, _ in items] == ["Part 1", "Part 2"]
    own_page, *groups = items[1][1]
    assert isinstance(own_page, str) and not own_page.startswith(("0", "1", "2"))  # the part's own text
    assert [title for title, _ in groups] == ["Kapitel 121–220", "Kapitel 221–240"]
    assert [title for title, _ in groups[0][1]][:2] == ["Kapitel 121–130", "Kapitel 131–140"]
    assert len(flat(items)) == 242


def test_both_guides_prune_the_navigation():
    from conftest import ROOT

    for config in (ROOT / "mkdocs.yml", PACKAGE / "importer" / "template" / "mkdocs.yml"):
        features = re.search(r"^  features:\n((?:    - .*\n)+)", config.read_text(), re.M)
        assert features and "    - navigation.prune " in features.group(1), config
