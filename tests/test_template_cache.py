"""MkDocs compiles the theme's templates in every build; the generator keeps them compiled in Jinja's
bytecode cache (reading_guide.mkdocs.theme.TemplateCache). Real builds, the cache in a temporary folder."""

from __future__ import annotations

import os
import tempfile

import jinja2
import pytest

from conftest import MINI_CONFIG, ROOT, build_site, chapter, entry, write_project

pytestmark = pytest.mark.slow

DOCS = {"index.md": "# Home\n\nA page.\n", "chapters/1-one.md": chapter(1, "One", "The Duma met.")}
GLOSSARY = {"duma.md": entry("Duma", "The Russian parliament.")}
OVERRIDE = '{{% extends "base.html" %}}\n{{% block footer %}}<p id="marker">{marker}</p>{{% endblock %}}\n'


@pytest.fixture
def cache_root(tmp_path, monkeypatch):
    """The system's temporary folder, as Jinja finds it, in the test's own folder."""
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


@pytest.fixture
def compiled(monkeypatch):
    """The templates Jinja compiles from source, by name."""
    names: list[str] = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        names.append(name or "")
        return original(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def project(tmp_path, marker: str):
    config = MINI_CONFIG.format(hooks=ROOT / "hooks", extra="").replace(
        "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    root = tmp_path / "project"
    (root / "overrides").mkdir(parents=True, exist_ok=True)
    (root / "overrides" / "main.html").write_text(OVERRIDE.format(marker=marker), encoding="utf-8")
    return write_project(root, DOCS, GLOSSARY, config=config)


def test_a_second_build_compiles_no_template_of_the_theme(tmp_path, cache_root, compiled):
    build_site(project(tmp_path, "first"), tmp_path / "site")
    first = [name for name in compiled if not name.startswith("partials/language")]
    assert len(first) > 20 and "main.html" in first and "base.html" in first
    cached = list((cache_root / f"_jinja2-cache-{os.getuid()}").glob("reading-guide-*.template"))
    assert len(cached) >= len(set(first))

    compiled.clear()
    site = build_site(project(tmp_path, "first"), tmp_path / "site")
    # Material's search plugin translates with an environment of its own, which is not ours to cache.
    assert [name for name in compiled if not name.startswith("partials/language")] == []
    assert '<p id="marker">first</p>' in (site / "index.html").read_text(encoding="utf-8")


def test_an_edited_template_is_compiled_again(tmp_path, cache_root, compiled):
    build_site(project(tmp_path, "first"), tmp_path / "site")
    compiled.clear()
    site = build_site(project(tmp_path, "second"), tmp_path / "site")
    assert "main.html" in compiled and "base.html" not in compiled
    assert '<p id="marker">second</p>' in (site / "index.html").read_text(encoding="utf-8")


def test_without_a_safe_cache_folder_the_build_compiles_its_templates(tmp_path, cache_root, compiled):
    """Jinja refuses a cache folder that is not a folder of this user's alone: the build goes on."""
    (cache_root / f"_jinja2-cache-{os.getuid()}").write_text("not a folder", encoding="utf-8")
    site = build_site(project(tmp_path, "first"), tmp_path / "site")
    assert "base.html" in compiled
    assert '<p id="marker">first</p>' in (site / "index.html").read_text(encoding="utf-8")


def test_a_damaged_cache_entry_is_compiled_again(tmp_path, cache_root, compiled):
    build_site(project(tmp_path, "first"), tmp_path / "site")
    for path in (cache_root / f"_jinja2-cache-{os.getuid()}").glob("reading-guide-*.template"):
        path.write_bytes(path.read_bytes()[:40])  # cut short inside the compiled code
    compiled.clear()
    site = build_site(project(tmp_path, "first"), tmp_path / "site")
    assert "base.html" in compiled
    assert '<p id="marker">first</p>' in (site / "index.html").read_text(encoding="utf-8")
