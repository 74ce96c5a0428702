"""The generator under every build mode: chapter order, empty pages, state, settings, language,
directory URLs, and the Makefile. Each test here stands for a finding of the code review."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import types
import typing
from pathlib import Path

import pytest

from reading_guide.mkdocs.config import EpubConfig, GuideConfig, PdfConfig

from conftest import ROOT, build_site, chapter, entry, render_project, soup, write_project

pytestmark = pytest.mark.slow  # MkDocs builds

def numbered_guide(root: Path, extra: str = "", questions: bool = True, heading: str = "Discussion questions") -> Path:
    """Twelve chapters in files whose names sort 1, 10, 11, 12, 2, ...: each names Lenin."""
    docs = {"index.md": "# Home\n"}
    for number in range(1, 13):
        page = chapter(number, f"Chapter {number}", f"Lenin in chapter {number}.")
        docs[f"chapters/{number}-c.md"] = page + (f"\n## {heading}\n\n1. Why Lenin?\n" if questions else "")
    glossary = {"lenin.md": entry("Lenin", category="person", timeline=[{"date": "1917", "event": "A year."}])}
    return write_project(root, docs, glossary, extra)


def test_chapters_are_ordered_by_number_everywhere_not_by_file_name(tmp_path):
    pages = render_project(numbered_guide(tmp_path / "p"), tmp_path / "site")
    expected = [f"Chapter {n}" for n in range(1, 13)]
    backlinks = pages["glossary/lenin.md"].select("#where-it-occurs-in-the-text + ul a")
    assert [a["href"] for a in backlinks] == [f"../chapters/{n}-c.html#p{n}-1" for n in range(1, 13)]
    timeline = pages["timeline.md"].select(".timeline-links a")[1:]
    assert [a.get_text() for a in timeline] == expected
    questions = pages["questions.md"].select("h2")
    assert [h.get_text().rstrip("¶") for h in questions] == expected


def nav_links(page) -> list[str]:
    return [a.get_text(strip=True) for a in page.select("nav.md-nav--primary a.md-nav__link")]


def test_a_generated_page_with_nothing_to_show_stays_out_of_the_nav(tmp_path):
    extra = "nav:\n  - index.md\n  - Chapters: [chapters/1-c.md]\n  - glossary/index.md\n  - timeline.md\n  - questions.md\n"
    without = numbered_guide(tmp_path / "a", questions=False)
    without.write_text(without.read_text().replace("extra:\n", extra + "extra:\n"))
    site = build_site(without, tmp_path / "site-a", strict=False)
    home = soup(site / "index.html")
    assert "Discussion questions" not in nav_links(home) and "Timeline" in nav_links(home)
    assert "No chapter has discussion questions yet." in soup(site / "questions.html").get_text()
    chapter_page = soup(site / "chapters" / "1-c.html")
    assert "Discussion questions" not in chapter_page.select_one("nav.md-footer__inner").get_text()
    with_questions = numbered_guide(tmp_path / "b")
    with_questions.write_text(with_questions.read_text().replace("extra:\n", extra + "extra:\n"))
    site = build_site(with_questions, tmp_path / "site-b", strict=False)
    assert "Discussion questions" in nav_links(soup(site / "index.html"))


def test_hook_modules_hold_no_build_state(tmp_path):
    """State lives on the plugin object, made afresh per build; the modules hold only code and constants."""
    assert render_project(numbered_guide(tmp_path / "p"), tmp_path / "site").pages
    hook = sys.modules[str(ROOT / "hooks" / "guide.py")]
    modules = [hook] + [m for name, m in sys.modules.items() if name.startswith("reading_guide") and m]
    for module in modules:
        for name, value in vars(module).items():
            if name.startswith("__") or name.isupper() or name == "annotations" or isinstance(value, (types.ModuleType, type, types.FunctionType)):
                continue
            if module is hook and (name == "_guide" or isinstance(value, types.MethodType)):
                continue
            if name == "_FOLDED":  # the linker's memo of folded characters: the same for every build
                continue
            constant = (str, int, float, tuple, frozenset, re.Pattern, typing.TypeVar, logging.LoggerAdapter, logging.Logger,
                        types.UnionType, types.GenericAlias, types.MappingProxyType)
            assert callable(value) or isinstance(value, constant), \
                f"{module.__name__}.{name} = {value!r} is state outside the build"


def test_no_file_of_the_generator_is_loaded_twice(tmp_path):
    """A hook importing another hook by a bare name made a second module object, with its own state.
    (MkDocs itself loads a hook file once per spelling of its path in mkdocs.yml: those are allowed.)"""
    render_project(numbered_guide(tmp_path / "p"), tmp_path / "site")
    names: dict[str, set[str]] = {}
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if path and (Path(path).is_relative_to(ROOT / "hooks") or Path(path).is_relative_to(ROOT / "src")):
            names.setdefault(path, set()).add(name)
    assert any(path.endswith("linker.py") for path in names)
    for path, loaded_as in names.items():
        imported = {name for name in loaded_as if not name.endswith(".py")}
        assert len(imported) <= 1 and not (imported and len(loaded_as) > 1), f"{path} loaded as {sorted(loaded_as)}"


def test_every_setting_has_one_default_and_the_readme_shows_it():
    """The defaults are written once, in the Config classes; the README's table quotes them."""
    readme = (ROOT / "README.md").read_text()
    table = dict(re.findall(r"^\| `([a-z_.]+)` \| ([^|]+) \|", readme, re.M))
    for prefix, schema in (("", GuideConfig), ("pdf.", PdfConfig), ("epub.", EpubConfig)):
        for name, option in schema._schema:
            if name in ("pdf", "epub"):
                continue
            default = option.default
            shown = table.get(f"{prefix}{name}")
            assert shown is not None, f"README's settings table lacks {prefix}{name}"
            if isinstance(default, str):
                written = default or '""'
                assert f"`{written}`" in shown, (name, default, shown)
            elif isinstance(default, list) and name != "weak_hosts":
                assert f"`{default}`" in shown, (name, default, shown)
            elif isinstance(default, bool):
                assert f"`{str(default).lower()}`" in shown, (name, default, shown)


GERMAN = "theme:\n  name: material\n  language: de\n  font: false\n"


def test_a_guide_in_german_gets_german_words(tmp_path):
    config = numbered_guide(tmp_path / "p", heading="Fragen zur Diskussion")
    config.write_text(re.sub(r"theme:\n(  .*\n)+", GERMAN, config.read_text(), count=1))
    pages = render_project(config, tmp_path / "site")
    assert pages.warnings == []
    lenin = pages["glossary/lenin.md"].get_text()
    for words in ["Person", "Quellen", "Wo es im Text vorkommt", "Daten"]:
        assert words in lenin, words
    assert "Where it occurs" not in lenin and "Sources" not in lenin
    assert "1 Einträge: Personen." in pages["glossary/index.md"].get_text()
    timeline = pages["timeline.md"].get_text()
    assert "Zeittafel" in timeline and "1910er-Jahre" in timeline and "Siehe Lenin" in timeline
    questions = pages["questions.md"]
    assert questions.select_one("h1").get_text().startswith("Fragen zur Diskussion")
    assert len(questions.select("h2")) == 12
    assert pages["chapters/1-c.md"].select_one("a.para-num")["title"] == "Link zu Absatz 1.1"


def test_directory_urls_work_as_well_as_file_urls(tmp_path):
    from reading_guide.testing import broken_links

    config = numbered_guide(tmp_path / "p")
    config.write_text(config.read_text().replace("use_directory_urls: false", "use_directory_urls: true"))
    site = build_site(config, tmp_path / "site")
    assert (site / "glossary" / "lenin" / "index.html").exists()
    assert broken_links(site) == []
    backlinks = soup(site / "glossary" / "lenin" / "index.html").select("#where-it-occurs-in-the-text + ul a")
    assert backlinks[0]["href"] == "../../chapters/1-c/#p1-1"


def make(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_make_build_installs_the_runtime_only():
    dry = make("-n", "build", "VENV=/nonexistent/venv")
    assert dry.returncode == 0, dry.stderr
    assert "-r requirements.txt" in dry.stdout and "requirements-test.txt" not in dry.stdout
    assert "requirements-test.txt" in make("-n", "test", "VENV=/nonexistent/venv").stdout


def test_make_targets_take_paths_with_spaces(tmp_path):
    config = write_project(tmp_path / "my guide", {"index.md": "# Home\n", "c1.md": chapter(1, "One", "Lenin.")},
                           {"lenin.md": entry("Lenin", category="person")})
    built = make("build", f"CONFIG={config}")
    assert built.returncode == 0, built.stdout + built.stderr
    assert (tmp_path / "my guide" / "site" / "glossary" / "lenin.html").exists()
    text = tmp_path / "my text.txt"
    text.write_text("A Title\n\nThe first paragraph of the text, which ends as sentences do.\n", encoding="utf-8")
    imported = make("import", f"TEXT={text}", f"INTO={tmp_path / 'new guide'}")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert (tmp_path / "new guide" / "docs" / "chapters" / "1-introduction.md").exists()


@pytest.mark.parametrize("command", ["build", "build --strict"])
def test_a_clean_build_prints_nothing_alarming(tmp_path, command):
    config = numbered_guide(tmp_path / "p")
    run = subprocess.run([sys.executable, "-m", "mkdocs", *command.split(), "-f", str(config), "-d", str(tmp_path / "s")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    output = run.stdout + run.stderr
    assert not re.search(r"Traceback|Warning:|WARNING|DeprecationWarning|File \"", output), output
