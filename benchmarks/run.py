"""Benchmarks of the reading-guide generator: build time, memory, the linker, the books, the
import, `mkdocs serve`; every figure into a JSON results file.

    .venv/bin/python benchmarks/run.py            # default sizes (10-20 min): benchmarks/results/latest.json
    .venv/bin/python benchmarks/run.py --quick    # small sizes, 2 runs: results/quick.json, not a measurement
    .venv/bin/python benchmarks/run.py --help     # sizes, runs, --skip, --abbr, --profile

Modules: corpus/ (the synthetic guide), builds.py (builds in subprocesses), same_pages.py (the
baseline), scenarios/ (each measurement), results.py (the JSON), report.py (targets, README table).
Everything is built in a temporary folder (removed unless --keep); in the repository, only the
results file is written.
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import sys
import tempfile
import time
from pathlib import Path

import report
import results
from corpus import REAL_DENSITY, Sizes, generate, write_site
from scenarios import ORDER, Context


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chapters", type=int, default=300, help="synthetic chapters (default 300)")
    parser.add_argument("--words", type=int, default=2000, help="words per chapter (default 2000)")
    parser.add_argument("--entries", type=int, default=1000, help="glossary entries (default 1000)")
    parser.add_argument("--aliases", type=int, default=3000, help="aliases over all entries (default 3000)")
    parser.add_argument("--density", type=float, default=REAL_DENSITY, help="terms per 1,000 words (default: as the real guide)")
    parser.add_argument("--runs", type=int, default=5, help="builds of each synthetic-guide variant, alternating (default 5)")
    parser.add_argument("--fast-runs", type=int, default=9, help="builds of each variant of the real guide and the "
                        "corpus books (about 1 s each: more runs steady their medians on a shared machine; default 9)")
    parser.add_argument("--abbr", action="store_true", help="also time the same terms as Markdown abbreviations (slow)")
    parser.add_argument("--abbr-runs", type=int, default=3, help="builds with abbr's glossary option (default 3)")
    parser.add_argument("--abbr-sample", type=int, default=2, help="chapters on which snippets auto_append is timed")
    parser.add_argument("--linker-sizes", default="10,100,1000,10000", help="entries in the linker-only runs")
    parser.add_argument("--linker-runs", type=int, default=5, help="linker rounds, every size timed in each")
    parser.add_argument("--serve-edits", type=int, default=3, help="glossary edits timed under mkdocs serve")
    parser.add_argument("--large-words", type=int, default=1_000_000, help="words of the large-book scenario "
                        "(default 1,000,000: about 15 minutes and 2 GB; 100000 for a check)")
    parser.add_argument("--large-books", type=int, choices=(0, 1), default=1, help="1 (default): the large book is "
                        "also built with its books (PDF and EPUB; minutes and gigabytes at 1M words); 0: HTML only, "
                        "the --before build too")
    parser.add_argument("--before", metavar="REF", help="also build with the generator of git REF (its src/, first on "
                        "PYTHONPATH): the large book, and the real and synthetic guides' hooks, as before/after pairs")
    parser.add_argument("--before-books-max-words", type=int, default=300_000, help="--before: the large book's "
                        "books only up to this size (the old PDF needed 9.9 GB at 1M words; default 300000)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--skip", default="", help=f"comma-separated scenarios to skip: {','.join(ORDER)}")
    parser.add_argument("--quick", action="store_true", help="small sizes, 2 runs: a smoke test, not a measurement")
    parser.add_argument("--output", type=Path, help="results file (default results/latest.json; --quick: results/quick.json)")
    parser.add_argument("--profile", metavar="FILE", help="only profile one hooks build of the synthetic guide into FILE")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    args = parser.parse_args(argv)
    if args.quick:
        args.chapters, args.words, args.entries, args.aliases = 20, 1000, 100, 300
        args.runs, args.fast_runs, args.abbr_runs, args.linker_runs, args.serve_edits = 2, 2, 1, 1, 1
        args.linker_sizes = "10,100,1000"
        args.large_words = min(args.large_words, 20_000)
    args.output = args.output or (results.QUICK if args.quick else results.LATEST)
    unknown = set(filter(None, args.skip.split(","))) - set(ORDER)
    if unknown:
        parser.error(f"--skip: no scenario {', '.join(sorted(unknown))}; choose from {', '.join(ORDER)}")
    return args


def settings(args: argparse.Namespace) -> dict:
    keys = ("chapters", "words", "entries", "aliases", "density", "runs", "fast_runs", "abbr", "abbr_runs", "abbr_sample",
            "linker_sizes", "linker_runs", "serve_edits", "large_words", "large_books", "before", "before_books_max_words",
            "seed", "skip", "quick")
    return {k: getattr(args, k) for k in keys}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    work = Path(tempfile.mkdtemp(prefix="guide-bench-"))
    try:
        if args.profile:
            from builds import profile
            context = synthetic_guide(args, work, 0)
            return profile(context.configs["hooks"], work, args.profile)
        return run_all(args, skip, work)
    finally:
        if args.keep:
            print(f"\nkept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def synthetic_guide(args: argparse.Namespace, work: Path, linker_entries: int) -> Context:
    start = time.perf_counter()
    corpus = generate(Sizes(args.chapters, args.words, args.entries, args.aliases, args.density, args.seed),
                      extra_entries=linker_entries)
    configs = write_site(work / "synthetic", corpus.chapters, corpus.entries)
    f = corpus.facts()
    print(f"\nSynthetic guide ({time.perf_counter() - start:.1f} s to generate): {f['chapters']} chapters, {f['words']:,} "
          f"words, {f['entries']:,} entries, {f['aliases']:,} aliases, {f['background']} background, "
          f"{f['density']:g} terms per 1,000 words")
    return Context(args, work, corpus, configs)


def run_all(args: argparse.Namespace, skip: set[str], work: Path) -> int:
    machine = results.machine_facts()
    pk = machine["packages"]
    print(f"Python {machine['python']}, {machine['cpus']} CPUs ({machine['cpu_model']}), load {machine['load_average_at_start']}")
    print(", ".join(f"{name} {version}" for name, version in pk.items()))
    wanted = [name for name in ORDER if name not in skip]
    if {"synthetic", "linker"} & set(wanted):
        from scenarios.linker import linker_sizes
        context = synthetic_guide(args, work, max(linker_sizes(args)) if "linker" in wanted else 0)
    else:
        context = Context(args, work)
    if args.before:
        from scenarios.large import before_src
        context.before = before_src(args.before, work)
    started = time.perf_counter()
    for name in wanted:
        scenario = importlib.import_module(f"scenarios.{name}")
        context.results[name] = scenario.run(context)
    out = {"schema": results.SCHEMA, "quick": args.quick, "machine": machine, "settings": settings(args),
           "seconds": round(time.perf_counter() - started, 1), "scenarios": context.results}
    out["targets"] = report.targets(out)
    results.write(out, args.output)
    print("\n== Targets ==")
    if args.quick:
        print("  (--quick: small sizes and few runs; not a measurement of the targets)")
    for t in out["targets"]:
        print(f"  {({True: 'met', False: 'NOT MET', None: 'not run'})[t['met']]:>8}  {t['target']}: {t['measured']}")
    print(f"\nresults: {args.output} ({out['seconds']:.0f} s)")
    if args.output == results.LATEST:
        print("the README's table: .venv/bin/python benchmarks/report.py --write-readme")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
