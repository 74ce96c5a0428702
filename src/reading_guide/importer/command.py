"""The import: a text in, a guide's chapter pages and navigation (or a whole new guide) out.

Reading the text is parse.py's work and a new guide is scaffold.py's; this module writes the
pages of an existing guide and edits its mkdocs.yml as text, so that comments stay. The command
line is reading_guide.cli (and `make import`).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..core.strings import ENGLISH, Strings, strings_for
from . import candidates
from .carry import carry_over
from .describe import describe
from .edits import FILE, outline_for, outline_yaml, read_outline
from .errors import TextImportError
from .images import copy_images
from .language import detect_language, stated_language
from .layout import GENERATED, NavItem, nav_items, nav_lines, text_pages, yaml_text
from .outline import write_outline
from .parse import Text, is_markup, read_text
from .scaffold import about_page, home_page, new_guide, write_images


@dataclass(frozen=True)
class ImportOptions:
    force: bool = False  # replace the chapter pages that exist
    dry_run: bool = False  # print the structure, write nothing
    split: str = "chapters"  # what becomes a page: "parts", "chapters" or "sections"
    language: str | None = None  # a new guide's language; None: detected from the text
    outline_json: Path | None = None  # write the outline here (as the corpus scorer reads it)
    candidates: bool = True  # list the text's term candidates (glossary-candidates.md) after the import
    outline: Path | None = None  # the teacher's outline.yml: its headings, exactly


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
    for i in reversed(range(first, end)):  # inner groups first: an outer group holds only inner ones
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


PACKAGE = Path(__file__).resolve().parent.parent  # the generator itself, its template included


def check_target(folder: Path) -> None:
    """A TextImportError where a guide cannot go: a file, the generator's own folder, or inside the
    pages or the glossary of another guide (whose next build would read the new guide as its own)."""
    if folder.exists() and not folder.is_dir():
        raise TextImportError(f"{folder} is a file, not a folder; name a folder for the guide (it is made if missing)")
    where = folder.resolve()
    if where == PACKAGE or PACKAGE in where.parents:
        raise TextImportError(f"{folder} is inside the generator ({PACKAGE}), whose template it would overwrite; "
                              "choose a folder of its own for the guide, e.g. ../my-guide")
    if (folder / "mkdocs.yml").exists():
        return
    for guide in where.parents:
        config = guide / "mkdocs.yml"
        if not config.is_file():
            continue
        text = config.read_text(encoding="utf-8", errors="replace")
        docs = re.search(r"^docs_dir:\s*['\"]?([^'\"#\s]+)", text, re.M)
        glossary = re.search(r"^\s+glossary:\s*['\"]?([^'\"#\s{}]+)", text, re.M)
        folders = (("pages", docs.group(1) if docs else "docs"), ("glossary", glossary.group(1) if glossary else "glossary"))
        for name, inner in folders:
            inside = (guide / inner).resolve()
            if where == inside or inside in where.parents:
                raise TextImportError(
                    f"{folder} is inside the {name} of the guide in {guide} ({inner}/): its next build would read "
                    f"the new guide's files as its own and fail; choose a folder outside it, e.g. {guide.parent / 'my-guide'}")
        return


def import_text(source: Path, folder: Path, options: ImportOptions = ImportOptions()) -> list[str]:
    """Write the text's pages (and the navigation, or a whole new guide) into `folder`; the report."""
    check_target(folder)
    config_file = folder / "mkdocs.yml"
    outline, found, stale = options.outline, "", []
    kept = folder / "source" / FILE
    if outline is not None and is_markup(source):
        raise TextImportError(f"{outline}: an outline file corrects the headings of a plain text or Markdown file; "
                              f"{source.name} is an HTML or EPUB edition, whose parts and chapters come from its "
                              "markup: import it without OUTLINE=, or import a plain-text edition to correct its outline")
    if outline is None and not is_markup(source) and config_file.exists() and kept.exists():
        name, digest = outline_for(kept)
        if name == source.name and digest == _digest(source):
            outline, found = kept, " (kept from the last import: delete it to read the text by the rules again)"
        elif name == source.name:
            stale = [f"Outline: {kept} is for another version of {source.name}: not applied (its lines would not "
                     f"match); it is written again for this text. Apply a corrected one with OUTLINE=…"]
    edit = read_outline(outline) if outline is not None else None
    text = read_text(source, options.split, edit)
    report = [f"{source}:", *(f"  {line}" for line in describe(text))]
    if text.edited:
        report += [f"Outline: {text.edited[0]}{found}", *text.edited[1:]]
    report += stale
    if options.outline_json is not None:
        report.append(write_outline(text, options.outline_json))
    stated = stated_language(text.metadata.language or text.language)
    language = options.language or stated or detect_language("\n".join(p for c in text.chapters for p in c.paragraphs))
    if options.language is None:
        how = f"as the text states it ({text.metadata.language or text.language})" if stated else "detected from the text"
        report.append(f"Language: {language} ({how}; give LANGUAGE= / --language to choose)")
    if options.dry_run:
        target = "a new guide" if not config_file.exists() else str(config_file.parent)
        return [*report, f"Dry run: nothing written (the import would write into {target})"]
    if not config_file.exists():
        kept_files: list[str] = []
        said: list[str] = []
        written = new_guide(text, source, folder, language, kept_files, said)
        outline_lines = _write_outline_file(text, source, folder)
        report += copy_images(text_pages(text), source.parent, folder / "docs" / "chapters")
        report.append(f"New guide in {folder}: {len(written) + len(outline_lines)} files (mkdocs.yml, docs/, glossary/, "
                      "hooks/, source/, tests/, README.md, Makefile, requirements, workflow)")
        report += said
        if kept_files:
            report.append(f"Kept, not overwritten ({len(kept_files)} file(s) the folder held): {', '.join(kept_files)}; "
                          "the new guide's own versions of them were not written")
        return [*report, *outline_lines, *(candidates.run(folder) if options.candidates else []),
                f"Next: add glossary entries to {folder / 'glossary'}, then `make build` and `make test` "
                f"in {folder}"]
    return report + _into_existing(text, source, config_file, options) + (
        candidates.run(folder) if options.candidates else [])


def _digest(source: Path) -> str:
    try:
        return hashlib.sha256(source.read_bytes()).hexdigest()
    except OSError:
        return ""


def _write_outline_file(text: Text, source: Path, folder: Path) -> list[str]:
    """source/outline.yml, for a plain text or Markdown file (an edition's outline is its markup); the report's line."""
    if is_markup(source):
        return []
    (folder / "source").mkdir(parents=True, exist_ok=True)
    (folder / "source" / FILE).write_text(
        outline_yaml(list(text.headings), list(text.rejected), [(d.first_line, d.last_line, d.what) for d in text.dropped],
                     source.name, _digest(source)), encoding="utf-8")
    return [f"The outline read is in {folder / 'source' / FILE}: correct it there and import again to apply it"]


def _into_existing(text: Text, source: Path, config_file: Path, options: ImportOptions) -> list[str]:
    folder, config = config_file.parent, config_file.read_text(encoding="utf-8")
    docs_dir = re.search(r"^docs_dir:\s*['\"]?([^'\"#\s]+)", config, re.M)
    docs = folder / (docs_dir.group(1) if docs_dir else "docs")
    chapters_dir = docs / "chapters"
    existing = sorted(p.name for p in chapters_dir.glob("*.md"))
    if existing and not options.force:
        raise TextImportError(f"{chapters_dir} already holds {len(existing)} chapter file(s) ({', '.join(existing)}); "
                              "add FORCE=1 to `make import` (or --force to `reading-guide import`) to replace them; "
                              "notes, boxes, summaries and questions move to the new chapters (the old ones are "
                              "backed up first)")
    lines = []
    old = {name: (chapters_dir / name).read_text(encoding="utf-8") for name in existing}
    pages = text_pages(text)
    if old:
        backup = folder / "source" / "backup" / datetime.now(UTC).strftime("%Y-%m-%dT%H%M%S") / "chapters"
        backup.mkdir(parents=True, exist_ok=True)
        for name, content in old.items():
            (backup / name).write_text(content, encoding="utf-8")
        carried = carry_over(old, pages)
        pages = carried.pages
        lines += [f"Backup of the {len(old)} old chapter page(s): {backup}", *carried.report()]
        if carried.unplaced:
            unplaced = folder / "source" / "unplaced.md"
            unplaced.write_text("# Found no place in the new chapters\n\nFrom the import of "
                                f"{source.name}; put each where it belongs, or delete it.\n\n"
                                + "\n\n---\n\n".join(carried.unplaced) + "\n", encoding="utf-8")
            lines.append(f"{len(carried.unplaced)} item(s) found no place: written to {unplaced}")
    chapters_dir.mkdir(parents=True, exist_ok=True)
    for name in existing:
        (chapters_dir / name).unlink()
    for name, content in pages.items():
        (chapters_dir / name).write_text(content, encoding="utf-8")
    lines.insert(0, f"{len(pages)} page(s) written to {chapters_dir}")
    lines[1:1] = copy_images(pages, source.parent, chapters_dir)
    lines[1:1] = write_images(text, docs)
    if re.search(r"^nav:", config, re.M):
        config = replace_nav(config, nav_items(text, _strings_of(config).chapters_range))
        lines.append(f"The text's entries in the nav of {config_file} replaced")
    else:
        lines.append(f"{config_file} has no nav: MkDocs lists the pages by itself")
    config, refreshed = _refresh_generated(config, text, docs)
    config, copied = _refresh_source(config, text, source, folder, docs)
    config_file.write_text(config, encoding="utf-8")
    outline_lines = _write_outline_file(text, source, folder)
    removed = sorted(set(existing) - set(pages))
    return lines + refreshed + copied + outline_lines + (
        [f"Removed: {', '.join(removed)}"] if removed else []) + [f"Next: `make build` in {folder}"]


def _refresh_source(config: str, text: Text, source: Path, folder: Path, docs: Path) -> tuple[str, list[str]]:
    """The guide's copy of the text, its `source:` setting, the About page, description and author follow the
    new text (so that the fidelity test checks the chapters against it)."""
    done = []
    copy = folder / "source" / source.name
    if source.resolve() != copy.resolve():
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, copy)
        done.append(f"The text copied to {copy}")
    setting = re.compile(r"^(\s+source:\s*)(\S+)(.*)$", re.M)
    found = setting.search(config)
    if found and found.group(2).strip("'\"") != f"source/{source.name}":
        config = setting.sub(lambda m: f"{m.group(1)}{json.dumps(f'source/{source.name}')}{m.group(3)}", config, count=1)
        done.append(f"extra.guide.source: source/{source.name}")
    from ..core.strings import ENGLISH, strings_for

    language = re.search(r"^\s+language:\s*(\S+)", config, re.M)
    strings = strings_for(language.group(1) if language else "en") or ENGLISH
    about = docs / "about.md"
    if not about.exists() or GENERATED in about.read_text(encoding="utf-8"):
        about.write_text(about_page(text, source, strings), encoding="utf-8")
        done.append(f"{about} rewritten for the new text")
    description = re.compile(rf"^site_description: .*# {re.escape(GENERATED)}$", re.M)
    if description.search(config):
        value = json.dumps(f"{strings.a_reading_guide}: {text.title}", ensure_ascii=False)
        config = description.sub(lambda _: f"site_description: {value}  # {GENERATED}", config)
        done.append(f"site_description: {text.title}")
    author = re.compile(rf"^site_author: .*# {re.escape(GENERATED)}$", re.M)
    if author.search(config) and text.metadata.author:
        value = json.dumps(text.metadata.author, ensure_ascii=False)
        config = author.sub(lambda _: f"site_author: {value}  # {GENERATED}", config)
        done.append(f"site_author: {text.metadata.author}")
    return config, done


def _strings_of(config: str) -> Strings:
    """The generator's words in the language of a guide's mkdocs.yml (theme.language)."""
    language = re.search(r"^\s+language:\s*(\S+)", config, re.M)
    return strings_for(language.group(1) if language else "en") or ENGLISH


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
        home.write_text(home_page(text, _strings_of(config)), encoding="utf-8")
        done.append(f"{home} rewritten for the new text")
    return config, done
