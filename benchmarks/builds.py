"""MkDocs builds in fresh subprocesses, run in alternating order, with medians.

Each build runs in its own interpreter (`python builds.py SPEC`), which times `load_config` +
`build` and reports its peak memory as JSON: its own VmHWM, plus, where the PDF is made in volumes
(each laid out by Typst in a child process while the build waits for it), the largest volume
process's own VmHWM, which that process reports; CPU time counts those processes too. With `time_books`, the child also times
the generator's book steps (the content model, the PDF, the EPUB) by wrapping the functions
reading_guide.mkdocs.book calls, so the PDF's own time is known without a second build.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Byte code is written and read as in an installed generator (pip compiles a package's modules):
# with PYTHONDONTWRITEBYTECODE set, every build would compile the generator's source again (about
# 0.05 s of each build of our guide), a cost the baseline, whose packages are compiled, never pays.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "NO_MKDOCS_2_WARNING": "1"}
BOOK_STEPS = {"build_book": "model_s", "write_pdf": "pdf_s", "write_epub": "epub_s"}


@dataclass
class Run:
    seconds: float
    maxrss_mb: float
    cpu_s: float = 0.0  # CPU time of the build (all threads, and its child processes): less moved by other work
    children_mb: float = 0.0  # the largest child process's peak (a PDF volume's Typst), counted in maxrss_mb
    books: dict[str, float] = field(default_factory=dict)  # model_s, pdf_s, epub_s (with time_books)


def peak_memory_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries ru_maxrss over
    exec, so a child of a large parent would report the parent's size."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M).group(1)) / 1024
    except (OSError, AttributeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _time_book_steps(spent: dict[str, float]) -> None:
    """Wrap the book steps the plugin calls (module attributes, looked up at call time) in timers."""
    from reading_guide.mkdocs import book

    for name, key in BOOK_STEPS.items():
        original = getattr(book, name)

        def timed(*args, _original=original, _key=key, **kwargs):
            start = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_key] = spent.get(_key, 0.0) + time.perf_counter() - start

        setattr(book, name, timed)


def _watch_volumes(peaks: list[float]) -> None:
    """Record each PDF volume's process's own peak memory (pdf_volumes.run_volume's result), where the
    generator makes volumes (a --before generator may not)."""
    try:
        from reading_guide.book import pdf_volumes
    except ImportError:
        return
    original = pdf_volumes.run_volume

    def watched(*args, **kwargs):
        result = original(*args, **kwargs)
        peaks.append(float(result.get("peak_mb", 0.0)))
        return result

    pdf_volumes.run_volume = watched


def _cache_templates() -> None:
    """A build without the hooks given the template cache the hooks give theirs (like for like)."""
    from mkdocs.theme import Theme

    from reading_guide.mkdocs.theme import cache_templates

    get_env = Theme.get_env

    def cached(self):
        env = get_env(self)
        cache_templates(env)
        return env

    Theme.get_env = cached


def child_build(spec: dict) -> dict:
    """In a fresh interpreter: load the config, build; time, peak memory and book steps."""
    switches = dict(spec.get("env", {}))
    if "GUIDE_BOOKS" in switches:  # also by its old name, which a --before generator may be old enough to read
        switches.setdefault("GUIDE_PDF", switches["GUIDE_BOOKS"])
    os.environ.update(switches)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    spent: dict[str, float] = {}
    if spec.get("time_books"):
        _time_book_steps(spent)
    peaks: list[float] = []
    _watch_volumes(peaks)
    if spec.get("template_cache"):
        _cache_templates()
    start, cpu = time.perf_counter(), time.process_time()
    before = os.times()
    config = load_config(config_file=spec["config"], site_dir=spec["site_dir"], **spec.get("overrides", {}))
    for key, value in spec.get("guide", {}).items():  # one setting of extra.guide changed, e.g. pdf.pdf_ua
        config.extra.setdefault("guide", {}).setdefault(key, {}).update(value)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    after = os.times()
    children_cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    # The build lives while a volume's process runs: its peak plus the largest volume's bounds the two together.
    children = max(peaks, default=0.0)
    return {"seconds": time.perf_counter() - start, "cpu_s": time.process_time() - cpu + children_cpu,
            "maxrss_mb": peak_memory_mb() + children, "children_mb": children, "books": spent}


def run_build(variant: dict, site_dir: Path, keep: bool = False) -> Run:
    """One build in a subprocess. `variant`: config, and optionally overrides, env, guide, time_books, template_cache,
    and `pythonpath` (another copy of the generator's src/, e.g. --before's, imported first). With
    `keep`, the site stays for the caller to measure."""
    spec = {"site_dir": str(site_dir), **variant, "config": str(variant["config"])}
    spec.pop("pythonpath", None)
    env = {**ENV, "PYTHONPATH": str(variant["pythonpath"])} if variant.get("pythonpath") else ENV
    proc = subprocess.run([sys.executable, __file__, json.dumps(spec)], capture_output=True, text=True, env=env,
                          cwd=ROOT, check=False)
    if not keep:
        shutil.rmtree(site_dir, ignore_errors=True)
    if proc.returncode != 0:
        sys.exit(f"build failed (exit {proc.returncode}; {spec}):\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    return Run(data["seconds"], data["maxrss_mb"], data["cpu_s"], books=data["books"], children_mb=data.get("children_mb", 0.0))


def alternate(variants: dict[str, dict], runs: int, work: Path, label: str) -> dict[str, list[Run]]:
    """Run the variants in turn, `runs` rounds, rotating which goes first (drift favours none)."""
    results: dict[str, list[Run]] = {name: [] for name in variants}
    names = list(variants)
    for round_ in range(runs):
        for name in names[round_ % len(names):] + names[:round_ % len(names)]:
            run = run_build(variants[name], work / f"site-{name}")
            results[name].append(run)
            steps = "".join(f"  {k[:-2]} {v:.2f} s" for k, v in run.books.items())
            print(f"  {label} round {round_ + 1}/{runs} {name:14} {run.seconds:7.2f} s (CPU {run.cpu_s:6.2f} s)  "
                  f"{run.maxrss_mb:6.0f} MB{steps}",
                  flush=True)
    return results


def median(runs: list[Run], attr: str = "seconds") -> float:
    return statistics.median(getattr(r, attr) for r in runs)


def book_median(runs: list[Run], *keys: str) -> float:
    """Median over runs of the sum of some book steps (e.g. model_s + pdf_s: the PDF alone)."""
    return statistics.median(sum(r.books.get(k, 0.0) for k in keys) for r in runs)


def ratios(runs: list[Run], baseline: list[Run]) -> dict:
    """`runs` against `baseline` (alternating, round by round): the ratio of the medians (the figure
    the targets use), the median of the rounds' own ratios, and the ratio of median CPU times."""
    return {"ratio": round(median(runs) / median(baseline), 3),
            "paired_ratio": round(statistics.median(r.seconds / b.seconds for r, b in zip(runs, baseline, strict=True)), 3),
            "cpu_ratio": round(median(runs, "cpu_s") / median(baseline, "cpu_s"), 3)}


def summary(runs: list[Run]) -> dict:
    """A variant's runs as JSON-ready figures: every run, and the medians."""
    out = {"runs": len(runs), "seconds": [round(r.seconds, 3) for r in runs],
           "cpu_s": [round(r.cpu_s, 3) for r in runs], "maxrss_mb": [round(r.maxrss_mb, 1) for r in runs],
           "median_s": round(median(runs), 3), "median_cpu_s": round(median(runs, "cpu_s"), 3),
           "median_mb": round(median(runs, "maxrss_mb"), 1)}
    for key in sorted({k for r in runs for k in r.books}):
        out[key] = [round(r.books.get(key, 0.0), 3) for r in runs]
        out[f"median_{key}"] = round(book_median(runs, key), 3)
    return out


def profile(config: Path, work: Path, out: str) -> int:
    """One hooks build in this process under cProfile; where the time goes, the generator first."""
    import cProfile
    import pstats

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import reading_guide

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    config_ = load_config(config_file=str(config), site_dir=str(work / "site-profile"), strict=True)
    config_.plugins.on_startup(command="build", dirty=False)
    build(config_)
    profiler.disable()
    print(f"\nprofiled build: {time.perf_counter() - start:.2f} s (slower than unprofiled); saved to {out}")
    profiler.dump_stats(out)
    stats = pstats.Stats(out)
    package = str(Path(reading_guide.__file__).parent)
    print("\nfunctions of reading_guide, by cumulative time:")
    rows = [(v[3], v[2], v[1], k) for k, v in stats.stats.items() if k[0].startswith(package)]
    for cum, tot, calls, (path, line, name) in sorted(rows, reverse=True)[:25]:
        print(f"  {cum:8.2f} s cum {tot:8.2f} s own {calls:>10,} calls  {Path(path).name}:{line} {name}")
    print("\ntop 25 by own time (all code):")
    rows = [(v[2], v[3], v[1], k) for k, v in stats.stats.items()]
    for tot, cum, calls, (path, line, name) in sorted(rows, reverse=True)[:25]:
        print(f"  {tot:8.2f} s own {cum:8.2f} s cum {calls:>10,} calls  {Path(path).name}:{line} {name}")
    return 0


if __name__ == "__main__":
    print(json.dumps(child_build(json.loads(sys.argv[1]))))
