"""Zensical on a compiled guide: the compile step, a config made for the staging folder, `zensical build`
or `zensical serve`, then the books from the built site (reading_guide.book, as with MkDocs).

Zensical reads mkdocs.yml but ignores `hooks:` and unknown plugins without a word, so nothing of the
generator may live there: the generated pages are files in the staging folder, the term links and
paragraph numbers come from the Markdown extension (listed by name, configured with guide.json).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from ..mkdocs.book import books_skipped
from ..mkdocs.config import published_urls
from ..mkdocs.theme import ASSETS, SCRIPT, SEARCH_SHIM, SHIM, STYLE, TITLES, with_polyfills
from .settings import CompileError, without_pages
from .stage import CompileResult, compile_guide

# Zensical renders templates with MiniJinja: our template overrides (which use a Jinja filter the MkDocs
# plugin registers) are MkDocs-only. The style sheet, the title script and the iframe-worker shim (without
# which Zensical's offline mode loads one from a CDN) work in any engine; the shim no longer replaces
# window.Worker itself: search-shim.js does, and with no worker source of ours (Zensical's search is its
# own) it starts every worker of a page opened from disk in the shim's frame. The reader's script too: what
# it reads, the templates' additions, is put into the built pages afterwards (site_pages.py).
STAGED_ASSETS = (STYLE, TITLES, SHIM, SEARCH_SHIM, SCRIPT)


def engine_config(result: CompileResult) -> dict[str, Any]:
    """The guide's mkdocs.yml as Zensical gets it: docs_dir the staging folder, no hooks, the extension
    listed with the compiled data, generated pages with nothing to show out of the nav."""
    raw = dict(result.guide.raw)
    raw.pop("hooks", None)
    raw["docs_dir"], raw["site_dir"] = "docs", "site"
    theme = raw.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):  # the author's overrides, from the guide's folder
        raw["theme"] = {**theme, "custom_dir": str((result.guide.root / str(theme["custom_dir"])).resolve())}
    settings = result.guide.settings
    if settings.repository and not raw.get("site_url"):
        raw["site_url"] = published_urls(settings.repository)[0]
    if "nav" in raw:
        raw["nav"] = without_pages(raw["nav"], result.empty)
    extensions = [e for e in raw.get("markdown_extensions") or [] if "reading_guide" not in str(e)]
    # The digest changes with the glossary: Zensical keys its page cache on the extensions' settings, and a
    # chapter whose file did not change must still be rendered again when an entry's summary did.
    options = {"compiled": str(result.manifest), "digest": compiled_digest(result)}
    raw["markdown_extensions"] = [*extensions, {"reading_guide.markdown_ext": options}]
    raw["extra_css"] = [STYLE, *[c for c in raw.get("extra_css") or [] if c != STYLE]]
    raw["extra_javascript"] = [*[j for j in raw.get("extra_javascript") or [] if j != SCRIPT], SCRIPT]
    extra = raw["extra"] = dict(raw.get("extra") or {})
    extra["polyfills"] = with_polyfills(extra.get("polyfills") or [], [SEARCH_SHIM])  # Zensical's search is its own
    return raw


def compiled_digest(result: CompileResult) -> str:
    """What the term links and numbers of every page depend on beyond the page's own file."""
    digest = hashlib.sha256(result.manifest.read_bytes())
    folder = Path(json.loads(result.manifest.read_text(encoding="utf-8"))["glossary"])
    for path in sorted(folder.glob("*.md")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def stage_for_zensical(config: Path) -> tuple[CompileResult, Path]:
    result = compile_guide(config)
    for site_path in STAGED_ASSETS:
        source = ASSETS[site_path]
        target = result.docs / site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_bytes() != source.read_bytes():
            shutil.copy2(source, target)
    staged = result.docs.parent / "mkdocs.yml"
    text = yaml.safe_dump(engine_config(result), allow_unicode=True, sort_keys=False)
    if not staged.is_file() or staged.read_text(encoding="utf-8") != text:
        staged.write_text(text, encoding="utf-8")
    return result, staged


def watched(result: CompileResult) -> dict[Path, int]:
    """The guide's own files (mkdocs.yml, docs/, the glossary) and their times: a change recompiles."""
    guide = result.guide
    folders = [guide.docs_dir, (guide.root / guide.settings.glossary).resolve()]
    found = {guide.path: guide.path.stat().st_mtime_ns}
    for folder in folders:
        for path in folder.rglob("*") if folder.is_dir() else []:
            if path.is_file():
                found[path] = path.stat().st_mtime_ns
    return found


def serve_with_recompile(result: CompileResult, engine: list[str], config: Path, interval: float = 1.0) -> int:
    """`zensical serve` on the staging folder, and the compile step again whenever a file of the guide
    changes (a glossary entry included): Zensical sees the staged pages change and reloads the preview."""
    server = subprocess.Popen(engine)
    seen = watched(result)
    try:
        while server.poll() is None:
            time.sleep(interval)
            now = watched(result)
            if now == seen:
                continue
            seen = now
            try:
                result, _ = stage_for_zensical(config)
            except CompileError as err:
                print(f"ERROR   -  {err} (the preview keeps the last good pages)", file=sys.stderr)
                continue
            for line in result.warnings:
                print(f"WARNING -  reading-guide: {line}")
            print("INFO    -  reading-guide: recompiled")
    except KeyboardInterrupt:
        server.terminate()
    return server.wait()


def zensical(command: str, config: Path, strict: bool, books: bool = True) -> int:
    """`reading-guide zensical build|serve`: compile, then Zensical; the books after a build."""
    if importlib.util.find_spec("zensical") is None:
        print("ERROR   -  Zensical is not installed in this environment; `make build ENGINE=zensical` installs it "
              "into .venv-zensical (from requirements-zensical.txt, which pins the version the generator is tested with)",
              file=sys.stderr)
        return 1
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
    if command == "build":
        # A build renders every page afresh, as MkDocs does: Zensical's cache would keep pages rendered by
        # another version of the generator (its key holds the extension's settings, not its code).
        engine.append("--clean")
    if command == "serve":
        return serve_with_recompile(result, engine, config)
    done = subprocess.run(engine, check=False)
    if done.returncode != 0:
        return done.returncode
    site = (result.guide.root / str(result.guide.raw.get("site_dir", "site"))).resolve()
    if site.exists():
        shutil.rmtree(site)
    shutil.move(str(staged.parent / "site"), site)
    from .site_pages import finish_pages

    try:
        if books and not books_skipped():
            from .site_books import write_books

            for line in write_books(result, site):
                print(line)
        started = time.monotonic()
        count = finish_pages(result, site)  # after the books: the header links only to books written
        print(f"INFO    -  reading-guide: the reader's tools, citation tags and policy added to {count} pages "
              f"({time.monotonic() - started:.2f} s)")
    except CompileError as err:
        print(f"ERROR   -  {err}", file=sys.stderr)
        return 1
    return 0
