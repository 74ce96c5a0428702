"""Inline runs as the model holds them: HTML's white space collapsed and trimmed, an image alone made a block."""

from __future__ import annotations

import re

from .model import Block, Image, Inline, Paragraph, Text

CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # no font has a glyph for these
SPACES = re.compile(r"[ \t\n\r\f]+")  # HTML's white space (not the no-break space), in text, not in markup


def trim(runs: list[Inline]) -> list[Inline]:
    """Runs without the white space HTML ignores at the start and the end of a block."""
    merged: list[Inline] = []
    for run in runs:  # one Text for a run of text that abbr or span elements had cut up
        if isinstance(run, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(SPACES.sub(" ", merged[-1].text + run.text))
        elif not (isinstance(run, Text) and not run.text):
            merged.append(run)
    runs = merged
    while runs and isinstance(runs[0], Text) and not runs[0].text.strip(" "):
        runs.pop(0)
    while runs and isinstance(runs[-1], Text) and not runs[-1].text.strip(" "):
        runs.pop()
    if runs and isinstance(runs[0], Text):
        runs[0] = Text(runs[0].text.lstrip(" "))
    if runs and isinstance(runs[-1], Text):
        runs[-1] = Text(runs[-1].text.rstrip(" "))
    return runs


def image_or_paragraph(paragraph: Paragraph) -> Block:
    """A paragraph that holds only an image is that image, as a block of its own."""
    if len(paragraph.children) == 1 and isinstance(paragraph.children[0], Image) and not paragraph.anchor:
        return paragraph.children[0]
    return paragraph
