/* reading-guide: Material's tooltips insert an element's `title` as HTML. The titles in a page are
   escaped for that when the generator writes them (core/sanitize.py, tooltip_text); the one title
   Material sets itself, from the text of a truncated name in the header, navigation or footer
   (a site name or heading that holds "<img ...>" as text), is escaped here as it is set. Loaded
   before Material's bundle, from the site's own files (the pages' Content-Security-Policy allows
   no inline script). */
"use strict";
(() => {
  const title = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "title");
  const escape = text => String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  Object.defineProperty(HTMLElement.prototype, "title", {
    configurable: true,
    enumerable: title.enumerable,
    get() { return title.get.call(this); },
    set(value) { title.set.call(this, escape(value)); },
  });
})();
