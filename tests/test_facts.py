"""Facts and sources (issue 15): no weak source in any note or entry, and one date per fact everywhere.

Reads the repository's own files (glossary with PyYAML, chapters as Markdown); no build.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from reading_guide.core.glossary import load_glossary
from reading_guide.core.sources import (
    DEFAULT_WEAK_HOSTS,
    WEAK_HOST_KINDS,
    notes_without_sources,
    sources_by_note,
    weak_sources,
    wiki_alone,
)

from conftest import ROOT

CHAPTERS = sorted((ROOT / "docs" / "chapters").glob("*.md"))
ENTRY_FILES = sorted((ROOT / "glossary").glob("*.md"))
PAGES = [ROOT / "docs" / name for name in ("index.md", "about.md", "further-reading.md", "study-groups.md")]
ARTICLE = re.compile(r'<div class="article" markdown>.*?</div>', re.S)
BOLD = re.compile(r"\*\*[^*\n]+\*\*")
ITALIC = re.compile(r"\*[^*\n]+\*")  # titles of works ("*The Prophet Outcast: Trotsky, 1929–1940*") are not dates
SPAN = re.compile(r"(\d{4})\s*[–-]\s*(\d{2,4})\b")


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    front, body = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S).groups()
    return yaml.safe_load(front), body


ENTRIES = {path.stem: front_matter(path) for path in ENTRY_FILES}


def span(text: str) -> tuple[int, int] | None:
    """(start, end) of a "1918–1922" or "1917–22" span; None if the text holds no simple span."""
    match = SPAN.fullmatch(text.strip()) or SPAN.search(text) if text else None
    if not match:
        return None
    start, end = match.group(1), match.group(2)
    return int(start), int(start[: 4 - len(end)] + end)


def guide_texts() -> list[tuple[str, str]]:
    """(where, text) of everything written in the guide's own voice: chapters without the article,
    entry summaries, bodies and timeline events, the other pages and the timeline's introduction."""
    texts = [(rel(p), ITALIC.sub("", BOLD.sub("", ARTICLE.sub("", p.read_text(encoding="utf-8"))))) for p in CHAPTERS]
    for slug, (data, body) in ENTRIES.items():
        events = " ".join(f"{e['date']}: {e['event']}." for e in data.get("timeline") or [])
        texts.append((f"glossary/{slug}.md", f"{data['summary']}\n{body}\n{events}"))
    texts += [(rel(p), ITALIC.sub("", BOLD.sub("", p.read_text(encoding="utf-8")))) for p in PAGES]
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    texts.append(("mkdocs.yml", re.search(r"timeline_intro: >-\n((?:      .*\n)+)", config).group(1)))
    return texts


# --- source_check, on real examples from our files -------------------------------------------------

HISTORY_COM = ("The Soviet Union's Final Hours — History.com", "https://www.history.com/news/the-soviet-unions-final-hours",
               "glossary/russia.md", 10)


def test_a_source_on_a_weak_host_is_reported_with_file_and_line():
    [message] = weak_sources([HISTORY_COM])
    assert message.startswith("glossary/russia.md:10: ")
    assert "history.com" in message and "weak hosts" in message


def test_subdomains_match_but_look_alike_hosts_do_not():
    wikibooks = ("Soviet History/Russian Civil War — Wikibooks",
                 "https://en.wikibooks.org/wiki/Soviet_History/Russian_Civil_War", "glossary/russian-civil-war.md", 11)
    look_alike = ("Some page", "https://nothistory.com/news/x", "f.md", 1)
    assert len(weak_sources([wikibooks])) == 1
    assert weak_sources([look_alike]) == []


def test_a_weak_host_may_be_narrowed_to_a_path():
    summary = ("Benito Mussolini (summary) — Encyclopaedia Britannica", "https://britannica.com/summary/Benito-Mussolini",
               "glossary/mussolini.md", 10)
    article = ("Third International — Encyclopaedia Britannica", "https://www.britannica.com/topic/Third-International",
               "glossary/communist-international.md", 10)
    assert "britannica.com/summary" in DEFAULT_WEAK_HOSTS
    assert len(weak_sources([summary])) == 1
    assert weak_sources([article]) == []


def test_the_weak_list_is_configurable():
    assert weak_sources([HISTORY_COM], weak_hosts=[]) == []
    assert len(weak_sources([("T", "https://www.britannica.com/topic/Cheka", "f.md", 3)], ["britannica.com"])) == 1


def test_a_bare_site_and_a_site_name_for_a_title_are_weak():
    bare = ("Encyclopaedia Britannica, Labour Party", "https://www.britannica.com/", "f.md", 4)
    named = ("Wikipedia", "https://en.wikipedia.org/wiki/Gulag", "f.md", 5)
    unlinked = ("Marxists Internet Archive", None, "f.md", 6)
    messages = weak_sources([bare, named, unlinked], weak_hosts=[])
    assert len(messages) == 3
    assert "only a site" in messages[0] and "site's name" in messages[1]


# What the independent fact-check of issue 22 found in our own files, one example of each kind:
# (title, url, words of the reason the warning must give).
FOUND_BY_THE_CHECK = [
    ("The Left Opposition — orlandofiges.info (Orlando Figes)",
     "http://orlandofiges.info/section8_LeninTrotskyandStalin/TheLeftOpposition.php", "an author's or a personal site"),
    ("Rosa Luxemburg, Reform or Revolution (1899), with an introduction by Alan Woods — marxist.com",
     "https://marxist.com/classics-reform-or-revolution/prologue.htm", "a party's or a movement's site"),
    ("Ekaterina Mishina, Soviet Family Law, Russian Law Journal",
     "https://cyberleninka.ru/article/n/so-viet-family-law-wo-men-an-d-child-care-from-1917-to-the-1940s", "an aggregator"),
    ("Family Laws of 1936, Encyclopedia of Russian History, text at Encyclopedia.com",
     "https://www.encyclopedia.com/history/encyclopedias-almanacs-transcripts-and-maps/family-laws-1936", "an aggregator"),
    ("A. Rossi, The Rise of Italian Fascism (Methuen, 1938), text at the Internet Archive",
     "http://www.archive.org/download/TheRiseOfItalianFascism19181922/TXT/00000103.txt", "a raw scan or OCR text"),
    ("A. Rossi, The Rise of Italian Fascism (Methuen, 1938)",
     "https://archive.org/stream/riseofitalianfas00tasc/riseofitalianfas00tasc_djvu.txt", "a raw scan or OCR text"),
    ("1918: Revolution and Republic — Deutsches Historisches Museum blog",
     "https://dhm.de/blog/2018/11/13/1918-revolution-and-republic", "a blog"),
    ("The Beginnings of the Gulag — online exhibition",
     "https://ausstellung-gulag.de/en/exhibition/subject/the-beginnings-of-the-gulag.html", "an exhibition"),
    ("Léon Blum devient chef de gouvernement du Front populaire — gouvernement.fr",
     "https://www.gouvernement.fr/partage/9197-leon-blum-devient-chef-de-gouvernement-du-front-populaire", "government press"),
    ("Mensheviks — Museum of Russian Political History, Civil War project",
     "http://civilwar.polithistory.ru/mensheviki2_eng.html", "museum-project"),
    ("Kronstadt rebellion — Wikipedia", "https://en.wikipedia.org/wiki/Kronstadt_rebellion", "a wiki anyone may edit"),
]


@pytest.mark.parametrize("title, url, reason", FOUND_BY_THE_CHECK, ids=[u.split("/")[2] for _, u, _ in FOUND_BY_THE_CHECK])
def test_each_kind_of_weak_source_the_fact_check_found_is_reported_with_its_reason(title, url, reason):
    [message] = weak_sources([(title, url, "glossary/x.md", 12)])
    assert message.startswith(f"glossary/x.md:12: source {title!r} ({url}) is on the list of weak hosts (")
    assert reason in message and ": cite " in message


def test_every_default_weak_host_has_a_kind_and_the_setting_still_turns_them_off():
    assert tuple(h for _, hosts in WEAK_HOST_KINDS.values() for h in hosts) == DEFAULT_WEAK_HOSTS
    assert len(set(DEFAULT_WEAK_HOSTS)) == len(DEFAULT_WEAK_HOSTS)
    assert all(reason.count(": cite ") == 1 for reason, _ in WEAK_HOST_KINDS.values())
    refs = [(title, url, "f.md", 1) for title, url, _ in FOUND_BY_THE_CHECK]
    assert weak_sources(refs, weak_hosts=[]) == []
    [mine] = weak_sources(refs, weak_hosts=["cyberleninka.ru"])  # a writer's own list keeps each host's reason
    assert "(cyberleninka.ru): an aggregator" in mine
    [other] = weak_sources([("T (2001)", "https://example.org/x", "f.md", 1)], weak_hosts=["example.org"])
    assert other.endswith("(example.org): cite a named book, article or reference-work entry from a reputable "
                          "publisher instead")


def test_a_blog_path_is_weak_on_any_host_but_only_as_a_whole_first_segment():
    def weak(url: str) -> bool:
        return bool(weak_sources([("A named article (2001)", url, "f.md", 1)]))
    assert weak("https://www.example.org/blog/2018/a-post") and weak("https://example.org/Blog")
    assert weak("https://someone.blogspot.com/2010/05/x.html")
    assert not weak("https://example.org/blogger/x") and not weak("https://example.org/catalog/blog/x")
    assert not weak("https://archive.org/details/riseofitalianfas00tasc")  # an item's page, not a raw file


def test_a_marxists_org_copy_of_a_primary_text_is_not_weak_but_its_bare_site_name_is():
    text = ("V. I. Lenin, The State and Revolution (1917), Collected Works, vol. 25 — Marxists Internet Archive",
            "https://www.marxists.org/archive/lenin/works/1917/staterev/", "f.md", 1)
    bare = ("marxists.org", "https://www.marxists.org/archive/lenin/works/1917/staterev/", "f.md", 2)
    assert weak_sources([text]) == []
    assert len(weak_sources([bare])) == 1


def test_a_wiki_beside_only_weak_sources_stands_alone():
    wiki = ("Treaty of Brest-Litovsk — Wikipedia", "https://en.wikipedia.org/wiki/Treaty_of_Brest-Litovsk", "f.md", 3)
    blog = ("1918: Revolution and Republic", "https://dhm.de/blog/2018/11/13/1918-revolution-and-republic", "f.md", 4)
    book = ("John W. Wheeler-Bennett, Brest-Litovsk (Macmillan, 1938)", None, "f.md", 5)
    [alone] = wiki_alone({"entry x": [wiki, blog]}, weak_hosts=DEFAULT_WEAK_HOSTS)
    assert alone == ("f.md:3: entry x cites only Wikipedia and weak pages "
                     "(https://en.wikipedia.org/wiki/Treaty_of_Brest-Litovsk): add a named scholarly or reference work beside it")
    assert wiki_alone({"entry x": [wiki, blog]}) == []  # without a weak list, the blog counts as a source
    assert wiki_alone({"entry x": [wiki, blog, book]}, weak_hosts=DEFAULT_WEAK_HOSTS) == []


def test_note_sources_take_the_whole_citation_as_title_and_the_links_line():
    text = (ROOT / "docs/chapters/2-workers-power.md").read_text(encoding="utf-8")
    refs = [ref for refs in sources_by_note(text, "docs/chapters/2-workers-power.md").values() for ref in refs]
    lenin = [r for r in refs if r[1] == "https://www.marxists.org/archive/lenin/works/1917/staterev/"]
    assert lenin, refs
    title, _url, _file, line = lenin[0]
    assert title.startswith("V. I. Lenin, The State and Revolution") and title.endswith("Marxists Internet Archive")
    assert text.splitlines()[line - 1].startswith("[^c2-lenin]:")
    assert weak_sources(lenin) == []  # "Marxists Internet Archive" alone would be a site name


def test_notes_without_sources_and_wikipedia_alone_are_found():
    old_c2_war = ('Intro.\n\n[^c2-war]: **Fact check.** The treaty was annulled. Source: '
                  '["Treaty of Brest-Litovsk", Wikipedia](https://en.wikipedia.org/wiki/Treaty_of_Brest-Litovsk).\n\n'
                  '[^c2-x]: **Context.** No source here.\n')
    [missing] = notes_without_sources(old_c2_war, "ch2.md")
    assert missing.startswith("ch2.md:5: note [^c2-x]")
    [alone] = wiki_alone(sources_by_note(old_c2_war, "ch2.md"))
    assert alone.startswith("ch2.md:3: c2-war cites only Wikipedia")
    with_book = old_c2_war.replace("Source: [", "Sources: John W. Wheeler-Bennett, *Brest-Litovsk* (Macmillan, 1938); [")
    assert wiki_alone(sources_by_note(with_book, "ch2.md")) == []


# --- the guide's own sources ---------------------------------------------------------------------

def all_sources():
    groups = {}
    for path in CHAPTERS:
        for note, refs in sources_by_note(path.read_text(encoding="utf-8"), rel(path)).items():
            groups[f"note [^{note}]"] = refs
    for entry in load_glossary(ROOT / "glossary").entries.values():  # read as the build reads them
        groups[f"entry {entry.slug}"] = [(s.title, s.url, entry.path, entry.line_of("sources")) for s in entry.sources]
    return groups


def test_no_note_or_entry_cites_a_weak_source():
    groups = all_sources()
    refs = [ref for refs in groups.values() for ref in refs]
    assert len(refs) > 200  # the extraction works: ours has about 260
    assert weak_sources(refs) == []


def test_every_note_names_a_source_and_no_wikipedia_stands_alone():
    groups = all_sources()
    assert [m for p in CHAPTERS for m in notes_without_sources(p.read_text(encoding="utf-8"), rel(p))] == []
    assert wiki_alone(groups) == []
    assert all(groups.values()), [item for item, refs in groups.items() if not refs]


# --- one edition per book -------------------------------------------------------------------------

CITATION = re.compile(r"^(?P<author>[A-Z][^,;()]{2,60}?), (?P<title>[^()]+?),? \((?P<pub>[^()]*\b\d{4}[^()]*)\)")
READING = re.compile(r"^- \*\*(?P<author>[^*]+)\*\*, \*(?P<title>[^*]+)\*\{\.title\}", re.M)


def book_key(author: str, title: str) -> tuple[str, str]:
    return author.strip(), title.split(":", maxsplit=1)[0].strip()


def cited_books() -> dict[tuple[str, str], set[tuple[str, str, str]]]:
    """(author, main title) -> every (full title, publication, where) the notes and entries give it."""
    books: dict[tuple[str, str], set[tuple[str, str, str]]] = {}
    for refs in all_sources().values():
        for title, _url, file, line in refs:
            match = CITATION.match(re.sub(r"^for [^,]*, ", "", title))  # "for the Trotskyist view, Duncan Hallas, ..."
            if match:
                books.setdefault(book_key(match["author"], match["title"]), set()).add(
                    (match["title"].strip(), match["pub"], f"{file}:{line}"))
    return books


def test_a_book_is_cited_in_one_edition_everywhere():
    books = cited_books()
    assert len(books) > 100  # the extraction works: ours cites about 145 works
    editions = {key: {(title, pub) for title, pub, _ in seen} for key, seen in books.items()}
    assert {key: seen for key, seen in books.items() if len(editions[key]) > 1} == {}


def test_further_reading_names_a_cited_book_by_the_same_title():
    books = cited_books()
    text = (ROOT / "docs/further-reading.md").read_text(encoding="utf-8")
    listed = [(m["author"], m["title"]) for m in READING.finditer(text)]
    assert len(listed) >= 10
    shared = [(author, title) for author, title in listed if book_key(author, title) in books]
    assert len(shared) >= 5, shared  # Pipes, Conquest, Fitzpatrick, Rabinowitch, Figes, Service, Kotkin ...
    for author, title in shared:
        assert {t for t, _, _ in books[book_key(author, title)]} == {title}, (author, title)


def test_collectivisation_is_dated_from_1929_wherever_a_date_is_given():
    """The drive to collectivise began in late 1929; 1928 was the year of the forced grain procurements."""
    dated = []
    for where, text in guide_texts():
        for sentence in re.split(r"(?<=[.;])\s+", text):
            if re.search(r"collectivi[sz]", sentence, re.I) and re.search(r"\b19(28|29)\b", sentence):
                dated.append((where, sentence))
                assert "1929" in sentence, (where, sentence)
    assert {where for where, _ in dated} >= {"glossary/stalin.md", "glossary/nikolai-bukharin.md",
                                            "glossary/collectivisation.md", "glossary/peasantry.md"}, dated


# --- one fact, one date --------------------------------------------------------------------------

def forms_of(slug: str) -> list[str]:
    data = ENTRIES[slug][0]
    return [data["term"], *(data.get("aliases") or [])]


def span_mentions(slug: str) -> list[tuple[str, str, tuple[int, int]]]:
    """Places where the guide gives a span for the entry's term: "the Civil War of 1918–1921",
    "Civil War (1917–1922)", "the Civil War, 1918–21". A longer term that ends at the same place
    ("Spanish Civil War") belongs to its own entry."""
    others = [f for s in ENTRIES if s != slug for f in forms_of(s)]
    found = []
    for where, text in guide_texts():
        for form in forms_of(slug):
            flags = 0 if ENTRIES[slug][0].get("match_case", True) else re.I
            pattern = re.compile(rf"\b{re.escape(form)}(?:\s+of\s+|\s*\(|,\s+)(\d{{4}}\s*[–-]\s*\d{{2,4}})\b", flags)
            for match in pattern.finditer(text):
                head = text[: match.start() + len(form)]
                if any(len(o) > len(form) and head.lower().endswith(o.lower()) for o in others):
                    continue
                found.append((where, match.group(0), span(match.group(1))))
    return found


SPAN_ENTRIES = [slug for slug, (data, _) in ENTRIES.items() if SPAN.fullmatch(str(data["dates"]).strip())]


@pytest.mark.parametrize("slug", SPAN_ENTRIES)
def test_a_term_dated_in_the_text_has_its_entrys_dates(slug):
    dates = span(str(ENTRIES[slug][0]["dates"]))
    wrong = [(where, words) for where, words, given in span_mentions(slug) if given != dates]
    assert wrong == [], f"{slug} is dated {dates[0]}–{dates[1]} in its entry"


@pytest.mark.parametrize("slug", ["russian-civil-war", "allied-intervention", "gulag"])
def test_the_entrys_timeline_lies_within_its_dates(slug):
    data = ENTRIES[slug][0]
    start, end = span(str(data["dates"]))
    years = [int(str(e["date"])[:4]) for e in data["timeline"]]
    assert all(start <= y <= end for y in years), (data["dates"], years)
    assert max(years) == end, "the entry's last dated event should be the one that ends it"


def test_the_civil_war_has_one_span_everywhere():
    mentions = span_mentions("russian-civil-war")
    assert len({where for where, _, _ in mentions}) >= 2, mentions  # chapter 3 and the White movement at least
    assert {given for _, _, given in mentions} == {span(ENTRIES["russian-civil-war"][0]["dates"])}
    assert span(ENTRIES["white-movement"][0]["dates"]) == span(ENTRIES["russian-civil-war"][0]["dates"])


def test_the_intervention_ends_when_the_last_foreign_troops_leave():
    """Every 'Japan held ... until YYYY' the guide states falls within the intervention's dates."""
    end = span(ENTRIES["allied-intervention"][0]["dates"])[1]
    years = []
    for where, text in guide_texts():
        for sentence in re.split(r"(?<=[.;])\s+", text):
            if re.search(r"Japan", sentence):
                years += [(where, int(y)) for y in re.findall(r"\b(?:until|only in \w*)\s+(\d{4})\b", sentence)]
    assert years, "the guide says when Japanese troops left"
    assert max(y for _, y in years) == end, years


def test_the_gulag_figures_cover_one_period_and_the_entry_one_span():
    periods = []
    for where, text in guide_texts():
        for sentence in re.split(r"(?<=[.;])\s+", text):
            if "18 million" in sentence:
                periods += [(where, (int(a), int(b))) for a, b in re.findall(r"between (\d{4}) and (\d{4})", sentence)]
    assert {where for where, _ in periods} >= {"docs/chapters/1-introduction.md", "glossary/gulag.md"}, periods
    assert len({p for _, p in periods}) == 1, periods
    data = ENTRIES["gulag"][0]
    first = min(int(str(e["date"])[:4]) for e in data["timeline"])
    assert span(data["dates"])[0] == first


def test_the_landing_page_gives_the_timelines_real_range():
    years = [int(str(e["date"])[:4]) for data, _ in ENTRIES.values() for e in data.get("timeline") or []]
    text = (ROOT / "docs/index.md").read_text(encoding="utf-8")
    match = re.search(r"timeline\]\([^)]*\) from (\d{4}) to (\d{4})", text)
    assert match, "index.md names the timeline's range"
    assert (int(match.group(1)), int(match.group(2))) == (min(years), max(years))
