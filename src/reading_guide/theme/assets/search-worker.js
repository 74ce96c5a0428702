/* The reading-guide generator's part of the search worker. It runs first in the worker that
   search-shim.js starts from a Blob (search-worker-source.js holds this file, Material's search
   worker and the lunr language scripts it needs), so that search never runs on the page's thread,
   from file:// too.

   Material's worker builds its lunr index from the documents every time a page opens (seconds for
   a long book). The build has made that index already (core/search_index.py, written to
   search/search_words.js): lunr.Index.load reads it, lunr.Builder.add only registers each
   document, and lunr.Builder.build returns the loaded index. Material's highlighting needs each
   field's position table, which its tokenizer makes while indexing: here it is made for a
   document only when a search first returns it. Without the build's index (a missing or stale
   file, settings it was not made with, another language) Material's worker builds its own as before. */
(() => {
  "use strict"; // here only: Material's worker and lunr's scripts follow in the same source
  // Material's worker would load lunr's language scripts from ../lunr/, which a Blob worker cannot
  // reach: they are in this worker's source already, after Material's.
  self.importScripts = () => {};

  let words = null; // the build's words, prepared for lunr (below)
  const docs = new Map(); // document ref -> { fields: [{ name, table, value }], positions: null }
  let tokenizer = null; // Material's tokenizer, taken from its builder
  let patched = false;

  // The inverted index, the token set and each term's document count, from the build's words.
  function prepare(parsed) {
    const lunr = self.lunr;
    const { fields, terms, docs: forward, refs } = parsed;
    const width = fields.length;
    const lists = new Array(terms.length * width); // term * width + field -> document numbers
    const withTerm = new Uint32Array(terms.length); // lunr.idf's documentsWithTerm
    for (let d = 0; d < forward.length; d++)
      for (let f = 0; f < width; f++) {
        const pairs = forward[d][f];
        if (!pairs) continue;
        for (let i = 0; i < pairs.length; i += 2) {
          const key = pairs[i] * width + f;
          (lists[key] || (lists[key] = [])).push(d);
          withTerm[pairs[i]] += 1;
        }
      }
    const number = new Map(terms.map((term, t) => [term, t]));
    // lunr reads a term's posting only when a query reaches it: made then, in lunr's shape, with
    // empty metadata whose positions are set once the search is done (see search below).
    const made = Object.create(null);
    const invertedIndex = new Proxy(made, {
      get(target, term) {
        if (typeof term !== "string" || term in target) return target[term];
        const t = number.get(term);
        if (t === undefined) return undefined;
        const posting = Object.create(null);
        posting._index = t;
        for (let f = 0; f < width; f++) {
          const byRef = posting[fields[f]] = Object.create(null);
          for (const d of lists[t * width + f] || []) byRef[refs[d]] = Object.create(null);
        }
        return (target[term] = posting);
      },
      has(target, term) {
        return number.has(term);
      }
    });
    const tokenSet = lunr.TokenSet.fromArray(terms.slice().sort()); // JavaScript's string order, as lunr's
    const prepared = { fields, refs, forward, withTerm, invertedIndex, tokenSet, config: parsed.config };
    // Scored now, with the settings Material's builder will have (checked then), so that search is
    // ready as soon as the page's setup arrives.
    prepared.settings = {
      k1: 1.2, b: 0, // lunr's default k1; Material sets b to 0
      fieldBoosts: fields.map(name => parsed.config.fields[name].boost || 1),
      docBoosts: refs.map((_, d) => parsed.boosts[d] || 1)
    };
    prepared.fieldVectors = vectors(prepared, prepared.settings);
    return prepared;
  }

  function settingsOf(builder) {
    return {
      k1: builder._k1, b: builder._b,
      fieldBoosts: words.fields.map(name => builder._fields[name].boost || 1),
      docBoosts: words.refs.map(ref => builder._documents[ref].boost || 1)
    };
  }

  // lunr's createFieldVectors, on the build's counts
  function vectors({ fields, refs, forward, withTerm }, { k1, b, fieldBoosts, docBoosts }) {
    const lunr = self.lunr;
    const count = forward.length;
    const average = fields.map((_, f) => {
      let total = 0;
      for (const doc of forward) {
        const pairs = doc[f];
        if (pairs) for (let i = 1; i < pairs.length; i += 2) total += pairs[i];
      }
      return total / count;
    });
    const idf = Array.from(withTerm, n => Math.log(1 + Math.abs((count - n + 0.5) / (n + 0.5))));
    const fieldVectors = Object.create(null);
    for (let d = 0; d < forward.length; d++) {
      const docBoost = docBoosts[d];
      for (let f = 0; f < fields.length; f++) {
        const pairs = forward[d][f] || [];
        const fieldBoost = fieldBoosts[f];
        let length = 0;
        for (let i = 1; i < pairs.length; i += 2) length += pairs[i];
        const elements = [];
        for (let i = 0; i < pairs.length; i += 2) {
          const tf = pairs[i + 1];
          let score = idf[pairs[i]] * ((k1 + 1) * tf) / (k1 * (1 - b + b * (length / average[f])) + tf);
          score *= fieldBoost;
          score *= docBoost;
          elements.push(pairs[i], Math.round(score * 1000) / 1000);
        }
        fieldVectors[`${fields[f]}/${refs[d]}`] = new lunr.Vector(elements);
      }
    }
    return fieldVectors;
  }

  // lunr's build(), with the vectors scored already unless Material's settings differ
  function index(builder) {
    const settings = settingsOf(builder);
    const fieldVectors = same(settings, words.settings) ? words.fieldVectors : vectors(words, settings);
    return new self.lunr.Index({
      invertedIndex: words.invertedIndex, fieldVectors, tokenSet: words.tokenSet,
      fields: Object.keys(builder._fields), pipeline: builder.searchPipeline
    });
  }

  // A result's fields tokenized as Material's builder would have: its position tables (for the
  // highlighting) and each term's positions (lunr's metadata), once per document.
  function positions(ref) {
    const doc = docs.get(ref);
    if (!doc) return null;
    if (!doc.positions) {
      doc.positions = Object.create(null);
      for (const { name, table, value } of doc.fields) {
        self.lunr.tokenizer.table = table;
        const byTerm = doc.positions[name] = new Map();
        for (const token of tokenizer(value)) {
          const term = token.toString();
          if (!byTerm.has(term)) byTerm.set(term, []);
          byTerm.get(term).push(token.metadata.position);
        }
      }
    }
    return doc.positions;
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
      const fields = [];
      for (const name of Object.keys(this._fields)) {
        const extractor = this._fields[name].extractor;
        const value = extractor ? extractor(doc) : doc[name]; // Material's extractor makes the table
        if (value !== undefined && value !== null) fields.push({ name, table: lunr.tokenizer.table, value });
      }
      docs.set(ref, { fields, positions: null });
    };
    lunr.Builder.prototype.build = function () {
      return words ? index(this) : build.call(this);
    };
    const search = lunr.Index.prototype.search;
    lunr.Index.prototype.search = function (query) {
      const results = search.call(this, query);
      if (words && this.invertedIndex === words.invertedIndex)
        for (const { ref, matchData } of results) {
          const found = positions(ref);
          for (const term of Object.keys(matchData.metadata))
            for (const field of Object.keys(matchData.metadata[term]))
              matchData.metadata[term][field].position = ((found && found[field] && found[field].get(term)) || []).slice();
        }
      return results;
    };
  }

  // the settings the build's index was made with: Material's, as the page has them
  function same(a, b) {
    if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return a === b;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every(key => same(a[key], b[key]));
  }

  function receive(data) {
    try {
      let text = data.text;
      if (data.url) { // over HTTP: the file's one string literal, read here, off the page's thread
        const request = new XMLHttpRequest();
        request.open("GET", data.url, false); // a worker may wait: nothing else is to be done meanwhile
        request.send();
        if (request.status !== 200) throw new Error(`${data.url}: ${request.status}`);
        const source = request.responseText;
        text = JSON.parse(source.slice(source.indexOf("=") + 1, source.lastIndexOf(";")));
      }
      const parsed = JSON.parse(text);
      if (parsed === null) return; // the build could not find these words (another language): Material's index
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
          || !same(config, words.config)) {
        console.warn("reading-guide: search words do not match the search index; building it in the browser");
        words = null;
      }
    }
    return handler(ev);
  }, options);
})();
