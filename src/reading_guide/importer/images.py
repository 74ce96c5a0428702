"""Images a Markdown text shows: copied into the guide next to the chapter pages, or named once
in the import's report when they cannot be (they were neither copied nor mentioned, and the build
then warned about each twice)."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

MD_IMAGE = re.compile(r"!\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)")  # ![alt](path "title") in Markdown


class _ImageSources(HTMLParser):
    """The src of every <img> in raw HTML that a Markdown text holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.sources += [value for name, value in attrs if name == "src" and value]


def local_images(markdown: str) -> list[str]:
    """The paths of the images a page shows from files beside it (not web addresses), in order, once each."""
    parser = _ImageSources()
    parser.feed(markdown)
    parser.close()
    found = [m.group(1) for m in MD_IMAGE.finditer(markdown)] + parser.sources
    return [src for src in dict.fromkeys(found)
            if not urlsplit(src).scheme and not src.startswith(("/", "#")) and urlsplit(src).path]


def copy_images(pages: dict[str, str], source_dir: Path, chapters_dir: Path) -> list[str]:
    """Copy the images the pages show from beside the text to beside the pages; the report's lines."""
    report = []
    for name, page in pages.items():
        for src in local_images(page):
            relative = unquote(urlsplit(src).path)
            origin, target = (source_dir / relative).resolve(), (chapters_dir / relative).resolve()
            if chapters_dir.resolve() not in target.parents:
                report.append(f"Image {src!r} (in {name}) points outside the guide's pages, so it was not copied; "
                              f"put it in a folder beside the text and change the path, or copy it into "
                              f"{chapters_dir} yourself")
            elif origin.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(origin, target)
                report.append(f"Image copied: {src} (in {name}) -> {target}")
            elif not target.is_file():
                report.append(f"Image {src!r} (in {name}) is not beside the text ({origin} is missing); copy it "
                              f"to {target}, or the page and the books show it as missing")
    return report
