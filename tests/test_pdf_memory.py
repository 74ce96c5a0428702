"""The PDF template keeps out what costs Typst memory per occurrence (issue 24).

Measured on synthetic books (README, "Reading offline and printing"): a closure show rule on links
(`#show link: it => it`, a no-op) cost 7 % of the PDF's peak memory, because Typst runs and keeps
the closure once per link, and a book has tens of thousands of links (terms, back-links, notes).
A `set` show rule is resolved with the styles and costs nothing per occurrence.
"""

from __future__ import annotations

import re

from reading_guide.book.pdf import TEMPLATE

SHOW = re.compile(r"(?<![\w-])show\s+")


def show_rules(source: str) -> list[tuple[str, str]]:
    """(selector, body) of every show rule of the template, comments left out; the selector ends at
    the first colon outside brackets (`heading.where(outlined: true)` has one inside)."""
    rules = []
    for line in source.splitlines():
        code = line.split("//", 1)[0]
        found = SHOW.search(code)
        if not found:
            continue
        rest, depth = code[found.end():], 0
        for i, char in enumerate(rest):
            depth += (char in "([{") - (char in ")]}")
            if char == ":" and depth == 0:
                rules.append((rest[:i].strip(), rest[i + 1:].strip()))
                break
    return rules


def test_the_template_has_show_rules_to_check():
    rules = show_rules(TEMPLATE.read_text(encoding="utf-8"))
    assert any(selector.startswith("heading") for selector, _ in rules), rules


def test_every_show_rule_of_the_template_is_a_set_rule():
    for selector, body in show_rules(TEMPLATE.read_text(encoding="utf-8")):
        assert body.startswith("set "), (
            f"book.typ: `show {selector}: {body}` runs once per element; in a long book that is per link, "
            "per note or per paragraph, and Typst keeps every run (issue 24): use a set rule or shape the "
            "content where the template makes it")


def test_the_check_sees_a_closure_show_rule():
    assert show_rules("#show link: it => it  // a no-op\n") == [("link", "it => it")]
    assert show_rules("#show heading: set text(font: sans)\n")[0][1].startswith("set ")
