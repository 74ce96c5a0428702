"""Untrusted input (issue 20, "Script injection"): texts and glossary files written by others.

A hostile guide is made the way a user makes one (the import of a .txt whose file name, title,
author, part and chapter headings carry script), then given glossary entries with script in every
field and a chapter note with hostile links, and built with its books. Chromium opens every page,
hovers and focuses every term and note, searches, and checks that nothing ran: once under the
pages' Content-Security-Policy and once with it bypassed (escaping alone must hold). The books are
read for active links. The fast tests check the sanitizer, the import, the settings and the new
guide's mkdocs.yml without a build.
"""

from __future__ import annotations

import logging
import os
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.exceptions import BuildError

from reading_guide.core.sanitize import clean_html, clean_markdown, safe_url
from reading_guide.importer.fidelity import fidelity_problems
from reading_guide.importer.layout import text_pages
from reading_guide.importer.parse import parse_text, read_text
from reading_guide.importer.scaffold import new_guide
from reading_guide.mkdocs.config import parse_settings

from conftest import BOOK_SWITCHES, build_site, chapter, entry, render_project, serve, soup, write_project


def bad(n: int | str) -> str:
    """A payload that calls X(n) if the browser ever treats it as markup."""
    return f"<img src=x onerror=X({n})>"


BREAKOUT = "</title><script>X('title')</script>"
X_INIT = "window.X = n => (window.__xss = window.__xss || []).push(String(n));"


class _Active(HTMLParser):
    """What in an HTML/XHTML document could run: script elements, on* attributes, unsafe URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            if name in ("href", "src", "xlink:href") and value and not safe_url(value):
                self.found.append(f"{name}={value} on <{tag}>")

    handle_startendtag = handle_starttag


def active(markup: str) -> list[str]:
    parser = _Active()
    parser.feed(markup)
    parser.close()
    return parser.found


# --- the sanitizer ---------------------------------------------------------------------------

DANGERS = ["<script>X(1)</script>", "<svg onload=X(2)><circle/></svg>", "<img src=x onerror=X(3)>",
           '<a href="javascript:X(4)">a</a>', '<a href=" JaVa&#x09;script:X(5)">a</a>', '<iframe src="x"></iframe>',
           '<object data="x"></object>', '<img src="data:image/svg+xml,<svg onload=X(6)>">', "<p onclick=X(7)>p</p>",
           "<math><mi xlink:href='javascript:X(8)'>m</mi></math>", "<form action='javascript:X(9)'><button>b</button></form>",
           "<style>*{}</style>", "<embed src=x>", "<scr<script>ipt>X(10)</script>", "<img src=x\nonerror=X(11)>"]
KEPT = ["<em>e</em>", "<strong>s</strong>", '<a href="https://example.org/a">w</a>', '<a href="../x.html#p1">r</a>',
        "<ul><li>i</li></ul>", '<span class="no-glossary">n</span>', "<blockquote>q</blockquote>", "<sub>2</sub>",
        '<abbr title="t">a</abbr>', '<img src="pic.png" alt="a">', "<table><tbody><tr><td>c</td></tr></tbody></table>"]


@given(st.lists(st.sampled_from(DANGERS + KEPT + ["text", "a < b & c", "\n"]), max_size=8))
def test_nothing_active_survives_the_sanitizer(pieces):
    cleaned = clean_html("".join(pieces))
    assert active(cleaned.html) == []
    if any(p in DANGERS for p in pieces):
        assert cleaned.removed  # and the caller can say what went


def test_the_sanitizer_keeps_formatting_and_says_what_it_removed():
    for markup in KEPT:
        assert clean_html(markup).html == markup, markup
        assert clean_html(markup).removed == ()
    cleaned = clean_html('<p onclick="X(1)">Read <script>X(2)</script><a href="javascript:X(3)">this</a></p>')
    assert cleaned.html == "<p>Read X(2)<a>this</a></p>"  # the script's words stay, as text
    assert set(cleaned.removed) == {"<script>", "onclick= on <p>", "href=javascript:X(3)… on <a>"}


def test_a_markdown_line_that_loses_nothing_is_kept_as_written():
    text = '> a quote & <em>more</em>\n<div class="article" markdown>\n\n1. a < b\n</div>'
    assert clean_markdown(text) == (text, [])


# --- item 6: a Markdown text's raw HTML at import ----------------------------------------------

HOSTILE_MD = """\
# A work

## First chapter

Words before <script>X(1)</script> and <b>bold</b> words after.
An <iframe src="https://example.org/"></iframe> frame, and <a href="javascript:X(2)" onclick="X(3)">a link</a>.

## Second chapter

More <svg onload=X(4)><circle r="1"/></svg> words <img src=x
onerror=X(5)> here, and a <span class="no-glossary">span</span>, <abbr title="&lt;img src=x onerror=X(6)&gt;">t</abbr>.
"""


def test_a_markdown_texts_scripts_are_removed_at_import_and_reported(tmp_path):
    source = tmp_path / "work.md"
    source.write_text(HOSTILE_MD, encoding="utf-8")
    text = read_text(source)
    pages = text_pages(text)
    for page in pages.values():
        assert active(page) == [], page
    joined = "\n".join(pages.values())
    assert "<b>bold</b>" in joined and '<span class="no-glossary">span</span>' in joined  # formatting stays
    assert "X(1)" in joined  # a script's words are text now: nothing of the source is lost
    reports = [d for d in text.doubts if "removed" in d]
    assert [re.search(r"line (\d+)", d).group(1) for d in reports] == ["5", "6", "10", "11"]
    assert all(str(source) in d and "<" in d for d in reports)
    assert fidelity_problems(source, pages) == []  # the new guide's fidelity test passes


def test_a_plain_text_is_text(tmp_path):
    text = parse_text(f"TITLE\n\nCHAPTER I. {bad(1)}\n\nWords {bad(2)} and <script>X(3)</script>.\n\n"
                      "More words here.\n", "t.txt")
    for page in text_pages(text).values():
        assert "<img" not in page and "<script" not in page


# --- item 7: a file name cannot add keys to a new guide's mkdocs.yml ------------------------------


class _AnyTag(yaml.SafeLoader):
    pass


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)  # MkDocs' !ENV and Python tags


@pytest.mark.parametrize("breaker", ["\n", "\r", "\u2028", "\x85"])
def test_a_file_name_adds_no_keys_to_mkdocs_yml(tmp_path, breaker):
    name = f"a{breaker}copyright: {bad(1)}{breaker}#.txt"
    source = tmp_path / name
    source.write_text("Title: T\n\nCHAPTER I. One\n\nSome words of text.\n\n"
                      "CHAPTER II. Two\n\nMore words of text.\n", encoding="utf-8")
    folder = tmp_path / "guide"
    new_guide(read_text(source), source, folder)
    config = yaml.load((folder / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)
    assert "copyright" not in config
    assert config["extra"]["guide"]["source"] == f"source/{name}"


# --- item 8: paths from settings stay in the site ------------------------------------------------


@pytest.mark.parametrize("setting, value", [
    ("glossary_url", "../../outside"), ("glossary_url", "/tmp/outside"), ("timeline", "../../x.md"),
    ("timeline", "/etc/x.md"), ("questions", "a/../../x.md"), ("questions", "..\\..\\x.md"),
    ("glossary_url", "C:/x"), ("pdf", {"file": "../x.pdf"})])
def test_a_path_setting_cannot_leave_the_site(setting, value):
    with pytest.raises(ValueError, match=rf"extra\.guide\.{setting}\b.*(inside the site|relative)"):
        parse_settings({setting: value})


def test_paths_inside_the_site_are_fine():
    settings = parse_settings({"glossary_url": "terms/", "timeline": "a/timeline.md", "questions": "q.md"})
    assert (settings.glossary_url, settings.timeline) == ("terms", "a/timeline.md")


# --- item 9: a symlink out of the project ----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("where", ["docs", "glossary"])
def test_a_link_to_a_file_outside_the_project_is_refused(tmp_path, where):
    secret = tmp_path / "secret.md"
    secret.write_text(entry("Secret", "A secret.") if where == "glossary" else "# Secret\n", encoding="utf-8")
    config = write_project(tmp_path / "project", {"index.md": "# Home\n", "c1.md": chapter(1, "One", "Words.")}, {})
    (config.parent / where / "secret.md").symlink_to(secret)
    with pytest.raises(BuildError) as stopped:  # before any page is read
        render_project(config, tmp_path / "site")
    message = str(stopped.value)
    assert f"{where}/secret.md -> {secret}" in message and "copy" in message


@pytest.mark.slow
def test_a_link_inside_the_project_is_fine(tmp_path):
    config = write_project(tmp_path / "project", {"index.md": "# Home\n", "c1.md": chapter(1, "One", "Words.")}, {})
    (config.parent / "shared.md").write_text("# Shared\n", encoding="utf-8")
    (config.parent / "docs" / "shared.md").symlink_to(config.parent / "shared.md")
    assert "Shared" in render_project(config, tmp_path / "site")["shared.md"].get_text()


# --- items 1 to 5: a hostile guide, built with its books, in Chromium ------------------------------

TXT = f"""\
Title: The Hostile Text {bad('title')}
Author: A. Writer {bad('author')}


BOOK I. THE FIRST {bad('part')}


CHAPTER I. A {BREAKOUT} beginning

The Widget Party met in the town. The Widget Party argued about the Gadget and about
the price of bread, and nobody agreed with anybody about anything at all that year.

And then the Gadget came to town, and everybody talked about the Widget Party again
for a long while afterwards, until the winter.


CHAPTER II. THE SECOND {bad('chapter')}

More text about the Gadget here, long enough to be a paragraph of the text with words.

Another paragraph that is also about the Widget Party and its many quarrels in town.
"""
NOTE = (f"[^n1]: **Context.** See [this](javascript:X(22)) and [that](https://example.org/a "
        f"\"{bad('note-title')}\"). A. Historian, *A Book of Towns* (A Press, 2001).")
BODY = """\
The body, with <script>X('body-script')</script> and <svg onload="X('body-svg')"><circle r="1"/></svg>,
an <a href="javascript:X('body-link')" onmouseover="X('body-over')">HTML link</a>, a
[Markdown link](javascript:X(19)), an <iframe src="data:text/html,x"></iframe>, an
<object data="x"></object>, an image <img src="data:image/png;base64,AAAA" alt="d"> and a
<abbr title="&lt;img src=x onerror=X(24)&gt;">hover</abbr>. *Formatting stays.*
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile guide, built (not strict: the sanitizer's warnings are expected) with both books."""
    root = tmp_path_factory.mktemp("hostile")
    source = root / f"hostile {bad('file')}.txt"
    source.write_text(TXT, encoding="utf-8")
    guide = root / "guide"
    new_guide(read_text(source), source, guide)
    first = next((guide / "docs" / "chapters").glob("1-*.md"))
    annotated = first.read_text(encoding="utf-8").replace("that year.", "that year.[^n1]", 1)
    first.write_text(annotated.replace("</div>\n", f"</div>\n\n{NOTE}\n"), encoding="utf-8")
    glossary = {
        "widget-party.md": entry("Widget Party", bad("summary"), category="organisation",
                                 aliases=[f"Widgets {bad('alias')}"], dates=f"1917 {bad('dates')}",
                                 sources=[{"title": f"A Book {bad('source-title')}",
                                           "url": "https://example.org/\"><img/src=x/onerror=X('source-url')>"}],
                                 timeline=[{"date": "1917", "event": f"It met {bad('event')}."}]).replace(
                                     "Body of the entry.", BODY),
        "gadget.md": entry("Gadget", f"A device {BREAKOUT}.", category="idea", match_case=False),
        "hostile-term.md": entry(f"Term {BREAKOUT} {bad('term')}", "A term.", background=True),
    }
    for name, text in glossary.items():
        (guide / "glossary" / name).write_text(text, encoding="utf-8")
    lines: list[str] = []

    class Lines(logging.Handler):
        def emit(self, record):
            lines.append(record.getMessage())

    handler = Lines(logging.INFO)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    before = {name: os.environ.pop(name, None) for name in BOOK_SWITCHES}
    try:
        site = build_site(guide / "mkdocs.yml", root / "site", strict=False)
    finally:
        logger.removeHandler(handler)
        os.environ.update({name: value for name, value in before.items() if value is not None})
    return site, lines, guide


def pages_of(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


@pytest.mark.slow
def test_the_hostile_guide_has_nothing_active_in_its_html(hostile):
    site, _, _ = hostile
    for page in pages_of(site):
        html = page.read_text(encoding="utf-8")
        article = soup(page).find("article")
        assert active(str(article)) == [], page  # the page's content
        assert [a for a in active(html) if a != "<script>"] == [], page  # the theme's only scripts are its own
        policy = soup(page).find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert "script-src 'self' file: 'sha256-" in policy and "unsafe-inline" not in policy.split("style-src")[0], page


@pytest.mark.slow
def test_names_are_printed_as_text(hostile):
    """Items 2, 3, 4: the site name, a part heading in the nav, a heading in <title>."""
    site, _, _ = hostile
    chapter_page = next(site.glob("chapters/1-*.html"))
    page = soup(chapter_page)
    assert page.title.string.startswith(f"CHAPTER I. A {BREAKOUT} beginning - The Hostile Text {bad('title')}")
    assert page.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == f"The Hostile Text {bad('title')}"
    assert f"BOOK I. THE FIRST {bad('part')}" in page.select_one("nav.md-nav--primary").get_text(" ")
    assert page.find("img", attrs={"onerror": True}) is None
    entry_page = soup(next(site.glob("glossary/hostile-term.html")))
    assert BREAKOUT in entry_page.title.string
    # no script holds the payload, but for the reader's data: JSON, never run, with every "<" escaped
    scripts = entry_page.find_all("script", string=re.compile("X"))
    assert [s.get("type") for s in scripts] == ["application/json"] and "<" not in scripts[0].string


@pytest.mark.slow
def test_the_summary_in_a_title_attribute_is_escaped_for_materials_tooltip(hostile):
    """Item 1: Material inserts a link's title as HTML; the attribute holds the summary escaped."""
    site, _, _ = hostile
    term = soup(next(site.glob("chapters/1-*.html"))).select_one("a.glossary-term[href*=widget-party]")
    assert term["title"] == bad("summary").replace("<", "&lt;").replace(">", "&gt;")


@pytest.mark.slow
def test_the_sanitizer_says_what_it_removed_with_file_and_line(hostile):
    _, lines, guide = hostile
    removed = [line for line in lines if "glossary/widget-party.md, line " in line and "the body's HTML" in line]
    assert len(removed) == 1 and "<script>" in removed[0] and "onmouseover=" in removed[0] and "Markdown" in removed[0]
    numbers = [int(n) for n in re.search(r"line ([\d, ]+):", removed[0]).group(1).split(", ")]
    written = (guide / "glossary" / "widget-party.md").read_text(encoding="utf-8").split("\n")
    assert "<script>" in written[numbers[0] - 1] and all(written[n - 1] in BODY for n in numbers)
    note = next(line for line in lines if "javascript:X(22)" in line)
    assert re.search(r"docs/chapters/1-[^,]*\.md, line \d+: .*web address", note), note
    assert re.search(r"glossary/widget-party\.md, line \d+: a link or image to 'javascript:X\(19\)'.*web address",
                     next(line for line in lines if "javascript:X(19)" in line))


@pytest.mark.slow
def test_the_books_carry_no_active_link(hostile):
    """Item 5: a javascript: link in a glossary body or a note reaches neither book."""
    from pypdf import PdfReader

    site, _, _ = hostile
    pdf = next(site.glob("pdf/*.pdf"))
    uris, scripts = [], []
    reader = PdfReader(pdf)
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            uris.append(str(action.get("/URI", "")))
            scripts.append(action.get("/S") == "/JavaScript")
    assert uris and not [u for u in uris if not safe_url(u)] and not any(scripts)
    assert "/JavaScript" not in reader.trailer["/Root"].get("/Names", {})
    epub = next(site.glob("epub/*.epub"))
    with zipfile.ZipFile(epub) as book:
        documents = [book.read(n).decode("utf-8") for n in book.namelist() if n.endswith((".xhtml", ".html"))]
    assert documents and all(active(d) == [] for d in documents), [active(d) for d in documents]
    assert any("HTML link" in d for d in documents)  # the link's words stay, without the link


def test_the_book_model_keeps_no_unsafe_link(tmp_path):
    """However a page reached the books (an author's own raw HTML), an unsafe address is no link there."""
    from reading_guide.book.model import BookMeta, BookPage, Link, nodes
    from reading_guide.book.reader import build_book

    html = ('<h1>One</h1><p>A <a href="javascript:X(1)">script</a>, <a href="data:text/html,x">data</a>, '
            '<a href=" JAVA\tscript:X(2)">spaced</a> and <a href="https://example.org/">a site</a>.</p>')
    book = build_book([BookPage("one.md", "one.html", "One", html, "front")], BookMeta("T", "S", "1"), tmp_path)
    links = [node for node in nodes(book.sections) if isinstance(node, Link)]
    assert [link.target for link in links] == ["https://example.org/"]


@pytest.mark.slow
@pytest.mark.parametrize("csp", ["with the policy", "policy bypassed"])
def test_nothing_runs_in_chromium(hostile, chromium, csp):
    """Every page: load, hover and focus every term and note; search; nothing ran. With the policy
    bypassed, escaping and sanitizing alone must hold; with it, the theme still works."""
    site, _, _ = hostile
    base, server = serve(site)
    context = chromium.new_context(bypass_csp=csp == "policy bypassed")
    context.add_init_script(X_INIT)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
        for path in pages_of(site):
            page.goto(base + path.relative_to(site).as_posix())
            # Handles, not locators: Material takes the title attribute away while a tooltip shows.
            for element in page.query_selector_all("article .glossary-term, article .footnote-ref, article [title]")[:80]:
                if element.is_visible():
                    for reach in (element.hover, element.focus):
                        reach()
                        page.wait_for_timeout(150)  # the tooltip is made, and an image in it fails to load
                        shown = page.locator(".md-tooltip2 .md-tooltip2__inner, .md-tooltip .md-tooltip__inner")
                        assert shown.locator("img, script, svg, iframe").count() == 0, (path, shown.all_inner_texts())
            assert page.evaluate("window.__xss || []") == [], path
        page.goto(base + "index.html")
        page.locator("label.md-search__icon, .md-search__input").first.click()
        for query in ("Widget", "title", "source"):  # results that show the payloads as text
            page.locator("input.md-search__input").fill("")
            page.locator("input.md-search__input").press_sequentially(query, delay=20)
            page.locator(".md-search-result__item").first.wait_for(timeout=10000)
            assert page.locator(".md-search-result img, .md-search-result script").count() == 0
        page.keyboard.press("Escape")
        ran = page.evaluate("window.__xss || []")
    finally:
        context.close()
        server.shutdown()
    assert ran == []
    assert errors == []  # no error, and nothing the policy had to refuse: the payloads were never markup


@pytest.mark.slow
def test_the_theme_works_under_its_policy_from_disk_and_over_http(chromium, html_site, html_url):
    """The real guide: Material's inline scripts are allowed by hash, nothing else is refused; tooltips,
    footnote tooltips, the palette toggle and search (offline from file://, with the shim) work."""
    for root in (html_url, html_site.as_uri() + "/"):
        context = chromium.new_context()
        refused: list[str] = []
        page = context.new_page()
        page.on("console", lambda m, refused=refused: refused.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(root + "chapters/2-workers-power.html")
        assert "script-src 'self'" in page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        page.locator("#p2-1 a.glossary-term", has_text="Tsar").hover()
        page.locator(".md-tooltip2--active, .md-tooltip--active").first.wait_for(state="visible", timeout=5000)
        page.locator(".footnote-ref").first.hover()
        page.locator(".md-tooltip2--active .footnote, .md-tooltip2--active").first.wait_for(state="visible", timeout=5000)
        scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        page.locator("form[data-md-component=palette] label:visible").first.click()
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") != scheme
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator("input.md-search__input").press_sequentially("Comintern", delay=30)
        page.locator(".md-search-result__item").first.wait_for(timeout=10000)
        assert refused == [], root
        context.close()
