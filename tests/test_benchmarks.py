"""The benchmark's committed results and the README's table made from them; the synthetic guide's
generator at tiny sizes. Fast: no benchmark is run."""

from __future__ import annotations

import copy
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import report  # noqa: E402
import results  # noqa: E402
from corpus import Sizes, generate, write_site  # noqa: E402
from scenarios import ORDER  # noqa: E402
from scenarios.linker import model_entries  # noqa: E402

from reading_guide.core.linker import LinkContext, TermIndex, link_tree  # noqa: E402


@pytest.fixture(scope="module")
def latest() -> dict:
    return results.read(results.LATEST)


def test_readme_table_is_the_report_of_latest_json(latest):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert report.readme_table(readme) == report.render_table(latest), (
        "README.md's performance table differs from benchmarks/results/latest.json; "
        "run `.venv/bin/python benchmarks/report.py --write-readme`")


def test_latest_json_is_a_whole_run_with_its_machine(latest):
    assert latest["schema"] == results.SCHEMA and latest["quick"] is False
    machine = latest["machine"]
    assert re.fullmatch(r"[0-9a-f]{40}", machine["commit"])
    assert machine["cpus"] >= 1 and machine["python"] and machine["date"]
    assert all(machine["packages"][name] for name in results.PACKAGES)
    # Every scenario but those the run was told to skip (`--skip`, recorded in its settings).
    skipped = {name for name in latest["settings"].get("skip", "").split(",") if name}
    assert set(latest["scenarios"]) == set(ORDER) - skipped
    assert latest["targets"] == report.targets(latest)  # the verdicts follow from the figures


def test_a_missed_target_shows_in_the_table(latest):
    worse = copy.deepcopy(latest)
    worse["scenarios"]["books"]["pdf_alone_s"] = 9.99
    row = next(line for line in report.render_table(worse).splitlines() if "the PDF alone ≤" in line)
    assert row.endswith("| 9.99 s | **no** |")


def test_the_readme_block_is_replaced_between_the_markers():
    text = f"# Guide\n\n{report.BEGIN}\nold table\n{report.END}\n\nmore\n"
    new = report.with_table(text, "| a | b |")
    assert report.readme_table(new) == "| a | b |"
    assert new.startswith("# Guide\n\n") and new.endswith(f"{report.END}\n\nmore\n")
    with pytest.raises(ValueError, match="markers"):
        report.readme_table("# no table here\n")


def test_synthetic_guide_at_tiny_sizes(tmp_path):
    sizes = Sizes(chapters=3, words=400, entries=20, aliases=45)
    corpus = generate(sizes)
    assert len(corpus.chapters) == 3 and len(corpus.entries) == 20
    assert sum(len(e.aliases) for e in corpus.entries) == 45
    assert [c.markdown() for c in generate(sizes).chapters] == [c.markdown() for c in corpus.chapters]  # seeded

    # Every entry that is not background occurs in an article paragraph, found by the generator's linker.
    index = TermIndex(model_entries(corpus.entries))
    found = set()
    for chapter in corpus.chapters:
        summaries = {e.slug: e.summary for e in corpus.entries}
        context = LinkContext(href=lambda slug: f"{slug}.md", summary=summaries.__getitem__)
        found |= {o.slug for o in link_tree(chapter.tree(), index, context) if o.anchor is not None}
    assert {e.slug for e in corpus.entries if not e.background} <= found

    configs = write_site(tmp_path / "site", corpus.chapters, corpus.entries)
    assert set(configs) == {"hooks", "plain", "abbr", "abbr-glossary"}
    assert "hooks/guide.py" in configs["hooks"].read_text(encoding="utf-8")
    first = (tmp_path / "site" / "docs" / "chapters" / "1.md").read_text(encoding="utf-8")
    notes = [line for line in first.splitlines() if line.startswith("[^c1-")]
    assert notes and all("Source: [" in note for note in notes)  # else the strict build warns
    assert len(list((tmp_path / "site" / "glossary").glob("*.md"))) == 20


def test_the_large_book_shows_before_and_after_pairs_and_its_targets(latest):
    side = {"html": {"seconds": 60.0, "cpu_s": 50.0, "maxrss_mb": 300.0},
            "books": {"seconds": 200.0, "cpu_s": 180.0, "maxrss_mb": 1400.0}, "books_ratio": 3.33,
            "search_index_bytes": 6_000_000, "page_bytes_median": 50_000, "page_bytes_max": 90_000, "site_bytes": 10**8,
            "search_ready_s": 0.8, "first_search_stall_ms": 450.0, "search_word": "government"}
    before = {**copy.deepcopy(side), "ref": "abc1234", "books_ratio": 5.0, "first_search_stall_ms": 4500.0,
              "search_index_bytes": 6_168_000}
    del before["books"]  # above --before-books-max-words
    run = copy.deepcopy(latest)
    run["scenarios"]["large"] = {"corpus": {"words": 1_000_000, "pages": 500}, "after": side, "before": before}
    table = report.render_table(run)
    assert "| large book (before: `abc1234`): 1,000,000 words" in table
    assert "4500 ms → 450 ms" in table and "5.00× → 3.33×" in table
    assert "1,400 MB" in table  # the books' memory, after only
    assert "| large book (1,000,000 words): a chapter page ≤ 80 KB (median, largest) | 49 KB, 88 KB | **no** |" in table
    assert "| large book (1,000,000 words): search ready ≤ 1 s after load (HTTP) | 0.80 s | yes |" in table
    assert "| large book (1,000,000 words): peak memory of the HTML-only build < 1.5 GB | 300 MB | yes |" in table
    assert "| large book (1,000,000 words): peak memory with the books < 1.5 GB | 1,400 MB | yes |" in table
    assert "| large book (1,000,000 words): first search stalls the page ≤ 200 ms (file://) | 450 ms | **no** |" in table
    assert "| large book: search index; a chapter page (median, largest); the whole site | 6,023 KB → 5,859 KB;" in table


def test_a_large_book_built_without_its_books_says_so(latest):
    """--large-books 0: the books' targets are in the table as not run, not left out nor failed."""
    side = {"html": {"seconds": 60.0, "cpu_s": 50.0, "maxrss_mb": 300.0}, "books_skipped": "--large-books 0",
            "search_index_bytes": 6_000_000, "page_bytes_median": 50_000, "page_bytes_max": 60_000, "site_bytes": 10**8,
            "search_ready_s": 0.8, "first_search_stall_ms": 50.0}
    run = copy.deepcopy(latest)
    run["scenarios"]["large"] = {"corpus": {"words": 1_000_000, "pages": 500}, "after": side}
    table = report.render_table(run)
    assert "| large book: whole build with PDF and EPUB | not built (--large-books 0) |" in table
    assert ("| large book (1,000,000 words): with the books ≤ 2.5× HTML only | not built (--large-books 0) | not run |"
            in table)
    verdicts = {t["target"]: t["met"] for t in report.targets(run)}
    assert verdicts["large book (1,000,000 words): peak memory with the books < 1.5 GB"] is None
    assert verdicts["large book (1,000,000 words): a chapter page ≤ 80 KB (median, largest)"] is True
