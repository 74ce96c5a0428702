"""Two builds of one commit, in separate processes with different hash seeds, give byte-identical
files: every page, the search index, the gzipped sitemap, the PDF and the EPUB."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BOOK_SWITCHES, ROOT

pytestmark = pytest.mark.slow

# Files allowed to differ between two builds, with the reason. None today: MkDocs writes the
# sitemap's gzip with a fixed time, and the books take their date from SOURCE_DATE_EPOCH.
MAY_DIFFER: dict[str, str] = {}


def build(site: Path, seed: str) -> subprocess.Popen[str]:
    """A build of the guide into `site`, started (its output in site.log: a file, not a pipe, which could fill)."""
    env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}
    for name in BOOK_SWITCHES:  # both books
        env.pop(name, None)
    with site.with_suffix(".log").open("w", encoding="utf-8") as log:
        return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                                 "-d", str(site)], env=env, stdout=log, stderr=subprocess.STDOUT, text=True)


def built(site: Path, process: subprocess.Popen[str]) -> Path:
    returncode = process.wait(timeout=300)
    assert returncode == 0, site.with_suffix(".log").read_text(encoding="utf-8")[-6000:]
    return site


def digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_in_separate_processes_are_byte_identical(tmp_path):
    # Both at once (they share nothing but the sources they read): on two idle cores, about one build's time.
    sites = {seed: tmp_path / f"site-{seed}" for seed in ("1", "2")}
    running = {seed: build(site, seed) for seed, site in sites.items()}
    try:
        first, second = (digests(built(sites[seed], process)) for seed, process in running.items())
    finally:  # a build that failed or hung takes the other with it
        for process in running.values():
            if process.poll() is None:
                process.kill()
                process.wait()
    assert first.keys() == second.keys()
    assert sorted(name for name in first if first[name] != second[name] and name not in MAY_DIFFER) == []
    assert any(name.endswith(".pdf") for name in first) and any(name.endswith(".epub") for name in first)
    assert len(first) > 100
