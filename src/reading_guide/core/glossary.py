"""Glossary entries: reading `glossary/*.md` and checking them.

Pure Python (PyYAML only): no MkDocs here, so the core can move to another engine.
Every problem names the file and, where it is known, the line.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .front_matter import FrontMatterError, load_front_matter, nul_line, raw_values, split_front_matter

CATEGORIES = ("person", "organisation", "event", "idea", "place")
FIELDS = (
    "term", "aliases", "category", "summary", "dates", "match_case",
    "see_also", "sources", "timeline", "background", "contexts", "not", "draft",
)
MAX_SUMMARY_WORDS = 30
MAX_ENTRY_BYTES = 1_000_000  # an entry is a few hundred words; anything near this is a mistake
DATE_FORMAT = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# An entry's file name is its address: letters and digits of any script, "-", "_" and "." only.
URL_SAFE_NAME = re.compile(r"^[^\W_]+(?:[-_.][^\W_]+)*$")


@dataclass(frozen=True)
class Problem:
    """Something wrong in an input file. Errors stop the build; warnings fail it under --strict."""

    path: str
    line: int | None
    message: str
    is_error: bool = True

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None


@dataclass(frozen=True)
class TimelineEvent:
    date: str
    event: str
    slug: str  # the entry the event belongs to


@dataclass(frozen=True)
class Entry:
    slug: str
    term: str
    aliases: tuple[str, ...]
    category: str
    summary: str
    body: str
    path: str
    dates: str = ""
    match_case: bool = True
    see_also: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    background: bool = False
    contexts: tuple[str, ...] = ()  # longer names that are this entry, linked to it as written
    not_phrases: tuple[str, ...] = ()  # phrases with a spelling of it that are not it, never linked
    draft: bool = False  # a stub being written: checked, but neither linked nor built
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)  # key -> file line

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 2)

    @property
    def forms(self) -> tuple[str, ...]:
        """The term and its aliases: every spelling the linker looks for."""
        return (self.term, *self.aliases)


@dataclass
class Glossary:
    entries: dict[str, Entry] = field(default_factory=dict)  # by slug, sorted by term
    problems: list[Problem] = field(default_factory=list)
    _by_term: dict[str, Entry] = field(default_factory=dict, repr=False, compare=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def entry_for_term(self, term: str) -> Entry | None:
        if len(self._by_term) != len(self.entries):  # built once per glossary, not once per page
            self._by_term = {entry.term: entry for entry in self.entries.values()}
        return self._by_term.get(term)


def form_key(form: str) -> str:
    """How two spellings are compared for clashes: case, curly quotes and spacing folded."""
    folded = unicodedata.normalize("NFC", form).replace("\u2019", "'").replace("\u2018", "'").casefold()
    return " ".join(folded.split())


def load_glossary(folder: Path, shown_as: str | None = None) -> Glossary:
    """Read every entry in `folder` and check the whole glossary.

    `shown_as` is how the folder is named in messages (relative to the project).
    """
    glossary = Glossary()
    broken: set[str] = set()  # what unreadable files would have defined (their errors are reported once)
    label = shown_as or str(folder)
    if not folder.is_dir():
        glossary.problems.append(Problem(label, None, "glossary folder not found; create it or set extra.guide.glossary"))
        return glossary
    for path in sorted(folder.iterdir()):
        shown = f"{label}/{path.name}"
        if path.is_dir():
            continue
        if path.name.startswith("."):
            if path.suffix == ".md":  # "..md", ".lenin.md": meant as an entry, but a hidden file
                glossary.problems.append(Problem(shown, None, "a file name starting with '.' is a hidden file, which "
                                                 "is not read; rename it after its term (e.g. lenin.md)"))
            continue
        if path.suffix != ".md":
            glossary.problems.append(Problem(
                shown, None, "not a glossary entry (only .md files are read); rename it to .md or move it out of the folder",
                is_error=False))
            continue
        raw = path.read_bytes()
        if not URL_SAFE_NAME.match(path.stem):
            glossary.problems.append(Problem(shown, None, f"the file name {path.name!r} cannot be a web address (the "
                                             "entry's page is named after it); rename it with letters, digits and '-' "
                                             "only, e.g. after its term"))
            broken |= intended_names(path.stem, raw)
            continue
        entry, problems = parse_entry(path.stem, raw, shown)
        glossary.problems.extend(problems)
        if entry is not None:
            glossary.entries[entry.slug] = entry
        elif any(p.is_error for p in problems):
            broken |= intended_names(path.stem, raw)
    glossary.problems.extend(check_glossary(list(glossary.entries.values()), broken))
    glossary.entries = dict(sorted(glossary.entries.items(), key=lambda item: sort_key(item[1].term)))
    return glossary


def sort_key(term: str) -> str:
    """Alphabetical order that ignores accents, case and leading quotes."""
    plain = unicodedata.normalize("NFKD", term)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return plain.strip("‘’'\"“”").casefold()


def parse_entry(slug: str, raw: bytes, shown: str) -> tuple[Entry | None, list[Problem]]:
    """Parse one entry file. Returns the entry (None if it is unusable) and its problems."""
    if len(raw) > MAX_ENTRY_BYTES:
        return None, [Problem(shown, None, f"the file is {len(raw) / 1e6:.1f} MB; a glossary entry should be a few "
                              "hundred words (is it the wrong file?)")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(shown, line, f"not UTF-8 (byte {err.start}); save the file as UTF-8")]
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return None, [Problem(shown, None, "the file is empty; write an entry (see README, 'Glossary entries') or delete it")]
    if (nul := nul_line(text)) is not None:
        return None, [Problem(shown, nul, "a NUL character (byte 0), which no text holds: delete it (was it "
                              "copied from a PDF or a binary file?)")]
    try:
        parts = split_front_matter(text)
        if parts is None:
            return None, [Problem(
                shown, 1, "no front matter: the file must start with a line '---', the YAML fields, and a closing '---'")]
        front, body, _body_line = parts
        data = load_front_matter(front)
    except FrontMatterError as err:
        return None, [Problem(shown, err.line or 1, err.message)]
    if not isinstance(data, dict):
        return None, [Problem(
            shown, 2, "front matter must be YAML fields (term: ..., summary: ...), not a list or a single value")]
    written = raw_values(front)
    return build_entry(slug, data, body.strip(), shown, {key: line for key, (_, line) in written.items()},
                       {key: value for key, (value, _) in written.items()})


class Fail(Protocol):
    """Reports a problem with one field of the entry being read (a warning if not `is_error`)."""

    def __call__(self, key: str, message: str, is_error: bool = True) -> None: ...


def build_entry(
    slug: str, data: dict[Any, Any], body: str, shown: str, lines: dict[str, int], raw: dict[str, str] | None = None,
) -> tuple[Entry | None, list[Problem]]:
    problems: list[Problem] = []

    def fail(key: str, message: str, is_error: bool = True) -> None:
        problems.append(Problem(shown, lines.get(key, 2), message, is_error))

    for key in data:
        if str(key) not in FIELDS:
            close = difflib.get_close_matches(str(key), FIELDS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known fields: {', '.join(FIELDS)}"
            fail(str(key), f"unknown field '{key}'{hint}")

    term = data.get("term")
    written = (raw or {}).get("term") or str(term)
    if term is not None and not isinstance(term, (str, list, dict)):
        fail("term", f"term: {written} is read by YAML as {_yaml_kind(term)}, not text; put it in quotes: "
             f"term: \"{written}\"")
    elif not isinstance(term, str) or not term.strip():
        fail("term", "missing 'term': give the headword, e.g. 'term: Soviet'")
    elif not any(c.isalnum() for c in term):
        fail("term", f"term {term!r} has no letter or digit; give a real word")
    draft = data.get("draft", False)
    if not isinstance(draft, bool):
        fail("draft", "draft must be true or false")
        draft = False
    summary = data.get("summary")
    if draft and summary in (None, ""):
        summary = ""  # a draft needs no summary yet (nor sources or a body): it is not built
    elif summary is not None and not isinstance(summary, (str, list, dict)):
        written = (raw or {}).get("summary") or str(summary)
        fail("summary", f"summary: {written} is read by YAML as {_yaml_kind(summary)}, not text; put it in "
             f"quotes: summary: \"{written}\"")
    elif not isinstance(summary, str) or not summary.strip():
        fail("summary", "missing 'summary': one sentence shown when a reader hovers over the term")
    elif len(summary.split()) > MAX_SUMMARY_WORDS:
        fail("summary", f"summary has {len(summary.split())} words; keep it to {MAX_SUMMARY_WORDS} or fewer", is_error=False)
    category = data.get("category")
    if category not in CATEGORIES:
        fail("category", f"category {category!r} is not one of: {', '.join(CATEGORIES)}")

    aliases = string_list(data.get("aliases", []), "aliases", fail)
    for alias in aliases:
        if not any(c.isalnum() for c in alias):
            fail("aliases", f"alias {alias!r} has no letter or digit")
    see_also = string_list(data.get("see_also", []), "see_also", fail)
    sources = parse_sources(data.get("sources", []), fail)
    if not sources and not draft:
        fail("sources", "no sources: name at least one (title and url) for the facts in this entry", is_error=False)
    if not body and not draft:
        fail("term", "the entry has no body text below the front matter", is_error=False)
    match_case = data.get("match_case", True)
    if not isinstance(match_case, bool):
        fail("match_case", "match_case must be true or false")
    background = data.get("background", False)
    if not isinstance(background, bool):
        fail("background", "background must be true or false")
    dates = data.get("dates", "")
    if not isinstance(dates, (str, int)):
        fail("dates", "dates must be text such as \"1870–1924\"")
    events = parse_timeline(data.get("timeline", []), slug, fail)
    contexts = string_list(data.get("contexts", []), "contexts", fail)
    not_phrases = string_list(data.get("not", []), "not", fail)
    if isinstance(term, str):
        check_phrases(" ".join(term.split()), aliases, contexts, not_phrases, fail)

    if any(p.is_error for p in problems):
        return None, problems
    # No error: the checks above found term, summary and category to be texts.
    assert isinstance(term, str) and isinstance(summary, str) and isinstance(category, str)
    entry = Entry(
        slug=slug, term=" ".join(term.split()), aliases=tuple(dict.fromkeys(a for a in aliases if a != term)),
        category=category, summary=" ".join(summary.split()), body=body, path=shown,
        dates=str(dates), match_case=match_case, see_also=tuple(see_also), sources=tuple(sources),
        timeline=tuple(events), background=background, lines=lines,
        contexts=tuple(dict.fromkeys(contexts)), not_phrases=tuple(dict.fromkeys(not_phrases)), draft=draft,
    )
    return entry, problems


def _yaml_kind(value: object) -> str:
    return "true or false" if isinstance(value, bool) else "a date" if type(value).__name__ in ("date", "datetime") \
        else "a number" if isinstance(value, (int, float)) else type(value).__name__


def string_list(value: Any, key: str, fail: Fail) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list) and (odd := next((v for v in value if v is not None and not isinstance(v, (str, list, dict))),
                                                None)) is not None:
        fail(key, f"{key}: {odd!r} is read by YAML as {_yaml_kind(odd)}, not text; put it in quotes, e.g. "
             f"{key}: [\"{odd}\"]")
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        fail(key, f"{key} must be a list of non-empty texts, e.g. {key}: [First, Second]")
        return []
    return [" ".join(v.split()) for v in value]


def check_phrases(term: str, aliases: list[str], contexts: list[str], not_phrases: list[str], fail: Fail) -> None:
    """`contexts` and `not` are matched as written: each must differ from the entry's own spellings
    at least in case, and no phrase may be both."""
    forms = {term, *aliases}
    for key, phrases in (("contexts", contexts), ("not", not_phrases)):
        for phrase in phrases:
            if phrase in forms:
                fail(key, f"{key} lists '{phrase}', which is already this entry's term or alias; remove it from {key}")
            elif not any(c.isalnum() for c in phrase):
                fail(key, f"{key} phrase {phrase!r} has no letter or digit")
    for phrase in set(contexts) & set(not_phrases):
        fail("not", f"'{phrase}' is in both contexts (it is this entry) and not (it is not); keep one")


def parse_sources(value: Any, fail: Fail) -> list[Source]:
    if not isinstance(value, list):
        fail("sources", "sources must be a list of items with 'title' and 'url'")
        return []
    sources = []
    for item in value:
        if isinstance(item, str) and item.strip():
            sources.append(Source(item.strip()))
            continue
        if not isinstance(item, dict) or not isinstance(item.get("title"), str) or not item["title"].strip():
            fail("sources", "each source needs a 'title' (and usually a 'url')")
            continue
        url = item.get("url")
        if url is not None and not (isinstance(url, str) and re.match(r"^https?://\S+$", url)):
            fail("sources", f"source url {url!r} is not an http(s) address")
            continue
        sources.append(Source(item["title"].strip(), url))
    return sources


def parse_timeline(value: Any, slug: str, fail: Fail) -> list[TimelineEvent]:
    if not isinstance(value, list):
        fail("timeline", "timeline must be a list of items with 'date' and 'event'")
        return []
    events = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("event"), str) or not item["event"].strip():
            fail("timeline", "each timeline item needs an 'event' (one sentence) and a 'date'")
            continue
        date = item.get("date")
        date = str(date) if date is not None else ""
        if not DATE_FORMAT.match(date):
            fail("timeline", f"timeline event {item['event'][:40]!r}… has no usable date ({date or 'none'}); "
                 "write \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\" in quotes", is_error=False)
            continue
        events.append(TimelineEvent(date, " ".join(item["event"].split()), slug))
    return events


def intended_names(stem: str, raw: bytes) -> set[str]:
    """The spellings an unreadable entry file seems to define: its name and any `term:` line in it."""
    names = {form_key(stem.replace("-", " "))}
    for line in raw.decode("utf-8", "replace").splitlines():
        if line.startswith("term:"):
            names.add(form_key(line[5:].strip().strip("'\"")))
    return names


def check_glossary(entries: list[Entry], broken: AbstractSet[str] = frozenset()) -> list[Problem]:
    """Checks across entries: duplicate terms, clashing aliases, see-also targets.

    A see-also naming one of `broken` (what an unreadable file would have defined) is not
    reported: that file's own error says what to fix.
    """
    problems: list[Problem] = []
    owner: dict[str, tuple[Entry, str]] = {}
    for entry in entries:
        for form in dict.fromkeys(entry.forms + entry.contexts):
            key = form_key(form)
            if key in owner and owner[key][0].slug != entry.slug:
                other, other_form = owner[key]
                kind = "term" if form == entry.term and other_form == other.term else \
                    "context" if form in entry.contexts else "alias"
                field_name = "term" if form == entry.term else "contexts" if form in entry.contexts else "aliases"
                problems.append(Problem(
                    entry.path, entry.line_of(field_name),
                    f"{kind} '{form}' is also claimed by {other.path} (as '{other_form}'); "
                    "each spelling may belong to one entry only: remove it from one of them"))
            else:
                owner.setdefault(key, (entry, form))
    for entry in entries:  # a `not` phrase that is another entry's spelling would hide that entry
        for phrase in entry.not_phrases:
            claim = owner.get(form_key(phrase))
            if claim is not None and claim[0].slug != entry.slug:
                problems.append(Problem(
                    entry.path, entry.line_of("not"),
                    f"not lists '{phrase}', which {claim[0].path} claims (as '{claim[1]}'); "
                    "it is linked to that entry already: remove it from not"))
    terms = {entry.term for entry in entries}
    for entry in entries:
        for target in entry.see_also:
            if target not in terms and form_key(target) not in broken:
                close = difflib.get_close_matches(target, sorted(terms), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else "; use the exact term of another entry"
                problems.append(Problem(entry.path, entry.line_of("see_also"),
                                        f"see_also names '{target}', which is no entry's term{hint}"))
    return problems


def timeline_events(glossary: Glossary) -> list[TimelineEvent]:
    """All dated events of all entries, in date order."""
    events = [event for entry in glossary.entries.values() for event in entry.timeline]
    return sorted(events, key=lambda e: (e.date, sort_key(e.event)))
