"""The language of a text, from its commonest words: "en" or "de" (the guide's languages).

Pure (standard library only). Counting stop words is enough to tell the two apart on any page of prose.
"""

from __future__ import annotations

import re

STOP_WORDS = {
    "en": {"the", "and", "of", "to", "a", "in", "is", "that", "it", "was", "for", "with", "as", "not", "be", "he",
           "his", "which", "by", "on", "are", "this", "have", "from"},
    "de": {"der", "die", "und", "das", "in", "zu", "den", "nicht", "von", "sie", "ist", "des", "sich", "mit", "dem",
           "dass", "daß", "er", "es", "ein", "eine", "auf", "auch", "als", "wird", "sind"},
}


def detect_language(text: str) -> str:
    """"de" if German stop words outnumber English ones in the text, else "en"."""
    words = re.findall(r"[^\W\d_]+", text[:200_000].lower())
    counts = {language: sum(word in stop for word in words) for language, stop in STOP_WORDS.items()}
    return "de" if counts["de"] > counts["en"] else "en"


def stated_language(value: str) -> str:
    """A language as a text's metadata names it ("English", "de-DE", "Deutsch"), as "en" or "de"; "" if another."""
    word = value.strip().lower()
    if word.startswith(("de", "german")):
        return "de"
    return "en" if word.startswith(("en", "english")) else ""
