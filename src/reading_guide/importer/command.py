"""The import: a text in, a guide's chapter pages and navigation (or a whole new guide) out.

Reading the text is parse.py's work and a new guide is scaffold.py's; this module writes the
pages of an existing guide and edits its mkdocs.yml as text, so that comments stay. The command
line is reading_guide.cli (and `make import`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .describe import describe
from .errors import TextImportError
from .layout import GENERATED, NavItem, nav_items, nav_lines, text_pages, yaml_text
from .outline import write_outline
from .parse import Text, read_text
from .scaffold import home_page, new_guide


@dataclass(frozen=True)
class ImportOptions:
    force: bool = False  # replace the chapter pages that exist
    dry_run: bool = False  # print the structure, write nothing
    split: str = "chapters"  # what becomes a page: "parts", "chapters" or "sections"
    language: str = "en"  # a new guide's language
    outline_json: Path | None = None  # write the outline here (as the corpus scorer reads it)


def replace_nav(config: str, items: list[NavItem], section: str = "The text") -> str:
    """mkdocs.yml with the text's entries in `nav:` replaced; every other line stays as it is.

    The text's entries are the chapter pages and the part sections that hold only chapter pages,
    inside the nav item that holds the first chapter page (or at the top, if chapters stand there).
    """
    lines = config.splitlines(keepends=True)
    start = next((i for i, s in enumerate(lines) if re.match(r"nav:\s*(#.*)?$", s)), None)
    if start is None:
        return config
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip() and not lines[i][0].isspace()
                and not lines[i].startswith("#")), len(lines))
    found = [i for i in range(start + 1, end) if CHAPTER_ENTRY.match(lines[i])]
    top = next((_indent(s) for s in lines[start + 1:end] if s.strip().startswith("-")), "  ")
    if not found:
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        return "".join([*lines[:end], f"{top}- {section}:\n", *nav_lines(items, top + "    "), *lines[end:]])
    first = found[0]
    if _indent(lines[first]) == top:  # chapters at the top of the nav, in no section
        block, indent = (first, found[-1] + 1), top
    else:
        header = next(i for i in range(first - 1, start, -1) if len(_indent(lines[i])) == len(top) and lines[i].strip())
        block_end = next((i for i in range(header + 1, end) if lines[i].strip() and len(_indent(lines[i])) <= len(top)), end)
        block, indent = (header + 1, block_end), _indent(lines[header + 1])
    ours = _import_lines(lines, *block)
    kept = [s for i, s in enumerate(lines[block[0]:block[1]], start=block[0]) if i not in ours]
    return "".join(lines[:block[0]] + nav_lines(items, indent) + kept + lines[block[1]:])


CHAPTER_ENTRY = re.compile(r"^(\s*)-\s+(?:.*:\s+)?['\"]?chapters/[^'\"\s]+\.md['\"]?\s*(#.*)?$")


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _import_lines(lines: list[str], first: int, end: int) -> set[int]:
    """The lines in [first, end) that an import writes: chapter entries, and part headers over them only."""
    ours = {i for i in range(first, end) if CHAPTER_ENTRY.match(lines[i])}
    for i in range(first, end):
        if re.match(r"^\s*-\s+[^:]+:\s*(#.*)?$", lines[i]):
            children = []
            for k in range(i + 1, end):
                if lines[k].strip() and len(_indent(lines[k])) <= len(_indent(lines[i])):
                    break
                if lines[k].strip():
                    children.append(k)
            if children and all(k in ours for k in children):
                ours.add(i)
    return ours


def import_text(source: Path, folder: Path, options: ImportOptions = ImportOptions()) -> list[str]:
    """Write the text's pages (and the navigation, or a whole new guide) into `folder`; the report."""
    text = read_text(source, options.split)
    report = [f"{source}:", *(f"  {line}" for line in describe(text))]
    if options.outline_json is not None:
        report.append(write_outline(text, options.outline_json))
    config_file = folder / "mkdocs.yml"
    if options.dry_run:
        target = "a new guide" if not config_file.exists() else str(config_file.parent)
        return [*report, f"Dry run: nothing written (the import would write into {target})"]
    if not config_file.exists():
        written = new_guide(text, source, folder, options.language)
        return [*report, f"New guide in {folder}: {len(written)} files (mkdocs.yml, docs/, glossary/, hooks/, source/, "
                "tests/, README.md, Makefile, requirements, workflow)",
                f"Next: add glossary entries to {folder / 'glossary'}, then `make build` and `make test` "
                f"in {folder}"]
    return report + _into_existing(text, config_file, options)


def _into_existing(text: Text, config_file: Path, options: ImportOptions) -> list[str]:
    folder, config = config_file.parent, config_file.read_text(encoding="utf-8")
    docs_dir = re.search(r"^docs_dir:\s*['\"]?([^'\"#\s]+)", config, re.M)
    docs = folder / (docs_dir.group(1) if docs_dir else "docs")
    chapters_dir = docs / "chapters"
    existing = sorted(p.name for p in chapters_dir.glob("*.md"))
    if existing and not options.force:
        raise TextImportError(f"{chapters_dir} already holds {len(existing)} chapter file(s) ({', '.join(existing)}); "
                              "add FORCE=1 to `make import` (or --force to `reading-guide import`) to replace them; "
                              "notes written in them are lost")
    pages = text_pages(text)
    chapters_dir.mkdir(parents=True, exist_ok=True)
    for name in existing:
        (chapters_dir / name).unlink()
    for name, content in pages.items():
        (chapters_dir / name).write_text(content, encoding="utf-8")
    lines = [f"{len(pages)} page(s) written to {chapters_dir}"]
    if re.search(r"^nav:", config, re.M):
        config = replace_nav(config, nav_items(text))
        lines.append(f"The text's entries in the nav of {config_file} replaced")
    else:
        lines.append(f"{config_file} has no nav: MkDocs lists the pages by itself")
    config, refreshed = _refresh_generated(config, text, docs)
    config_file.write_text(config, encoding="utf-8")
    removed = sorted(set(existing) - set(pages))
    return lines + refreshed + ([f"Removed: {', '.join(removed)}"] if removed else []) + [
        f"Next: `make build` in {folder}"]


def _refresh_generated(config: str, text: Text, docs: Path) -> tuple[str, list[str]]:
    """What an earlier import made and nobody has edited since (it carries the GENERATED mark): the
    site name and the home page follow the new text; anything edited by hand is left alone."""
    done = []
    name_line = re.compile(rf"^site_name: .*# {re.escape(GENERATED)}$", re.M)
    if name_line.search(config):
        config = name_line.sub(lambda _: f"site_name: {yaml_text(text.title)}  # {GENERATED}", config)
        done.append(f"site_name: {text.title}")
    home = docs / "index.md"
    if home.exists() and GENERATED in home.read_text(encoding="utf-8"):
        from ..core.strings import ENGLISH, strings_for

        language = re.search(r"^\s+language:\s*(\S+)", config, re.M)
        home.write_text(home_page(text, strings_for(language.group(1) if language else "en") or ENGLISH), encoding="utf-8")
        done.append(f"{home} rewritten for the new text")
    return config, done
