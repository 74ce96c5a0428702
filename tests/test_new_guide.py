"""A new guide made from a real book: a whole project that builds, tests and publishes on its own,
with every feature our own guide has (one test checks each feature on both)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from reading_guide import __version__

from conftest import BOOK_SWITCHES, ROOT, build_site, entry, soup

pytestmark = pytest.mark.slow  # real site builds

BOOK = ROOT / "tests" / "fixtures" / "import" / "thoreau-civil-disobedience.md"
WHEEL = f"vendor/reading_guide-{__version__}-py3-none-any.whl"


def new_guide(folder: Path, text: Path = BOOK) -> Path:
    run = subprocess.run([sys.executable, "-m", "reading_guide.cli", "new", str(text), str(folder)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return folder


def test_a_new_guide_builds_and_tests_on_its_own_elsewhere(tmp_path):
    """`reading-guide new` (the generator installed from this checkout, editable), the folder moved and
    made a repository: `make build` and `make test` pass there with no argument, installing the
    generator's wheel the guide carries, as its Pages workflow does."""
    made = new_guide(tmp_path / "made here")
    guide = tmp_path / "moved elsewhere" / "civil disobedience"
    shutil.copytree(made, guide)
    shutil.rmtree(made)  # nothing may point back at where it was made
    subprocess.run(["git", "init", "-q"], cwd=guide, check=True)
    subprocess.run(["git", "add", "-A"], cwd=guide, check=True)
    env = {k: v for k, v in os.environ.items() if k not in (*BOOK_SWITCHES, "VIRTUAL_ENV", "PYTHONPATH", "GENERATOR")}
    for target in ("build", "test"):
        run = subprocess.run(["make", target], cwd=guide, env=env, capture_output=True, text=True, timeout=900)
        assert run.returncode == 0, f"make {target}:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    assert "4 passed" in run.stdout
    assert (guide / "site" / "pdf" / "civil-disobedience.pdf").stat().st_size > 10_000
    # .venv holds the generator from the guide's own wheel (pip's record of where it came from)
    installed = next((guide / ".venv").glob("lib/python*/site-packages/reading_guide-*.dist-info"))
    assert json.loads((installed / "direct_url.json").read_text())["url"] == (guide / WHEEL).as_uri()
    # the workflow installs the same: its jobs run the Makefile's targets, which install requirements.txt,
    # which names the wheel, which git keeps (so the runner's checkout has it)
    workflow = yaml.safe_load((guide / ".github" / "workflows" / "pages.yml").read_text())
    runs = [step["run"] for job in ("test", "build") for step in workflow["jobs"][job]["steps"] if "run" in step]
    assert runs == ["make test", "make build"]
    makefile = (guide / "Makefile").read_text()
    assert "$(call install,$(VENV),requirements.txt)" in makefile and "$(VENV)/.runtime: requirements.txt $(wildcard vendor/*.whl)" in makefile
    assert (guide / "requirements.txt").read_text().splitlines()[-1] == WHEEL
    # Material's successor renders it too, from a venv of its own holding the same generator
    run = subprocess.run(["make", "build", "ENGINE=zensical"], cwd=guide, env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, f"make build ENGINE=zensical:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    installed = next((guide / ".venv-zensical").glob("lib/python*/site-packages/reading_guide-*.dist-info"))
    assert json.loads((installed / "direct_url.json").read_text())["url"] == (guide / WHEEL).as_uri()
    assert (guide / "site" / "pdf" / "civil-disobedience.pdf").stat().st_size > 10_000
    assert (guide / "site" / "glossary" / "index.html").is_file() and (guide / "site" / "my-notes.html").is_file()
    untracked = subprocess.run(["git", "ls-files", "--others", "--exclude-standard"], cwd=guide, capture_output=True, text=True, check=True).stdout
    assert untracked == "", untracked  # the engines' venvs and the staging folder are ignored
    with zipfile.ZipFile(guide / WHEEL) as wheel:  # the whole package: `reading-guide upgrade` reads its template
        package = {name for name in wheel.namelist() if name.startswith("reading_guide/")}
    assert package == {p.relative_to(ROOT / "src").as_posix() for p in (ROOT / "src" / "reading_guide").rglob("*")
                       if p.is_file() and "__pycache__" not in p.parts}
    tracked = subprocess.run(["git", "ls-files"], cwd=guide, capture_output=True, text=True, check=True).stdout.splitlines()
    assert WHEEL in tracked and "requirements.txt" in tracked
    for path in guide.rglob("*"):
        if path.is_file() and not {".venv", ".venv-zensical", ".guide-build", "site", ".git", "__pycache__",
                                   ".pytest_cache"} & set(path.parts):
            data = path.read_bytes()
            if path.suffix == ".whl":
                with zipfile.ZipFile(path) as wheel:
                    data = b"".join(wheel.read(name) for name in wheel.namelist())
            assert str(ROOT).encode() not in data and str(made).encode() not in data, path


def test_a_new_guide_holds_a_whole_project(tmp_path):
    guide = new_guide(tmp_path / "g")
    names = sorted(p.relative_to(guide).as_posix() for p in guide.rglob("*") if p.is_file())
    assert names == [
        ".github/workflows/pages.yml", ".gitignore", "Makefile", "README.md", "docs/about.md",
        "docs/chapters/1-civil-disobedience.md", "docs/index.md", "glossary-candidates.md", "glossary/.gitkeep", "hooks/guide.py", "mkdocs.yml",
        "requirements-properdocs.txt", "requirements-test.txt", "requirements-zensical.txt", "requirements.txt",
        "source/corrections.yml", "source/outline.yml",
        "source/thoreau-civil-disobedience.md",
        "tests/test_guide.py", WHEEL]
    requirements = (guide / "requirements.txt").read_text()
    assert "example" not in requirements and requirements.splitlines()[-1] == WHEEL  # installed editable here
    assert "installed from an editable checkout" in (guide / "README.md").read_text()
    assert "pytest" not in requirements and "pytest" in (guide / "requirements-test.txt").read_text()
    workflow = yaml.safe_load((guide / ".github" / "workflows" / "pages.yml").read_text())
    assert workflow["jobs"]["build"]["needs"] == "test" and workflow["jobs"]["deploy"]["needs"] == "build"
    assert (guide / ".gitignore").read_text().splitlines()[:2] == ["site/", ".venv/"]
    config = (guide / "mkdocs.yml").read_text()
    assert 'site_name: "Civil Disobedience"' in config and 'site_author: "Henry David Thoreau"' in config
    about = (guide / "docs" / "about.md").read_text()
    assert "Henry David Thoreau" in about and "1849" in about


# --- feature parity: our guide and a new one --------------------------------------------------------

NEW_REPOSITORY = "tester/civil-disobedience"


@pytest.fixture(scope="session")
def new_site(tmp_path_factory) -> Path:
    """A new guide from a corpus book, with one glossary entry (a dated event), built with the PDF
    as the Pages workflow builds it (GUIDE_REPOSITORY set)."""
    root = tmp_path_factory.mktemp("new")
    guide = new_guide(root / "guide")
    (guide / "glossary" / "mexican-american-war.md").write_text(entry(
        "Mexican War", "A war between the United States and Mexico, 1846–1848.", category="event",
        aliases=["Mexican war"], timeline=[{"date": "1846-05-13", "event": "The United States declares war."}]))
    os.environ["GUIDE_REPOSITORY"] = NEW_REPOSITORY
    try:
        return build_site(guide / "mkdocs.yml", root / "site")
    finally:
        del os.environ["GUIDE_REPOSITORY"]


GUIDES = {  # site fixture, a chapter page with a term, the term, its summary, the repository
    "ours": ("guide_site", "chapters/2-workers-power.html", "Tsar", "Russian monarch", "example/what-went-wrong-in-russia"),
    "new": ("new_site", "chapters/1-civil-disobedience.html", "Mexican war", "United States and Mexico", NEW_REPOSITORY),
}


@pytest.mark.parametrize("guide", GUIDES)
def test_every_feature_of_our_guide_is_in_a_new_one(request, chromium, guide):
    from reading_guide.testing import broken_links, outside_requests

    fixture, chapter, term, summary, repository = GUIDES[guide]
    site: Path = request.getfixturevalue(fixture)
    owner, name = repository.split("/")
    pages = sorted(site.rglob("*.html"))
    # the book, linked from every page
    for page in pages:
        link = soup(page).select_one("a.guide-pdf-link")
        assert link is not None, page
        if page.name != "404.html":  # its links are absolute under the site's path; broken_links checks them
            assert (page.parent / link["href"]).resolve().is_file(), (page, link["href"])
    # site_url and the repository link from extra.guide.repository / GUIDE_REPOSITORY
    assert f"https://{owner}.github.io/{name}/" in (site / "sitemap.xml").read_text()
    assert soup(site / "index.html").select_one(f"a[href='https://github.com/{repository}']") is not None
    # dark mode, the timeline in the nav, links and nothing from another host
    assert soup(site / "index.html").select("form[data-md-component='palette'] input[data-md-color-scheme='slate']")
    assert "timeline.html" in [a["href"] for a in soup(site / "index.html").select("nav.md-nav--primary a")]
    assert broken_links(site) == [] and outside_requests(site) == []
    # from file://: hovers and search, with no request anywhere
    context = chromium.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.goto((site / chapter).as_uri())
    page.locator("div.article a.glossary-term", has_text=term).first.hover()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
    tooltip.wait_for(state="visible", timeout=5000)
    assert summary in tooltip.inner_text()
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(term, delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=10000)
    assert term.lower() in page.locator(".md-search-result").inner_text().lower()
    # search from the build's words, in a Web Worker: no frame running it on the page's thread
    assert any(r.endswith("/search/search_words.js") for r in requests) and page.locator("iframe").count() == 0
    assert [r for r in requests if not r.startswith(("file://", "data:", "blob:"))] == []
    context.close()


def test_a_new_guide_has_the_readers_tools_with_its_own_title_and_author(chromium, new_site):
    """Citations name the text's author and title as the import found them; My notes on every page."""
    meta = {tag["name"]: tag["content"] for tag in soup(new_site / "chapters" / "1-civil-disobedience.html").select("head meta[name]")}
    assert meta["citation_author"] == meta["DC.creator"] == "Henry David Thoreau"
    assert meta["citation_inbook_title"] == "Civil Disobedience"
    assert all(soup(page).select_one("header a.guide-notes-link") for page in new_site.rglob("*.html"))
    assert (new_site / "my-notes.html").is_file() and (new_site / "assets" / "reading-guide" / "reader.js").is_file()
    context = chromium.new_context()
    page = context.new_page()
    page.goto((new_site / "chapters" / "1-civil-disobedience.html").as_uri())
    page.get_by_role("button", name="Cite paragraph 1.2", exact=True).click()
    chicago = page.locator("#guide-cite-chicago").get_attribute("data-plain")
    assert chicago.startswith("Henry David Thoreau. “") and "In Civil Disobedience." in chicago
    assert chicago.endswith(f"https://{NEW_REPOSITORY.replace('/', '.github.io/', 1)}/chapters/1-civil-disobedience.html#p1-2.")
    context.close()
