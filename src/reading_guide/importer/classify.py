"""Blocks of a text's lines read as its items: heading candidates (with their style and rank) and paragraphs.

Pure (standard library only). A Markdown heading (`#` or underlined) is one; in plain text a
short line standing alone, a line in capitals or a label ("Chapter 3", "IV.") may be. Hard-wrapped
paragraphs are unwrapped; non-prose blocks (blocks.py) keep their lines. parse.py puts the items
together into a title, parts and chapters.
"""

from __future__ import annotations

import re

from .blocks import block_kind
from .structure import CHAPTER, PART, SECTION, Block, Heading, Item, join_titles

ROMAN = r"(?=[IVXLCDM])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
WORDS = ("(?:twenty[- ]?)?(?:one|two|three|four|five|six|seven|eight|nine)|ten|eleven|twelve|thirteen|fourteen|fifteen|"
         "sixteen|seventeen|eighteen|nineteen|twenty|thirty|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth")
LABEL = re.compile(  # "Chapter 3", "PART TWO:", "SECTION 5.1.", "I.", "IV", "I - Introductory", "3." and what follows them
    rf"^(?:(?P<word>(?i:chapter|part|book|volume|section|lecture|letter))\s+(?:\d+(?:\.\d+)*|(?i:{ROMAN})|(?i:{WORDS}))\b[.:]?"
    rf"|{ROMAN}\.|{ROMAN}$|{ROMAN}(?=\s+[-–—:]\s)|\d{{1,3}}\.|\d{{1,3}}$|\d{{1,3}}(?=\s+[_*]*[A-Z]))(?:\s+(?P<rest>.+))?$")
ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
CLOSERS = "’”'\")]»"
RANKS = {"part": PART, "book": PART, "volume": PART, "chapter": CHAPTER, "lecture": CHAPTER, "letter": CHAPTER,
         "section": SECTION}
PRELIMINARY = re.compile(r"^[\W_]*(?:(?:the\s+)?(?:editor|translator|author|publisher)(?:'s|s'|’s)?\s+)?"
                         r"(?:introduction|introductory|preface|foreword|prologue|epilogue|afterword|conclusion|"
                         r"appendix|postscript|dedication|advertisement)(?:\s+(?:to|of)\s+[^.!?]{1,60})?\b[\W_]*$", re.I)
NOTES = re.compile(r"^[\W_]*(?:foot-?notes|notes|endnotes)[\W_]*$", re.I)  # a collection of notes: text, not a chapter
LETTERED = re.compile(r"^(?:[A-Z]|\([a-z]\))[.)]\s+\S")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"^[\W_]*(?:[A-Z][\w’' .-]*,\s*)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:(?:{MONTHS})\b[\w ,]*)?\d{{4}}[\W_]*$")
# Never a heading: a line that runs on into the next ("My Lords and Gentlemen,--", "is this:--"), a note's
# first line ("[25] Lord Pigot", "[112]"), a line wholly in parentheses ("(Signed)", "(COPY.)")
RUNS_ON = re.compile(r"(?:--|[,:;]\s*[-–—]+)[\W_]*$|[-–—]\s*$")
NOTE_START = re.compile(r"^\[\w{1,4}\](?:\s|$)")
ASIDE = re.compile(r"^\([^()]*\)[.:]?$")
BYLINE = re.compile(r"^[\W_]*(?:(?:translated|edited|illustrated|written|selected|introduced)\s+)?by(?:\s|[\W_]*$)", re.I)


def unmarked(text: str) -> str:
    """A heading without a footnote marker on its label ("CHAPTER XVIII(*) — …", "III.[1]")."""
    return FOOTNOTE_MARK.sub("", text)


FOOTNOTE_MARK = re.compile(r"(?<=\w)(?:\(\*+\)|\[\d{1,3}\]|\*+)(?=[\s.:]|$)")


def text_blocks(text: str, offset: int = 0) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines, each with the number of its first line."""
    blocks: list[tuple[int, list[str]]] = []
    start = 0
    lines: list[str] = []
    for number, line in enumerate([*text.split("\n"), ""], start=offset + 1):
        if line.strip():
            start, lines = (start, [*lines, line.rstrip()]) if lines else (number, [line.rstrip()])
        elif lines:
            blocks.append((start, lines))
            lines = []
    return blocks


def is_setext(lines: list[str]) -> bool:  # a Markdown heading underlined with === or ---
    return len(lines) >= 2 and bool(SETEXT.match(lines[-1])) and not SETEXT.match(lines[0])


def _heading(line: int, text: str, level: int = 0, kind: str = "", lines: tuple[int, ...] = ()) -> Heading:
    """A heading candidate, with its style and, if its label says so, its rank."""
    label = LABEL.match(unmarked(text))
    if label and label["word"]:
        style, rank = label["word"].lower(), RANKS[label["word"].lower()]
    elif label:
        style, rank = ("number" if text[:1].isdigit() else "roman"), None
    elif PRELIMINARY.match(text):
        style, rank = "preliminary", CHAPTER
    elif LETTERED.match(text):
        style, rank = "letter", None
    else:
        style, rank = kind or "markdown", None
    if level:
        style = "markdown"  # Markdown's level, not the label's form, places an unlabelled heading
    return Heading(line, text, style, level, rank, label is not None and not label["rest"], lines)


def classify(line: int, lines: list[str], explicit: bool, *, first: bool, markdown: bool, width: int = 80) -> list[Item]:
    atx = ATX.match(lines[0])
    if atx:
        rest = classify(line + 1, lines[1:], explicit, first=False, markdown=markdown, width=width) if lines[1:] else []
        return [_heading(line, atx.group(2).strip(), len(atx.group(1))), *rest]
    if is_setext(lines):
        return [_heading(line, " ".join(s.strip() for s in lines[:-1]), 1 if lines[-1].strip()[0] == "=" else 2)]
    if not explicit and len(lines) <= 3:
        stripped = [s.strip() for s in lines]
        kinds = [_heading_kind(s, first, alone=k == 0) for k, s in enumerate(stripped)]
        numbers = tuple(range(line, line + len(lines)))
        if len(lines) == 1 and kinds[0]:
            return [_heading(line, stripped[0], kind=kinds[0])]
        label = LABEL.match(stripped[0])
        if label and not label["rest"] and all(kinds[1:]) and kinds[0] == "numbered":
            return [_heading(line, join_titles([stripped[0], " ".join(stripped[1:])]), kind="numbered", lines=numbers)]
        if all(k == "caps" for k in kinds[1:]) and (kinds[0] in ("caps", "numbered")) and len(" ".join(stripped)) <= 200:
            return [_heading(line, " ".join(stripped), kind=kinds[0], lines=numbers)]  # a heading wrapped over lines
    kind = block_kind(lines, markdown, width)
    if kind != "paragraph":
        return [Block(kind, "\n".join(lines), line)]
    if markdown:
        return [Block("paragraph", "\n".join(lines), line)]
    starts = [0] + [i for i, s in enumerate(lines) if i and s[:1].isspace()]  # paragraphs marked by indenting
    if len(starts) == len(lines) and len(lines) > 1:  # every line after the first indented: a hanging indent
        starts = [0]
    return [Block("paragraph", unwrap(lines[a:b]), line + a) for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]


def _heading_kind(text: str, first: bool, alone: bool = True) -> str:
    """How a line standing alone is a heading ("" if it is not one); not `alone`: a heading's second line
    ("BY THE ARMS OF OTHERS …" continues a title, it is no byline)."""
    if (alone and (DATE.match(text) or BYLINE.match(text))) or NOTES.match(text) or RUNS_ON.search(text) \
            or NOTE_START.match(text) or ASIDE.match(text):
        return ""
    label = LABEL.match(unmarked(text))
    rest = (label["rest"] or "") if label else text
    starts_upper = next((c.isupper() or c.isdigit() for c in rest if c.isalnum()), False)
    ending = rest.rstrip(CLOSERS + "_*")[-1:]  # "_Dear Miss Wells:_" ends as a salutation, not a title
    if label and len(text) <= 100 and (not rest or (starts_upper and ending not in ".,;:")):
        return "numbered"
    letters = [c for c in text if c.isalpha() and c.lower() != c.upper()]
    if len(letters) >= 3 and all(c.isupper() for c in letters) and len(text) <= 100:
        return "caps"
    final = ".,;:" if first else ".,;:!?"  # a title may ask a question; a section heading rarely does
    if len(text) <= 60 and len(text.split()) <= 10 and starts_upper and ending not in final:
        return "short"
    return ""


def unwrap(lines: list[str]) -> str:
    """One paragraph from hard-wrapped lines; a line ending in a hyphen joins the next without a space."""
    parts = [lines[0].strip()]
    for raw in lines[1:]:  # joined once at the end: adding to one string would take quadratic time
        line = raw.strip()
        end = parts[-1][-2:]
        hyphen = len(end) == 2 and end[1] == "-" and (end[0].isalnum() or end[0] == "_")
        parts.append(line if hyphen and line[:1].isalnum() else " " + line)
    return "".join(parts)
