"""A page another engine built, finished as the MkDocs plugin's templates would write it (compile/site_pages.py):
the policy allows exactly the theme's inline scripts on the page, the reader's data cannot end its element early,
the header's links go before the search."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import lxml.html

from reading_guide.compile.site_pages import finish_page, page_title
from reading_guide.core import csp

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>T</title>
<script>var a = "</b>" && 1;</script><script type="application/json" id="x">{"not": "code"}</script></head>
<body><header><nav class="md-header__inner md-grid"><a class="md-logo">L</a>
<label class="md-header__button md-icon" for="__search">S</label><div class="md-header__source">R</div></nav></header>
<article class="md-content__inner"><h1 id="t">Tom &amp; Jerry<a class="headerlink" href="#t">¶</a></h1>
<script>alert("the content's")</script></article>
<script src="x.js"></script><script>console.log(1)</script></body></html>"""


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_a_finished_page_has_its_policy_data_tags_and_links(tmp_path: Path) -> None:
    built = tmp_path / "page.html"
    built.write_text(PAGE, encoding="utf-8")
    data = {"chapterTitle": "</script><script>alert(1)</script>", "key": "k"}
    finish_page(built, tags=[("citation_title", "A & B")], data=data,
                links=[("notes", "my-notes.html", "My notes", "My notes: yours")])
    tree = lxml.html.fromstring(built.read_bytes())
    head = tree.find("head")
    assert head[0].get("charset") == "utf-8" and head[1].get("http-equiv") == "Content-Security-Policy"
    policy = head[1].get("content")
    assert policy == csp.policy(['var a = "</b>" && 1;', "console.log(1)"])
    assert sha("console.log(1)") in policy and sha('{"not": "code"}') not in policy
    assert sha('alert("the content\'s")') not in policy  # a script in the page's content is not the theme's
    assert json.loads(tree.get_element_by_id("reading-guide-data").text) == data  # one element, not ended early
    assert len(tree.xpath("//script")) == 6
    assert [(m.get("name"), m.get("content")) for m in head.xpath("meta[@name]")] == [("citation_title", "A & B")]
    nav = tree.xpath("//nav")[0]
    assert [c.get("class").split()[-1] for c in nav] == ["md-logo", "guide-notes-link", "md-icon", "md-header__source"]
    assert nav[1].get("href") == "my-notes.html" and nav[1].find("svg") is not None
    finish_page(built, tags=[], data=None, links=[])  # again: one policy, for the scripts the page has now
    assert len(lxml.html.fromstring(built.read_bytes()).xpath('//meta[@http-equiv="Content-Security-Policy"]')) == 1


def test_the_title_is_the_nav_s_or_the_page_s_or_its_heading_as_escaped_text() -> None:
    tree = lxml.html.fromstring(PAGE)
    assert page_title("Ups & downs", {"title": "x"}, tree) == "Ups &amp; downs"
    assert page_title(None, {"title": "<i>"}, tree) == "&lt;i&gt;"
    assert page_title(None, {}, tree) == "Tom &amp; Jerry"
