"""Leftovers of web tools in a Markdown text: front matter, pandoc attributes and divs, links to pages not there.

Pure (standard library and PyYAML). A text saved from a static site or converted by pandoc carries
markup for the tool that made it: a YAML (or TOML) front matter block or a pandoc title block
(`% Title`) at the top, attributes such as `{#id .class}` after headings and spans, `:::` div
fences, and relative links to the site's other pages. None of it is the text's: the front matter
gives the title and the author and is dropped; attributes and fences go; a link to another page of
the old site keeps its words and loses its target (the guide has no such page). Each change is
reported. The fidelity check reads the source through `clean_line`, so the words compared are the same.
"""

from __future__ import annotations

import re

import yaml

ATTRIBUTE = r"(?:[#.][\w:-]+|[\w-]+=(?:\"[^\"]*\"|[^\s}]+))"
ATTRIBUTES = re.compile(rf"\s*\{{{ATTRIBUTE}(?:\s+{ATTRIBUTE})*\}}")  # {#id .class key=value}
SPAN = re.compile(rf"\[([^\]]*)\]\{{{ATTRIBUTE}(?:\s+{ATTRIBUTE})*\}}")  # [words]{.smallcaps}
FENCE = re.compile(r"^\s*:{3,}\s*(?:\{[^}]*\}|[\w-]+)?\s*:*\s*$")  # ::: {.note} … :::
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^()\s>]+(?:\([^()\s]*\))?)>?(?:\s+\"[^\"]*\")?\s*\)")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|#)", re.I)  # http:, https:, mailto:, or an anchor on the page


def clean_line(line: str) -> tuple[str, list[str]]:
    """The line without web-tool markup, and what was removed (for the report)."""
    removed: list[str] = []
    if FENCE.match(line):
        return "", ["a pandoc div fence (:::)"]
    if SPAN.search(line):
        line = SPAN.sub(r"\1", line)
        removed.append("pandoc span attributes")
    if ATTRIBUTES.search(line):
        line = ATTRIBUTES.sub("", line)
        removed.append("pandoc attributes ({#id .class})")

    def unlink(match: re.Match[str]) -> str:
        if match.group(1) or EXTERNAL.match(match.group(3)):
            return match.group()  # an image stays: the import copies it into the guide (images.py), or names it
        removed.append(f"a link to {match.group(3)!r}, a page not in the guide (its words kept)")
        return match.group(2)

    line = LINK.sub(unlink, line)
    return line, removed


def front_matter(lines: list[str]) -> tuple[int, dict[str, str]]:
    """How many lines at the top are front matter (YAML `---`, TOML `+++`, or a pandoc `%` title block),
    and the fields it names (title, author, date, language); (0, {}) if there is none."""
    first = lines[0].strip() if lines else ""
    if first in ("---", "+++"):
        end = next((k for k in range(1, min(len(lines), 200)) if lines[k].strip() in (first, "...")), None)
        if end is None:
            return 0, {}
        body = "\n".join(lines[1:end])
        data: object
        if first == "---":
            try:
                data = yaml.safe_load(body)
            except yaml.YAMLError:
                return 0, {}
        else:
            data = dict(re.findall(r'^\s*(\w+)\s*=\s*"?([^"\n]*)"?\s*$', body, re.M))
        if not isinstance(data, dict):
            return 0, {}
        return end + 1, _fields(data)
    if first.startswith("% "):
        block = [s[1:].strip() for s in lines[:3] if s.startswith("%")]
        names = ("title", "author", "date")
        return len(block), {k: v for k, v in zip(names, block, strict=False) if v}
    return 0, {}


def _fields(data: dict[object, object]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for key, raw in data.items():
        name = {"authors": "author", "creator": "author", "lang": "language"}.get(str(key).lower(), str(key).lower())
        if name not in ("title", "author", "date", "language", "description"):
            continue
        value = raw
        if isinstance(raw, list):  # authors: [A, B] or [{name: A}, …]
            value = ", ".join(str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in raw)
        elif isinstance(raw, dict):
            value = raw.get("name", "")
        if value not in (None, ""):
            fields[name] = str(value).strip()
    return fields
