"""How fast a guide's search is in a real browser: one reusable measurement (tests and benchmarks).

`measure_search(page, url, query)` opens `url` (http:// or file://) in a Playwright page, waits for
the load event, opens Material's search and types `query`, and returns a SearchTiming:

- `ready_ms`: when the search worker said it was ready (Material's READY message), in ms after
  the page's navigation started; None if it never did within the timeout. From file:// Material
  sets search up only when it is first used, so there it comes after typing began.
- `load_ms`: the page's load event, in ms after navigation start (over HTTP, "ready after load"
  is `ready_ms - load_ms`).
- `results_ms`: from opening search (a click on its field) until the results for the whole
  query came, typing included (20 ms a key).
- `longest_setup_task_ms`: the longest Long Task from opening search until the first result
  came: what setting search up costs the page (building the index, when it ran on the page's
  thread). After that, each result's rendering is Material's page work, the same however the
  index was made (100-300 ms for 50 long chapters on a loaded 2-core machine).
- `longest_task_ms`: the longest stall of the page's main thread from opening search until the
  results: the longest Long Task (PerformanceObserver "longtask") or the longest gap between two
  animation frames, whichever is longer.
- `results`: the worker's result for the whole query, group by group: each item's location,
  score-ordered as Material shows them, with its highlighted title and text, for comparing two
  builds' results item for item.

It works on any Material site, ours before and after the prebuilt words alike: the page's
Worker and synthetic message events are observed (an init script), nothing in the site is changed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

OBSERVE = """
(() => {
  const log = window.__searchTiming = { ready: null, results: [], frames: [], tasks: [], lastKey: 0 };
  addEventListener("keydown", () => { log.lastKey = performance.now(); }, true);
  const seen = data => {
    if (!data || typeof data !== "object") return;
    if (data.type === 1 && log.ready === null) log.ready = performance.now();
    if (data.type === 3) log.results.push({ at: performance.now(), data: data.data });
  };
  log.queries = 0;
  const sent = data => { if (data && data.type === 2) log.queries += 1; };
  const Native = window.Worker;
  log.workers = [];
  log.answers = [];
  window.Worker = function (url, options) {
    const worker = new Native(url, options);
    worker.addEventListener("message", event => {
      seen(event.data);
      if (event.data && event.data.type === 3) log.answers.push(event.data.data);  // this worker's alone
    });
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (data, ...rest) => { sent(data); return post(data, ...rest); };
    log.workers.push(worker);
    return worker;
  };
  let frameWorker;  // the iframe-worker shim's class, where search runs in a frame
  Object.defineProperty(window, "IFrameWorker", { configurable: true, get: () => frameWorker, set: value => {
    frameWorker = value;
    const post = value.prototype.postMessage;
    value.prototype.postMessage = function (data) { sent(data); return post.call(this, data); };
  } });
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (event) {  // shims' workers (iframe, Blob) dispatch
    // a wrapper round a real worker (ours) dispatches what that worker said: counted once
    if (event instanceof MessageEvent && !(this instanceof Window) && !log.workers.length) seen(event.data);
    return dispatch.call(this, event);
  };
  try {
    new PerformanceObserver(list => {
      for (const entry of list.getEntries()) log.tasks.push([entry.startTime, entry.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch (err) { /* no Long Tasks API: the frame gaps still tell */ }
  const frame = at => { log.frames.push(at); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
})();
"""


@dataclass
class SearchTiming:
    ready_ms: float | None
    load_ms: float
    results_ms: float
    longest_task_ms: float
    longest_long_task_ms: float = 0.0  # of which the Long Tasks API's alone
    longest_frame_gap_ms: float = 0.0  # and the animation frames' alone
    longest_setup_task_ms: float = 0.0  # the longest Long Task before the first result came: setting search up
    results: list[list[dict[str, Any]]] = field(default_factory=list)


def measure_search(page: Any, url: str, query: str, *, timeout_ms: float = 120_000) -> SearchTiming:
    """Open `url` in `page` (a fresh Playwright page), search for `query`; see the module's doc."""
    page.add_init_script(OBSERVE)
    page.goto(url, wait_until="load", timeout=timeout_ms)
    load_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    # from the moment search is opened (from file:// that is when Material sets it up), once the
    # page is idle: what it does on opening is not the search's
    page.evaluate("new Promise(done => requestIdleCallback(done, { timeout: 3000 }))")
    start = page.evaluate("performance.now()")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.press_sequentially(query, delay=20)
    # Material searches as one types: the answer to the whole query is the last result, once every
    # query sent has its answer (the quiet time after it is not counted).
    page.wait_for_function(
        """() => {
          const log = window.__searchTiming;
          const last = log.results[log.results.length - 1];
          return last !== undefined && last.at > log.lastKey && log.results.length >= log.queries
            && performance.now() - last.at > 300;
        }""", timeout=timeout_ms, polling=50)
    log = page.evaluate("""() => {
      const log = window.__searchTiming;
      const last = log.results[log.results.length - 1];
      return { ready: log.ready, tasks: log.tasks, frames: log.frames, end: last.at, first: log.results[0].at,
               items: last.data.items.map(group => group.map(item => ({
                 location: item.location, title: item.title, text: item.text }))) };
    }""")
    end = log["end"]
    tasks = [duration for at, duration in log["tasks"] if start <= at <= end]
    setup = [duration for at, duration in log["tasks"] if start <= at < log["first"]]
    frames = [at for at in log["frames"] if start <= at <= end + 100]
    gaps = [b - a for a, b in itertools.pairwise(frames)]
    if frames:
        gaps.append(frames[0] - start)
    return SearchTiming(ready_ms=log["ready"], load_ms=load_ms, results_ms=end - start,
                        longest_task_ms=max([*tasks, *gaps, 0.0]), longest_long_task_ms=max([*tasks, 0.0]),
                        longest_frame_gap_ms=max([*gaps, 0.0]), longest_setup_task_ms=max([*setup, 0.0]),
                        results=log["items"])


ASK = """async (queries) => {
  // Material sends a query of its own when the worker is ready (the field's value, often empty):
  // the first query here waits until every query sent so far has had its answer for a while, and
  // each takes the answer to its own (the worker answers in order, one result a query).
  const log = window.__searchTiming;
  const worker = log.workers[log.workers.length - 1];
  await new Promise(resolve => {
    let calm = 0;
    const check = () => {
      calm = log.answers.length >= log.queries ? calm + 1 : 0;
      if (calm >= 3) resolve(); else setTimeout(check, 20);
    };
    check();
  });
  const answers = [];
  for (const query of queries) {
    const mine = log.answers.length;
    answers.push(await new Promise(resolve => {
      const listen = () => {
        if (log.answers.length <= mine) return;
        worker.removeEventListener("message", listen);
        resolve(log.answers[mine].items.map(group => group.map(item => ({
          location: item.location, title: item.title, text: item.text }))));
      };
      worker.addEventListener("message", listen);
      worker.postMessage({ type: 2, data: query });
    }));
  }
  return answers;
}"""


def search_results(page: Any, url: str, queries: list[str], *, timeout_ms: float = 120_000) -> list[list[list[dict[str, Any]]]]:
    """Every query's result from the page's search worker, as Material would show it for that input
    (location, highlighted title and text, group by group), asked of the worker directly once it is
    ready: hundreds of queries in seconds. Needs a site whose search runs in a real Worker."""
    page.add_init_script(OBSERVE)
    page.goto(url, wait_until="load", timeout=timeout_ms)
    page.locator("label.md-search__icon, .md-search__input").first.click()  # from file:// search starts on first use
    page.wait_for_function("() => window.__searchTiming.ready !== null", timeout=timeout_ms, polling=50)
    answers: list[list[list[dict[str, Any]]]] = page.evaluate(ASK, queries)
    return answers
