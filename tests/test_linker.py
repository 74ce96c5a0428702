"""The linker as a pure function: one case per rule, and properties checked with hypothesis."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reading_guide.core.glossary import Entry
from reading_guide.core.linker import LinkContext, TermIndex, link_tree, number_paragraphs

from conftest import tree_strategy


def make_entry(slug, term, *aliases, match_case=True):
    return Entry(slug=slug, term=term, aliases=tuple(aliases), category="idea",
                 summary=f"About {term}.", body="", path=f"glossary/{slug}.md", match_case=match_case)


ENTRIES = [
    make_entry("soviet", "Soviet", match_case=False),
    make_entry("bolsheviks", "Bolsheviks", "Bolshevik", "Bolshevik Party"),
    make_entry("fourth-international", "Fourth International"),
    make_entry("comintern", "Communist International", "Comintern"),
    make_entry("trotskyism", "Trotskyism", "Trotskyist"),
    make_entry("labour-party", "Labour Party", "Labour"),
    make_entry("stalin", "Stalin"),
    make_entry("workers-state", "workers’ state", match_case=False),
    make_entry("cpp", "C++"),
    make_entry("ussr", "U.S.S.R."),
    make_entry("spd", "(SPD)"),
    make_entry("cp", "Communist Party"),
]
INDEX = TermIndex(ENTRIES)


def found(text: str, index: TermIndex = INDEX) -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.slug) for m in index.find(text)]


@pytest.mark.parametrize("text, expected", [
    # longest match wins
    ("the Fourth International was founded", [("Fourth International", "fourth-international")]),
    ("the Bolshevik Party", [("Bolshevik Party", "bolsheviks")]),
    # plurals and possessives without listing them
    ("the Soviets took power", [("Soviets", "soviet")]),
    ("the Bolsheviks' aim", [("Bolsheviks", "bolsheviks")]),
    ("Stalin’s agents", [("Stalin’s", "stalin")]),
    ("Stalin's agents", [("Stalin's", "stalin")]),
    ("the Trotskyists never gave up", [("Trotskyists", "trotskyism")]),
    ("Communist Parties all over", [("Communist Parties", "cp")]),
    ("Communist Partyies", []),
    # word boundaries: no match inside a longer word
    ("Stalinism and Stalingrad", []),
    ("unSoviet", []),
    # case as the entry declares
    ("millions sent to labour camps", []),
    ("parties like Labour who", [("Labour", "labour-party")]),
    ("soviet power", [("soviet", "soviet")]),
    ("SOVIET power", [("SOVIET", "soviet")]),
    ("stalin", []),
    # curly and straight apostrophes are one
    ("the new workers' state", [("workers' state", "workers-state")]),
    ("the new workers’ state", [("workers’ state", "workers-state")]),
    # a line break inside a term (hard-wrapped Markdown)
    ("the Communist\nInternational", [("Communist\nInternational", "comintern")]),
    # regular-expression characters in terms are literal
    ("C++ and U.S.S.R. and (SPD) too", [("C++", "cpp"), ("U.S.S.R.", "ussr"), ("(SPD)", "spd")]),
    ("CXX and UxSxSxRx", []),
    # several in one text, left to right
    ("Stalin and the Comintern", [("Stalin", "stalin"), ("Comintern", "comintern")]),
])
def test_find(text, expected):
    assert found(text) == expected


def test_a_longer_match_that_fails_on_case_falls_back_to_a_shorter_one():
    index = TermIndex([make_entry("red", "Red", match_case=False), make_entry("red-army", "Red Army")])
    assert found("the red army", index) == [("red", "red")]
    assert found("the Red Army", index) == [("Red Army", "red-army")]


def test_words_that_only_begin_longer_spellings_need_the_next_word_to_fit():
    index = TermIndex([make_entry("party", "the Party", match_case=False), make_entry("ussr", "U.S.S.R."),
                       make_entry("wc", "Workers' Council", match_case=False)])
    assert found("the party, the Parties and the party's line", index) == [
        ("the party", "party"), ("the Parties", "party"), ("the party's", "party")]
    assert found("the\nparty", index) == [("the\nparty", "party")]
    assert found("the partisans, the U. S. S. R. and the U.S.S.R.", index) == [("U.S.S.R.", "ussr")]
    assert found("workers’ council; workers councils", index) == [("workers’ council", "wc")]


def test_no_terms_finds_nothing():
    assert found("anything at all", TermIndex([])) == []


def link(html: str, every: bool = False, own: str | None = None, article_first: bool = True) -> etree.Element:
    root = etree.fromstring(f"<div>{html}</div>")
    context = LinkContext(href=lambda slug: f"/g/{slug}", summary=lambda slug: f'"{slug}" <&>', every=every, own_slug=own)
    link_tree(root, INDEX, context)
    return root


def links(root) -> list[tuple[str, str]]:
    return [(a.get("href"), a.text) for a in root.iter("a")]


def test_first_occurrence_per_page_is_a_link_later_ones_hover_only():
    root = link("<p>Stalin met Stalin.</p><p>Stalin again.</p>")
    assert links(root) == [("/g/stalin", "Stalin")]
    assert [(a.text, a.get("title")) for a in root.iter("abbr")] == [("Stalin", '"stalin" <&>')] * 2


def test_every_occurrence_policy():
    root = link("<p>Stalin met Stalin.</p>", every=True)
    assert links(root) == [("/g/stalin", "Stalin")] * 2


@pytest.mark.parametrize("html", [
    "<h2>Stalin</h2>", "<p><a href='x'>Stalin</a></p>", "<p><code>Stalin</code></p>",
    "<pre>Stalin</pre>", "<p><a href='x'><em>Stalin</em></a></p>", "<p class='no-glossary'>Stalin</p>",
])
def test_never_inside_headings_links_or_code(html):
    root = link(html)
    assert not root.findall(".//abbr") and [a.get("href") for a in root.iter("a")] in ([], ["x"])


def test_not_on_the_entrys_own_page():
    root = link("<p>Stalin and Trotskyism</p>", own="stalin")
    assert links(root) == [("/g/trotskyism", "Trotskyism")]


def test_attributes_are_never_touched():
    root = link('<p title="Stalin"><img alt="Stalin" src="Stalin.png"/>Text</p>')
    assert etree.tostring(root, encoding="unicode") == '<div><p title="Stalin"><img alt="Stalin" src="Stalin.png" />Text</p></div>'


def test_article_text_is_linked_before_notes_above_it():
    root = link('<div class="note"><p>Stalin first here</p></div><div class="article"><p>then Stalin</p></div>')
    article_link = root.find(".//div[@class='article']//a")
    assert article_link is not None and article_link.text == "Stalin"


def test_summary_is_escaped_in_the_output():
    html = etree.tostring(link("<p>Stalin</p>"), encoding="unicode")
    assert 'title="&quot;stalin&quot; &lt;&amp;&gt;"' in html


def test_occurrences_carry_their_paragraph_anchor():
    root = etree.fromstring('<div><div class="article"><p>Stalin.</p><p>Labour and Stalin.</p></div></div>')
    assert number_paragraphs(root, 3) == ["p3-1", "p3-2"]
    context = LinkContext(href=lambda s: s, summary=lambda s: s)
    found_here = link_tree(root, INDEX, context)
    assert [(o.slug, o.anchor) for o in found_here] == [("stalin", "p3-1"), ("labour-party", "p3-2"), ("stalin", "p3-2")]
    assert root.find(".//p[@id='p3-2']/a[@class='para-num']").text == "2"


def test_ten_thousand_occurrences_in_one_paragraph():
    root = link("<p>" + "Stalin, " * 10_000 + "</p>")  # "Stalin Stalin" would be one longer name
    assert len(root.findall(".//abbr")) == 9_999 and len(links(root)) == 1


# --- properties ---------------------------------------------------------------

WORDS = st.sampled_from([
    "Stalin", "Stalin’s", "Soviets", "soviet", "Fourth", "International", "Fourth International",
    "Labour", "labour", "Bolshevik Party", "Bolsheviks'", "C++", "the", "and", ",", ".", "x",
    "Trotskyists", "workers’ state", "Comintern", "<", "&", "\u00e9",
])
TEXT = st.lists(WORDS, max_size=12).map(" ".join)
TAGS = st.sampled_from(["p", "em", "strong", "span", "a", "code", "h2", "li", "div"])


trees = tree_strategy(TEXT, TAGS)


def visible_text(root) -> str:
    return "".join(root.itertext())


def link_copy(root, every=False):
    copy = etree.fromstring(etree.tostring(root))
    link_tree(copy, INDEX, LinkContext(href=lambda s: f"/g/{s}", summary=lambda s: s, every=every))
    return copy


# The three properties of a linked tree share one test: drawing the trees is most of the cost (about
# 30 ms a tree), so each tree is drawn once and checked under both policies, first link only and every
# occurrence, rather than drawn again for each property.
@settings(max_examples=120, deadline=None)
@given(trees())
def test_linking_keeps_the_visible_text_links_nothing_twice_over_and_is_idempotent(root):
    for every in (False, True):
        once = link_copy(root, every)
        assert visible_text(once) == visible_text(root), every  # the text a reader sees never changes
        for el in once.iter():  # no link inside a link, a heading or code
            if el.tag in ("a", "abbr", "code", "h2"):
                assert not [d for d in el.iter() if d is not el and d.get("class") == "glossary-term"], every
        twice = link_copy(once, every)  # linking is idempotent
        assert etree.tostring(twice) == etree.tostring(once), every


@settings(max_examples=100, deadline=None)
@given(st.lists(WORDS, max_size=20).map(" ".join))
def test_matches_are_ordered_and_never_overlap(text):
    ends = 0
    for match in INDEX.find(text):
        assert match.start >= ends and match.end > match.start
        ends = match.end
