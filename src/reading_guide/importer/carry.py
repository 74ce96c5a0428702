"""A forced re-import keeps the teacher's work: notes, "Before you read" boxes, summaries and questions.

Pure (standard library only). The old chapter pages are read as the import writes them (front
matter, `# title`, what stands before the article block, the article, what follows it). A note
reference moves with its paragraph: to the new page that holds the same paragraph (its words
compared without the references), at the same place in it; the note's definition follows it. A
box, a summary and the questions move to the new page that holds the old page's first paragraph.
What finds no place is listed for one file that the import writes and names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

REF = re.compile(r"\[\^([^\]\s]+)\]")
DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:")
OPENING = re.compile(r'^<div class="[^"]*" markdown>$', re.M)


@dataclass
class Page:
    head: str  # front matter and the title line
    before: str  # between the title and the article: a "Before you read" box
    paragraphs: list[str]
    after: str  # after the article: summary, questions (definitions taken out)
    definitions: dict[str, str]  # label -> its whole definition (with continuation lines)


@dataclass
class Carried:
    pages: dict[str, str]
    notes: int = 0
    boxes: int = 0
    sections: int = 0  # summaries, questions and other text after the article
    unplaced: list[str] = field(default_factory=list)  # Markdown for the file of what found no place

    def report(self) -> list[str]:
        return [f"Carried over to the new chapters: {self.notes} note(s), {self.boxes} \"Before you read\" box(es), "
                f"{self.sections} summary and question part(s)"]


def read_page(text: str) -> Page | None:
    """The parts of a chapter page; None for a page the import did not make (no article block)."""
    opening = OPENING.search(text)
    closing = text.rfind("\n</div>\n")
    title = re.search(r"^# .*$", text, re.M)
    if not opening or closing < opening.end() or not title or title.end() > opening.start():
        return None
    definitions: dict[str, str] = {}
    rest: list[str] = []
    label = None
    for line in text[closing + len("\n</div>\n"):].split("\n"):
        found = DEFINITION.match(line)
        if found:
            label = found.group(1)
            definitions[label] = line
        elif label and (line.startswith("    ") or not line.strip()):
            definitions[label] += "\n" + line
        else:
            label = None
            rest.append(line)
    definitions = {k: v.rstrip() for k, v in definitions.items()}
    article = text[opening.end():closing].strip("\n")
    return Page(text[:title.end()], text[title.end():opening.start()].strip("\n"),
                [p for p in article.split("\n\n") if p.strip()], "\n".join(rest).strip("\n"), definitions)


def key(paragraph: str) -> str:
    return " ".join(REF.sub("", paragraph).split())


def carry_over(old: dict[str, str], new: dict[str, str]) -> Carried:
    """The new pages with the old pages' notes, boxes, summaries and questions moved into them."""
    pages = {name: read_page(text) for name, text in new.items()}
    where = {key(p): (name, k) for name, page in pages.items() if page for k, p in enumerate(page.paragraphs)}
    result = Carried(dict(new))
    for old_name, text in sorted(old.items()):
        page = read_page(text)
        if page is None:
            continue
        for paragraph in page.paragraphs:
            labels = REF.findall(paragraph)
            if not labels:
                continue
            target = where.get(key(paragraph))
            new_page = pages.get(target[0]) if target else None
            if target is None or new_page is None:
                result.unplaced.append(f"From {old_name}, a paragraph no longer in the text:\n\n{paragraph}\n\n" +
                                       "\n".join(page.definitions.pop(label, f"[^{label}]: (no definition)")
                                                 for label in labels))
                continue
            new_page.paragraphs[target[1]] = _with_refs(paragraph, new_page.paragraphs[target[1]])
            for label in labels:
                if label in page.definitions:
                    new_page.definitions[label] = page.definitions.pop(label)
                    result.notes += 1
        home = next((where[key(p)][0] for p in page.paragraphs if key(p) in where), None)
        box_and_after = [part for part in (page.before, page.after) if part.strip()]
        leftover = list(page.definitions.values())  # notes whose reference is gone from every paragraph
        if home is None or pages.get(home) is None:
            if box_and_after or leftover:
                result.unplaced.append(f"From {old_name} (its text is in no new chapter):\n\n" +
                                       "\n\n".join(box_and_after + leftover))
            continue
        target_page = pages[home]
        assert target_page is not None
        if page.before.strip():
            target_page.before = "\n\n".join(p for p in (target_page.before, page.before) if p.strip())
            result.boxes += 1
        if page.after.strip():
            target_page.after = "\n\n".join(p for p in (target_page.after, page.after) if p.strip())
            result.sections += 1
        if leftover:
            result.unplaced.append(f"From {old_name}, notes without a reference in the text:\n\n" + "\n\n".join(leftover))
    for name, parsed in pages.items():
        if parsed is not None and new[name] != _render(parsed, new[name]):
            result.pages[name] = _render(parsed, new[name])
    return result


def _with_refs(old: str, new: str) -> str:
    """`new` with the references of `old` at the same places (counted in non-space characters)."""
    inserts: list[tuple[int, str]] = []
    plain, position = 0, 0
    for match in REF.finditer(old):
        plain += len(re.sub(r"\s", "", old[position:match.start()]))
        inserts.append((plain, match.group()))
        position = match.end()
    out: list[str] = []
    count, k = 0, 0
    while k < len(inserts) and inserts[k][0] == 0:
        out.append(inserts[k][1])
        k += 1
    for char in new:
        out.append(char)
        if not char.isspace():
            count += 1
            while k < len(inserts) and inserts[k][0] == count:
                out.append(inserts[k][1])
                k += 1
    out += [ref for _, ref in inserts[k:]]
    return "".join(out)


def _render(page: Page, original: str) -> str:
    opening = OPENING.search(original)
    assert opening is not None
    parts = [page.head, ""]
    if page.before.strip():
        parts += [page.before, ""]
    parts += [opening.group(), "", "\n\n".join(page.paragraphs), "", "</div>", ""]
    if page.after.strip():
        parts += [page.after, ""]
    if page.definitions:
        parts += ["\n\n".join(page.definitions.values()), ""]
    return "\n".join(parts)
