"""The guide's editorial content meets its own rules (issue: editorial depth). Reads the sources, not the site."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from reading_guide.core.glossary import load_glossary, timeline_events
from reading_guide.core.questions import questions_section
from reading_guide.core.strings import ENGLISH

from conftest import ROOT

GLOSSARY = load_glossary(ROOT / "glossary", "glossary")
CHAPTERS = sorted((ROOT / "docs" / "chapters").glob("*.md"))
NOTE_KINDS = ("Context", "Fact check", "Correction", "Disputed", "Interpretation")


PUBLISHED = re.compile(r"\([^()]*\b(?:1[5-9]|20)\d\d\b[^()]*\)")  # "(Macmillan, 1952)", "54:7 (2002)"


def words(text: str) -> int:
    return len(re.findall(r"[\w’'-]+", text))


def test_the_glossary_loads_without_problems():
    assert GLOSSARY.problems == []


def test_glossary_size_and_categories():
    counts = Counter(e.category for e in GLOSSARY.entries.values())
    assert len(GLOSSARY.entries) >= 45
    assert set(counts) == {"person", "organisation", "event", "idea", "place"}


@pytest.mark.parametrize("slug", list(GLOSSARY.entries))
def test_each_entry_is_complete(slug):
    entry = GLOSSARY.entries[slug]
    assert entry.dates, "dates"
    assert words(entry.summary) <= 30
    assert 80 <= words(entry.body) <= 250, words(entry.body)
    assert entry.see_also, "see_also"
    assert entry.sources, "sources"
    # a book or article needs no address, but then it gives its publisher or journal and year
    unplaced = [s.title for s in entry.sources if not s.url and not PUBLISHED.search(s.title)]
    assert unplaced == [], "name the publisher (or journal) and year of each source without a URL"
    assert not re.search(r"^\s*wikipedia\s*$", " ".join(s.title for s in entry.sources), re.I)


def test_timeline_has_enough_events_in_range():
    events = [e for e in timeline_events(GLOSSARY) if "1905" <= e.date[:4] <= "1991"]
    assert len(events) >= 30


def chapter_parts(path):
    text = path.read_text(encoding="utf-8")
    before = re.search(r'!!! abstract "Before you read"\n((?:    .*\n|\n)+)', text)
    summary = re.search(r"^## Summary\n(.*?)(?=^## )", text, re.S | re.M)
    notes = re.findall(r"^\[\^[^\]]+\]: \*\*([^*]+?)\.\*\*", text, re.M)
    return text, before, summary, notes


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_each_chapter_has_its_study_apparatus(path):
    text, before, summary, notes = chapter_parts(path)
    assert before and words(before.group(1)) <= 125
    assert summary and words(summary.group(1)) <= 155
    questions = re.findall(r"^\d+\. ", questions_section(text, ENGLISH.questions) or "", re.M)
    assert 3 <= len(questions) <= 5
    assert len(notes) >= 5 and set(notes) <= set(NOTE_KINDS), notes
    references = set(re.findall(r"\[\^([^\]]+)\](?!:)", text))
    definitions = set(re.findall(r"^\[\^([^\]]+)\]:", text, re.M))
    assert references == definitions


def test_at_least_forty_annotations_across_the_guide():
    assert sum(len(chapter_parts(p)[3]) for p in CHAPTERS) >= 40
