"""Publishing: the site under a GitHub Pages sub-path, crawled; the Pages workflow."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
import yaml

from conftest import ROOT, serve, soup

pytestmark = pytest.mark.slow  # real site builds

PREFIX = "what-went-wrong-in-russia"  # the sub-path of the default extra.guide.repository


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body = response.read()
            return response.status, response.headers.get_content_type(), body.decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, "", ""


def crawl(start: str, root: str) -> tuple[dict[str, str], list[str]]:
    """Every page and file reachable from `start` under `root`: (html by URL, broken references)."""
    from bs4 import BeautifulSoup

    pages: dict[str, str] = {}
    seen, queue, broken, fragments = {start}, [start], [], []
    while queue:
        url = queue.pop()
        status, kind, body = fetch(url)
        if status != 200:
            broken.append(f"{url}: HTTP {status}")
            continue
        if kind != "text/html":
            continue
        pages[url] = body
        for tag in BeautifulSoup(body, "html.parser").select("a[href], link[href], script[src], img[src]"):
            ref = tag.get("href") or tag.get("src")
            if tag.name == "link" and set(tag.get("rel", [])) & {"canonical", "alternate"}:
                continue
            target = urljoin(url, ref)
            if urlsplit(target).scheme not in ("http", "https") or not target.startswith(root):
                continue
            page, fragment = urldefrag(target)
            if fragment:
                fragments.append((url, page, fragment))
            if page not in seen:
                seen.add(page)
                queue.append(page)
    ids: dict[str, set[str]] = {}  # each page parsed once, not once per link into it
    for source, page, fragment in fragments:
        if page not in pages:
            continue
        if page not in ids:
            ids[page] = soup_ids(pages[page])
        if fragment not in ids[page]:
            broken.append(f"{source} -> {page}#{fragment}: no such anchor")
    return pages, broken


def soup_ids(body: str) -> set[str]:
    from bs4 import BeautifulSoup

    return {el["id"] for el in BeautifulSoup(body, "html.parser").select("[id]")}


@pytest.mark.parametrize("prefix", ["", PREFIX])
def test_crawl_finds_no_broken_link_or_anchor(guide_site, prefix):
    base, server = serve(guide_site, prefix)
    try:
        pages, broken = crawl(base, base)
        assert broken == []
        assert len(pages) >= 70  # chapters, glossary entries, timeline, ...
    finally:
        server.shutdown()


def test_404_page_works_under_the_sub_path(guide_site):
    base, server = serve(guide_site, PREFIX)
    try:
        status, _, _body = fetch(base + "no/such/page.html")  # a host serves 404.html for this
        assert status == 404
        page = (guide_site / "404.html").read_text(encoding="utf-8")
        refs = [tag.get("href") or tag.get("src") for tag in soup(guide_site / "404.html").select("link[href], script[src], a.md-logo")]
        for ref in refs:
            target = urljoin(base + "no/such/page.html", ref)
            assert target.startswith(base), ref  # absolute under the sub-path, so it works at any depth
            assert fetch(target)[0] == 200, target
        assert "404" in page
    finally:
        server.shutdown()


def test_the_pages_workflow_builds_with_the_readme_command():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    commands = [step.get("run", "") for step in steps]
    readme = (ROOT / "README.md").read_text()
    assert "make build" in commands and re.search(r"^make build\b", readme, re.M)
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job.get("steps", [])]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert next(s for s in steps if "upload-pages-artifact" in s.get("uses", ""))["with"]["path"] == "site"
    assert workflow["jobs"]["build"]["env"]["GUIDE_REPOSITORY"] == "${{ github.repository }}"
    # nothing is deployed unless the tests pass: the CI workflow, which runs the README's test command
    assert workflow["jobs"]["tests"]["uses"] == "./.github/workflows/ci.yml"
    assert workflow["jobs"]["build"]["needs"] == "tests" and workflow["jobs"]["deploy"]["needs"] == "build"
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    assert {"push", "pull_request", "workflow_call"} <= set(ci[True])  # YAML 1.1 reads "on" as True
    assert [s["run"] for s in ci["jobs"]["test"]["steps"] if "run" in s][-1] == "make test"
    assert re.search(r"^make test\b", readme, re.M)
