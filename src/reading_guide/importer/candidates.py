"""`reading-guide candidates`: a guide's term candidates as a checklist, and stub entries for the
terms a teacher accepts.

Files only; the finding is core.candidates. The checklist is `glossary-candidates.md` at the
guide's root (not in docs/, which MkDocs would publish, nor in glossary/, which holds entries):
one line per candidate, `- [ ] **Term** · category · aliases: … · 4× · [3.2](docs/…#p3-2) …`,
then its context. Ticking `[x]` and running with `--accept-ticked` (`make candidates TICKED=1`),
or naming terms with `--accept "A, B"`, writes one stub per term into the glossary: term,
aliases, category and `draft: true`. A draft is neither linked nor built until that line goes.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..core.candidates import Candidate, find_candidates
from ..core.chapter_text import Paragraph, read_chapters
from ..core.front_matter import YAML_LOADER, FrontMatterError, split_front_matter
from ..core.phrases import fold
from .errors import TextImportError

CHECKLIST = "glossary-candidates.md"
TOP = 150  # the checklist's length: past this the candidates are seldom terms
TICKED = re.compile(r"^- \[[xX]\] \*\*(?P<term>.+?)\*\*(?: · (?P<category>[a-z]+)\?)?(?: · aliases: (?P<aliases>.+?))? · \d+×")


class _Loader(YAML_LOADER):  # type: ignore[misc]
    """mkdocs.yml's own tags (`!!python/name:…`, `!ENV`) read as nothing: only plain settings are needed."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Guide:
    folder: Path
    docs: Path
    glossary: Path
    glossary_shown: str  # as mkdocs.yml names it
    article_class: str
    language: str
    authors: tuple[str, ...]
    name: str


def read_guide(folder: Path) -> Guide:
    """The settings the candidates need, from the guide's mkdocs.yml (defaults as in mkdocs/config.py)."""
    config_file = folder / "mkdocs.yml"
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as err:
        raise TextImportError(f"{config_file}: cannot be read ({err.strerror}); name a guide's folder, the one "
                              "that holds mkdocs.yml") from err
    except yaml.YAMLError as err:
        raise TextImportError(f"{config_file}: not valid YAML ({err}); fix it, then run the candidates again") from err
    config = config if isinstance(config, dict) else {}
    guide = ((config.get("extra") or {}).get("guide") or {}) if isinstance(config.get("extra"), dict) else {}
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    glossary = str(guide.get("glossary") or "glossary").rstrip("/")
    authors = tuple(a for a in re.split(r",|&|\band\b|\bund\b|\bet\b", str(config.get("site_author") or "")) if a.strip())
    return Guide(folder, folder / str(config.get("docs_dir") or "docs"), folder / glossary, glossary,
                 str(guide.get("article_class") or "article"), str((theme or {}).get("language") or "en"),
                 authors, str(config.get("site_name") or ""))


def known_spellings(glossary: Path) -> list[str]:
    """Every term, alias and context of the entries (drafts and entries with errors included)."""
    spellings: list[str] = []
    for path in sorted(glossary.glob("*.md")) if glossary.is_dir() else []:
        try:
            parts = split_front_matter(path.read_text(encoding="utf-8", errors="replace").removeprefix("\ufeff"))
            data: Any = yaml.load(parts[0], Loader=YAML_LOADER) if parts else None
        except (yaml.YAMLError, FrontMatterError):
            data = None
        if not isinstance(data, dict):
            spellings.append(path.stem.replace("-", " "))  # what the file is called is what it means to be
            continue
        for key in ("term", "aliases", "contexts"):
            value = data.get(key)
            spellings += [value] if isinstance(value, str) else [v for v in value or [] if isinstance(v, str)] \
                if isinstance(value, list) else []
    return spellings


def candidates_of(guide: Guide, limit: int | None = TOP) -> tuple[list[Candidate], list[Paragraph]]:
    paragraphs = read_chapters(guide.docs, guide.article_class, guide.docs.name)
    found = find_candidates(paragraphs, guide.language, known_spellings(guide.glossary), guide.authors, limit)
    return found, paragraphs


def run(folder: Path, accept: list[str] | None = None, accept_ticked: bool = False, as_json: bool = False) -> list[str]:
    """The command: what to print. Writes the checklist (and stubs for what is accepted)."""
    guide = read_guide(folder)
    started = time.perf_counter()
    candidates, paragraphs = candidates_of(guide, None)
    seconds = time.perf_counter() - started
    if not paragraphs:
        raise TextImportError(f"{guide.docs}: no chapter pages (front matter `chapter:` and a "
                              f'<div class="{guide.article_class}" markdown> block); import a text first')
    if as_json:
        return [json.dumps([c.as_json() for c in candidates[:TOP]], ensure_ascii=False, indent=1)]
    lines = []
    checklist = folder / CHECKLIST
    wanted = list(accept or [])
    if accept_ticked:
        wanted += ticked(checklist.read_text(encoding="utf-8")) if checklist.is_file() else []
        if not wanted:
            lines.append(f"Nothing ticked in {checklist}: tick a term as `- [x]` first")
    if wanted:
        lines += accept_terms(guide, candidates, wanted)
        candidates, _ = candidates_of(guide, None)
    keep = set(ticked(checklist.read_text(encoding="utf-8"))) if checklist.is_file() and not accept_ticked else set()
    checklist.write_text(render_checklist(guide, candidates[:TOP], keep), encoding="utf-8")
    words = sum(len(p.text.split()) for p in paragraphs)
    lines.append(f"{min(len(candidates), TOP)} glossary candidates from {len(paragraphs)} paragraphs ({words:,} words, "
                 f"{seconds:.2f} s): {checklist}")
    lines.append(f"Tick the terms you want (`- [x]`), then `make candidates TICKED=1`, or `make candidates "
                 f'ACCEPT="A, B"`: each becomes a draft entry in {guide.glossary_shown}/')
    return lines


def render_checklist(guide: Guide, candidates: list[Candidate], keep: set[str]) -> str:
    """The Markdown checklist; terms in `keep` (ticked in the list it replaces) stay ticked."""
    docs = guide.docs.name
    pages = {p.ref: p.page for p in read_chapters(guide.docs, guide.article_class, docs)} if candidates else {}
    lines = [
        f"# Glossary candidates{': ' + guide.name if guide.name else ''}", "",
        "Made by `make candidates` from the chapters, best first: names (the category is a guess) and "
        "concepts far more frequent here than in ordinary prose. Terms with an entry are left out. Tick the "
        "ones the glossary needs (`- [x]`) and run `make candidates TICKED=1` (or `make candidates "
        f'ACCEPT="A, B"`): each becomes a draft entry in `{guide.glossary_shown}/`, which the build '
        "leaves out until you remove its `draft: true` and write it. Running it again rewrites this list "
        "and keeps the ticks.", "",
    ]
    for c in candidates:
        tick = "x" if fold(c.term) in {fold(k) for k in keep} else " "
        aliases = f" · aliases: {', '.join(c.aliases)}" if c.aliases else ""
        refs = ", ".join(f"[{r}]({pages.get(r, docs)}#p{r.replace('.', '-')})" for r in c.paragraphs[:12])
        more = f" and {len(c.paragraphs) - 12} more" if len(c.paragraphs) > 12 else ""
        lines.append(f"- [{tick}] **{c.term}** · {c.category}?{aliases} · {c.count}× · {refs}{more}")
        lines.append(f"  <br>{_escape(c.context)}")
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def ticked(checklist: str) -> list[str]:
    return [m["term"] for line in checklist.splitlines() if (m := TICKED.match(line))]


def accept_terms(guide: Guide, candidates: list[Candidate], wanted: list[str]) -> list[str]:
    """One stub entry per wanted term (by its term or an alias); what was written or not, and why."""
    by_spelling = {fold(s): c for c in reversed(candidates) for s in c.spellings}
    known = {fold(s) for s in known_spellings(guide.glossary)}
    report = []
    guide.glossary.mkdir(parents=True, exist_ok=True)
    for term in dict.fromkeys(t.strip() for t in wanted if t.strip()):
        candidate = by_spelling.get(fold(term))
        if candidate is None:
            near = [c.term for c in candidates if any(fold(term) in fold(s).split() for s in c.spellings)][:3]
            hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else \
                "; write its entry by hand (README: Glossary entries)"
            report.append(f"{term!r}: has an entry already" if fold(term) in known else
                          f"{term!r}: not among the candidates{hint}")
            continue
        path = guide.glossary / f"{entry_slug(candidate.term)}.md"
        if path.exists():
            report.append(f"{term!r}: {guide.glossary_shown}/{path.name} exists; left as it is")
            continue
        path.write_text(stub(candidate), encoding="utf-8")
        report.append(f"Draft entry {guide.glossary_shown}/{path.name} ({candidate.term})")
    return report


def entry_slug(term: str) -> str:
    plain = unicodedata.normalize("NFKD", term).encode("ascii", "ignore").decode().lower().replace("'", "")
    return "-".join(re.findall(r"[a-z0-9]+", plain.replace("’", ""))) or "entry"


def stub(candidate: Candidate) -> str:
    """A draft entry: what the candidates know, and what the writer adds before removing `draft`."""
    aliases = [a for a in candidate.aliases if fold(a) != fold(candidate.term)]  # plurals, case: the linker's
    # a concept's headword starts with a capital, as a glossary's do; match_case: false finds it in the text
    term = candidate.term[:1].upper() + candidate.term[1:] if candidate.kind == "concept" else candidate.term
    lines = [
        "---",
        f"term: {json.dumps(term, ensure_ascii=False)}",
        f"aliases: {json.dumps(aliases, ensure_ascii=False)}",
        f"category: {candidate.category}  # a guess: person / organisation / event / idea / place",
    ]
    if candidate.kind == "concept":
        lines.append("match_case: false  # a common noun: linked at a sentence start too")
    where = ", ".join(candidate.paragraphs[:8]) + (" …" if len(candidate.paragraphs) > 8 else "")
    lines += [
        "draft: true  # not linked or built; remove this line once summary, sources and body are written",
        f"# {candidate.count}× in the text, in {where}; for instance: {' '.join(candidate.context.split())}",
        "---", "",
    ]
    return "\n".join(lines)
