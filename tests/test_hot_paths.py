"""The shortcuts taken for speed (issue 24) give what the slow way gives."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reading_guide.core.sanitize import Cleaned, _census, _clean_census, clean_html

OURS = ('<ul class="places" data-search-exclude="true">\n<li><a href="../chapters/1-a.html#p1-2">A &amp; B ¶2</a>, '
        '<a href="../chapters/1-a.html#p1-5">¶5</a></li>\n</ul>')
PIECES = ["<p>", "</p>", "text", " & ", "<script>", "alert(1)", "</script>", '<img src=x onerror="alert(1)">',
          '<a href="javascript:alert(1)">', "</a>", "<iframe>", "<em", "<!-- c -->", "<style>", "&amp", '<b title="t">',
          "<ul>", "<li>", OURS]


@pytest.mark.parametrize("head, tail", [
    ("<p>An entry.</p>\n", ""),
    ('<p>An <img src=x onerror="alert(1)"> entry.</p>\n', "\n<p>after</p>"),
    ("<p>open <script>", ""),  # the back-links inside a script: read the slow way
    ("<iframe>", "</iframe>"),
    ("<p>An entry &amp", "<em"),
])
def test_what_went_is_the_same_with_the_generators_part_skipped(head, tail):
    fragment = f"{head}{OURS}{tail}"
    assert clean_html(fragment, ours=OURS) == clean_html(fragment)


# Markup the HTML5 parser (nh3's) drops, mends or reads unlike html.parser: the shortcut must still agree.
AWKWARD = ["<table>", "<tr>", "<td>", "</td>", "<caption>", "<a href=a href=b>", '<p =census="x">', "<p =census>",
           '<a href="\x01javascript:x">', "<a href=' java\tscript:x'>", "<a href='mailto:x'>", "<svg>", "<math>",
           "<br/>", '<p title="a&quot;b">', "<textarea>", "<select><select>", "<form><form>", "<html>",
           "<body class=x>", "<b>", "</b>", "<wbr>", "<li>", '<abbr class="glossary-term" title="x <b>">', "&nbsp;",
           "<!--", "<![CDATA[x]]>", "<?pi>", "<image src=y>", "<img src=data:x>", "<p hidden>", "<DIV ID=X>", "<a",
           "<template>", "<noscript>", "<iframe>", "<noembed>", "<plaintext>", "<xmp>", "<title>", "<style>", "-->",
           "<a href=x>", "<p>", "<ul>", "<col>", "<frameset>", "<head>", "<dl><dt>", "<rt>", "<ruby>", "<SVG>"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES + AWKWARD), max_size=12))
def test_any_fragment_reports_the_same_removals_with_or_without_the_shortcut(pieces):
    fragment = "".join(pieces)
    assert clean_html(fragment, ours=OURS) == clean_html(fragment)




@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES + AWKWARD), max_size=12), st.booleans())
@example(["<noscript>", '<a href="\x01javascript:x">'], False)  # a control character lxml refuses, as text
def test_lxml_counts_the_sanitizers_output_as_html_parser_does(pieces, titles):
    """nh3's output is read with lxml (faster): it must count what html.parser counts of it."""
    cleaned = clean_html("".join(pieces), titles=titles, report=False).html
    assert _clean_census(cleaned) == _census(cleaned)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES + AWKWARD), max_size=12), st.booleans())
def test_without_a_report_the_html_is_the_same(pieces, titles):
    """The engines' entry pages take only the HTML (the compile step named what goes): not looked for twice."""
    fragment = "".join(pieces)
    assert clean_html(fragment, titles=titles, report=False) == Cleaned(clean_html(fragment, titles=titles).html, ())


def test_a_build_without_books_does_not_import_the_book_modules():
    code = ("import sys, reading_guide.mkdocs.plugin; "
            "print(sorted(m for m in sys.modules if m.startswith('reading_guide.book')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_hooks_load_the_live_server_only_under_serve():
    """mkdocs.livereload brings http.server, ssl and watchdog (about 0.03 s): a build never needs them."""
    code = ("import sys, reading_guide.mkdocs.plugin; "
            "print(sorted(m for m in sys.modules if m.startswith(('mkdocs.livereload', 'watchdog', 'http.server'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


HOSTS = ["wikipedia.org", "en.wikipedia.org", "blog.example.org", "example.org", "*/blog", "medium.com", "co.uk",
         "marxists.org/archive", "WWW.Spartacus-Educational.com", "x.y.z"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(HOSTS), max_size=6),
       st.sampled_from(["https://en.wikipedia.org/wiki/X", "https://www.example.org/", "http://blog.example.org/a",
                        "https://a.b.example.org/blog/post", "https://bbc.co.uk/news", "https://marxists.org/archive/x",
                        "https://www.marxists.org/archived", "https://spartacus-educational.com/x", "mailto:a@b.c",
                        "https://z.x.y.z/p", "https://medium.com.evil.net/p", "/local/page"]))
def test_the_weak_host_looked_up_by_domain_is_the_first_in_the_list_that_matches(weak_hosts, url):
    from urllib.parse import urlsplit

    from reading_guide.core.sources import normal_host, on_host, source_problem

    hosts = [normal_host(h) for h in weak_hosts]
    first = next((weak for weak in hosts if on_host(urlsplit(url), weak)), None)  # every weak host tried, in order
    problem = source_problem("A named work", url, hosts) or ""
    assert (f"weak hosts ({first})" in problem) if first else "weak hosts" not in problem


WORDS = ["stalin", "stalinism", "the", "soviet", "Soviets", "d’arcy", "d'arcy", "tis", "<p>", "</p>", "&amp;", "-", "party"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), max_size=12), min_size=1, max_size=6),
       st.lists(st.sampled_from(["Stalin", "Stalinism", "Soviet", "D’Arcy", "the Party", "Tis"]), min_size=1, max_size=4))
def test_search_weighs_the_entries_words_as_if_it_had_counted_every_word(texts, spellings):
    import re

    from reading_guide.core import search_rank

    separator = re.compile(r"[\s\-]+")
    docs = [{"location": f"p{n}.html", "title": f"Page {n}", "text": " ".join(words)} for n, words in enumerate(texts)]
    wanted = search_rank._own_tokens(spellings, separator, search_rank.STOP_WORDS)
    every: dict[str, int] = {}  # every token of every field, as lunr counts them
    for doc in docs:
        for name in ("title", "text"):
            for token in {t for t in separator.split(search_rank._text_of(doc[name]).lower())
                          if t and t not in search_rank.STOP_WORDS}:
                every[token] = every.get(token, 0) + 1
    assert search_rank._document_frequencies(docs, separator, wanted) == {t: every[t] for t in wanted if t in every}


@pytest.mark.slow
@pytest.mark.parametrize("author_hook", [False, True])
def test_a_written_pages_html_is_let_go_unless_a_plugin_we_do_not_know_may_read_it(tmp_path, monkeypatch, author_hook):
    """MkDocs holds every page's HTML and Markdown until the build ends (a large guide's peak memory):
    the hooks let go of each page once it is written, the same page written, unless another plugin or
    an author's hook runs, which MkDocs allows to read them at the end."""
    import mkdocs.commands.build as mkdocs_build

    from conftest import ROOT, build_site, chapter, entry, write_project

    held = {}
    build_page = mkdocs_build._build_page

    def watched(page, *args, **kwargs):  # MkDocs' own function, run as it is; its page looked at after
        build_page(page, *args, **kwargs)
        held[page.file.src_uri] = page

    monkeypatch.setattr(mkdocs_build, "_build_page", watched)
    docs = {"index.md": "# Home\n\nThe Soviet.\n", "chapters/1.md": chapter(1, "One", "The Soviet took power.")}
    config = write_project(tmp_path / "project", docs, {"soviet.md": entry("Soviet", "A council of workers.")})
    text = config.read_text(encoding="utf-8").replace("theme:", "plugins: [search, offline]\ntheme:")
    if author_hook:
        (config.parent / "mine.py").write_text("def on_post_build(config):\n    pass\n", encoding="utf-8")
        text = text.replace(f"  - {ROOT / 'hooks'}/guide.py\n", f"  - {ROOT / 'hooks'}/guide.py\n  - mine.py\n")
    config.write_text(text, encoding="utf-8")
    site = build_site(config, tmp_path / "site")
    written = (site / "chapters" / "1.html").read_text(encoding="utf-8")
    assert 'class="glossary-term"' in written and 'title="A council of workers."' in written  # the page is whole
    assert {"index.md", "chapters/1.md", "glossary/soviet.md"} <= set(held)
    for src, page in held.items():
        assert (page.content is None and page.markdown is None) is not author_hook, src


@pytest.mark.slow
def test_the_back_links_hidden_from_searchs_parser_change_neither_the_index_nor_the_pages(tmp_path, monkeypatch):
    """An entry's back-links are hidden from Material's search parser while it reads the page (it
    would only skip them, tag by tag): the same search index and the same pages as when it reads them."""
    from material.plugins.search import plugin as material_search

    from reading_guide.mkdocs import search_build

    from conftest import build_site, chapter, entry, write_project

    docs = {"index.md": "# Home\n\nThe Soviet.\n",
            **{f"chapters/{n}.md": chapter(n, f"Chapter {n} <&>", "The Soviet took power.", "A Soviet -- of 1917, and the Party.")
               for n in (1, 2, 3)}}
    glossary = {"soviet.md": entry("Soviet", "A council of workers.", aliases=["soviets"]),
                "party.md": entry("Party", "The party."),
                "duma.md": entry("Duma", "The parliament.", background=True)}  # its sentence is indexed, not hidden
    config = write_project(tmp_path / "project", docs, glossary, extra="epub: false")  # a zip is dated
    config.write_text(config.read_text(encoding="utf-8").replace("theme:", "plugins: [search, offline]\ntheme:"),
                      encoding="utf-8")
    fed: list[str] = []
    starttag = material_search.Parser.handle_starttag

    def counted(self, tag, attrs):  # Material's own parser, run as it is; the tags it read counted
        fed.append(tag)
        return starttag(self, tag, attrs)

    monkeypatch.setattr(material_search.Parser, "handle_starttag", counted)
    sites = {}
    for hidden in (True, False):
        if not hidden:
            monkeypatch.setattr(search_build, "hide_from_search", lambda content, span: content)
        fed.clear()
        site = build_site(config, tmp_path / f"site-{hidden}")
        sites[hidden] = (len(fed), {path.relative_to(site).as_posix(): path.read_bytes()
                                    for path in sorted(site.rglob("*")) if path.is_file()})
    (read_hidden, files_hidden), (read_all, files_all) = sites[True], sites[False]
    assert read_hidden < read_all  # the back-links' tags were passed over in one step
    assert b"Chapter 1" in files_hidden["glossary/soviet.html"]  # they are on the page
    assert files_hidden.keys() == files_all.keys()
    for name in files_hidden:
        assert files_hidden[name] == files_all[name], name
