"""Term candidates for the glossary (`reading-guide candidates`, `make candidates`) and draft entries."""

from __future__ import annotations

import functools
import json
import logging
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reading_guide.core.candidates import Candidate, find_candidates
from reading_guide.core.chapter_text import Paragraph, page_paragraphs, read_chapters
from reading_guide.core.frequencies import STRUCTURE_WORDS, function_words
from reading_guide.core.glossary import CATEGORIES, load_glossary, parse_entry
from reading_guide.core.linker import TermIndex
from reading_guide.core.phrases import fold
from reading_guide.importer import candidates as command
from reading_guide.importer.command import import_text
from reading_guide.importer.parse import read_text
from reading_guide.importer.scaffold import new_guide

from conftest import ROOT, build_site, chapter, entry, run_cli, soup, write_project

FIXTURES = Path(__file__).parent / "fixtures"
YARDSTICK_TOP = 60


def paragraphs(*texts: str, chapter_number: str = "1") -> list[Paragraph]:
    return [Paragraph(chapter_number, n, text, "docs/c.md") for n, text in enumerate(texts, start=1)]


def terms(found: list[Candidate]) -> list[str]:
    return [c.term for c in found]


def by_term(found: list[Candidate], term: str) -> Candidate:
    return next(c for c in found if fold(term) in {fold(s) for s in c.spellings})


# --- the yardstick: our own glossary ------------------------------------------------------------


@functools.cache
def yardstick() -> tuple[list[str], list[str]]:
    """Our entries linked somewhere in the article, and those among the top candidates. The
    candidates are made with the glossary set aside: nothing of it is passed to them."""
    text = read_chapters(ROOT / "docs")
    found = find_candidates(text, "en")[:YARDSTICK_TOP]
    glossary = load_glossary(ROOT / "glossary")
    index = TermIndex(glossary.entries.values())
    linked = {m.slug for p in text for m in index.find(p.text) if m.slug}
    present = [e for e in glossary.entries.values() if e.slug in linked]
    spellings = {fold(s) for c in found for s in c.spellings}
    hits = [e.term for e in present if {fold(f) for f in e.forms} & spellings]
    return [e.term for e in present], hits


def test_the_yardstick_most_of_our_entries_are_among_the_top_60_candidates():
    present, hits = yardstick()
    assert len(present) >= 30  # the article links that many of our entries: the measure means something
    assert len(hits) / len(present) >= 0.8, sorted(set(present) - set(hits))


def test_the_readme_prints_the_yardstick_figure():
    present, hits = yardstick()
    figure = f"{len(hits)} of {len(present)} ({round(100 * len(hits) / len(present))} %)"
    assert figure in (ROOT / "README.md").read_text(encoding="utf-8"), figure


# --- names, concepts, variants -----------------------------------------------------------------


def test_sentence_starts_are_not_names_and_names_at_sentence_starts_are():
    text = paragraphs(
        "Nevertheless the council met. Stalin spoke first. Later the council voted against Stalin.",
        "Nevertheless nothing changed, and Stalin stayed. Meanwhile the council met again in Moscow.",
    )
    found = find_candidates(text, "en")
    assert "Stalin" in terms(found)
    assert by_term(found, "Stalin").count == 3  # the sentence start counts: the text writes it capitalised elsewhere
    for word in ("Nevertheless", "Later", "Meanwhile"):
        assert fold(word) not in {fold(s) for c in found for s in c.spellings}


def test_plurals_and_possessives_are_aliases_and_counts_and_paragraphs_add_up():
    text = paragraphs(
        "The Soviets met in Petrograd. A Soviet of workers is a council.",
        "Lenin argued with the Soviets. Lenin’s view won, and the Soviet’s delegates agreed.",
    )
    soviet = by_term(find_candidates(text, "en"), "Soviet")
    assert soviet.count == 4 and soviet.paragraphs == ["1.1", "1.2"]
    assert {fold(a) for a in soviet.spellings} == {"soviet"}
    assert "Soviets" in soviet.spellings and soviet.kind == "name"
    assert soviet.context in ("The Soviets met in Petrograd.", "A Soviet of workers is a council.",
                              "Lenin argued with the Soviets.", "Lenin’s view won, and the Soviet’s delegates agreed.")


def test_an_acronym_joins_the_name_it_stands_for():
    text = paragraphs(
        "The Communist International (Comintern) was founded in 1919. The Comintern told parties what to do.",
        "The Union of Soviet Socialist Republics was founded in 1922. The USSR ended in 1991, and the Comintern long before.",
        "The Communist International met again in Moscow.",
    )
    found = find_candidates(text, "en")
    comintern = by_term(found, "Communist International")
    assert comintern.term == "Communist International" and "Comintern" in comintern.aliases
    assert comintern.count == 5 and comintern.category == "organisation"  # 2 + 3
    ussr = by_term(found, "USSR")
    assert ussr.term == "Union of Soviet Socialist Republics"
    assert not any(c.term == "Comintern" for c in found)


def test_the_category_is_guessed_from_cues():
    text = paragraphs(
        "The Labour Party won. The Spanish Civil War began in 1936. Mr Attlee said little, and Attlee’s party won.",
        "In Manchester the Labour Party met. The Spanish Civil War went on. He travelled to Manchester.",
    )
    found = find_candidates(text, "en")
    assert by_term(found, "Labour Party").category == "organisation"
    assert by_term(found, "Spanish Civil War").category == "event"
    assert by_term(found, "Attlee").category == "person"
    assert by_term(found, "Manchester").category == "place"
    assert all(c.category in CATEGORIES for c in found)


def test_terms_with_an_entry_and_the_authors_name_are_left_out():
    text = paragraphs(
        "Holloway writes that the Bolsheviks took power. The Bolsheviks and the Mensheviks quarrelled.",
        "The Mensheviks lost, Holloway says, because the Bolsheviks (Bolshevik Party) were better organised.",
    )
    found = find_candidates(text, "en", known=["Bolshevik Party"], authors=["Jane Holloway"])
    assert "Mensheviks" in terms(found)
    assert not {"holloway", "jane holloway", "bolshevik", "bolshevik party"} & {fold(s) for c in found for s in c.spellings}


def test_chapter_labels_months_and_roman_numerals_are_never_names():
    text = paragraphs("As Chapter IV showed, in October Napoleon marched on Moscow. See Chapter V and Part II.",
                      "In October the retreat began. Napoleon left Moscow in ruins.")
    spellings = {fold(s) for c in find_candidates(text, "en") for s in c.spellings}
    assert {"napoleon", "moscow"} <= spellings
    assert not {"chapter", "chapter iv", "october", "iv", "part", "part ii"} & spellings


# --- paragraphs as the site numbers them ----------------------------------------------------------

BLOCKS = """\
A first paragraph.

## A heading inside the article

A second paragraph,
written over two lines.

- a list item
- another

> A quotation in two
> blocks, which Markdown joins.

> The second block of it.

| a | b |
| - | - |
| 1 | 2 |

    indented code

A third paragraph with a note.[^n1] and *emphasis* and a [link](https://example.org).

<div class="map" markdown>
Inside a div: not numbered.
</div>

The last paragraph."""


def test_paragraphs_are_numbered_as_the_site_numbers_them_without_a_build():
    page = chapter(3, "Three", BLOCKS) + "\n[^n1]: **Context.** A note. Source: A Book (A Press, 2001).\n"
    found = page_paragraphs(page, "docs/c3.md")
    assert [p.ref for p in found] == ["3.1", "3.2", "3.3", "3.4", "3.5"]
    assert found[1].text == "A second paragraph, written over two lines."
    assert found[2].text.startswith("A quotation in two blocks") and "second block" in found[2].text
    assert found[3].text == "A third paragraph with a note. and emphasis and a link."
    assert found[4].text == "The last paragraph."


def test_the_paragraph_numbers_agree_with_the_built_site(mini):
    page = chapter(3, "Three", BLOCKS) + "\n[^n1]: **Context.** A note. Source: A Book (A Press, 2001).\n"
    site = mini({"c3.md": page}, {})
    built = {p["id"]: p.get_text(" ", strip=True) for p in soup(site / "c3.html").select("[id^=p3-]")}
    ours = page_paragraphs(page, "docs/c3.md")
    assert sorted(built) == sorted(f"p{p.ref.replace('.', '-')}" for p in ours)
    for p in ours:
        shown = " ".join(built[f"p{p.ref.replace('.', '-')}"].split()[1:])  # after the paragraph number
        assert shown.replace(" .", ".").replace(" ,", ",")[:20] == p.text[:20]


# --- books: Mill, a German text, the 80,000-word book ---------------------------------------------


@pytest.fixture(scope="module")
def mill(tmp_path_factory) -> list[Candidate]:
    """Mill's top 100 (the import writes the checklist too)."""
    folder = tmp_path_factory.mktemp("mill") / "guide"
    source = FIXTURES / "import" / "mill-on-liberty.md"
    new_guide(read_text(source), source, folder)  # the guide without the import's own candidates run
    return top(folder, 100)


@pytest.fixture(scope="module")
def manifest(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("manifest") / "guide"
    source = FIXTURES / "candidates" / "manifest-de.md"
    new_guide(read_text(source), source, folder, "de")
    return folder


def top(folder: Path, n: int = 30) -> list[Candidate]:
    return command.candidates_of(command.read_guide(folder), n)[0]


def assert_no_furniture(found: list[Candidate], language: str, authors: list[str]) -> None:
    for c in found:
        words = fold(c.term).split()
        assert not (len(words) == 1 and (words[0] in function_words(language) or words[0] in STRUCTURE_WORDS)), c.term
        assert not set(words) <= {w for a in authors for w in fold(a).split()}, c.term


def test_mills_on_liberty_top_30_reads_as_a_reader_expects(mill):
    found = mill[:30]
    spellings = {fold(s) for c in found for s in c.spellings}
    for expected in ("liberty", "individuality", "Christianity", "Marcus Aurelius", "Wilhelm von Humboldt",
                     "despotism", "opinion"):
        assert fold(expected) in spellings, expected
    for never in ("The", "But", "It", "Chapter", "Mill", "John Stuart Mill", "Introductory", "I"):
        assert fold(never) not in spellings, never
    assert_no_furniture(found, "en", ["John Stuart Mill"])
    # concepts are words far more frequent here than in ordinary prose: not merely frequent ones
    common = {fold(s) for c in mill for s in c.spellings}
    for ordinary in ("time", "people", "way", "made", "many", "good", "great", "said", "world", "man"):
        assert ordinary not in common, ordinary


def test_a_german_texts_top_30_reads_as_a_reader_expects(manifest):
    found = top(manifest)
    spellings = {fold(s) for c in found for s in c.spellings}
    for expected in ("Bourgeoisie", "Kommunismus", "Manufaktur", "Klassengegensätze", "Feudalherren"):
        assert fold(expected) in spellings, expected
    for never in ("Die", "Sie", "Der", "Es", "Vorrede", "Kapitel", "Marx", "Engels", "moderne", "feudalen"):
        assert fold(never) not in spellings, never  # sentence starts, the furniture, the authors, adjectives
    assert_no_furniture(found, "de", ["Karl Marx", "Friedrich Engels"])


@pytest.mark.slow
def test_an_80000_word_book_takes_seconds(tmp_path):
    """The figure is for the report (README); the bound is loose, for a shared machine."""
    import_text(FIXTURES / "import" / "wollstonecraft-vindication.md", tmp_path / "g")
    text = read_chapters(tmp_path / "g" / "docs")
    assert sum(len(p.text.split()) for p in text) > 80_000
    started = time.process_time()
    found = find_candidates(text, "en")
    seconds = time.process_time() - started
    print(f"candidates of {len(text)} paragraphs: {seconds:.2f} s CPU")
    assert found and seconds < 10


# --- the command: checklist, JSON, accepting -----------------------------------------------------


def small_guide(tmp_path: Path, glossary: dict[str, str | bytes] | None = None) -> Path:
    text = chapter(1, "One",
                   "The Communist International (Comintern) was founded in Moscow. Lenin’s party led it.",
                   "The Comintern told the Communist Parties what to do. The Red Army fought on.",
                   "Lenin died in 1924. The Red Army and the Comintern outlived him.")
    write_project(tmp_path, {"c1.md": text, "index.md": "# Home\n"}, glossary or {},
                  config=f"site_name: Test\nsite_author: Jane Holloway\nhooks:\n  - {ROOT}/hooks/guide.py\n"
                  "theme:\n  name: material\n  language: en\n")
    return tmp_path


def test_the_checklist_lists_candidates_with_links_to_their_paragraphs(tmp_path):
    guide = small_guide(tmp_path)
    lines = command.run(guide)
    checklist = (guide / command.CHECKLIST).read_text(encoding="utf-8")
    assert str(guide / command.CHECKLIST) in "\n".join(lines)
    line = next(s for s in checklist.splitlines() if "**Communist International**" in s)
    assert line.startswith("- [ ] ") and "aliases: Comintern" in line and "4×" in line
    assert "[1.1](docs/c1.md#p1-1)" in line and "[1.3](docs/c1.md#p1-3)" in line
    assert not (guide / "docs" / command.CHECKLIST).exists() and not (guide / "glossary" / command.CHECKLIST).exists()


def test_json_lists_the_candidates_for_tools(tmp_path):
    guide = small_guide(tmp_path)
    run = subprocess.run([sys.executable, "-m", "reading_guide.cli", "candidates", "--json", str(guide)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    listed = json.loads(run.stdout)
    assert listed and {"term", "aliases", "category", "count", "paragraphs"} <= set(listed[0])
    comintern = next(c for c in listed if c["term"] == "Communist International")
    assert comintern["aliases"] == ["Comintern"] and comintern["paragraphs"] == ["1.1", "1.2", "1.3"]
    assert not (guide / command.CHECKLIST).exists()  # --json writes nothing


def test_accepting_writes_valid_draft_stubs_and_leaves_them_out_of_the_list(tmp_path):
    guide = small_guide(tmp_path)
    report = command.run(guide, accept=["Comintern", "red army", "Nonsense"])
    written = sorted(p.name for p in (guide / "glossary").glob("*.md"))
    assert written == ["communist-international.md", "red-army.md"]
    assert any("'Nonsense': not among the candidates" in line for line in report)
    for name in written:
        stub, problems = parse_entry(name[:-3], (guide / "glossary" / name).read_bytes(), f"glossary/{name}")
        assert stub is not None and stub.draft and not problems, problems
        assert stub.category in CATEGORIES
    comintern = parse_entry("c", (guide / "glossary" / "communist-international.md").read_bytes(), "c")[0]
    assert comintern is not None and comintern.aliases == ("Comintern",)
    checklist = (guide / command.CHECKLIST).read_text(encoding="utf-8")
    assert "**Communist International**" not in checklist and "**Red Army**" not in checklist
    again = command.run(guide, accept=["Comintern"])
    assert any("has an entry already" in line for line in again)


def test_a_concept_stub_has_a_capital_and_matches_any_case(tmp_path):
    guide = small_guide(tmp_path)
    (guide / "docs" / "c2.md").write_text(chapter(2, "Two", "Collectivisation came. The collectivisation of farms failed.",
                                                  "Peasants fought collectivisation."), encoding="utf-8")
    command.run(guide, accept=["collectivisation"])
    stub, problems = parse_entry("collectivisation", (guide / "glossary" / "collectivisation.md").read_bytes(), "x")
    assert stub is not None and not problems
    assert stub.term == "Collectivisation" and stub.match_case is False and stub.category == "idea"


def test_ticked_terms_are_accepted_and_ticks_survive_a_new_list(tmp_path):
    guide = small_guide(tmp_path)
    command.run(guide)
    checklist = guide / command.CHECKLIST
    text = checklist.read_text(encoding="utf-8")
    text = text.replace("- [ ] **Lenin**", "- [x] **Lenin**")
    checklist.write_text(text, encoding="utf-8")
    command.run(guide)  # a new list keeps the tick
    assert "- [x] **Lenin**" in checklist.read_text(encoding="utf-8")
    command.run(guide, accept_ticked=True)
    assert (guide / "glossary" / "lenin.md").is_file()
    assert "**Lenin**" not in checklist.read_text(encoding="utf-8")


def test_removing_draft_from_a_stub_gives_the_usual_error(tmp_path):
    guide = small_guide(tmp_path)
    command.run(guide, accept=["Lenin"])
    stub = (guide / "glossary" / "lenin.md").read_text(encoding="utf-8")
    glossary = load_glossary(guide / "glossary")
    assert not glossary.problems and glossary.entries["lenin"].draft
    (guide / "glossary" / "lenin.md").write_text(re.sub(r"(?m)^draft: true.*\n", "", stub), encoding="utf-8")
    errors = [str(p) for p in load_glossary(guide / "glossary").errors]
    assert errors and "missing 'summary'" in errors[0] and errors[0].startswith(f"{guide / 'glossary'}/lenin.md:")


def test_draft_must_be_true_or_false():
    _, problems = parse_entry("x", b"---\nterm: X\ncategory: idea\ndraft: perhaps\n---\n", "glossary/x.md")
    assert any("draft must be true or false" in str(p) for p in problems)


def test_the_import_makes_the_list_and_says_where(tmp_path):
    report = import_text(ROOT / "examples" / "great-stink" / "great-stink.txt", tmp_path / "g")
    assert (tmp_path / "g" / command.CHECKLIST).is_file()
    assert any(str(tmp_path / "g" / command.CHECKLIST) in line for line in report)


@pytest.mark.parametrize("makefile", [ROOT / "Makefile", ROOT / "src/reading_guide/importer/template/Makefile"])
def test_make_candidates_passes_accept_and_ticked(makefile, tmp_path):
    for name in ("Makefile", "requirements.txt", "requirements-test.txt", "constraints.txt", "pyproject.toml"):
        (tmp_path / name).write_text(makefile.read_text() if name == "Makefile" else "", encoding="utf-8")
    run = subprocess.run(["make", "-n", "candidates", "ACCEPT=Soviet, Comintern", "TICKED=1"],
                         capture_output=True, text=True, cwd=tmp_path, check=False)
    assert run.returncode == 0, run.stderr
    assert 'reading-guide candidates' in run.stdout and '--accept "Soviet, Comintern"' in run.stdout
    assert "--accept-ticked" in run.stdout


# --- drafts in a build ----------------------------------------------------------------------------


@pytest.mark.slow
def test_a_draft_is_neither_linked_nor_built_and_the_build_says_so_once(tmp_path, caplog):
    docs = {"c1.md": chapter(1, "One", "The Soviet met. The Comintern spoke.")}
    glossary = {"soviet.md": entry("Soviet"),
                "comintern.md": "---\nterm: Comintern\naliases: []\ncategory: organisation\ndraft: true\n---\n"}
    config = write_project(tmp_path / "p", docs, glossary)
    with caplog.at_level(logging.INFO):
        site = build_site(config, tmp_path / "site")  # strict: a draft with no summary, sources or body passes
    page = soup(site / "c1.html")
    assert [a.get_text() for a in page.select("a.glossary-term")] == ["Soviet"]
    assert not (site / "glossary" / "comintern.html").exists()
    assert "Comintern" not in (site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "glossary/comintern" not in (site / "search" / "search_index.json").read_text(encoding="utf-8")
    lines = [r.getMessage() for r in caplog.records if "draft entr" in r.getMessage()]
    assert len(lines) == 1 and lines[0].endswith("1 draft entry (not built): glossary/comintern.md"), lines


def test_a_folder_that_is_no_guide_gets_a_clear_message(tmp_path):
    run = run_cli("candidates", str(tmp_path))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"{tmp_path}/mkdocs.yml: cannot be read" in run.stderr and "holds mkdocs.yml" in run.stderr
    (tmp_path / "mkdocs.yml").write_text("site_name: Empty\n", encoding="utf-8")
    with pytest.raises(command.TextImportError, match="no chapter pages"):
        command.run(tmp_path)


WORDS = ["the", "Soviet", "Soviets", "council", "Lenin’s", "Red", "Army", "of", "USSR", "(", ")", ".", ",", "1917",
         "Mr.", "Die", "Gesellschaft", "ex-Tsarist", "workers’", "state", "Chapter", "IV", ":", "“", "”", "\u00e9t\u00e9", "-"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join), min_size=1, max_size=6),
       st.sampled_from(["en", "de", "fr"]))
def test_any_text_gives_well_formed_candidates(texts, language):
    text = paragraphs(*texts)
    refs = {p.ref for p in text}
    for c in find_candidates(text, language):
        assert c.term.strip() and c.category in CATEGORIES and c.kind in ("name", "concept")
        assert c.paragraphs and set(c.paragraphs) <= refs and len(c.paragraphs) <= c.count
        assert c.term not in c.aliases and len(set(c.aliases)) == len(c.aliases)
        assert any(fold(s) in fold(c.context) or s in c.context for s in c.spellings), (c.term, c.context)
