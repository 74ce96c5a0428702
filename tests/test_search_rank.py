"""Search finds the entry first when the query is exactly its term or an alias (Material's own
search, in Debian's Chromium, on the real guide)."""

from __future__ import annotations

import contextlib
import json

from reading_guide.core.glossary import load_glossary

from conftest import ROOT

GLOSSARY = load_glossary(ROOT / "glossary", "glossary")
QUERIES = [(form, entry.slug) for entry in GLOSSARY.entries.values() for form in entry.forms]


def first_result(page, query: str, slug: str) -> str:
    """The first result's link once the results are for the whole query (Material puts the query's
    matched words in each link's ?h=), or "" when the entry does not come first within 3 s."""
    box = page.locator("input.md-search__input")
    box.fill(query[:-1])  # one event: Material searches on each key typed, and only the last is asked about
    box.press_sequentially(query[-1])
    last = query.rsplit(maxsplit=1)[-1].lower()
    with contextlib.suppress(Exception):  # not first within 3 s: the first result as it stands is returned
        page.wait_for_function(
            """([slug, last]) => {
                const a = document.querySelector('.md-search-result__item > a');
                return a && a.href.includes('glossary/' + slug + '.html')
                    && decodeURIComponent(new URL(a.href).searchParams.get('h') || '').toLowerCase().includes(last);
            }""", arg=[slug, last], timeout=3000)
    first = page.locator(".md-search-result__item > a").first
    return first.get_attribute("href") if first.count() else ""


def test_every_term_and_alias_finds_its_entry_first(chromium, html_url):
    assert len(QUERIES) >= 110
    page = chromium.new_context().new_page()
    page.goto(html_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    misses = []
    for query, slug in QUERIES:
        href = first_result(page, query, slug)
        if f"glossary/{slug}.html" not in href:
            misses.append((query, slug, href))
    print(f"{len(QUERIES) - len(misses)} of {len(QUERIES)} queries find their entry first")
    for miss in misses:
        print("MISS", miss)
    assert misses == []


def test_every_entry_page_carries_its_spellings_in_the_index_and_no_other_page_does(html_site):
    index = json.loads((html_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["fields"]["spellings"]["boost"] > index["config"]["fields"]["title"]["boost"]
    carrying = {doc["location"]: doc["spellings"].split() for doc in index["docs"] if "spellings" in doc}
    assert set(carrying) == {f"glossary/{slug}.html" for slug in GLOSSARY.entries}
    assert {"communist", "international", "comintern", "third"} <= set(carrying["glossary/communist-international.html"])
    offline = (html_site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert offline.count('"spellings":') == len(carrying) + 1  # the copy for file:// has them too
