"""Term candidates for a glossary: the names and concepts a text's reader will need, best first.

Pure: paragraphs in (chapter_text), candidates out. Two kinds, one ranking:

- names: capitalised words and runs of them ("Red Army", "Treaty of Brest-Litovsk") that are not
  merely sentence starts, with a category guessed from cues around them (a head word such as
  "Party" or "Revolution", a title before them, a place preposition);
- concepts: words and two- or three-word phrases far more frequent in this text than in ordinary
  prose of its language (frequencies.py).

Variants are grouped as aliases: plurals and possessives, a name and its acronym or short form
when the text gives both ("Communist International (Comintern)"), a full name and the surname
used alone. The ranking is the text's own counts against the ordinary frequency, nothing else:
no list of a book's terms.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .chapter_text import Paragraph
from .frequencies import keyness, word_set
from .phrases import Occurrence, Phrase, fold, least_count, least_keyness, noun_suffix
from .variants import read_phrases

PERSON_TITLES = word_set("""mr mrs ms miss dr sir lord lady king queen tsar czar emperor empress pope saint st
    president general colonel captain prince princess duke count comrade professor bishop father
    herr frau fräulein könig königin kaiser kaiserin graf gräfin fürst papst sankt""")
PERSON_VERBS = word_set("""said says wrote writes argued argues thought believed died born replied told asked
    declared insisted claimed sagte schrieb starb meinte""")
PLACE_WORDS = word_set("in at from to into across throughout near nach aus bei gegen")
ORGANISATION_HEADS = word_set("""party parties army armies church company committee council union league society
    association government parliament assembly opposition front movement bank university court police
    international internationale guard navy ministry bureau office school academy club
    partei kirche gesellschaft bund verein regierung armee""")
EVENT_HEADS = word_set("""revolution war wars rising uprising treaty congress conference trials trial purge
    massacre battle rebellion strike crisis reformation restoration terror commune famine
    revolte krieg schlacht aufstand vertrag""")
NAME_PARTICLES = word_set("von van de du da di del")
IDEA_ENDINGS = ("ism", "isms", "ismus", "ity", "heit", "keit", "ung", "schaft")
DEMONYM_ENDINGS = ("an", "ian", "ish", "ese", "ch", "sch", "isch", "ische", "ischen")


@dataclass
class Candidate:
    term: str
    aliases: list[str]
    category: str  # a guess, from CATEGORIES of the glossary
    kind: str  # "name" or "concept"
    count: int
    paragraphs: list[str]  # "3.2", in text order
    context: str  # one sentence where it occurs
    score: float = field(default=0.0, repr=False)

    def as_json(self) -> dict[str, object]:
        return {"term": self.term, "aliases": self.aliases, "category": self.category, "kind": self.kind,
                "count": self.count, "paragraphs": self.paragraphs, "context": self.context}

    @property
    def spellings(self) -> list[str]:
        return [self.term, *self.aliases]


def find_candidates(paragraphs: list[Paragraph], language: str = "en", known: Iterable[str] = (),
                    authors: Iterable[str] = (), limit: int | None = None) -> list[Candidate]:
    """The candidates of the text, best first.

    `known`: spellings that already have an entry (left out). `authors`: the text's author(s) (a
    name made only of an author's names is left out).
    """
    phrases, words = read_phrases(paragraphs, language)
    total = max(words, 1)
    known_keys = {fold(k) for k in known}
    author_words = {w for a in authors for w in fold(a).split()}
    result = []
    for phrase in phrases:
        candidate = _candidate(phrase, total, language)
        if candidate is None:
            continue
        keys = {fold(s) for s in candidate.spellings}
        if keys & known_keys or (candidate.kind == "name" and set(fold(candidate.term).split()) <= author_words):
            continue
        result.append(candidate)
    result.sort(key=lambda c: (-c.score, -c.count, c.term.casefold()))
    return result[:limit] if limit is not None else result


def _candidate(phrase: Phrase, total: int, language: str) -> Candidate | None:
    occurrences = phrase.occurrences
    count = len(occurrences)
    words = phrase.key.split()
    key = keyness(phrase.key, count, total, language)
    if phrase.kind == "name":
        if count == 1 and key < 1:
            return None
        score = count ** 0.5 * max(key, 1.0) * (3.0 if len(words) == 1 else 3.9)
    else:
        # a short essay names a concept once; a book that names it once does not make it a term
        if count < least_count(total, len(words)) or key < least_keyness(count):
            return None
        score = count ** 0.5 * key ** 1.5 * (1.2 if len(words) > 1 else 1.0) * _nounness(phrase, language)
    spread = len({o.paragraph.ref for o in occurrences})
    score *= 1 + 0.3 * math.log2(spread)
    term = _display(phrase)
    # each spelling once, whatever its case ("Virtue", "VIRTUES" are "virtue", "virtues"), the commonest
    forms = Counter(o.surface for o in occurrences) + Counter(phrase.aliases)
    spelled = {term.casefold(): term}
    for form, _ in forms.most_common():
        spelled.setdefault(form.casefold(), form)
    aliases = sorted((a for a in spelled.values() if a != term), key=lambda a: (fold(a) != fold(term), a.casefold()))
    category = _category(phrase, term, language)
    if phrase.kind == "name" and category == "idea" and _is_demonym(phrase):
        score *= 0.5  # "Russian workers": an adjective of a name, rarely an entry of its own
    return Candidate(term, aliases, category, phrase.kind, count, list(dict.fromkeys(o.paragraph.ref for o in occurrences)),
                     _context(occurrences), score)


def _display(phrase: Phrase) -> str:
    """The spelling the text uses most, singular and not possessive where the text has it so."""
    forms = Counter(o.surface for o in phrase.occurrences if not o.at_start) or Counter(o.surface for o in phrase.occurrences)
    plain_forms = Counter({f: n for f, n in forms.items() if fold(f) == phrase.key and not re.search(r"['’]s?$", f)})
    best = (plain_forms or forms).most_common()
    return max(best, key=lambda item: (item[1], -len(item[0])))[0] if phrase.expansion is None else phrase.expansion


def _category(phrase: Phrase, term: str, language: str) -> str:
    if phrase.kind == "concept" and not (language == "de" and " " not in term and term[:1].isupper()):
        return "idea"
    words = fold(term).split()
    occurrences = phrase.occurrences
    if any(w in EVENT_HEADS for w in words) or any(o.year_after for o in occurrences):
        return "event"
    if len(words) > 2 and words[-2] in NAME_PARTICLES and words[-1] not in ORGANISATION_HEADS:
        return "person"  # "Wilhelm von Humboldt"
    if (words[-1] in ORGANISATION_HEADS and len(words) > 1) or (term.isupper() and len(term) > 1):
        return "organisation"
    if words[-1].endswith(IDEA_ENDINGS) or (language == "de" and noun_suffix(words[-1])):
        return "idea"
    if words[-1].endswith(("ist", "ists", "isten", "iks", "ik")):
        return "organisation"
    places = sum(o.before in PLACE_WORDS for o in occurrences)
    if phrase.kind == "concept":  # a German noun: a name only with a name's company
        people = sum(o.before in PERSON_TITLES or o.after in PERSON_VERBS for o in occurrences)
        return "person" if people else "place" if places * 2 > len(occurrences) else "idea"
    if _is_demonym(phrase):
        return "idea"
    if sum(o.before in ("the", "der", "die", "das", "den", "dem", "des") for o in occurrences) * 2 > len(occurrences):
        return "organisation" if not places else "place"  # "the Soviets", "the Bolsheviks": not a person
    people = sum(o.before in PERSON_TITLES or o.after in PERSON_VERBS or o.possessive for o in occurrences)
    if people > places or (len(words) in (2, 3) and phrase.short_form):
        return "person"
    if places * 3 >= len(occurrences):
        return "place"
    return "person" if len(words) > 1 else "place" if words[-1].endswith(("ia", "land", "stan")) else "person"


VERB_CUES = word_set("""to they we he she it who i you was were had has have be been would could will shall
    did not never also zu wir sie er es""")
NOUN_CUES = word_set("""the a an this that these those their his her its our my your of every each no
    in for with by from on against into under
    der die das den dem des ein eine einen einem einer dieser diese dieses""")


def _nounness(phrase: Phrase, language: str) -> float:
    """Glossary concepts are nouns: a word used mostly after a pronoun or an auxiliary, or an
    English word in -ed or -ing without an article before it, is most likely a verb."""
    occurrences = phrase.occurrences
    verbs = sum(o.before in VERB_CUES for o in occurrences)
    nouns = sum(o.before in NOUN_CUES for o in occurrences)
    last = phrase.key.split()[-1]
    if language == "en" and last.endswith(("ed", "ing")) and nouns == 0:
        return 0.4
    if language == "en" and last.endswith("ly") and len(last) > 5:
        return 0.3  # an adverb: "merely", "wholly"
    if language == "en" and last.endswith(("able", "ible", "ous", "ful", "less")) and len(phrase.key.split()) == 1:
        return 0.5  # an adjective: "inevitable", "monstrous"
    return 0.5 if verbs > nouns or (nouns == 0 and len(phrase.key.split()) == 1) else 1.0


def _is_demonym(phrase: Phrase) -> bool:
    """Mostly an adjective before a lower-case noun ("Russian workers", "französische Radikale")."""
    occurrences = phrase.occurrences
    if len(phrase.key.split()) > 1 or not phrase.key.endswith(DEMONYM_ENDINGS):
        return False
    return sum(o.before_noun for o in occurrences) * 2 > len(occurrences)


def _context(occurrences: list[Occurrence]) -> str:
    """One sentence that shows the term at work, the shortest of its first few, cut to about 40 words."""
    sentences = [o.sentence for o in occurrences[:6] if not o.at_start] or [occurrences[0].sentence]
    sentence = min(sentences, key=lambda s: abs(len(s.split()) - 20))
    words = sentence.split()
    return sentence if len(words) <= 40 else " ".join(words[:40]) + " …"
