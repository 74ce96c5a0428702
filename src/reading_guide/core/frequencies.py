"""How often a word occurs in ordinary prose of a language, and the language's function words.

The frequencies are wordfreq's small lists for English and German, vendored in `data/` (see
data/README.md for the source and the licence). A word missing from a list is rarer than about
one in a million; another language has no list, and every word counts as rare.
"""

from __future__ import annotations

import functools
import gzip
import math
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
FLOOR_BIN = 650  # a word not in a list: rarer than its last bin (600, one in a million)

def word_set(text: str) -> frozenset[str]:
    """A set of words written as one string: the tables below read as prose."""
    return frozenset(text.split())


# Words that never begin or end a phrase and are never a term on their own: articles, pronouns,
# prepositions, conjunctions, auxiliaries and the commonest adverbs. Lowercase.
FUNCTION_WORDS = {
    "en": word_set("""
        a about above after again against all also although am among an and another any anything are as
        at be because been before being below between both but by can cannot could did do does doing done
        down during each either else enough ever every few for from further had has have having he her here
        hers herself him himself his how however i if in into is it its itself just least less let like
        made make many may me might more most much must my myself neither never no nor not nothing now of
        off often on once one only or other others otherwise ought our ours ourselves out over own per
        perhaps quite rather same shall she should since so some something still such than that the their
        theirs them themselves then there therefore these they thing things this those though through thus
        to too towards under unless until up upon us very was we were what whatever when where whether
        which while who whoever whole whom whose why will with within without would yet you your yours
        yourself yourselves hath doth thou thee thy shall whilst amongst wherever already always
        become becomes became came come comes get gets got go goes going gone say said says see seen
        take taken takes
        began begun bore bought brought broke broken built caught chose chosen did drew drove ate fell felt
        fought found gave given grew grown held hid kept knew known laid led left lent lost meant met paid
        put ran rose sent set shook shot shut sought sold spent spoke stood stole struck swore taught told
        took thought threw understood went won wore wrote written overthrown overthrew withdrew withdrawn
        mr mrs ms dr st
    """),
    "de": word_set("""
        aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
        auch auf aus bei beim bin bis bist da dadurch daher damit dann das dass daß dein deine dem den denn
        der deren des dessen dich die dies diese diesem diesen dieser dieses dir doch dort du durch ein eine
        einem einen einer eines einige einigem einigen einiger er es etwas euch euer eure für gegen gewesen
        hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres
        im in indem ins ist jede jedem jeden jeder jedes jedoch jene jenem jenen jener jenes kann kein
        keine keinem keinen keiner können könnte machen man manche manchem manchen mancher mehr mein meine
        mich mir mit muss muß musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem
        seinen seiner seines selbst sich sie sind so solche solchem solchen solcher soll sollte sondern
        sonst über um und uns unser unsere unter viel vom von vor während war waren warst was weil weiter
        welche welchem welchen welcher welches wenn wer werde werden wie wieder will wir wird wirst wo
        wollen wollte würde würden zu zum zur zwar zwischen schon immer ganz ganze ganzen ganzer sei seien
        wurde wurden worden hatte haben zwei drei einmal bald kurz fast überall dazu
    """),
}
# Capitalised words that are a text's furniture, not a name: never a candidate by themselves.
STRUCTURE_WORDS = word_set("""
    chapter chapters section part book volume preface introduction appendix note notes footnote contents
    page kapitel abschnitt teil buch band vorrede einleitung anhang anmerkung inhalt seite
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    januar februar märz juni juli oktober dezember montag dienstag mittwoch donnerstag freitag samstag sonntag
""")


@functools.cache
def bins(language: str) -> dict[str, int]:
    """word (lower case) -> its centibel bin in ordinary prose (frequency 10 ** (-bin / 100))."""
    path = DATA / f"wordfreq-{language}.txt.gz"
    if not path.is_file():
        return {}
    table: dict[str, int] = {}
    for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
        number, _, words = line.partition("\t")
        table.update(dict.fromkeys(words.split(), int(number)))
    return table


def frequency(word: str, language: str) -> float:
    """How often `word` (lower case) occurs in ordinary prose, per word of text."""
    return float(10.0 ** (-bins(language).get(word, FLOOR_BIN) / 100))


def function_words(language: str) -> frozenset[str]:
    return FUNCTION_WORDS.get(language, FUNCTION_WORDS["en"])


def keyness(key: str, count: int, total: int, language: str) -> float:
    """How much more often the phrase `key` occurs in a text of `total` words than in ordinary prose,
    as a power of ten. A phrase is taken to be rarer than its rarest word (a twentieth per word more),
    and a hyphenated word as rare as its parts together."""
    parts = [p for w in key.split() for p in w.split("-") if p]
    ordinary = min(frequency(p, language) for p in parts) * (0.05 ** (len(parts) - 1))
    return math.log10((count / max(total, 1)) / ordinary)
