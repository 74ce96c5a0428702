"""A large book (issue 24): a guide of about `--large-words` words (default 1,000,000) made from real text.

The text: the corpus books of tests/fixtures/gutenberg, each read by the import (`read_text`), their
chapters in turn (and again from the first book when the words run short) cut into pages of about
2,000 words, one Markdown text with a `#` heading per page; made into a new guide by the import
(`parse_text` + `new_guide`), so the navigation is the import's (long books grouped by tens). The
glossary is empty: the figures are the text's.

Measured, one build of each (a large build is minutes, not a second): the HTML-only build and the
whole build with the books (time, CPU, peak memory; the books' ratio; `--large-books 0` leaves the
books out, before and after); of the HTML site, the search
index's bytes and the pages' sizes; in Chromium, search-ready over HTTP and the longest main-thread
stall of the first search from file://. With `--before REF` the same builds run with REF's generator
(its src/, from `git archive`), the books only up to `--before-books-max-words` (the old PDF needed
9.9 GB at 1M words): every figure as a before/after pair.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import tarfile
from collections import Counter
from pathlib import Path

import browser
from builds import ROOT, Run, run_build

from reading_guide.importer.parse import Text, escape_markdown, parse_text, read_text
from reading_guide.importer.scaffold import new_guide

from . import Context

CORPUS = ROOT / "tests" / "fixtures" / "gutenberg"
PAGE_WORDS = 2_000  # words per page: War and Peace has 361 chapters in 580,000 words


def run(context: Context) -> dict:
    args, work = context.args, context.work
    words = args.large_words
    print(f"\n== A large book: about {words:,} words of the corpus books, one build of each variant ==")
    guide, facts = make_guide(words, work / "large")
    print(f"  the guide: {facts['words']:,} words in {facts['pages']} pages")
    config = guide / "mkdocs.yml"
    books = bool(args.large_books)
    if not books:
        print("  --large-books 0: HTML only, the books are not built")
    out: dict = {"corpus": facts, "after": measure(config, work, "after", facts, books=books)}
    if not books:
        out["after"]["books_skipped"] = "--large-books 0"
    before = context.before
    if before is not None:
        skipped = None if books else "--large-books 0"
        if books and facts["words"] > args.before_books_max_words:
            books, skipped = False, f"above --before-books-max-words={args.before_books_max_words:,}"
            print(f"  before: the books are skipped {skipped}")
        out["before"] = measure(config, work, "before", facts, books=books, pythonpath=before)
        out["before"]["ref"] = args.before
        if skipped:
            out["before"]["books_skipped"] = skipped
    return out


def make_guide(words: int, folder: Path) -> tuple[Path, dict]:
    source = folder.parent / "large-source.md"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(large_text(words), encoding="utf-8")
    text = parse_text(source.read_text(encoding="utf-8"), source.name, markdown=True)
    new_guide(text, source, folder)
    count = sum(len(p.split()) for c in text.chapters for p in c.paragraphs)
    return folder, {"words": count, "pages": len(text.chapters), "source_books": len(books()),
                    "search_word": common_word(text)}


def books() -> list[Path]:
    return sorted(p / "text.txt" for p in CORPUS.iterdir() if (p / "text.txt").is_file())


def large_text(words: int) -> str:
    """The corpus books' chapters, cut into pages of about PAGE_WORDS, until `words` are reached."""
    lines = ["Title: A large book made of the corpus\n"]
    total, page = 0, 0
    texts = [read_text(path, "chapters") for path in books()]
    while total < words:
        for text in texts:
            for chapter in text.chapters:
                paragraphs = [p for p in chapter.paragraphs if p.strip()]
                while paragraphs and total < words:
                    page += 1
                    lines.append(f"# {escape_markdown(text.title, heading=True)}: {escape_markdown(chapter.title, heading=True)}"
                                 f" ({page})\n")
                    taken = 0
                    while paragraphs and taken < PAGE_WORDS and total < words:
                        paragraph = paragraphs.pop(0)
                        lines.append(escape_markdown(" ".join(paragraph.split())) + "\n")
                        taken += len(paragraph.split())
                        total += len(paragraph.split())
                if total >= words:
                    return "\n".join(lines)
    return "\n".join(lines)


def before_src(ref: str, work: Path) -> Path | None:
    """REF's src/ (git archive) in a temporary folder, for PYTHONPATH; None if git cannot give it."""
    target = work / "before"
    archive = work / "before.tar"
    with archive.open("wb") as out:
        proc = subprocess.run(["git", "archive", ref, "src/"], stdout=out, stderr=subprocess.PIPE, cwd=ROOT, check=False)
    if proc.returncode != 0:
        print(f"  --before {ref}: git archive failed ({proc.stderr.decode(errors='replace').strip()}); no before figures")
        return None
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
    return target / "src"


def measure(config: Path, work: Path, label: str, facts: dict, books: bool, pythonpath: Path | None = None) -> dict:
    variant: dict = {"config": config, **({"pythonpath": pythonpath} if pythonpath else {})}
    site = work / f"large-site-{label}"
    html = run_build({**variant, "env": {"GUIDE_BOOKS": "0"}}, site, keep=True)
    print(f"  {label}: HTML only {html.seconds:.1f} s (CPU {html.cpu_s:.1f} s), {html.maxrss_mb:.0f} MB")
    out = {"html": figures(html), **site_facts(site)}
    print(f"  {label}: search index {out['search_index_bytes']:,} bytes; chapter pages median "
          f"{out['page_bytes_median']:,} bytes, largest {out['page_bytes_max']:,}")
    word, page = facts["search_word"], out["sample_page"]
    out["search_ready_s"] = browser.search_ready_s(site, page, word)
    out["first_search_stall_ms"] = browser.first_search_stall_ms(site, page, word)
    print(f"  {label}: search ready {out['search_ready_s']} s after load (HTTP); longest stall on the first search "
          f"{out['first_search_stall_ms']} ms (file://)")
    shutil.rmtree(site, ignore_errors=True)
    if books:
        whole = run_build({**variant, "env": {"GUIDE_BOOKS": "1"}, "time_books": True}, site)
        out["books"] = figures(whole)
        out["books_ratio"] = round(whole.seconds / html.seconds, 3)
        out["books_cpu_ratio"] = round(whole.cpu_s / html.cpu_s, 3) if html.cpu_s else None
        print(f"  {label}: with the books {whole.seconds:.1f} s (CPU {whole.cpu_s:.1f} s), {whole.maxrss_mb:.0f} MB; "
              f"ratio {out['books_ratio']:.2f}")
    return out


def figures(run: Run) -> dict:
    return {"seconds": round(run.seconds, 3), "cpu_s": round(run.cpu_s, 3), "maxrss_mb": round(run.maxrss_mb, 1),
            "children_mb": round(run.children_mb, 1),
            **{k: round(v, 3) for k, v in run.books.items()}}


def site_facts(site: Path) -> dict:
    index = site / "search" / "search_index.json"
    pages = sorted((site / "chapters").glob("*.html"))
    sizes = [p.stat().st_size for p in pages]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    middle = pages[len(pages) // 2] if pages else site / "index.html"
    return {"search_index_bytes": index.stat().st_size if index.exists() else 0,
            "search_files_bytes": sum(p.stat().st_size for p in (site / "search").glob("*") if p.is_file()),
            "page_bytes_median": int(statistics.median(sizes)) if sizes else 0, "page_bytes_max": max(sizes, default=0),
            "site_bytes": total, "sample_page": middle.relative_to(site).as_posix()}


def common_word(text: Text) -> str:
    """A word search must find: the most frequent long word of the middle page's text."""
    middle = text.chapters[len(text.chapters) // 2]
    words = Counter(w.lower() for p in middle.paragraphs for w in p.split() if w.isalpha() and len(w) >= 7)
    return words.most_common(1)[0][0] if words else "the"
