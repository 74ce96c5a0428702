"""What a guide says about itself for citing: the facts (never invented: a guide without an author
has none), the meta tags reference managers read on a chapter page (Highwire Press `citation_*`, as
Zotero's connector reads them, and Dublin Core), and the books' "How to cite" example.

The citations themselves (Chicago, MLA, APA, BibTeX, RIS, CSL-JSON) are made in the browser by
reader.js from these facts, for the paragraph, the chapter and the whole guide.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .reader_strings import ReaderStrings


@dataclass(frozen=True)
class CiteFacts:
    title: str  # the guide's title
    author: str = ""  # the text's author as the guide's settings give it (site_author); "" when unknown
    version: str = ""  # the version line on the books' covers
    date: str = ""  # YYYY-MM-DD of this version; "" when unknown
    language: str = "en"
    site_url: str = ""  # "" when the guide does not know where it is published

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def head_tags(facts: CiteFacts, chapter_title: str, url: str) -> list[tuple[str, str]]:
    """(name, content) of a chapter page's meta tags; `url` is its absolute address, or "" if unknown."""
    tags = [("citation_title", chapter_title), ("citation_inbook_title", facts.title)]
    if facts.author:
        tags.append(("citation_author", facts.author))
    if facts.date:
        tags.append(("citation_online_date", facts.date.replace("-", "/")))  # Highwire writes YYYY/MM/DD
    tags.append(("citation_language", facts.language))
    if url:
        tags.append(("citation_public_url", url))
    tags += [("DC.title", chapter_title), ("DC.relation.isPartOf", facts.title), ("DC.type", "Text")]
    if facts.author:
        tags.append(("DC.creator", facts.author))
    if facts.date:
        tags.append(("DC.date", facts.date))
    tags.append(("DC.language", facts.language))
    if url:
        tags.append(("DC.identifier", url))
    return tags


def book_example(facts: CiteFacts, words: ReaderStrings) -> str:
    """The books' "How to cite" sentence, with an example in the Chicago style the site offers."""
    parts = [facts.author, facts.title, facts.version, words.chapter_paragraph.format(chapter=3, number=2).capitalize()]
    example = " ".join(_sentence(part) for part in parts if part)
    return words.how_to_cite_text.format(example=f"{example} {facts.site_url}".strip())


def _sentence(text: str) -> str:
    """The text ended with a full stop, unless it ends with one already (or ? !): "Jr.", "Russia?"."""
    return text if text.endswith((".", "?", "!", "…")) else f"{text}."
