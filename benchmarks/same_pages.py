"""The baseline with the same pages: what the hooks generate, written out as plain Markdown files.

Without this, "without hooks" would be a site without its 60 (or 1,000) glossary pages, and the
comparison would measure Material rendering more pages, not what our hooks cost.
"""

from __future__ import annotations

import posixpath
import shutil
import sys
from pathlib import Path

import yaml
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

HOOKS = Path(__file__).resolve().parent.parent / "hooks"
sys.path.insert(0, str(HOOKS))

from glossary_model import load_glossary, timeline_events  # noqa: E402
from glossary_pages import entry_file, front_matter, render_entry, render_index, render_places, render_timeline  # noqa: E402
from guide_config import parse_settings  # noqa: E402
from study_pages import ChapterQuestions, questions_section, render_questions_page  # noqa: E402


class _Loader(yaml.SafeLoader):
    """mkdocs.yml with its !ENV tags read as their defaults (only extra.guide is needed here)."""


_Loader.add_constructor("!ENV", lambda loader, node: (loader.construct_sequence(node) or [None])[-1]
                        if isinstance(node, yaml.SequenceNode) else None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def url_from(src: str, directory_urls: bool):
    """page src -> its URL relative to the page `src`, as MkDocs writes it (the hooks use MkDocs' own Files)."""
    def url(page: str) -> str:
        return File(page, "", "", directory_urls).url
    here = url(src)
    return lambda target: get_relative_url(url(target), here)


def guide_extra(config_file: Path) -> dict:
    """`extra` of a mkdocs.yml (for a load_config override that changes one of our settings)."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader) or {}
    return config.get("extra") or {}


def materialise(config_file: Path, out: Path) -> dict:
    """Copy the docs to `out` with the generated pages added; returns load_config overrides for a
    build of the same pages without the hooks."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader) or {}
    root = config_file.parent
    docs = root / config.get("docs_dir", "docs")
    settings = parse_settings((config.get("extra") or {}).get("guide"), root)
    glossary = load_glossary(settings.glossary, settings.glossary_shown)
    shutil.copytree(docs, out)
    pages = {f"{settings.glossary_url}/index.md": front_matter(0.5) + render_index(glossary)}
    for entry in glossary.entries.values():
        src = f"{settings.glossary_url}/{entry_file(entry)}"
        # relative to the entry page, as the hooks write it (a link MkDocs cannot resolve costs a warning)
        timeline = posixpath.relpath(settings.timeline, posixpath.dirname(src)) if settings.timeline else None
        pages[src] = front_matter(1) + render_entry(entry, glossary, timeline) + "\n" + render_places([], str, entry.background)
    if settings.timeline:
        pages[settings.timeline] = front_matter(0.5) + render_timeline(
            timeline_events(glossary), glossary, {}, settings.glossary_url,
            url_from(settings.timeline, config.get("use_directory_urls", True)), settings.timeline_intro)
    if settings.questions:
        chapters = []
        for path in sorted((out / "chapters").glob("*.md")) if (out / "chapters").is_dir() else []:
            section = questions_section(path.read_text(encoding="utf-8"))
            if section:
                chapters.append(ChapterQuestions(f"chapters/{path.name}", path.stem, section))
        pages[settings.questions] = front_matter(0.5) + render_questions_page(chapters, settings.questions)
    for src, text in pages.items():
        (out / src).parent.mkdir(parents=True, exist_ok=True)
        (out / src).write_text(text, encoding="utf-8")
    return {"docs_dir": str(out), "hooks": [], "strict": False}
