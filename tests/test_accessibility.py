"""Accessibility in Chromium: axe-core at WCAG 2.1 A and AA on every page, in light and dark mode;
glossary summaries reachable by keyboard and exposed to screen readers.

The site is served under its GitHub Pages sub-path (from site_url), so that the 404 page, whose
links are absolute, gets its styles and scripts as it does when published.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import NODE_MODULES, ROOT, require_tool, serve, soup

pytestmark = pytest.mark.slow  # real site builds

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
SCHEMES = {"light": "default", "dark": "slate"}  # mode -> Material's data-md-color-scheme

AUDIT = """options => axe.run(document, options).then(result => ({
  scheme: document.body.getAttribute("data-md-color-scheme"),
  background: getComputedStyle(document.body).backgroundColor,
  violations: result.violations.map(v => ({rule: v.id, help: v.help,
    nodes: v.nodes.map(n => `${n.target.join(" ")}: ${n.failureSummary.split("\\n")[1] || ""}`.trim())})),
}))"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    return require_tool(NODE_MODULES / "axe-core" / "axe.min.js", "run `npm ci` (CI does)").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site_pages(guide_site) -> list[str]:
    return sorted(page.relative_to(guide_site).as_posix() for page in guide_site.rglob("*.html"))


@pytest.fixture(scope="module")
def site_root(guide_site):
    """The built site served under the sub-path of its site_url, as on GitHub Pages."""
    canonical = soup(guide_site / "index.html").select_one('link[rel="canonical"]')
    prefix = urlsplit(canonical["href"]).path.rpartition("/")[0].strip("/") if canonical else ""
    base, server = serve(guide_site, prefix)
    yield base
    server.shutdown()


def open_tab(chromium, axe_source: str):
    """A tab whose every page gets axe-core; the system preference is light in both modes."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    context.add_init_script(axe_source)
    return context.new_page()


def switch_mode(tab, mode: str) -> None:
    """Material's own palette toggle; it remembers the choice (localStorage), so the next page opens in it.

    Clicked without moving the mouse, which would leave a tooltip fading in under the pointer.
    """
    tab.locator('form[data-md-component="palette"] label:not([hidden])').evaluate("label => label.click()")
    tab.wait_for_function("scheme => document.body.getAttribute('data-md-color-scheme') === scheme"
                          " && !document.body.hasAttribute('data-md-color-switching')", arg=SCHEMES[mode], timeout=5000)


@pytest.fixture(scope="module")
def audits(chromium, axe_source, site_root, site_pages) -> dict[str, dict[str, dict]]:
    """axe on every page in both modes: {mode: {page: {scheme, background, violations}}}.

    One tab, each page loaded once: audited in the mode it opens in, switched with the toggle,
    audited again. Pages therefore open alternately light and dark (remembered from the page
    before), so dark mode is audited both as a page opens in it and right after switching.
    """
    tab = open_tab(chromium, axe_source)
    results: dict[str, dict[str, dict]] = {mode: {} for mode in SCHEMES}
    mode = "light"
    for page in site_pages:
        tab.goto(site_root + page)
        results[mode][page] = tab.evaluate(AUDIT, AXE_OPTIONS)
        mode = "dark" if mode == "light" else "light"
        switch_mode(tab, mode)
        results[mode][page] = tab.evaluate(AUDIT, AXE_OPTIONS)
    tab.context.close()
    return results


def luminance(css_colour: str) -> float:
    """Rough relative luminance (0 black .. 1 white) of an `rgb(...)`/`rgba(...)` colour."""
    red, green, blue = (float(part) for part in css_colour[css_colour.index("(") + 1:-1].split(",")[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def test_every_page_of_the_site_is_audited(site_pages):
    chapters = {f"chapters/{path.stem}.html" for path in (ROOT / "docs" / "chapters").glob("*.md")}
    entries = {f"glossary/{path.stem}.html" for path in (ROOT / "glossary").glob("*.md")}
    others = {"index.html", "404.html", "about.html", "study-groups.html", "further-reading.html",
              "timeline.html", "questions.html", "glossary/index.html"}
    assert len(chapters) == 6 and len(entries) > 50
    assert chapters | entries | others <= set(site_pages)


@pytest.mark.parametrize("mode", SCHEMES)
def test_every_page_is_in_the_mode_it_was_audited_in(audits, mode):
    """Dark mode is really on (Material's scheme attribute and a dark background), on every page."""
    wrong = {page: (audit["scheme"], audit["background"]) for page, audit in audits[mode].items()
             if audit["scheme"] != SCHEMES[mode] or (luminance(audit["background"]) < .5) != (mode == "dark")}
    assert not wrong, f"pages not in {mode} mode: {wrong}"


@pytest.mark.parametrize("mode", SCHEMES)
def test_axe_finds_no_wcag_21_aa_violation(audits, mode):
    found = [f"{page}: {v['rule']} ({v['help']}), {len(v['nodes'])} elements, e.g. {v['nodes'][0]}"
             for page, audit in audits[mode].items() for v in audit["violations"]]
    assert not found, f"{len(found)} axe violations in {mode} mode:\n" + "\n".join(found[:40])


def accessible_node(tab, expression: str) -> dict[str, str]:
    """Chromium's computed accessibility node (role, name, description) for a JavaScript expression's element."""
    cdp = tab.context.new_cdp_session(tab)
    element = cdp.send("Runtime.evaluate", {"expression": expression})["result"]
    node = cdp.send("Accessibility.getPartialAXTree", {"objectId": element["objectId"], "fetchRelatives": False})["nodes"][0]
    cdp.detach()
    return {key: node.get(key, {}).get("value", "") for key in ("role", "name", "description")}


@pytest.fixture
def chapter_tab(chromium, axe_source, site_root):
    tab = open_tab(chromium, axe_source)
    tab.goto(site_root + "chapters/2-workers-power.html")
    yield tab
    tab.context.close()


def test_a_glossary_term_is_reached_with_tab_and_its_summary_announced(chapter_tab):
    """Tab reaches the first term; Material's tooltip shows its summary and is the link's accessible description."""
    tab = chapter_tab
    term = tab.locator(".md-content a.glossary-term").first
    summary, href = term.get_attribute("title"), term.get_attribute("href")
    assert summary
    for _ in range(200):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.matches('a.glossary-term')"):
            break
    assert tab.evaluate("document.activeElement.getAttribute('href')") == href, "Tab did not reach the first glossary term"
    tab.wait_for_function("document.activeElement.hasAttribute('aria-describedby')", timeout=5000)
    tooltip = tab.locator("#" + tab.evaluate("document.activeElement.getAttribute('aria-describedby')"))
    tooltip.wait_for(state="visible", timeout=5000)
    tooltip.evaluate("el => Promise.all(el.getAnimations().map(a => a.finished))")  # fully faded in
    assert tooltip.get_attribute("role") == "tooltip"
    assert tooltip.inner_text().strip() == summary
    node = accessible_node(tab, "document.activeElement")
    assert node["role"] == "link" and node["description"].strip() == summary
    # With the tooltip open and the focus ring shown, the page still passes.
    assert tab.evaluate(AUDIT, AXE_OPTIONS)["violations"] == []


def test_a_later_occurrence_exposes_its_summary_to_screen_readers(chapter_tab):
    """`abbr.glossary-term` (later occurrences, hover only): Chromium gives its summary to assistive technology."""
    abbr = chapter_tab.locator(".md-content abbr.glossary-term").first
    summary = abbr.get_attribute("title")
    node = accessible_node(chapter_tab, "document.querySelector('.md-content abbr.glossary-term')")
    assert summary and summary in (node["name"], node["description"])


def test_every_hover_only_summary_is_also_reachable_by_keyboard(guide_site):
    """Each summary shown on hover over an `abbr` is also the summary of a focusable term link on the same page,
    so keyboard users get every summary without a tab stop on each of a chapter's hundred repetitions."""
    missing = {}
    for path in sorted(guide_site.rglob("*.html")):
        page = soup(path)
        linked = {link.get("title") for link in page.select("a.glossary-term[href]")}
        hover_only = {abbr.get("title") for abbr in page.select("abbr.glossary-term")} - linked
        if hover_only:
            missing[path.relative_to(guide_site).as_posix()] = sorted(hover_only)
    assert not missing, f"summaries shown only on hover: {missing}"
    assert any(soup(path).select("abbr.glossary-term") for path in (guide_site / "chapters").glob("*.html"))
