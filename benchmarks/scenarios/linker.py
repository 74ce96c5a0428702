"""The linker alone (reading_guide.core.linker: TermIndex + link_tree) at T = 10 ... 10,000 entries.

A: a text whose terms all belong to the first 10 entries, so every T finds the same links and
only T varies (the target's measure); B: the synthetic guide's own text. The sizes are timed in
turn within each round, in a rotating order, so that a disturbance of the machine falls on all
of them rather than on one; the median of the rounds is kept (and the best, for reference).
"""

from __future__ import annotations

import statistics
import time

from corpus import Chapter, Entry, make_chapters

from reading_guide.core.glossary import Entry as GlossaryEntry
from reading_guide.core.linker import LinkContext, TermIndex, link_tree

from . import Context


def run(context: Context) -> dict:
    args, corpus = context.args, context.corpus
    sizes = linker_sizes(args)
    print(f"\n== The linker alone (TermIndex + link_tree; median of {args.linker_runs} rounds, the sizes in turn) ==")
    print("  A: text whose terms all belong to the first 10 entries (same links at every T: the cost of T alone)")
    print("  B: the synthetic guide's own text (terms of its first entries only: fewer links below their number)")
    s = corpus.sizes
    core = make_chapters(s.chapters, s.words, corpus.all_entries[:10], s.density, s.seed)
    model = model_entries(corpus.all_entries)
    out: dict = {"sizes": sizes}
    for variant, text in (("A", core), ("B", corpus.chapters)):
        rows = {}
        for t, (index_s, times, size, found) in time_linker(text, {t: model[:t] for t in sizes}, args.linker_runs).items():
            link_s = statistics.median(times)
            rows[str(t)] = {"index_s": round(index_s, 4), "link_s": [round(x, 4) for x in times],
                            "median_link_s": round(link_s, 4), "mb": round(size / 1e6, 3),
                            "mb_per_s": round(size / link_s / 1e6, 3), "occurrences": found}
            print(f"  {variant} T={t:>6,}: index built in {index_s:6.2f} s; linked {size / 1e6:5.2f} MB in {link_s:6.2f} s "
                  f"= {size / link_s / 1e6:5.2f} MB/s; {found:,} occurrences")
        lo, hi = str(min(sizes)), str(max(sizes))
        ratio = rows[hi]["mb_per_s"] / rows[lo]["mb_per_s"]
        print(f"  {variant}: throughput at T={int(hi):,} / at T={int(lo):,} = {ratio:.3f}")
        out[variant] = {"by_size": rows, "ratio": round(ratio, 3)}
    return out


def linker_sizes(args) -> list[int]:
    return sorted(int(s) for s in args.linker_sizes.split(",") if s)


def time_linker(chapters: list[Chapter], entry_sets: dict[int, list[GlossaryEntry]],
                runs: int) -> dict[int, tuple[float, list[float], int, int]]:
    """For each T: (seconds to build the TermIndex, seconds to link every chapter in each round,
    text bytes, occurrences)."""
    indexes, index_seconds, summaries = {}, {}, {}
    for t, entries in entry_sets.items():
        summaries[t] = {e.slug: e.summary for e in entries}
        start = time.perf_counter()
        indexes[t] = TermIndex(entries)
        index_seconds[t] = time.perf_counter() - start
    size = sum(len(" ".join(p).encode("utf-8")) + 1 for c in chapters for p in c.paragraphs())
    times: dict[int, list[float]] = {t: [] for t in entry_sets}
    found: dict[int, int] = {}
    sizes = list(entry_sets)
    for round_ in range(runs):
        for t in sizes[round_ % len(sizes):] + sizes[:round_ % len(sizes)]:
            trees = [c.tree() for c in chapters]
            start = time.perf_counter()
            count = 0
            for tree in trees:
                link = LinkContext(href=lambda slug: f"../glossary/{slug}.md", summary=summaries[t].__getitem__)
                count += len(link_tree(tree, indexes[t], link))
            times[t].append(time.perf_counter() - start)
            found[t] = count
    return {t: (index_seconds[t], times[t], size, found[t]) for t in sizes}


def model_entries(entries: list[Entry]) -> list[GlossaryEntry]:
    """The synthetic entries as the generator's own Entry objects."""
    return [GlossaryEntry(slug=e.slug, term=e.term, aliases=tuple(e.aliases), category=e.category, summary=e.summary,
                          body=e.body, path=f"glossary/{e.slug}.md", match_case=e.match_case) for e in entries]
