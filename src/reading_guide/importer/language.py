"""The language of a text, from its commonest words: "en" or "de" (the guide's languages).

Pure (standard library only). Counting stop words is enough to tell the two apart on any page of prose.
"""

from __future__ import annotations

import re
from collections import Counter

STOP_WORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "it", "was", "for", "with", "as", "his", "he", "be", "not", "by",
           "which", "this", "are", "but", "have", "from", "they", "or", "had", "an", "were", "their", "has"},
    "de": {"der", "die", "und", "das", "in", "zu", "den", "nicht", "ist", "von", "sie", "mit", "sich", "des", "auf",
           "dem", "ein", "eine", "es", "auch", "als", "wird", "werden", "sind", "bei", "aus", "wie", "dass", "daß", "im"},
}


def detect_language(text: str, default: str = "en") -> str:
    """The language whose stop words occur most often in `text`; `default` when none occur."""
    words = Counter(w.lower() for w in re.findall(r"[^\W\d_]+", text[:200_000]))
    counts = {language: sum(words[w] for w in stop) for language, stop in STOP_WORDS.items()}
    best = max(counts, key=lambda language: counts[language])
    return best if counts[best] else default


def language_code(tag: str) -> str:
    """"en" from "en-GB", "de" from "de_DE"; "" for what names no language the guide has labels for."""
    code = re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0]
    return code if code in STOP_WORDS else ""


def stated_language(value: str) -> str:
    """A language as a text's metadata names it ("English", "de-DE", "Deutsch"), as "en" or "de"; "" if another."""
    word = value.strip().lower()
    if word.startswith(("de", "german")):
        return "de"
    return "en" if word.startswith(("en", "english")) else ""
