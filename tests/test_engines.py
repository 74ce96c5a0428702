"""One guide, three engines: our guide and a guide imported from a corpus book, built with MkDocs,
ProperDocs and Zensical (each from its own venv, as `make build ENGINE=...` runs it), must show a reader
the same thing: pages, term links and targets, hover summaries, paragraph anchors, back-links, the
search index's entries, the books. What an engine forces otherwise is listed in README "Engines".
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from engine_compare import article, features, pages, reader_parts, search_entries
from pypdf import PdfReader

from reading_guide.core.glossary import CATEGORIES

from conftest import BOOK_SWITCHES, ROOT, entry, require_tool

ENGINES = {  # the command of each, as the Makefile runs it (site: the folder it builds into)
    "mkdocs": lambda root, site: [str(ROOT / ".venv/bin/mkdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)],
    "properdocs": lambda root, site: [str(ROOT / ".venv-properdocs/bin/properdocs"), "build", "--strict", "-f",
                                      "mkdocs.yml", "-d", str(site)],
    "zensical": lambda root, site: [str(ROOT / ".venv-zensical/bin/reading-guide"), "zensical", "build", "--strict",
                                    "-f", "mkdocs.yml"],
}
VENVS = {"mkdocs": ".venv", "properdocs": ".venv-properdocs", "zensical": ".venv-zensical"}
# Pages only the MkDocs plugin makes (README "Engines"): none since the compile step stages My notes.
MKDOCS_ONLY: set[str] = set()

pytestmark = pytest.mark.slow


def digest(folder: Path) -> str:
    return hashlib.sha256(b"".join(p.as_posix().encode() + p.read_bytes()
                                   for p in sorted(folder.rglob("*")) if p.is_file())).hexdigest()


def build_all(guide: Path, work: Path) -> dict[str, Path]:
    """`guide` copied to work/<engine> and built there with each engine, the three at once: the builds share
    nothing (each its own copy, its own venv, its own log), so on two idle cores they take about the time of
    two one after the other, not three. Each engine's site folder."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", "GUIDE_VERSION": "test"}
    for switch in BOOK_SWITCHES:
        env.pop(switch, None)
    running = {}
    for engine, command in ENGINES.items():
        require_tool(ROOT / VENVS[engine] / "bin" / "python", "make engines (installs .venv-properdocs and .venv-zensical)")
        into = work / engine
        shutil.copytree(guide, into, ignore=shutil.ignore_patterns("site", ".guide-build", ".venv*", ".git", "tests"))
        log = (work / f"{engine}.log").open("w+", encoding="utf-8")  # a file, not a pipe: no build waits on a full pipe
        running[engine] = (into, digest(into / "docs"), log,
                           subprocess.Popen(command(into, into / "site"), cwd=into, env=env, stdout=log,
                                            stderr=subprocess.STDOUT, text=True))
    sites = {}
    try:
        for engine, (into, before, log, process) in running.items():
            returncode = process.wait(timeout=900)
            log.seek(0)
            assert returncode == 0, f"{engine}: {log.read()[-6000:]}"
            assert digest(into / "docs") == before, f"{engine} wrote into docs/"
            sites[engine] = into / "site"
    finally:
        for _, _, log, process in running.values():
            if process.poll() is None:
                process.kill()
                process.wait()
            log.close()
    return sites


@pytest.fixture(scope="module", params=["our guide", "an imported guide"])
def sites(request, tmp_path_factory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("engines")
    if request.param == "our guide":
        guide = work / "guide"
        guide.mkdir()
        for name in ("mkdocs.yml", "docs", "glossary", "hooks", "source"):
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, guide / name)
    else:
        guide = work / "imported"
        text = ROOT / "tests/fixtures/gutenberg/plato-apology/text.txt"
        run = subprocess.run([str(ROOT / ".venv/bin/reading-guide"), "new", str(text), str(guide), "--no-candidates"],
                             capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        add_entries(guide)
    return build_all(guide, work)


def add_entries(guide: Path, count: int = 4) -> None:
    """The imported guide's glossary: entries for its best term candidates, so that it has links too."""
    found = subprocess.run([str(ROOT / ".venv/bin/reading-guide"), "candidates", "--json", str(guide)],
                           capture_output=True, text=True, timeout=300, check=True)
    for number, candidate in enumerate(json.loads(found.stdout)[:count]):
        (guide / "glossary" / f"term-{number}.md").write_text(entry(
            candidate["term"], f"Entry {number} of the test.", aliases=candidate["aliases"],
            category=candidate["category"] if candidate["category"] in CATEGORIES else "idea",
            timeline=[{"date": f"19{10 + number}", "event": f"Event {number}."}]), encoding="utf-8")


def test_every_engine_builds_the_same_pages(sites):
    expected = set(pages(sites["mkdocs"]))
    assert set(pages(sites["properdocs"])) == expected
    assert set(pages(sites["zensical"])) == expected - MKDOCS_ONLY
    assert any(p.startswith("glossary/") for p in expected) and "index.html" in expected


def test_every_engine_links_the_same_terms_numbers_the_same_paragraphs_and_lists_the_same_back_links(sites):
    expected = features(sites["mkdocs"])
    for engine in ("properdocs", "zensical"):
        got = features(sites[engine])
        for page in got:
            assert got[page] == expected[page], f"{engine}: {page}"
    assert sum(len(page["paragraphs"]) for page in expected.values()) > 20  # the comparison compared something
    assert sum(len(page["term links"]) for page in expected.values()) > 3
    assert sum(len(page["back-links"]) for page in expected.values()) > 3


def test_every_engine_indexes_the_same_text_for_search(sites):
    expected = search_entries(sites["mkdocs"])
    for engine in ("properdocs", "zensical"):
        got = search_entries(sites[engine])
        assert {k: v for k, v in got.items() if not k.startswith(tuple(MKDOCS_ONLY))} == \
            {k: v for k, v in expected.items() if not k.startswith(tuple(MKDOCS_ONLY))}, engine


def book_files(site: Path) -> list[Path]:
    return sorted([*site.glob("pdf/*.pdf"), *site.glob("epub/*.epub")])


def test_every_engine_writes_the_same_books(sites):
    expected = book_files(sites["mkdocs"])
    assert [p.suffix for p in expected] == [".epub", ".pdf"]
    for engine in ("properdocs", "zensical"):
        got = book_files(sites[engine])
        assert [p.relative_to(sites[engine]) for p in got] == [p.relative_to(sites["mkdocs"]) for p in expected]
        for mine, theirs in zip(expected, got, strict=True):
            if mine.read_bytes() == theirs.read_bytes():  # the same file has the same text (and reading
                continue  # a 120-page PDF's text with pypdf takes seconds)
            if mine.suffix == ".pdf":
                a, b = PdfReader(mine), PdfReader(theirs)
                assert [p.extract_text() for p in a.pages] == [p.extract_text() for p in b.pages], engine
            else:
                a_zip, b_zip = zipfile.ZipFile(mine), zipfile.ZipFile(theirs)
                assert a_zip.namelist() == b_zip.namelist()
                for name in a_zip.namelist():
                    assert a_zip.read(name) == b_zip.read(name), f"{engine}: {name}"


def search_titles(chromium, site: Path, query: str) -> tuple[list[str], list[str]]:
    """Search from file:// in Chromium, as a reader does, with no policy violation: (the results' titles, in
    order; requests to other hosts). Material's results are its list items; Zensical's are options of its search dialog."""
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    outside: list[str] = []
    context.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file://", "data:", "blob:")) else None)
    page = context.new_page()
    refused: list[str] = []  # the Content-Security-Policy lets the search and its worker run
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto((site / "index.html").as_uri())
    zensical = page.locator("button.md-search__button").count() > 0
    if zensical:
        page.locator("button.md-search__button").first.click()
        page.keyboard.type(query, delay=20)
        items = page.locator("ol[role=listbox] [role=option]")
    else:
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator("input.md-search__input").press_sequentially(query, delay=20)
        items = page.locator(".md-search-result__item")
    items.first.wait_for(timeout=15000)
    page.wait_for_timeout(500)  # the last keystroke's results
    titles = [text.strip().split("\n")[0].strip() for text in items.all_inner_texts()]
    context.close()
    assert refused == [], f"{site}: {refused}"
    return titles, outside


def test_search_from_disk_finds_each_entry_in_every_engine(sites, chromium):
    """file:// search in Chromium on every engine's site, nothing from another host; an entry comes first
    for its own term with MkDocs and ProperDocs (our ranking), and among the first ten with Zensical,
    whose index we cannot rank (README "Engines")."""
    entry_pages = [p for p in pages(sites["mkdocs"]) if p.startswith("glossary/") and p != "glossary/index.html"]
    terms = [article(sites["mkdocs"] / p).select_one("h1").get_text().rstrip("¶").strip() for p in entry_pages[:2]]
    for engine, site in sites.items():
        for term in terms:
            titles, outside = search_titles(chromium, site, term)
            assert outside == [], f"{engine}: {outside}"
            if engine == "zensical":
                assert term in titles[:10], f"{engine}: {term!r} not in {titles[:10]}"
            else:
                assert titles[0] == term, f"{engine}: {term!r} first? {titles[:5]}"


def test_every_engine_gives_the_reader_the_same_data_citation_tags_header_links_and_a_policy(sites):
    expected = reader_parts(sites["mkdocs"])
    for engine in ("properdocs", "zensical"):
        got = reader_parts(sites[engine])
        assert got.keys() == expected.keys(), engine
        for page in expected:
            assert got[page] == expected[page], f"{engine}: {page}"
    chapters = [p for p, parts in expected.items() if parts["data"] and parts["data"]["chapter"] is not None]
    assert chapters and all(expected[p]["meta"] for p in chapters)  # the comparison compared something
    assert all(parts["policy"] for parts in expected.values())
    assert all(any("guide-notes-link" in link[0] for link in parts["links"]) for parts in expected.values())
    assert any("guide-pdf-link" in link[0] for link in expected["index.html"]["links"])


# A few words of a paragraph's text (not its number, a note mark or a term's link), selected as a reader does.
SELECT_WORDS = """p => {
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement.closest('.para-num, .guide-ui, sup, a, abbr')) continue;
    const at = n.data.search(/\\S{3,}( \\S+){3}/);
    if (at < 0) continue;
    const words = n.data.slice(at).match(/\\S{3,}( \\S+){3}/)[0];
    const range = document.createRange();
    range.setStart(n, at);
    range.setEnd(n, at + words.length);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    return words;
  }
  return null;
}"""


def test_the_readers_tools_work_from_disk_in_every_engine_and_the_policy_blocks_nothing(sites, chromium):
    """In Chromium from file://, on each engine's site: cite a paragraph, highlight words and note others,
    then the header's My notes link lists both; no Content-Security-Policy violation on any page opened."""
    chapter = next(p for p, parts in reader_parts(sites["mkdocs"]).items()
                   if parts["data"] and parts["data"]["chapter"] is not None)
    citations = {}
    for engine, site in sites.items():
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        refused: list[str] = []
        tab.on("console", lambda m, refused=refused: refused.append(m.text) if "Content Security Policy" in m.text else None)
        errors: list[str] = []
        tab.on("pageerror", lambda err, errors=errors: errors.append(str(err)))
        tab.goto((site / "index.html").as_uri())
        tab.goto((site / chapter).as_uri())
        paragraph = tab.locator(".article p.para").first
        button = paragraph.locator("button.guide-cite-button")
        button.click()
        tab.locator("dialog.guide-cite").wait_for(timeout=5000)
        citations[engine] = tab.locator("#guide-cite-chicago").get_attribute("data-plain").replace(site.as_uri(), "")
        tab.keyboard.press("Escape")
        for action in ("Highlight", "Add note"):
            words = paragraph.evaluate(SELECT_WORDS)
            assert words, f"{engine}: no words to select in {chapter}"
            tab.locator(".guide-toolbar").wait_for(state="visible", timeout=5000)
            tab.get_by_role("button", name=action, exact=True).click()
            if action == "Add note":
                tab.get_by_role("textbox", name="Your note").fill(f"A note on {engine}.")
                tab.get_by_role("button", name="Save", exact=True).click()
                tab.locator(".guide-note", has_text=f"A note on {engine}.").wait_for(timeout=5000)
        tab.locator("header a.guide-notes-link").click()
        tab.wait_for_url("**/my-notes.html")
        tab.locator(".guide-notes__item").first.wait_for(timeout=5000)
        assert tab.locator(".guide-notes__item").count() == 2, engine
        context.close()
        assert refused == [], f"{engine}: {refused}"
        assert errors == [], f"{engine}: {errors}"
    assert citations["mkdocs"] and set(citations.values()) == {citations["mkdocs"]}, citations
