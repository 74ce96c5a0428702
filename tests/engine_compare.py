"""What a built guide shows a reader, engine by engine, in a form two builds can be compared by:
pages, term links and their targets, hover summaries, paragraph anchors, back-links, search entries.
Read from the built HTML with BeautifulSoup (tests only)."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

SKIPPED = {"404.html"}


def pages(site: Path) -> list[str]:
    """Every page of the guide (not the theme's assets, not the 404 page)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if p.name not in SKIPPED and not p.relative_to(site).as_posix().startswith(("assets/", "search/")))


def article(path: Path) -> BeautifulSoup:
    found = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article.md-content__inner")
    assert found is not None, f"{path}: no article"
    return found


def features(site: Path) -> dict[str, dict[str, list[tuple[str, ...]]]]:
    """page -> what a reader meets on it, each a list in document order."""
    shown: dict[str, dict[str, list[tuple[str, ...]]]] = {}
    for page in pages(site):
        body = article(site / page)
        shown[page] = {
            "term links": [(a.get_text(), a["href"], a.get("title", "")) for a in body.select("a.glossary-term")],
            "hover only": [(a.get_text(), a.get("title", "")) for a in body.select("abbr.glossary-term")],
            "paragraphs": [(p["id"], p.select_one("a.para-num").get_text()) for p in body.select("p.para")],
            "back-links": [(a.get_text(), a["href"]) for a in body.select("ul.places a")],
            "timeline": [(a.get_text(), a["href"]) for a in body.select(".timeline-links a")],
        }
    return shown


def search_entries(site: Path) -> dict[str, str]:
    """location -> the entry's text without markup, from whichever index the engine wrote."""
    for name in ("search/search_index.json", "search.json"):
        if (site / name).is_file():
            data = json.loads((site / name).read_text(encoding="utf-8"))
            docs = data.get("docs") or data.get("items") or []
            return {d["location"]: " ".join(BeautifulSoup(d.get("text", ""), "html.parser").get_text().split())
                    for d in docs}
    raise AssertionError(f"{site}: no search index")


def reader_parts(site: Path) -> dict[str, dict[str, object]]:
    """page (the 404 page too) -> what the templates of the MkDocs plugin add to it: the reader's data
    (parsed JSON), the citation meta tags, the header's links to the books and My notes, and whether a
    Content-Security-Policy is there (its hashes differ with each engine's inline scripts)."""
    found: dict[str, dict[str, object]] = {}
    for page in [*pages(site), *SKIPPED]:
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        data = soup.select_one("script#reading-guide-data[type='application/json']")
        policy = soup.select_one("head meta[http-equiv='Content-Security-Policy']")
        found[page] = {
            "data": json.loads(data.string) if data is not None and data.string else None,
            "meta": [(m["name"], m["content"]) for m in soup.select("head meta[name]")
                     if m["name"].startswith(("citation_", "DC."))],
            "links": [(" ".join(a["class"]), a["href"], a.get("title", ""), a.get("aria-label", ""))
                      for a in soup.select("nav.md-header__inner a[class*='guide-']")],
            "policy": policy is not None and "script-src 'self' file: 'sha256-" in policy.get("content", ""),
        }
    return found
