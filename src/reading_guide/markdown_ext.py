"""The Python-Markdown extension that numbers article paragraphs and links glossary terms, in any engine.

It only adapts the pure functions of core/linker.py to Python-Markdown's tree; which page is being
rendered, and what was found on it, live in a PageState. Two ways to use it:

- the MkDocs plugin makes one GlossaryExtension with a PageState it owns and sets for each page;
- any other engine lists it by name, `markdown_extensions: - reading_guide.markdown_ext: {compiled: ...}`,
  after the compile step (reading_guide.compile) has written the staging folder and its guide.json:
  the extension then reads the page being rendered from the engine (Zensical's rendering context) and
  sets the PageState itself from the compiled data.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .core.linker import LinkContext, Occurrence, TermIndex, link_tree, number_paragraphs
from .core.sanitize import clean_html, safe_url, tooltip_text

# Paragraph ids must exist before MkDocs collects anchors (priority 5) so links to them
# are checked. Terms are linked last, after MkDocs has checked and rewritten the authors'
# links (0): ours point at pages the hooks generate and are written as final URLs, so
# MkDocs has none of the tens of thousands of them to parse again.
NUMBER_PRIORITY = 6
LINK_PRIORITY = -1


@dataclass
class PageState:
    """What the extension needs for the page now rendered, and what it found there."""

    index: TermIndex | None = None
    context: LinkContext | None = None  # None: do not link on this page
    chapter: str | None = None  # None: no paragraph numbers on this page
    article_class: str = "article"
    paragraph_title: str = "Link to paragraph {chapter}.{number}"  # the paragraph number's hover text
    anchors: list[str] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)
    tail_html: str | None = None  # an HTML fragment to end the page with, as it is
    unsafe: list[str] = field(default_factory=list)  # addresses taken out of the page (javascript:, data:)
    sanitized: bool = False  # the page's HTML goes through core.sanitize, which escapes its titles


class _NumberParagraphs(Treeprocessor):
    def __init__(self, md: Markdown, state: PageState):
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        if self.state.chapter is not None:
            self.state.anchors = number_paragraphs(root, self.state.chapter, self.state.article_class,
                                                   self.state.paragraph_title)


class _LinkTerms(Treeprocessor):
    def __init__(self, md: Markdown, state: PageState):
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        if self.state.context is not None and self.state.index is not None:
            self.state.occurrences = link_tree(root, self.state.index, self.state.context)


class _AppendHtml(Treeprocessor):
    """Ends the page with `tail_html`, stored the way Python-Markdown stores raw HTML, so that it
    is neither parsed nor linked (it is ours, and can be large: the back-links of an entry)."""

    def __init__(self, md: Markdown, state: PageState):
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        if self.state.tail_html:
            etree.SubElement(root, "p").text = self.md.htmlStash.store(self.state.tail_html)


class _Safety(Treeprocessor):
    """Last, over the whole tree: every `title` escaped once more, because Material's tooltips insert
    it as HTML (a summary `<img onerror=…>` would run on hover); no link or image to a javascript:
    or data: address (core.sanitize.safe_url)."""

    def __init__(self, md: Markdown, state: PageState):
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        self.state.unsafe = []
        escaped: dict[str, str] = {}  # a page repeats a few summaries hundreds of times: one string each
        for el in root.iter():
            title = el.get("title")
            if title is not None and not self.state.sanitized:
                # Python-Markdown's serializer leaves an ampersand that starts an entity as it is, so
                # the value is escaped once for it, and the page's attribute holds tooltip_text().
                value = escaped.get(title)
                if value is None:
                    value = escaped[title] = html.escape(tooltip_text(title), quote=False)
                el.set("title", value)
            for name in ("href", "src"):
                value = el.get(name)
                if value is not None and not safe_url(value):
                    self.state.unsafe.append(value)
                    del el.attrib[name]


class _FindPage(Preprocessor):
    """Engine mode: which page is rendered, from the engine's rendering context, sets the PageState."""

    def __init__(self, md: Markdown, state: PageState, compiled: str):
        super().__init__(md)
        self.state, self.compiled = state, compiled

    def run(self, lines: list[str]) -> list[str]:
        from .compile.manifest import configure_page  # the compiled data: loaded once per process

        configure_page(self.state, self.compiled, engine_page(self.md))
        return lines


class _SanitizeEntry(Postprocessor):
    """Engine mode: an entry page's HTML through core.sanitize (its body is markup from a glossary
    file); the compile step has already named what goes, with the file and line."""

    def __init__(self, md: Markdown, state: PageState):
        super().__init__(md)
        self.state = state

    def run(self, text: str) -> str:
        return clean_html(text, titles=True, report=False).html if self.state.sanitized else text


def engine_page(md: Markdown) -> str | None:
    """The docs-relative path of the page `md` renders, as the engine says it: Zensical registers a
    preprocessor holding the page (`page.path`). None if no engine says."""
    for processor in md.preprocessors:
        path = getattr(getattr(processor, "page", None), "path", None)
        if isinstance(path, str):
            return path.replace("\\", "/")
    return None


class GlossaryExtension(Extension):
    def __init__(self, state: PageState | None = None, compiled: str = ""):
        super().__init__()
        self.state = state if state is not None else PageState()
        self.compiled = compiled

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        if self.compiled:
            md.preprocessors.register(_FindPage(md, self.state, self.compiled), "guide_page", -100)
            md.postprocessors.register(_SanitizeEntry(md, self.state), "guide_sanitize", 0)
        md.treeprocessors.register(_NumberParagraphs(md, self.state), "guide_paragraphs", NUMBER_PRIORITY)
        md.treeprocessors.register(_LinkTerms(md, self.state), "guide_glossary", LINK_PRIORITY)
        md.treeprocessors.register(_AppendHtml(md, self.state), "guide_tail", LINK_PRIORITY - 1)
        md.treeprocessors.register(_Safety(md, self.state), "guide_safety", LINK_PRIORITY - 2)


def makeExtension(**kwargs: Any) -> GlossaryExtension:  # noqa: N802 (Python-Markdown's name)
    """`markdown_extensions: - reading_guide.markdown_ext: {compiled: .guide-build/guide.json}`."""
    compiled = kwargs.pop("compiled", "")
    kwargs.pop("digest", None)  # the compiled data's digest: only for the engine's page cache (compile/engines.py)
    if kwargs:
        raise KeyError(f"reading_guide.markdown_ext: unknown option(s) {', '.join(map(str, kwargs))}; "
                       "the options are 'compiled', the guide.json the compile step wrote, and 'digest'")
    return GlossaryExtension(compiled=str(compiled))
