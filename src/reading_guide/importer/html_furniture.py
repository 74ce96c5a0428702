"""Which units of an HTML body are furniture, not the text: decided on html_walk's units, each reported.

Pure (lxml only). Gutenberg's header and licence, transcriber's and transcription notes, a page's
information block, contents lists, the heading over a collection of the text's notes, an index,
what follows "THE END", and the title page before the first heading with prose under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml import etree

from .classify import BYLINE, DATE, LABEL, PRELIMINARY, ROMAN, WORDS
from .html_dom import Unit, Walk, classes, fold, plain
from .matter import GUTENBERG_END, GUTENBERG_START, THE_END, Dropped

BARE = re.compile(rf"^\W*(?:\w+\.?\s+)?(?:\d{{1,3}}|{ROMAN}|(?i:{WORDS}))\W*$")  # "ESSAY I.", "No. 3.", "IV", "Chapter One"
CONTENTS = re.compile(r"^\W*(?:table of )?contents\b|^\W*inhalt(?:sverzeichnis)?\W*$|^\W*list of illustrations\W*$", re.I)
NOTES_HEADING = re.compile(r"^\W*(?:(?:foot|end)?notes?|references)\W*$|^\W*(?:anmerkungen|fußnoten|fussnoten|"
                           r"einzelnachweise)\W*$", re.I)
INDEX = re.compile(r"^\W*(?:general |analytical )?index\W*$|^\W*(?:register|sachregister|namensregister)\W*$", re.I)
TRANSCRIBER = re.compile(r"^\W*(?:transcriber[’']?s?|transcription|transcribed|e-?text prepared|produced by|"
                         r"html (?:version|markup)|markup|proofread|last updated)\b", re.I)
FURNITURE_CLASSES = {"transnote", "tnote", "transcriber", "transcribers-note", "information", "info", "colophon",
                     "pg-boilerplate", "updat", "updated", "lastupdated"}


@dataclass
class Read:
    """The import of one document's units: what is kept, what is dropped."""
    walk: Walk
    keep: list[Unit] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    contents_line: int = 0  # where a table of contents was (the front matter ends there)
    linked: set[int] = field(default_factory=set)  # the lines of the headings a contents list links to
    gone: list[etree._Element] = field(default_factory=list)  # the elements dropped (the fidelity check skips them)

    def drop(self, units: list[Unit], what: str) -> None:
        if units:
            self.dropped.append(Dropped(min(u.line for u in units), max(u.last_line for u in units), what))
            self.gone += [u.element for u in units]


def _ancestor_classes(unit: Unit) -> set[str]:
    found = classes(unit.element)
    for el in unit.element.iterancestors():
        found |= classes(el)
    return found


def drop_furniture(read: Read) -> None:
    units = read.walk.units
    start = next((k for k, u in enumerate(units) if GUTENBERG_START.search(u.plain)), None)
    end = next((k for k, u in enumerate(units) if GUTENBERG_END.search(u.plain) and (start is None or k > start)), None)
    if start is not None:
        read.drop(units[:start + 1], "Project Gutenberg header (to its START line)")
    if end is not None:
        read.drop(units[end:], "Project Gutenberg licence (from its END line)")
    units = units[(start + 1 if start is not None else 0):end]
    index = 0

    def edge(k: int) -> bool:  # a producer's note stands before or after the text, never inside it
        return k < max(20, len(units) // 10) or k > len(units) - max(20, len(units) // 10)

    while index < len(units):
        unit = units[index]
        if unit.kind == "dropped":
            read.drop([unit], unit.text)
        elif unit.kind == "note":
            pass  # the text's own note: rendered with the chapter that calls it
        elif _ancestor_classes(unit) & FURNITURE_CLASSES or (unit.kind != "heading" and TRANSCRIBER.match(unit.plain)
                                                             and len(unit.plain.split()) > 4 and edge(index)):
            read.drop([unit], "transcriber's or transcription note, or the source's information block")
        elif TRANSCRIBER.match(unit.plain):  # a heading or a label ("Transcriber's Note:") over the note
            stop = _next_heading(units, index)
            read.drop(units[index:stop], f"transcriber's note ({unit.plain!r})")
            index = stop
            continue
        elif CONTENTS.match(unit.plain) and (unit.kind == "heading" or len(unit.plain.split()) <= 4):
            stop = index + 1
            while stop < len(units) and (_links_only(units[stop]) or units[stop].kind in ("dropped", "note")
                                         or (units[stop].kind != "heading" and units[stop].links >= 3)
                                         or (len(units[stop].plain.split()) <= 3 and (units[stop].kind != "heading"
                                             or (units[stop].level > unit.level and BARE.match(units[stop].plain))))):
                stop += 1
            read.drop(units[index:stop], f"table of contents ({unit.plain!r})")
            read.contents_line = read.contents_line or unit.line
            _link_targets(read, units[index:stop])
            index = stop
            continue
        elif unit.kind == "heading" and NOTES_HEADING.match(unit.plain) and \
                next((u.kind for u in units[index + 1:] if u.kind != "dropped"), "") == "note":
            read.drop([unit], f"the heading {unit.plain!r} over the text's own notes (they follow their chapters)")
        elif unit.kind == "heading" and INDEX.match(unit.plain) and index > len(units) // 2:
            rest = [u for u in units[index:] if u.kind != "note"]
            read.drop(rest, "index")
            break
        elif unit.kind != "heading" and THE_END.match(unit.plain) and index > len(units) * 2 // 3:
            rest = [u for u in units[index:] if u.kind != "note"]
            read.drop(rest, f"back matter: the closing line ({unit.plain!r})" + (" and what follows it"
                                                                                   if len(rest) > 1 else ""))
            break
        elif _links_only(unit) and (unit.links >= 3 or unit.outside_links):
            read.drop([unit], "contents list" if unit.links >= 3 else "site navigation (links only)")
            if unit.links >= 3:
                _link_targets(read, [unit])
        else:
            read.keep.append(unit)
        index += 1


def _link_targets(read: Read, contents: list[Unit]) -> None:
    """The headings the contents list's links (href="#id") point to: the heading holding the anchor, or the
    heading right after an anchor of its own ("<a name=…></a>" just before it)."""
    units = read.walk.units
    headings = {u.element: u for u in units if u.kind == "heading"}
    for unit in contents:
        for a in unit.element.iter("a"):
            href = a.get("href") or ""
            target = read.walk.ids.get(unquote(href[1:])) if href.startswith("#") and len(href) > 1 else None
            if target is None:
                continue
            heading = next((headings[e] for e in (target, *target.iterancestors()) if e in headings), None)
            if heading is None and not plain(target):
                line = target.sourceline or 0
                after = next((u for u in units if u.line >= line and u.kind != "dropped"), None)
                heading = after if after is not None and after.kind == "heading" and after.line - line <= 3 else None
            if heading is not None:
                read.linked.add(heading.line)


def _next_heading(units: list[Unit], index: int) -> int:
    return next((k for k in range(index + 1, len(units)) if units[k].kind == "heading"), len(units))


def _links_only(unit: Unit) -> bool:
    """A block whose words are all inside links (besides separators such as "|", ">", "·")."""
    if unit.kind == "heading":
        inside = sum(len(plain(a)) for a in unit.element.iter("a") if a.get("href"))
        return inside > 0 and inside >= 0.8 * len(unit.plain.replace(" ", ""))
    if not (unit.links or unit.outside_links):
        return False
    return unit.linked >= 0.8 * len(re.sub(r"[\W\d_]+", "", unit.plain))


def _prose_after(units: list[Unit], index: int) -> int:
    """The words of prose under a heading (a title page's lines are short, and often in capitals)."""
    words = 0
    for unit in units[index + 1:]:
        if unit.kind == "heading" and not (DATE.match(unit.plain) or BYLINE.match(unit.plain)):
            break
        if unit.kind in ("paragraph", "quote", "verse", "list", "table") and not unit.plain.isupper():
            size = len(unit.plain.split())
            words += size if unit.kind != "paragraph" or size <= 25 else 40  # a real paragraph is enough
    return words


def _opens_division(units: list[Unit], k: int) -> bool:
    """A heading after the contents list, above the first one with prose, over more than a preface before the next
    heading of its level: the title of the first division (a volume's first work), not the title page's; a title
    over a preface alone is the whole work's again, said once more before the editor's preface."""
    level = units[k].level
    end = next((j for j in range(k + 1, len(units)) if units[j].kind == "heading" and units[j].level <= level),
               len(units))
    return any(u.kind == "heading" and not PRELIMINARY.match(u.plain) and fold(u.plain) != fold(units[k].plain)
               for u in units[k + 1:end])


def drop_title_page(read: Read) -> None:
    """Headings and short lines before the first heading that opens some prose: the title page."""
    units = read.keep
    first = next((k for k, u in enumerate(units) if u.kind == "heading" and _prose_after(units, k) >= 40 and
                  (u.line > read.contents_line or PRELIMINARY.match(u.plain))), None)
    if first is None or first == 0:
        return
    while first and units[first - 1].kind == "heading" and units[first - 1].level < units[first].level and \
            (label := LABEL.match(units[first - 1].plain)) and not label["rest"]:
        first -= 1  # "CHAPTER I" over its title: the chapter starts at the label
    while first and units[first - 1].kind == "heading" and units[first - 1].level < units[first].level and \
            0 < read.contents_line < units[first - 1].line and _opens_division(units, first - 1):
        first -= 1
    before = units[:first]
    if sum(len(u.plain.split()) for u in before if u.kind != "heading") > 150 and \
            not 0 < read.contents_line < units[first].line:
        return  # text of its own before the first heading: kept, as an "Introduction"
    read.drop(before, "title page")
    read.keep = units[first:]
