"""The reader's side of a built site, timed in Chromium (Playwright, /usr/bin/chromium; never a download).

    search_ready_s(site, page, word)   over HTTP: from the page's load event to the first results for
                                       `word`, typed as soon as the page has loaded
    first_search_stall_ms(site, page, word)   from file://: the longest main-thread task (the Long
                                       Tasks API) from the first keystroke to the first results

Minimal on purpose: one page, one word, one fresh browser context each. Returns None (and says why)
when Chromium or Playwright is missing, so the rest of the benchmark still runs.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("GUIDE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
RESULT = ".md-search-result__item"
TIMEOUT_MS = 120_000
LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
  .observe({type: "longtask", buffered: true});
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def serving(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def _with_browser(measure: Callable[[Any], float]) -> float | None:
    if not Path(CHROMIUM).exists():
        print(f"  (no Chromium at {CHROMIUM}: browser figures skipped)")
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("  (Playwright is not installed: `pip install -r requirements-test.txt`; browser figures skipped)")
        return None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--disable-background-networking"])
        try:
            return measure(browser)
        finally:
            browser.close()


def _search(page: Any, word: str) -> float:
    """Open the search (Material's keyboard shortcut), type `word`; the page's clock at the first key."""
    started: float = page.evaluate("performance.now()")
    page.keyboard.press("/")
    page.keyboard.type(word)
    page.wait_for_selector(RESULT, timeout=TIMEOUT_MS)
    return started


def search_ready_s(site: Path, page_path: str, word: str) -> float | None:
    def measure(browser: Any) -> float:
        with serving(site) as base:
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + page_path, wait_until="load")
            _search(page, word)
            ready_ms: float = page.evaluate("performance.now()")  # since the navigation started
            loaded_ms: float = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            context.close()
            return round((ready_ms - loaded_ms) / 1000, 3)

    return _with_browser(measure)


def first_search_stall_ms(site: Path, page_path: str, word: str) -> float | None:
    def measure(browser: Any) -> float:
        context = browser.new_context()
        context.add_init_script(LONG_TASKS)
        page = context.new_page()
        page.goto((site / page_path).resolve().as_uri(), wait_until="load")
        page.wait_for_timeout(500)  # the page's own start is not the search's
        started = _search(page, word)
        page.wait_for_timeout(100)  # the observer reports a task after it ends
        tasks: list[list[float]] = page.evaluate("window.__longTasks")
        context.close()
        return round(max([duration for start, duration in tasks if start + duration >= started] or [0.0]), 1)

    return _with_browser(measure)
