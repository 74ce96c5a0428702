"""Inline runs as the model holds them: HTML's white space collapsed and trimmed, an image alone made a block."""

from __future__ import annotations

import re

from .model import Block, Image, Inline, Paragraph, Text

CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # no font has a glyph for these
SPACES = re.compile(r"[ \t\n\r\f]+")  # HTML's white space (not the no-break space), in text, not in markup


def trim(runs: list[Inline]) -> list[Inline]:
    """Runs without the white space HTML ignores at the start and the end of a block.

    Linear in the length of the text: a run of Text cut up by abbr or span elements is joined
    once (joining it run by run made a 1 MB paragraph take hours).
    """
    merged: list[Inline] = []
    group: list[str] = []  # the texts of the Text runs met since the last other run

    def close_group() -> None:
        if group:
            merged.append(Text(SPACES.sub(" ", "".join(group)) if len(group) > 1 else group[0]))
            group.clear()

    for run in runs:
        if isinstance(run, Text):
            if run.text or group:  # an empty Text is dropped, unless it joins others (as it always did)
                group.append(run.text)
            continue
        close_group()
        merged.append(run)
    close_group()
    first, end = 0, len(merged)
    while first < end and _blank(merged[first]):
        first += 1
    while end > first and _blank(merged[end - 1]):
        end -= 1
    runs = merged[first:end]
    if runs and isinstance(runs[0], Text):
        runs[0] = Text(runs[0].text.lstrip(" "))
    if runs and isinstance(runs[-1], Text):
        runs[-1] = Text(runs[-1].text.rstrip(" "))
    return runs


def _blank(run: Inline) -> bool:
    return isinstance(run, Text) and not run.text.strip(" ")


def image_or_paragraph(paragraph: Paragraph) -> Block:
    """A paragraph that holds only an image is that image, as a block of its own."""
    if len(paragraph.children) == 1 and isinstance(paragraph.children[0], Image) and not paragraph.anchor:
        return paragraph.children[0]
    return paragraph
