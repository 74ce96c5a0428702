"""The text's phrases with their variants grouped: plurals, acronyms and their expansions, a name
with and without given names or titles, "ex-" words; and a concept found mostly inside a longer
phrase left to that phrase.

Pure; phrases.py reads the text, candidates.py ranks what comes out of here.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .chapter_text import Paragraph
from .frequencies import keyness, word_set
from .phrases import CONNECTORS, Phrase, Reader, fold, least_count, least_keyness

PERSON_CUES = word_set("""mr mrs ms dr sir lord lady herr frau said wrote argued believed died sagte schrieb
    starb he she er sie his her sein seine""")
GERMAN_PLURALS = ("en", "n", "e", "er", "es", "s")


def read_phrases(paragraphs: list[Paragraph], language: str) -> tuple[list[Phrase], int]:
    """Every phrase of the text with its occurrences, variants merged; and the text's word count."""
    reader = Reader(paragraphs, language)
    reader.run()
    phrases = reader.phrases
    _merge_plurals(phrases, language)
    for key, phrase in list(phrases.items()):  # occurrences are made only for what may be a candidate
        count = len(phrase.positions)
        if phrase.kind == "concept" and (count < least_count(reader.words, len(phrase.key.split())) or
                                         keyness(phrase.key, count, reader.words, language) < least_keyness(count)):
            del phrases[key]
        else:
            phrase.occurrences = [reader.occurrence(p) for p in phrase.positions]
    _merge_expansions(phrases, reader.pairs)
    _merge_prefixed(phrases)
    _merge_longer_names(phrases)
    _merge_short_names(phrases, reader.lower)
    return _drop_contained(phrases), reader.words


def _merge(phrases: dict[tuple[str, str], Phrase], into: Phrase, other: Phrase) -> None:
    into.occurrences += other.occurrences
    into.positions += other.positions
    into.aliases |= other.aliases
    phrases.pop((other.kind, other.key), None)


def _merge_plurals(phrases: dict[tuple[str, str], Phrase], language: str) -> None:
    """English plurals are folded in the keys already; a concept's plural (and German plurals) join here."""
    for (kind, key), phrase in sorted(phrases.items(), key=lambda item: -len(item[0][1])):
        endings = GERMAN_PLURALS if language == "de" else ("ies", "es", "s")
        for ending in endings:
            base = key[: -len(ending)] + ("y" if ending == "ies" else "")
            if key.endswith(ending) and len(base) > 3 and (kind, base) in phrases and (kind, key) in phrases:
                _merge(phrases, phrases[(kind, base)], phrase)
                break


ALL_CONNECTORS = CONNECTORS["en"] | CONNECTORS["de"]


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in ALL_CONNECTORS)


def _prefixes(short: str, words: list[str]) -> bool:
    """Whether `short` is prefixes of `words`, each of two letters or more, in order (Comintern)."""
    if not words:
        return not short
    head, rest = words[0], words[1:]
    return any(short.startswith(head[:n]) and _prefixes(short[n:], rest) for n in range(len(head), 1, -1))


def _merge_expansions(phrases: dict[tuple[str, str], Phrase], pairs: list[tuple[str, str]]) -> None:
    """An acronym or short form joins its expansion: written next to it in brackets, or the initials
    ("USSR") or the syllables ("Comintern") of a name the text also uses."""
    names = {key: p for (kind, key), p in phrases.items() if kind == "name"}
    long_names = [p for p in names.values() if len(p.key.split()) > 1]
    joined: dict[str, str] = {}
    for left, right in pairs:
        if left in names and right in names and left != right:
            joined.setdefault(right if len(right.split()) <= len(left.split()) else left,
                              left if len(right.split()) <= len(left.split()) else right)
    for short in names.values():
        if len(short.key.split()) != 1 or short.key in joined:
            continue
        surface = short.occurrences[0].surface
        for full in long_names:
            words = [w for w in full.key.split() if w not in ALL_CONNECTORS]
            if (surface.isupper() and len(surface) > 1 and _initials(words) == short.key) or (
                    len(short.key) >= 5 and len(words) > 1 and _prefixes(short.key, words)):
                joined[short.key] = full.key
                break
    for short_key, full_key in joined.items():
        if ("name", short_key) in phrases and ("name", full_key) in phrases:
            target = phrases[("name", full_key)]
            display = Counter(o.surface for o in target.occurrences).most_common(1)[0][0]
            _merge(phrases, target, phrases[("name", short_key)])
            target.expansion = display


PREFIXES = ("ex-",)  # "anti-", "counter-", "non-" make another concept: "counter-revolution" is no revolution


def _merge_prefixed(phrases: dict[tuple[str, str], Phrase]) -> None:
    """A word with "ex-" ("ex-Tsarist") is a variant of the word without it when that word is a name
    or a concept of its own: it joins it as an alias."""
    for (kind, key), phrase in list(phrases.items()):
        if kind != "concept" or " " in key or not key.startswith(PREFIXES):
            continue
        base = key.split("-", 1)[1]
        target = phrases.get(("name", fold(base))) or phrases.get(("concept", base))
        if target is not None and target is not phrase:
            _merge(phrases, target, phrase)
            target.aliases |= {o.surface for o in phrase.occurrences}


def _merge_longer_names(phrases: dict[tuple[str, str], Phrase]) -> None:
    """A name and the same name with words before it ("Wilhelm von Humboldt", "Baron Wilhelm von
    Humboldt") are one candidate, under the spelling the text uses most."""
    names = sorted((p for (kind, _), p in phrases.items() if kind == "name" and " " in p.key), key=lambda p: -len(p.key))
    for short in names:
        longer = [p for p in names if p.key.endswith(" " + short.key) and ("name", p.key) in phrases]
        if len(longer) != 1 or ("name", short.key) not in phrases:
            continue  # none, or several names end with it: not one person's
        big, small = sorted((longer[0], short), key=lambda p: -len(p.positions))
        _merge(phrases, big, small)


def _merge_short_names(phrases: dict[tuple[str, str], Phrase], lower: set[str]) -> None:
    """A person's full name and the surname used alone ("Leon Trotsky", "Trotsky") are one
    candidate, under the spelling the text uses more: when the surname is used as a person's (a
    possessive, a title, "said"), the words before it are never ordinary words of the text ("New
    England" is not "England") and no other name ends with it ("Labour Party", "Communist Party")."""
    ends: defaultdict[str, list[Phrase]] = defaultdict(list)
    for (kind, key), phrase in phrases.items():
        words = key.split()
        if kind == "name" and 1 < len(words) <= 3 and not set(words) & ALL_CONNECTORS:
            ends[words[-1]].append(phrase)
    for last, fulls in ends.items():
        short = phrases.get(("name", last))
        if short is None or len(fulls) != 1:
            continue
        full = fulls[0]
        leading = full.key.split()[:-1]
        if any(("name", w) in phrases or w in lower for w in leading) or not any(
                o.possessive or o.before in PERSON_CUES or o.after in PERSON_CUES for o in short.occurrences):
            continue  # "Soviet Union": its first word is a name of its own
        big, small = (full, short) if len(full.positions) >= len(short.positions) else (short, full)
        _merge(phrases, big, small)  # under the spelling the text uses most: "Rousseau", not "Vide Rousseau"
        big.short_form = True


def _drop_contained(phrases: dict[tuple[str, str], Phrase]) -> list[Phrase]:
    """A concept found mostly inside one longer phrase that is a candidate is that phrase's."""
    inside: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    longer = [p for (kind, _), p in phrases.items() if kind == "concept" and " " in p.key and len(p.occurrences) >= 2]
    starts: defaultdict[tuple[int, int, int], list[tuple[Phrase, int]]] = defaultdict(list)
    for phrase in phrases.values():
        if phrase.kind == "concept":
            for index, sentence, first, last in phrase.positions:
                starts[(index, sentence, first)].append((phrase, last))
    for outer in longer:
        for index, sentence, first, last in outer.positions:
            for n in range(first, last + 1):
                for inner, inner_last in starts[(index, sentence, n)]:
                    if inner is not outer and inner_last <= last and len(inner.key) < len(outer.key):
                        inside[("concept", inner.key)][outer.key] += 1
    kept = []
    for (kind, key), phrase in phrases.items():
        share = inside.get((kind, key))
        if share and share.most_common(1)[0][1] >= 0.75 * len(phrase.occurrences):
            continue
        if phrase.occurrences:  # merged variants back in text order
            pairs = sorted(zip(phrase.positions, phrase.occurrences, strict=True), key=lambda pair: pair[0])
            phrase.positions, phrase.occurrences = [p for p, _ in pairs], [o for _, o in pairs]
        kept.append(phrase)
    return kept
