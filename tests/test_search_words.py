"""Search finds every word of the article: each numbered paragraph's words, in order, are words of
its page's text in Material's search index (the paragraph number kept out of it, not glued on)."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.slow  # a real build of the guide

EDGE = re.compile(r"^\W+|\W+$")


def words(text: str, separator: re.Pattern[str]) -> str:
    """The words as lunr splits them (the index's separator), punctuation at their edges trimmed,
    as one string with a space before and after each, so that whole-word runs can be looked up."""
    found = [EDGE.sub("", word).casefold() for word in separator.split(text)]
    return " " + " ".join(word for word in found if word) + " "


def test_every_word_of_every_article_paragraph_is_in_the_search_index(html_site):
    index = json.loads((html_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    indexed: dict[str, list[str]] = {}
    for doc in index["docs"]:
        # The index keeps a few tags (p, li, sup...): each is a boundary between words. Footnote
        # calls (sup) are left out on both sides.
        text = BeautifulSoup(doc["text"], "html.parser")
        for call in text.select("sup"):
            call.decompose()
        text = text.get_text(" ")
        indexed.setdefault(doc["location"].partition("#")[0], []).append(words(text, separator))
    paragraphs, missing = 0, []
    for path in sorted((html_site / "chapters").glob("*.html")):
        page = f"chapters/{path.name}"
        for paragraph in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select(".article .para"):
            for extra in paragraph.select(".para-num, sup"):  # the number; footnote calls
                extra.decompose()
            paragraphs += 1
            run = words(paragraph.get_text(), separator)
            if not any(run in section for section in indexed.get(page, [])):
                first = run.split()[:3]
                missing.append(f"{page}#{paragraph['id']} ({' '.join(first)} ...)")
    assert paragraphs > 20
    assert not missing, f"{len(missing)} paragraphs not word for word in the search index: {missing[:10]}"
