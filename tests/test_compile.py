"""The compile step (reading_guide.compile) and the engine-neutral Markdown extension, without any engine:
what is staged, what is checked, and what the extension does in a converter an engine makes."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown.preprocessors import Preprocessor

from reading_guide.compile.engines import engine_config
from reading_guide.compile.settings import CompileError
from reading_guide.compile.stage import compile_guide, sync_folder
from reading_guide.core.urls import page_url, relative_url

from conftest import chapter, entry, write_project

DOCS = {
    "index.md": "# Home\n\nA guide.\n",
    "chapters/1-one.md": chapter(1, "One", "Lenin spoke to the Soviet.", "Later the Soviet met."),
    "chapters/2-two.md": chapter(2, "Two", "Lenin wrote.") + "\n## Discussion questions\n\n1. Why?\n",
}
GLOSSARY = {
    "lenin.md": entry("Lenin", "A Russian revolutionary.", category="person",
                      timeline=[{"date": "1917-04-16", "event": "He returns to Petrograd."}]),
    "soviet.md": entry("Soviet", "A council of delegates."),
    "kremlin.md": entry("Kremlin", "A fortress.", background=True),
}
NAV = """nav:
  - index.md
  - chapters/1-one.md
  - chapters/2-two.md
  - glossary/index.md
  - timeline.md
  - questions.md
"""


def project(tmp_path: Path, docs: dict[str, str] | None = None, glossary: dict[str, str | bytes] | None = None) -> Path:
    config = write_project(tmp_path, DOCS if docs is None else docs, GLOSSARY if glossary is None else glossary)
    config.write_text(config.read_text(encoding="utf-8") + NAV, encoding="utf-8")
    return config


def digest(folder: Path) -> str:
    return hashlib.sha256(b"".join(p.as_posix().encode() + p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())).hexdigest()


def test_the_generated_pages_are_staged_with_their_back_links_and_docs_is_untouched(tmp_path):
    config = project(tmp_path)
    before = digest(tmp_path / "docs")
    result = compile_guide(config)
    assert digest(tmp_path / "docs") == before
    staged = tmp_path / ".guide-build" / "docs"
    assert {p.relative_to(staged).as_posix() for p in staged.rglob("*.md")} == {
        "index.md", "chapters/1-one.md", "chapters/2-two.md", "glossary/index.md", "glossary/lenin.md",
        "glossary/soviet.md", "glossary/kremlin.md", "timeline.md", "questions.md", "my-notes.md"}
    lenin = (staged / "glossary" / "lenin.md").read_text(encoding="utf-8")
    # back-links in chapter order, by paragraph, with final URLs from the entry's page
    assert '<a href="../chapters/1-one.html#p1-1">One ¶1</a>' in lenin
    assert '<a href="../chapters/2-two.html#p2-1">Two ¶1</a>' in lenin
    assert lenin.index("p1-1") < lenin.index("p2-1")
    soviet = (staged / "glossary" / "soviet.md").read_text(encoding="utf-8")
    assert "#p1-1\">One ¶1</a>, <a href=\"../chapters/1-one.html#p1-2\">¶2</a>" in soviet
    timeline = (staged / "timeline.md").read_text(encoding="utf-8")
    assert "He returns to Petrograd." in timeline and "chapters/1-one.html#p1-1" in timeline
    questions = (staged / "questions.md").read_text(encoding="utf-8")
    assert "[Two](chapters/2-two.md)" in questions and "Why?" in questions and "One" not in questions
    assert result.warnings == []
    manifest = json.loads(result.manifest.read_text(encoding="utf-8"))
    assert manifest["pages"]["chapters/2-two.md"]["chapter"] == "2"
    assert manifest["pages"]["glossary/lenin.md"] == {"chapter": None, "kind": "entry", "slug": "lenin"}


def test_a_second_compile_rewrites_only_what_changed_and_removes_what_went(tmp_path):
    config = project(tmp_path)
    compile_guide(config)
    staged = tmp_path / ".guide-build" / "docs"
    index_time = (staged / "index.md").stat().st_mtime_ns
    (tmp_path / "glossary" / "soviet.md").unlink()
    compile_guide(config)
    assert not (staged / "glossary" / "soviet.md").exists()
    assert (staged / "index.md").stat().st_mtime_ns == index_time
    assert "Soviet" not in (staged / "glossary" / "index.md").read_text(encoding="utf-8")


def test_sync_folder_leaves_exactly_the_files_given(tmp_path):
    (tmp_path / "old" / "deep").mkdir(parents=True)
    (tmp_path / "old" / "deep" / "x.md").write_text("x")
    sync_folder(tmp_path, {"a.md": b"a", "b/c.md": b"c"})
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["a.md", "b", "b/c.md"]


@pytest.mark.parametrize(("change", "message"), [
    ({"docs": {**DOCS, "chapters/3-three.md": chapter(1, "Three", "Text.")}}, "chapter number 1 is already used"),
    ({"docs": {**DOCS, "glossary/index.md": "# Mine\n"}}, "docs/glossary/index.md exists, but the generator makes"),
    ({"glossary": {**GLOSSARY, "bad.md": "---\nterm: [\n---\n"}}, "glossary/bad.md"),
])
def test_bad_input_stops_the_compile_naming_the_file(tmp_path, change, message):
    config = project(tmp_path, **change)
    with pytest.raises(CompileError, match=message.replace("[", r"\[")):
        compile_guide(config)
    assert not (tmp_path / ".guide-build" / "docs").exists()


def test_a_link_out_of_the_project_is_refused_before_anything_is_staged(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    config = project(tmp_path / "guide")
    (tmp_path / "guide" / "docs" / "leak.md").symlink_to(secret)
    with pytest.raises(CompileError, match="links to files outside the project"):
        compile_guide(config)
    assert not (tmp_path / "guide" / ".guide-build").exists()


def test_warnings_name_the_file(tmp_path):
    docs = {**DOCS, "chapters/2-two.md": chapter(2, "Two", "Nothing here.")}
    result = compile_guide(project(tmp_path, docs=docs, glossary={**GLOSSARY, "ghost.md": entry("Ghost")}))
    assert any(w.startswith("glossary/ghost.md: 'Ghost' occurs nowhere") for w in result.warnings)
    assert not any("kremlin" in w for w in result.warnings)  # background entries may occur nowhere


def test_engine_config_points_at_the_staging_folder_without_hooks(tmp_path):
    result = compile_guide(project(tmp_path, docs={k: v for k, v in DOCS.items() if k != "chapters/2-two.md"}))
    raw = engine_config(result)
    assert "hooks" not in raw and raw["docs_dir"] == "docs"
    assert "questions.md" not in json.dumps(raw["nav"])  # no chapter has questions: out of the nav
    assert raw["markdown_extensions"][-1]["reading_guide.markdown_ext"]["compiled"] == str(result.manifest)
    assert raw["extra"]["polyfills"][-3:] == ["assets/reading-guide/iframe-worker-shim.js", "assets/reading-guide/title-text.js",
                                             "assets/reading-guide/search-shim.js"]  # workers from disk start in its frame


def test_an_authors_theme_folder_stays_found_from_the_staged_config(tmp_path):
    config = project(tmp_path)
    (tmp_path / "overrides").mkdir()
    config.write_text(config.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
                      encoding="utf-8")
    assert engine_config(compile_guide(config))["theme"]["custom_dir"] == str((tmp_path / "overrides").resolve())


class _EnginePage(Preprocessor):
    """What an engine does (Zensical's rendering context): a preprocessor holding the page being rendered."""

    def __init__(self, md, path):
        super().__init__(md)
        self.page = type("Page", (), {"path": path})()

    def run(self, lines):
        return lines


def render_as_engine(manifest: Path, src: str, text: str) -> str:
    md = markdown.Markdown(extensions=["md_in_html", "toc", "reading_guide.markdown_ext"],
                           extension_configs={"reading_guide.markdown_ext": {"compiled": str(manifest)}})
    md.preprocessors.register(_EnginePage(md, src), "engine_context", 0)
    return md.convert(text)


def test_the_extension_links_and_numbers_from_the_compiled_data_alone(tmp_path):
    result = compile_guide(project(tmp_path))
    staged = (result.docs / "chapters/1-one.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    out = render_as_engine(result.manifest, "chapters/1-one.md", staged)
    assert '<p class="para" id="p1-1"><a class="para-num" data-search-exclude="" href="#p1-1"' in out
    assert '<a class="glossary-term" href="../glossary/lenin.html" title="A Russian revolutionary.">Lenin</a>' in out
    assert '<abbr class="glossary-term" title="A council of delegates.">Soviet</abbr>' in out  # link: first
    entry_page = render_as_engine(result.manifest, "glossary/lenin.md", "# Lenin\n\n<script>x()</script>\n\nLenin.\n")
    assert "<script" not in entry_page and "glossary-term" not in entry_page  # sanitized; not linked to itself
    unnamed = render_as_engine(result.manifest, "elsewhere.md", "Lenin.")
    assert "glossary-term" in unnamed and "para" not in unnamed


def test_unknown_extension_options_are_refused():
    with pytest.raises(KeyError, match="unknown option"):
        markdown.Markdown(extensions=["reading_guide.markdown_ext"],
                          extension_configs={"reading_guide.markdown_ext": {"compiled": "x", "colour": "red"}})


segment = st.text(alphabet="abc-", min_size=1, max_size=4)
page = st.lists(segment, min_size=1, max_size=3).map(lambda parts: "/".join(parts) + ".md")


@given(page, page, st.booleans())
def test_relative_urls_are_mkdocs_own(target, here, directory_urls):
    from mkdocs.utils import get_relative_url

    url, other = page_url(target, directory_urls), page_url(here, directory_urls)
    assert relative_url(url, other) == get_relative_url(url, other)


def test_zensical_missing_is_said_plainly(tmp_path, capsys):
    from reading_guide.cli import main

    if importlib.util.find_spec("zensical") is not None:
        pytest.skip("Zensical is installed in this environment")
    assert main(["zensical", "build", "-f", str(project(tmp_path))]) == 1
    assert "Zensical is not installed in this environment; `make build ENGINE=zensical`" in capsys.readouterr().err
    assert not (tmp_path / ".guide-build").exists()  # nothing staged for an engine that is not there


def test_my_notes_is_staged_as_the_mkdocs_plugin_makes_it_unless_the_author_wrote_one(tmp_path):
    from reading_guide.core.reader_page import notes_markdown
    from reading_guide.core.strings import ENGLISH

    compile_guide(project(tmp_path / "generated"))
    staged = tmp_path / "generated" / ".guide-build" / "docs" / "my-notes.md"
    assert staged.read_text(encoding="utf-8") == notes_markdown(ENGLISH.reader)
    own = "# Notes of my own\n\nKept as written.\n"
    result = compile_guide(project(tmp_path / "own", docs={**DOCS, "my-notes.md": own}))
    assert (result.docs / "my-notes.md").read_text(encoding="utf-8") == own
    assert json.loads(result.manifest.read_text(encoding="utf-8"))["pages"]["my-notes.md"]["kind"] is None


def test_two_part_pages_before_one_chapter_number_their_paragraphs_apart(tmp_path):
    # a collected volume's work with no chapters, then the next work's preface: both stand before chapter 2
    # (the import writes them so: tests/test_imported_guides.py builds one from burke's HTML edition)
    def part(title: str, text: str) -> str:
        return f'---\npart: "{title}"\nopens_chapter: 2\n---\n\n# {title}\n\n<div class="article" markdown>\n\n{text}\n\n</div>\n'

    docs = {**DOCS, "chapters/part-2-alone.md": part("Alone", "Lenin spoke alone."),
            "chapters/part-3-next.md": part("Next", "Lenin spoke next.")}
    config = project(tmp_path, docs)
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - chapters/2-two.md\n", "  - chapters/part-2-alone.md\n  - chapters/part-3-next.md\n  - chapters/2-two.md\n"),
        encoding="utf-8")
    result = compile_guide(config)
    ids = {}
    for name in ("part-2-alone", "part-3-next"):
        staged = (result.docs / f"chapters/{name}.md").read_text(encoding="utf-8").split("---\n", 2)[2]
        ids[name] = render_as_engine(result.manifest, f"chapters/{name}.md", staged)
    assert 'id="p2-0-1"' in ids["part-2-alone"] and 'id="p2-0b-1"' in ids["part-3-next"]
    places = (result.docs / "glossary/lenin.md").read_text(encoding="utf-8")
    assert places.index("part-2-alone.html#p2-0-1") < places.index("part-3-next.html#p2-0b-1") < places.index("#p2-1")
