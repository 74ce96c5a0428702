"""Reading a plain-text or Markdown article as the chapters of a reading guide.

Pure (standard library only, no MkDocs): bytes → blocks → title, headings and paragraphs →
chapter pages in the guide's format. Plain text is escaped so that it renders as written; a
Markdown file (.md) is kept as Markdown. The command that writes them is import_command.py.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROMAN = r"(?=[IVXLCDM])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|first|second|third|fourth|fifth|sixth"
LABEL = re.compile(  # "Chapter 3", "PART TWO:", "I.", "IV", "3." and what follows them
    rf"^(?:(?i:chapter|part|book|section|lecture|letter)\s+(?:\d+|(?i:{ROMAN})|(?i:{WORDS}))\b[.:]?"
    rf"|{ROMAN}\.|{ROMAN}$|\d{{1,3}}\.)(?:\s+(?P<rest>.+))?$")
ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
CLOSERS = "’”'\")]»"


class TextImportError(ValueError):
    """Something in the text or the target folder that the import cannot use; the message says what to do."""


@dataclass(frozen=True)
class Chapter:
    number: int
    title: str
    paragraphs: tuple[str, ...]

    @property
    def file_name(self) -> str:
        return f"{self.number}-{slugify(self.title)}.md"


@dataclass(frozen=True)
class Text:
    title: str
    title_found: bool  # False: the title was made from the file name
    chapters: tuple[Chapter, ...]
    markdown: bool  # the source is Markdown: paragraphs are kept as written, not escaped


@dataclass(frozen=True)
class _Item:
    line: int
    text: str
    heading: str = ""  # "" (a paragraph), "markdown", "numbered", "caps" or "short"
    level: int = 0  # Markdown heading level


def decode(data: bytes, name: str) -> str:
    """The file's text; a TextImportError for what is not a usable text file."""
    if not data.strip():
        raise TextImportError(f"{name}: the file is empty; there is nothing to import")
    if b"\0" in data:
        line = data[:data.index(b"\0")].count(b"\n") + 1
        raise TextImportError(f"{name}, line {line}: a NUL byte; this is a binary file (PDF, Word, image?), "
                              "not plain text. Save the text as plain text (UTF-8) and import that")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise TextImportError(f"{name}, line {line}: not UTF-8 (byte 0x{data[err.start]:02X}); "
                              "save the file as UTF-8 (\"Unicode\" in most editors) and import again") from err
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path) -> Text:
    """The text of a .txt or .md file, parsed; a TextImportError for what cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise TextImportError(f"{path}: cannot read the file ({err.strerror})") from err
    stem = re.sub(r"[-_]+", " ", path.stem).strip() or "Untitled"
    return parse_text(decode(data, str(path)), str(path), stem[:1].upper() + stem[1:], path.suffix in (".md", ".markdown"))


def parse_text(text: str, name: str, fallback_title: str = "Untitled", markdown: bool = False) -> Text:
    """Title, chapters and paragraphs of a decoded text."""
    blocks = _blocks(text)
    explicit = any(ATX.match(lines[0]) or _setext(lines) for _, lines in blocks)  # Markdown headings: only they count
    items = [item for number, (line, lines) in enumerate(blocks)
             for item in _classify(line, lines, explicit, first=number == 0, markdown=markdown)]
    title, title_found = fallback_title, False
    first = items[0] if items else None
    if first and first.heading and first.heading != "numbered":
        top = min(i.level for i in items if i.heading)
        if not explicit or (first.level == top and sum(i.level == top for i in items if i.heading) == 1):
            title, title_found = first.text, True
            items = items[1:]
    sections: list[tuple[str, list[str]]] = []
    pending: list[_Item] = []  # headings with no paragraph after them yet
    for item in items:
        if item.heading:
            pending.append(item)
            continue
        if pending or not sections:
            sections.append((_join_titles([p.text for p in pending]) if pending else "Introduction", []))
            pending = []
        sections[-1][1].append(item.text)
    if not sections:
        where = f" (line {blocks[0][0]}: {blocks[0][1][0].strip()!r})" if blocks else ""
        raise TextImportError(f"{name}: no paragraphs found, only headings{where}; "
                              "paragraphs are separated by blank lines")
    sections[-1][1].extend(p.text for p in pending)  # a closing line (a signature, a date) is text, not a heading
    chapters = tuple(Chapter(n, t, tuple(ps)) for n, (t, ps) in enumerate(sections, start=1))
    return Text(title, title_found, chapters, markdown)


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines, each with the number of its first line."""
    blocks: list[tuple[int, list[str]]] = []
    start, lines = 0, []
    for number, line in enumerate(text.split("\n") + [""], start=1):
        if line.strip():
            start, lines = (start, lines + [line.rstrip()]) if lines else (number, [line.rstrip()])
        elif lines:
            blocks.append((start, lines))
            lines = []
    return blocks


def _setext(lines: list[str]) -> bool:  # a Markdown heading underlined with === or ---
    return len(lines) >= 2 and bool(SETEXT.match(lines[-1])) and not SETEXT.match(lines[0])


def _classify(line: int, lines: list[str], explicit: bool, first: bool, markdown: bool) -> list[_Item]:
    atx = ATX.match(lines[0])
    if atx:
        rest = _classify(line + 1, lines[1:], explicit, False, markdown) if lines[1:] else []
        return [_Item(line, atx.group(2).strip(), "markdown", len(atx.group(1)))] + rest
    if _setext(lines):
        return [_Item(line, " ".join(s.strip() for s in lines[:-1]), "markdown", 1 if lines[-1].strip()[0] == "=" else 2)]
    if not explicit and len(lines) <= 2:
        kinds = [_heading_kind(s.strip(), first) for s in lines]
        if len(lines) == 1 and kinds[0]:
            return [_Item(line, lines[0].strip(), kinds[0])]
        if kinds[0] == "numbered" and not LABEL.match(lines[0].strip())["rest"] and kinds[1]:
            return [_Item(line, _join_titles([s.strip() for s in lines]), "numbered")]  # "CHAPTER I." + its title
    if markdown:
        return [_Item(line, "\n".join(lines))]
    starts = [0] + [i for i, s in enumerate(lines) if i and s[:1].isspace()]  # paragraphs marked by indenting
    if len(starts) == len(lines) and len(lines) > 1:  # every line after the first indented: a hanging indent
        starts = [0]
    return [_Item(line + a, _unwrap(lines[a:b])) for a, b in zip(starts, starts[1:] + [len(lines)])]


def _heading_kind(text: str, first: bool) -> str:
    """How a line standing alone is a heading ("" if it is not one)."""
    label = LABEL.match(text)
    rest = (label["rest"] or "") if label else text
    starts_upper = next((c.isupper() or c.isdigit() for c in rest if c.isalnum()), False)
    ending = rest.rstrip(CLOSERS)[-1:]
    if label and len(text) <= 100 and (not rest or (starts_upper and ending not in ".,;:")):
        return "numbered"
    letters = [c for c in text if c.isalpha() and c.lower() != c.upper()]
    if len(letters) >= 3 and all(c.isupper() for c in letters) and len(text) <= 100:
        return "caps"
    final = ".,;:" if first else ".,;:!?"  # a title may ask a question; a section heading rarely does
    if len(text) <= 60 and len(text.split()) <= 10 and starts_upper and ending not in final:
        return "short"
    return ""


def _unwrap(lines: list[str]) -> str:
    """One paragraph from hard-wrapped lines; a line ending in a hyphen joins the next without a space."""
    text = lines[0].strip()
    for line in lines[1:]:
        line = line.strip()
        text += line if re.search(r"\w-$", text) and line[:1].isalnum() else " " + line
    return text


def _join_titles(parts: list[str]) -> str:
    title = parts[0]
    for part in parts[1:]:
        title += (" " if title[-1:] in ".:–—-" else ": ") + part
    return title


def slugify(title: str) -> str:
    """File-name part of a chapter: its title without a number label or a subtitle after a dash."""
    label = LABEL.match(title)
    main = re.split(r"\s[–—:]\s|:\s", (label["rest"] or title) if label else title)[0]
    plain = unicodedata.normalize("NFKD", main).encode("ascii", "ignore").decode().lower().replace("'", "")
    slug = ""
    for word in re.findall(r"[a-z0-9]+", plain):
        if len(slug) + len(word) > 40 and slug:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or "chapter"


def escape_markdown(text: str, heading: bool = False) -> str:
    """Plain text as Markdown that renders to the same words (no markup, lists, quotes or HTML)."""
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text).replace("<", "&lt;")
    text = re.sub(r"([\\`*_{}\[\]])", r"\\\1", text)
    text = text.replace("#", "\\#") if heading else re.sub(r"^#", r"\\#", text)  # in a heading, closing #s too
    text = re.sub(r"^([>+\-!])", r"\\\1", text)  # a quote, list, rule or admonition
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)  # an ordered list


def as_markdown(text: str, markdown: bool, heading: bool = False) -> str:
    return text if markdown else escape_markdown(text, heading)


def render_chapter(chapter: Chapter, markdown: bool = False, article_class: str = "article") -> str:
    """A chapter page: front matter, the title, the paragraphs inside the article block."""
    body = "\n\n".join(as_markdown(p, markdown) for p in chapter.paragraphs)
    return (f"---\nchapter: {chapter.number}\n---\n\n# {as_markdown(chapter.title, markdown, heading=True)}\n\n"
            f'<div class="{article_class}" markdown>\n\n{body}\n\n</div>\n')
