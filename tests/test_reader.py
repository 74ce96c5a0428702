"""The reader's tools in Chromium: cite a paragraph, highlights and notes, the My notes page.

From file:// and over HTTP under a sub-path (as on GitHub Pages), with no request to any other host.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import NODE_MODULES, ROOT, build_site, chapter, require_tool, serve, soup, write_project

pytestmark = pytest.mark.slow  # real builds, a real browser

CHAPTER = "chapters/3-civil-war.html"
# Words of paragraph 3.2, each inside one text node.
HIGHLIGHTED = "armies from 14 different capitalist countries"
NOTED = "All production had to be geared towards defence"

SELECT = """([id, words]) => {
  const p = document.getElementById(id), nodes = [];
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let text = "";
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement.closest('.para-num, .guide-ui, sup')) continue;
    nodes.push([n, text.length]);
    text += n.data;
  }
  const at = text.indexOf(words);
  if (at < 0) return false;
  const point = offset => { const [n, start] = nodes.filter(([n, s]) => s <= offset).pop(); return [n, offset - start]; };
  const range = document.createRange();
  range.setStart(...point(at));
  range.setEnd(...point(at + words.length - 1));
  range.setEnd(range.endContainer, range.endOffset + 1);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  return true;
}"""


@pytest.fixture(scope="module")
def sub_path_url(html_site):
    """The guide served under a sub-path, as GitHub Pages serves a project site."""
    base, server = serve(html_site, "what-went-wrong")
    yield base
    server.shutdown()


def local(url: str) -> bool:
    return url.startswith(("file://", "data:", "blob:")) or urlparse(url).hostname == "127.0.0.1"


@pytest.fixture
def tab(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    outside: list[str] = []
    context.on("request", lambda request: None if local(request.url) else outside.append(request.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    yield page
    context.close()
    assert outside == [], outside
    assert errors == [], errors


def base_of(where: str, html_site: Path, sub_path_url: str) -> str:
    return html_site.as_uri() + "/" if where == "file" else sub_path_url


def select(tab, paragraph: str, words: str) -> None:
    assert tab.evaluate(SELECT, [paragraph, words]), f"{words!r} not in #{paragraph}"
    tab.locator(".guide-toolbar").wait_for(state="visible", timeout=5000)


def add_note(tab, paragraph: str, words: str, text: str) -> None:
    select(tab, paragraph, words)
    tab.get_by_role("button", name="Add note", exact=True).click()
    tab.get_by_role("textbox", name="Your note").fill(text)
    tab.get_by_role("button", name="Save", exact=True).click()
    tab.locator(".guide-note", has_text=text).wait_for(timeout=5000)


@pytest.mark.parametrize("where", ["file", "http"])
def test_a_highlight_and_a_note_are_there_after_a_reload(tab, html_site, sub_path_url, where):
    tab.goto(base_of(where, html_site, sub_path_url) + CHAPTER)
    select(tab, "p3-2", HIGHLIGHTED)
    tab.get_by_role("button", name="Highlight in green").click()
    add_note(tab, "p3-2", NOTED, "Compare with chapter 4.")
    tab.reload()
    tab.locator("mark.guide-hl").first.wait_for(timeout=5000)
    marks = tab.locator("#p3-2 mark.guide-hl")
    assert " ".join(marks.all_inner_texts()).split() == (HIGHLIGHTED + " " + NOTED).split()
    assert "".join(tab.locator("#p3-2 mark.guide-hl--green").all_inner_texts()) == HIGHLIGHTED  # across a term's link
    note = tab.locator(".guide-note")
    assert note.inner_text().startswith("Compare with chapter 4.")
    assert tab.locator(".article").evaluate("a => a.classList.contains('guide-has-notes')")
    assert note.evaluate("n => getComputedStyle(n).position") == "absolute"  # in the margin at 1280 px
    # The quote and its context are stored as a Web Annotation TextQuoteSelector.
    stored = tab.evaluate("() => Object.entries(localStorage).filter(([k]) => k.startsWith('reading-guide-notes:'))")
    notes = json.loads(stored[0][1])
    quote = next(s for s in notes[1]["target"]["selector"] if s["type"] == "TextQuoteSelector")
    assert quote["exact"] == NOTED and quote["prefix"].endswith("its feet. ") and quote["suffix"].startswith(" rather")


def test_export_clear_storage_import_and_nothing_is_twice(tab, sub_path_url, tmp_path):
    tab.goto(sub_path_url + CHAPTER)
    add_note(tab, "p3-2", NOTED, "A note to pass on.")
    select(tab, "p3-1", "Russia was a very backward country")
    tab.get_by_role("button", name="Highlight", exact=True).click()
    tab.locator("header a.guide-notes-link").click()
    tab.wait_for_url("**/my-notes.html")
    assert tab.locator("h1").inner_text().rstrip("¶") == "My notes"
    items = tab.locator(".guide-notes__item")
    assert items.count() == 2
    assert items.first.inner_text().startswith("Paragraph 3.1")  # by chapter and paragraph
    with tab.expect_download() as done:
        tab.get_by_role("button", name="Export as JSON (Web Annotation)").click()
    exported = tmp_path / done.value.suggested_filename
    done.value.save_as(exported)
    collection = json.loads(exported.read_text(encoding="utf-8"))
    assert collection["type"] == "AnnotationCollection" and collection["total"] == 2
    assert {note["motivation"] for note in collection["first"]["items"]} == {"commenting", "highlighting"}
    with tab.expect_download() as done:
        tab.get_by_role("button", name="Export as Markdown").click()
    markdown = Path(done.value.path()).read_text(encoding="utf-8")
    assert "## Civil war" in markdown and "A note to pass on." in markdown and "#p3-2)" in markdown
    tab.evaluate("() => localStorage.clear()")
    tab.reload()
    assert tab.locator(".guide-notes__item").count() == 0
    tab.locator("#guide-notes-file").set_input_files(str(exported))
    tab.locator(".guide-notes__status", has_text="2 note(s) added").wait_for(timeout=5000)
    tab.locator("#guide-notes-file").set_input_files(str(exported))
    tab.locator(".guide-notes__status", has_text="0 note(s) added; 2 already here").wait_for(timeout=5000)
    assert tab.locator(".guide-notes__item").count() == 2
    tab.locator(".guide-notes__item a", has_text="Paragraph 3.2").click()
    tab.wait_for_url("**/chapters/3-civil-war.html#p3-2")
    assert tab.locator(".guide-note").inner_text().startswith("A note to pass on.")


def test_a_note_whose_words_changed_after_a_rebuild_is_no_longer_found(tab, tmp_path):
    before = "The pumps of the old town ran dry in the summer of that year."
    docs = {"index.md": "# Home\n", "chapters/1-one.md": chapter(1, "One", before, "A second paragraph stays as it was.")}
    config = write_project(tmp_path / "project", docs, {})
    site = build_site(config, tmp_path / "site")
    base, server = serve(site, "guide")
    try:
        tab.goto(base + "chapters/1-one.html")
        add_note(tab, "p1-1", "ran dry in the summer", "Which summer?")
        add_note(tab, "p1-2", "stays as it was", "Still here.")
        (tmp_path / "project" / "docs" / "chapters" / "1-one.md").write_text(
            chapter(1, "One", "The pumps of the new town never ran dry.", "A second paragraph stays as it was."))
        build_site(config, site)
        tab.reload()
        lost = tab.locator(".guide-lost")
        lost.wait_for(timeout=5000)
        assert "No longer found in the text" in lost.inner_text()
        assert "ran dry in the summer" in lost.inner_text() and "Which summer?" in lost.inner_text()
        assert tab.locator("#p1-2 mark.guide-hl").inner_text() == "stays as it was"
        tab.goto(base + "my-notes.html")
        item = tab.locator(".guide-notes__item--lost")
        assert "No longer found" in item.inner_text() and "Which summer?" in item.inner_text()
        assert tab.locator(".guide-notes__item").count() == 2
    finally:
        server.shutdown()


def test_the_cite_button_copies_the_chicago_citation(chromium, sub_path_url):
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(sub_path_url + CHAPTER)
    button = tab.get_by_role("button", name="Cite paragraph 3.2", exact=True)
    assert button.count() == 1 and tab.locator("button.guide-cite-button").count() == tab.locator(".article .para").count()
    button.click()
    dialog = tab.get_by_role("dialog", name="Cite paragraph 3.2")
    dialog.wait_for(timeout=5000)
    dialog.get_by_role("button", name="Copy the Chicago citation").click()
    tab.locator(".guide-cite__status", has_text="Copied.").wait_for(timeout=5000)
    copied = tab.evaluate("navigator.clipboard.readText()")
    permalink = "https://example.github.io/what-went-wrong-in-russia/chapters/3-civil-war.html#p3-2"  # site_url's
    assert copied == tab.locator("#guide-cite-chicago").get_attribute("data-plain")
    # The chapter's title, chapter and paragraph, the guide's title and version (its last commit), the permalink.
    assert copied.startswith("“Civil war.” Chapter 3, paragraph 2. In What went wrong in Russia? A reading guide. Version of ")
    assert copied.endswith(f" {permalink}.")
    # No author is invented: the guide names none.
    assert all(not text.startswith(("Anonymous", "Unknown")) for text in dialog.locator(".guide-citation").all_inner_texts())
    assert "n.d." not in tab.locator("#guide-cite-apa").inner_text()
    mla = tab.locator("#guide-cite-mla").get_attribute("data-plain")
    assert re.search(r"guide, \d{1,2} (Jan\.|Feb\.|Mar\.|Apr\.|May|June|July|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.) 20\d\d, "
                     r"ch\. 3, par\. 2, example\.github\.io/what-went-wrong-in-russia/chapters/3-civil-war\.html#p3-2\.$", mla), mla
    tab.keyboard.press("Escape")
    assert tab.evaluate("document.activeElement.getAttribute('aria-label')") == "Cite paragraph 3.2"
    context.close()


def test_without_site_url_the_permalink_is_the_page_as_opened(tab, tmp_path):
    docs = {"index.md": "# Home\n", "chapters/1-one.md": chapter(1, "One", "Only one paragraph here.")}
    site = build_site(write_project(tmp_path / "project", docs, {}), tmp_path / "site")
    tab.goto((site / "chapters" / "1-one.html").as_uri())
    tab.get_by_role("button", name="Cite paragraph 1.1", exact=True).click()
    text = tab.locator("#guide-cite-chicago").get_attribute("data-plain")
    assert text.endswith((site / "chapters" / "1-one.html").as_uri() + "#p1-1.")
    assert text.startswith("“One.” Chapter 1, paragraph 1. In Mini guide.")


@pytest.mark.parametrize("where", ["file", "http"])
def test_the_downloads_parse(tab, html_site, sub_path_url, tmp_path, where):
    import bibtexparser
    import jsonschema

    schema = json.loads((ROOT / "tests" / "fixtures" / "csl" / "csl-data.json").read_text(encoding="utf-8"))
    tab.goto(base_of(where, html_site, sub_path_url) + CHAPTER)
    tab.get_by_role("button", name="Cite paragraph 3.2", exact=True).click()
    got = {}
    for scope, label in (("paragraph", "This paragraph"), ("chapter", "This chapter"), ("guide", "The whole guide")):
        for fmt in ("BibTeX", "RIS", "CSL-JSON"):
            with tab.expect_download() as done:
                tab.get_by_role("button", name=f"Download {fmt} ({label})").click()
            got[scope, fmt] = Path(done.value.path()).read_bytes().decode("utf-8")  # RIS lines end in CRLF
    for scope in ("paragraph", "chapter", "guide"):
        library = bibtexparser.parse_string(got[scope, "BibTeX"])
        assert not library.failed_blocks and len(library.entries) == 1, got[scope, "BibTeX"]
        fields = library.entries[0].fields_dict
        assert "author" not in fields  # none is known, none invented
        items = json.loads(got[scope, "CSL-JSON"])
        jsonschema.validate(items, schema)
        ris = got[scope, "RIS"].split("\r\n")
        assert ris[0] == "TY  - ELEC" and ris[-2] == "ER  - " and not any(line.startswith("AU  -") for line in ris)
    paragraph = bibtexparser.parse_string(got["paragraph", "BibTeX"]).entries[0].fields_dict
    assert paragraph["title"].value == "Civil war, Paragraph 3.2"
    assert paragraph["url"].value.endswith("chapters/3-civil-war.html#p3-2")
    assert paragraph["booktitle"].value == "What went wrong in Russia? A reading guide"
    assert json.loads(got["chapter", "CSL-JSON"])[0]["chapter-number"] == "3"
    assert json.loads(got["guide", "CSL-JSON"])[0]["title"] == "What went wrong in Russia? A reading guide"


def test_chapter_pages_carry_citation_meta_tags(html_site, tmp_path):
    page = soup(html_site / CHAPTER)
    meta = {tag["name"]: tag["content"] for tag in page.select("head meta[name]")}
    assert meta["citation_title"] == meta["DC.title"] == "Civil war"
    assert meta["citation_inbook_title"] == "What went wrong in Russia? A reading guide"
    assert meta["citation_public_url"].endswith("/what-went-wrong-in-russia/chapters/3-civil-war.html")
    assert "citation_author" not in meta and "DC.creator" not in meta  # the guide names no author
    assert "citation_title" not in {tag["name"] for tag in soup(html_site / "about.html").select("meta[name]")}
    # A guide that names its author has it in the tags; no page has inline code.
    docs = {"index.md": "# Home\n", "chapters/1-one.md": chapter(1, "One", "Only one paragraph here.")}
    config = write_project(tmp_path / "project", docs, {})
    config.write_text('site_author: "Jane Holloway"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    site = build_site(config, tmp_path / "site")
    meta = {tag["name"]: tag["content"] for tag in soup(site / "chapters" / "1-one.html").select("head meta[name]")}
    assert meta["citation_author"] == meta["DC.creator"] == "Jane Holloway"
    for path in [site / "chapters" / "1-one.html", site / "my-notes.html"]:
        scripts = soup(path).select("script:not([src])")
        assert all(s.get("type") in ("application/json",) for s in scripts if "reading-guide" in (s.get("id") or "")), path
        assert not soup(path).select("[onclick], [onload], [oninput], [onchange]")


def test_keyboard_only(tab, sub_path_url):
    """Tab reaches a paragraph's cite button; Enter opens it, Escape closes it; Alt+N on a selection
    (as caret browsing makes one) opens the note editor, and the note is saved without the mouse."""
    tab.goto(sub_path_url + CHAPTER)
    tab.locator("#p3-2 .para-num").focus()
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.getAttribute('aria-label')") == "Cite paragraph 3.2"
    tab.keyboard.press("Enter")
    tab.locator("dialog.guide-cite").wait_for(timeout=5000)
    tab.keyboard.press("Escape")
    tab.locator("dialog.guide-cite").wait_for(state="hidden", timeout=5000)
    tab.evaluate(SELECT, ["p3-2", NOTED])
    tab.keyboard.press("Alt+n")
    tab.wait_for_function("document.activeElement.id === 'guide-note-text'", timeout=5000)
    tab.keyboard.type("Typed without a mouse.")
    tab.keyboard.press("Tab")
    tab.keyboard.press("Enter")
    tab.locator(".guide-note", has_text="Typed without a mouse.").wait_for(timeout=5000)
    assert tab.evaluate("document.activeElement.classList.contains('guide-note')")
    tab.evaluate(SELECT, ["p3-1", "Russia was a very backward country"])
    tab.keyboard.press("Alt+h")
    tab.locator("#p3-1 mark.guide-hl").first.wait_for(timeout=5000)


def test_at_375_pixels_by_touch(chromium, sub_path_url):
    context = chromium.new_context(viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True)
    tab = context.new_page()
    tab.goto(sub_path_url + CHAPTER)
    tab.get_by_role("button", name="Cite paragraph 3.2", exact=True).tap()
    dialog = tab.get_by_role("dialog", name="Cite paragraph 3.2")
    dialog.wait_for(timeout=5000)
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    tab.get_by_role("button", name="Close").tap()
    add_note(tab, "p3-2", NOTED, "On a phone.")
    assert tab.locator(".guide-note").evaluate("n => getComputedStyle(n).position") == "static"  # inline
    overflow = tab.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    context.close()


def test_refused_storage_is_told_and_export_still_works(chromium, sub_path_url):
    context = chromium.new_context(accept_downloads=True)
    context.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }})")
    tab = context.new_page()
    tab.goto(sub_path_url + CHAPTER)
    assert "does not let the guide keep notes" in tab.locator(".guide-storage-refused").inner_text()
    add_note(tab, "p3-2", NOTED, "Kept for this session.")
    with tab.expect_download() as done:
        tab.locator(".guide-storage-refused").get_by_role("button", name="Export as Markdown").click()
    assert "Kept for this session." in Path(done.value.path()).read_text(encoding="utf-8")
    context.close()


# After every transition has ended (or was cancelled: a cancelled one rejects with an AbortError): a tooltip
# fading in under the pointer has blended colours.
AUDIT = """options => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))).then(() => axe.run(document, options)).then(r => r.violations.map(v =>
  `${v.id}: ${v.nodes.map(n => n.target.join(' ') + ' ' + (n.failureSummary.split('\\n')[1] || '')).join('; ')}`))"""
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_a_chapter_with_notes_and_on_my_notes(chromium, sub_path_url, scheme):
    axe = require_tool(NODE_MODULES / "axe-core" / "axe.min.js", "run `npm ci` (CI does)").read_text(encoding="utf-8")
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    context.add_init_script(axe)
    tab = context.new_page()
    tab.goto(sub_path_url + CHAPTER)
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == ("slate" if scheme == "dark" else "default")
    select(tab, "p3-1", "Russia was a very backward country")
    tab.get_by_role("button", name="Highlight in blue").click()
    add_note(tab, "p3-2", NOTED, "A note in the margin.")
    select(tab, "p3-3" if tab.locator("#p3-3").count() else "p3-1", "the")
    found = {"chapter with notes and the toolbar": tab.evaluate(AUDIT, WCAG_21_AA)}
    tab.get_by_role("button", name="Cite paragraph 3.2", exact=True).click()
    found["the cite dialog"] = tab.evaluate(AUDIT, WCAG_21_AA)
    tab.keyboard.press("Escape")
    tab.goto(sub_path_url + "my-notes.html")
    tab.locator(".guide-notes__item").first.wait_for(timeout=5000)
    found["my notes"] = tab.evaluate(AUDIT, WCAG_21_AA)
    context.close()
    assert found == {name: [] for name in found}


def test_the_books_say_how_to_cite_them_by_the_same_numbers(guide_site):
    import zipfile

    from pypdf import PdfReader

    cover = " ".join(PdfReader(guide_site / "pdf" / "what-went-wrong-in-russia.pdf").pages[0].extract_text().split())
    assert "How to cite." in cover and "3.2 is chapter 3, paragraph 2" in cover and "#p3-2" in cover
    assert "Chapter 3, paragraph 2. https://example.github.io/" in cover  # (Typst may hyphenate the title)
    with zipfile.ZipFile(guide_site / "epub" / "what-went-wrong-in-russia.epub") as epub:
        name = next(n for n in epub.namelist() if n.endswith("cover.xhtml"))
        text = soup_text(epub.read(name).decode("utf-8"))
    assert "How to cite." in text and "3.2 is chapter 3, paragraph 2" in text
    assert "What went wrong in Russia? A reading guide. Version of " in text


def soup_text(html: str) -> str:
    from bs4 import BeautifulSoup

    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
