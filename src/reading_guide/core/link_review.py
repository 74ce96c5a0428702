"""The review report: every doubtful occurrence the linker met, and how to settle it.

Pure Python: it reads the linker's `Doubt` records (core/linker.py) and writes text lines.
Each kind is settled by an entry setting, after which the linker no longer records it:

- "name": a term inside a longer capitalised name was left unlinked ("Mexico" in "Mexico City").
  The name is this entry: list it under `contexts:` and it is linked to the entry. It is not:
  list it under `not:`. A name that deserves an entry of its own gets one (longest match wins).
- "case": a `match_case: false` entry matched text written in another case than its spellings,
  not explained by a sentence start ("Workers' State" for "workers' state"): `contexts:` if it
  is this entry, `not:` if not (both are matched exactly as written).
- "word": a case-sensitive spelling's letters in another case, so not linked ("labour" for the
  alias "Labour"): an ordinary word that the alias may be taken for at a sentence start. List the
  word under `not:` once it is checked (or drop the alias).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from .linker import Doubt

KINDS = {  # kind -> (how the summary counts it, what settles it)
    "name": ("longer names skipped", "`contexts:` if the name is this entry, `not:` if not"),
    "case": ("matches only case-insensitively", "`contexts:` if it is this entry as written, `not:` if not"),
    "word": ("spellings also used as ordinary words", "`not:` once checked, or drop the spelling"),
}


def review_lines(doubts: Iterable[Doubt], paths: Mapping[str, str] | None = None) -> list[str]:
    """One line per doubtful occurrence, grouped by kind, then entry, then page.

    `paths`: entry slug -> its file (glossary/soviet.md), named in the advice; by default
    glossary/<slug>.md.
    """
    paths = paths or {}
    unique = list(dict.fromkeys(doubts))
    lines: list[str] = []
    for kind, (label, settle) in KINDS.items():
        of_kind = sorted((d for d in unique if d.kind == kind), key=lambda d: (d.slug, d.phrase, d.page))
        if not of_kind:
            continue
        lines.append(f"{label} ({len(of_kind)}): settle with {settle}")
        for doubt in of_kind:
            where = f"{doubt.page}#{doubt.where}" if doubt.where else doubt.page
            entry = paths.get(doubt.slug, f"glossary/{doubt.slug}.md")
            lines.append(f"  {where}: '{doubt.phrase}' ({entry}) in: {doubt.context}")
    return lines


def summary(doubts: Iterable[Doubt]) -> str:
    """One line for the build log: the counts by kind."""
    counts = Counter(d.kind for d in dict.fromkeys(doubts))
    if not counts:
        return "link review: nothing doubtful"
    parts = [f"{counts[kind]} {label}" for kind, (label, _) in KINDS.items() if counts[kind]]
    return "link review: " + ", ".join(parts) + " (the review report lists each)"
