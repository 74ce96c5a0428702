"""What a book carries around its work that is not the work: here, the publisher's advertisements.

Pure (standard library only). Old editions end with pages of the publisher's other books, their
prices and postage. Such pages sit in the last few pages of the text and name prices in several
places; the work itself rarely does so densely there. They are dropped and reported.
"""

from __future__ import annotations

import re

from .matter import Matter
from .structure import Heading, Item

PRICE = re.compile(r"\$\s?\d|\b\d+\s*cents\b|\bpostage\b|\bby mail\b|\bper (?:copy|volume)\b|\bnet\.?\s*$", re.I)
TAIL = 0.15  # the share of the text's words, at its end, where advertisements are looked for
PRICES = 3  # blocks naming a price there
SHORT = 40  # words: the lines of an advertisement page (a title, a price) are short
SEPARATOR = re.compile(r"^[\s*.·_-]+$")  # a row of stars or dots between the work and what follows


def drop_advertisements(items: list[Item], matter: Matter) -> list[Item]:
    """The items without the advertisements at the end (from the heading over the first price on)."""
    sizes = [len(i.text.split()) for i in items]
    total, seen, start = sum(sizes), 0, len(items)
    for k in range(len(items) - 1, -1, -1):
        seen += sizes[k]
        if seen > TAIL * total:
            break
        start = k
    priced = [k for k in range(start, len(items)) if PRICE.search(items[k].text)]
    if len(priced) < PRICES:
        return items
    first = priced[0]  # back over the short lines of the same pages, to a rule ("* * *") or the work's prose
    while first > 0 and not SEPARATOR.match(items[first - 1].text) and \
            (isinstance(items[first - 1], Heading) or len(items[first - 1].text.split()) <= SHORT):
        first -= 1
    head = next((k for k in range(first, len(items)) if isinstance(items[k], Heading)), None)
    if head is None or head > priced[0] or not any(isinstance(i, Heading) for i in items[:head]):
        return items
    matter.drop(items[head].line - 1, matter.end - 1, f"advertisements ({len(priced)} prices named)")
    return items[:head]
