"""The linker's rules for longer names and citations, the entry settings that settle them, the
review report and the search ranking: one case per rule, and properties checked with hypothesis."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reading_guide.core import link_review, search_rank
from reading_guide.core.glossary import Entry, check_glossary, parse_entry
from reading_guide.core.link_rules import longer_name
from reading_guide.core.linker import LinkContext, TermIndex, link_tree
from reading_guide.core.sources import notes_without_sources

from conftest import tree_strategy


def make_entry(slug, term, *aliases, match_case=True, contexts=(), not_phrases=()):
    return Entry(slug=slug, term=term, aliases=tuple(aliases), category="idea", summary=f"About {term}.",
                 body="", path=f"glossary/{slug}.md", match_case=match_case,
                 contexts=tuple(contexts), not_phrases=tuple(not_phrases))


ENTRIES = [
    make_entry("socialism", "Socialism", "socialist", match_case=False),
    make_entry("mexico", "Mexico"),
    make_entry("red-army", "Red Army"),
    make_entry("labour-party", "Labour Party", "Labour"),
    make_entry("soviet", "Soviet", match_case=False, contexts=["Petrograd Soviet"]),
    make_entry("russia", "Russia", "Soviet Union"),
    make_entry("stalin", "Stalin"),
    make_entry("lenin", "Lenin"),
    make_entry("trotsky", "Trotsky"),
]
INDEX = TermIndex(ENTRIES)
SR = make_entry("sr", "Socialist Revolutionaries")


def linked(html: str, entries=None, every: bool = True) -> list[tuple[str, str]]:
    root = etree.fromstring(f"<div>{html}</div>")
    index = INDEX if entries is None else TermIndex(entries)
    link_tree(root, index, LinkContext(href=lambda slug: f"/g/{slug}", summary=lambda slug: slug, every=every))
    return [(el.text, el.get("href").removeprefix("/g/")) for el in root.iter("a") if el.get("class") == "glossary-term"]


@pytest.mark.parametrize("text, expected", [
    # a term inside a longer capitalised name is left alone
    ("the Socialist Revolutionaries won", []),
    ("a house in Mexico City then", []),
    ("the Hungarian Red Army fought", []),
    ("the Labour Representation Committee", []),
    ("the Union of Soviet Socialist Republics", []),
    # ... but not for a capitalised word at a sentence start, after quotes or a colon
    ("The Red Army won.", [("Red Army", "red-army")]),
    ("It lost. Red Army units fled", [("Red Army", "red-army")]),
    ("“Mexico was his refuge”", [("Mexico", "mexico")]),
    ("In short: Mexico", [("Mexico", "mexico")]),
    # possessives, dates and lower-case compounds end a name; a lower-case term is no part of one
    ("Stalin's Russia", [("Stalin's", "stalin"), ("Russia", "russia")]),
    ("Lenin’s April Theses", [("Lenin’s", "lenin")]),
    ("On 8 October Trotsky wrote", [("Trotsky", "trotsky")]),
    ("the Stalin-led Soviet Union", [("Stalin", "stalin"), ("Soviet Union", "russia")]),
    ("the anti-Soviet Whites", [("Soviet", "soviet")]),
    ("the socialist Labour Party", [("socialist", "socialism"), ("Labour Party", "labour-party")]),
    # the longest spelling still wins, and a declared context is linked, as written, to its entry
    ("the Soviet Union fell", [("Soviet Union", "russia")]),
    ("the Petrograd Soviet met", [("Petrograd Soviet", "soviet")]),
    ("the petrograd soviet met", [("soviet", "soviet")]),  # a context is matched as written
])
def test_longer_names(text, expected):
    assert linked(f"<p>{text}</p>") == expected


def test_a_name_goes_on_across_inline_markup():
    assert linked("<p>the <em>Hungarian</em> Red Army and <strong>Mexico</strong> City</p>") == []


def test_an_entry_for_the_longer_name_takes_its_link():
    assert linked("<p>the Socialist Revolutionaries won</p>", [*ENTRIES, SR]) == [("Socialist Revolutionaries", "sr")]


def test_a_phrase_that_is_not_the_entry_is_never_linked_and_a_longer_entry_still_wins():
    entries = [make_entry("socialism", "Socialism", "socialist", match_case=False, not_phrases=["Socialist"]), SR]
    assert linked("<p>French Socialists and the Socialist Revolutionaries; socialist ideas</p>", entries) == [
        ("Socialist Revolutionaries", "sr"), ("socialist", "socialism")]


@pytest.mark.parametrize("html", [
    "<p>Stalin said so. Sources: Lenin, <em>Trotsky</em> (1990); Russia Today.</p>",
    "<p><strong>Source:</strong> Lenin, Stalin</p>",
    "<li>Sources: Lenin and Trotsky</li>",
    "<p>As <cite>Lenin</cite> and <em class='title'>Trotsky</em> put it</p>",
    "<div class='sources no-glossary'><ul><li>Lenin</li></ul></div>",
])
def test_citations_are_never_linked(html):
    found = linked(html)
    assert found in ([], [("Stalin", "stalin")])


def test_a_word_ending_in_source_is_no_label():
    assert linked("<p>Resources: Stalin</p>") == [("Stalin", "stalin")]


@pytest.mark.parametrize("label", ["Source:", "Sources:", "Quelle:", "Quellen:"])
@pytest.mark.parametrize("before", ["", "Stalin said so. ", "Stalin said so (", "Stalin said so [", "Stalin said so \u2014"])
def test_what_the_source_checks_read_as_a_citation_is_never_linked(before, label):
    """One rule for the label: `(Source: Lenin)` counted as a source for the notes' check, yet Lenin was
    linked; so was every word after a German `Quelle:`."""
    note = f"[^n]: {before}{label} Lenin, *The State and Revolution* (1917)."
    assert notes_without_sources(note, "c.md") == []  # the check reads it as a citation...
    found = linked(f"<p>{before}{label} Lenin, <em>The State and Revolution</em> (1917).</p>")
    assert ("Lenin", "lenin") not in found, found  # ...and the linker leaves it alone
    assert found in ([], [("Stalin", "stalin")])


def test_the_citation_part_is_marked_and_the_text_kept():
    root = etree.fromstring("<div><p>Lenin. Sources: <em>Stalin</em>, 1990.</p></div>")
    text = "".join(root.itertext())
    link_tree(root, INDEX, LinkContext(href=str, summary=str))
    assert "".join(root.itertext()) == text
    assert root.find(".//span[@class='citation no-glossary']/em").text == "Stalin"


# --- the review report ---------------------------------------------------------


def doubts_of(html: str, entries) -> list:
    context = LinkContext(href=str, summary=str, page="docs/x.md")
    link_tree(etree.fromstring(f"<div>{html}</div>"), TermIndex(entries), context)
    return context.doubts


def test_each_kind_of_doubt_is_recorded_and_settled_by_an_entry_setting():
    html = "<p id='p1-1'>the Hungarian Red Army, forced labour, the Workers' State</p>"
    entries = [make_entry("red-army", "Red Army"), make_entry("labour-party", "Labour Party", "Labour"),
               make_entry("ws", "workers' state", match_case=False)]
    doubts = doubts_of(html, entries)
    assert [(d.kind, d.slug, d.phrase, d.where) for d in doubts] == [
        ("name", "red-army", "Hungarian Red Army", "p1-1"),
        ("word", "labour-party", "labour", "p1-1"),
        ("case", "ws", "Workers' State", "p1-1")]
    lines = link_review.review_lines(doubts)
    assert lines[0].startswith("longer names skipped (1)") and "docs/x.md#p1-1: 'Hungarian Red Army'" in lines[1]
    assert link_review.summary(doubts) == ("link review: 1 longer names skipped, 1 matches only case-insensitively, "
                                           "1 spellings also used as ordinary words (the review report lists each)")
    settled = [make_entry("red-army", "Red Army", not_phrases=["Hungarian Red Army"]),
               make_entry("labour-party", "Labour Party", "Labour", not_phrases=["labour"]),
               make_entry("ws", "workers' state", match_case=False, contexts=["Workers' State"])]
    assert doubts_of(html, settled) == []
    assert link_review.summary([]) == "link review: nothing doubtful"


# --- the entry settings ----------------------------------------------------------


def entry_file(**fields) -> bytes:
    lines = ["---", "term: Soviet", "category: idea", "summary: A council.", "sources: [A book]"]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return ("\n".join([*lines, "---", "", "Body."]) + "\n").encode()


@pytest.mark.parametrize("fields, message", [
    ({"contexts": "{a: b}"}, "contexts must be a list of non-empty texts"),
    ({"not": "[Soviet]"}, "not lists 'Soviet', which is already this entry's term or alias"),
    ({"contexts": "[Petrograd Soviet]", "not": "[Petrograd Soviet]"}, "'Petrograd Soviet' is in both contexts"),
    ({"contexts": "['--']"}, "contexts phrase '--' has no letter or digit"),
])
def test_bad_settings_are_named_with_their_line(fields, message):
    entry, problems = parse_entry("soviet", entry_file(**fields), "glossary/soviet.md")
    assert entry is None and any(message in str(p) and str(p).startswith("glossary/soviet.md:") for p in problems), problems


def test_settings_are_read():
    entry, problems = parse_entry("soviet", entry_file(contexts="[Petrograd Soviet]", **{"not": "[Soviet Union]"}), "s.md")
    assert problems == [] and entry.contexts == ("Petrograd Soviet",) and entry.not_phrases == ("Soviet Union",)


def test_a_phrase_may_belong_to_one_entry_only():
    soviet = make_entry("soviet", "Soviet", contexts=["Red Army"], not_phrases=["Soviet Union"])
    problems = check_glossary([make_entry("red-army", "Red Army"), make_entry("russia", "Russia", "Soviet Union"), soviet])
    assert ["context 'Red Army' is also claimed by glossary/red-army.md" in str(p) for p in problems] == [True, False]
    assert "not lists 'Soviet Union', which glossary/russia.md claims" in str(problems[1])


# --- search ranking ----------------------------------------------------------------


def test_queries_are_split_as_material_and_lunr_split_them():
    separator = re.compile(r"[\s\-]+")
    assert search_rank.query_clauses("Treaty of Brest-Litovsk", separator) == [
        ("treaty", True), ("of", True), ("brest", False), ("litovsk", True)]


def search_index(*docs) -> dict:
    return {"config": {"separator": r"[\s\-]+", "pipeline": ["stopWordFilter"], "fields": {"title": {"boost": 1000.0}}},
            "docs": [{"location": location, "title": title, "text": text} for location, title, text in docs]}


def test_an_entry_gets_its_spellings_and_tokens_only_its_own_words_begin():
    index = search_index(("c.html", "Chapter", "<p>Stalin and Stalinism, Stalin again</p>"),
                         ("g/stalin.html", "Stalin", "<p>Stalin led.</p>"),
                         ("g/stalinism.html", "Stalinism", "<p>Stalinist rule.</p>"))
    entries = [search_rank.EntryPage("g/stalin.html", ("Stalin",)),
               search_rank.EntryPage("g/stalinism.html", ("Stalinism", "Stalinist"))]
    assert search_rank.rank_entries_first(index, entries) == []
    fields = {doc["location"]: doc.get("spellings") for doc in index["docs"]}
    assert index["config"]["fields"]["spellings"] == {"boost": search_rank.BOOST}
    assert fields["c.html"] is None and fields["g/stalinism.html"] == "stalinism stalinist"
    stalin = fields["g/stalin.html"].split()
    assert stalin[0] == "stalin" and len(stalin) > 1 and all(t.startswith("stalin\u00b7") for t in stalin[1:])


def test_two_entries_with_the_same_words_are_reported():
    index = search_index(("a.html", "A", ""), ("b.html", "B", ""))
    entries = [search_rank.EntryPage("a.html", ("Soviet Union",)), search_rank.EntryPage("b.html", ("Union Soviet",))]
    assert search_rank.rank_entries_first(index, entries) == ["Soviet Union", "Union Soviet"]


# --- properties --------------------------------------------------------------------

TERMS = ["Mexico", "Red Army", "Labour", "Stalin", "Lenin", "Socialist", "Russia"]  # capitalised spellings
NAME_WORDS = ["Hungarian", "City", "Committee", "Federative", "Petersburg", "Tragedy", "Come"]  # no spelling
LOWER = ["and", "the", "of", "then", ",", "for", "with", "a"]
SPELLINGS = [form for entry in ENTRIES for form in entry.forms + entry.contexts]


def marks(root) -> list[etree.Element]:
    return [el for el in root.iter() if el.get("class") == "glossary-term"]


def link_root(html: str) -> etree.Element:
    root = etree.fromstring(f"<div>{html}</div>")
    link_tree(root, INDEX, LinkContext(href=lambda s: f"/g/{s}", summary=lambda s: s, every=True))
    return root


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(LOWER), max_size=4), st.sampled_from(TERMS),
       st.lists(st.sampled_from(NAME_WORDS), min_size=1, max_size=2), st.booleans(), st.booleans(),
       st.lists(st.sampled_from(LOWER), max_size=4))
def test_a_term_inside_a_longer_capitalised_name_is_not_linked(before, term, name, name_first, em, after):
    name_text = " ".join(name)
    name_html = f"<em>{name_text}</em>" if em else name_text
    words = ["the", name_html, term] if name_first else ["the", term, name_html]
    root = link_root("<p>" + " ".join(before + words + after) + "</p>")
    assert marks(root) == []


CITED = st.lists(st.sampled_from(TERMS + LOWER + NAME_WORDS + [";", "(1990)"]), max_size=8).map(" ".join)


@settings(max_examples=120, deadline=None)
@given(CITED, CITED, CITED, st.sampled_from(["Source:", "Sources:"]), st.sampled_from(["", "strong", "em"]),
       st.sampled_from(["em", "a", "span"]))
def test_citations_are_never_linked_whatever_they_hold(lead, cited, tail, label, label_tag, inner):
    label_html = f"<{label_tag}>{label}</{label_tag}>" if label_tag else label
    inner_html = f"<{inner} href='x'>{cited}</{inner}>" if inner == "a" else f"<{inner}>{cited}</{inner}>"
    html = (f"<p>{lead}. {label_html} {cited} {inner_html} {tail}</p>"
            f"<p>See <cite>{cited}</cite> and <em class='title'>{tail}</em>.</p>")
    root = link_root(html)
    visible_before = "".join(etree.fromstring(f"<div>{html}</div>").itertext())
    assert "".join(root.itertext()) == visible_before
    first, second = root.findall("p")
    cut = "".join(first.itertext()).index(label)
    assert all(offset < cut for offset in mark_offsets(first)), html
    assert marks(second) == []


def mark_offsets(el: etree.Element, offset: int = 0, found: list | None = None) -> list[int]:
    """Where in the visible text of `el` each glossary mark begins."""
    found = [] if found is None else found
    if el.get("class") == "glossary-term":
        found.append(offset)
    offset += len(el.text or "")
    for child in el:
        mark_offsets(child, offset, found)
        offset += len("".join(child.itertext())) + len(child.tail or "")
    return found


WORDS = st.sampled_from(SPELLINGS + NAME_WORDS + LOWER + ["Sources:", ".", "“", "’s", "Petrograd", "-"])
TEXT = st.lists(WORDS, max_size=12).map(" ".join)
TAGS = st.sampled_from(["p", "em", "strong", "span", "li", "cite", "a"])


trees = tree_strategy(TEXT, TAGS)


@settings(max_examples=120, deadline=None)
@given(trees())
def test_the_rules_never_change_the_text_a_reader_sees_and_linking_twice_changes_nothing(root):
    text = "".join(root.itertext())
    once = link_root(etree.tostring(root, encoding="unicode")[5:-6])
    assert "".join(once.itertext()) == text
    twice = link_root(etree.tostring(once, encoding="unicode")[5:-6])
    assert etree.tostring(twice) == etree.tostring(once)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(TERMS + NAME_WORDS + LOWER + ["."]), max_size=10).map(" ".join))
def test_every_link_passes_the_rule_it_was_made_by(text):
    root = link_root(f"<p>{text}</p>")
    paragraph = root.find("p")
    position = len(paragraph.text or "")
    for mark in paragraph:
        assert longer_name(text, position, position + len(mark.text)) is None
        position += len(mark.text) + len(mark.tail or "")
