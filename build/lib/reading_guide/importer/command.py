"""The import: a text in, a guide's chapters and navigation (or a whole new guide) out.

Reading the text is parse.py's work and a new guide is scaffold.py's; this module writes the
chapters of an existing guide and edits its mkdocs.yml. The command line is reading_guide.cli.
"""

from __future__ import annotations

import re
from pathlib import Path

from .parse import TextImportError, read_text, render_chapter
from .scaffold import new_guide


def replace_nav(config: str, entries: list[str]) -> str:
    """mkdocs.yml with its chapter entries in `nav:` replaced (edited as text: comments stay)."""
    lines = config.splitlines(keepends=True)
    start = next((i for i, s in enumerate(lines) if re.match(r"nav:\s*(#.*)?$", s)), None)
    if start is None:
        return config
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip() and not lines[i][0].isspace()
                and not lines[i].startswith("#")), len(lines))
    chapter = re.compile(r"^(\s*)-\s+(?:.*:\s+)?['\"]?chapters/[^'\"\s]+\.md['\"]?\s*(#.*)?$")
    found = [i for i in range(start + 1, end) if chapter.match(lines[i])]
    if found:
        indent = chapter.match(lines[found[0]]).group(1)
        new = [f"{indent}- chapters/{e}\n" for e in entries]
        kept = [s for i, s in enumerate(lines[found[0]:end], start=found[0]) if i not in found]
        return "".join(lines[:found[0]] + new + kept + lines[end:])
    item = next((re.match(r"(\s*)-", s).group(1) for s in lines[start + 1:end] if re.match(r"\s*-", s)), "  ")
    new = [f"{item}- The text:\n"] + [f"{item}    - chapters/{e}\n" for e in entries]
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return "".join(lines[:end] + new + lines[end:])


def import_text(source: Path, folder: Path, force: bool = False, language: str = "en") -> list[str]:
    """Write the chapters (and the navigation, or a whole new guide) into `folder`; the report's lines."""
    text = read_text(source)
    config_file = folder / "mkdocs.yml"
    report = [f"{source}: {'title' if text.title_found else 'no title line, so from the file name'}: {text.title}",
              f"{len(text.chapters)} chapter(s):"]
    report += [f"  {c.number}. {c.title} ({len(c.paragraphs)} paragraph(s)) -> {c.file_name}" for c in text.chapters]
    if not config_file.exists():
        written = new_guide(text, source, folder, language)
        return report + [f"New guide in {folder}: {len(written)} files (mkdocs.yml, docs/, glossary/, hooks/, source/, "
                         "tests/, README.md, Makefile, requirements, workflow)",
                         f"Next: add glossary entries to {folder / 'glossary'}, then run `make build` and `make test` "
                         f"in {folder}"]
    config = config_file.read_text(encoding="utf-8")
    docs_dir = re.search(r"^docs_dir:\s*['\"]?([^'\"#\s]+)", config, re.M)
    chapters_dir = folder / (docs_dir.group(1) if docs_dir else "docs") / "chapters"
    existing = sorted(p.name for p in chapters_dir.glob("*.md"))
    if existing and not force:
        raise TextImportError(f"{chapters_dir} already holds {len(existing)} chapter file(s) ({', '.join(existing)}); "
                              "add FORCE=1 to `make import` (or --force to `reading-guide import`) to replace them; "
                              "notes written in them are lost")
    chapters_dir.mkdir(parents=True, exist_ok=True)
    for name in existing:
        (chapters_dir / name).unlink()
    for chapter in text.chapters:
        (chapters_dir / chapter.file_name).write_text(render_chapter(chapter, text.markdown), encoding="utf-8")
    if re.search(r"^nav:", config, re.M):
        config_file.write_text(replace_nav(config, [c.file_name for c in text.chapters]), encoding="utf-8")
        report.append(f"The chapters in the nav of {config_file} replaced")
    else:
        report.append(f"{config_file} has no nav: MkDocs lists the pages by itself")
    removed = sorted(set(existing) - {c.file_name for c in text.chapters})
    return report + ([f"Removed: {', '.join(removed)}"] if removed else []) + [
        f"Next: run `make build` in {folder}"]
