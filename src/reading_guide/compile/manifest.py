"""guide.json: what the compile step tells the Markdown extension, and the extension's side of it.

The engine makes a Markdown converter for each page (Zensical does); the glossary and its term index
are loaded once per process and kept while guide.json is unchanged.
"""

from __future__ import annotations

import functools
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..core.glossary import Glossary, load_glossary
from ..core.linker import LinkContext, TermIndex
from ..core.pages import entry_file
from ..core.urls import page_url, relative_url
from ..markdown_ext import PageState

VERSION = 1


@dataclass
class Manifest:
    glossary: str  # the glossary folder, absolute
    glossary_shown: str  # as mkdocs.yml names it
    glossary_url: str
    article_class: str
    link: str  # first / every
    paragraph_title: str
    directory_urls: bool
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)  # src -> {"chapter", "kind", "slug"}
    version: int = VERSION

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> Manifest:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise RuntimeError(f"{path}: the compiled guide cannot be read ({err}); run `reading-guide compile` "
                               "(or `make build ENGINE=zensical`) first") from err
        if data.get("version") != VERSION:
            raise RuntimeError(f"{path}: written by another version of the generator; run `reading-guide compile` again")
        return cls(**data)


@dataclass
class Compiled:
    manifest: Manifest
    glossary: Glossary
    index: TermIndex


def load_compiled(path: Path) -> Compiled:
    path = path.resolve()
    return _read_compiled(path, path.stat().st_mtime_ns)


# A memo of the file as it is, not a build's state: an engine without hooks configures the extension once
# per page, and the glossary is read once per compile (a new compile rewrites the file, a new stamp).
@functools.lru_cache(maxsize=1)
def _read_compiled(path: Path, stamp: int) -> Compiled:
    manifest = Manifest.read(path)
    glossary = load_glossary(Path(manifest.glossary), manifest.glossary_shown)
    glossary.entries = {slug: e for slug, e in glossary.entries.items() if not e.draft}  # the compile step said which
    return Compiled(manifest, glossary, TermIndex(glossary.entries.values()))


def configure_page(state: PageState, compiled_path: str, src: str | None) -> None:
    """Set the extension's PageState for the page `src` (None: a page the engine does not name: no links)."""
    compiled = load_compiled(Path(compiled_path))
    manifest, entries = compiled.manifest, compiled.glossary.entries
    state.index, state.article_class = compiled.index, manifest.article_class
    state.paragraph_title = manifest.paragraph_title
    state.anchors, state.occurrences, state.tail_html, state.unsafe = [], [], None, []
    info = manifest.pages.get(src or "", {})
    state.chapter = info.get("chapter")
    kind = info.get("kind")
    state.sanitized = kind == "entry"
    if src is None or kind == "index":
        state.context = None
        return
    here = page_url(src, manifest.directory_urls)
    folder = manifest.glossary_url
    state.context = LinkContext(
        href=lambda slug: relative_url(page_url(f"{folder}/{entry_file(entries[slug])}", manifest.directory_urls), here),
        summary=lambda slug: entries[slug].summary,
        every=manifest.link == "every",
        own_slug=info.get("slug"),
        article_class=manifest.article_class,
        page=src if kind else f"docs/{src}",
        doubts=None,
    )
