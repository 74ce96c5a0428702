"""The guide's settings (`extra.guide` in mkdocs.yml), parsed once into a typed object.

Pure Python: the hooks turn a ValueError from here into a PluginError.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class PdfSettings:
    enabled: bool = True
    file: str = "pdf/guide.pdf"  # site-relative path of the book
    page_size: str = "A4"  # A4 or A5
    title: str = ""  # defaults to site_name
    subtitle: str = "A reading guide"
    version: str = ""  # shown on the cover; defaults to the last commit's date, else empty
    pdf_ua: bool = True  # tagged, accessible PDF (PDF/UA-1)
    front: tuple[str, ...] = ()  # docs pages printed before the chapters
    appendices: tuple[str, ...] = ()  # docs pages printed after them; default: the glossary and the timeline


@dataclass(frozen=True)
class EpubSettings:
    enabled: bool = True  # built with the PDF (skipped with it by `mkdocs serve` and GUIDE_PDF=0)
    file: str = "epub/guide.epub"  # site-relative path of the e-book


@dataclass(frozen=True)
class GuideSettings:
    glossary: Path  # folder of entries, absolute
    glossary_shown: str  # the same, as written in mkdocs.yml (for messages)
    glossary_url: str = "glossary"  # docs-relative folder of the generated pages
    timeline: str = "timeline.md"  # docs-relative path of the generated timeline ("" for none)
    timeline_intro: str = ""  # Markdown shown above the timeline's events
    questions: str = "questions.md"  # all chapters' discussion questions on one page ("" for none)
    link: str = "first"  # "first" occurrence per page, or "every" occurrence
    article_class: str = "article"
    repository: str = ""  # GitHub "owner/name": site_url and the repository link follow from it
    pdf: PdfSettings = PdfSettings()
    epub: EpubSettings = EpubSettings()


LINK_POLICIES = ("first", "every")
PAGE_SIZES = ("A4", "A5")


def _check_keys(raw: dict, allowed: list[str], where: str) -> None:
    for key in raw:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known settings: {', '.join(allowed)}"
            raise ValueError(f"mkdocs.yml: unknown setting '{where}.{key}'; {hint}")


def _typed(raw: dict, key: str, kind: type, default: Any, where: str) -> Any:
    value = raw.get(key, default)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"mkdocs.yml: '{where}.{key}' must be {kind.__name__}, not {value!r}")
    return value


def parse_settings(raw: Any, config_dir: Path) -> GuideSettings:
    """Read `extra.guide`; every key is optional."""
    raw = {} if raw is None else raw
    if not isinstance(raw, dict):
        raise ValueError("mkdocs.yml: 'extra.guide' must be a mapping of settings")
    names = [f.name for f in fields(GuideSettings) if f.name != "glossary_shown"]
    _check_keys(raw, names, "extra.guide")
    where = "extra.guide"
    glossary = _typed(raw, "glossary", str, "glossary", where)
    link = _typed(raw, "link", str, "first", where)
    if link not in LINK_POLICIES:
        raise ValueError(f"mkdocs.yml: '{where}.link' must be one of {', '.join(LINK_POLICIES)}, not {link!r}")
    glossary_url = _typed(raw, "glossary_url", str, "glossary", where).strip("/")
    timeline = _typed(raw, "timeline", str, "timeline.md", where)
    questions = _typed(raw, "questions", str, "questions.md", where)
    for key, value in (("timeline", timeline), ("questions", questions)):
        if value and not value.endswith(".md"):
            raise ValueError(f"mkdocs.yml: '{where}.{key}' must name a .md page, such as {key}.md, or be empty")
    repository = _typed(raw, "repository", str, "", where).strip().strip("/")
    if repository and not re.fullmatch(r"[A-Za-z0-9-]+/[A-Za-z0-9._-]+", repository):
        raise ValueError(f"mkdocs.yml: '{where}.repository' must be a GitHub 'owner/name', not {repository!r}")
    return GuideSettings(
        glossary=(config_dir / glossary).resolve(),
        repository=repository,
        glossary_shown=glossary.rstrip("/"),
        glossary_url=glossary_url,
        timeline=timeline,
        questions=questions,
        timeline_intro=_typed(raw, "timeline_intro", str, "", where),
        link=link,
        article_class=_typed(raw, "article_class", str, "article", where),
        pdf=parse_pdf(raw.get("pdf", {})),
        epub=parse_epub(raw.get("epub", {})),
    )


def parse_pdf(raw: Any) -> PdfSettings:
    where = "extra.guide.pdf"
    if raw is False:
        return PdfSettings(enabled=False)
    if not isinstance(raw, dict):
        raise ValueError(f"mkdocs.yml: '{where}' must be a mapping of settings or false")
    _check_keys(raw, [f.name for f in fields(PdfSettings)], where)
    defaults = PdfSettings()
    page_size = _typed(raw, "page_size", str, defaults.page_size, where)
    if page_size not in PAGE_SIZES:
        raise ValueError(f"mkdocs.yml: '{where}.page_size' must be one of {', '.join(PAGE_SIZES)}, not {page_size!r}")
    file = _typed(raw, "file", str, defaults.file, where)
    if not file.endswith(".pdf") or file.startswith("/") or ".." in file.split("/"):
        raise ValueError(f"mkdocs.yml: '{where}.file' must be a relative path ending in .pdf, not {file!r}")
    pages = {}
    for key in ("front", "appendices"):
        pages[key] = _typed(raw, key, list, [], where)
        if not all(isinstance(a, str) and a.endswith(".md") for a in pages[key]):
            raise ValueError(f"mkdocs.yml: '{where}.{key}' must list .md pages of docs/")
    return PdfSettings(
        enabled=_typed(raw, "enabled", bool, defaults.enabled, where),
        file=file,
        page_size=page_size,
        title=_typed(raw, "title", str, "", where),
        subtitle=_typed(raw, "subtitle", str, defaults.subtitle, where),
        version=str(raw.get("version", "")),
        pdf_ua=_typed(raw, "pdf_ua", bool, defaults.pdf_ua, where),
        front=tuple(pages["front"]),
        appendices=tuple(pages["appendices"]),
    )


def parse_epub(raw: Any) -> EpubSettings:
    where = "extra.guide.epub"
    if raw is False:
        return EpubSettings(enabled=False)
    if not isinstance(raw, dict):
        raise ValueError(f"mkdocs.yml: '{where}' must be a mapping of settings or false")
    _check_keys(raw, [f.name for f in fields(EpubSettings)], where)
    defaults = EpubSettings()
    file = _typed(raw, "file", str, defaults.file, where)
    if not file.endswith(".epub") or file.startswith("/") or ".." in file.split("/"):
        raise ValueError(f"mkdocs.yml: '{where}.file' must be a relative path ending in .epub, not {file!r}")
    return EpubSettings(enabled=_typed(raw, "enabled", bool, defaults.enabled, where), file=file)


def published_urls(repository: str) -> tuple[str, str]:
    """(site_url, repo_url) of a GitHub repository published with GitHub Pages."""
    owner, name = repository.split("/")
    if name.lower() == f"{owner.lower()}.github.io":
        return f"https://{owner.lower()}.github.io/", f"https://github.com/{repository}"
    return f"https://{owner.lower()}.github.io/{name}/", f"https://github.com/{repository}"
