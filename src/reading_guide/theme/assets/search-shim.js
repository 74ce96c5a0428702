/* The reading-guide generator's search worker, for Material's search: a real Web Worker, from
   file:// as over HTTP, so that the page's thread never builds or searches the index.

   Material starts its search worker with `new Worker(url)`. A page opened from disk may not start
   a Worker from a file: URL, so Material's offline plugin ran the worker in a hidden frame, on the
   page's own thread (iframe-worker-shim.js): the first search froze the page while it built the
   index. Here the worker starts from a Blob instead, whose source a script file brought
   (search-worker-source.js: search-worker.js, Material's worker, the lunr language scripts).
   The build's words for the index (search/search_words.js) go to it before Material's setup:
   over HTTP the worker loads them itself at once; from disk (where a worker cannot load a file)
   this page loads them, as a single string, when Material sets search up (on the first use of
   search, as Material defers it there) and passes them on. Should a Blob worker be refused, the
   hidden frame of before still works. */
"use strict";
(() => {
  const Native = window.Worker;
  const SEARCH = /\/workers\/search\.[0-9a-f]+\.min\.js(\?.*)?$/;
  const fromDisk = location.protocol === "file:";

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
      if (!fromDisk) worker.postMessage({ type: "reading-guide:words", url: `${this.words}` });
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
