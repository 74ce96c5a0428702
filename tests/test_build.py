"""MkDocs builds of small guides: what the hooks put into the pages (rendered without the theme,
conftest.render), into the site (whole builds), and what the command line shows when a build stops.
What stops a build, case by case, is tests/test_bad_input.py's."""

from __future__ import annotations

import subprocess
import sys

import pytest
from mkdocs.exceptions import Abort

from conftest import Rendered, chapter, entry, render_project, soup, write_project

pytestmark = pytest.mark.slow  # real site builds

GLOSSARY = {
    "soviet.md": entry("Soviet", 'A council "of delegates" <b>&</b> more.', category="organisation", match_case=False),
    "lenin.md": entry("Lenin", "Leader of the Bolsheviks.", category="person", see_also=["Soviet"],
                      timeline=[{"date": "1924-01-21", "event": "Lenin dies."}]),
    "duma.md": entry("Duma", "A parliament.", category="organisation", background=True),
}
DOCS = {
    "index.md": "# Home\n\nA guide mentioning Lenin.\n",
    "c1.md": chapter(1, "One", "Lenin spoke to the Soviets.", "The soviet listened to Lenin.",
                     before='!!! abstract "Before you read"\n    Lenin is a name.'),
    "c2.md": chapter(2, "Two", "## Not a paragraph", "Nothing here.", "Lenin again[^n].\n\n[^n]: A note on Lenin. Source: A. Historian, *A Life* (A Press, 2001)."),
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Rendered:
    """DOCS and GLOSSARY rendered once for the tests that only read the pages (each page is parsed
    afresh on every look, so no test sees another's changes)."""
    root = tmp_path_factory.mktemp("render")
    return render_project(write_project(root / "project", DOCS, GLOSSARY), root / "site")


def test_chapters_get_numbered_paragraphs_links_hovers_and_backlinks(rendered):
    pages = rendered
    assert pages.warnings == []
    one = pages["c1.md"]
    paragraphs = one.select("div.article p.para")
    assert [p["id"] for p in paragraphs] == ["p1-1", "p1-2"]
    assert [p.select_one("a.para-num").get_text() for p in paragraphs] == ["1", "2"]
    # the first occurrence on the page is a link, and it stands in the article, not the note above it
    first = one.select("a.glossary-term")
    assert [(a.get_text(), a["href"]) for a in first] == [("Lenin", "glossary/lenin.html"), ("Soviets", "glossary/soviet.html")]
    assert first[0].find_parent("div", class_="article") is not None
    # Escaped once more: Material's tooltip inserts the title as HTML, and shows it as written.
    assert first[1]["title"] == 'A council "of delegates" &lt;b&gt;&amp;&lt;/b&gt; more.'
    assert '<b>&amp;</b>' not in str(one.select_one("div.article"))  # no markup slipped in
    later = one.select("abbr.glossary-term")
    assert sorted(a.get_text() for a in later) == ["Lenin", "Lenin", "soviet"]
    # back-links on the entry page, each to a paragraph that exists
    lenin = pages["glossary/lenin.md"]
    backlinks = [a["href"] for a in lenin.select("#where-it-occurs-in-the-text + ul a")]
    assert backlinks == ["../c1.html#p1-1", "../c1.html#p1-2", "../c2.html#p2-2"]
    texts = [a.get_text() for a in lenin.select("#where-it-occurs-in-the-text + ul a")]
    assert texts == ["One ¶1", "¶2", "Two ¶2"]  # per chapter: "Title ¶1, ¶2"
    by_url = {page.url: src for src, page in pages.pages.items()}
    for href in backlinks:
        page, _, anchor = href.removeprefix("../").partition("#")
        assert pages[by_url[page]].find(id=anchor)
    # the entry does not link to itself
    assert not lenin.select("a.glossary-term[href='lenin.html']")


def test_glossary_index_timeline_and_background_entries(rendered):
    pages = rendered
    index = pages["glossary/index.md"]
    headings = [h.get_text(strip=True).rstrip("¶") for h in index.select("h2")]
    assert headings == ["People", "Organisations"]
    assert [a.get_text() for a in index.select("#organisation + ul > li > a")] == ["Duma", "Soviet"]
    assert "background entry" in pages["glossary/duma.md"].get_text()
    event = pages["timeline.md"].select_one(".timeline-event")
    assert "21 January 1924" in event.get_text() and "Lenin dies." in event.get_text()
    assert [a["href"] for a in event.select(".timeline-links a")] == ["glossary/lenin.html", "c1.html#p1-1", "c2.html#p2-2"]


def test_every_occurrence_policy_links_all(render):
    one = render(DOCS, GLOSSARY, extra="link: every")["c1.md"]
    assert len(one.select("a.glossary-term")) == 5 and not one.select("abbr.glossary-term")


def test_a_term_that_occurs_nowhere_is_a_warning_and_still_has_its_page(render):
    pages = render(DOCS, {**GLOSSARY, "tsar.md": entry("Tsar", "A monarch.", category="person")})
    assert pages.warnings == ["reading-guide: glossary/tsar.md: 'Tsar' occurs nowhere in the chapters; add the spelling the text "
                              "uses to its aliases, or mark it 'background: true' if it is reached only through "
                              "see-also or the timeline"]
    assert pages["glossary/tsar.md"].select_one(".entry-summary").get_text() == "A monarch."


def test_a_warning_fails_a_strict_build_which_writes_the_site_without_strict(mini):
    glossary = {**GLOSSARY, "tsar.md": entry("Tsar", "A monarch.", category="person")}
    with pytest.raises(Abort, match="in strict mode"):
        mini(DOCS, glossary)
    site = mini(DOCS, glossary, strict=False)
    assert (site / "glossary" / "tsar.html").exists()


def test_search_index_has_entries_with_their_aliases(mini):
    glossary = {**GLOSSARY, "communist-international.md": entry("Communist International", "An international.",
                                                   aliases=["Comintern"], background=True)}
    site = mini(DOCS, glossary)
    import json

    docs = json.loads((site / "search" / "search_index.json").read_text())["docs"]
    hits = [d["location"] for d in docs if "Comintern" in d["text"] + d["title"]]
    assert any(h.startswith("glossary/communist-international.html") for h in hits)
    # the back-links (chapter titles and paragraph numbers) are kept out of the index: noise there
    lenin = [d for d in docs if d["location"].startswith("glossary/lenin.html")]
    assert lenin and not any("¶" in d["text"] for d in lenin)
    assert (site / "glossary" / "lenin.html").read_text().count("¶1") == 1  # but they are on the page


def test_the_command_line_shows_the_message_and_no_traceback(tmp_path):
    config = write_project(tmp_path, DOCS, {"soviet.md": "---\nterm: Soviet\nsummary: [\n---\n"})
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(tmp_path / "site")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert "glossary/soviet.md:" in run.stderr and "not valid YAML" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert not (tmp_path / "site" / "index.html").exists()


# `mkdocs serve` on port 0, reporting the port the server bound (MkDocs' own log names port 0).
SERVE = """import sys, mkdocs.livereload as live
bind = live.LiveReloadServer.server_bind
def report(self):
    bind(self)
    print("BOUND", self.server_address[1], flush=True)
live.LiveReloadServer.server_bind = report
from mkdocs.__main__ import cli
cli(["serve", "-f", sys.argv[1], "-a", "127.0.0.1:0"])
"""


def test_serve_watches_the_glossary_folder(tmp_path):
    """`mkdocs serve` rebuilds when a glossary file changes."""
    import urllib.request

    config = write_project(tmp_path, DOCS, GLOSSARY)
    server = subprocess.Popen([sys.executable, "-c", SERVE, str(config)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        port = read_until(server, "BOUND").split()[1]
        read_until(server, "Serving on")
        url = f"http://127.0.0.1:{port}/glossary/lenin.html"
        assert "Leader of the Bolsheviks." in urllib.request.urlopen(url, timeout=10).read().decode()
        (tmp_path / "glossary" / "lenin.md").write_text(entry("Lenin", "Changed summary.", category="person"))
        read_until(server, "Reloading browsers")
        assert "Changed summary." in urllib.request.urlopen(url, timeout=10).read().decode()
    finally:
        server.terminate()
        server.wait(timeout=20)


def read_until(process, text: str, seconds: float = 90) -> str:
    """Read the server's log until `text` appears (a watchdog ends a stuck server)."""
    import threading

    timer = threading.Timer(seconds, process.kill)
    timer.start()
    try:
        for line in process.stdout:
            if text in line:
                return line
        raise AssertionError(f"server ended before logging {text!r}")
    finally:
        timer.cancel()


def test_rendering_without_the_theme_gives_the_pages_a_whole_build_writes(rendered, mini):
    """The middle level (conftest.render) is only worth its speed if it shows what a build writes:
    every page's paragraphs, term links and hovers, back-links and headings, as in the site."""
    pages = rendered
    site = mini(DOCS, GLOSSARY)

    def marks(tree) -> list[tuple[str, str, str, str]]:
        return [(el.name, el.get("id", ""), el.get("href", ""), el.get("title", ""))
                for el in tree.select("p.para, .glossary-term, ul.places a, h2, h3")]

    for src, page in pages.pages.items():
        written = soup(site / page.url).select_one("article.md-content__inner")
        assert marks(pages[src]) == marks(written), src
        assert pages[src].get_text(" ", strip=True) in written.get_text(" ", strip=True), src
