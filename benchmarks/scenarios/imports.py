"""Import scale: the corpus books of about 80,000 words (tests/fixtures/import/) made into new
guides, as `reading-guide new TEXT DIR` does: the import's time (reading the text: read_text;
writing the guide: new_guide), then each guide's HTML build and its whole build with the books.
"""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path

from builds import ROOT

from reading_guide.importer.parse import read_text
from reading_guide.importer.scaffold import new_guide

from . import Context
from .books import compare_books

CORPUS = ROOT / "tests" / "fixtures" / "import"
MIN_WORDS = 75_000  # "the 80,000-word books"


def corpus_books() -> dict[str, int]:
    """The corpus books of about 80,000 words or more: file name -> words, largest first."""
    words = {p.name: len(p.read_text(encoding="utf-8").split()) for p in sorted(CORPUS.glob("*.md"))
             if p.name != "README.md"}
    return dict(sorted(((n, w) for n, w in words.items() if w >= MIN_WORDS), key=lambda nw: -nw[1]))


def run(context: Context) -> dict:
    runs, work = context.args.fast_runs, context.work
    books = corpus_books()
    print(f"\n== Import scale: {', '.join(f'{n} ({w:,} words)' for n, w in books.items())} ({runs} runs each) ==")
    out: dict = {"largest": next(iter(books))}
    timings: dict[str, dict[str, list[float]]] = {name: {"read_s": [], "write_s": []} for name in books}
    names = list(books)
    for round_ in range(runs):  # the books in turn, as the builds alternate
        for name in names[round_ % len(names):] + names[:round_ % len(names)]:
            read_s, write_s = import_once(CORPUS / name, work / f"import-{Path(name).stem}")
            timings[name]["read_s"].append(read_s)
            timings[name]["write_s"].append(write_s)
            print(f"  import round {round_ + 1}/{runs} {name:40} read {read_s:.3f} s  write {write_s:.3f} s", flush=True)
    for name, words in books.items():
        guide = work / f"import-{Path(name).stem}"
        t = timings[name]
        read_s, write_s = statistics.median(t["read_s"]), statistics.median(t["write_s"])
        chapters = len(list((guide / "docs" / "chapters").glob("*.md")))
        print(f"  {name}: import {read_s + write_s:.2f} s (read {read_s:.2f} s, write {write_s:.2f} s), {chapters} pages")
        built = compare_books(guide / "mkdocs.yml", runs, work, Path(name).stem[:12])
        out[name] = {"words": words, "pages": chapters, "read_s": [round(x, 4) for x in t["read_s"]],
                     "write_s": [round(x, 4) for x in t["write_s"]], "median_read_s": round(read_s, 4),
                     "median_write_s": round(write_s, 4), "import_s": round(read_s + write_s, 4), **built}
    return out


def import_once(text: Path, folder: Path) -> tuple[float, float]:
    """(seconds to read the text, seconds to write the new guide) into a fresh `folder`."""
    shutil.rmtree(folder, ignore_errors=True)
    start = time.perf_counter()
    parsed = read_text(text, "chapters")
    read = time.perf_counter() - start
    start = time.perf_counter()
    new_guide(parsed, text, folder)
    return read, time.perf_counter() - start
