"""Checks every guide runs in its tests: a strict build, the text word for word, every link.

Plain functions that return what is wrong (an empty list when all is well), so that a guide's
tests read `assert broken_links(site) == []` and a failure lists every problem.
"""

from __future__ import annotations

import html.parser
import os
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .importer.fidelity import Fidelity
    from .mkdocs.config import GuideConfig


def build_site(config_file: Path, site_dir: Path, strict: bool = True) -> Path:
    """A real MkDocs build, as `mkdocs build --strict` does it, into `site_dir`."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
    build(config)
    return site_dir


class _Page(html.parser.HTMLParser):
    """The ids of a page and the references it makes (href, src), with their tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"] or "")
        rel = set((values.get("rel") or "").split())
        if tag == "link" and rel & {"canonical", "alternate"}:
            return  # a reference to the published address, not a request
        for key in ("href", "src"):
            if values.get(key):
                self.refs.append((tag, values[key] or ""))


def _parsed(path: Path, cache: dict[Path, _Page]) -> _Page:
    if path not in cache:
        page = _Page()
        page.feed(path.read_text(encoding="utf-8", errors="replace"))
        cache[path] = page
    return cache[path]


def broken_links(site_dir: Path) -> list[str]:
    """Every link, script, style and image of every page that leads to no file, or to no anchor.

    Links to other hosts are not followed (the site must not need them; see `outside_requests`).
    Each page is parsed once.
    """
    cache: dict[Path, _Page] = {}
    problems = []
    for path in sorted(site_dir.rglob("*.html")):
        page = _parsed(path, cache)
        for tag, ref in page.refs:
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc or ref.startswith(("mailto:", "javascript:")):
                continue
            target = path if not parts.path else _resolve(path, unquote(parts.path), site_dir)
            where = f"{path.relative_to(site_dir)}: <{tag}> {ref}"
            if target is None or not target.is_file():
                problems.append(f"{where}: no such file")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _parsed(target, cache).ids:
                problems.append(f"{where}: no such anchor")
    return problems


def outside_requests(site_dir: Path) -> list[str]:
    """Scripts, styles, images and frames that a page would load from another host."""
    problems = []
    for path in sorted(site_dir.rglob("*.html")):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8", errors="replace"))
        for tag, ref in page.refs:
            if tag != "a" and (ref.startswith("//") or urlsplit(ref).scheme in ("http", "https")):
                problems.append(f"{path.relative_to(site_dir)}: <{tag}> {ref}")
    return problems


def _page_file(path: Path) -> Path:
    """A folder's URL (use_directory_urls) is its index.html."""
    return path / "index.html" if path.is_dir() else path


def _resolve(page: Path, ref_path: str, site_dir: Path) -> Path | None:
    if ref_path.startswith("/"):
        if page.name != "404.html":
            return None  # an absolute path breaks under a Pages sub-path and from file://
        # The 404 page is served at any depth, so MkDocs writes absolute paths under site_url's
        # path (/name/...); the site is published there.
        path = posixpath.normpath(ref_path.lstrip("/"))
        exact, under_prefix = _page_file(site_dir / path), _page_file(site_dir / path.partition("/")[2])
        return exact if exact.exists() else under_prefix
    joined = _page_file(Path(posixpath.normpath(posixpath.join(page.parent.as_posix(), ref_path))))
    try:
        joined.resolve().relative_to(site_dir.resolve())
    except ValueError:
        return None  # outside the site
    return joined


def _guide_config(config_file: Path) -> tuple[MkDocsConfig, GuideConfig]:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config

    from .mkdocs.config import parse_settings

    config = load_config(str(config_file))
    return config, parse_settings(config.extra.get("guide"))


def fidelity(config_file: Path) -> Fidelity:
    """Every word of the guide's source text (extra.guide.source), in order, in its chapter pages,
    with the corrections listed in source/corrections.yml undone first; and what was excepted."""
    import yaml

    from .core.chapters import chapter_number
    from .core.front_matter import raw_values, split_front_matter
    from .importer.fidelity import Fidelity, check_fidelity

    config, settings = _guide_config(config_file)
    if not settings.source:
        return Fidelity(["mkdocs.yml: extra.guide.source names no text to compare the chapters with"])
    folder = Path(config_file).resolve().parent
    pages: dict[str, str] = {}
    numbers: dict[str, str] = {}
    for page in sorted(Path(config.docs_dir).rglob("*.md")):
        markdown = page.read_text(encoding="utf-8")
        front = split_front_matter(markdown)
        meta = yaml.safe_load(front[0]) if front else None
        if isinstance(meta, dict) and ("chapter" in meta or "part" in meta):
            name = page.relative_to(folder).as_posix()
            pages[name] = markdown
            if meta.get("chapter") is not None:  # as the build reads it: `chapter: 010` is 10
                written = raw_values(front[0]).get("chapter", ("", 0))[0] if front else None
                numbers[chapter_number(meta["chapter"], written)] = name
    corrections_file = folder / "source" / "corrections.yml"
    corrections = yaml.safe_load(corrections_file.read_text(encoding="utf-8")) if corrections_file.exists() else None
    for fix in corrections or []:
        fixed = numbers.get(chapter_number(fix["chapter"]))
        if fixed is None or str(fix["corrected"]) not in pages[fixed]:
            return Fidelity([f"source/corrections.yml: chapter {fix['chapter']} has no {fix['corrected']!r} to undo"])
        pages[fixed] = pages[fixed].replace(str(fix["corrected"]), str(fix["original"]), 1)
    return check_fidelity(folder / settings.source, pages, settings.article_class, settings.split)


def fidelity_problems(config_file: Path) -> list[str]:
    return fidelity(config_file).problems


def books_written(config_file: Path, site_dir: Path) -> list[Path]:
    """The book files (PDF, EPUB) that the guide's settings ask for, each checked to exist in the site."""
    from .mkdocs.book import BookBuild

    _, settings = _guide_config(config_file)
    pdf, epub = BookBuild.wanted(settings, "build")
    books = [site_dir / settings.pdf.file] * pdf + [site_dir / settings.epub.file] * epub
    missing = [str(book) for book in books if not book.is_file() or book.stat().st_size == 0]
    if missing:
        raise AssertionError(f"books missing from the site: {', '.join(missing)}")
    return books
