"""The baseline with the same pages: the pages the generator makes, written out as plain files.

Without this, "without hooks" would be a site without its 60 (or 1,000) glossary pages, and the
comparison would measure Material rendering more pages, not what the generator costs.

The pages are the generator's own: one build with the hooks, in a subprocess, then each page
the build generated is rendered again by that build's GlossaryBuild (reading_guide.mkdocs),
which calls reading_guide.core.pages and .questions, with the chapters' titles and questions it
collected. Only what linking the chapters finds is left out (the back-links of an entry, the
timeline's "in the text"): those are the generator's work, and their paragraph anchors exist
only in a linked chapter.

    python same_pages.py CONFIG OUT   -> prints the load_config overrides (JSON) of the baseline
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def materialise(config_file: Path, out: Path) -> dict:
    """Copy the docs to `out` with the generated pages added; the load_config overrides for a build
    of the same pages without the hooks. Runs in a subprocess (a whole build with the hooks)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GUIDE_BOOKS": "0"}
    proc = subprocess.run([sys.executable, __file__, str(config_file), str(out)], capture_output=True, text=True,
                          env=env, cwd=HERE.parent, check=False)
    if proc.returncode != 0:
        sys.exit(f"the baseline's pages could not be made ({config_file}):\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def generated_pages(config_file: Path) -> tuple[Path, dict[str, str]]:
    """(docs_dir, {src_uri: file text}) of every page a hooks build of `config_file` generates."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from reading_guide.core.pages import front_matter
    from reading_guide.mkdocs.plugin import GuidePlugin

    with tempfile.TemporaryDirectory(prefix="same-pages-") as site:
        config = load_config(config_file=str(config_file), site_dir=site)
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    plugin = next(p._guide for p in config.plugins.values()
                  if isinstance(getattr(p, "_guide", None), GuidePlugin))
    glossary = plugin.glossary
    glossary.places = {}  # see the module's docstring
    # Entries without places are warned about; here that is expected.
    logging.getLogger("mkdocs.plugins.reading-guide").setLevel(logging.ERROR)
    pages = {}
    for src, page in glossary.generated.items():
        glossary.page.tail_html = None
        markdown = glossary.markdown_of(page)
        tail = glossary.page.tail_html
        pages[src] = front_matter(page.search_boost) + markdown + (f"\n\n{tail}\n" if tail else "")
    return Path(config.docs_dir), pages


def main(config_file: str, out: str) -> None:
    docs, pages = generated_pages(Path(config_file))
    target = Path(out)
    shutil.copytree(docs, target)
    for src, text in pages.items():
        (target / src).parent.mkdir(parents=True, exist_ok=True)
        (target / src).write_text(text, encoding="utf-8")
    print(json.dumps({"docs_dir": str(target), "hooks": [], "strict": False}))


if __name__ == "__main__":
    main(*sys.argv[1:3])
