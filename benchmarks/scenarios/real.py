"""The real guide (mkdocs.yml): the generator (hooks) vs the same pages without hooks, no books.

The hooks keep MkDocs' compiled templates in Jinja's bytecode cache (reading_guide.mkdocs.theme),
which a build without them does not: `plain-cache`, the same pages without hooks but with that
cache, gives the hooks' own cost like for like (`like_for_like`)."""

from __future__ import annotations

from builds import ROOT, alternate, median, ratios, summary
from same_pages import materialise

from . import Context

NO_BOOKS = {"GUIDE_BOOKS": "0"}


def run(context: Context) -> dict:
    runs, work = context.args.fast_runs, context.work
    print(f"\n== The real guide (mkdocs.yml): hooks vs no hooks ({runs} alternating runs each, GUIDE_BOOKS=0) ==")
    config = ROOT / "mkdocs.yml"
    same_pages = materialise(config, work / "real-same-pages")
    variants = {"hooks": {"config": config, "env": NO_BOOKS},
                "plain": {"config": config, "overrides": same_pages, "env": NO_BOOKS},
                "plain-cache": {"config": config, "overrides": same_pages, "env": NO_BOOKS, "template_cache": True}}
    if context.before is not None:  # --before REF: the same hooks with REF's generator, in the same rounds
        variants["hooks-before"] = {**variants["hooks"], "pythonpath": context.before}
    res = alternate(variants, runs, work, "real")
    hooks_s, plain_s = median(res["hooks"]), median(res["plain"])
    hooks_m, plain_m = median(res["hooks"], "maxrss_mb"), median(res["plain"], "maxrss_mb")
    print(f"  median build: with hooks {hooks_s:.2f} s, without {plain_s:.2f} s, ratio {hooks_s / plain_s:.3f}")
    print(f"  median peak memory: with hooks {hooks_m:.0f} MB, without {plain_m:.0f} MB")
    out = {"hooks": summary(res["hooks"]), "plain": summary(res["plain"]), **ratios(res["hooks"], res["plain"]),
           "memory_ratio": round(hooks_m / plain_m, 3)}
    print(f"  median of the rounds' ratios {out['paired_ratio']:.3f}; CPU time ratio {out['cpu_ratio']:.3f}")
    out["plain_cache"] = summary(res["plain-cache"])
    out["like_for_like"] = ratios(res["hooks"], res["plain-cache"])
    print(f"  without hooks but with the template cache {median(res['plain-cache']):.2f} s: like for like "
          f"{out['like_for_like']['ratio']:.3f} (CPU {out['like_for_like']['cpu_ratio']:.3f})")
    if "hooks-before" in res:
        out["before"] = before_figures(res["hooks-before"], res["plain"], context.args.before)
    return out


def before_figures(hooks: list, plain: list, ref: str) -> dict:
    """--before: REF's hooks against the same baseline runs."""
    out = {"ref": ref, "hooks": summary(hooks), **ratios(hooks, plain),
           "memory_ratio": round(median(hooks, "maxrss_mb") / median(plain, "maxrss_mb"), 3)}
    print(f"  before ({ref}): ratio {out['ratio']:.3f} (CPU {out['cpu_ratio']:.3f}), memory {out['memory_ratio']:.3f}")
    return out
