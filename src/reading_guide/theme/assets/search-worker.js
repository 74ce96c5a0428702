/* The reading-guide generator's part of the search worker. It runs first in the worker that
   search-shim.js starts from a Blob (search-worker-source.js holds this file, Material's search
   worker and the lunr language scripts it needs), so that search never runs on the page's thread,
   from file:// too.

   Material's worker builds its lunr index from the documents every time a page opens (seconds for
   a long book). The build has made that index already (core/search_index.py, written to
   search/search_words.js): lunr.Index.load reads it, lunr.Builder.add only registers each
   document, and lunr.Builder.build returns the loaded index (its postings, vectors and token set
   made as queries reach them). Material's highlighting needs each field's position table, which
   its tokenizer makes while indexing: here it is made for a document only when a search first
   returns it, and of a long text only as far as the highlighting reads it. Without the build's
   index (a missing or stale file, settings it was not made with, another language) Material's
   worker builds its own as before. */
(() => {
  "use strict"; // here only: Material's worker and lunr's scripts follow in the same source
  // Material's worker would load lunr's language scripts from ../lunr/, which a Blob worker cannot
  // reach: they are in this worker's source already, after Material's.
  self.importScripts = () => {};

  let words = null; // the build's words, prepared for lunr (below)
  const docs = new Map(); // document ref -> { fields: Map(name -> { value, table, seen }) }
  let tokenizer = null; // Material's tokenizer, taken from its builder
  let patched = false;

  // What lunr reads of an index, from the build's words, made only when a query reaches it: a
  // term's posting, a document's field vector, a node of the token set. Setting up is then one
  // pass over the words (a million words: 0.1 s, where making them all took 2 s).
  function prepare(parsed) {
    const { fields, terms, docs: forward, refs } = parsed;
    const width = fields.length;
    // Each term's documents, field by field, in one array: term * width + field -> starts[key]..starts[key + 1]
    const starts = new Uint32Array(terms.length * width + 1);
    const withTerm = new Uint32Array(terms.length); // lunr.idf's documentsWithTerm
    const lengths = new Float64Array(forward.length * width); // each field's words, for lunr's length norm
    for (let d = 0; d < forward.length; d++)
      for (let f = 0; f < width; f++) {
        const pairs = forward[d][f];
        if (!pairs) continue;
        for (let i = 0; i < pairs.length; i += 2) {
          starts[pairs[i] * width + f + 1] += 1;
          withTerm[pairs[i]] += 1;
          lengths[d * width + f] += pairs[i + 1];
        }
      }
    for (let k = 1; k < starts.length; k++) starts[k] += starts[k - 1];
    const postings = new Uint32Array(starts[starts.length - 1]);
    const next = starts.slice(0, -1);
    for (let d = 0; d < forward.length; d++) // documents in order, as lunr's builder meets them
      for (let f = 0; f < width; f++) {
        const pairs = forward[d][f];
        if (pairs) for (let i = 0; i < pairs.length; i += 2) postings[next[pairs[i] * width + f]++] = d;
      }
    const order = parsed.order; // term numbers in JavaScript's string order (the build sorted them)
    const sorted = Array.from(order, t => terms[t]);
    const numbers = new Map(); // the terms queries have reached: a short prefix reaches hundreds, each looked up once a document
    const number = term => { // a term's number, by binary search of the sorted terms
      if (numbers.has(term)) return numbers.get(term);
      let lo = 0, hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid] < term) lo = mid + 1; else hi = mid;
      }
      const found = lo < sorted.length && sorted[lo] === term ? order[lo] : undefined;
      numbers.set(term, found);
      return found;
    };
    // lunr reads a term's posting only when a query reaches it: made then, in lunr's shape, with
    // empty metadata whose positions are set once the search is done (see search below).
    const invertedIndex = new Proxy(Object.create(null), {
      get(target, term) {
        if (typeof term !== "string" || term in target) return target[term];
        const t = number(term);
        if (t === undefined) return undefined;
        const posting = Object.create(null);
        posting._index = t;
        for (let f = 0; f < width; f++) {
          const byRef = posting[fields[f]] = Object.create(null);
          for (let k = starts[t * width + f]; k < starts[t * width + f + 1]; k++) byRef[refs[postings[k]]] = Object.create(null);
        }
        return (target[term] = posting);
      },
      has(target, term) {
        return typeof term === "string" && number(term) !== undefined;
      }
    });
    const prepared = {
      fields, refs, forward, withTerm, lengths, invertedIndex, config: parsed.config, number,
      sorted, tokenSet: tokenSet(sorted),
      ordinal: new Map(refs.map((ref, d) => [ref, d])),
      // the settings Material's builder will have (checked then), for the vectors
      settings: {
        k1: 1.2, b: 0, // lunr's default k1; Material sets b to 0
        fieldBoosts: fields.map(name => parsed.config.fields[name].boost || 1),
        docBoosts: refs.map((_, d) => parsed.boosts[d] || 1)
      }
    };
    prepared.fieldVectors = vectors(prepared, prepared.settings);
    return prepared;
  }

  // lunr.TokenSet.fromArray(sorted) as lunr's query sees it (intersect reads `edges` and `final`),
  // each node's edges made when a query first walks there: the same edges in the same order, so
  // the same terms come out in the same order.
  function tokenSet(sorted) {
    function Node(lo, hi, depth) { // the terms sorted[lo..hi) share their first `depth` characters
      this._lo = lo;
      this._hi = hi;
      this._depth = depth;
      this._edges = null;
      this.final = lo < hi && sorted[lo].length === depth;
    }
    Node.prototype = Object.create(self.lunr.TokenSet.prototype);
    Object.defineProperty(Node.prototype, "edges", {
      get() {
        if (this._edges === null) {
          const edges = this._edges = {}; // a plain object, keys in lunr's order of insertion
          for (let i = this.final ? this._lo + 1 : this._lo; i < this._hi;) {
            const char = sorted[i].charAt(this._depth);
            let j = i + 1;
            while (j < this._hi && sorted[j].charAt(this._depth) === char) j++;
            edges[char] = new Node(i, j, this._depth + 1);
            i = j;
          }
        }
        return this._edges;
      }
    });
    const root = new Node(0, sorted.length, 0);
    // Material makes every word of a query a prefix ("word*"): its terms are a range of the sorted
    // terms, listed here in the order lunr's intersect(...).toArray() gives them (the node's own
    // term, then its branches in reverse order of their keys, depth first) without making nodes.
    root.intersect = function (query) {
      const prefix = prefixOf(query);
      if (prefix === null) return Node.prototype.intersect.call(this, query);
      let lo = 0, hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid] < prefix) lo = mid + 1; else hi = mid;
      }
      let end = lo;
      while (end < sorted.length && sorted[end].startsWith(prefix)) end++;
      const terms = [];
      walk(lo, end, prefix.length, terms);
      return { toArray: () => terms };
    };
    function walk(lo, hi, depth, out) {
      let i = lo;
      if (i < hi && sorted[i].length === depth) out.push(sorted[i++]);
      const branches = [];
      while (i < hi) {
        const char = sorted[i].charAt(depth);
        let j = i + 1;
        while (j < hi && sorted[j].charAt(depth) === char) j++;
        branches.push([char, i, j]);
        i = j;
      }
      // an object's keys: the digits (array indices) first, then the others as inserted
      const keys = [...branches.filter(([char]) => DIGIT.test(char)), ...branches.filter(([char]) => !DIGIT.test(char))];
      for (let k = keys.length - 1; k >= 0; k--) walk(keys[k][1], keys[k][2], depth + 1, out);
    }
    return root;
  }

  const DIGIT = /^[0-9]$/;

  // The prefix of a query token set made from "prefix*" (lunr.TokenSet.fromString), else null
  function prefixOf(query) {
    let node = query, prefix = "";
    for (;;) {
      const keys = Object.keys(node.edges);
      if (keys.length !== 1) return null;
      if (keys[0] === "*") return node.edges["*"] === node && node.final && prefix !== "" ? prefix : null;
      if (node.final) return null;
      prefix += keys[0];
      node = node.edges[keys[0]];
    }
  }

  // How often a term is in a document's field, as the build counted it (Infinity: not known)
  function occurrences(ref, name, term) {
    const d = words.ordinal.get(ref);
    const f = words.fields.indexOf(name);
    const t = words.number(term);
    const pairs = d === undefined || f < 0 ? null : words.forward[d][f];
    if (!pairs || t === undefined) return Infinity;
    let lo = 0, hi = pairs.length / 2; // pairs are sorted by term number
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pairs[2 * mid] < t) lo = mid + 1; else hi = mid;
    }
    return pairs[2 * lo] === t ? pairs[2 * lo + 1] : Infinity;
  }

  function settingsOf(builder) {
    return {
      k1: builder._k1, b: builder._b,
      fieldBoosts: words.fields.map(name => builder._fields[name].boost || 1),
      docBoosts: words.refs.map(ref => builder._documents[ref].boost || 1)
    };
  }

  // lunr's createFieldVectors, on the build's counts, a vector made when a query first scores it
  function vectors({ fields, refs, forward, withTerm, lengths, ordinal }, { k1, b, fieldBoosts, docBoosts }) {
    const lunr = self.lunr;
    const count = forward.length;
    const width = fields.length;
    const average = fields.map((_, f) => {
      let total = 0;
      for (let d = 0; d < count; d++) total += lengths[d * width + f];
      return total / count;
    });
    const idf = Array.from(withTerm, n => Math.log(1 + Math.abs((count - n + 0.5) / (n + 0.5))));
    function vector(key) { // `${field}/${ref}`, as lunr.FieldRef writes it
      const slash = key.indexOf("/");
      const f = fields.indexOf(key.slice(0, slash));
      const d = ordinal.get(key.slice(slash + 1));
      if (f < 0 || d === undefined) return undefined;
      const pairs = forward[d][f] || [];
      const length = lengths[d * width + f];
      const elements = [];
      for (let i = 0; i < pairs.length; i += 2) {
        const tf = pairs[i + 1];
        let score = idf[pairs[i]] * ((k1 + 1) * tf) / (k1 * (1 - b + b * (length / average[f])) + tf);
        score *= fieldBoosts[f];
        score *= docBoosts[d];
        elements.push(pairs[i], Math.round(score * 1000) / 1000);
      }
      return new lunr.Vector(elements);
    }
    const made = Object.create(null);
    const make = key => {
      if (typeof key === "string" && !(key in made)) {
        const found = vector(key);
        if (found) made[key] = found;
      }
    };
    return new Proxy(made, {
      get(target, key) { make(key); return target[key]; },
      has(target, key) { make(key); return key in target; },
      getOwnPropertyDescriptor(target, key) { make(key); return Reflect.getOwnPropertyDescriptor(target, key); },
      ownKeys(target) { // a query of prohibited terms only reads every vector
        for (const ref of refs) for (const field of fields) make(`${field}/${ref}`);
        return Reflect.ownKeys(target);
      }
    });
  }

  // lunr's build(), with the vectors scored alike unless Material's settings differ
  function index(builder) {
    const settings = settingsOf(builder);
    const fieldVectors = same(settings, words.settings) ? words.fieldVectors : vectors(words, settings);
    words.used = fieldVectors; // what warm() makes ahead
    return new self.lunr.Index({
      invertedIndex: words.invertedIndex, fieldVectors, tokenSet: words.tokenSet,
      fields: Object.keys(builder._fields), pipeline: builder.searchPipeline
    });
  }

  // A result's field tokenized as Material's builder would have: its position table (for the
  // highlighting) and each term's positions (lunr's metadata). Material highlights the text of a
  // result in its first two blocks (paragraphs) with a match (highlightAll, `full` false): the text
  // is tokenized only as far as needed, a prefix of it, growing, of which every block but the last
  // is whole (the table of those blocks is Material's), until two blocks have a match or every
  // occurrence the build counted is found. A title (and tags) are tokenized whole.
  const PREFIX = 4096; // characters tokenized at first, for a query of many terms
  const FEW = 8; // terms few enough to be looked for in the text first
  const SLACK = 1024; // characters after a match, for its block to end within the prefix

  // Where to cut at first: past the second place a term of the query is found in the lower-cased
  // text (a word in which it is a part counts too: the cut may be early, never wrong, as the
  // prefix grows until Material's highlighting has all it reads)
  function firstCut(field, terms) {
    if (terms.length > FEW) return PREFIX;
    const lower = field.lower || (field.lower = field.value.toLowerCase());
    const ends = [];
    for (const term of terms) {
      const at = lower.indexOf(term);
      if (at < 0) continue;
      ends.push(at + term.length);
      const again = lower.indexOf(term, at + term.length);
      if (again >= 0) ends.push(again + term.length);
    }
    ends.sort((a, b) => a - b);
    return ends.length ? ends[Math.min(1, ends.length - 1)] + SLACK : PREFIX;
  }

  // The text's top-level blocks as Material's extract numbers them: where each begins, and
  // whether a block's entries can be moved to their place in the text (no tag of 1,024
  // characters or more, whose length Material's table entry mixes into its offset; offsets
  // within 2^19; lower-casing that keeps every character's place, so that a term found in the
  // lower-cased text is where its tokens are).
  function blocksOf(field) {
    if (field.blocks !== undefined) return field.blocks;
    const value = field.value;
    const lower = field.lower || (field.lower = value.toLowerCase());
    let safe = value.length < 1 << 19 && lower.length === value.length && !value.includes("\u03a3");
    const starts = [0];
    let start = 0, stack = 0;
    const marks = /[<>]/g; // Material's loop acts only at these
    for (let found; safe && (found = marks.exec(value)) !== null;) {
      const end = found.index, char = found[0];
      if (char === ">" && end + 1 - start >= 1024) safe = false;
      if (char === "<") {
        if (end > start) start = end;
      } else {
        if (value.charAt(start + 1) === "/") {
          if (--stack === 0) starts.push(end + 1);
        } else if (value.charAt(end - 1) !== "/") {
          stack++;
        }
        start = end + 1;
      }
    }
    return (field.blocks = safe ? starts : null);
  }

  // What to look for in the lower-cased text: each term, or for many (a short prefix of the
  // query reaches hundreds) the longest beginning shared by the terms of each first letter ("i"
  // for every term of "i*"; made once a query, from all its results' terms): a block without any
  // of these has none of the terms.
  function keysOf(terms) {
    const sorted = [...terms].sort();
    const keys = [];
    for (let i = 0; i < sorted.length;) {
      let j = i + 1;
      while (j < sorted.length && sorted[j].charAt(0) === sorted[i].charAt(0)) j++;
      const first = sorted[i], last = sorted[j - 1];
      let n = 0;
      while (n < first.length && first.charAt(n) === last.charAt(n)) n++;
      keys.push(first.slice(0, n));
      i = j;
    }
    return keys;
  }

  // Only the blocks in which the lower-cased text has a key are tokenized (each alone, by
  // Material's tokenizer, its entries moved to their place), in order, until Material's
  // highlighting has what it reads: a block is found and tokenized only when the ones before it
  // have not given that; the blocks before them get one entry where they begin (Material's
  // highlighting reads only their first and last entries, to tell the items of an array apart,
  // which a text is not). Null where this cannot be exact.
  function byBlocks(field, terms, wanted, keys) {
    const starts = blocksOf(field);
    if (!starts) return null;
    const value = field.value, lower = field.lower;
    const table = field.table;
    table.length = 0;
    const byTerm = new Map(terms.map(term => [term, []]));
    const seen = { cut: 0, complete: true, byTerm, terms: new Set(terms) };
    for (let from = 0; ;) {
      let at = -1; // the first key at or after `from`
      for (const key of keys) {
        const found = lower.indexOf(key, from);
        if (found >= 0 && (at < 0 || found < at)) at = found;
      }
      if (at < 0) break;
      let lo = 0, hi = starts.length; // the block at `at`: the last start at or before it
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (starts[mid] <= at) lo = mid + 1; else hi = mid;
      }
      const block = lo - 1;
      const start = starts[block];
      const end = block + 1 < starts.length ? starts[block + 1] : value.length;
      from = end;
      const part = [];
      self.lunr.tokenizer.table = part;
      const tokens = tokenizer(value.slice(start, end));
      if (part.length > 1) return null; // not one block alone: not as Material would number it
      for (let b = table.length; b < block; b++) table[b] = [starts[b] << 12];
      table[block] = (part[0] || []).map(entry => ((start + (entry >>> 12)) << 12) | (entry & 0xFFF));
      for (const token of tokens) {
        if (token.str.length >= 1024) return null; // a word that long: its entry's offset is not exact
        const found = byTerm.get(token.str);
        if (found) found.push(block << 20 | (token.metadata.position & 0xFFFFF));
      }
      if (enough(seen, terms, wanted)) break;
      if (end >= value.length) break;
    }
    return seen;
  }

  function tokenized(ref, field, terms, keysFor) {
    const whole = field.name !== "text" || Array.isArray(field.value);
    let wanted = 0;
    for (const term of terms) wanted += occurrences(ref, field.name, term);
    if (!whole) {
      const seen = byBlocks(field, terms, wanted, keysFor(terms));
      if (seen) {
        field.seen = null; // the table is this query's now
        return seen;
      }
    }
    for (;;) {
      const seen = field.seen && terms.every(term => field.seen.terms.has(term)) ? field.seen : null;
      if (seen && (seen.complete || enough(seen, terms, wanted))) return seen;
      const longer = seen ? seen.cut * 2 : firstCut(field, terms);
      const cut = whole || longer >= field.value.length ? Infinity : longer;
      const table = field.table;
      table.length = 0;
      self.lunr.tokenizer.table = table;
      const tokens = tokenizer(cut === Infinity ? field.value : field.value.slice(0, cut));
      const last = cut === Infinity ? Infinity : Math.max(0, table.length - 1); // the block the cut may have split
      if (last !== Infinity) table.length = last;
      const byTerm = new Map(terms.map(term => [term, []])); // the positions of this query's terms only
      for (const token of tokens) {
        const found = byTerm.get(token.str);
        if (found && token.metadata.position >>> 20 < last) found.push(token.metadata.position);
      }
      field.seen = { cut, complete: cut === Infinity, byTerm, terms: new Set(terms) };
    }
  }

  // Material's highlighting has all it reads: two blocks with a match, or every match
  function enough(seen, terms, wanted) {
    const blocks = new Set();
    let found = 0;
    for (const term of terms)
      for (const position of seen.byTerm.get(term) || []) {
        blocks.add(position >>> 20);
        found += 1;
      }
    return blocks.size >= 2 || found >= wanted;
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
      const fields = new Map();
      for (const name of Object.keys(this._fields)) {
        const extractor = this._fields[name].extractor;
        const value = extractor ? extractor(doc) : doc[name]; // Material's extractor makes the table
        if (value !== undefined && value !== null) fields.set(name, { name, table: lunr.tokenizer.table, value, seen: null });
      }
      docs.set(ref, { fields });
    };
    lunr.Builder.prototype.build = function () {
      return words ? index(this) : build.call(this);
    };
    const search = lunr.Index.prototype.search;
    lunr.Index.prototype.search = function (query) {
      const results = search.call(this, query);
      if (words && this.invertedIndex === words.invertedIndex) {
        let broad = null; // keysOf every term of the query's results: what a result of many terms looks for
        const keysFor = terms => {
          if (terms.length <= FEW) return terms;
          if (broad === null) {
            const all = new Set();
            for (const { matchData } of results) for (const term of Object.keys(matchData.metadata)) all.add(term);
            broad = keysOf([...all]);
          }
          return broad;
        };
        for (const { ref, matchData } of results) {
          const doc = docs.get(ref);
          const byField = new Map(); // field -> the terms found in it
          for (const term of Object.keys(matchData.metadata))
            for (const name of Object.keys(matchData.metadata[term])) {
              if (!byField.has(name)) byField.set(name, []);
              byField.get(name).push(term);
            }
          for (const [name, terms] of byField) {
            const field = doc && doc.fields.get(name);
            const seen = field ? tokenized(ref, field, terms, keysFor) : null;
            for (const term of terms)
              matchData.metadata[term][name].position = ((seen && seen.byTerm.get(term)) || []).slice();
          }
        }
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
      if (data.buffer || data.url) { // over HTTP: the file's one string literal, read here, off the page's thread
        let source;
        if (data.buffer) { // fetched by the page as it loaded (search-shim.js)
          source = new TextDecoder().decode(data.buffer);
        } else {
          const request = new XMLHttpRequest();
          request.open("GET", data.url, false); // a worker may wait: nothing else is to be done meanwhile
          request.send();
          if (request.status !== 200) throw new Error(`${data.url}: ${request.status}`);
          source = request.responseText;
        }
        text = JSON.parse(source.slice(source.indexOf("=") + 1, source.lastIndexOf(";")));
      }
      const parsed = JSON.parse(text);
      if (parsed === null) return; // the build could not find these words (another language): Material's index
      if (parsed.lunr !== self.lunr.version) throw new Error(`words for lunr ${parsed.lunr}`);
      patch();
      words = prepare(parsed);
      warmSoon();
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
    if (data && data.type === 2) return ask(handler, ev); // QUERY
    const answer = handler(ev);
    if (data && data.type === 0) warmSoon();
    return answer;
  }, options);

  // The first letters typed reach most of the book: lunr then scores every document's fields
  // and the highlighting reads each result's text. What that needs is made while the worker
  // waits (before its setup and between it and the first keys), a few milliseconds at a time so
  // that a query that comes meanwhile is answered after at most one of them: every field's
  // vector, then each text's lower-cased copy and its blocks. The same things a query would make
  // when it first reached them, made earlier.
  const SLICE = 8; // milliseconds of work at a time
  let warming = null, holding = false, vectorsMade = 0, textsMade = 0;
  function warmSoon() {
    if (warming === null) warming = setTimeout(warm, 0);
  }
  function warm() {
    warming = null;
    if (!words || (waiting.length && !holding)) return; // a query goes first; it calls warmSoon when done
    const until = performance.now() + SLICE;
    const vectors = words.used || words.fieldVectors, { refs, fields } = words;
    const total = refs.length * fields.length;
    while (vectorsMade < total && performance.now() < until) {
      const d = Math.floor(vectorsMade / fields.length), f = vectorsMade % fields.length;
      void (`${fields[f]}/${refs[d]}` in vectors); // made and kept by the proxy
      vectorsMade += 1;
    }
    const texts = [...docs.values()];
    while (vectorsMade === total && textsMade < texts.length && performance.now() < until) {
      const field = texts[textsMade++].fields.get("text");
      if (field && !Array.isArray(field.value)) blocksOf(field);
    }
    if (vectorsMade < total || textsMade < texts.length) warmSoon(); // the texts come with the setup, which calls it again
  }

  // Material asks at every key: on a long book the first letters' queries (every page matches)
  // take the worker a while, and the keys typed meanwhile wait in its queue. Those waiting are
  // answered together, with the result of the last (what the reader has typed now; Material shows
  // each answer as it comes, so the ones in between would only be drawn and replaced). A query
  // of a word's first letter or two, which reaches hundreds of the book's terms, waits a moment
  // (HOLD) for the next key first: typed on, it is answered with the word's results at once,
  // rather than after every page has been scored and highlighted for a letter no one reads;
  // left alone, it is answered HOLD later.
  const HOLD = 150; // milliseconds: a key's interval when typing a word
  const BROAD = 500; // terms: a prefix reaching more is held
  function broad(query) {
    if (!words || typeof query !== "string") return false;
    for (const word of query.toLowerCase().split(/\s+/)) {
      const prefix = word.replace(/^[+-]/, "").replace(/[*~^\d]*$/, "");
      if (!prefix || prefix.includes(":")) continue;
      const { sorted } = words;
      const first = at => { // the first term not before `at`
        let lo = 0, hi = sorted.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (sorted[mid] < at) lo = mid + 1; else hi = mid;
        }
        return lo;
      };
      if (first(prefix + "\uffff") - first(prefix) > BROAD) return true;
    }
    return false;
  }
  const arrived = new WeakMap(); // query event -> when it came
  const waiting = [];
  let copies = 0;
  const post = self.postMessage.bind(self);
  self.postMessage = (message, ...rest) => {
    const times = message && message.type === 3 && copies > 0 ? copies : 1; // RESULT
    copies = 0;
    for (let i = 0; i < times; i++) post(message, ...rest);
  };
  function ask(handler, ev) {
    arrived.set(ev, performance.now());
    waiting.push(ev);
    if (waiting.length === 1) setTimeout(answer, 0, handler); // after the messages already queued
  }
  function answer(handler) {
    const last = waiting[waiting.length - 1];
    const held = broad(last.data.data) ? arrived.get(last) + HOLD - performance.now() : 0;
    holding = held > 0;
    if (holding) return void setTimeout(answer, held, handler); // the keys typed meanwhile join `waiting`; warm() goes on
    const asked = waiting.splice(0);
    copies = asked.length;
    handler(last);
    warmSoon();
  }
})();
