/* The reading-guide generator's part of the search worker. It runs first in the worker that
   search-shim.js starts from a Blob (search-worker-source.js holds this file, Material's search
   worker and the lunr language scripts it needs), so that search never runs on the page's thread,
   from file:// too.

   Material's worker builds its lunr index from the documents every time a page opens; finding the
   words is most of that work, and the build has done it already (core/search_index.py:
   search/search_words.js). So lunr.Builder.add, while those words are at hand, only registers the
   document: its inverted index, term frequencies and field lengths come from the build's words,
   and lunr's own build() scores them (field vectors, token set) with Material's settings. Material's
   highlighting needs each field's position table, made by its tokenizer while indexing: here it is
   made for a document only when a search first returns it. Without the words (a missing or stale
   file, another language) Material's worker builds its index as before. */
(() => {
  "use strict"; // here only: Material's worker and lunr's scripts follow in the same source
  const load = self.importScripts.bind(self);
  // Material's worker would load lunr's language scripts from ../lunr/, which a Blob worker cannot
  // reach: they are in this worker's source already, after Material's.
  self.importScripts = () => {};

  let words = null; // the build's words, made into lunr's structures (made below)
  const tables = new Map(); // document ref -> [{ table, value }]: position tables not yet made
  let tokenizer = null; // Material's tokenizer, taken from its builder
  let patched = false;

  function prepare(data) {
    const { fields, refs, terms, postings } = data;
    const invertedIndex = Object.create(null);
    const frequencies = Object.create(null);
    const lengths = Object.create(null);
    for (const ref of refs)
      for (const field of fields) {
        const key = `${field}/${ref}`; // lunr.FieldRef's string
        frequencies[key] = Object.create(null);
        lengths[key] = 0;
      }
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t];
      const posting = Object.create(null);
      posting._index = t;
      for (const field of fields) posting[field] = Object.create(null);
      const runs = postings[t];
      for (let i = 0; i < runs.length;) {
        const field = fields[runs[i]];
        const end = i + 2 + runs[i + 1];
        const byRef = posting[field];
        for (i += 2; i < end;) {
          const ref = refs[runs[i]];
          const count = runs[i + 1];
          const metadata = Object.create(null);
          metadata.position = runs.slice(i + 2, i + 2 + count);
          byRef[ref] = metadata;
          const key = `${field}/${ref}`;
          frequencies[key][term] = count;
          lengths[key] += count;
          i += 2 + count;
        }
      }
      invertedIndex[term] = posting;
    }
    return { fields, refs, invertedIndex, frequencies, lengths, termIndex: terms.length };
  }

  function patch() {
    if (patched) return;
    patched = true;
    const lunr = self.lunr; // Material's worker exposes it
    const { add, build } = lunr.Builder.prototype;
    lunr.Builder.prototype.add = function (doc, attributes) {
      if (!words) return add.call(this, doc, attributes);
      const ref = doc[this._ref].toString();
      this._documents[ref] = attributes || {};
      this.documentCount += 1;
      tokenizer = this.tokenizer;
      const pending = [];
      for (const name of Object.keys(this._fields)) {
        const extractor = this._fields[name].extractor;
        const value = extractor ? extractor(doc) : doc[name]; // Material's extractor makes the table
        if (value !== undefined && value !== null) pending.push({ table: lunr.tokenizer.table, value });
      }
      tables.set(ref, pending);
    };
    lunr.Builder.prototype.build = function () {
      if (words) {
        this.invertedIndex = words.invertedIndex;
        this.fieldTermFrequencies = words.frequencies;
        this.fieldLengths = words.lengths;
        this.termIndex = words.termIndex;
      }
      return build.call(this);
    };
    const search = lunr.Index.prototype.search;
    lunr.Index.prototype.search = function (query) {
      const results = search.call(this, query);
      for (const { ref } of results) {
        const pending = tables.get(ref);
        if (!pending) continue;
        tables.delete(ref);
        for (const { table, value } of pending) {
          lunr.tokenizer.table = table;
          tokenizer(value);
        }
      }
      return results;
    };
  }

  function receive(data) {
    try {
      if (data.url) {
        load(data.url);
        data = { text: self.readingGuideSearchWords };
      }
      const parsed = JSON.parse(data.text);
      if (parsed.lunr !== self.lunr.version) throw new Error(`words for lunr ${parsed.lunr}`);
      patch();
      words = prepare(parsed);
    } catch (err) {
      words = null;
      console.warn("reading-guide: search builds its index in the browser:", err);
    }
  }

  // Material's handler sees every message after this one: the words arrive before its setup.
  const listen = self.addEventListener.bind(self);
  self.addEventListener = (type, handler, options) => listen(type, type !== "message" ? handler : ev => {
    const data = ev.data;
    if (data && data.type === "reading-guide:words") return receive(data);
    if (data && data.type === 0 && words) { // SETUP: the words must be this index's
      const { docs, config } = data.data;
      if (docs.length !== words.refs.length || docs.some((doc, i) => doc.location !== words.refs[i])
          || Object.keys(config.fields).join("/") !== words.fields.join("/")) {
        console.warn("reading-guide: search words do not match the search index; building it in the browser");
        words = null;
      }
    }
    return handler(ev);
  }, options);
})();
