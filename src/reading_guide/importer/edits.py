"""The outline as the teacher corrects it: source/outline.yml, written by the import and read back.

Pure (PyYAML and the standard library). The import writes every heading it took (line, level,
title), every line that looked like a heading and was read as text (with why), and every block it
kept out of the chapters (with why). The teacher changes a level, deletes a heading (its line
becomes text) or adds one by its line; the next import applies the file exactly: the headings are
those lines at those levels, and no others.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .errors import TextImportError
from .structure import PART, SECTION, Block, Heading, Item, Part, RawChapter

LEVELS = ("part", "chapter", "section")
FILE = "outline.yml"


@dataclass(frozen=True)
class OutlineEdit:
    path: str  # for messages
    headings: dict[int, str]  # source line -> level


def outline_yaml(headings: list[tuple[int, str, str]], rejected: list[tuple[int, str, str]],
                 dropped: list[tuple[int, int, str]], source: str, digest: str = "") -> str:
    """The file's text: headings (line, level, title), rejected lines (line, text, why), dropped blocks."""
    def q(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)
    lines = [
        f"# The outline the import read from {source}. Correct it here, then import again:",
        f"#   make import TEXT=source/{source} INTO=. FORCE=1 OUTLINE=source/{FILE}",
        "# headings: every heading taken, by its line in the source. Change a level (part, chapter, section);",
        "#   delete an entry and its line is text; add an entry {line: N, level: chapter} for a heading missed",
        "#   (copy it from `rejected`). The title is shown for reading: the words come from the source line.",
        "# rejected: lines that looked like headings and were read as text, and why.",
        "# dropped: lines kept out of the chapters, and why (for reading; edits here change nothing).",
        f"source: {q(source)}",
        f"sha256: {q(digest)}  # of the text this outline is for: a re-import of another version does not apply it",
        "headings:" + ("" if headings else " []"),
        *(f"  - {{line: {n}, level: {level}, title: {q(title)}}}" for n, level, title in headings),
        "rejected:" + ("" if rejected else " []"),
        *(f"  - {{line: {n}, text: {q(text)}, why: {q(why)}}}" for n, text, why in rejected),
        "dropped:" + ("" if dropped else " []"),
        *(f"  - {{lines: {q(f'{a}-{b}')}, why: {q(why)}}}" for a, b, why in dropped),
    ]
    return "\n".join(lines) + "\n"


def read_outline(path: Path) -> OutlineEdit:
    """The headings of an outline file; a TextImportError naming the file and the entry for what is wrong."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise TextImportError(f"{path}: cannot read the outline ({err.strerror})") from err
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise TextImportError(f"{path}{where}: not valid YAML ({getattr(err, 'problem', err)}); "
                              "correct it or import without OUTLINE= to write it again") from err
    entries = data.get("headings") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise TextImportError(f"{path}: no `headings:` list; each entry is {{line: N, level: chapter}}")
    headings: dict[int, str] = {}
    for number, entry in enumerate(entries, start=1):
        line = entry.get("line") if isinstance(entry, dict) else None
        level = str(entry.get("level", "chapter")).strip().lower() if isinstance(entry, dict) else ""
        if not isinstance(line, int) or isinstance(line, bool) or line < 1 or level not in LEVELS:
            raise TextImportError(f"{path}: heading {number} ({entry!r}) needs a line number and a level, one of "
                                  f"{', '.join(LEVELS)}: e.g. {{line: 120, level: chapter}}")
        if line in headings:
            raise TextImportError(f"{path}: line {line} is listed twice under headings; keep one")
        headings[line] = level
    return OutlineEdit(str(path), headings)


def split_blocks(blocks: list[tuple[int, list[str]]], edit: OutlineEdit) -> list[tuple[int, list[str]]]:
    """The blocks, cut so that every heading line of the outline starts a block of its own."""
    out = []
    for start, lines in blocks:
        cuts = sorted(n - start for n in edit.headings if start < n < start + len(lines))
        pieces, at = [], 0
        for cut in cuts:
            pieces += [(start + at, lines[at:cut]), (start + cut, [lines[cut]])]
            at = cut + 1
        pieces.append((start + at, lines[at:]))
        out += [(n, piece) for n, piece in pieces if piece]
    return out


def apply_edit(items: list[Item], edit: OutlineEdit, dropped: list[tuple[int, int, str]]) -> list[Item]:
    """The items with exactly the outline's headings, at its levels; other heading candidates become text."""
    found: set[int] = set()
    out: list[Item] = []
    for item in items:
        if isinstance(item, Heading) and item.line in edit.headings:
            found.add(item.line)
            out.append(replace(item, rank=_rank(edit.headings[item.line]), level=0, style="outline"))
        elif isinstance(item, Heading):
            out.append(Block("paragraph", item.text, item.line))
        elif item.line in edit.headings and item.kind == "paragraph":
            found.add(item.line)
            out.append(Heading(item.line, item.text, "outline", 0, _rank(edit.headings[item.line])))
        else:
            out.append(item)
    for line in sorted(set(edit.headings) - found):
        where = next((f"in lines {a}–{b}, which the import keeps out of the chapters ({why})"
                      for a, b, why in dropped if a <= line <= b), "not the first line of a paragraph or heading")
        raise TextImportError(f"{edit.path}: the heading at line {line} is {where}; give the line of the heading's "
                              "first word, or delete the entry")
    return out


def _rank(level: str) -> str:
    return {"part": PART, "section": SECTION}.get(level, "chapter")


def outline_for(path: Path) -> tuple[str, str]:
    """The source file name and the text's digest an outline file was written for ("" where it names none)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return "", ""
    if not isinstance(data, dict):
        return "", ""
    return str(data.get("source") or ""), str(data.get("sha256") or "")


def outline_entries(parts: list[Part], chapters: list[RawChapter]) -> tuple[tuple[int, str, str], ...]:
    """Every heading of the text with its source line, in order: (line, level, title)."""
    entries = [(p.line, "part", p.title) for p in parts if p.line]
    for c in chapters:
        if c.line:
            entries.append((c.line, "chapter", c.title))
        entries += [(b.line, "section", b.text) for b in c.blocks if b.kind == "heading"]
    return tuple(sorted(entries))

def changes(ruled: tuple[tuple[int, str, str], ...], edited: tuple[tuple[int, str, str], ...], path: str) -> tuple[str, ...]:
    """What the outline file changed from the rules' reading, line by line (for the report)."""
    before, after = {n: lv for n, lv, _ in ruled}, {n: (lv, t) for n, lv, t in edited}
    lines = [f"line {n}: {before[n]} -> {after[n][0]} ({after[n][1]!r})" for n in sorted(after)
             if n in before and before[n] != after[n][0]]
    lines += [f"line {n}: {after[n][0]} added ({after[n][1]!r})" for n in sorted(set(after) - set(before))]
    lines += [f"line {n}: no longer a heading (its {before[n]} is text)" for n in sorted(set(before) - set(after))]
    return (f"{path} applied: {len(after)} heading(s)" + (f", {len(lines)} change(s) from the rules:" if lines else
                                                          ", as the rules read them"),
            *(f"  {line}" for line in lines))
