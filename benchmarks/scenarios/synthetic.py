"""The synthetic guide: the generator (hooks) vs the same pages without hooks; optionally abbr."""

from __future__ import annotations

from builds import alternate, median, ratios, summary
from corpus import write_site
from same_pages import materialise

from . import Context
from .real import before_figures


def run(context: Context) -> dict:
    args, work, configs = context.args, context.work, context.configs
    print(f"\n== Synthetic guide: hooks vs no hooks, same pages ({args.runs} alternating runs each) ==")
    same_pages = materialise(configs["hooks"], work / "synthetic-same-pages")
    variants = {"hooks": {"config": configs["hooks"], "overrides": {"strict": True}},
                "plain": {"config": configs["hooks"], "overrides": same_pages}}
    if context.before is not None:  # --before REF: the same hooks with REF's generator, in the same rounds
        variants["hooks-before"] = {**variants["hooks"], "pythonpath": context.before}
    res = alternate(variants, args.runs, work, "synthetic")
    hooks_s, plain_s = median(res["hooks"]), median(res["plain"])
    hooks_m, plain_m = median(res["hooks"], "maxrss_mb"), median(res["plain"], "maxrss_mb")
    print(f"  median build: with hooks {hooks_s:.2f} s, without {plain_s:.2f} s, ratio {hooks_s / plain_s:.3f}")
    print(f"  median peak memory: with hooks {hooks_m:.0f} MB, without {plain_m:.0f} MB, ratio {hooks_m / plain_m:.3f}")
    out = {"corpus": context.corpus.facts(), "hooks": summary(res["hooks"]), "plain": summary(res["plain"]),
           **ratios(res["hooks"], res["plain"]), "memory_ratio": round(hooks_m / plain_m, 3)}
    print(f"  median of the rounds' ratios {out['paired_ratio']:.3f}; CPU time ratio {out['cpu_ratio']:.3f}")
    if "hooks-before" in res:
        out["before"] = before_figures(res["hooks-before"], res["plain"], args.before)
    if args.abbr:
        out["abbr"] = abbreviations(context, same_pages, hooks_s, plain_s)
    return out


def abbreviations(context: Context, same_pages: dict, hooks_s: float, plain_s: float) -> dict:
    """The approach Material users use today: every spelling as `*[term]: summary`."""
    args, work, configs, corpus = context.args, context.work, context.configs, context.corpus
    count = sum(len(e.forms) for e in corpus.entries)
    print(f"\n== Synthetic guide: the same {count:,} terms as Markdown abbreviations, no hooks ==")
    print(f"  abbr's glossary option (every spelling in one regular expression, every page), {args.abbr_runs} runs:")
    res = alternate({"abbr-glossary": {"config": configs["abbr-glossary"],
                                       "overrides": {"docs_dir": same_pages["docs_dir"]}}},
                    args.abbr_runs, work, "abbr glossary")
    glossary_s = median(res["abbr-glossary"])
    print(f"  median build: {glossary_s:.2f} s; ours / this = {hooks_s / glossary_s:.3f}")
    # snippets' auto_append makes Python-Markdown parse every definition on every page, in time
    # quadratic in their number: a whole build takes hours, so it is timed on a few chapters.
    k = min(args.abbr_sample, len(corpus.chapters))
    sample = write_site(work / "abbr-sample", corpus.chapters[:k], corpus.entries)
    print(f"  abbr + pymdownx.snippets auto_append: timed on {k} chapters and scaled to {len(corpus.chapters)}:")
    small = alternate({"abbr": {"config": sample["abbr"]}, "plain": {"config": sample["plain"]}}, 1, work, "abbr sample")
    per_page = (median(small["abbr"]) - median(small["plain"])) / k
    estimate = plain_s + per_page * len(corpus.chapters)
    print(f"  snippets auto_append: {per_page:.2f} s more per page -> about {estimate:,.0f} s (estimated)")
    return {"glossary_option": summary(res["abbr-glossary"]), "ours_vs_glossary_option": round(hooks_s / glossary_s, 3),
            "snippets_sample_chapters": k, "snippets_per_page_s": round(per_page, 3),
            "snippets_estimate_s": round(estimate, 1)}
