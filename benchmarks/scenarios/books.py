"""The books on the real guide: HTML + PDF + EPUB vs HTML only, the PDF alone, PDF/UA's share.

The book steps are timed inside the same builds (builds.child_build with time_books): the
content model, the PDF (Typst) and the EPUB (ebooklib). "The PDF alone" is the model plus the
PDF: what a build spends on the PDF when the EPUB is off.
"""

from __future__ import annotations

from pathlib import Path

from builds import ROOT, alternate, book_median, median, ratios, summary

from . import Context


def run(context: Context) -> dict:
    runs, work = context.args.fast_runs, context.work
    print(f"\n== The real guide: the books (PDF + EPUB) vs HTML only, and the PDF/UA variant ({runs} runs each) ==")
    out = compare_books(ROOT / "mkdocs.yml", runs, work, "books", pdf_ua_variant=True)
    pdf_alone = out["pdf_alone_s"]
    print(f"  the PDF alone (model + Typst): median {pdf_alone:.2f} s")
    return out


def compare_books(config: Path, runs: int, work: Path, label: str, pdf_ua_variant: bool = False) -> dict:
    """HTML-only builds (GUIDE_BOOKS=0) alternating with whole builds (PDF and EPUB) of one guide."""
    variants = {"html": {"config": config, "env": {"GUIDE_BOOKS": "0"}},
                "books": {"config": config, "env": {"GUIDE_BOOKS": "1"}, "time_books": True}}
    if pdf_ua_variant:
        variants["books-no-ua"] = {"config": config, "env": {"GUIDE_BOOKS": "1"}, "time_books": True,
                                   "guide": {"pdf": {"pdf_ua": False}}}
    res = alternate(variants, runs, work, label)
    html_s, books_s = median(res["html"]), median(res["books"])
    out = {"html": summary(res["html"]), "books": summary(res["books"]),
           **ratios(res["books"], res["html"]),
           "pdf_alone_s": round(book_median(res["books"], "model_s", "pdf_s"), 3),
           "epub_alone_s": round(book_median(res["books"], "model_s", "epub_s"), 3)}
    print(f"  median build: HTML only {html_s:.2f} s, with both books {books_s:.2f} s, ratio {books_s / html_s:.2f}; "
          f"peak memory {median(res['books'], 'maxrss_mb'):.0f} MB vs {median(res['html'], 'maxrss_mb'):.0f} MB")
    if pdf_ua_variant:
        tagged, untagged = book_median(res["books"], "pdf_s"), book_median(res["books-no-ua"], "pdf_s")
        out["books_no_ua"] = summary(res["books-no-ua"])
        out["pdf_ua_share"] = round(tagged / untagged - 1, 3)
        print(f"  Typst, PDF/UA-1 (tagged) vs untagged: {tagged:.2f} s vs {untagged:.2f} s, "
              f"+{(tagged / untagged - 1) * 100:.0f} %")
    return out
