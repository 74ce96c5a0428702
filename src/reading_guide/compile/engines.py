"""Zensical on a compiled guide: the compile step, a config made for the staging folder, `zensical build`
or `zensical serve`, then the books from the built site (reading_guide.book, as with MkDocs).

Zensical reads mkdocs.yml but ignores `hooks:` and unknown plugins without a word, so nothing of the
generator may live there: the generated pages are files in the staging folder, the term links and
paragraph numbers come from the Markdown extension (listed by name, configured with guide.json).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from ..mkdocs.config import published_urls
from .settings import CompileError, without_pages
from .stage import CompileResult, compile_guide

ASSETS = Path(__file__).resolve().parent.parent / "theme" / "assets"
# Zensical renders templates with MiniJinja: our template overrides (which use a Jinja filter the MkDocs
# plugin registers) are MkDocs-only; the style sheet and the title script work in any engine.
STYLE, TITLES = "assets/reading-guide/guide.css", "assets/reading-guide/title-text.js"


def engine_config(result: CompileResult) -> dict[str, Any]:
    """The guide's mkdocs.yml as Zensical gets it: docs_dir the staging folder, no hooks, the extension
    listed with the compiled data, generated pages with nothing to show out of the nav."""
    raw = dict(result.guide.raw)
    raw.pop("hooks", None)
    raw["docs_dir"], raw["site_dir"] = "docs", "site"
    settings = result.guide.settings
    if settings.repository and not raw.get("site_url"):
        raw["site_url"] = published_urls(settings.repository)[0]
    if "nav" in raw:
        raw["nav"] = without_pages(raw["nav"], result.empty)
    extensions = [e for e in raw.get("markdown_extensions") or [] if "reading_guide" not in str(e)]
    raw["markdown_extensions"] = [*extensions, {"reading_guide.markdown_ext": {"compiled": str(result.manifest)}}]
    raw["extra_css"] = [STYLE, *[c for c in raw.get("extra_css") or [] if c != STYLE]]
    raw["extra_javascript"] = [TITLES, *[j for j in raw.get("extra_javascript") or [] if j != TITLES]]
    return raw


def stage_for_zensical(config: Path) -> tuple[CompileResult, Path]:
    result = compile_guide(config)
    for site_path, source in ((STYLE, ASSETS / "guide.css"), (TITLES, ASSETS / "title-text.js")):
        target = result.docs / site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    staged = result.docs.parent / "mkdocs.yml"
    staged.write_text(yaml.safe_dump(engine_config(result), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return result, staged


def zensical(command: str, config: Path, strict: bool, books: bool = True) -> int:
    """`reading-guide zensical build|serve`: compile, then Zensical; the books after a build."""
    try:
        result, staged = stage_for_zensical(config)
    except CompileError as err:
        print(f"ERROR   -  {err}", file=sys.stderr)
        return 1
    for line in result.info:
        print(f"INFO    -  reading-guide: {line}")
    for line in result.warnings:
        print(f"WARNING -  reading-guide: {line}")
    timing = ", ".join(f"{what} {seconds:.2f} s" for what, seconds in result.seconds.items())
    print(f"INFO    -  reading-guide: compiled into {staged.parent} ({timing})")
    strict = strict or result.guide.strict
    if strict and result.warnings:
        print(f"ERROR   -  reading-guide: {len(result.warnings)} warning(s) in strict mode; nothing was built", file=sys.stderr)
        return 1
    engine = [sys.executable, "-m", "zensical", command, "-f", str(staged), *(["--strict"] if strict else [])]
    if command == "serve":
        return subprocess.call(engine)
    done = subprocess.run(engine, check=False)
    if done.returncode != 0:
        return done.returncode
    site = (result.guide.root / str(result.guide.raw.get("site_dir", "site"))).resolve()
    if site.exists():
        shutil.rmtree(site)
    shutil.move(str(staged.parent / "site"), site)
    if books and os.environ.get("GUIDE_PDF", "1") != "0":
        from .site_books import write_books

        try:
            for line in write_books(result, site):
                print(line)
        except CompileError as err:
            print(f"ERROR   -  {err}", file=sys.stderr)
            return 1
    return 0
