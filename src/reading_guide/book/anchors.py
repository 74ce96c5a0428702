"""How the book names its pages and the ids on them, one spelling for both books.

A page's key comes from its source path; `key--id` names an element with an id on that page.
"""

from __future__ import annotations

import posixpath
import re


def page_key(src: str) -> str:
    return "page-" + "-".join(filter(None, re.split(r"[^A-Za-z0-9]+", src.rsplit(".", 1)[0])))


def clean_id(value: str) -> str:
    """An id that is a valid XML name part and a Typst label in both books."""
    return re.sub(r"[^A-Za-z0-9_.-]", "-", value)


def canonical(path: str) -> str:
    """One spelling per page: "a/b.html", "a/b/" and "a/b/index.html" all name a page the same way."""
    path = posixpath.normpath(path) if path else ""
    path = "" if path == "." else path
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path.rstrip("/")
