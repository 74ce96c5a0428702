"""Weak sources in notes and glossary entries: a bare site, or a host on a list of weak hosts.

Pure: no MkDocs import. The adapter decides whether each message is a warning or an error.

    weak_sources([(title, url, file, line), ...], weak_hosts) -> list of messages
    sources_by_note(markdown, file) -> {note id: every citation of that note, linked or not}
    wiki_alone({item: sources}, weak_hosts=...) -> messages for items with nothing but wiki pages and weak sources

A weak host is a host name ("history.com", matching its subdomains too), a host with a path
prefix ("britannica.com/summary") for the weak corner of an otherwise good site, or "*/blog" for a
path on any host. WEAK_HOST_KINDS groups the default ones by why they are weak (wikis, personal and
party sites, aggregators, raw archive files, blogs, exhibition pages), and the warning says why.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from urllib.parse import SplitResult, urlsplit

SourceRef = tuple[str, str | None, str, int | None]

# Weak hosts by kind, each with the reason the warning gives, so that the writer knows what to cite
# instead. An entry is a host ("history.com", its subdomains too), a host with a path prefix
# ("britannica.com/summary", whole path segments), or "*/prefix" for that path on any host ("*/blog").
# marxists.org is not here: it is an archive of texts, a fair copy of a primary source when the
# citation names the text and its edition (a title that names only the site is caught below).
WEAK_HOST_KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "popular": ("a popular, unsigned or catalogue page: cite a named book, article or signed reference-work entry", (
        "history.com", "alphahistory.com", "spartacus-educational.com", "neversuchinnocence.com",
        "ww1centenarynewsarchive.com", "fascistpast.eu", "rightsinrussia.info", "collection.sciencemuseumgroup.org.uk",
        "kci.go.kr", "globalbrief.ca", "dawn.com", "quora.com", "reddit.com", "thoughtco.com", "historyextra.com",
        "uk.wikisource.org",             # Britannica 1922 behind the Ukrainian Wikisource: an odd address
        "britannica.com/summary",        # Britannica's unsigned summary pages, not its articles
        "ieg-ego.eu/en/mediainfo",       # picture captions of European History Online
        "wcml.org.uk/about-us/timeline",  # anonymous timeline pages
    )),
    "wiki": ("a wiki anyone may edit: cite the named work it rests on", (
        "wikipedia.org", "wikibooks.org", "wikiwand.com", "fandom.com",
    )),
    "personal": ("an author's or a personal site: cite the author's published book or article", (
        "orlandofiges.info", "darkwing.uoregon.edu",
    )),
    "party": ("a party's or a movement's site, the view of one side: cite the text's published edition, "
              "or a historian for a fact", (
        "marxist.com", "wsws.org", "worldsocialism.org", "marx200.org", "socialistworker.co.uk", "socialist.net",
        "cpgb-ml.org", "revcom.us",
    )),
    "aggregator": ("an aggregator that reprints others' work: cite the original publication", (
        "encyclopedia.com", "cyberleninka.ru", "infoplease.com", "country-data.com", "studylib.net", "scribd.com",
    )),
    "raw file": ("a raw scan or OCR text in an archive: cite the original publication (its archive page may "
                 "stand beside it)", (
        "archive.org/stream", "archive.org/download",
    )),
    "blog": ("a blog: cite a named book or article", (
        "*/blog", "blogspot.com", "wordpress.com", "substack.com", "medium.com",
    )),
    "exhibition": ("an exhibition, museum-project or government press page: cite the named work it draws on", (
        "ausstellung-gulag.de", "polithistory.ru", "gouvernement.fr", "museemrjmoi.com", "deutschlandmuseum.de",
    )),
}
DEFAULT_WEAK_HOSTS: tuple[str, ...] = tuple(host for _, hosts in WEAK_HOST_KINDS.values() for host in hosts)
WHY_WEAK: dict[str, str] = {host: reason for reason, hosts in WEAK_HOST_KINDS.values() for host in hosts}

WIKI_HOSTS: tuple[str, ...] = ("wikipedia.org",)

# Titles that name only a website, not a work on it ("Wikipedia", "Marxists Internet Archive").
SITE_NAMES = frozenset({
    "wikipedia", "wikisource", "wikibooks", "britannica", "encyclopaedia britannica",
    "encyclopedia britannica", "encyclopædia britannica", "marxists internet archive", "marxists.org",
    "internet archive", "archive.org", "jstor", "google books", "oxford reference", "history.com",
    "alpha history", "spartacus educational", "encyclopedia.com", "seventeen moments in soviet history",
    "1914-1918-online", "website", "web site", "home page", "homepage", "online",
})

NOTE_DEFINITION = re.compile(r"^\[\^([^\]]+)\]:[ \t]?(.*)$")
# The label that begins the citations of a note or a paragraph, in the guide's languages (English,
# German). The one home of this rule: the checks here read what follows it as the sources, and the
# linker (link_rules.mark_citations) links nothing from it to the end of the paragraph.
SOURCES_LABEL = re.compile(r"\b(?:Sources?|Quellen?):\s*")
# The text's own notes (an author's or translator's footnotes, brought in by the import of an HTML or
# EPUB edition) have ids "author-N": they are the text, not the guide's claims, so they need no source.
AUTHOR_NOTE_PREFIX = "author-"
# [text](url): the text may hold one level of brackets, the url one level of parentheses
# (Wikipedia's "Party_(Bolsheviks)").
LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(((?:[^()\s]|\([^()\s]*\))+)\)")


def weak_sources(sources: Iterable[SourceRef], weak_hosts: Iterable[str] = DEFAULT_WEAK_HOSTS) -> list[str]:
    """One message per source that is a bare site or sits on a weak host (or a subdomain of one)."""
    hosts = [normal_host(h) for h in weak_hosts if h and h.strip()]
    messages = []
    for title, url, file, line in sources:
        where = f"{file}:{line}" if line else file
        problem = source_problem(title, url, hosts)
        if problem:
            messages.append(f"{where}: source {title!r}{f' ({url})' if url else ''} {problem}")
    return messages


def source_problem(title: str, url: str | None, weak_hosts: list[str]) -> str | None:
    """Why one source is weak, in words a writer can act on; None if it is not."""
    if url:
        parts = urlsplit(url.strip())
        weak = _first_weak(_host_of(parts.hostname or ""), parts.path.strip("/").lower(), tuple(weak_hosts))
        if weak is not None:
            why = WHY_WEAK.get(weak, "cite a named book, article or reference-work entry from a reputable "
                                     "publisher instead")
            return f"is on the list of weak hosts ({weak}): {why}"
        if parts.path.strip("/") == "" and not parts.query:
            return "gives only a site, not a page: link the specific work or entry"
    if is_site_name(title, url):
        return "is titled with a site's name only: give the author and title of the work cited"
    return None


def on_host(parts: SplitResult, weak: str) -> bool:
    """True if a split URL is on the weak host or a subdomain ("*": any host), and under its path
    prefix if it has one (whole segments: "blog" is not "blogger")."""
    return _on_host(_host_of(parts.hostname or ""), parts.path.strip("/").lower(), weak)


def _first_weak(host: str, path: str, weak_hosts: tuple[str, ...]) -> str | None:
    """The first of `weak_hosts` the URL is on: the host and each domain above it looked up, not
    every weak host tried (a guide checks hundreds of sources against dozens of hosts)."""
    plain, others = _weak_index(weak_hosts)
    labels = host.split(".")
    found = [plain[d] for d in (".".join(labels[n:]) for n in range(len(labels))) if d in plain]
    found += [n for n, weak in others if _on_host(host, path, weak)]
    return weak_hosts[min(found)] if found else None


@functools.lru_cache(maxsize=16)
def _weak_index(weak_hosts: tuple[str, ...]) -> tuple[dict[str, int], tuple[tuple[int, str], ...]]:
    """Weak hosts without a path (host -> first place in the list), and the others with their places."""
    plain: dict[str, int] = {}
    for n, weak in enumerate(weak_hosts):
        if "/" not in weak and weak != "*":
            plain.setdefault(weak, n)
    return plain, tuple((n, w) for n, w in enumerate(weak_hosts) if "/" in w or w == "*")


def _on_host(host: str, path: str, weak: str) -> bool:
    """on_host for a URL's normal host and its path (stripped of slashes, lower case)."""
    weak_host, _, weak_path = weak.partition("/")
    if weak_host != "*" and not (host == weak_host or host.endswith("." + weak_host)):
        return False
    prefix = weak_path.strip("/").lower()
    return not prefix or path == prefix or path.startswith(prefix + "/")


def wiki_alone(groups: dict[str, list[SourceRef]], wiki_hosts: Iterable[str] = WIKI_HOSTS,
               weak_hosts: Iterable[str] = ()) -> list[str]:
    """Items (a note, an entry) that cite a wiki page and nothing else but weak sources (a blog, a
    party's site): a named scholarly or reference work must stand beside it."""
    hosts = [normal_host(h) for h in wiki_hosts]
    weak = [normal_host(h) for h in weak_hosts if h and h.strip()]
    messages = []
    for item, refs in groups.items():
        wiki = [r for r in refs if r[1] and any(on_host(urlsplit(r[1]), h) for h in hosts)]
        if wiki and all(r in wiki or source_problem(r[0], r[1], weak) for r in refs):
            _title, url, file, line = wiki[0]
            where = f"{file}:{line}" if line else file
            others = " and weak pages" if len(wiki) < len(refs) else ""
            messages.append(f"{where}: {item} cites only Wikipedia{others} ({url}): add a named scholarly "
                            "or reference work beside it")
    return messages


@functools.lru_cache(maxsize=1024)
def _host_of(hostname: str) -> str:  # a guide cites a few hundred sources, each checked against every weak host
    return normal_host(hostname)


def normal_host(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    for prefix in ("www.", "m.", "en.m."):
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix):]
    return host


def is_site_name(title: str, url: str | None) -> bool:
    """True if the title is nothing but the name of a site (its host, or a well-known site)."""
    name = re.sub(r"[*_\"“”‘’']", "", title).strip().lower()
    name = re.sub(r"^the\s+", "", name).strip(" .,;:—–-")
    if not name:
        return True
    if name in SITE_NAMES:
        return True
    if url:
        host = normal_host(urlsplit(url.strip()).hostname or "")
        labels = host.split(".")
        if name in {host, labels[0], labels[-2] if len(labels) > 1 else host}:
            return True
    return False


def sources_by_note(markdown: str, file: str) -> dict[str, list[SourceRef]]:
    """Every citation of every note, keyed by note id: one per link, or one with url None if unlinked.

    A note's sources are the part after its last "Source:" or "Sources:"; each citation (split at
    top-level semicolons) becomes the title of the links inside it, so "V. I. Lenin, *The State and
    Revolution* ..., [Marxists Internet Archive](url)" is judged by the whole citation, not the link text.
    """
    found: dict[str, list[SourceRef]] = {}
    for note_id, text, first_line in note_definitions(markdown):
        labels = list(SOURCES_LABEL.finditer(text))
        refs = found.setdefault(note_id, [])
        if not labels:
            continue
        start = labels[-1].end()
        for citation, offset in split_citations(text[start:]):
            title = plain(LINK.sub(lambda m: m.group(1), citation))
            links = list(LINK.finditer(citation))
            for link in links:
                line = first_line + text[: start + offset + link.start()].count("\n")
                refs.append((title, link.group(2), file, line))
            if not links and title:
                refs.append((title, None, file, first_line + text[: start + offset].count("\n")))
    return found


def cut_addresses(markdown: str, file: str) -> list[str]:
    """Links whose address Markdown ends early at a ')' of the address: "[T](https://x.org/a)b)" links to
    https://x.org/a, and "b)" is left as text. Messages for each, with the line."""
    messages = []
    for match in LINK.finditer(markdown):
        rest = markdown[match.end():match.end() + 200].split("\n", 1)[0]
        tail = re.match(r"[^\s()\[\]]*\)", rest)
        if tail and not re.fullmatch(r"[.,;:!?'\"*_]*\)", tail.group()):
            line = markdown.count("\n", 0, match.start()) + 1
            messages.append(f"{file}:{line}: the address {match.group(2) + ')' + tail.group()!r} holds a ')' that ends the "
                            f"link early (it goes to {match.group(2)!r}); write the ')' as %29, or put the address in "
                            "<...>")
    return messages


def notes_without_sources(markdown: str, file: str) -> list[str]:
    """Messages for footnote definitions that name no source at all."""
    return [f"{file}:{line}: note [^{note_id}] names no source: end it with 'Source:' or 'Sources:' ('Quelle:', "
            "'Quellen:' in German) and a named work"
            for note_id, text, line in note_definitions(markdown)
            if not SOURCES_LABEL.search(text) and not note_id.startswith(AUTHOR_NOTE_PREFIX)]


def note_definitions(markdown: str) -> list[tuple[str, str, int]]:
    """(id, text, first line) of each footnote definition; indented lines continue it."""
    notes: list[tuple[str, str, int]] = []
    lines = markdown.splitlines()
    index = 0
    while index < len(lines):
        match = NOTE_DEFINITION.match(lines[index])
        if not match:
            index += 1
            continue
        body, first = [match.group(2)], index + 1
        index += 1
        while index < len(lines) and (lines[index].startswith("    ") or lines[index].startswith("\t")
                                      or (not lines[index].strip() and index + 1 < len(lines)
                                          and lines[index + 1].startswith("    "))):
            body.append(lines[index].strip())
            index += 1
        notes.append((match.group(1), "\n".join(body), first))
    return notes


def split_citations(text: str) -> list[tuple[str, int]]:
    """Split at semicolons outside brackets and parentheses; each part with its offset in text."""
    parts, depth, start = [], 0, 0
    for position, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        elif char == ";" and depth == 0:
            parts.append((text[start:position], start))
            start = position + 1
    parts.append((text[start:], start))
    return parts


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[*_]", "", text)).strip(" .")
