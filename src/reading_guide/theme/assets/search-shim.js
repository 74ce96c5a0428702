/* The reading-guide generator's search worker, for Material's search: a real Web Worker, from
   file:// as over HTTP, so that the page's thread never builds or searches the index.

   Material starts its search worker with `new Worker(url)`. A page opened from disk may not start
   a Worker from a file: URL, so Material's offline plugin ran the worker in a hidden frame, on the
   page's own thread (iframe-worker-shim.js): the first search froze the page while it built the
   index. Here the worker starts from a Blob instead, whose source a script file brought
   (search-worker-source.js: search-worker.js, Material's worker, the lunr language scripts).
   The build's words for the index (search/search_words.js) go to it before Material's setup:
   over HTTP this page fetches them as it loads and moves them to the worker (which loads them
   itself should that fail); from disk (where a worker cannot load a file)
   this page loads them, as a single string, when Material sets search up (on the first use of
   search, as Material defers it there) and passes them on. Should a Blob worker be refused, the
   hidden frame of before still works. */
"use strict";
(() => {
  const Native = window.Worker;
  const SEARCH = /\/workers\/search\.[0-9a-f]+\.min\.js(\?.*)?$/;
  const fromDisk = location.protocol === "file:";

  // Over HTTP the build's words are fetched at once, while the page loads (Material's bundle
  // starts the worker only once it has run), and handed to the worker as they came: moved to
  // it, not copied, and read there. The site's root is two folders up from this script.
  const script = document.currentScript;
  const early = !fromDisk && script && script.src && typeof window.readingGuideSearchWorker === "string"
    ? { url: `${new URL("../../search/search_words.js", script.src)}` } : null;
  if (early) {
    early.buffer = fetch(early.url).then(response => {
      if (!response.ok) throw new Error(`${early.url}: ${response.status}`);
      return response.arrayBuffer();
    });
    early.buffer.catch(() => {}); // then the worker reads them itself, and says so if it cannot
  }

  function siteBase() {
    const config = document.getElementById("__config");
    const base = (config && JSON.parse(config.textContent).base) || ".";
    return new URL(`${base}/`.replace(/\/+$/, "/"), location.href);
  }

  function loadScript(url) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.async = true;
      script.onload = () => { script.remove(); resolve(); };
      script.onerror = () => { script.remove(); reject(new Error(`cannot load ${url}`)); };
      document.head.appendChild(script);
    });
  }

  class SearchWorker extends EventTarget {
    constructor(worker) {
      super();
      this.worker = worker;
      this.onmessage = null;
      this.onerror = null;
      this.pending = Promise.resolve();
      this.words = new URL("search/search_words.js", siteBase());
      worker.addEventListener("message", ({ data }) => {
        const event = new MessageEvent("message", { data });
        this.dispatchEvent(event);
        if (this.onmessage) this.onmessage(event);
      });
      worker.addEventListener("error", error => {
        const event = new ErrorEvent("error", { message: error.message, error: error.error });
        this.dispatchEvent(event);
        if (this.onerror) this.onerror(event);
      });
      if (!fromDisk) {
        const url = `${this.words}`;
        const buffer = early && early.url === url && !early.taken ? early.buffer : Promise.reject(new Error("not fetched"));
        if (early) early.taken = true; // one worker's: its buffer is moved
        this.pending = buffer.then(data => worker.postMessage({ type: "reading-guide:words", buffer: data }, [data]),
                                   () => worker.postMessage({ type: "reading-guide:words", url }));
      }
    }

    postMessage(data) {
      if (fromDisk && data && data.type === 0 && !this.sent) { // Material's SETUP
        this.sent = true;
        this.pending = loadScript(this.words).then(() => {
          const text = window.readingGuideSearchWords;
          delete window.readingGuideSearchWords; // the worker keeps its own copy
          this.worker.postMessage({ type: "reading-guide:words", text });
        }, () => {});
      }
      this.pending = this.pending.then(() => this.worker.postMessage(data));
    }

    terminate() {
      this.worker.terminate();
    }
  }

  function Worker(url, options) {
    const source = window.readingGuideSearchWorker;
    if (!SEARCH.test(`${url}`) || typeof source !== "string")
      return new (fromDisk && window.IFrameWorker ? window.IFrameWorker : Native)(url, options);
    try {
      const blob = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      return new SearchWorker(new Native(blob));
    } catch (err) {
      console.warn("reading-guide: no Web Worker for search here:", err);
      return new (fromDisk && window.IFrameWorker ? window.IFrameWorker : Native)(url, options);
    }
  }
  window.Worker = Worker;
})();
