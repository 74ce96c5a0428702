"""Front matter of a Markdown file (a chapter or a glossary entry): found, read as YAML, checked.

Pure (PyYAML only). One home for what both kinds of file need: the closing line, NUL characters,
duplicate keys (YAML would keep the last in silence) and a YAML error given as a line of the file.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it
TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:[ \t]*(.*)$")


class FrontMatterError(ValueError):
    """A problem in a file's front matter, at `line` of the file (1-based), or None if not known."""

    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: object, first: int, second: int):
        super().__init__(f"duplicate key {key!r}")
        self.key, self.first, self.second = key, first, second


class UniqueKeyLoader(YAML_LOADER):  # type: ignore[misc]
    """YAML's safe loader, but a key written twice in one mapping is an error, not the last one kept."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        self.flatten_mapping(node)
        seen: dict[Any, int] = {}
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.setdefault(key, key_node.start_mark.line)
            except TypeError:  # an unhashable key: the constructor below reports it
                continue
            if first != key_node.start_mark.line:
                raise _DuplicateKey(key, first, key_node.start_mark.line)
        return dict(super().construct_mapping(node, deep=deep))


def nul_line(text: str) -> int | None:
    """The line of the first NUL character, which no text holds (a binary file, a bad copy)."""
    at = text.find("\0")
    return None if at < 0 else text.count("\n", 0, at) + 1


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(yaml, body, line where the body starts), or None when the file has no front matter.

    A file that opens front matter with '---' and never closes it raises FrontMatterError.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "".join(lines[1:number]), "".join(lines[number + 1:]), number + 2
    raise FrontMatterError(1, "the front matter opened by '---' on line 1 is never closed; add a line '---' after "
                              "its last field (before the page's text)")


def load_front_matter(front: str) -> Any:
    """The YAML of a front matter (which starts on line 2 of its file), or FrontMatterError with the line."""
    try:
        return yaml.load(front, Loader=UniqueKeyLoader)
    except _DuplicateKey as err:
        raise FrontMatterError(err.second + 2, f"'{err.key}' is given twice, on lines {err.first + 2} and "
                                               f"{err.second + 2}; YAML would keep only the second: keep one") from err
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        hint = "; indent with spaces, not tabs" if "\t" in front else ""
        reason = getattr(err, "problem", None) or str(err).splitlines()[0]
        context = getattr(err, "context_mark", None)
        if context is not None and context.line + 2 != line:
            reason += f" (while reading what starts on line {context.line + 2}: {getattr(err, 'context', None)})"
        raise FrontMatterError(line, f"front matter is not valid YAML: {reason}{hint}") from err


def raw_values(front: str) -> dict[str, tuple[str, int]]:
    """Each top-level key's value as written, and its file line (block YAML keys start at column 0)."""
    values: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(front.splitlines(), start=2):
        if match := TOP_LEVEL_KEY.match(line):
            values.setdefault(match.group(1), (match.group(2).split(" #")[0].strip(), number))
    return values
