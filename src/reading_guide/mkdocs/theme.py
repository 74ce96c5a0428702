"""The generator's look, shipped in the package: template overrides, a style sheet, the script that
escapes the titles Material sets for its tooltips (title-text.js), the search worker's shim
(search-shim.js, search_build.py), and the iframe-worker shim that Material's offline plugin would
otherwise load from a CDN (now only the fallback where a Blob worker is refused).

Authors copy nothing: on_config puts the template folder after the author's own `custom_dir`
and before Material's, and on_files adds the assets to the site.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from jinja2 import Environment
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from . import search_build

log = get_plugin_logger("reading-guide")

THEME = Path(__file__).resolve().parent.parent / "theme"
ASSETS = {  # site path -> file in the package
    "assets/reading-guide/guide.css": THEME / "assets" / "guide.css",
    "assets/reading-guide/reader.js": THEME / "assets" / "reader.js",
    "assets/reading-guide/iframe-worker-shim.js": THEME / "assets" / "vendor" / "iframe-worker-shim.js",
    "assets/reading-guide/title-text.js": THEME / "assets" / "title-text.js",
    "assets/reading-guide/search-shim.js": THEME / "assets" / "search-shim.js",
}
STYLE = "assets/reading-guide/guide.css"
SCRIPT = "assets/reading-guide/reader.js"  # cite a paragraph, highlights and notes (an external file: no inline code)
SHIM = "assets/reading-guide/iframe-worker-shim.js"
TITLES = "assets/reading-guide/title-text.js"  # before Material's bundle: the titles it sets, as text
# Material's search in a real worker started from a Blob, from disk too (search_build.py)
SEARCH_SHIM = "assets/reading-guide/search-shim.js"  # also where no worker source is: starts other workers in the frame
SEARCH = ["assets/reading-guide/search-worker-source.js", SEARCH_SHIM]


def install(config: MkDocsConfig) -> None:
    """Template folder, style sheet, the reader's script and shim into the config (run before Material's offline plugin)."""
    overrides = str(THEME / "overrides")
    dirs = config.theme.dirs
    if overrides not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, overrides)  # the author's custom_dir still wins
    if STYLE not in config.extra_css:
        config.extra_css.insert(0, STYLE)  # first, so that an author's own style sheet can override it
    if SCRIPT not in config.extra_javascript:
        config.extra_javascript.append(SCRIPT)
    search = any(name in config.plugins for name in ("search", "material/search"))
    config.extra["polyfills"] = with_polyfills(config.extra.get("polyfills") or [], SEARCH if search else [])


def with_polyfills(polyfills: list[str], search_scripts: list[str]) -> list[str]:
    """The theme's polyfills with ours added once each, in order: the iframe-worker shim (unless the
    author brought one), the title script, then search's scripts. For every engine (compile/engines.py)."""
    added = list(polyfills)
    if not any("iframe-worker" in url for url in added):
        added.append(SHIM)
    return added + [script for script in (TITLES, *search_scripts) if script not in added]


def add_assets(files: Files, config: MkDocsConfig) -> None:
    for site_path, source in ASSETS.items():
        if files.get_file_from_path(site_path) is None:
            files.append(File.generated(config, site_path, abs_src_path=str(source)))
    search_build.add_worker_source(files, config)


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's bytecode cache, in the folder Jinja makes for this user in the system's temporary
    directory (only its owner may use it; Jinja refuses it otherwise). Each entry is checked against
    its template's source and Python's version, so an edited override is compiled again. A cache
    that cannot be read or written costs a compile, never the build."""

    def __init__(self) -> None:
        super().__init__(pattern="reading-guide-%s.template")

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable, cut short or not Jinja's: compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # a full or read-only disk
            super().dump_bytecode(bucket)


def cache_templates(env: Environment) -> None:
    """MkDocs makes a new template environment for every build, so Material's ~45 templates were
    compiled again each time (about 0.2 s of a build of our guide, and of each rebuild under
    `mkdocs serve`). An environment that already has a cache (the author's) keeps it."""
    if env.bytecode_cache is not None:
        return
    try:
        env.bytecode_cache = TemplateCache()
    except (RuntimeError, OSError) as error:  # no safe temporary folder: the templates are compiled
        log.debug(f"templates compiled without a cache: {error}")
