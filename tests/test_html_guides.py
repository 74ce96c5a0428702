"""A new guide made from an HTML edition builds strict and passes its own checks with nothing edited:
the text's own notes need no source, images are copied, every word is in the chapters."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reading_guide import testing

from conftest import ROOT, build_site, soup

pytestmark = pytest.mark.slow  # real site builds

SOURCES = [ROOT / "tests" / "fixtures" / "gutenberg" / "kropotkin-conquest-of-bread" / "edition.htm",
           ROOT / "tests" / "fixtures" / "html" / "marxists-page.htm"]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.parent.name if p.name == "edition.htm" else p.stem)
def test_a_guide_from_an_html_edition_builds_strict_and_passes_its_checks(source: Path, tmp_path: Path):
    folder = tmp_path / "guide"
    run = subprocess.run([sys.executable, "-m", "reading_guide.cli", "new", str(source), str(folder)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert testing.fidelity_problems(folder / "mkdocs.yml") == []
    site = build_site(folder / "mkdocs.yml", tmp_path / "site")
    assert testing.broken_links(site) == [] and testing.outside_requests(site) == []
    pages = sorted((site / "chapters").glob("*.html"))
    notes = [a for page in pages for a in soup(page).select(".footnote li")]
    assert notes, "the text's own notes are on the pages"
    assert all("Author's note" in li.get_text() for li in notes)
    if source.stem == "marxists-page":
        assert (site / "images" / "leaflet.png").is_file()
        assert any(soup(page).select('img[src$="images/leaflet.png"]') for page in pages)
