"""The generator as an installed plugin (`plugins: - reading-guide`), its settings validated by MkDocs;
and `reading-guide zensical serve`, which compiles again when a glossary file changes."""

from __future__ import annotations

import sys
import threading
import time

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from reading_guide.compile.engines import serve_with_recompile, stage_for_zensical

from conftest import ROOT, build_site, chapter, entry, soup, write_project

pytestmark = pytest.mark.slow

PLUGIN_CONFIG = """\
site_name: Plugin guide
use_directory_urls: false
theme: {{name: material, font: false, features: [content.tooltips]}}
plugins:
  - search
  - reading-guide:
      link: {link}
      pdf: false
      epub: false
{hooks}markdown_extensions: [footnotes, attr_list, md_in_html, admonition, toc]
nav: [index.md, chapters/1-one.md, glossary/index.md, timeline.md, questions.md]
"""
DOCS = {"index.md": "# Home\n", "chapters/1-one.md": chapter(1, "One", "Lenin spoke. Lenin again.")}
GLOSSARY = {"lenin.md": entry("Lenin", "A Russian revolutionary.", category="person")}


def plugin_project(tmp_path, link="every", hooks=""):
    return write_project(tmp_path, DOCS, GLOSSARY, config=PLUGIN_CONFIG.format(link=link, hooks=hooks))


def test_the_plugin_builds_the_guide_with_its_settings(tmp_path):
    site = build_site(plugin_project(tmp_path / "p"), tmp_path / "site")
    links = soup(site / "chapters/1-one.html").select("a.glossary-term")
    assert [a["href"] for a in links] == ["../glossary/lenin.html"] * 2  # link: every, from the plugin's settings
    places = soup(site / "glossary/lenin.html").select("ul.places a")
    assert [a["href"] for a in places] == ["../chapters/1-one.html#p1-1"]


def test_mkdocs_validates_the_plugins_settings(tmp_path, caplog):
    with pytest.raises(Abort):
        load_config(str(plugin_project(tmp_path / "p", link="sometimes")))
    assert "Plugin 'reading-guide' option 'link': must be one of first, every, not 'sometimes'" in caplog.text


def test_the_plugin_and_the_hook_file_together_are_refused(tmp_path, caplog):
    config = plugin_project(tmp_path / "p", hooks=f"hooks:\n  - {ROOT / 'hooks'}/guide.py\n")
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert "the reading-guide plugin and the hook file" in caplog.text and "are both listed" in caplog.text


def test_zensical_serve_recompiles_when_a_glossary_entry_changes(tmp_path):
    """The loop `reading-guide zensical serve` runs around the engine, with a stand-in engine that lives 6 s."""
    config = write_project(tmp_path, DOCS, GLOSSARY)
    result, _ = stage_for_zensical(config)
    staged = result.docs / "glossary" / "lenin.md"
    assert "A Russian revolutionary." in staged.read_text(encoding="utf-8")

    def edit():
        time.sleep(2)
        (tmp_path / "glossary" / "lenin.md").write_text(entry("Lenin", "Changed summary.", category="person"),
                                                        encoding="utf-8")

    threading.Thread(target=edit).start()
    code = serve_with_recompile(result, [sys.executable, "-c", "import time; time.sleep(6)"], config, interval=0.2)
    assert code == 0
    assert "Changed summary." in staged.read_text(encoding="utf-8")
