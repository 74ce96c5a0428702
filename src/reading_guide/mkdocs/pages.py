"""The pages the generator adds to a site, as typed objects (never bare strings that could be
mistaken for an entry's name). The order of chapters is core/chapters.py's."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class PageKind(enum.Enum):
    INDEX = "the glossary's index"
    ENTRY = "a glossary entry"
    TIMELINE = "the timeline"
    QUESTIONS = "the discussion questions"


@dataclass(frozen=True)
class GeneratedPage:
    kind: PageKind
    src_uri: str  # where it pretends to be in docs/
    slug: str | None = None  # the entry, for PageKind.ENTRY

    @property
    def in_nav(self) -> bool:
        """Entries are reached from the glossary's index; the other pages are listed in the nav."""
        return self.kind is not PageKind.ENTRY

    @property
    def search_boost(self) -> float:
        return 1.0 if self.kind is PageKind.ENTRY else 0.5
