"""Search that is ready at once and never blocks the page: the adapter's part.

Two files join the site. `assets/reading-guide/search-worker-source.js` carries, as one string,
the source of the worker that search-shim.js starts from a Blob (a page opened from disk may start
no Worker from a file): our search-worker.js, Material's own search worker, and the lunr language
scripts Material's worker would otherwise load from `../lunr/`. `search/search_words.js` carries
the words of Material's index as core/search_index.py finds them, with the documents' locations
and the search settings they were found with (the worker uses them only if the page's index has
the same), as one JSON string: a string literal costs a page opened from disk little to read,
where an object literal as big would be parsed on its thread.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from ..core import search_index

log = get_plugin_logger("reading-guide")

SOURCE = "assets/reading-guide/search-worker-source.js"
WORDS = "search/search_words.js"
PRELUDE = Path(__file__).resolve().parent.parent / "theme" / "assets" / "search-worker.js"
MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
LUNR = "assets/javascripts/lunr/"
CHUNK = 1000  # documents' words written at a time


def search_plugin(config: MkDocsConfig) -> Any | None:
    """Material's search plugin, if the site has it (with its settings after its on_config)."""
    return next((p for p in config.plugins.values() if hasattr(p, "search_index") and hasattr(p, "config")), None)


def language_scripts(langs: list[str]) -> list[str]:
    """The lunr scripts Material's worker imports for these languages (worker/main/index.ts), in its order."""
    scripts: list[str] = []
    for lang in langs:
        if lang == "ja":
            scripts.append("tinyseg.js")
        elif lang in ("hi", "th"):
            scripts.append("wordcut.js")
        if lang != "en":
            scripts.append(f"min/lunr.{lang}.min.js")
    if len(langs) > 1:
        scripts.append("min/lunr.multi.min.js")
    return ["min/lunr.stemmer.support.min.js", *scripts] if scripts else []


def add_worker_source(files: Files, config: MkDocsConfig) -> None:
    """The worker's source as a script file, made from the theme's files of this build."""
    plugin = search_plugin(config)
    if plugin is None or files.get_file_from_path(SOURCE) is not None:
        return
    by_path = {file.src_uri: file for file in files}
    worker = next((file for uri, file in by_path.items() if MATERIAL_WORKER.fullmatch(uri)), None)
    if worker is None or worker.abs_src_path is None:
        log.warning("search: Material's search worker is not among the theme's files; search runs as Material runs it")
        return
    parts = [PRELUDE.read_text(encoding="utf-8"), Path(worker.abs_src_path).read_text(encoding="utf-8")]
    for script in language_scripts(list(plugin.config.lang or ["en"])):
        file = by_path.get(LUNR + script)
        if file is None or file.abs_src_path is None:
            log.warning(f"search: the theme has no {LUNR + script}; search in that language needs it")
            continue
        parts.append(Path(file.abs_src_path).read_text(encoding="utf-8"))
    # Each part ends its last line (a source map comment would swallow what follows it).
    source = "\n;\n".join(part.rstrip("\n") for part in parts) + "\n"
    files.append(File.generated(config, SOURCE, content=f"self.readingGuideSearchWorker = {_js_string(source)};\n"))


def material_index(config: MkDocsConfig) -> dict[str, Any] | None:
    """Material's index as its plugin holds it in this build ({"config", "docs"}, the objects
    search_index.json is written from), or None without the plugin."""
    index = getattr(search_plugin(config), "search_index", None)
    entries, settings = getattr(index, "entries", None), getattr(index, "config", None)
    if not isinstance(entries, list) or not isinstance(settings, dict):
        return None
    return {"config": settings, "docs": entries}


def write_words(config: MkDocsConfig) -> None:
    """search/search_words.js from Material's index of this build: read from its plugin, as it
    wrote search_index.json from it, rather than from the file (a second copy of a large index)."""
    index_file = Path(config.site_dir) / "search" / "search_index.json"
    target = Path(config.site_dir) / WORDS
    if not index_file.is_file():
        return
    live = material_index(config)
    if live is not None:
        # the file's settings, as Material writes them (generate_search_index): these four, through JSON
        written = {key: live["config"].get(key) for key in ("lang", "separator", "pipeline", "fields")}
        index = {"config": json.loads(json.dumps(written, default=str)), "docs": live["docs"]}
    else:
        index = json.loads(index_file.read_text(encoding="utf-8"))
    try:
        names, numbers, documents = search_index.fields_of(index)
        docs = [_json(fields) for fields in documents]  # one short string per document: compact
    except search_index.UnsupportedError as why:
        log.info(f"search: {why}; the index is built in the reader's browser (in a worker, off the page's thread)")
        target.write_text("self.readingGuideSearchWords = null;\n", encoding="utf-8")  # said, not a missing file
        return
    entries = index.get("docs", [])
    terms = list(numbers)
    head = {"lunr": search_index.LUNR_VERSION, "fields": names, "terms": terms, "order": search_index.js_order(terms)}
    boosts = {number: json.loads(json.dumps(doc["boost"], default=str)) for number, doc in enumerate(entries)
              if "boost" in doc}  # as search_index.json holds them
    tail = {"refs": [doc["location"] for doc in entries], "config": index.get("config"),
            "boosts": {str(number): boost for number, boost in boosts.items() if boost}}
    # One JSON text (head, docs, tail as one object), written in pieces inside one string literal.
    with target.open("w", encoding="utf-8") as out:
        out.write("self.readingGuideSearchWords = \"")
        out.write(_js_string(_json(head)[:-1] + ',"docs":[')[1:-1])
        for at in range(0, len(docs), CHUNK):
            out.write(("," if at else "") + ",".join(docs[at:at + CHUNK]))
        out.write(_js_string("]," + _json(tail)[1:])[1:-1])
        out.write("\";\n")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _js_string(text: str) -> str:
    """A JavaScript string literal: JSON's, with the two line separators JSON allows raw escaped."""
    return json.dumps(text, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


# Material's search parser skips a comment in one step (it looks for its end), where it reads every tag of the
# back-links it would leave out of the index anyway (data-search-exclude): 35,000 links on the synthetic guide.
HIDDEN_OPEN, HIDDEN_CLOSE = "<!--reading-guide:back-links\n", "\n-->"


def hide_from_search(content: str, span: tuple[int, int]) -> str:
    """The page's HTML with its back-links (content[start:end], our own fragment, which holds no `-->`:
    its text is escaped) inside a comment, for Material's search plugin to pass over."""
    start, end = span
    return content[:start] + HIDDEN_OPEN + content[start:end] + HIDDEN_CLOSE + content[end:]


def show_after_search(content: str) -> str:
    """hide_from_search undone, after Material's search plugin has read the page (and taken its
    data-search attributes out of the whole HTML, the back-links' too, as it always does)."""
    start = content.rfind(HIDDEN_OPEN)
    end = content.find(HIDDEN_CLOSE, start)
    if start == -1 or end == -1:
        return content
    return content[:start] + content[start + len(HIDDEN_OPEN):end] + content[end + len(HIDDEN_CLOSE):]
