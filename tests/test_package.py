"""The generator as a package: a pure core, data files shipped, one hook file for every guide."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import reading_guide

from conftest import ROOT

PACKAGES = ["core", "book", "importer"]  # pure: the MkDocs adapters are reading_guide.mkdocs


def test_the_core_imports_nothing_from_mkdocs_or_material():
    """Every module of the core (and the pure importer and book) imports with MkDocs, Material and
    Python-Markdown unavailable, and none of them is loaded behind our back."""
    import importlib

    modules = [f"reading_guide.{package}.{m.name}" for package in PACKAGES
               for m in pkgutil.iter_modules(importlib.import_module(f"reading_guide.{package}").__path__)]
    modules += ["reading_guide.cli"]
    for expected in ("core.linker", "core.strings", "book.pdf", "book.epub", "importer.parse", "importer.scaffold"):
        assert f"reading_guide.{expected}" in modules
    code = (
        "import importlib, sys\n"
        "for name in ('mkdocs', 'material', 'markdown', 'jinja2'): sys.modules[name] = None\n"
        f"for module in {modules!r}: importlib.import_module(module)\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'markdown') and sys.modules[m]]\n"
        "assert not loaded, loaded\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr


def test_the_package_ships_its_data_files():
    package = ROOT / "src" / "reading_guide"
    for data in ["py.typed", "core/data/wordfreq-en.txt.gz", "core/data/wordfreq-de.txt.gz", "core/data/README.md",
                 "theme/assets/guide.css", "theme/assets/vendor/iframe-worker-shim.js",
                 "theme/overrides/main.html", "theme/overrides/partials/header.html"]:
        assert (package / data).is_file(), data
    import tomllib

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["reading_guide"]
    assert "py.typed" in patterns and "theme/**/*" in patterns and "core/data/*" in patterns
    assert reading_guide.__version__


def test_every_package_data_pattern_matches_a_file_and_every_data_file_is_shipped():
    """A pattern that matches nothing (book/*.css, and importer/template/**/.* once the template's
    gitignore lost its dot) hides a file that was meant to ship and is not there."""
    import glob
    import tomllib

    package = ROOT / "src" / "reading_guide"
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["reading_guide"]
    # setuptools expands the patterns with glob.glob(recursive=True): no hidden files for '*'
    matched = {pattern: {Path(f) for f in glob.glob(str(package / pattern), recursive=True) if Path(f).is_file()}
               for pattern in patterns}
    assert [pattern for pattern, files in matched.items() if not files] == []
    data = {f for f in package.rglob("*") if f.is_file() and f.suffix not in (".py", ".pyc")
            and "__pycache__" not in f.parts}
    assert sorted(str(f.relative_to(package)) for f in data - set().union(*matched.values())) == []


def test_the_hook_file_only_hands_over_to_the_package():
    """hooks/guide.py binds the plugin's events; it holds no logic and no path into a checkout."""
    text = (ROOT / "hooks" / "guide.py").read_text()
    assert "from reading_guide.mkdocs.plugin import GuidePlugin" in text
    code = [line for line in text.splitlines() if line and not line.startswith(("#", '"', " ", "on_", "from", "_guide ="))]
    assert code == ["Every guide has this same file. The work is done by the installed `reading_guide` package;",
                    "the plugin object keeps each build's state and makes it afresh in on_config."]
