"""Chapter numbers: what a chapter number may be, and the order of chapters. The one home of this
rule: the site, the books and the fidelity test all read chapter numbers through it (a page's
front matter through core/page_check.py) and order pages by reading_key."""

from __future__ import annotations

import re

# One token: it becomes part of paragraph ids (#p2-5, #p2a-5) and of addresses readers cite.
NUMBER = re.compile(r"^[0-9A-Za-z]+(?:[.-][0-9A-Za-z]+)*$")


def chapter_number(value: object, raw: str | None = None) -> str:
    """The chapter number a front matter's `chapter:` gives, as text; ValueError saying what to write.

    `raw` is the value as written in the file: `chapter: 010` is 10, not YAML's octal 8.
    """
    if raw is not None:
        raw = raw.strip().strip("'\"") if raw[:1] in "'\"" and raw[-1:] == raw[:1] else raw.strip()
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"chapter: {raw or value!r} is not a chapter number; write one number or one word, "
                         "e.g. 'chapter: 3' or 'chapter: 3a'")
    text = raw if raw and raw.isascii() and raw.isdigit() else str(value).strip()
    if text.isascii() and text.isdigit():
        return str(int(text))  # leading zeros are no part of the number: 010 is 10
    if not NUMBER.match(text):
        raise ValueError(f"chapter: {text!r} is not a chapter number: use one token of the letters A-Z, "
                         "digits 0-9, '.' or '-' (e.g. 'chapter: 3' or 'chapter: 3a'); it becomes part of "
                         "every paragraph's address")
    return text


def chapter_key(number: str) -> tuple[int, int, str]:
    """Sort key of a chapter number: 2 before 10, numbers before anything else ("2a", "A")."""
    return (0, int(number), "") if number.isascii() and number.isdigit() else (1, 0, number)


ReadingKey = tuple[tuple[int, int, str], int]


def reading_key(chapter: str | None, opens: str | None) -> ReadingKey:
    """Where a page stands in the reading order: a chapter by its number, and a part's own page (no
    number of its own, `opens_chapter: N`) just before the chapter it opens."""
    return (chapter_key(chapter), 1) if chapter is not None else (chapter_key(opens or "0"), 0)
