"""Page addresses as MkDocs writes them (and Zensical, which follows it), from docs-relative paths."""

from __future__ import annotations

import posixpath


def page_url(src: str, directory_urls: bool = False) -> str:
    """`chapters/3-civil-war.md` -> `chapters/3-civil-war.html` (or `chapters/3-civil-war/` with directory URLs)."""
    stem = src[:-3] if src.endswith(".md") else src
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def relative_url(url: str, other: str) -> str:
    """`url` as a link from the page at `other` (MkDocs' get_relative_url, for the same results)."""
    if other != ".":
        head, tail = posixpath.split(other)
        other = head if "." in tail else other
    relurl = posixpath.relpath("/" + url, "/" + other)
    return relurl + "/" if url.endswith("/") else relurl
