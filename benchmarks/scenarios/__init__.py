"""The measurements. Each scenario is a function `run(context) -> dict` of JSON-ready figures:
every run of every variant (builds.summary) and the ratios against a baseline built in the same
run, in alternating order.

    synthetic  the synthetic guide with hooks vs the same pages without (time, peak memory);
               with --abbr, the same spellings as Markdown abbreviations
    linker     the linker alone (TermIndex + link_tree) at T = 10 ... 10,000 entries
    real       the real guide with hooks vs the same pages without
    books      the real guide: HTML + PDF + EPUB vs HTML only; the PDF alone; PDF/UA's share
    imports    the 80,000-word corpus books: import, HTML build, books (incl. the largest's ratio)
    serve      mkdocs serve on a copy of the real guide: edit a glossary file -> new page served
    large      a large book (--large-words, default 1M) of real text: memory, the books' ratio, search
               index and page bytes, search in Chromium; with --before REF, the same with REF's generator
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ORDER = ("synthetic", "linker", "real", "books", "imports", "serve", "large")


@dataclass
class Context:
    args: Any  # the command line (sizes, runs)
    work: Path  # a temporary folder
    corpus: Any = None  # corpus.Corpus, made once for synthetic and linker
    configs: dict[str, Path] = field(default_factory=dict)  # the synthetic guide's mkdocs.yml per variant
    results: dict[str, dict] = field(default_factory=dict)  # what the scenarios before found
    before: Path | None = None  # --before REF: REF's src/, for PYTHONPATH
