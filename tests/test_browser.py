"""The guide in a real browser (Debian's Chromium through Playwright), served on 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.slow  # real site builds


@pytest.fixture
def page(chromium, guide_url):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    context.on("request", lambda request: outside.append(request.url)
               if urlparse(request.url).hostname not in ("127.0.0.1", None) and not request.url.startswith("data:") else None)
    page = context.new_page()
    page.outside_requests = outside
    yield page
    context.close()


@pytest.mark.parametrize("reach", ["hover", "focus"])  # the mouse, or Tab from the keyboard
def test_reaching_a_term_shows_its_summary(page, guide_url, reach):
    page.goto(guide_url + "chapters/2-workers-power.html")
    term = page.locator("#p2-1 a.glossary-term", has_text="Tsar")
    getattr(term, reach)()
    tooltip = page.locator(".md-tooltip--active, .md-tooltip2--active")
    tooltip.first.wait_for(state="visible", timeout=5000)
    assert "Russian monarch" in tooltip.first.inner_text()


def test_clicking_a_term_opens_its_entry_and_a_backlink_opens_the_paragraph(page, guide_url):
    page.goto(guide_url + "chapters/2-workers-power.html")
    page.locator("#p2-1 a.glossary-term", has_text="Tsar").click()
    page.wait_for_url("**/glossary/tsar.html")
    assert page.locator("h1").inner_text().startswith("Tsar")
    page.locator("#where-it-occurs-in-the-text + ul a", has_text="¶2").first.click()
    page.wait_for_url("**/chapters/2-workers-power.html#p2-2")
    assert page.locator("#p2-2").is_visible()
    assert not page.outside_requests


def test_search_finds_the_comintern_entry(page, guide_url):
    page.goto(guide_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("Comintern", delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10000)
    assert "Communist International" in page.locator(".md-search-result").inner_text()


def test_the_site_works_from_disk(chromium, guide_site):
    """file://: navigation, glossary hovers and search, with no request to any other host."""
    context = chromium.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto((guide_site / "index.html").as_uri())
    page.locator("nav.md-nav a", has_text="Introduction").first.click()
    page.wait_for_url("**/chapters/1-introduction.html")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url("**/chapters/2-workers-power.html")
    page.locator("#p2-1 a.glossary-term", has_text="Tsar").hover()
    page.locator(".md-tooltip2--active, .md-tooltip--active").first.wait_for(state="visible", timeout=5000)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("Comintern", delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=10000)
    assert "Communist International" in page.locator(".md-search-result").inner_text()
    assert [r for r in requests if not r.startswith(("file://", "data:", "blob:"))] == []
    context.close()


def test_printing_a_chapter_gives_a_clean_page(page, guide_url):
    page.goto(guide_url + "chapters/3-civil-war.html")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        assert page.locator(selector).first.evaluate("el => getComputedStyle(el).display") == "none", selector
    assert page.locator("#p3-1").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF"


def test_landing_page_to_first_chapter_to_the_next(page, guide_url):
    page.goto(guide_url)
    page.locator("article a[href$='chapters/1-introduction.html']").first.click()
    page.wait_for_url("**/chapters/1-introduction.html")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url("**/chapters/2-workers-power.html")
    assert page.locator("h1").first.inner_text().startswith("Workers’ power")


def test_on_a_touch_screen_a_tap_reaches_the_definition(chromium, guide_url):
    context = chromium.new_context(viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(guide_url + "chapters/2-workers-power.html")
    term = page.locator("#p2-1 a.glossary-term", has_text="Tsar")
    term.tap()
    page.wait_for_url("**/glossary/tsar.html")
    assert page.locator(".entry-summary").inner_text().startswith("Title of the Russian monarch")
    context.close()


def search(page, query: str, expect_in_href: str) -> list[str]:
    """Type a query into Material's search; the result links once they are for the whole query."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(query, delay=20)
    page.wait_for_function("(text) => [...document.querySelectorAll('.md-search-result__item > a')]"
                           ".some(a => a.href.includes(text))", arg=expect_in_href, timeout=10000)
    return [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]


@pytest.mark.parametrize("query, first_only", [
    ("make steel for new railroads", False),  # Material ranks title matches of "for…" first, so: among the results
    ("steel railroads", True),
])
def test_searching_a_phrase_from_chapter_four_finds_it(page, guide_url, query, first_only):
    page.goto(guide_url)
    found = search(page, query, "railroads")
    chapter = [i for i, href in enumerate(found) if "chapters/4-world-revolution.html" in href]
    assert chapter and (chapter[0] == 0 or not first_only), found


def test_dark_mode_toggles_and_persists(page, guide_url):
    page.goto(guide_url + "chapters/1-introduction.html")
    scheme = lambda: page.locator("body").get_attribute("data-md-color-scheme")  # noqa: E731
    before = scheme()
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.wait_for_function("before => document.body.getAttribute('data-md-color-scheme') !== before", arg=before)
    after = scheme()
    assert {before, after} == {"default", "slate"}
    page.goto(guide_url + "timeline.html")
    assert scheme() == after
    page.reload()
    assert scheme() == after


def site_pages(site) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_no_page_scrolls_sideways_at_375_pixels_and_no_request_leaves_the_machine(chromium, guide_site, guide_url):
    context = chromium.new_context(viewport={"width": 375, "height": 740})
    outside: list[str] = []
    context.on("request", lambda r: outside.append(r.url) if urlparse(r.url).hostname != "127.0.0.1" and not r.url.startswith(("data:", "blob:")) else None)
    page = context.new_page()
    wide = []
    pages = site_pages(guide_site)
    for name in pages:
        page.goto(guide_url + name, wait_until="load")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            wide.append((name, overflow))
    context.close()
    assert len(pages) >= 70
    assert wide == []
    assert outside == []
