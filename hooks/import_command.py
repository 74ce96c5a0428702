"""The import command: an article in, a guide's chapters and navigation (or a new guide) out.

    python hooks/import_command.py TEXT [--into FOLDER] [--force]      (make import TEXT=...)

Reading the text is text_import.py's work; this module writes files and edits mkdocs.yml.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
from pathlib import Path

from text_import import Text, TextImportError, as_markdown, read_text, render_chapter

REPO = Path(__file__).resolve().parent.parent


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


def new_project(text: Text, folder: Path, source: Path) -> dict[str, str]:
    """mkdocs.yml and docs/index.md of a new guide, using this repository's hooks (and its look)."""
    inside = folder.resolve().is_relative_to(REPO)
    hooks = [os.path.relpath(REPO / h, folder.resolve()) if inside else (REPO / h).as_posix() for h in _repo_hooks()]
    first = text.chapters[0]
    config = (MKDOCS_YML.replace("{source}", source.name).replace("{site_name}", json.dumps(text.title, ensure_ascii=False))
              .replace("{where}", "relative path: keep this folder inside the generator's repository" if inside
                       else "absolute path: this folder may move, the generator may not")
              .replace("{hooks}", "".join(f"  - {h}\n" for h in hooks))
              .replace("{chapters}", "".join(f"      - chapters/{c.file_name}\n" for c in text.chapters)))
    index = (f"# {as_markdown(text.title, text.markdown, heading=True)}\n\nA reading guide: the text in {len(text.chapters)} chapter(s), with a "
             f"[glossary](glossary/index.md) and a [timeline](timeline.md).\n\n"
             f"Begin with [{as_markdown(first.title, text.markdown)}](chapters/{first.file_name}).\n")
    return {"mkdocs.yml": config, "docs/index.md": index}


def _repo_hooks() -> list[str]:
    """The hooks this repository's own mkdocs.yml lists (so a PDF hook added there comes along)."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8") if (REPO / "mkdocs.yml").exists() else ""
    block = re.search(r"^hooks:\s*\n((?:[ \t]+-.*\n?)+)", config, re.M)
    return re.findall(r"-\s+(\S+)", block.group(1)) if block else ["hooks/glossary_hooks.py"]


MKDOCS_YML = """\
# A reading guide made from {source} by the guide generator's hooks/import_command.py.
site_name: {site_name}
use_directory_urls: false  # pages work when opened from disk (file://)
strict: true
theme:
  name: material
  font: false  # system fonts only
  features: [navigation.footer, navigation.sections, navigation.top, content.tooltips,
             content.footnote.tooltips, search.highlight, toc.follow]
plugins: [search]
hooks:  # the generator's hooks ({where})
{hooks}markdown_extensions: [footnotes, attr_list, md_in_html, admonition, {toc: {permalink: true}}]
extra_css: [assets/guide.css]
validation:
  links: {not_found: warn, anchors: warn, absolute_links: warn, unrecognized_links: warn}
extra:
  guide:
    glossary: glossary  # one Markdown file per entry: every .md file there is an entry
    timeline: timeline.md
nav:
  - Home: index.md
  - The text:
{chapters}  - Glossary: glossary/index.md
  - Timeline: timeline.md
  - Discussion questions: questions.md
"""


def import_text(source: Path, folder: Path, force: bool = False) -> list[str]:
    """Write the chapters (and the navigation, or a new project) into `folder`; the report's lines."""
    text = read_text(source)
    config_file = folder / "mkdocs.yml"
    config = config_file.read_text(encoding="utf-8") if config_file.exists() else None
    docs_dir = re.search(r"^docs_dir:\s*['\"]?([^'\"#\s]+)", config or "", re.M)
    chapters_dir = folder / (docs_dir.group(1) if docs_dir else "docs") / "chapters"
    existing = sorted(p.name for p in chapters_dir.glob("*.md"))
    if existing and not force:
        raise TextImportError(f"{chapters_dir} already holds {len(existing)} chapter file(s) ({', '.join(existing)}); "
                              "pass --force to replace them (notes written in them are lost)")
    report = [f"{source}: {'title' if text.title_found else 'no title line, so from the file name'}: {text.title}",
              f"{len(text.chapters)} chapter(s):"]
    report += [f"  {c.number}. {c.title} ({len(c.paragraphs)} paragraph(s)) -> {c.file_name}" for c in text.chapters]
    chapters_dir.mkdir(parents=True, exist_ok=True)
    for name in existing:
        (chapters_dir / name).unlink()
    for chapter in text.chapters:
        (chapters_dir / chapter.file_name).write_text(render_chapter(chapter, text.markdown), encoding="utf-8")
    if config is None:
        for name, content in new_project(text, folder, source).items():
            if not (folder / name).exists():
                (folder / name).write_text(content, encoding="utf-8")
        (folder / "docs" / "assets").mkdir(exist_ok=True)
        shutil.copyfile(REPO / "docs" / "assets" / "guide.css", folder / "docs" / "assets" / "guide.css")
        (folder / "glossary").mkdir(exist_ok=True)
        entries = len(list((folder / "glossary").glob("*.md")))
        report.append(f"New guide in {folder}: mkdocs.yml, docs/index.md, docs/assets/guide.css, glossary/ "
                      f"({entries} entries)")
    elif re.search(r"^nav:", config, re.M):
        config_file.write_text(replace_nav(config, [c.file_name for c in text.chapters]), encoding="utf-8")
        report.append(f"The chapters in the nav of {config_file} replaced")
    else:
        report.append(f"{config_file} has no nav: MkDocs lists the pages by itself")
    removed = sorted(set(existing) - {c.file_name for c in text.chapters})
    return report + ([f"Removed: {', '.join(removed)}"] if removed else []) + [
        f"Next: one .md file per glossary entry in {folder / 'glossary'}, then mkdocs build --strict -f {config_file}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Turn a plain-text or Markdown article into a reading guide's chapters.")
    parser.add_argument("text", type=Path, help="the article: a UTF-8 .txt or .md file")
    parser.add_argument("--into", type=Path, help="the guide's folder (default: the one around the current folder "
                        "that holds mkdocs.yml); a folder without mkdocs.yml becomes a new guide")
    parser.add_argument("--force", action="store_true", help="replace the chapter files that exist")
    args = parser.parse_args(argv)
    here = Path.cwd()
    folder = args.into or next((p for p in [here, *here.parents] if (p / "mkdocs.yml").exists()), here)
    try:
        print("\n".join(import_text(args.text, folder, args.force)))
    except TextImportError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
