"""The guide's settings (`extra.guide` in mkdocs.yml) as MkDocs `Config` classes.

Each setting, its type and its default are written once, here; `parse_settings` turns what
mkdocs.yml says into a validated object, or a ValueError that names the setting.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, TypeVar

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..core.sources import DEFAULT_WEAK_HOSTS

REPOSITORY = re.compile(r"[A-Za-z0-9-]+/[A-Za-z0-9._-]+")


def in_site(path: str) -> str:
    """`path` if it stays inside the site (relative, no `..`); generated pages and books are
    written there, and a path from a settings file must not write anywhere else."""
    parts = path.replace("\\", "/").split("/")
    if path.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", path) or ".." in parts or "\0" in path:
        raise base.ValidationError(f"must be a path inside the site, relative and without '..', not {path!r}; "
                                   "write it relative to docs/, e.g. 'glossary' or 'timeline.md'")
    return path


class _SitePath(c.Type[str]):
    """A folder of the site, relative to it."""

    def run_validation(self, value: object) -> str:
        return in_site(super().run_validation(value))


class _MarkdownPage(c.Type[str]):
    """A docs-relative .md page, or "" for none."""

    def run_validation(self, value: object) -> str:
        page = in_site(super().run_validation(value))
        if page and not page.endswith(".md"):
            raise base.ValidationError("must name a .md page, such as timeline.md, or be empty")
        return page


class _SiteFile(c.Type[str]):
    """A site-relative file path with a given extension."""

    def __init__(self, suffix: str, default: str):
        super().__init__(str, default=default)
        self.suffix = suffix

    def run_validation(self, value: object) -> str:
        path = in_site(super().run_validation(value))
        if not path.endswith(self.suffix):
            raise base.ValidationError(f"must be a relative path ending in {self.suffix}, not {path!r}")
        return path


class _OneOf(c.Choice[str]):
    def run_validation(self, value: object) -> str:
        if value not in self.choices:
            raise base.ValidationError(f"must be one of {', '.join(self.choices)}, not {value!r}")
        return str(value)


class _Pages(c.ListOfItems[str]):
    def __init__(self) -> None:
        super().__init__(c.Type(str), default=[])

    def run_validation(self, value: object) -> list[str]:
        pages = super().run_validation(value)
        if not all(page.endswith(".md") for page in pages):
            raise base.ValidationError("must list .md pages of docs/")
        return pages


class PdfConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' Config.__init_subclass__ is unannotated
    enabled = c.Type(bool, default=True)
    file = _SiteFile(".pdf", "pdf/guide.pdf")  # where the book goes in the site
    page_size = _OneOf(("A4", "A5"), default="A4")
    title = c.Type(str, default="")  # "": the site name
    subtitle = c.Type(str, default="")  # "": the language's "A reading guide"
    version = c.Type(str, default="")  # "": GUIDE_VERSION, else the last commit's date
    pdf_ua = c.Type(bool, default=True)  # tagged, accessible PDF (PDF/UA-1)
    volume_words = c.Type(int, default=120_000)  # a longer book is made in volumes (book/volumes.py)
    line_breaking = _OneOf(("auto", "optimized", "simple"), default="auto")  # auto: simple above 250,000 words (book/pdf.py)
    front = _Pages()  # pages printed before the chapters
    appendices = _Pages()  # pages printed after them; []: the glossary and the timeline


class EpubConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' Config.__init_subclass__ is unannotated
    enabled = c.Type(bool, default=True)  # written with the PDF (both skipped by serve and GUIDE_BOOKS=0)
    file = _SiteFile(".epub", "epub/guide.epub")  # where the e-book goes in the site


class _OffSwitch:
    """A sub-mapping of settings that `false` turns off (`pdf: false`)."""

    def run_validation(self, value: object) -> Any:
        return super().run_validation({"enabled": False} if value is False else value)  # type: ignore[misc]


class _PdfOption(_OffSwitch, c.SubConfig[PdfConfig]):
    pass


class _EpubOption(_OffSwitch, c.SubConfig[EpubConfig]):
    pass


class GuideConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' Config.__init_subclass__ is unannotated
    glossary = c.Type(str, default="glossary")  # folder of entries, relative to mkdocs.yml
    glossary_url = _SitePath(str, default="glossary")  # where the generated glossary pages go
    timeline = _MarkdownPage(str, default="timeline.md")  # "" for none
    timeline_intro = c.Type(str, default="")  # Markdown above the timeline's events
    questions = _MarkdownPage(str, default="questions.md")  # every chapter's questions on one page
    link = _OneOf(("first", "every"), default="first")
    article_class = c.Type(str, default="article")  # the block holding the text's own words
    repository = c.Type(str, default="")  # GitHub "owner/name": site_url and the repository link
    source = c.Type(str, default="")  # the imported text, relative to mkdocs.yml (for the fidelity test)
    split = _OneOf(("parts", "chapters", "sections"), default="chapters")  # what the import made a page
    weak_hosts = c.ListOfItems(c.Type(str), default=list(DEFAULT_WEAK_HOSTS))  # sources there warn; [] for none
    pdf = _PdfOption()
    epub = _EpubOption()


def parse_settings(raw: Any) -> GuideConfig:
    """`extra.guide` validated; a ValueError naming the first wrong setting."""
    raw = {} if raw is None else raw
    if not isinstance(raw, dict):
        raise ValueError("mkdocs.yml: 'extra.guide' must be a mapping of settings")
    for key, schema in (("pdf", PdfConfig), ("epub", EpubConfig)):
        book = raw.get(key)
        if book is not None and book is not False:
            if not isinstance(book, dict):
                raise ValueError(f"mkdocs.yml: 'extra.guide.{key}' must be a mapping of settings, or false")
            _validated(schema, book, f"extra.guide.{key}")  # first, so that a message names the setting inside
    settings = _validated(GuideConfig, raw, "extra.guide")
    settings.glossary_url = settings.glossary_url.strip("/")
    settings.repository = settings.repository.strip().strip("/")
    if settings.repository and not REPOSITORY.fullmatch(settings.repository):
        raise ValueError(f"mkdocs.yml: 'extra.guide.repository' must be a GitHub 'owner/name', not {settings.repository!r}")
    return settings


_Schema = TypeVar("_Schema", bound=base.Config)


def _validated(schema: type[_Schema], raw: dict[Any, Any], where: str) -> _Schema:
    _check_keys(raw, schema, where)
    settings = schema()
    settings.load_dict(raw)
    errors, _ = settings.validate()
    if errors:
        key, error = errors[0]
        raise ValueError(f"mkdocs.yml: '{where}.{key}' {error}")
    return settings


def _check_keys(raw: dict[Any, Any], schema: type[base.Config], where: str) -> None:
    allowed = [name for name, _ in schema._schema]
    for key in raw:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known settings: {', '.join(allowed)}"
            raise ValueError(f"mkdocs.yml: unknown setting '{where}.{key}'; {hint}")


def published_urls(repository: str) -> tuple[str, str]:
    """(site_url, repo_url) of a GitHub repository published with GitHub Pages."""
    owner, name = repository.split("/")
    if name.lower() == f"{owner.lower()}.github.io":
        return f"https://{owner.lower()}.github.io/", f"https://github.com/{repository}"
    return f"https://{owner.lower()}.github.io/{name}/", f"https://github.com/{repository}"
