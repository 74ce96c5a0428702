"""The synthetic glossary: T entries of five categories with exactly A aliases between them."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field

from .prose import Names, Prose

ORG_WORDS = ["Workers’", "Peasant", "Socialist", "Revolutionary", "Democratic", "Labour", "People’s", "Red", "Free", "United",
             "Radical", "Popular"]
ORG_KINDS = ["Party", "Union", "League", "Council", "Federation", "Committee", "Front", "Congress", "Alliance", "Bureau"]
EVENT_KINDS = ["Uprising", "Strike", "Congress", "Mutiny", "Treaty", "Conference", "Rising", "Purge", "Famine", "Trial"]
PLACE_ENDS = ["sk", "grad", "ovo", "burg", "ia", "ovka", "ets"]
FIRST_NAMES = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Fyodor", "Grigori", "Irina", "Josef", "Karl", "Lev", "Maria",
               "Nikolai", "Olga", "Pavel", "Rosa", "Sergei", "Tatiana", "Vera", "Yuri"]


@dataclass
class Entry:
    slug: str
    term: str
    aliases: list[str]
    category: str
    match_case: bool
    summary: str
    background: bool = False
    see_also: list[str] = field(default_factory=list)
    timeline: list[tuple[str, str]] = field(default_factory=list)
    body: str = ""

    @property
    def forms(self) -> list[str]:
        return [self.term, *self.aliases]


def make_entries(count: int, alias_ratio: float, seed: int) -> list[Entry]:
    """`count` entries with `alias_ratio` aliases each on average (exactly, over the whole glossary).

    Entry i depends only on the seed and the entries before it, so the first 1,000 of 10,000
    entries are the default glossary.
    """
    rng = random.Random(seed)
    names = Names(rng)
    prose = Prose(random.Random(seed + 1), names)
    entries: list[Entry] = []
    for i in range(count):
        wanted = int((i + 1) * alias_ratio) - int(i * alias_ratio)
        entries.append(_entry(i, wanted, rng, names, prose, entries))
    return entries


def _entry(i: int, wanted: int, rng: random.Random, names: Names, prose: Prose, before: list[Entry]) -> Entry:
    category = ["person", "person", "organisation", "idea", "place", "event", "person", "organisation", "idea", "event"][i % 10]
    while True:
        root = names.word().capitalize()
        if category == "person":
            first = rng.choice(FIRST_NAMES)
            term = f"{first} {root}ov"
            candidates = [f"{root}ov", f"{first[0]}. {root}ov", f"Comrade {root}ov",
                          f"{first} {rng.choice(FIRST_NAMES)}ovich {root}ov", f"{root}ovite", f"young {root}ov",
                          f"{root}ov-{names.word((1, 2)).capitalize()}"]
        elif category == "organisation":
            word, kind = rng.choice(ORG_WORDS), rng.choice(ORG_KINDS)
            term = f"{root}ian {word} {kind}"
            acronym = "".join(w[0] for w in term.split()).upper()
            candidates = [acronym, f"{word} {kind} of {root}ia", f"{root}ian {kind}", f"{root} {kind}", f"{root}ian {word}s",
                          f"{kind} of {root}ia", f"{root} {word} {kind}"]
        elif category == "idea":
            low = root.lower()
            term = f"{low}ism"
            candidates = [f"{low}ist", f"{low} doctrine", f"{low} theory", f"{low}ian line", f"neo-{low}ism",
                          f"{low}ite deviation", f"{low} method"]
        elif category == "place":
            term = root + rng.choice(PLACE_ENDS)
            candidates = [f"{term} Province", f"{term} region", f"Old {term}", f"{term} district", f"{term} Basin", f"New {term}",
                          f"{term} Valley"]
        else:
            kind = rng.choice(EVENT_KINDS)
            term = f"{root} {kind}"
            candidates = [f"{root} {kind.lower()}", f"{kind} of {root}", f"the {root} affair",
                          f"{rng.randint(1890, 1950)} {root} {kind}", f"{root} events", f"{root} crisis", f"{root} days"]
        if names.claim(term):
            break
    aliases = [a for a in candidates if names.claim(a)][:wanted]
    summary = " ".join(prose.sentence(limit=rng.randint(10, 26))).rstrip(".?!") + "."
    if len(summary.split()) > 28:
        summary = " ".join(summary.split()[:28]).rstrip(",.;:?!") + "."
    entry = Entry(
        slug=f"{term.lower()}".translate(str.maketrans({"’": "", "'": "", ".": ""})).replace(" ", "-") + f"-{i}",
        term=term, aliases=aliases, category=category, match_case=category != "idea", summary=summary,
        background=i % 37 == 36,  # about 3%: reached through see-also or the timeline only
    )
    if before:
        entry.see_also = sorted({rng.choice(before).term for _ in range(rng.randint(0, 3))})
    if rng.random() < 0.4:
        entry.timeline = [(f"{rng.randint(1890, 1950)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                           " ".join(prose.sentence(limit=18)))
                          for _ in range(rng.randint(1, 2))]
    entry.body = " ".join(prose.words(rng.randint(80, 200)))
    return entry


def entry_file(entry: Entry) -> str:
    q = json.dumps  # JSON strings are valid YAML
    lines = ["---", f"term: {q(entry.term, ensure_ascii=False)}",
             f"aliases: [{', '.join(q(a, ensure_ascii=False) for a in entry.aliases)}]",
             f"category: {entry.category}", f"summary: {q(entry.summary, ensure_ascii=False)}",
             f"match_case: {'true' if entry.match_case else 'false'}"]
    if entry.see_also:
        lines.append(f"see_also: [{', '.join(q(t, ensure_ascii=False) for t in entry.see_also)}]")
    lines += ["sources:", f"  - title: {q('Source on ' + entry.term, ensure_ascii=False)}", f"    url: https://example.org/{entry.slug}"]
    if entry.timeline:
        lines.append("timeline:")
        for date, event in entry.timeline:
            lines += [f"  - date: \"{date}\"", f"    event: {q(event, ensure_ascii=False)}"]
    if entry.background:
        lines.append("background: true")
    lines += ["---", "", entry.body, ""]
    return "\n".join(lines)


def place_terms_in_bodies(entries: list[Entry], density: float, seed: int) -> None:
    """Entry bodies mention other entries too, as real ones do."""
    rng = random.Random(seed + 4)
    for entry in entries:
        words = entry.body.split()
        for _ in range(int(len(words) * density / 1000)):
            other = rng.choice(entries)
            if other is not entry:
                words.insert(rng.randrange(len(words)), other.term)
        entry.body = " ".join(words)
