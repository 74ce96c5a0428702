/* The reader's tools: cite a paragraph (Chicago, MLA, APA; BibTeX, RIS, CSL-JSON), highlight words
   and add notes, kept in this browser only, and the My notes page.

   Everything comes from the page: the data block #reading-guide-data (JSON written by the
   generator, never executed) and Material's #__config (the site's base, relative to the page).
   No request goes anywhere; downloads are made here as Blobs. Notes are W3C Web Annotations,
   anchored by the paragraph's id and a TextQuoteSelector (exact words, prefix, suffix), so they
   survive a rebuild; a note whose words are gone is shown as no longer found, never dropped.
   One file, in sections, though long: the parts share the page's data and helpers, and each
   further script would be one more file to load from disk on every page. */
(function () {
  "use strict";

  var dataBlock = document.getElementById("reading-guide-data");
  if (!dataBlock) return;
  var D = JSON.parse(dataBlock.textContent);
  var W = D.words;
  var G = D.guide;
  var COLOURS = ["yellow", "green", "blue", "pink"];
  var CONTEXT = 32; // characters of prefix and suffix kept with a quote

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? String(values[key]) : all; });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "class") node.className = attrs[key];
      else if (attrs[key] !== null && attrs[key] !== undefined) node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* ---- Where the site is ---------------------------------------------------------------- */

  function siteRoot() {
    var base = ".";
    var config = document.getElementById("__config");
    try { base = JSON.parse(config.textContent).base || "."; } catch (err) { /* Material's default */ }
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }
  var ROOT = siteRoot();

  function pageAddress(path) { return new URL(path, ROOT).href; }

  /* The permalink: the published address when the guide knows it, else the page as opened. */
  function permalink(anchor) {
    var page = D.canonical || location.href.split("#")[0];
    return anchor ? page + "#" + anchor : page;
  }

  /* ---- Storage: localStorage when the browser allows it, else this page's memory ---------- */

  var store = { ok: true, notes: [] };
  (function openStore() {
    try {
      var probe = D.key + ":probe";
      localStorage.setItem(probe, "1");
      localStorage.removeItem(probe);
      var raw = localStorage.getItem(D.key);
      store.notes = raw ? JSON.parse(raw) : [];
      if (!Array.isArray(store.notes)) store.notes = [];
    } catch (err) {
      store.ok = false;
    }
  })();

  function save() {
    if (!store.ok) return;
    try {
      localStorage.setItem(D.key, JSON.stringify(store.notes));
    } catch (err) {
      store.ok = false;
      tellStorageRefused();
    }
  }

  function tellStorageRefused() {
    if (store.ok || document.querySelector(".guide-storage-refused")) return;
    var where = document.querySelector(".guide-notes-page") || document.querySelector(".md-content__inner");
    if (!where) return;
    // The notes of this visit can still be saved to a file, from here.
    where.insertBefore(el("div", { class: "guide-storage-refused admonition warning guide-ui", role: "status" }, [
      el("p", { text: W.storage_refused }), el("p", {}, exportButtons()),
    ]), where.firstChild);
  }

  function newId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return "urn:uuid:" + [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  /* ---- A note as a Web Annotation --------------------------------------------------------- */

  function selectorOf(note, type) {
    return (note.target.selector || []).filter(function (s) { return s.type === type; })[0] || {};
  }
  function paragraphOf(note) { return selectorOf(note, "FragmentSelector").value || ""; }
  function quoteOf(note) { return selectorOf(note, "TextQuoteSelector"); }
  function bodyOf(note, purpose) {
    return (note.body || []).filter(function (b) { return b.purpose === purpose; })[0];
  }
  function noteText(note) { var body = bodyOf(note, "commenting"); return body ? body.value : ""; }
  function colourOf(note) {
    var tag = bodyOf(note, "tagging");
    return tag && COLOURS.indexOf(tag.value) >= 0 ? tag.value : "yellow";
  }
  function numberOf(anchor) { var m = /^p(.+)-(\d+)$/.exec(anchor || ""); return m ? { chapter: m[1], number: m[2] } : null; }

  function makeNote(quote, anchor, colour, text) {
    var now = new Date().toISOString();
    var body = [{ type: "TextualBody", purpose: "tagging", value: colour }];
    if (text) body.unshift({ type: "TextualBody", purpose: "commenting", value: text, format: "text/plain" });
    return {
      "@context": "http://www.w3.org/ns/anno.jsonld",
      id: newId(), type: "Annotation", motivation: text ? "commenting" : "highlighting",
      created: now, modified: now, body: body,
      target: {
        source: D.page,
        selector: [
          { type: "FragmentSelector", conformsTo: "http://tools.ietf.org/rfc/rfc3986", value: anchor },
          { type: "TextQuoteSelector", exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
        ],
      },
      chapterTitle: D.chapterTitle,
    };
  }

  /* ---- The words of a paragraph, as the reader sees them ---------------------------------- */

  var SKIP = ".para-num, .guide-ui, sup, .guide-note";

  function textNodes(root) {
    var nodes = [];
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement && node.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    var at = 0;
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push({ node: node, start: at });
      at += node.data.length;
    }
    return { nodes: nodes, text: nodes.map(function (n) { return n.node.data; }).join("") };
  }

  /* Character offsets [start, end) of a range within a paragraph's words. */
  function offsetsOf(range, words) {
    var start = null, end = null;
    words.nodes.forEach(function (item) {
      var node = item.node, length = node.data.length;
      var s = node === range.startContainer ? range.startOffset : (range.comparePoint(node, 0) < 0 ? length : 0);
      var e = node === range.endContainer ? range.endOffset : (range.comparePoint(node, length) > 0 ? 0 : length);
      if (e > s) {
        if (start === null) start = item.start + s;
        end = item.start + e;
      }
    });
    return start === null ? null : [start, end];
  }

  /* Where a quote is in a paragraph's words: the occurrence whose prefix and suffix agree best. */
  function locate(quote, text) {
    if (!quote.exact) return null;
    var best = null, bestScore = -1;
    for (var at = text.indexOf(quote.exact); at >= 0; at = text.indexOf(quote.exact, at + 1)) {
      var score = 0, prefix = quote.prefix || "", suffix = quote.suffix || "";
      while (score < prefix.length && text[at - 1 - score] === prefix[prefix.length - 1 - score]) score++;
      var after = at + quote.exact.length, s = 0;
      while (s < suffix.length && text[after + s] === suffix[s]) s++;
      if (score + s > bestScore) { best = at; bestScore = score + s; }
    }
    return best === null ? null : [best, best + quote.exact.length];
  }

  function wrap(words, start, end, note) {
    var marks = [];
    words.nodes.forEach(function (item) {
      var node = item.node, from = Math.max(start, item.start), to = Math.min(end, item.start + node.data.length);
      if (to <= from) return;
      var range = document.createRange();
      range.setStart(node, from - item.start);
      range.setEnd(node, to - item.start);
      var mark = el("mark", { class: "guide-hl guide-hl--" + colourOf(note), "data-note": note.id });
      range.surroundContents(mark);
      marks.push(mark);
    });
    return marks;
  }

  /* ---- A chapter: cite buttons, highlights, notes ------------------------------------------ */

  var article = null;

  function paragraphs() { return Array.prototype.slice.call(document.querySelectorAll(".article p.para[id], .article blockquote.para[id]")); }

  function label(anchor, template) { var n = numberOf(anchor); return n ? fill(template, n) : anchor; }

  function addCiteButtons() {
    paragraphs().forEach(function (p) {
      var button = el("button", { type: "button", class: "guide-cite-button guide-ui", "aria-label": label(p.id, W.cite_paragraph),
                                  title: label(p.id, W.cite_paragraph), "data-paragraph": p.id },
                      [el("span", { "aria-hidden": "true", text: "❞" })]);
      var number = p.querySelector(".para-num");
      p.insertBefore(button, number ? number.nextSibling : p.firstChild);
    });
  }

  function clearNotes() {
    document.querySelectorAll("mark.guide-hl").forEach(function (mark) {
      var parent = mark.parentNode;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parent.normalize();
    });
    document.querySelectorAll(".guide-note, .guide-lost").forEach(function (node) { node.remove(); });
  }

  function findNote(note) {
    var quote = quoteOf(note), own = document.getElementById(paragraphOf(note));
    var candidates = own ? [own] : [];
    paragraphs().forEach(function (p) { if (p !== own) candidates.push(p); }); // renumbered: look further
    for (var i = 0; i < candidates.length; i++) {
      var words = textNodes(candidates[i]);
      var at = locate(quote, words.text);
      if (at) return { paragraph: candidates[i], words: words, at: at };
    }
    return null;
  }

  function drawNotes() {
    if (!article) return;
    clearNotes();
    var lost = [], changed = false;
    store.notes.filter(function (note) { return note.target && note.target.source === D.page; }).forEach(function (note) {
      var found = findNote(note);
      var status = found ? "found" : "lost";
      if (note.status !== status) { note.status = status; changed = true; }
      if (!found) { lost.push(note); return; }
      if (found.paragraph.id !== paragraphOf(note)) {
        selectorOf(note, "FragmentSelector").value = found.paragraph.id;
        changed = true;
      }
      wrap(found.words, found.at[0], found.at[1], note);
      if (noteText(note)) found.paragraph.insertAdjacentElement("afterend", noteCard(note, found.paragraph));
    });
    if (lost.length) article.appendChild(lostList(lost));
    if (changed) save();
    article.classList.toggle("guide-has-notes", !!article.querySelector(".guide-note"));
    placeNotes();
  }

  function noteCard(note, paragraph) {
    var id = "note-" + note.id.replace(/\W/g, "");
    var card = el("aside", { class: "guide-note guide-ui guide-note--" + colourOf(note), id: id,
                             "aria-label": W.note_label + " (" + label(paragraph.id, W.paragraph) + ")",
                             "data-note": note.id, "data-paragraph": paragraph.id }, [
      el("p", { class: "guide-note__text", text: noteText(note) }),
      el("p", { class: "guide-note__actions" }, [
        el("button", { type: "button", class: "guide-note-edit", "data-note": note.id, text: W.edit }),
        " ",
        el("button", { type: "button", class: "guide-note-delete", "data-note": note.id, text: W.delete }),
      ]),
    ]);
    return card;
  }

  function lostList(notes) {
    var list = el("ul");
    notes.forEach(function (note) {
      list.appendChild(el("li", { class: "guide-lost__item", "data-note": note.id }, [
        el("strong", { text: label(paragraphOf(note), W.paragraph) + ": " }),
        el("q", { text: quoteOf(note).exact || "" }),
        noteText(note) ? el("span", { text: " — " + noteText(note) }) : null,
        " ",
        el("button", { type: "button", class: "guide-note-delete", "data-note": note.id, text: W.delete }),
      ]));
    });
    return el("section", { class: "guide-lost guide-ui", "aria-label": W.not_found }, [
      el("p", { class: "guide-lost__title", text: W.not_found }), list,
    ]);
  }

  /* Notes in the margin where there is room (CSS decides): each card beside its paragraph, below the one before. */
  function placeNotes() {
    if (!article) return;
    var cards = article.querySelectorAll(".guide-note");
    var margin = cards.length && getComputedStyle(cards[0]).position === "absolute";
    var low = 0;
    cards.forEach(function (card) {
      if (!margin) { card.style.top = ""; return; }
      var paragraph = document.getElementById(card.dataset.paragraph);
      var top = Math.max(paragraph ? paragraph.offsetTop : 0, low);
      card.style.top = top + "px";
      low = top + card.offsetHeight + 8;
    });
  }

  /* ---- The selection toolbar --------------------------------------------------------------- */

  var toolbar = null, pending = null; // pending: {paragraph, quote} of the last selection in the text

  function selectionInText() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    var start = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
    var end = range.endContainer.nodeType === 1 ? range.endContainer : range.endContainer.parentElement;
    var paragraph = start && start.closest(".article .para[id]");
    if (!paragraph || !end || end.closest(".article .para[id]") !== paragraph || start.closest(".guide-ui")) return null;
    var words = textNodes(paragraph);
    var at = offsetsOf(range, words);
    if (!at) return null;
    var exact = words.text.slice(at[0], at[1]);
    var trimmed = exact.replace(/^\s+/, "");
    at[0] += exact.length - trimmed.length;
    exact = trimmed.replace(/\s+$/, "");
    at[1] = at[0] + exact.length;
    if (!exact) return null;
    return {
      paragraph: paragraph, range: range,
      quote: { exact: exact, prefix: words.text.slice(Math.max(0, at[0] - CONTEXT), at[0]), suffix: words.text.slice(at[1], at[1] + CONTEXT) },
    };
  }

  function makeToolbar() {
    var buttons = [el("button", { type: "button", class: "guide-tool", "data-colour": "yellow", text: W.highlight })];
    COLOURS.forEach(function (colour, i) {
      buttons.push(el("button", { type: "button", class: "guide-tool guide-swatch guide-hl--" + colour, "data-colour": colour,
                                  "aria-label": fill(W.colour, { colour: W.colours[i] }), title: fill(W.colour, { colour: W.colours[i] }) }));
    });
    buttons.push(el("button", { type: "button", class: "guide-tool", "data-action": "note", text: W.add_note }));
    toolbar = el("div", { class: "guide-toolbar guide-ui", role: "toolbar", "aria-label": W.highlight + " / " + W.add_note, hidden: "" }, buttons);
    toolbar.addEventListener("mousedown", function (event) { event.preventDefault(); }); // keep the selection
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !pending) return;
      if (button.dataset.action === "note") openEditor(pending, null);
      else addHighlight(pending, button.dataset.colour);
    });
    toolbar.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { hideToolbar(); if (pending) pending.paragraph.focus({ preventScroll: true }); }
    });
  }

  function showToolbar(selected) {
    pending = selected;
    var box = selected.range.getBoundingClientRect(), frame = article.getBoundingClientRect();
    selected.paragraph.insertAdjacentElement("afterend", toolbar); // next in the Tab order after the words
    toolbar.hidden = false;
    var left = Math.min(Math.max(0, box.left - frame.left), Math.max(0, frame.width - toolbar.offsetWidth));
    toolbar.style.left = left + "px";
    toolbar.style.top = (box.bottom - frame.top + 6) + "px";
  }

  function hideToolbar() { if (toolbar) toolbar.hidden = true; }

  function onSelection() {
    var selected = selectionInText();
    if (selected) showToolbar(selected);
    else if (!toolbar.contains(document.activeElement)) { hideToolbar(); pending = null; }
  }

  function addHighlight(selected, colour) {
    store.notes.push(makeNote(selected.quote, selected.paragraph.id, colour, ""));
    save();
    window.getSelection().removeAllRanges();
    hideToolbar();
    pending = null;
    drawNotes();
  }

  /* The note editor: under the paragraph, for a new note (selected) or an existing one (note). */
  function openEditor(selected, note) {
    document.querySelectorAll(".guide-note-form").forEach(function (form) { form.remove(); });
    hideToolbar();
    var paragraph = selected ? selected.paragraph : document.getElementById(paragraphOf(note));
    var field = el("textarea", { id: "guide-note-text", rows: "4" });
    field.value = note ? noteText(note) : "";
    var form = el("form", { class: "guide-note-form guide-ui", "aria-label": W.add_note }, [
      selected ? el("p", { class: "guide-note-form__quote" }, [el("q", { text: selected.quote.exact })]) : null,
      el("label", { for: "guide-note-text", text: W.note_label }), field,
      el("p", {}, [el("button", { type: "submit", class: "md-button md-button--primary", text: W.save }), " ",
                   el("button", { type: "button", class: "guide-button guide-note-cancel", text: W.cancel })]),
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = field.value.trim();
      if (note) {
        note.body = (note.body || []).filter(function (b) { return b.purpose !== "commenting"; });
        if (text) note.body.unshift({ type: "TextualBody", purpose: "commenting", value: text, format: "text/plain" });
        note.motivation = text ? "commenting" : "highlighting";
        note.modified = new Date().toISOString();
      } else {
        note = makeNote(selected.quote, selected.paragraph.id, "yellow", text);
        store.notes.push(note);
      }
      save();
      form.remove();
      drawNotes();
      var card = document.querySelector('.guide-note[data-note="' + note.id + '"]') || paragraph;
      card.setAttribute("tabindex", "-1");
      card.focus();
    });
    form.querySelector(".guide-note-cancel").addEventListener("click", function () { form.remove(); paragraph.focus(); });
    paragraph.setAttribute("tabindex", "-1");
    paragraph.insertAdjacentElement("afterend", form);
    window.getSelection().removeAllRanges();
    field.focus();
  }

  function removeNote(id) {
    store.notes = store.notes.filter(function (note) { return note.id !== id; });
    save();
  }

  function setUpChapter() {
    article = document.querySelector(".article");
    if (!article || !D.chapter) return;
    addCiteButtons();
    makeToolbar();
    drawNotes();
    var timer = null;
    document.addEventListener("selectionchange", function () { clearTimeout(timer); timer = setTimeout(onSelection, 120); });
    document.addEventListener("keydown", function (event) {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      // The key's place, not its character: Alt+N gives "˜" on a Mac keyboard.
      var key = event.code, selected = selectionInText();
      if (!selected || (key !== "KeyN" && key !== "KeyH")) return;
      event.preventDefault();
      if (key === "KeyN") openEditor(selected, null); else addHighlight(selected, "yellow");
    });
    article.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.classList.contains("guide-cite-button")) openCite(button.dataset.paragraph, button);
      else if (button.classList.contains("guide-note-delete")) { removeNote(button.dataset.note); drawNotes(); article.focus(); }
      else if (button.classList.contains("guide-note-edit")) {
        var note = store.notes.filter(function (n) { return n.id === button.dataset.note; })[0];
        if (note) openEditor(null, note);
      }
    });
    article.setAttribute("tabindex", "-1");
    window.addEventListener("resize", placeNotes);
    window.addEventListener("storage", function (event) {
      if (event.key !== D.key) return;
      try { store.notes = JSON.parse(event.newValue || "[]"); } catch (err) { return; }
      drawNotes();
    });
    if (!store.ok) tellStorageRefused();
  }

  /* ---- Citations -------------------------------------------------------------------------- */

  function sentence(text) { return /[.?!…]$/.test(text) ? text : text + "."; }

  function dateParts() { return G.date ? G.date.split("-").map(Number) : null; }

  function longDate() {
    var parts = dateParts();
    return parts ? fill(W.mla_date, { day: parts[2], month: W.mla_months[parts[1] - 1], year: parts[0] }) : "";
  }

  /* What is cited: {anchor, chapter, number, title, url} for a paragraph, a chapter or the guide. */
  function work(anchor) {
    var n = numberOf(anchor) || {};
    return { anchor: anchor, chapter: D.chapter, number: n.number || "", title: D.chapterTitle, url: permalink(anchor) };
  }

  /* Each style as [[text, italic?], ...] runs, so that one list gives the HTML and the plain text. */
  function styles(w) {
    var author = G.author, values = { chapter: w.chapter, number: w.number };
    var chicago = [[(author ? sentence(author) + " " : "") + "“" + sentence(w.title) + "” " +
                    sentence(fill(W.chapter_paragraph, values).replace(/^./, function (c) { return c.toUpperCase(); })) + " " + W.in_ + " "],
                   [G.title, true], [". " + (G.version ? sentence(G.version) + " " : "") + w.url + "."]];
    var mla = [[(author ? sentence(author) + " " : "") + "“" + sentence(w.title) + "” "], [G.title, true],
               [(longDate() ? ", " + longDate() : "") + ", " + fill(W.mla_chapter_paragraph, values) + ", " +
                w.url.replace(/^https?:\/\//, "") + "."]];
    var year = dateParts() ? String(dateParts()[0]) : W.no_date;
    var apa = author
      ? [[sentence(author) + " (" + year + "). " + sentence(w.title) + " " + W.in_ + " "], [G.title, true],
         [" (" + fill(W.apa_chapter_paragraph, values) + "). " + w.url]]
      : [[sentence(w.title) + " (" + year + "). " + W.in_ + " "], [G.title, true],
         [" (" + fill(W.apa_chapter_paragraph, values) + "). " + w.url]];
    return { Chicago: chicago, MLA: mla, APA: apa };
  }

  function plain(runs) { return runs.map(function (r) { return r[0]; }).join(""); }

  function rich(runs) {
    var node = el("p", { class: "guide-citation" });
    runs.forEach(function (r) { node.appendChild(r[1] ? el("i", { text: r[0] }) : document.createTextNode(r[0])); });
    return node;
  }

  /* ---- Downloads: BibTeX, RIS, CSL-JSON --------------------------------------------------- */

  function scopeOf(kind, anchor) {
    var n = numberOf(anchor) || {};
    var guideUrl = D.canonical ? G.site_url || pageAddress("./") : pageAddress("./");
    if (kind === "guide") return { kind: kind, id: "guide", title: G.title, url: guideUrl };
    if (kind === "chapter") return { kind: kind, id: "chapter-" + D.chapter, title: D.chapterTitle, chapter: D.chapter, url: permalink("") };
    return { kind: kind, id: anchor, title: D.chapterTitle, chapter: D.chapter, number: n.number,
             paragraph: fill(W.paragraph, { chapter: D.chapter, number: n.number }), url: permalink(anchor) };
  }

  function slug(text) {
    return (text.normalize("NFKD").replace(/[^\w\s-]/g, "").trim().split(/\s+/).slice(0, 3).join("-") || "guide").toLowerCase();
  }
  function citeKey(scope) { return slug(G.title) + (G.date ? G.date.slice(0, 4) : "") + (scope.kind === "guide" ? "" : "-" + scope.id); }

  function bibEscape(text) { return String(text).replace(/([{}\\#%&$_^~])/g, "\\$1"); }

  function bibtex(scope) {
    var fields = [["title", scope.kind === "guide" ? G.title : scope.title + (scope.paragraph ? ", " + scope.paragraph : "")]];
    if (G.author) fields.push(["author", G.author]);
    if (scope.kind !== "guide") fields.push(["booktitle", G.title], ["chapter", scope.chapter]);
    if (G.date) fields.push(["year", G.date.slice(0, 4)], ["date", G.date]);
    if (G.version) fields.push(["edition", G.version]);
    fields.push(["url", scope.url], ["language", G.language]);
    if (scope.paragraph) fields.push(["note", scope.paragraph]);
    return "@misc{" + citeKey(scope) + ",\n" + fields.map(function (f) {
      return "  " + f[0] + " = {" + (f[0] === "url" ? f[1].replace(/{/g, "%7B").replace(/}/g, "%7D") : bibEscape(f[1])) + "}";
    }).join(",\n") + "\n}\n";
  }

  function ris(scope) {
    var lines = [["TY", "ELEC"], ["TI", scope.kind === "guide" ? G.title : scope.title]];
    if (scope.kind !== "guide") lines.push(["T2", G.title]);
    if (G.author) lines.push(["AU", G.author]);
    if (G.date) lines.push(["PY", G.date.slice(0, 4)], ["DA", G.date.replace(/-/g, "/")]);
    if (G.version) lines.push(["ET", G.version]);
    if (scope.paragraph) lines.push(["N1", scope.paragraph]);
    lines.push(["UR", scope.url], ["LA", G.language], ["ER", ""]);
    return lines.map(function (l) { return l[0] + "  - " + l[1]; }).join("\r\n") + "\r\n";
  }

  function cslJson(scope) {
    var item = { id: citeKey(scope), type: scope.kind === "guide" ? "webpage" : "chapter",
                 title: scope.kind === "guide" ? G.title : scope.title, URL: scope.url, language: G.language };
    if (scope.kind !== "guide") { item["container-title"] = G.title; item["chapter-number"] = scope.chapter; }
    if (scope.paragraph) item.note = scope.paragraph;
    if (G.author) item.author = [{ literal: G.author }];
    if (dateParts()) item.issued = { "date-parts": [dateParts()] };
    if (G.version) item.version = G.version;
    return JSON.stringify([item], null, 2) + "\n";
  }

  var FORMATS = {
    BibTeX: { make: bibtex, ext: "bib", type: "application/x-bibtex" },
    RIS: { make: ris, ext: "ris", type: "application/x-research-info-systems" },
    "CSL-JSON": { make: cslJson, ext: "json", type: "application/vnd.citationstyles.csl+json" },
  };

  function download(name, text, type) {
    var link = el("a", { href: URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" })), download: name });
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  /* ---- The cite dialog -------------------------------------------------------------------- */

  var dialog = null, opener = null;

  function copyText(text, status) {
    function done(ok) { status.textContent = ok ? W.copied : W.copy_failed; }
    function fallback() {
      var area = el("textarea", { class: "guide-copy-buffer", "aria-hidden": "true" });
      area.value = text;
      dialog.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
      area.remove();
      done(ok);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    else fallback();
  }

  function openCite(anchor, button) {
    opener = button;
    if (!dialog) {
      dialog = el("dialog", { class: "guide-cite md-typeset guide-ui", "aria-labelledby": "guide-cite-title" });
      document.body.appendChild(dialog);
      dialog.addEventListener("close", function () { if (opener) opener.focus(); });
      dialog.addEventListener("click", function (event) {
        var target = event.target.closest("button");
        if (!target) return;
        if (target.dataset.copy) copyText(dialog.querySelector("#" + target.dataset.copy).dataset.plain, dialog.querySelector(".guide-cite__status"));
        else if (target.dataset.format) {
          var scope = scopeOf(target.dataset.scope, dialog.dataset.anchor), format = FORMATS[target.dataset.format];
          download(citeKey(scope) + "." + format.ext, format.make(scope), format.type);
        } else if (target.classList.contains("guide-cite__close")) dialog.close();
      });
    }
    dialog.dataset.anchor = anchor;
    dialog.textContent = "";
    var w = work(anchor), all = styles(w);
    dialog.appendChild(el("h2", { id: "guide-cite-title", text: label(anchor, W.cite_title) }));
    Object.keys(all).forEach(function (style) {
      var id = "guide-cite-" + style.toLowerCase(), text = rich(all[style]);
      text.id = id;
      text.dataset.plain = plain(all[style]);
      dialog.appendChild(el("h3", { text: style }));
      dialog.appendChild(el("div", { class: "guide-cite__style" }, [text,
        el("button", { type: "button", class: "guide-button guide-cite__copy", "data-copy": id,
                       "aria-label": fill(W.copy_label, { style: style }), text: W.copy })]));
    });
    dialog.appendChild(el("p", { class: "guide-cite__status", role: "status" }));
    dialog.appendChild(el("p", {}, [W.permalink + ": ", el("a", { href: w.url, class: "guide-cite__permalink", text: w.url })]));
    dialog.appendChild(el("h3", { text: W.download }));
    [["paragraph", W.this_paragraph], ["chapter", W.this_chapter], ["guide", W.whole_guide]].forEach(function (scope) {
      var row = el("p", { class: "guide-cite__downloads" }, [el("span", { text: scope[1] + ": " })]);
      Object.keys(FORMATS).forEach(function (format) {
        row.appendChild(el("button", { type: "button", class: "guide-button guide-cite__download", "data-scope": scope[0],
                                       "data-format": format, "aria-label": W.download + " " + format + " (" + scope[1] + ")", text: format }));
        row.appendChild(document.createTextNode(" "));
      });
      dialog.appendChild(row);
    });
    dialog.appendChild(el("button", { type: "button", class: "guide-button guide-cite__close", text: W.close }));
    dialog.showModal();
    dialog.querySelector(".guide-cite__copy").focus();
  }

  /* ---- Export and import ------------------------------------------------------------------ */

  function chapterKey(note) {
    var n = numberOf(paragraphOf(note)) || { chapter: "", number: "0" };
    var chapter = /^\d+$/.test(n.chapter) ? ("000" + n.chapter).slice(-4) : "z" + n.chapter;
    return [chapter, ("0000" + n.number).slice(-5), note.created || ""].join(" ");
  }

  function sorted() { return store.notes.slice().sort(function (a, b) { return chapterKey(a) < chapterKey(b) ? -1 : 1; }); }

  function markdown() {
    var lines = ["# " + W.my_notes + ": " + G.title, ""], chapter = null;
    sorted().forEach(function (note) {
      var anchor = paragraphOf(note), n = numberOf(anchor) || {};
      if (n.chapter !== chapter) {
        chapter = n.chapter;
        lines.push("## " + (note.chapterTitle || n.chapter), "");
      }
      lines.push("- [" + label(anchor, W.paragraph) + "](" + pageAddress(note.target.source) + "#" + anchor + ")" +
                 (note.status === "lost" ? " (" + W.not_found + ")" : "") + ": “" + (quoteOf(note).exact || "") + "”");
      if (noteText(note)) lines.push("", "  " + noteText(note).replace(/\n/g, "\n  "));
      lines.push("");
    });
    return lines.join("\n");
  }

  function exportJson() {
    return JSON.stringify({
      "@context": "http://www.w3.org/ns/anno.jsonld", type: "AnnotationCollection", label: W.my_notes + ": " + G.title,
      total: store.notes.length, first: { type: "AnnotationPage", items: sorted() },
    }, null, 2) + "\n";
  }

  function exportButtons() {
    return [el("button", { type: "button", class: "guide-button", "data-export": "md", text: W.export_markdown }), " ",
            el("button", { type: "button", class: "guide-button", "data-export": "json", text: W.export_json })];
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-export]");
    if (!button) return;
    var name = slug(G.title) + "-notes";
    if (button.dataset.export === "md") download(name + ".md", markdown(), "text/markdown");
    else download(name + ".jsonld", exportJson(), "application/ld+json");
  });

  function sameNote(a, b) {
    return a.id === b.id || (a.target.source === b.target.source && quoteOf(a).exact === quoteOf(b).exact &&
      quoteOf(a).prefix === quoteOf(b).prefix && paragraphOf(a) === paragraphOf(b) && noteText(a) === noteText(b) && colourOf(a) === colourOf(b));
  }

  /* Merge a file's notes (an AnnotationCollection, a page, or a list) into ours; {added, same}. */
  function merge(text) {
    var data = JSON.parse(text);
    var items = Array.isArray(data) ? data : (data.first && data.first.items) || data.items || (data.type === "Annotation" ? [data] : null);
    if (!items) throw new Error("no annotations");
    var added = 0, same = 0;
    items.forEach(function (note) {
      if (!note || note.type !== "Annotation" || !note.target || !note.id || !quoteOf(note).exact) return;
      if (store.notes.some(function (ours) { return sameNote(ours, note); })) { same++; return; }
      store.notes.push(note);
      added++;
    });
    if (!added && !same) throw new Error("no annotations");
    save();
    return { count: added, same: same };
  }

  /* ---- The My notes page ------------------------------------------------------------------- */

  function drawNotesPage(page) {
    page.textContent = "";
    var status = el("p", { class: "guide-notes__status", role: "status" });
    var file = el("input", { type: "file", id: "guide-notes-file", accept: ".json,application/json,application/ld+json" });
    var controls = el("div", { class: "guide-notes__controls guide-ui" }, exportButtons().concat([
      " ", el("label", { for: "guide-notes-file", class: "guide-notes__import", text: W.import_notes }), file,
    ]));
    page.appendChild(el("p", { class: "guide-notes__hint", text: W.selection_hint }));
    page.appendChild(controls);
    page.appendChild(status);
    file.addEventListener("change", function () {
      if (!file.files.length) return;
      file.files[0].text().then(function (text) {
        var result;
        try { result = merge(text); } catch (err) { status.textContent = fill(W.import_failed, { reason: err.message }); return; }
        drawList(list);
        status.textContent = fill(W.imported, result);
        file.value = "";
      });
    });
    var list = el("div", { class: "guide-notes__list" });
    page.appendChild(list);
    drawList(list);
    if (!store.ok) tellStorageRefused();
    list.addEventListener("click", function (event) {
      var button = event.target.closest("button.guide-note-delete");
      if (button) { removeNote(button.dataset.note); drawList(list); status.textContent = ""; }
    });
  }

  function drawList(list) {
    list.textContent = "";
    if (!store.notes.length) { list.appendChild(el("p", { text: W.my_notes_empty })); return; }
    var chapter = null, ul = null;
    sorted().forEach(function (note) {
      var anchor = paragraphOf(note), n = numberOf(anchor) || {};
      if (n.chapter !== chapter || !ul) {
        chapter = n.chapter;
        list.appendChild(el("h2", { text: note.chapterTitle || String(n.chapter) }));
        ul = el("ul", { class: "guide-notes__chapter" });
        list.appendChild(ul);
      }
      ul.appendChild(el("li", { class: "guide-notes__item" + (note.status === "lost" ? " guide-notes__item--lost" : ""), "data-note": note.id }, [
        el("a", { href: pageAddress(note.target.source) + "#" + anchor, text: label(anchor, W.paragraph) }),
        note.status === "lost" ? el("strong", { class: "guide-notes__lost", text: " " + W.not_found }) : null,
        ": ",
        el("q", { class: "guide-hl--" + colourOf(note), text: quoteOf(note).exact || "" }),
        noteText(note) ? el("p", { class: "guide-notes__text", text: noteText(note) }) : el("span", { text: " " + W.highlight_only }),
        " ",
        el("button", { type: "button", class: "guide-button guide-note-delete", "data-note": note.id, text: W.delete }),
      ]));
    });
  }

  var notesPage = document.querySelector("[data-guide-notes]");
  if (notesPage) drawNotesPage(notesPage);
  setUpChapter();
})();
