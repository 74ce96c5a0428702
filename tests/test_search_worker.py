"""Search ready at once and never on the page's thread: the build's words for Material's lunr index
(core/search_index.py) and the search worker started from a Blob (search-shim.js), from disk too.

The reference for every result is Material's own index, built in the browser as before: the same
site without search/search_words.js (the worker then builds the index from the documents)."""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import pytest
from search_timing import ASK, SearchTiming, measure_search, search_results

from reading_guide.core import search_index
from reading_guide.core.search_index import UnsupportedError, js_separator, tokenize

from conftest import ROOT, build_site, serve, write_project

# ---------------------------------------------------------------- the tokenizer, as Material's


def test_positions_are_materials_block_and_index():
    # <p> opens block 0 (entry 0), the words are entries 1-3 (the <em> inside is not a block of
    # its own), </p> closes it; the next paragraph is block 1.
    tokens = tokenize("<p>Hello <em>big</em> world</p><p>Again</p>", js_separator(r"[\s\-]+"))
    assert tokens == [("hello", 1), ("big", 2), ("world", 3), ("again", 1 << 20 | 1)]


def test_an_array_field_continues_the_table_of_the_one_before():
    tokens = tokenize(["<p>One</p>", "Two three"], js_separator(r"[\s\-]+"))
    assert tokens == [("one", 1), ("two", 1 << 20), ("three", 1 << 20 | 1)]


def test_the_separator_splits_as_javascript_does():
    separator = js_separator(r"[\s\-]+")
    assert [t for t, _ in tokenize("a\u00a0b\u2009c-d", separator)] == ["a", "b", "c", "d"]  # JS \s has these
    assert [t for t, _ in tokenize("a\x1cb\x85c", separator)] == ["a\x1cb\x85c"]  # Python's \s, not JS's
    camel = js_separator(r"[\s\-]+|(?!\b)(?=[A-Z][a-z])")  # JS \b is ASCII: no split after é
    assert [t for t, _ in tokenize("fooBar éBar", camel)] == ["foo", "bar", "ébar"]


def test_words_keep_stop_words_out_and_number_terms_in_lunrs_order():
    words = search_index.build({"config": {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"],
                                           "fields": {"title": {"boost": 1000}, "text": {"boost": 1}}},
                                "docs": [{"location": "a.html", "title": "The Tsar", "text": "<p>tsar and tsar</p>"},
                                         {"location": "b.html", "title": "Soviet", "text": "<p>Tsar</p>"}]})
    assert words["terms"] == ["tsar", "soviet"]  # numbered as lunr meets them; "the" and "and" are stop words
    # each document's fields: [term number, count, ...]
    assert words["docs"] == [[[0, 1], [0, 2]], [[1, 1], [0, 1]]]
    assert words["order"] == [1, 0]  # "soviet" < "tsar": the token set's order, sorted at build time


def test_terms_are_ordered_as_javascript_compares_strings():
    # by UTF-16 code unit: a character beyond U+FFFF (two surrogates, from U+D800) sorts before
    # U+FFFF, where Python's order of code points puts it after
    assert search_index.js_order(["\uffff", "\U0001f600", "a"]) == [2, 1, 0]


@pytest.mark.parametrize("config", [{"lang": ["de"]}, {"lang": ["en"], "pipeline": ["stemmer"]}])
def test_a_pipeline_not_reproduced_is_left_to_the_browser(config):
    with pytest.raises(UnsupportedError):
        search_index.build({"config": config, "docs": []})


@pytest.mark.slow
def test_the_words_file_is_what_the_index_written_makes(mini, monkeypatch):
    """search_words.js is written in pieces from Material's index as its plugin holds it: it must
    hold what search_index.build makes of search_index.json as written, and the same refs,
    settings and boosts (non-ASCII text and JavaScript's line separators included)."""
    from reading_guide.mkdocs import search_build

    from conftest import chapter, entry

    monkeypatch.setattr(search_build, "CHUNK", 2)  # a few documents at a time, as a large index is written
    site = mini({"index.md": "# Home\n\nA guide.\n",
                 "chapters/1-one.md": chapter(1, "One", "The Soviet\u2028state, “quoted” and é.", "A second paragraph.")},
                {"soviet.md": entry("Soviet", "A council \u2029 of delegates.")})
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = (site / "search" / "search_words.js").read_text(encoding="utf-8")
    prefix, suffix = "self.readingGuideSearchWords = ", ";\n"
    assert text.startswith(prefix) and text.endswith(suffix)
    assert "\u2028" not in text and "\u2029" not in text  # raw, they would end the line of a script
    words = json.loads(json.loads(text[len(prefix):-len(suffix)]))
    docs = index["docs"]
    assert any(doc.get("boost") for doc in docs)
    assert words == {**search_index.build(index), "refs": [doc["location"] for doc in docs], "config": index["config"],
                     "boosts": {str(n): doc["boost"] for n, doc in enumerate(docs) if doc.get("boost")}}


# ---------------------------------------------------------------- in the browser


def queries_for(site: Path, count: int = 150) -> list[str]:
    """Entries' terms, words of the text, prefixes and phrases: what readers type."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = [doc["title"] for doc in index["docs"] if doc["location"].startswith("glossary/") and "#" not in doc["location"]]
    words = sorted({w for doc in index["docs"] for w in re.findall(r"[A-Za-z]{4,}", doc["text"])})
    rng = random.Random(7)
    picked = rng.sample(words, min(count, len(words)))
    return [*titles, *picked, *(w[:3] for w in picked[:30]), "Comintern", "steel railroads", "Trotsky's", "1917"]


@pytest.fixture(scope="module")
def sites(guide_site, tmp_path_factory):
    """Our guide as built, and the same site without the build's words (Material's own index)."""
    material = tmp_path_factory.mktemp("material") / "site"
    shutil.copytree(guide_site, material, ignore=shutil.ignore_patterns("*.pdf", "*.epub"))
    (material / "search" / "search_words.js").unlink()
    return guide_site, material


@pytest.mark.parametrize("protocol", ["http", "file"])
def test_results_are_materials_own_in_order_and_highlighting(chromium, sites, protocol):
    """Every query: the same results, in the same order, highlighted alike (Material's positions
    survived), with the build's words as with the index the browser builds itself."""
    ours, material = sites
    queries = queries_for(ours)
    answers = []
    for site in (ours, material):
        base, server = serve(site) if protocol == "http" else (site.as_uri() + "/", None)
        context = chromium.new_context()
        requests: list[str] = []
        context.on("requestfinished", lambda request, requests=requests: requests.append(request.url))
        page = context.new_page()
        warnings: list[str] = []
        page.on("console", lambda message, warnings=warnings: warnings.append(message.text)
                if message.text.startswith("reading-guide:") else None)
        try:
            answers.append(search_results(page, base + "index.html", queries))
            used = any(url.endswith("/search/search_words.js") for url in requests) and not warnings
            assert used == (site == ours), (site, warnings)  # ours read the build's words, the other could not
        finally:
            context.close()
            if server:
                server.shutdown()
    differ = [q for q, a, b in zip(queries, *answers, strict=True) if a != b]
    assert not differ, f"{len(differ)} of {len(queries)} queries differ, e.g. {differ[:5]}"
    assert sum(bool(a) for a in answers[0]) > len(queries) * 0.9  # the queries find things at all
    first = dict(zip(queries, answers[0], strict=True))
    assert first["Comintern"][0][0]["location"] == "glossary/communist-international.html"  # entry first


def test_without_the_words_search_still_works_in_a_worker(chromium, sites):
    _, material = sites
    context = chromium.new_context()
    page = context.new_page()
    timing = measure_search(page, (material / "index.html").as_uri(), "Comintern")
    assert timing.results and timing.results[0][0]["location"] == "glossary/communist-international.html"
    assert page.locator("iframe").count() == 0
    context.close()


# ---------------------------------------------------------------- a guide of some size


SIZE_CONFIG = """\
site_name: A long text
use_directory_urls: false
theme:
  name: material
  font: false
plugins: [search, offline]
hooks:
  - {hooks}/guide.py
markdown_extensions: [footnotes, attr_list, md_in_html, admonition, toc]
extra:
  guide:
    pdf: false
"""


def long_text(chapters: int, words: int) -> dict[str, str]:
    """Chapters of made-up words (many distinct ones, as a real text has), in paragraphs of 120."""
    rng = random.Random(3)
    syllables = ["ka", "lo", "mir", "sen", "ta", "vo", "ri", "dus", "pel", "ne", "gor", "li", "sta", "bu"]
    vocabulary = ["".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(30000)]
    docs = {"index.md": "# A long text\n\nA guide of some size.\n"}
    for number in range(1, chapters + 1):
        text = [" ".join(rng.choices(vocabulary, k=words))]
        paragraphs = [" ".join(text[0].split()[i:i + 120]) for i in range(0, words, 120)]
        body = "\n\n".join(f"## Part {i + 1}\n\n{p}" if i % 10 == 0 else p for i, p in enumerate(paragraphs))
        docs[f"chapters/{number:03d}.md"] = (f"---\nchapter: {number}\n---\n\n# Chapter {number}\n\n"
                                            f'<div class="article" markdown>\n\n{body}\n\n</div>\n')
    return docs


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    """About 200,000 words: Material's iframe worker stalled the page 0.6-1 s here on the first search."""
    root = tmp_path_factory.mktemp("long")
    config = write_project(root / "project", long_text(50, 4000), {}, config=SIZE_CONFIG.format(hooks=ROOT / "hooks"))
    return build_site(config, root / "site")


def test_long_sections_are_highlighted_as_materials_own(chromium, long_site, tmp_path):
    """Sections of 1,200 words: the worker tokenizes a result's text only as far as Material's
    highlighting reads it (two paragraphs with a match, or every occurrence). Rare words (one
    match, deep in a section), common ones, prefixes that expand to many terms, two words: the same
    results, in the same order, highlighted alike, as with the index the browser builds itself."""
    material = tmp_path / "material"
    shutil.copytree(long_site, material)
    (material / "search" / "search_words.js").unlink()
    index = json.loads((long_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    counts: dict[str, int] = {}
    for doc in index["docs"]:
        for word in re.findall(r"[a-z]+", doc["text"]):
            counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts, key=lambda w: (counts[w], w))
    rng = random.Random(11)
    rare, common = ranked[:len(ranked) // 2], ranked[-200:]
    queries = [*rng.sample(rare, 25), *rng.sample(common, 15), "ka", "mir", "lo", "k", "s", "ta ri",
               *(f"{a} {b}" for a, b in zip(rng.sample(common, 5), rng.sample(rare, 5), strict=True))]
    answers = []
    for site in (long_site, material):
        context = chromium.new_context()
        try:
            answers.append(search_results(context.new_page(), (site / "index.html").as_uri(), queries))
        finally:
            context.close()
    assert all(answers[0]), "a query found nothing"
    differ = [q for q, a, b in zip(queries, *answers, strict=True) if a != b]
    assert not differ, f"{len(differ)} of {len(queries)} queries differ, e.g. {differ[:5]}"


COUNT_TOKENS = """
(() => {  // the worker's source, with a count of the tokens Material's tokenizer makes (lunr.Token)
  let source;
  Object.defineProperty(window, "readingGuideSearchWorker", { configurable: true, get: () => source, set: value => {
    source = `(() => {
      let lunr, made = 0;
      Object.defineProperty(self, "lunr", { configurable: true, get: () => lunr, set: value => {
        lunr = value;
        const Token = value.Token;
        value.Token = function (...args) { made += 1; return new Token(...args); };
        value.Token.prototype = Token.prototype;
      } });
      self.addEventListener("message", event => {
        if (!event.data || event.data.type !== "test:tokens") return;
        event.stopImmediatePropagation();
        self.postMessage({ type: "test:tokens", made });
      });
    })();\n` + value;
  } });
})();
"""

TOKENS = """() => new Promise(resolve => {
  const worker = window.__searchTiming.workers[window.__searchTiming.workers.length - 1];
  const listen = event => {
    if (!event.data || event.data.type !== "test:tokens") return;
    worker.removeEventListener("message", listen);
    resolve(event.data.made);
  };
  worker.addEventListener("message", listen);
  worker.postMessage({ type: "test:tokens" });
})"""


def test_a_query_of_many_terms_tokenizes_only_what_the_highlighting_reads(chromium, long_site):
    """The first letter typed reaches most sections, each with dozens of its terms: the worker
    tokenizes of each result's text only the paragraphs Material's highlighting shows (the first
    two with a match: here the first two, of 120 words each), not a fixed 4,096 characters or the
    whole text. (Its results are Material's own: test_long_sections_are_highlighted_as_materials_own.)"""
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.add_init_script(COUNT_TOKENS)
        search_results(page, (long_site / "index.html").as_uri(), [])
        before = page.evaluate(TOKENS)
        [answer] = page.evaluate(ASK, ["k"])
        made = page.evaluate(TOKENS) - before
    finally:
        context.close()
    results = sum(len(group) for group in answer)
    assert results >= 100, results  # 50 chapters of 4 sections and a page each: most have a word in k
    # at most two paragraphs of 120 words and a title of a few (190 a result); the first 4,096
    # characters of each, as before, were 376 a result
    assert made / results <= 260, (made, results)


ASK_AT_ONCE = """async (queries) => {
  const worker = window.__searchTiming.workers[window.__searchTiming.workers.length - 1];
  const answers = [];
  await new Promise(resolve => {
    worker.addEventListener("message", event => {
      if (event.data && event.data.type === 3 && answers.push(event.data.data.items.length) === queries.length) resolve();
    });
    for (const query of queries) worker.postMessage({ type: 2, data: query });
  });
  return answers;
}"""


def test_queries_typed_while_one_runs_are_answered_with_the_last(chromium, long_site):
    """A word typed fast: each key's query is answered (Material counts on an answer to each), and
    those that waited while the first letter's ran (every page matches it) get the last one's."""
    context = chromium.new_context()
    try:
        page = context.new_page()
        word = "kalomir"
        typed = [word[:n] for n in range(1, len(word) + 1)]
        alone = [len(results) for results in search_results(page, (long_site / "index.html").as_uri(), typed)]
        counts = page.evaluate(ASK_AT_ONCE, typed)
    finally:
        context.close()
    assert len(counts) == len(typed)
    assert alone[0] > alone[-1] > 0  # the first letter finds more than the word
    # A query is answered with its own results or, if it waited while another ran, with the last
    # one's; never with an earlier query's. Which of them waited depends on when the worker got
    # them (on a loaded machine one by one), so the test asks no more than that.
    assert counts[-1] == alone[-1], counts
    assert all(count in alone[at:] for at, count in enumerate(counts)), (counts, alone)


ASK_THEN_TYPE_ON = """async ([first, word]) => {
  const worker = window.__searchTiming.workers[window.__searchTiming.workers.length - 1];
  const answers = [];
  await new Promise(resolve => {
    worker.addEventListener("message", event => {
      if (event.data && event.data.type === 3 && answers.push(event.data.data.items.length) === 2) resolve();
    });
    worker.postMessage({ type: 2, data: first });
    setTimeout(() => worker.postMessage({ type: 2, data: word }), 30);  // the next key, 30 ms on
  });
  return answers;
}"""


def test_a_first_letter_waits_for_the_next_key(chromium, long_site):
    """A first letter reaches most of the book: typed on within a key's interval, it is answered
    with the word's results, not scored and highlighted on its own first; left alone, it is
    answered in full."""
    context = chromium.new_context()
    try:
        page = context.new_page()
        word = "kalomir"
        alone = search_results(page, (long_site / "index.html").as_uri(), ["k", word])
        counts = page.evaluate(ASK_THEN_TYPE_ON, ["k", word])
    finally:
        context.close()
    assert len(alone[0]) > len(alone[1]) > 0  # alone, the letter has its own, longer answer
    assert counts == [len(alone[1])] * 2, counts


VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", event => window.__violations.push(event.violatedDirective));
"""


@pytest.mark.parametrize("protocol", ["http", "file"])
def test_the_page_fetches_the_words_as_it_loads_over_http(chromium, long_site, protocol):
    """Over HTTP the page starts loading search_words.js before its load event (the worker, started
    later by Material's bundle, gets them moved to it); from disk the page cannot fetch and reads
    them on the first search. Either way search answers from them, with no policy violation and
    no request for another host."""
    base, server = serve(long_site) if protocol == "http" else ((long_site.as_uri() + "/"), None)
    context = chromium.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.new_page()
        page.add_init_script(VIOLATIONS)
        warnings: list[str] = []
        page.on("console", lambda message: warnings.append(message.text) if "reading-guide" in message.text else None)
        [answer] = search_results(page, base + "chapters/001.html", ["kalomir"])
        fetched = page.evaluate("""() => {
          const words = performance.getEntriesByType("resource").find(entry => entry.name.endsWith("/search/search_words.js"));
          const loaded = performance.getEntriesByType("navigation")[0].loadEventEnd;
          return words ? { start: words.startTime, loaded } : null;
        }""")
        violations = page.evaluate("window.__violations")
    finally:
        context.close()
        if server:
            server.shutdown()
    assert answer and not warnings and not violations, (warnings, violations)
    assert all(url.startswith((base, "data:", "blob:")) for url in requests), requests
    if protocol == "http":
        assert fetched is not None and fetched["start"] < fetched["loaded"], fetched
    else:
        assert any(url.endswith("/search/search_words.js") for url in requests)  # a script, on the first search


def best_of(runs: int, measure, good) -> SearchTiming:
    """The first of up to `runs` measurements that is good, else the last: the machine may be
    shared, and load only ever adds time (Material's frame took seconds here, every time)."""
    timing = measure()
    for _ in range(runs - 1):
        if good(timing):
            break
        timing = measure()
    return timing


def test_the_first_search_from_disk_never_stalls_the_page(chromium, long_site):
    def measure() -> SearchTiming:
        context = chromium.new_context()
        try:
            page = context.new_page()
            timing = measure_search(page, (long_site / "chapters" / "001.html").as_uri(), "kalo")
            assert page.locator("iframe").count() == 0, "search ran in a frame, on the page's thread"
            return timing
        finally:
            context.close()

    timing = best_of(3, measure, lambda t: t.longest_setup_task_ms <= 200)
    assert timing.results, "no results"
    # setting search up (Material's frame built the index here: seconds), then Material's own
    # rendering of each result, the same however the index was made
    assert timing.longest_setup_task_ms <= 200, timing
    assert timing.longest_long_task_ms <= 1000, timing


def test_over_http_search_is_ready_soon_after_load(chromium, long_site):
    base, server = serve(long_site)

    def measure() -> SearchTiming:
        context = chromium.new_context()
        try:
            return measure_search(context.new_page(), base + "chapters/001.html", "kalo")
        finally:
            context.close()

    try:
        timing = best_of(3, measure, lambda t: t.ready_ms is not None and t.ready_ms - t.load_ms <= 1000)
    finally:
        server.shutdown()
    assert timing.ready_ms is not None and timing.ready_ms - timing.load_ms <= 1000, timing


def test_a_german_guide_searches_in_a_worker_with_lunrs_german_filters(chromium, tmp_path):
    """Words the build cannot find as lunr-languages would: the worker builds Material's index,
    with the German scripts it carries (a Blob worker cannot load them from ../lunr/)."""
    config = SIZE_CONFIG.format(hooks=ROOT / "hooks").replace("  font: false\n", "  font: false\n  language: de\n")
    chapter = ('---\nchapter: 1\n---\n\n# Kapitel 1\n\n<div class="article" markdown>\n\n'
               "Die Arbeiterräte übernahmen die Fabriken.\n\n</div>\n")
    site = build_site(write_project(tmp_path / "project", {"index.md": "# Ein Text\n\nDie Arbeiter gründeten Räte.\n",
                                                         "chapters/1.md": chapter}, {}, config=config), tmp_path / "site")
    assert "= null;" in (site / "search" / "search_words.js").read_text(encoding="utf-8")
    context = chromium.new_context()
    page = context.new_page()
    timing = measure_search(page, (site / "index.html").as_uri(), "Fabrik")  # lunr.de stems Fabriken to fabrik
    assert [group[0]["location"] for group in timing.results] == ["chapters/1.html"]
    assert page.locator("iframe").count() == 0
    context.close()
