"""A heading that holds a label and a caption: the label is the heading, the caption the text under it.

Pure (lxml only). A numbered document in an appendix may be printed as its label ("No. 1."), a blank
line, then what the editor says of it: its subject and a reference in smaller print ("Referred to from
p. 17."). The markup sets the label apart (two line breaks) and the caption by its smaller type, so the
label alone is the heading and the caption becomes the first paragraph under it: kept, in order.
A label over its title ("CHAPTER I.<br>THE TITLE", or with a blank line but no smaller print) stays
one heading: a numeral line and its title line are one title.
"""

from __future__ import annotations

import re

from lxml import etree

from .classify import ROMAN, WORDS

BARE_LABEL = re.compile(rf"^\W*(?:\w+\.?\s+)?(?:\d{{1,3}}|{ROMAN}|(?i:{WORDS}))\W*$")  # "No. 3.", "ESSAY I.", "IV"
SMALLER = re.compile(r"font-size\s*:\s*(?:(?P<percent>\d+(?:\.\d+)?)\s*%|(?P<em>0?\.\d+)\s*em|(?:x-|xx-)?small(?:er)?\b)",
                     re.I)


def _smaller(el: etree._Element) -> bool:
    """Set in smaller type than the heading around it: <small>, or a font-size below 100 %."""
    if el.tag == "small":
        return True
    size = SMALLER.search(el.get("style") or "")
    if size is None:
        return False
    return float(size["percent"]) < 100 if size["percent"] else True


def caption_apart(heading: etree._Element) -> etree._Element | None:
    """Move the caption out of `heading` into a <p> after it (returned); None when the heading is not one."""
    children = list(heading)
    breaks = [k for k, c in enumerate(children) if c.tag == "br"]
    if not breaks:
        return None
    first = breaks[0]
    label = (heading.text or "") + "".join(
        "".join(c.itertext()) + (c.tail or "") for c in children[:first] if isinstance(c.tag, str))
    blank = first + 1 < len(children) and children[first + 1].tag == "br" and not (children[first].tail or "").strip()
    if not label.strip() or not BARE_LABEL.match(label) or not blank:
        return None
    rest = children[first + 2:]
    if not any(_smaller(e) for c in rest if isinstance(c.tag, str) for e in c.iter() if isinstance(e.tag, str)):
        return None
    second = children[first + 1]
    caption = heading.makeelement("p", {})
    caption.text = (second.tail or "").lstrip()
    caption.sourceline = second.sourceline
    for child in rest:
        caption.append(child)  # moves it, with its tail
    while len(caption) and caption[0].tag == "br" and not (caption.text or "").strip():
        caption.text = (caption[0].tail or "").lstrip()  # the caption starts at its first words
        caption.remove(caption[0])
    heading.remove(children[first])
    heading.remove(second)
    heading.addnext(caption)
    caption.tail, heading.tail = heading.tail, None
    return caption
