"""Loading and checking glossary entries: each bad input gives a message naming file and line."""

from __future__ import annotations

import pytest

from reading_guide.core.glossary import load_glossary, parse_entry, timeline_events

from conftest import entry

GOOD = entry("Soviet", "A council of delegates.", category="organisation", aliases=["soviet council"])


def load(tmp_path, files: dict[str, str | bytes]):
    folder = tmp_path / "glossary"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    return load_glossary(folder, "glossary")


def test_a_good_entry_loads_with_every_field(tmp_path):
    text = entry("Comintern", "An international.", category="organisation", aliases=["Third International"],
                 dates="1919–1943", see_also=["Soviet"], match_case=False, background=True,
                 timeline=[{"date": "1919-03-02", "event": "Founded."}, {"date": 1943, "event": "Dissolved."}])
    glossary = load(tmp_path, {"comintern.md": text, "soviet.md": GOOD})
    assert glossary.problems == []
    comintern = glossary.entries["comintern"]
    assert (comintern.term, comintern.aliases, comintern.dates, comintern.match_case, comintern.background) == (
        "Comintern", ("Third International",), "1919–1943", False, True)
    assert [(e.date, e.event) for e in timeline_events(glossary)] == [("1919-03-02", "Founded."), ("1943", "Dissolved.")]
    assert list(glossary.entries) == ["comintern", "soviet"]  # alphabetical


BAD = [
    ("empty file", b"", None, "empty"),
    ("only spaces", b"  \n\n", None, "empty"),
    ("no front matter", b"term: Soviet\n", 1, "no front matter"),
    ("unclosed front matter", b"---\nterm: Soviet\nsummary: x\n", 1, "is never closed; add a line '---'"),
    ("broken YAML", b"---\nterm: Soviet\nsummary: [unclosed\ncategory: idea\n---\nBody\n", 4, "not valid YAML"),
    ("tab-indented YAML", b"---\nterm: Soviet\naliases:\n\t- soviets\nsummary: x\n---\n", 4, "spaces, not tabs"),
    ("front matter is a list", b"---\n- term\n- Soviet\n---\n", 2, "not a list"),
    ("missing term", b"---\nsummary: A council.\ncategory: idea\n---\nBody\n", 2, "missing 'term'"),
    ("empty term", b"---\nterm: ''\nsummary: A council.\ncategory: idea\n---\nBody\n", 2, "missing 'term'"),
    ("punctuation term", b"---\nterm: '?!'\nsummary: A council.\ncategory: idea\n---\nBody\n", 2, "no letter or digit"),
    ("missing summary", b"---\nterm: Soviet\ncategory: idea\n---\nBody\n", 2, "missing 'summary'"),
    ("unknown category", b"---\nterm: Soviet\nsummary: x\ncategory: thing\n---\nBody\n", 4, "not one of"),
    ("misspelt field", b"---\nterm: Soviet\nsumary: x\nsummary: x\ncategory: idea\n---\nBody\n", 3, "did you mean 'summary'"),
    ("aliases not a list", b"---\nterm: Soviet\nsummary: x\ncategory: idea\naliases: {a: 1}\n---\nBody\n", 5, "aliases must be a list"),
    ("bad source url", b"---\nterm: Soviet\nsummary: x\ncategory: idea\nsources: [{title: T, url: 'ftp:x'}]\n---\nB\n", 5, "not an http"),
    ("match_case not boolean", b"---\nterm: Soviet\nsummary: x\ncategory: idea\nmatch_case: maybe\n---\nB\n", 5, "true or false"),
    ("not UTF-8", "---\nterm: Sovi\u00e9t\nsummary: x\ncategory: idea\n---\n".encode("latin-1"), 2, "not UTF-8"),
]


@pytest.mark.parametrize("name, content, line, words", BAD, ids=[b[0] for b in BAD])
def test_bad_entry_is_an_error_naming_file_and_line(tmp_path, name, content, line, words):
    glossary = load(tmp_path, {"soviet.md": content})
    assert "soviet" not in glossary.entries
    error = glossary.errors[0]
    assert error.path == "glossary/soviet.md" and error.line == line and words in error.message
    assert str(error).startswith(f"glossary/soviet.md:{line}: " if line else "glossary/soviet.md: ")


@pytest.mark.parametrize("files, words", [
    ({"a.md": entry("Soviet"), "b.md": entry("soviet")}, "term 'soviet' is also claimed by glossary/a.md"),
    ({"a.md": entry("Soviet", aliases=["Council"]), "b.md": entry("Duma", aliases=["council"])}, "alias 'council' is also claimed"),
    ({"a.md": entry("Soviet"), "b.md": entry("Duma", aliases=["Soviet"])}, "alias 'Soviet' is also claimed"),
    ({"a.md": entry("Soviet", aliases=["workers’ council"]), "b.md": entry("Duma", aliases=["workers' council"])}, "also claimed"),
    ({"a.md": entry("Soviet", see_also=["Sovet"])}, "see_also names 'Sovet', which is no entry's term; did you mean 'Soviet'?"),
])
def test_clashes_and_unknown_references_are_errors(tmp_path, files, words):
    glossary = load(tmp_path, files)
    messages = [str(p) for p in glossary.errors]
    assert any(words in m for m in messages), messages
    assert all(m.startswith("glossary/") for m in messages)


@pytest.mark.parametrize("field, value, words", [
    ("summary", " ".join(["word"] * 31), "summary has 31 words"),
    ("sources", [], "no sources"),
    ("timeline", [{"event": "Something happened."}], "no usable date"),
    ("timeline", [{"date": "March 1917", "event": "Something happened."}], "no usable date"),
])
def test_editorial_checks_are_warnings(tmp_path, field, value, words):
    glossary = load(tmp_path, {"soviet.md": entry("Soviet", **{field: value})})
    assert "soviet" in glossary.entries and not glossary.errors
    assert any(words in p.message and p.path == "glossary/soviet.md" for p in glossary.warnings)


def test_a_file_that_is_not_markdown_is_reported_not_dropped_silently(tmp_path):
    glossary = load(tmp_path, {"soviet.txt": "term: Soviet"})
    assert any("only .md files" in p.message for p in glossary.warnings)


def test_see_also_cycle_is_allowed(tmp_path):
    glossary = load(tmp_path, {"a.md": entry("A1", see_also=["B1"]), "b.md": entry("B1", see_also=["A1"])})
    assert glossary.problems == [] and len(glossary.entries) == 2


def test_parse_entry_reports_yaml_line_in_file_terms():
    _, problems = parse_entry("x", b"---\nterm: X\nsummary: 'unclosed\n---\n", "g/x.md")
    # The stream ends on line 4 (the closing ---), inside the quoted scalar that starts on line 3.
    assert [(p.path, p.line) for p in problems] == [("g/x.md", 4)]
    assert "while reading what starts on line 3" in problems[0].message
