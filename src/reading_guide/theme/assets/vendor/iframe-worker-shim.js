/* iframe-worker 1.0.4 shim (MIT, Martin Donath; iframe-worker-LICENSE.txt), from the npm package
   iframe-worker, changed for the reading-guide generator: shipped with the site so that search works
   from file:// without fetching it from a CDN, and with no inline script, so that it runs under the
   pages' Content-Security-Policy (the original wrote a <script> with the helpers into the frame; here
   the page sets them on the frame's window itself). A Worker cannot start from file://; the worker's
   script runs in a hidden same-origin frame instead, with postMessage and importScripts made to
   behave as they do in a worker. It no longer replaces window.Worker: search-shim.js starts Material's
   search in a real worker from a Blob and falls back to this frame only where a Blob worker is refused. */
"use strict";
(() => {
  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.url = url;
      const frame = document.createElement("iframe");
      frame.hidden = true;
      document.body.appendChild(this.iframe = frame);
      const w = this.w;
      const deliver = data => {
        const event = new MessageEvent("message", { data: structuredClone(data) });
        this.dispatchEvent(event);
        if (this.onmessage) this.onmessage(event);
      };
      w.postMessage = data => { setTimeout(() => deliver(data), 0); };
      w.importScripts = (...urls) => urls.reduce((done, src) => done.then(() => new Promise((resolve, reject) => {
        const script = w.document.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = reject;
        w.document.body.appendChild(script);
      })), Promise.resolve());
      w.addEventListener("error", ({ message, lineno, colno, error }) => {
        const event = new ErrorEvent("error", { message, filename: `${url}`, lineno, colno, error });
        this.dispatchEvent(event);
        if (this.onerror) this.onerror(event);
      });
      this.r = new Promise((resolve, reject) => {
        const script = w.document.createElement("script");
        script.src = `${url}?${+Date.now()}`;
        script.onload = resolve;
        script.onerror = reject;
        w.document.body.appendChild(script);
      });
    }

    terminate() {
      this.iframe.remove();
    }

    postMessage(data) {
      this.r.catch(() => {}).then(() => {
        this.w.dispatchEvent(new MessageEvent("message", structuredClone({ data })));
      });
    }

    get w() {
      return this.iframe.contentWindow;
    }
  }

  window.IFrameWorker = IFrameWorker;
})();
