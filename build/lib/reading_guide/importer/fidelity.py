"""Fidelity: every word of the imported text, in order, is in the chapters' article blocks.

Pure. The text is read again with the importer's own rules; the chapter pages are read as the
guide's maintainers left them, with what the guide adds (note calls) and the listed corrections
taken out again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from .parse import read_text

WORD = re.compile(r"\w+(?:['’]\w+)*")
NOTE_CALL = re.compile(r"\[\^[^\]\s]+\]")
ESCAPE = re.compile(r"\\(.)")


def words(text: str) -> list[str]:
    return WORD.findall(ESCAPE.sub(r"\1", NOTE_CALL.sub("", text)))


def article_words(page: str, article_class: str = "article") -> list[str]:
    """The words of a chapter page's title and article block."""
    title = re.search(r"^# (.+)$", page, re.M)
    opening = f'<div class="{article_class}" markdown>'
    body = page.split(opening, 1)[1].rsplit("</div>", 1)[0] if opening in page else ""
    return words(title.group(1) if title else "") + words(body)


def fidelity_problems(source: Path, chapter_pages: Sequence[tuple[str, str]],
                      corrections: Sequence[Mapping[str, object]] = (), article_class: str = "article") -> list[str]:
    """What differs between the text and the chapters (name, Markdown), in chapter order; [] when none."""
    text = read_text(source)
    pages = [list(page) for page in chapter_pages]
    for fix in corrections:
        number = int(str(fix["chapter"])) - 1
        if not 0 <= number < len(pages) or str(fix["corrected"]) not in pages[number][1]:
            return [f"source/corrections.yml: chapter {fix['chapter']} does not contain {fix['corrected']!r}"]
        pages[number][1] = pages[number][1].replace(str(fix["corrected"]), str(fix["original"]), 1)
    expected = [w for c in text.chapters for w in words(c.title) + words(" ".join(c.paragraphs))]
    found: list[tuple[str, str]] = [(name, w) for name, page in pages for w in article_words(page, article_class)]
    for index, (want, (name, got)) in enumerate(zip(expected, found)):
        if want != got:
            context = " ".join(expected[max(0, index - 6):index + 6])
            return [f"{name}: word {index + 1} of the text is {want!r}, the chapter has {got!r} (text: “… {context} …”)"]
    if len(found) < len(expected):
        return [f"the chapters end {len(expected) - len(found)} word(s) before the text: “{' '.join(expected[len(found):][:12])} …”"]
    if len(found) > len(expected):
        name = found[len(expected)][0]
        return [f"{name}: {len(found) - len(expected)} word(s) after the end of the text: “{' '.join(w for _, w in found[len(expected):][:12])} …”"]
    return []
