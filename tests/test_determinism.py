"""Two builds from the same commit give byte-identical files (the PDF and the gzipped sitemap included)."""

from __future__ import annotations

import hashlib

from conftest import ROOT, build_site

# Files allowed to differ between two builds, with the reason. None today: MkDocs writes the
# sitemap's gzip with a fixed time, and the books take their date from SOURCE_DATE_EPOCH or the last commit.
MAY_DIFFER: dict[str, str] = {}


def digests(site) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(guide_site, tmp_path):
    again = build_site(ROOT / "mkdocs.yml", tmp_path / "site")
    first, second = digests(guide_site), digests(again)
    assert first.keys() == second.keys()
    differ = sorted(name for name in first if first[name] != second[name] and name not in MAY_DIFFER)
    assert differ == []
    assert any(name.endswith(".pdf") for name in first) and any(name.endswith(".epub") for name in first)
