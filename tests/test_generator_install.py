"""How a new guide names the generator: by what pip recorded when it installed it (PEP 610's
direct_url.json), read from real dist-info folders (tests/fixtures/dist-info) by importlib.metadata;
and `reading-guide upgrade`, which moves a guide to another generator and says what changed."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from reading_guide.cli import main
from reading_guide.importer.errors import TextImportError
from reading_guide.importer.generator_install import Origin, installed_origin, requirement_for
from reading_guide.importer.scaffold import GENERATOR_MARKS, owned_files
from reading_guide.importer.upgrade import upgrade

from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "dist-info"
COMMIT = "4f1c2b0d9e8a7f6e5d4c3b2a1908171615141312"
DIGEST = "2b8e1c5a3f0d9e7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c"


def dist(folder: Path) -> metadata.Distribution:
    """The reading-guide distribution importlib finds in `folder` (as it finds it in site-packages)."""
    found = list(metadata.distributions(name="reading-guide", path=[str(folder)]))
    assert len(found) == 1, folder
    return found[0]


def origin(case: str) -> Origin:
    return installed_origin(dist(FIXTURES / case))


# kind, local (the guide carries a wheel), the requirements line for the reachable ones
CASES = {
    "index": ("index", False, "reading-guide==0.2.0"),
    "vcs": ("vcs", False, f"reading-guide @ git+https://github.com/someone/reading-guide.git@{COMMIT}"),
    "archive-web": ("archive", False, f"reading-guide @ https://releases.example.org/reading_guide-0.2.0-py3-none-any.whl#sha256={DIGEST}"),
    "editable": ("editable", True, None),
    "directory": ("directory", True, None),
    "archive-file": ("archive", True, None),
    "vcs-local": ("vcs", True, None),
}


@pytest.mark.parametrize("case", CASES)
def test_each_way_of_installing_is_read_from_its_dist_info(case):
    kind, local, line = CASES[case]
    found = origin(case)
    assert (found.kind, found.version, found.local) == (kind, "0.2.0", local)
    if line is not None:
        assert found.requirement() == line
    else:
        with pytest.raises(ValueError, match="local"):
            found.requirement()
        assert str(found.path).startswith("/home/teacher/")
        assert "vendor/" in found.described() and "no other machine" in found.described()


@pytest.mark.parametrize("case", ["index", "vcs", "archive-web"])
def test_a_reachable_generator_is_named_and_nothing_is_vendored(tmp_path, case):
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "reading_guide-0.1.0-py3-none-any.whl").write_bytes(b"an older generator")
    line, written = requirement_for(origin(case), tmp_path)
    assert line == CASES[case][2] and written == []
    assert list((tmp_path / "vendor").iterdir()) == []  # the old wheel would only mislead


def test_a_generator_no_installer_recorded_is_its_own_project_folder():
    """Not from an index (no INSTALLER file either): the project this package runs from, vendored."""
    found = origin("no-installer")
    assert (found.kind, found.local, found.path) == ("directory", True, ROOT)


def test_the_readme_says_why_in_each_case():
    assert "package index" in origin("index").described() and "`reading-guide==0.2.0`" in origin("index").described()
    assert "git repository" in origin("vcs").described() and COMMIT[:12] in origin("vcs").described()
    assert "editable checkout" in origin("editable").described()
    assert "local folder" in origin("directory").described()
    assert "local git repository" in origin("vcs-local").described()


def test_a_broken_direct_url_json_is_a_clear_error():
    with pytest.raises(TextImportError, match=r"direct_url\.json is not what PEP 610 describes.*reinstall"):
        origin("broken")


def test_a_checkout_that_is_gone_is_a_clear_error(tmp_path):
    with pytest.raises(TextImportError, match=r"installed from /home/teacher/reading-guide, which holds no pyproject"):
        requirement_for(origin("editable"), tmp_path)
    assert not (tmp_path / "vendor").exists()


def _wheel(folder: Path, version: str) -> Path:
    """A minimal wheel file of the generator's name (only its file is copied: pip never opens it here)."""
    path = folder / f"reading_guide-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("reading_guide/__init__.py", f'__version__ = "{version}"\n')
    return path


def _installed_from_file(tmp_path: Path, wheel: Path) -> Path:
    """A dist-info as pip writes it for `pip install path/to/x.whl`: the fixture, with this wheel's URL."""
    site = tmp_path / "site-packages"
    shutil.copytree(FIXTURES / "archive-file", site)
    record = {"url": wheel.as_uri(), "archive_info": {"hashes": {"sha256": hashlib.sha256(wheel.read_bytes()).hexdigest()}}}
    (site / "reading_guide-0.2.0.dist-info" / "direct_url.json").write_text(json.dumps(record))
    return site


def test_a_wheel_file_is_copied_into_vendor_and_named_relatively(tmp_path):
    wheel = _wheel(tmp_path, "0.2.0")
    guide = tmp_path / "guide"
    (guide / "vendor").mkdir(parents=True)
    (guide / "vendor" / "reading_guide-0.1.0-py3-none-any.whl").write_bytes(b"the older generator")
    (guide / "vendor" / "other-1.0-py3-none-any.whl").write_bytes(b"the teacher's")
    line, written = requirement_for(installed_origin(dist(_installed_from_file(tmp_path, wheel))), guide)
    assert line == "vendor/reading_guide-0.2.0-py3-none-any.whl" and written == [line]
    assert (guide / line).read_bytes() == wheel.read_bytes()
    assert sorted(p.name for p in (guide / "vendor").iterdir()) == ["other-1.0-py3-none-any.whl", wheel.name]


def test_a_wheel_file_that_is_gone_is_a_clear_error(tmp_path):
    wheel = _wheel(tmp_path, "0.2.0")
    site = _installed_from_file(tmp_path, wheel)
    wheel.unlink()
    with pytest.raises(TextImportError, match="which is gone"):
        requirement_for(installed_origin(dist(site)), tmp_path / "guide")


@pytest.mark.slow  # pip builds a wheel (offline: setuptools is a test pin)
def test_a_checkout_is_built_into_a_wheel_once_without_touching_it(tmp_path, monkeypatch):
    """A folder install (editable or not): a wheel built from a copy of it, cached by its content."""
    project = tmp_path / "checkout"
    (project / "src" / "reading_guide").mkdir(parents=True)
    (project / "pyproject.toml").write_text('[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n'
                                            '[project]\nname = "reading-guide"\nversion = "9.9.9"\n')
    (project / "src" / "reading_guide" / "__init__.py").write_text('__version__ = "9.9.9"\n')
    (project / "src" / "reading_guide" / "tests").mkdir()  # a package's own tests/: in the wheel (the checkout's are not)
    (project / "src" / "reading_guide" / "tests" / "__init__.py").write_text("")
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    monkeypatch.setenv("READING_GUIDE_WHEELS", str(tmp_path / "cache"))
    built = Origin("editable", "9.9.9", project.as_uri())
    line, _ = requirement_for(built, tmp_path / "guide")
    assert line == "vendor/reading_guide-9.9.9-py3-none-any.whl"
    with zipfile.ZipFile(tmp_path / "guide" / line) as archive:
        assert {"reading_guide/__init__.py", "reading_guide/tests/__init__.py"} <= set(archive.namelist())
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before  # no build/, no egg-info
    cached = next((tmp_path / "cache").rglob("*.whl")).stat().st_mtime_ns
    requirement_for(built, tmp_path / "again")  # the same content: the cached wheel, not a new build
    assert next((tmp_path / "cache").rglob("*.whl")).stat().st_mtime_ns == cached
    assert (tmp_path / "again" / line).read_bytes() == (tmp_path / "guide" / line).read_bytes()


# --- reading-guide upgrade -----------------------------------------------------------------------------

PLACEHOLDER = "reading-guide @ git+https://github.com/example/reading-guide@v0.1.0"


def old_guide(folder: Path) -> Path:
    """A guide made by an older generator: the placeholder line, an old Makefile, the teacher's work."""
    for name, text in {"mkdocs.yml": "site_name: A\n", "docs/index.md": "# A\n", "glossary/soviet.md": "---\nterm: Soviet\n---\n",
                       "source/text.txt": "The text.\n", "Makefile": "build:\n\tmkdocs build\n",
                       "requirements.txt": f"# the generator\n{PLACEHOLDER}\nrequests==2.0  # the teacher's own\n",
                       "README.md": f"# A guide\n\n{GENERATOR_MARKS[0]}\nold words\n{GENERATOR_MARKS[1]}\n\nThe teacher's words.\n"}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def teachers(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for top in ("docs", "glossary", "source")
            for p in (folder / top).rglob("*") if p.is_file()} | {"mkdocs.yml": (folder / "mkdocs.yml").read_bytes()}


def test_upgrade_moves_a_guide_and_says_what_changed_without_touching_the_teachers_files(tmp_path):
    guide = old_guide(tmp_path / "guide")
    mine = teachers(guide)
    report = upgrade(guide, origin("index"))
    assert report[0].startswith("Generator: v0.1.0 (git+https://github.com/example/reading-guide) -> 0.2.0, installed from a package index")
    changed = report[1].removeprefix("Changed: ").split(", ")
    assert sorted(changed) == sorted(["Makefile", "README.md", "requirements.txt", *(n for n in owned_files() if n != "Makefile")])
    assert (guide / "requirements.txt").read_text() == "# the generator\nreading-guide==0.2.0\nrequests==2.0  # the teacher's own\n"
    assert all((guide / name).read_text() == text for name, text in owned_files().items())
    readme = (guide / "README.md").read_text()
    assert "old words" not in readme and "installed from a package index" in readme and "The teacher's words." in readme
    assert teachers(guide) == mine
    again = upgrade(guide, origin("index"))
    assert again[0].startswith("Generator: 0.2.0 -> 0.2.0") and again[1].startswith("Changed: nothing")


def test_upgrade_to_a_wheel_file_vendors_it_and_back_to_an_index_removes_it(tmp_path):
    guide = old_guide(tmp_path / "guide")
    wheel = _wheel(tmp_path, "0.2.0")
    report = upgrade(guide, installed_origin(dist(_installed_from_file(tmp_path, wheel))))
    assert "-> 0.2.0 (the wheel in vendor/)" in report[0] and "vendor/reading_guide-0.2.0-py3-none-any.whl" in report[1]
    assert "vendor/reading_guide-0.2.0-py3-none-any.whl\n" in (guide / "requirements.txt").read_text()
    report = upgrade(guide, origin("vcs"))
    assert report[0].startswith("Generator: 0.2.0 (the wheel in vendor/) -> 4f1c2b0d9e8a (git+https://github.com/someone/reading-guide.git)")
    assert "Removed: vendor/reading_guide-0.2.0-py3-none-any.whl" in report
    assert not list((guide / "vendor").glob("*.whl"))


def test_upgrade_refuses_a_folder_that_is_no_guide(tmp_path, capsys):
    assert main(["upgrade", str(tmp_path)]) == 1
    assert "holds no mkdocs.yml, so it is no guide" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_make_upgrade_generator_installs_what_it_is_given_then_moves_the_guide(tmp_path):
    """The new guide's `make upgrade-generator` (dry run: what it would do), and its usage without a target."""
    (tmp_path / "Makefile").write_text(owned_files()["Makefile"])
    (tmp_path / "requirements.txt").write_text("vendor/reading_guide-0.2.0-py3-none-any.whl\n")
    venv = tmp_path / ".venv"
    venv.mkdir()
    (venv / ".runtime").touch()  # as after `make build`

    def make(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["make", "-n", "upgrade-generator", *args], cwd=tmp_path, capture_output=True, text=True)

    by_version = make("VERSION=0.3.0").stdout
    assert '--upgrade "reading-guide==0.3.0"' in by_version and ".venv/bin/reading-guide upgrade ." in by_version
    assert "--force-reinstall" not in by_version  # an index's version is one build
    local = make("GENERATOR=../reading-guide").stdout
    assert '--upgrade "../reading-guide"' in local and '--force-reinstall --no-deps "../reading-guide"' in local
    bare = subprocess.run(["make", "upgrade-generator"], cwd=tmp_path, capture_output=True, text=True)
    assert bare.returncode == 2 and "usage: make upgrade-generator VERSION=x.y.z | GENERATOR=" in bare.stderr


def test_what_a_checkout_builds_from_leaves_out_its_hidden_and_tool_folders(tmp_path):
    """The wheel's digest reads the package's files only: an engine's venv (.venv-zensical), the staging folder
    and node_modules are tens of thousands of files, and walking them made every import take seconds."""
    from reading_guide.importer.generator_install import _tree_digest

    (tmp_path / "src" / "pkg").mkdir(parents=True)
    (tmp_path / "src" / "pkg" / "__init__.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'pkg'\n", encoding="utf-8")
    before = _tree_digest(tmp_path)
    for folder in (".venv-zensical/lib", ".guide-build/docs", "node_modules/axe-core"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "file.txt").write_text("not the package\n", encoding="utf-8")
    assert _tree_digest(tmp_path) == before
    (tmp_path / "src" / "pkg" / "__init__.py").write_text("x = 2\n", encoding="utf-8")
    assert _tree_digest(tmp_path) != before  # the package's own files still count
