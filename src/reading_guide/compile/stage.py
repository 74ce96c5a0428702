"""The compile step: a guide read, checked and written into a staging folder any engine can render.

Every authored page is converted once with Python-Markdown and the guide's Markdown extension (numbered
paragraphs, linked terms), only to learn what the generated pages need: each chapter's title, number
and questions, and every paragraph where a term occurs. Then the authored pages are copied and the
generated ones written beside them; docs/ is never written.
"""

from __future__ import annotations

import html
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from markdown import Markdown

from ..core import link_review
from ..core.front_matter import load_front_matter, split_front_matter
from ..core.generated import GeneratedPage, Layout, exists_message, plan_pages, render_page
from ..core.glossary import Glossary, Problem, load_glossary
from ..core.linker import Doubt, LinkContext, TermIndex
from ..core.page_check import check_page, hidden_pages
from ..core.pages import entry_file, front_matter
from ..core.reader_page import NOTES_SRC, notes_markdown
from ..core.registry import ChapterRegistry
from ..core.sources import SourceRef, cut_addresses, notes_without_sources, sources_by_note, weak_sources, wiki_alone
from ..core.urls import page_url, relative_url
from ..markdown_ext import GlossaryExtension, PageState
from .manifest import Manifest
from .settings import CompileError, GuideFile, read_guide_file

STAGING = ".guide-build"  # in the guide's folder, ignored by git
MANIFEST = "guide.json"
DEFAULT_EXTENSIONS = ["toc", "tables", "fenced_code"]  # what MkDocs always adds


@dataclass
class CompileResult:
    guide: GuideFile
    docs: Path  # the staged docs folder the engine reads
    manifest: Path
    generated: list[GeneratedPage]
    empty: set[str]  # generated pages with nothing to show: out of the nav and the search
    warnings: list[str] = field(default_factory=list)
    info: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # what each stage cost
    # the header's links to the books write_books made (kind, link, title, label), from mkdocs/book.py's book_links
    book_links: list[tuple[str, str, str, str]] = field(default_factory=list)


def compile_guide(config: Path, staging: Path | None = None) -> CompileResult:
    """Read, check and stage the guide of `config` (mkdocs.yml); a CompileError lists what stops it."""
    started = time.monotonic()
    guide = read_guide_file(config)
    settings, strings = guide.settings, guide.strings
    staging = staging or guide.root / STAGING
    warnings: list[str] = []
    info = list(guide.notes)
    if not guide.docs_dir.is_dir():
        raise CompileError(f"mkdocs.yml: docs_dir '{guide.docs_dir.name}' is not a folder of the guide")

    _refuse_outside_links(guide)
    glossary = load_glossary((guide.root / settings.glossary).resolve(), settings.glossary.rstrip("/"))
    _report(glossary.problems, "glossary", warnings)
    drafts = [entry.path for entry in glossary.entries.values() if entry.draft]
    if drafts:
        glossary.entries = {slug: entry for slug, entry in glossary.entries.items() if not entry.draft}
        info.append(f"{len(drafts)} draft entr{'y' if len(drafts) == 1 else 'ies'} (not built): {', '.join(drafts)}")
    cited: dict[str, list[SourceRef]] = {
        entry.path: [(s.title, s.url, entry.path, entry.line_of("sources")) for s in entry.sources]
        for entry in glossary.entries.values()}
    warnings += _weak(cited, settings.weak_hosts)

    sources = _authored_pages(guide.docs_dir)
    problems: list[Problem] = hidden_pages(guide.docs_dir)
    chapters: dict[str, str] = {}
    registry = ChapterRegistry(article_class=settings.article_class)
    for src, path in sources.items():
        if not src.endswith(".md"):
            continue
        checked = check_page(f"docs/{src}", path.read_bytes(), settings.article_class)
        problems += checked.problems
        if checked.chapter is not None:
            chapters[src] = checked.chapter
        if checked.stray_article:
            registry.stray_articles.add(src)
    _report(problems, "pages", warnings)

    layout = Layout(settings.glossary_url, settings.timeline, settings.questions, settings.timeline_intro)
    generated, errors = plan_pages(layout, glossary)
    errors += [exists_message(page) for page in generated if page.src_uri in sources]
    if errors:
        raise CompileError(_listing(errors, "generated pages"))
    seconds = {"read and check": time.monotonic() - started}

    started = time.monotonic()
    doubts: list[Doubt] = []
    pages_info = _convert_pages(guide, glossary, sources, chapters, registry, warnings, doubts)
    info.append(link_review.summary(doubts))
    if os.environ.get("GUIDE_REVIEW"):  # `make review`: every doubtful occurrence (as with MkDocs)
        info += link_review.review_lines(doubts, {slug: e.path for slug, e in glossary.entries.items()})
    seconds["convert the pages"] = time.monotonic() - started

    started = time.monotonic()
    docs = staging / "docs"
    staged: dict[str, bytes] = {src: path.read_bytes() for src, path in sources.items()}
    empty: set[str] = set()
    urls = {src: page_url(src, guide.directory_urls) for src in [*sources, *(p.src_uri for p in generated)]}
    for page in generated:
        here = urls[page.src_uri]
        def url_from(target: str, here: str = here) -> str:
            return relative_url(urls[target], here)

        rendered = render_page(page, glossary, registry, layout, strings, url_from)
        warnings += rendered.warnings
        boost = front_matter(page.search_boost)
        if rendered.empty:
            empty.add(page.src_uri)
            boost = "---\nsearch:\n  exclude: true\n---\n"
        text = boost + "\n" + rendered.markdown + ("\n\n" + rendered.tail_html + "\n" if rendered.tail_html else "")
        staged[page.src_uri] = text.encode("utf-8")
        pages_info[page.src_uri] = {"chapter": None, "kind": page.kind.name.lower(), "slug": page.slug}
    if NOTES_SRC not in sources:  # the reader's My notes page, as the MkDocs plugin adds it (an author's own wins)
        staged[NOTES_SRC] = notes_markdown(strings.reader).encode("utf-8")
        pages_info[NOTES_SRC] = {"chapter": None, "kind": None, "slug": None}
    manifest = Manifest(
        glossary=str((guide.root / settings.glossary).resolve()), glossary_shown=settings.glossary.rstrip("/"),
        glossary_url=settings.glossary_url, article_class=settings.article_class, link=settings.link,
        paragraph_title=strings.link_to_paragraph, directory_urls=guide.directory_urls, pages=pages_info)
    sync_folder(docs, staged)
    manifest.write(staging / MANIFEST)
    seconds["write the staging folder"] = time.monotonic() - started
    return CompileResult(guide, docs, staging / MANIFEST, generated, empty, warnings, info, seconds)


def sync_folder(folder: Path, files: dict[str, bytes]) -> None:
    """`folder` holds exactly `files`: only what changed is written, what went is deleted (an engine's
    live preview watching it then sees the pages that changed, never an empty folder)."""
    for src, data in files.items():
        target = folder / src
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for path in sorted(folder.rglob("*"), reverse=True) if folder.exists() else []:
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and relative not in files:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _authored_pages(docs_dir: Path) -> dict[str, Path]:
    """Every file of docs/ by its docs-relative path, in MkDocs' order; hidden files and folders left out."""
    found: dict[str, Path] = {}
    for folder, folders, names in os.walk(docs_dir):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                path = Path(folder) / name
                found[path.relative_to(docs_dir).as_posix()] = path
    return found


def _convert_pages(guide: GuideFile, glossary: Glossary, sources: dict[str, Path], chapters: dict[str, str],
                   registry: ChapterRegistry, warnings: list[str], doubts: list[Doubt]) -> dict[str, dict[str, object]]:
    """Convert each authored page once: its number, title, questions and the terms it names."""
    settings, strings = guide.settings, guide.strings
    names, configs = guide.markdown_extensions
    state = PageState(index=TermIndex(glossary.entries.values()), article_class=settings.article_class,
                      paragraph_title=strings.link_to_paragraph)
    md = Markdown(extensions=[*dict.fromkeys(DEFAULT_EXTENSIONS + names), GlossaryExtension(state)],
                  extension_configs=configs)
    pages: dict[str, dict[str, object]] = {}
    for src, path in sources.items():
        if not src.endswith(".md"):
            continue
        text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
        parts = split_front_matter(text)
        meta = (load_front_matter(parts[0]) or {}) if parts is not None else {}
        markdown = parts[1] if parts is not None else text
        chapter = chapters.get(src)
        opens = meta.get("opens_chapter") if isinstance(meta, dict) else None
        number = chapter
        if chapter is None and opens is not None:
            number = registry.add_part_page(src, str(opens))  # a part's own text: paragraphs before chapter `opens`
            if src not in guide.nav_pages:
                warnings.append(f"docs/{src}: the text of part '{meta.get('part')}' is not in the navigation; add it to "
                                "'nav:' in mkdocs.yml before the chapter it opens")
        if chapter is not None:
            if src not in guide.nav_pages:
                warnings.append(f"docs/{src}: chapter {chapter} is not in the navigation; add it to 'nav:' in mkdocs.yml "
                                "so that readers can reach it in order")
            if (error := registry.add_chapter(src, chapter, markdown, strings.questions)) is not None:
                raise CompileError(error)
            warnings += notes_without_sources(text, f"docs/{src}") + cut_addresses(text, f"docs/{src}")
            warnings += _weak(sources_by_note(text, f"docs/{src}"), settings.weak_hosts)
        here = page_url(src, guide.directory_urls)
        state.chapter, state.anchors, state.occurrences, state.tail_html = number, [], [], None
        state.context = LinkContext(href=lambda slug, here=here: relative_url(  # type: ignore[misc]
            page_url(f"{settings.glossary_url}/{entry_file(glossary.entries[slug])}", guide.directory_urls), here),
            summary=lambda slug: glossary.entries[slug].summary, every=settings.link == "every",
            article_class=settings.article_class, page=f"docs/{src}", doubts=doubts)
        md.reset()
        md.convert(markdown)
        title = guide.nav_titles.get(src) or (meta.get("title") if isinstance(meta, dict) else None) or _first_h1(md) \
            or _title_from_name(src)
        warnings += registry.record(src, html.escape(str(title)) if src in guide.nav_titles else str(title), number,
                                    state.anchors, state.occurrences)
        pages[src] = {"chapter": number, "kind": None, "slug": None}
    return pages


def _first_h1(md: Markdown) -> str | None:
    for token in getattr(md, "toc_tokens", []):
        if token.get("level") == 1:
            return str(token.get("name"))
    return None


def _title_from_name(src: str) -> str:
    """MkDocs' title for a page with no heading: its file name, capitalised."""
    stem = Path(src).stem
    if stem in ("index", "README"):
        stem = Path(src).parent.name or "Home"
    return stem.replace("-", " ").replace("_", " ").capitalize()


def _refuse_outside_links(guide: GuideFile) -> None:
    """A file of docs/ or the glossary that links outside the project would be staged and published: the
    MkDocs plugin's check (mkdocs/safety.py), its message as a CompileError."""
    from mkdocs.exceptions import PluginError

    from ..mkdocs.safety import refuse_outside_links

    try:
        refuse_outside_links(guide.docs_dir, guide.root, guide.docs_dir.name)
        refuse_outside_links(guide.root / guide.settings.glossary, guide.root, guide.settings.glossary.rstrip("/"))
    except PluginError as err:
        raise CompileError(str(err)) from err


def _weak(cited: dict[str, list[SourceRef]], weak_hosts: list[str]) -> list[str]:
    every = [ref for refs in cited.values() for ref in refs]
    return weak_sources(every, weak_hosts) + wiki_alone(cited, weak_hosts=weak_hosts)


def _report(problems: list[Problem], what: str, warnings: list[str]) -> None:
    warnings += [str(p) for p in problems if not p.is_error]
    errors = [str(p) for p in problems if p.is_error]
    if errors:
        raise CompileError(_listing(errors, what))


def _listing(errors: list[str], what: str) -> str:
    listing = "\n".join(f"  {e}" for e in errors)
    return f"{len(errors)} problem(s) in the {what}; fix them and build again:\n{listing}"
