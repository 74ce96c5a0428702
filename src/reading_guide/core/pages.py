"""Rendering the glossary index, the entry pages, back-links and the timeline.

Pure functions from glossary data to Markdown (pages MkDocs renders like any other) or to
small HTML fragments (parts known only after every chapter has been linked).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from .glossary import CATEGORIES, Entry, Glossary, TimelineEvent, sort_key
from .linker import SKIP_CLASS
from .strings import Strings


@dataclass(frozen=True, slots=True)  # tens of thousands in a large guide
class Place:
    """Where a term occurs: a paragraph of a chapter."""

    page_title: str
    page_src: str  # docs-relative path of the chapter's Markdown file
    anchor: str  # paragraph id, e.g. p3-2

    @property
    def number(self) -> str:
        return self.anchor.rsplit("-", 1)[-1]


def md_text(text: str) -> str:
    """Plain text made safe to drop into Markdown: no markup, no HTML, shown as written."""
    escaped = html.escape(text, quote=False)
    for char in "\\`*_{}[]()#+!|":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def md_url(url: str) -> str:
    """An address made safe inside Markdown's (...): a parenthesis or angle bracket in it would end it."""
    for char, code in (("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"), (" ", "%20")):
        url = url.replace(char, code)
    return url


def format_date(date: str, strings: Strings) -> str:
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = strings.months[int(parts[1]) - 1]
    if len(parts) == 2:
        return strings.month_year.format(month=month, year=parts[0])
    return strings.day_month_year.format(day=int(parts[2]), month=month, year=parts[0])


def front_matter(search_boost: float) -> str:
    """Front matter for a generated page (read by MkDocs before any hook sees the page)."""
    return f"---\nsearch:\n  boost: {search_boost}\n---\n"


def entry_file(entry: Entry) -> str:
    return f"{entry.slug}.md"


def category_title(category: str, strings: Strings) -> str:
    return strings.category_titles[CATEGORIES.index(category)]


def render_index(glossary: Glossary, strings: Strings) -> str:
    """The glossary's front page: every entry, grouped by category, alphabetical within each."""
    lines = [f"# {strings.glossary}", ""]
    counts = ", ".join(
        f"[{category_title(c, strings)}](#{c})" for c in CATEGORIES
        if any(e.category == c for e in glossary.entries.values()))
    lines += [strings.entries.format(count=len(glossary.entries), categories=counts), ""]
    for category in CATEGORIES:
        entries = [e for e in glossary.entries.values() if e.category == category]
        if not entries:
            continue
        lines += [f"## {category_title(category, strings)} {{#{category}}}", ""]
        for entry in sorted(entries, key=lambda e: sort_key(e.term)):
            dates = f" ({md_text(entry.dates)})" if entry.dates else ""
            lines.append(f"- [{md_text(entry.term)}]({entry_file(entry)}){dates}: {md_text(entry.summary)}")
        lines.append("")
    return "\n".join(lines)


def render_entry(entry: Entry, glossary: Glossary, timeline_page: str | None, strings: Strings) -> str:
    """One entry's page, up to the heading of the list of places where it occurs (render_places)."""
    lines = [f"# {md_text(entry.term)}", ""]
    facts = [strings.category_names[CATEGORIES.index(entry.category)]]
    if entry.dates:
        facts.append(md_text(entry.dates))
    lines += [f'<p class="entry-facts" markdown>{" · ".join(facts)}</p>', ""]
    lines += [f'<p class="entry-summary" markdown>{md_text(entry.summary)}</p>', ""]
    if entry.aliases:
        lines += [f"*{strings.also_called}* " + ", ".join(md_text(a) for a in entry.aliases), ""]
    lines += [entry.body, ""]
    if entry.timeline and timeline_page:
        lines += [f"## {strings.dates}", ""]
        for event in entry.timeline:
            lines.append(f"- [{format_date(event.date, strings)}]({timeline_page}#{event_anchor(event)}): "
                         f"{md_text(event.event)}")
        lines.append("")
    if entry.see_also:
        targets = [glossary.entry_for_term(t) for t in entry.see_also]
        links = [f"[{md_text(t.term)}]({entry_file(t)})" for t in targets if t is not None]
        lines += [f"## {strings.see_also}", "", ", ".join(links), ""]
    if entry.sources:
        # Works cited: never linked (a title such as "The Russian Revolution" names no entry).
        lines += [f"## {strings.sources}", "", f'<div class="sources {SKIP_CLASS}" markdown>', ""]
        for source in entry.sources:
            title = md_text(source.title)
            lines.append(f"- [{title}]({md_url(source.url)})" if source.url else f"- {title}")
        lines += ["", "</div>", ""]
    lines += [f"## {strings.where_it_occurs} {{#where-it-occurs-in-the-text}}", ""]  # then render_places(), known at the end
    return "\n".join(lines)


# Kept out of the search index: chapter titles repeated on every entry page are noise there.
PLACES_OPEN = '<ul class="places" data-search-exclude="true">'


def render_places(places: list[Place], url_of: Callable[[str], str], background: bool, strings: Strings) -> str:
    """The paragraphs where a term occurs, "Civil war ¶3, ¶5", each a link: an HTML fragment.

    HTML with final URLs (`url_of`: page src -> its URL from this page), not Markdown: a large
    guide has tens of thousands of these links, all right by construction, and Markdown would
    parse and check each one again.
    """
    if not places:
        return f"<p>{html.escape(strings.background_entry if background else strings.not_named, quote=False)}</p>"
    by_page: dict[str, list[Place]] = {}
    for place in places:
        page_places = by_page.setdefault(place.page_src, [])
        if place not in page_places:
            page_places.append(place)
    items = []
    for page_src, page_places in by_page.items():
        href, title = html.escape(url_of(page_src)), html.escape(page_places[0].page_title, quote=False)
        # One link per paragraph, the first carrying the page title: "Civil war ¶3, ¶5".
        links = [f'<a href="{href}#{html.escape(p.anchor)}">{title + " " if n == 0 else ""}¶{html.escape(p.number)}</a>'
                 for n, p in enumerate(page_places)]
        items.append(f'<li>{", ".join(links)}</li>')
    return "\n".join([PLACES_OPEN, *items, "</ul>"])


def event_anchor(event: TimelineEvent) -> str:
    return f"e{event.date}-{event.slug}"


def render_timeline(events: list[TimelineEvent], glossary: Glossary, places: dict[str, list[Place]],
                    glossary_dir: str, url_of: Callable[[str], str], strings: Strings, intro: str = "") -> str:
    """The timeline page: each event with its glossary entry and the chapters that mention it.

    The links of an event are one HTML paragraph with final URLs (`url_of`: page src -> its URL
    from the timeline): Markdown leaves it as it is, and a long timeline has thousands of them.
    """
    lines = [f"# {strings.timeline}", "", intro, ""] if intro else [f"# {strings.timeline}", ""]
    if not events:
        lines += [strings.no_events, ""]
    decade = None
    for event in events:
        if event.date[:3] != decade:
            decade = event.date[:3]
            lines += [f"## {strings.decade.format(decade=decade)}", ""]
        entry = glossary.entries[event.slug]
        entry_href = html.escape(url_of(f"{glossary_dir}/{entry_file(entry)}"))
        chapters: dict[str, Place] = {}
        for place in places.get(event.slug, []):
            chapters.setdefault(place.page_src, place)
        mentioned = ", ".join(f'<a href="{html.escape(url_of(src))}#{html.escape(p.anchor)}">'
                              f'{html.escape(p.page_title, quote=False)}</a>' for src, p in chapters.items())
        lines += [
            f'<div class="timeline-event" id="{event_anchor(event)}" markdown>',
            f'<span class="timeline-date">{format_date(event.date, strings)}</span>',
            "",
            f"{md_text(event.event)}",
            "",
            f'<p class="timeline-links {SKIP_CLASS}">'
            + html.escape(strings.timeline_see, quote=False).format(
                entry=f'<a href="{entry_href}">{html.escape(entry.term, quote=False)}</a>')
            + (html.escape(strings.timeline_in_text, quote=False).format(chapters=mentioned) if mentioned else "")
            + "</p>",
            "",
            "</div>",
            "",
        ]
    return "\n".join(lines)
