"""The report: the targets and the README's "Performance" table, made from a results file.

    python benchmarks/report.py                  # print the table of benchmarks/results/latest.json
    python benchmarks/report.py --write-readme   # put it into README.md, between the two markers
    python benchmarks/report.py --check          # exit 1 if README.md's table is not that table

The README's table is never typed by hand: tests/test_benchmarks.py checks that it is what
render_table() makes from latest.json.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from results import LATEST, read

README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN = "<!-- performance table: made by benchmarks/report.py from benchmarks/results/latest.json; do not edit -->"
END = "<!-- end of the performance table -->"

# The targets of issue 6 and of the books and import briefs.
TARGET_REAL = 1.15  # real guide: hooks / same pages without hooks
TARGET_SYNTHETIC = 1.25  # synthetic guide: the same
TARGET_MEMORY = 1.30  # synthetic guide: peak memory, the same
TARGET_LINKER = 0.70  # linker throughput at the largest T / at the smallest
TARGET_BOOKS = 2.0  # whole build with PDF and EPUB / HTML-only build
TARGET_PDF_S = 1.5  # the PDF alone on our guide, median seconds
# Issue 24, at 1M words (the large-book scenario; at fewer words the figures are a check, not the target).
TARGET_LARGE_BOOKS_MB = 1536  # peak memory of the whole build with the books
TARGET_LARGE_BOOKS = 2.5  # whole build / HTML-only build
TARGET_LARGE_PAGE_KB = 80  # a chapter page
TARGET_LARGE_READY_S = 1.0  # search ready after the page's load, over HTTP
TARGET_LARGE_STALL_MS = 200  # the longest main-thread stall of the first search, from file://


def s(x: float) -> str:
    return f"{x:.2f} s"


def alt(figures: dict) -> str:
    """The other two readings of a ratio: round by round, and in CPU time."""
    return f"rounds {figures['paired_ratio']:.2f}×, CPU {figures['cpu_ratio']:.2f}×"


def targets(r: dict) -> list[dict]:
    """Each target measured in `r`: what, the measured figure, met or not."""
    sc, out = r["scenarios"], []

    def add(name: str, measured: str, met: bool | None) -> None:
        """`met` None: the figure was not measured in this run (a scenario's part skipped)."""
        out.append({"target": name, "measured": measured, "met": None if met is None else bool(met)})

    if "real" in sc:
        add(f"real guide: hooks / same pages ≤ {TARGET_REAL}×", f"{sc['real']['ratio']:.2f}×", sc["real"]["ratio"] <= TARGET_REAL)
    if "synthetic" in sc:
        syn = sc["synthetic"]
        add(f"synthetic guide: hooks / same pages ≤ {TARGET_SYNTHETIC}×", f"{syn['ratio']:.2f}×",
            syn["ratio"] <= TARGET_SYNTHETIC)
        add(f"synthetic guide: peak memory ≤ {TARGET_MEMORY}×", f"{syn['memory_ratio']:.2f}×",
            syn["memory_ratio"] <= TARGET_MEMORY)
        if "abbr" in syn:
            ours = syn["hooks"]["median_s"]
            best = min(syn["abbr"]["glossary_option"]["median_s"], syn["abbr"]["snippets_estimate_s"])
            add("hooks faster than Markdown abbreviations", f"{s(ours)} vs {s(best)}", ours < best)
    if "linker" in sc:
        lk = sc["linker"]
        add(f"linker throughput at T={max(lk['sizes']):,} ≥ {TARGET_LINKER}× of T={min(lk['sizes']):,}",
            f"{lk['A']['ratio']:.2f}×", lk["A"]["ratio"] >= TARGET_LINKER)
    if "books" in sc:
        bk = sc["books"]
        add(f"our guide: with the books ≤ {TARGET_BOOKS:g}× HTML only", f"{bk['ratio']:.2f}×", bk["ratio"] <= TARGET_BOOKS)
        add(f"our guide: the PDF alone ≤ {TARGET_PDF_S} s (median)", s(bk["pdf_alone_s"]), bk["pdf_alone_s"] <= TARGET_PDF_S)
    if "imports" in sc:
        name = sc["imports"]["largest"]
        big = sc["imports"][name]
        add(f"{name}: with the books ≤ {TARGET_BOOKS:g}× HTML only", f"{big['ratio']:.2f}×", big["ratio"] <= TARGET_BOOKS)
    if "large" in sc:
        large_targets(sc["large"], add)
    if sc.get("serve", {}).get("measured") and "real" in sc:
        wait, build = sc["serve"]["median_wait_s"], sc["real"]["hooks"]["median_s"]
        add("serve: edit → page served within one normal build", f"{s(wait)} vs {s(build)}", wait <= build)
        add("serve: one build per edit", f"{max(sc['serve']['builds_per_edit'])} build(s)",
            max(sc["serve"]["builds_per_edit"]) <= 1)
    return out


def large_targets(lg: dict, add: Callable[[str, str, bool | None], None]) -> None:
    after, words = lg["after"], f"{lg['corpus']['words']:,} words"
    memory = f"{TARGET_LARGE_BOOKS_MB / 1024:g} GB"
    add(f"large book ({words}): peak memory of the HTML-only build < {memory}", f"{after['html']['maxrss_mb']:,.0f} MB",
        after["html"]["maxrss_mb"] < TARGET_LARGE_BOOKS_MB)
    if "books" in after:
        add(f"large book ({words}): peak memory with the books < {memory}",
            f"{after['books']['maxrss_mb']:,.0f} MB", after["books"]["maxrss_mb"] < TARGET_LARGE_BOOKS_MB)
        add(f"large book ({words}): with the books ≤ {TARGET_LARGE_BOOKS:g}× HTML only", f"{after['books_ratio']:.2f}×",
            after["books_ratio"] <= TARGET_LARGE_BOOKS)
    else:  # not built in this run: said, not left out
        why = f"not built ({after.get('books_skipped', 'skipped')})"
        add(f"large book ({words}): peak memory with the books < {memory}", why, None)
        add(f"large book ({words}): with the books ≤ {TARGET_LARGE_BOOKS:g}× HTML only", why, None)
    add(f"large book ({words}): a chapter page ≤ {TARGET_LARGE_PAGE_KB} KB (median, largest)",
        f"{after['page_bytes_median'] / 1024:.0f} KB, {after['page_bytes_max'] / 1024:.0f} KB",
        after["page_bytes_max"] <= TARGET_LARGE_PAGE_KB * 1024)
    if after.get("search_ready_s") is not None:
        add(f"large book ({words}): search ready ≤ {TARGET_LARGE_READY_S:g} s after load (HTTP)",
            s(after["search_ready_s"]), after["search_ready_s"] <= TARGET_LARGE_READY_S)
    if after.get("first_search_stall_ms") is not None:
        add(f"large book ({words}): first search stalls the page ≤ {TARGET_LARGE_STALL_MS} ms (file://)",
            f"{after['first_search_stall_ms']:.0f} ms", after["first_search_stall_ms"] <= TARGET_LARGE_STALL_MS)


def pair(figures: dict, path: str, show: Callable[[float], str]) -> str:
    """A figure of the large book's `after` run, with its `before` run's when there is one: "before → after"."""
    def get(side: dict | None) -> float | None:
        for key in path.split("."):
            side = side.get(key) if isinstance(side, dict) else None
        return side  # type: ignore[return-value]

    after, before = get(figures.get("after")), get(figures.get("before"))
    now = "—" if after is None else show(after)
    return now if before is None else f"{show(before)} → {now}"


def large_rows(lg: dict) -> list[tuple[str, str]]:
    c = lg["corpus"]
    ref = f" (before: `{lg['before']['ref']}`)" if "before" in lg else ""
    mb, sec = (lambda x: f"{x:,.0f} MB"), (lambda x: f"{x:.1f} s")
    kb = lambda x: f"{x / 1024:,.0f} KB"  # noqa: E731
    times = lambda x: f"{x:.2f}×"  # noqa: E731
    out = [(f"large book{ref}: {c['words']:,} words of the corpus books, {c['pages']} pages; HTML-only build, "
            "time (CPU) and peak memory",
            f"{pair(lg, 'html.seconds', sec)} ({pair(lg, 'html.cpu_s', sec)}); {pair(lg, 'html.maxrss_mb', mb)}")]
    if "books" in lg["after"]:
        out.append(("large book: whole build with PDF and EPUB, time (CPU), peak memory; ratio to HTML only",
                    f"{pair(lg, 'books.seconds', sec)} ({pair(lg, 'books.cpu_s', sec)}); {pair(lg, 'books.maxrss_mb', mb)}; "
                    f"{pair(lg, 'books_ratio', times)} (CPU {pair(lg, 'books_cpu_ratio', times)})"))
    else:
        out.append(("large book: whole build with PDF and EPUB", f"not built ({lg['after'].get('books_skipped', 'skipped')})"))
    out.append(("large book: search index; a chapter page (median, largest); the whole site",
                f"{pair(lg, 'search_index_bytes', kb)}; {pair(lg, 'page_bytes_median', kb)}, "
                f"{pair(lg, 'page_bytes_max', kb)}; {pair(lg, 'site_bytes', lambda x: f'{x / 2**20:,.1f} MB')}"))
    out.append((f"large book: search ready after load (HTTP); longest stall of the first search (file://), "
                f"searching '{lg['after'].get('search_word', c.get('search_word', ''))}'",
                f"{pair(lg, 'search_ready_s', lambda x: f'{x:.2f} s')}; "
                f"{pair(lg, 'first_search_stall_ms', lambda x: f'{x:.0f} ms')}"))
    return out


def before_row(name: str, figures: dict) -> list[tuple[str, str]]:
    """--before: a hooks ratio measured with REF's generator in the same rounds."""
    if "before" not in figures:
        return []
    b = figures["before"]
    memory = f"; memory {b['memory_ratio']:.2f}× → {figures['memory_ratio']:.2f}×" if "memory_ratio" in figures else ""
    return [(f"{name}, hooks / same pages: before (`{b['ref']}`) → now",
             f"{b['ratio']:.2f}× → {figures['ratio']:.2f}× (CPU {b['cpu_ratio']:.2f}× → {figures['cpu_ratio']:.2f}×){memory}")]


def rows(r: dict) -> list[tuple[str, str]]:
    """(measure, result) of each figure in the table."""
    sc, out = r["scenarios"], []
    if "real" in sc:
        re_ = sc["real"]
        out.append(("real guide, hooks vs same pages without hooks",
                    f"{s(re_['hooks']['median_s'])} vs {s(re_['plain']['median_s'])} ({re_['ratio']:.2f}×; {alt(re_)})"))
        if "like_for_like" in re_:
            like = re_["like_for_like"]
            plain_cache = s(re_["plain_cache"]["median_s"])
            out.append(("real guide, hooks vs same pages without hooks but with the hooks' template cache (like for like)",
                        f"{s(re_['hooks']['median_s'])} vs {plain_cache} ({like['ratio']:.2f}×; {alt(like)})"))
        out += before_row("real guide", re_)
    if "synthetic" in sc:
        syn, c = sc["synthetic"], sc["synthetic"]["corpus"]
        out.append((f"synthetic guide ({c['chapters']:,} chapters, {c['words']:,} words, {c['entries']:,} entries, "
                    f"{c['aliases']:,} aliases), hooks vs same pages",
                    f"{s(syn['hooks']['median_s'])} vs {s(syn['plain']['median_s'])} ({syn['ratio']:.2f}×; {alt(syn)}); "
                    "peak memory "
                    f"{syn['hooks']['median_mb']:.0f} vs {syn['plain']['median_mb']:.0f} MB ({syn['memory_ratio']:.2f}×)"))
        out += before_row("synthetic guide", syn)
        if "abbr" in syn:
            ab = syn["abbr"]
            out.append(("same pages with hovers from `abbr`'s `glossary` option",
                        f"{s(ab['glossary_option']['median_s'])} (ours {ab['ours_vs_glossary_option']:.2f}× of it); "
                        f"`pymdownx.snippets` `auto_append`: about {ab['snippets_estimate_s']:,.0f} s (estimated)"))
    if "linker" in sc:
        lk = sc["linker"]
        lo, hi = str(min(lk["sizes"])), str(max(lk["sizes"]))
        a = lk["A"]["by_size"]
        out.append((f"linker throughput, {int(hi):,} entries vs {int(lo):,}",
                    f"{lk['A']['ratio']:.2f}× ({a[hi]['mb_per_s']:.1f} vs {a[lo]['mb_per_s']:.1f} MB/s)"))
    if "books" in sc:
        bk = sc["books"]
        ua = f"; PDF/UA tagging adds {bk['pdf_ua_share'] * 100:.0f} % to Typst's time" if "pdf_ua_share" in bk else ""
        out.append(("real guide, whole build (PDF + EPUB) vs HTML only",
                    f"{s(bk['books']['median_s'])} vs {s(bk['html']['median_s'])} ({bk['ratio']:.2f}×; {alt(bk)})"))
        out.append(("real guide, the PDF alone (model + Typst); the EPUB alone",
                    f"{s(bk['pdf_alone_s'])}; {s(bk['epub_alone_s'])}{ua}"))
    if "imports" in sc:
        im = sc["imports"]
        for name, b in im.items():
            if name == "largest":
                continue
            out.append((f"`{name}` ({b['words']:,} words, {b['pages']} pages): import; HTML build; with the books",
                        f"{s(b['import_s'])} (read {s(b['median_read_s'])}, write {s(b['median_write_s'])}); "
                        f"{s(b['html']['median_s'])}; {s(b['books']['median_s'])} ({b['ratio']:.2f}×; "
                        f"PDF {s(b['pdf_alone_s'])}, EPUB {s(b['epub_alone_s'])})"))
    if "large" in sc:
        out += large_rows(sc["large"])
    if sc.get("serve", {}).get("measured"):
        sv = sc["serve"]
        out.append(("`mkdocs serve`, edit a glossary file → new page served",
                    f"{s(sv['median_wait_s'])} (rebuild {s(sv['median_built_s'])}, "
                    f"{max(sv['builds_per_edit'])} build(s) per edit; MkDocs' watcher polls every 0.5 s)"))
    return out


def render_table(r: dict) -> str:
    """The README's block: the run's facts, the figures, the targets."""
    m, st = r["machine"], r["settings"]
    pk = m["packages"]
    lines = [f"Measured {m['date'][:10]} at commit `{m['commit'][:7]}` on {m['cpus']} CPUs (shared), Python "
             f"{m['python']}, MkDocs {pk['mkdocs']}, Material {pk['mkdocs-material']}, Typst {pk['typst']}; "
             f"medians of alternating runs ({st['runs']} of each synthetic-guide build, {st['fast_runs']} of the others), "
             "each build in a fresh process.", "",
             "Ratios are of the medians (the targets' figure); \"rounds\" is the median of each round's own ratio, "
             "\"CPU\" the ratio of median CPU times, both less moved by other work on the machine.", "",
             "| measure | result |", "| --- | --- |"]
    lines += [f"| {measure} | {result} |" for measure, result in rows(r)]
    lines += ["", "| target | measured | met |", "| --- | --- | --- |"]
    verdict = {True: "yes", False: "**no**", None: "not run"}
    lines += [f"| {t['target']} | {t['measured']} | {verdict[t['met']]} |" for t in targets(r)]
    return "\n".join(lines)


def readme_table(readme: str) -> str:
    """The block between the markers of a README's text."""
    if BEGIN not in readme or END not in readme:
        raise ValueError(f"README.md has no performance markers ({BEGIN!r} ... {END!r})")
    return readme.split(BEGIN, 1)[1].split(END, 1)[0].strip("\n")


def with_table(readme: str, table: str) -> str:
    head, rest = readme.split(BEGIN, 1)
    return f"{head}{BEGIN}\n{table}\n{END}{rest.split(END, 1)[1]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", type=Path, default=LATEST)
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write-readme", action="store_true")
    action.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    table = render_table(read(args.results))
    if args.write_readme:
        README.write_text(with_table(README.read_text(encoding="utf-8"), table), encoding="utf-8")
    elif args.check:
        if readme_table(README.read_text(encoding="utf-8")) != table:
            print("README.md's performance table is not the one of the results file; run "
                  "`python benchmarks/report.py --write-readme`", file=sys.stderr)
            return 1
    else:
        print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
