"""The generator's look, shipped in the package: template overrides, a style sheet, the script that
escapes the titles Material sets for its tooltips (title-text.js), the search worker's shim
(search-shim.js, search_build.py), and the iframe-worker shim that Material's offline plugin would
otherwise load from a CDN (now only the fallback where a Blob worker is refused).

Authors copy nothing: on_config puts the template folder after the author's own `custom_dir`
and before Material's, and on_files adds the assets to the site.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from . import search_build

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
