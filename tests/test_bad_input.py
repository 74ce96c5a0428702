"""The bad-input catalogue: malformed or hostile inputs, each taken through MkDocs' build.

Each case says what must happen: the build stops (error: a PluginError, which MkDocs turns into its
own Abort, printed without a traceback) or fails under --strict (warning) with a message naming
the file (and the line where it can), or the build succeeds and the tricky input is handled right.

The cases render the pages without the theme (conftest.render, a tenth of a build); what is
written into a site is tested with whole builds at the end. How each glossary file is checked is
tests/test_glossary_model.py's (every broken entry, with its line): here, one case a kind shows
that the build reports it.
"""

from __future__ import annotations

import html

import pytest
from mkdocs.exceptions import Abort, BuildError

from conftest import ROOT, build_site, chapter, entry, render_project, write_project

pytestmark = pytest.mark.slow  # MkDocs builds

HOOKS = ROOT / "hooks"

GLOSSARY = {
    "lenin.md": entry("Lenin", "A leader.", category="person"),
    "soviet.md": entry("Soviet", "A council.", category="organisation", match_case=False),
}
DOCS = {
    "index.md": "# Home\n",
    "c1.md": chapter(1, "One", "Lenin and the Soviets.", "The soviet again."),
}


# (id, docs changes, glossary changes, extra settings, outcome, words in the message)
CASES = [
    ("broken YAML", {}, {"x.md": "---\nterm: X\nsummary: [oops\n---\n"}, "", "error", "glossary/x.md:4: front matter is not valid YAML"),
    ("5 MB file", {}, {"x.md": entry("Huge") + "word " * 1_000_000}, "", "error", "glossary/x.md: the file is 5.0 MB"),
    ("duplicate term", {}, {"x.md": entry("Lenin", category="person")}, "", "error", "glossary/x.md:2: term 'Lenin' is also claimed by glossary/lenin.md"),
    ("summary over 30 words", {}, {"x.md": entry("Duma", " ".join(["long"] * 31), background=True)}, "", "warning", "glossary/x.md:4: summary has 31 words"),
    ("a source on a weak host", {}, {"x.md": entry("Duma", background=True, sources=[{"title": "Duma facts", "url": "https://www.history.com/topics/duma"}])}, "", "warning", "glossary/x.md:5: source 'Duma facts' (https://www.history.com/topics/duma) is on the list of weak hosts (history.com)"),
    ("a note citing a party's site", {"c2.md": chapter(2, "Two", "Text.[^x]\n\n[^x]: **Context.** Luxemburg answered Bernstein. Source: [Rosa Luxemburg, *Reform or Revolution* (1899)](https://marxist.com/classics-reform-or-revolution/prologue.htm).")}, {}, "", "warning", "docs/c2.md:13: source 'Rosa Luxemburg, Reform or Revolution (1899)' (https://marxist.com/classics-reform-or-revolution/prologue.htm) is on the list of weak hosts (marxist.com): a party's or a movement's site"),
    ("a note without a source", {"c2.md": chapter(2, "Two", "Text.[^x]\n\n[^x]: **Context.** Said without a source.")}, {}, "", "warning", "docs/c2.md:13: note [^x] names no source"),
    ("term that occurs nowhere", {}, {"x.md": entry("Duma")}, "", "warning", "glossary/x.md: 'Duma' occurs nowhere in the chapters"),
    ("chapter missing from the nav", {"nav.yml": ""}, {}, "nav:\n  - index.md", "warning", "docs/c1.md: chapter 1 is not in the navigation"),
    ("empty chapter", {"c2.md": chapter(2, "Two")}, {}, "", "warning", "docs/c2.md: a chapter (front matter 'chapter: 2') with no paragraphs"),
    ("two chapters with one number", {"c2.md": chapter(1, "Two", "Text.")}, {}, "", "error", "docs/c2.md: chapter number 1 is already used by docs/c1.md"),
    ("a generated page written by hand", {"glossary/index.md": "# Mine\n"}, {}, "", "error", "docs/glossary/index.md exists, but the generator makes the glossary's index there"),
    ("an entry file named like the generated index", {}, {"index.md": entry("Index", background=True)}, "", "error", "glossary/index.md: an entry file cannot be called index.md, because the glossary's index is generated at docs/glossary/index.md"),
    ("unknown setting", {}, {}, "guide:\n  lnk: every", "error", "unknown setting 'extra.guide.lnk'; did you mean 'link'?"),
    ("bad link policy", {}, {}, "guide:\n  link: sometimes", "error", "'extra.guide.link' must be one of first, every, not 'sometimes'"),
    ("bad PDF page size", {}, {}, "guide:\n  pdf: {page_size: Letter}", "error", "'extra.guide.pdf.page_size' must be one of A4, A5, not 'Letter'"),
    ("glossary folder missing", {}, {}, "guide:\n  glossary: nowhere", "error", "nowhere: glossary folder not found"),
]


def build(tmp_path, docs_changes, glossary_changes, extra):
    docs = {**DOCS, **{k: v for k, v in docs_changes.items() if k != "nav.yml"}}
    nav = extra if extra.startswith("nav:") else ""
    settings = "" if nav else extra
    config = write_project(tmp_path / "p", docs, {**GLOSSARY, **glossary_changes})
    text = config.read_text()
    if settings:
        text = text.replace("extra:\n  guide:\n    pdf: false\n", "extra:\n" + "\n".join("  " + line for line in settings.splitlines()) + "\n")
    config.write_text(text + ("\n" + nav + "\n" if nav else ""))
    site = tmp_path / "site"
    return config, site


@pytest.mark.parametrize("name, docs, glossary, extra, outcome, words", CASES, ids=[c[0] for c in CASES])
def test_bad_input(tmp_path, name, docs, glossary, extra, outcome, words):
    config, site = build(tmp_path, docs, glossary, extra)
    if outcome == "error":
        with pytest.raises(BuildError) as stopped:  # MkDocs' build() makes it an Abort: no traceback
            render_project(config, site)
        assert words in str(stopped.value)
    else:
        warnings = render_project(config, site).warnings
        assert any(words in line for line in warnings), warnings


def test_a_wrong_book_page_stops_the_build_before_anything_is_written(tmp_path, caplog):
    """The book's pages are checked when the files are known, not after the site is written."""
    config, site = build(tmp_path, {}, {}, "guide:\n  pdf: {appendices: [missing.md]}")
    with pytest.raises(Abort):
        build_site(config, site)
    assert "extra.guide.pdf lists 'missing.md', which is not a page of the site" in caplog.text
    assert not (site / "index.html").exists()


def test_dirty_builds_stop_with_a_clear_message_and_delete_nothing(tmp_path):
    """`mkdocs build --dirty` cannot rebuild back-links from unchanged chapters: it says so and leaves
    the site that is there alone (it used to fail on a misleading message, then empty the site)."""
    import subprocess
    import sys

    config, site = build(tmp_path, {}, {}, "")
    build_site(config, site)
    written = sorted(p.relative_to(site) for p in site.rglob("*"))
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--dirty", "-f", str(config), "-d", str(site)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert "--dirty cannot be used with a reading guide" in run.stderr
    assert "Traceback" not in run.stderr
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == written


# --- tricky but valid input: the build succeeds and handles it right ---------------------------------


def rendered(tmp_path, docs_changes, glossary, extra=""):
    config, site = build(tmp_path, docs_changes, glossary, extra)
    result = render_project(config, site)
    assert result.warnings == []  # as --strict asks
    return result


def test_an_entry_named_timeline_is_an_entry_and_the_timeline_stays(tmp_path):
    """glossary/timeline.md used to be taken for the timeline page: its body was lost in silence."""
    glossary = {**GLOSSARY, "timeline.md": entry("Timeline", "A sequence of events.", background=True,
                                                 timeline=[{"date": "1917-10-25", "event": "Something happens."}])}
    pages = rendered(tmp_path, {}, glossary)
    assert "A sequence of events." in pages["glossary/timeline.md"].get_text()
    assert "Something happens." in pages["timeline.md"].get_text()
    assert pages["timeline.md"].select(".timeline-event")


def test_one_broken_file_is_one_error_not_knock_on_errors(tmp_path):
    """An unreadable entry is reported once; the see-also links that name it are not reported too."""
    referring = {f"e{n}.md": entry(f"Term {n}", see_also=["Soviet"], background=True) for n in range(5)}
    config, site = build(tmp_path, {}, {**GLOSSARY, **referring, "soviet.md": "---\nterm: Soviet\nsummary: [\n---\n"}, "")
    with pytest.raises(BuildError) as stopped:
        render_project(config, site)
    assert "1 problem(s) in the glossary" in str(stopped.value)
    assert "glossary/soviet.md:4: front matter is not valid YAML" in str(stopped.value)
    assert "see_also names 'Soviet'" not in str(stopped.value)


def test_terms_with_regex_characters(tmp_path):
    glossary = {f"{slug}.md": entry(term, f"About {term}.", background=False) for slug, term in
                [("cpp", "C++"), ("ussr", "U.S.S.R."), ("spd", "(SPD)")]}
    pages = rendered(tmp_path, {"c1.md": chapter(1, "One", "C++ and the U.S.S.R. and the (SPD) but not CXX.",
                                                 "Lenin and the soviet.")}, glossary)
    links = [a.get_text() for a in pages["c1.md"].select("a.glossary-term")]
    assert links[:3] == ["C++", "U.S.S.R.", "(SPD)"]


def test_summary_with_quotes_markup_and_ampersand_is_shown_as_written(tmp_path):
    summary = 'He said "no" <script>alert(1)</script> & left.'
    pages = rendered(tmp_path, {}, {"lenin.md": entry("Lenin", summary, category="person")})
    chapter_page, entry_page = pages["c1.md"], pages["glossary/lenin.md"]
    # Escaped once more: Material's tooltip inserts the title as HTML, and so shows the summary as written.
    assert chapter_page.select_one("a.glossary-term")["title"] == html.escape(summary, quote=False)
    assert entry_page.select_one(".entry-summary").get_text() == summary
    assert not entry_page.select("script") and not chapter_page.select("script")


def test_aliases_differing_only_in_case_in_one_entry_are_spellings_of_it(tmp_path):
    glossary = {"soviet.md": entry("Soviet", "A council.", aliases=["SOVIET"], category="organisation")}
    pages = rendered(tmp_path, {"c1.md": chapter(1, "One", "The SOVIET met Lenin.", "A Soviet, not a soviet.")},
                     {**glossary, "lenin.md": GLOSSARY["lenin.md"]})
    terms = [(el.name, el.get_text()) for el in pages["c1.md"].select("div.article .glossary-term")]
    assert terms == [("a", "SOVIET"), ("a", "Lenin"), ("abbr", "Soviet")]


def test_see_also_cycle_does_not_hang(tmp_path):
    glossary = {"lenin.md": entry("Lenin", category="person", see_also=["Soviet"]),
                "soviet.md": entry("Soviet", category="organisation", match_case=False, see_also=["Lenin"])}
    pages = rendered(tmp_path, {}, glossary)
    assert pages["glossary/lenin.md"].select_one("#see-also + p a")["href"] == "soviet.html"


def test_a_chapter_of_fifty_thousand_words(tmp_path):
    paragraphs = [("Lenin spoke to the soviet about the war and the peace of the land. " * 10).strip()] * 385
    page = rendered(tmp_path, {"c2.md": chapter(2, "Long", *paragraphs)}, GLOSSARY)["c2.md"]
    assert len(page.select("div.article p.para")) == 385 and page.select_one("#p2-385")
    assert len(page.select("div.article a.glossary-term, div.article abbr.glossary-term")) == 385 * 10 * 2


def test_a_term_ten_thousand_times_in_one_paragraph(tmp_path):
    page = rendered(tmp_path, {"c2.md": chapter(2, "Many", "Lenin, " * 10_000)}, GLOSSARY)["c2.md"]  # "Lenin Lenin": one longer name
    assert len(page.select("#p2-1 abbr.glossary-term")) == 9_999
