"""Shared test helpers: small guide projects and real MkDocs builds."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

MINI_CONFIG = """\
site_name: Mini guide
use_directory_urls: false
theme:
  name: material
  font: false
  features: [content.tooltips, navigation.footer]
hooks:
  - {hooks}/guide.py
markdown_extensions: [footnotes, attr_list, md_in_html, admonition, toc]
validation:
  links: {{not_found: warn, anchors: warn, unrecognized_links: warn}}
extra:
  guide:
    pdf: false
{extra}
"""


def entry(term: str, summary: str = "", **fields) -> str:
    """The text of a glossary entry file."""
    import yaml

    data = {"term": term, "category": fields.pop("category", "idea"),
            "summary": summary or f"What {term} means.",
            "sources": [{"title": "A. Historian, A Reference Work (A Press, 2001)", "url": "https://example.org/reference-work"}], **fields}
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n\nBody of the entry.\n"


def chapter(number: int, title: str, *paragraphs: str, before: str = "") -> str:
    body = "\n\n".join(paragraphs)
    return f"---\nchapter: {number}\n---\n\n# {title}\n\n{before}\n\n<div class=\"article\" markdown>\n\n{body}\n\n</div>\n"


def write_project(root: Path, docs: dict[str, str], glossary: dict[str, str | bytes],
                  extra: str = "", config: str | None = None) -> Path:
    """A small guide project in `root`, using this repository's hooks."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "glossary").mkdir(exist_ok=True)
    for name, text in docs.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name, content in glossary.items():
        path = root / "glossary" / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    text = config if config is not None else MINI_CONFIG.format(hooks=ROOT / "hooks", extra=textwrap.indent(extra, "    "))
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


def build_site(config_file: Path, site_dir: Path, strict: bool = True) -> Path:
    """A real MkDocs build, as `mkdocs build --strict` does it."""
    config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
    build(config)
    return site_dir


class Rendered:
    """A project taken through MkDocs' own build as far as every page's HTML (the `env` event): the
    guide's events on real MkDocs objects, with Material's templates, theme files and writing left
    out, which cost most of a small build. What a page shows inside its article is all here; the
    header, the search index and the books need a whole build (`mini`)."""

    def __init__(self, pages: dict, lines: list[tuple[int, str]]):
        self.pages = pages  # src_uri -> MkDocs Page, rendered (page.content, page.meta, page.url)
        self.lines = lines  # (level, message) of everything MkDocs and the guide logged

    def __getitem__(self, src_uri: str) -> BeautifulSoup:
        return BeautifulSoup(self.pages[src_uri].content, "html.parser")

    @property
    def warnings(self) -> list[str]:
        """What --strict would stop on."""
        return [message for level, message in self.lines if level >= logging.WARNING]

    def url(self, src_uri: str) -> str:
        return self.pages[src_uri].url


def render_project(config_file: Path, site_dir: Path) -> Rendered:
    """build() of MkDocs 1.6 up to on_env and on_post_build (mkdocs/commands/build.py), without
    copying the theme's files or rendering its templates. A PluginError (what stops a build) is raised as it is."""
    from mkdocs.commands.build import _populate_page
    from mkdocs.structure.files import get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    handler, logger = _Records(), logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        env = config.theme.get_env()
        files = get_files(config)
        files.add_files_from_theme(env, config)  # listed, as MkDocs does before on_files (never copied here)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        for file in files.documentation_pages():
            _populate_page(file.page or Page(None, file, config), config, files)
        config.plugins.on_env(env, config=config, files=files)
        config.plugins.on_post_build(config=config)
    except Exception as err:
        config.plugins.on_build_error(error=err)
        raise
    finally:
        logger.removeHandler(handler)
    del nav
    return Rendered({f.src_uri: f.page for f in files.documentation_pages()}, handler.records)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """`reading-guide ARGS` run in this process: its exit status and what it printed, as a subprocess gives
    them, with stdin empty and no terminal (as stdin=DEVNULL), without a new interpreter (about 0.5 s of CPU
    each). Tests of the command as a process (`python -m reading_guide.cli`) run it as one."""
    from reading_guide.cli import main

    out, err, stdin = io.StringIO(), io.StringIO(), sys.stdin
    sys.stdin = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as stop:  # argparse: --help (0), a usage error (2)
                code = 0 if stop.code is None else stop.code if isinstance(stop.code, int) else 1
    finally:
        sys.stdin = stdin
    return subprocess.CompletedProcess(["reading-guide", *args], code, out.getvalue(), err.getvalue())


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def tree_strategy(text, tags):
    """Hypothesis: element trees up to three levels deep, of `tags`, with `text` in text and tails."""
    import xml.etree.ElementTree as etree

    from hypothesis import strategies as st

    @st.composite
    def trees(draw, depth=0):
        tag = draw(tags) if depth else "div"
        el = etree.Element(tag, {"href": "x"} if tag == "a" else {})
        el.text = draw(text)
        if depth < 3:
            for child in draw(st.lists(trees(depth=depth + 1), max_size=3)):
                child.tail = draw(text)
                el.append(child)
        return el

    return trees


BOOK_SWITCHES = ("GUIDE_BOOKS", "GUIDE_PDF")  # GUIDE_BOOKS=0 skips both books; GUIDE_PDF=0 is its old name


SITE_FIXTURES = {"guide_site", "guide_url", "mini", "render", "chromium", "new_site", "html_build", "html_site", "html_url"}


def pytest_collection_modifyitems(items):
    """A test that needs a built site or a browser is slow, wherever it stands: `-m "not slow"` leaves
    the core, the importer and the content checks, which take seconds."""
    for item in items:
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def guide_site(tmp_path_factory) -> Path:
    """The real guide with its PDF, built once per test session into a temporary folder."""
    site = tmp_path_factory.mktemp("guide") / "site"
    for name in BOOK_SWITCHES:
        os.environ.pop(name, None)
    build_site(ROOT / "mkdocs.yml", site)
    return site


@pytest.fixture
def mini(tmp_path):
    """Build a small project: mini(docs={...}, glossary={...}) -> site folder."""

    def make(docs: dict[str, str], glossary: dict[str, str | bytes], extra: str = "", strict: bool = True) -> Path:
        config = write_project(tmp_path / "project", docs, glossary, extra)
        return build_site(config, tmp_path / "site", strict=strict)

    return make


@pytest.fixture
def render(tmp_path):
    """Render a small project's pages, no site written: render(docs={...}, glossary={...}) -> Rendered.
    The middle level between the pure core's tests and whole builds (`mini`): about a tenth of a build."""

    def make(docs: dict[str, str], glossary: dict[str, str | bytes], extra: str = "") -> Rendered:
        config = write_project(tmp_path / "project", docs, glossary, extra)
        return render_project(config, tmp_path / "site")

    return make


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright; skipped only where it is missing and CI does not require it."""
    executable = os.environ.get("GUIDE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        if os.environ.get("GUIDE_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required (GUIDE_REQUIRE_BROWSER is set): apt-get install chromium")
        pytest.skip("Chromium not installed: apt-get install chromium (CI installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--disable-background-networking"])
        yield browser
        browser.close()


def serve(folder: Path, prefix: str = ""):
    """Serve `folder` on 127.0.0.1 (at /prefix/ if given) in a thread; returns (base URL, server)."""
    import functools
    import http.server
    import threading

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            if prefix:
                if not path.startswith(f"/{prefix}/"):
                    return str(folder / "__outside_prefix__")
                path = path[len(prefix) + 1:]
            return super().translate_path(path)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/" + (f"{prefix}/" if prefix else "")
    return base, server


@pytest.fixture(scope="session")
def guide_url(guide_site):
    base, server = serve(guide_site)
    yield base
    server.shutdown()


NODE_MODULES = ROOT / "node_modules"


def require_tool(path: Path, install: str) -> Path:
    """`path` if it exists; else skip the test locally, or fail it where CI requires every browser test."""
    if path.exists():
        return path
    reason = f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} is missing: {install}"
    if os.environ.get("GUIDE_REQUIRE_BROWSER"):
        pytest.fail(f"{reason} (required because GUIDE_REQUIRE_BROWSER is set)")
    pytest.skip(reason)


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.getMessage()))


@pytest.fixture(scope="session")
def html_build(tmp_path_factory) -> tuple[Path, list[str]]:
    """The real guide without its books (GUIDE_BOOKS=0), built once per test session, and what the
    glossary hooks logged: for tests of the pages and the search index, which need no book."""
    site = tmp_path_factory.mktemp("guide-html") / "site"
    before = os.environ.get("GUIDE_BOOKS")
    os.environ["GUIDE_BOOKS"] = "0"
    handler, logger = _Lines(), logging.getLogger("mkdocs.plugins.reading-guide")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        build_site(ROOT / "mkdocs.yml", site)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        if before is None:
            os.environ.pop("GUIDE_BOOKS", None)
        else:
            os.environ["GUIDE_BOOKS"] = before
    return site, handler.lines


@pytest.fixture(scope="session")
def html_site(html_build) -> Path:
    return html_build[0]


@pytest.fixture(scope="session")
def html_url(html_site):
    base, server = serve(html_site)
    yield base
    server.shutdown()
