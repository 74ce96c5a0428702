"""HTML validity: the Nu HTML Checker (vnu, from the npm package vnu-jar) on every page of the built site.

Every error fails the test unless it is listed in THEME_ERRORS: markup that Material for MkDocs
itself writes, with the reason we accept it. Whatever our hooks, our templates (overrides/) or our
pages produce has to be valid.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import NODE_MODULES, ROOT, require_tool

pytestmark = pytest.mark.slow  # real site builds


@dataclass(frozen=True)
class Accepted:
    """An error the theme produces: vnu's message, the markup it quotes, the pages, and why it is accepted."""

    message: str  # regular expression on vnu's message
    markup: str  # regular expression on vnu's extract: the theme's own element
    reason: str
    pages: str = ".*"  # regular expression on the page's path in the site

    def matches(self, page: str, error: dict) -> bool:
        return bool(re.search(self.message, error.get("message", ""))
                    and re.search(self.markup, error.get("extract", ""))
                    and re.fullmatch(self.pages, page))


THEME_ERRORS = (
    Accepted(
        message=r"^Attribute “autocomplete” is only allowed when the input type is ",
        markup=r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" autocomplete="off">',
        reason="Material's base.html puts autocomplete=off on its two hidden checkboxes (menu drawer, search) "
               "so that Firefox does not restore them ticked on back/forward; browsers ignore it otherwise.",
    ),
    Accepted(
        message=r"^Bad value “” for attribute “tabindex” on element “label”",
        markup=r'<label class="md-nav__link" for="__nav_[\d_]+" id="__nav_[\d_]+_label" tabindex="">',
        reason="Material's nav-item.html writes tabindex=\"\" on the label of a navigation section "
               "(navigation.sections); an empty tabindex is ignored, the label stays out of the tab order as meant.",
    ),
    Accepted(
        message=r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
        markup=r'<label class="md-nav__title" for="__toc">',
        pages=r"glossary/(?!index\.html$)[^/]+\.html",
        reason="Material's toc.html labels the table of contents for the __toc checkbox, which nav-item.html writes "
               "only for a page in the navigation; the glossary entries are deliberately not in it (64 entries).",
    ),
)


def is_error(message: dict) -> bool:
    """vnu's errors, fatal errors and pages it could not read; its info and warnings are not."""
    return message.get("type") in ("error", "non-document-error")


def classify(messages: list[dict], site: Path) -> tuple[list[str], dict[Accepted, int]]:
    """(our errors as readable lines, how often each accepted theme error occurred)."""
    ours: list[str] = []
    accepted = {rule: 0 for rule in THEME_ERRORS}
    for message in filter(is_error, messages):
        page = page_path(message.get("url", ""), site)
        rule = next((rule for rule in THEME_ERRORS if message.get("subType") != "fatal" and rule.matches(page, message)), None)
        if rule:
            accepted[rule] += 1
        else:
            ours.append(f"{page}:{message.get('lastLine', '?')}: {message.get('message')}\n    {message.get('extract', '').strip()}")
    return ours, accepted


def page_path(url: str, site: Path) -> str:
    path = Path(url.removeprefix("file:"))
    return path.relative_to(site).as_posix() if path.is_relative_to(site) else url


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    """The command that runs the Nu HTML Checker, from `npm ci`, on the machine's Java."""
    jar = require_tool(NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar", "run `npm ci` (CI does)")
    java = require_tool(Path(shutil.which("java") or "/usr/bin/java"), "install Java 11 or newer (apt-get install default-jre-headless)")
    return [str(java), "-jar", str(jar), "--format", "json", "--skip-non-html"]


def check(vnu: list[str], files: list[Path]) -> list[dict]:
    """vnu's messages (JSON on stderr) for `files`."""
    result = subprocess.run([*vnu, *map(str, files)], capture_output=True, text=True, timeout=600)
    try:
        return json.loads(result.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu gave no JSON report (exit {result.returncode}):\n{result.stderr[-2000:]}")


@pytest.fixture(scope="module")
def site_pages(guide_site) -> list[Path]:
    return sorted(guide_site.rglob("*.html"))


@pytest.fixture(scope="module")
def site_report(vnu, guide_site, site_pages):
    """One vnu run over every page of the built site: (our errors, accepted theme errors by rule)."""
    return classify(check(vnu, site_pages), guide_site)


def test_every_page_of_the_site_is_checked(guide_site, site_pages):
    checked = {page.relative_to(guide_site).as_posix() for page in site_pages}
    chapters = {f"chapters/{path.stem}.html" for path in (ROOT / "docs" / "chapters").glob("*.md")}
    entries = {f"glossary/{path.stem}.html" for path in (ROOT / "glossary").glob("*.md")}
    others = {"index.html", "404.html", "about.html", "study-groups.html", "further-reading.html",
              "timeline.html", "questions.html", "glossary/index.html"}
    assert len(chapters) == 6 and len(entries) > 50
    assert chapters | entries | others <= checked


def test_no_html_errors_in_our_markup(site_report):
    ours, _ = site_report
    assert not ours, f"{len(ours)} HTML errors not from the theme:\n" + "\n".join(ours[:40])


def test_every_accepted_theme_error_still_occurs(site_report):
    """The list of accepted errors stays honest: an entry that no longer matches anything is removed."""
    _, accepted = site_report
    assert [rule.message for rule, count in accepted.items() if count == 0] == []


def test_an_error_in_our_markup_is_caught_and_a_theme_error_is_not(vnu, tmp_path):
    """A duplicated paragraph anchor (what a linker bug would produce) fails; the theme's checkbox does not."""
    page = tmp_path / "chapters" / "3-civil-war.html"
    page.parent.mkdir()
    page.write_text(
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Civil war</title></head><body>\n'
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
        '<div class="article"><p class="para" id="p3-2"><a class="para-num" href="#p3-2">2</a> One.</p>\n'
        '<p class="para" id="p3-2"><a class="para-num" href="#p3-2">3</a> Two.</p></div>\n'
        '</body></html>\n', encoding="utf-8")
    ours, accepted = classify(check(vnu, [page]), tmp_path)
    assert len(ours) == 1 and "Duplicate ID “p3-2”" in ours[0]
    assert ours[0].startswith("chapters/3-civil-war.html:")
    assert accepted[THEME_ERRORS[0]] == 1
