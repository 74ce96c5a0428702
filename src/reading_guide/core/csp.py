"""The Content-Security-Policy of a built page, whatever renders it: its own files only, and inline
script only by the SHA-256 of each script's exact text (no event handler attributes, no javascript:
URLs). The MkDocs plugin hashes the theme's inline script partials as main.html renders them for the
page; another engine's pages are hashed after the build, from their own inline scripts."""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Iterable
from html.parser import HTMLParser

# Styles inline are Material's (its tooltips and palette set them). `file:` lets pages opened from disk
# load their scripts in Chromium.
POLICY = ("default-src 'self' file:; script-src 'self' file: {hashes}; style-src 'self' file: 'unsafe-inline'; "
          "img-src 'self' file: data:; font-src 'self' file: data:; connect-src 'self' file:; "
          "worker-src 'self' file: blob:; frame-src 'self' file:; object-src 'none'; base-uri 'self'; "
          "form-action 'self'")
RUNS = ("module", "text/javascript", "application/javascript")  # a `type` of JSON data is not script


def runs(script_type: str | None) -> bool:
    """Whether a script element of this `type` (None: no attribute) is code the browser runs."""
    return (script_type or "text/javascript").strip().lower() in RUNS


class _InlineScripts(HTMLParser):
    """The text of every inline script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            values = dict(attrs)
            self._open = [] if "src" not in values and runs(values.get("type")) else None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.scripts.append("".join(self._open))
            self._open = None


def policy(scripts: Iterable[str]) -> str:
    """The policy allowing exactly these inline scripts (their texts, as the page holds them)."""
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
                     for s in scripts})
    return POLICY.format(hashes=" ".join(hashes))


@functools.lru_cache(maxsize=32)  # pages at one depth share their theme's scripts: parsed once, not per page
def policy_for(theme_scripts: str) -> str:
    """The policy of a page whose theme writes `theme_scripts` (HTML holding its inline scripts)."""
    parser = _InlineScripts()
    parser.feed(theme_scripts)
    parser.close()
    return policy(parser.scripts)
