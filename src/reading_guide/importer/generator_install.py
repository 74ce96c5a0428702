"""How this generator was installed, and the line of a guide's requirements.txt that installs the same one.

pip records where a distribution came from (PEP 610): `direct_url.json` in its dist-info for one
installed from a URL (a VCS URL, an archive, a local folder, editable or not), and no such file for
one installed from a package index. A guide must install the generator wherever it is built (the
teacher's machine, the guide moved elsewhere, the Pages runner), so:

- from an index: that exact version, `reading-guide==X`;
- from a VCS URL or an archive on the web: that URL, at its commit (or with its hash);
- from anything on this machine (a checkout, editable or not, a wheel or sdist file, a local git
  repository): a wheel of it in the guide's `vendor/`, named by a path relative to the guide. No
  path on this machine ever goes into the guide.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

from .errors import TextImportError

NAME = "reading-guide"
VENDOR = "vendor"
# Never copied into a wheel's build: a checkout's tools, caches and tests at its top (the wheel holds
# the package alone; a package's own folder called tests/ is kept), and build leftovers anywhere.
NOT_BUILT_TOP = frozenset({".git", ".venv", "venv", "node_modules", "site", "build", "dist", "tests", ".pytest_cache",
                           ".hypothesis", ".mypy_cache", ".ruff_cache", ".tox", ".nox"})
NOT_BUILT = ("*.egg-info", "__pycache__")


@dataclass(frozen=True)
class Origin:
    """Where the installed generator came from, as direct_url.json says (`kind`: index, vcs, archive,
    directory or editable), and its version."""

    kind: str
    version: str
    url: str = ""
    vcs: str = ""
    commit: str = ""
    subdirectory: str = ""
    hash: str = ""  # "sha256=…" of an archive, when pip recorded one

    @property
    def local(self) -> bool:
        """Whether the source is on this machine only: the guide then carries a wheel of it."""
        return self.kind != "index" and urlparse(self.url).scheme == "file"

    @property
    def path(self) -> Path:
        """The local source (a folder, or an archive file) named by a file:// URL."""
        parsed = urlparse(self.url)
        return Path(url2pathname(unquote(parsed.path)))

    def requirement(self) -> str:
        """The requirements.txt line for a source any machine can reach (not a local one)."""
        if self.local:
            raise ValueError(f"a {self.kind} install from {self.url} is local: vendor a wheel of it")
        if self.kind == "index":
            return f"{NAME}=={self.version}"
        fragment = f"#subdirectory={self.subdirectory}" if self.subdirectory else ""
        if self.kind == "vcs":
            return f"{NAME} @ {self.vcs}+{self.url}@{self.commit}{fragment}"
        if self.kind == "archive":
            fragment = "#" + "&".join(part for part in (self.hash, fragment[1:]) if part) if self.hash or fragment else ""
            return f"{NAME} @ {self.url}{fragment}"
        raise ValueError(f"a {self.kind} install from {self.url} is local: vendor a wheel of it")

    def described(self) -> str:
        """How the generator was installed, in the words of a guide's README and the import's report."""
        if self.kind == "index":
            return f"from a package index: `requirements.txt` names that exact version, `{self.requirement()}`"
        if self.kind == "vcs" and not self.local:
            return (f"from its {self.vcs} repository: `requirements.txt` names that repository at the commit installed "
                    f"({self.commit[:12]}), so every build gets the same code ({self.vcs} must be installed)")
        if not self.local:
            return "from an archive on the web: `requirements.txt` names its address" + (
                ", with its hash" if self.hash else "")
        what = {"editable": "an editable checkout", "directory": "a local folder", "vcs": f"a local {self.vcs} repository",
                "archive": "a wheel or sdist file"}[self.kind]
        return (f"from {what} (on one machine, which no other machine can reach): a wheel of it is kept in "
                f"`{VENDOR}/` and `requirements.txt` names that file (keep it in git: the Pages workflow installs it)")


def installed_origin(distribution: metadata.Distribution | None = None) -> Origin:
    """The origin of the installed generator (or of `distribution`, a dist-info folder)."""
    try:
        dist = distribution or metadata.distribution(NAME)
    except metadata.PackageNotFoundError as err:
        raise TextImportError(f"the {NAME} generator is not installed in {sys.prefix} (it runs from a copy of its "
                              "source only), so a new guide could not name it: install it, e.g. `pip install -e "
                              "path/to/reading-guide`, and run the import again") from err
    direct_url = dist.read_text("direct_url.json")
    if direct_url is None and dist.read_text("INSTALLER") is None:
        # No installer's record at all (an egg-info on PYTHONPATH, `setup.py develop`): not from an
        # index, so the generator's own project folder, as if installed from it.
        return Origin("directory", dist.version, _own_project().as_uri())
    return origin_of(dist.version, direct_url)


def _own_project() -> Path:
    """The project folder (with pyproject.toml) that holds this running package."""
    here = Path(__file__).resolve()
    for folder in here.parents:
        if (folder / "pyproject.toml").is_file():
            return folder
    raise TextImportError(f"the {NAME} generator runs from {here.parents[1]}, which no installer recorded and no "
                          "project folder holds, so a new guide could not name it: install it with pip (e.g. "
                          "`pip install -e path/to/reading-guide`) and run the import again")


def origin_of(version: str, direct_url: str | None) -> Origin:
    """Read PEP 610's direct_url.json (None: installed from an index)."""
    if direct_url is None:
        return Origin("index", version)
    try:
        data = json.loads(direct_url)
        url = str(data["url"])
    except (ValueError, KeyError, TypeError) as err:
        raise TextImportError(f"the {NAME} installation's direct_url.json is not what PEP 610 describes ({err}): "
                              "reinstall the generator with pip") from err
    subdirectory = str(data.get("subdirectory", ""))
    if isinstance(data.get("vcs_info"), dict):
        vcs = data["vcs_info"]
        return Origin("vcs", version, url, str(vcs.get("vcs", "git")), str(vcs.get("commit_id", "")), subdirectory)
    if isinstance(data.get("archive_info"), dict):
        archive = data["archive_info"]
        hashes = archive.get("hashes") or {}
        digest = f"sha256={hashes['sha256']}" if "sha256" in hashes else str(archive.get("hash", ""))
        return Origin("archive", version, url, subdirectory=subdirectory, hash=digest)
    editable = isinstance(data.get("dir_info"), dict) and bool(data["dir_info"].get("editable"))
    return Origin("editable" if editable else "directory", version, url, subdirectory=subdirectory)


def requirement_for(origin: Origin, guide: Path) -> tuple[str, list[str]]:
    """The requirements.txt line that installs `origin` in the guide in `guide`, and the files written
    there for it (the vendored wheel, relative to the guide). Old vendored wheels of ours are removed."""
    if not origin.local:
        _remove_old_wheels(guide / VENDOR, keep=None)
        return origin.requirement(), []
    wheel = local_wheel(origin)
    vendor = guide / VENDOR
    vendor.mkdir(parents=True, exist_ok=True)
    target = vendor / wheel.name
    if not target.exists() or target.read_bytes() != wheel.read_bytes():
        shutil.copyfile(wheel, target)
    _remove_old_wheels(vendor, keep=target.name)
    return f"{VENDOR}/{wheel.name}", [f"{VENDOR}/{wheel.name}"]


def _remove_old_wheels(vendor: Path, keep: str | None) -> None:
    for old in vendor.glob("reading_guide-*.whl") if vendor.is_dir() else []:
        if old.name != keep:
            old.unlink()


def local_wheel(origin: Origin) -> Path:
    """A wheel of the local source `origin` names: the file itself if it is one, else one built
    (from a copy of a folder, so that the checkout gets no build/ or egg-info), kept in a cache by
    the source's digest so that imports of one checkout build it once."""
    if origin.kind == "archive" and origin.path.suffix == ".whl":
        if not origin.path.is_file():
            raise TextImportError(f"the generator was installed from the wheel {origin.path}, which is gone: the new guide "
                                  "needs a copy of it. Install the generator again (from an index, a git URL or a "
                                  "checkout) and run the import again")
        return origin.path
    if origin.kind in ("editable", "directory"):
        folder = origin.path / origin.subdirectory if origin.subdirectory else origin.path
        if not (folder / "pyproject.toml").is_file():
            raise TextImportError(f"the generator was installed from {folder}, which holds no pyproject.toml any more: "
                                  "the new guide needs a wheel of it. Install the generator again and run the import again")
        digest = _tree_digest(folder)
        cache = _cache() / digest
        found = sorted(cache.glob("reading_guide-*.whl")) if cache.is_dir() else []
        if found:
            return found[0]
        with tempfile.TemporaryDirectory(prefix="reading-guide-src-") as scratch:
            copy = Path(scratch) / "src"
            shutil.copytree(folder, copy, ignore=_not_built(folder), symlinks=True)
            built = _build_here(copy, Path(scratch) / "wheel") or _build(str(copy), Path(scratch) / "wheel")
            cache.mkdir(parents=True, exist_ok=True)
            handle, part = tempfile.mkstemp(dir=cache, prefix=f".{built.name}.")  # whole or absent, for parallel imports
            os.close(handle)
            shutil.copyfile(built, part)
            os.replace(part, cache / built.name)
            return cache / built.name
    # A local git repository or an sdist file: pip builds it (a git URL at the commit installed).
    source = f"{origin.vcs}+{origin.url}@{origin.commit}" if origin.kind == "vcs" else origin.url
    if origin.subdirectory:
        source += f"#subdirectory={origin.subdirectory}"
    wheel_dir = Path(tempfile.mkdtemp(prefix="reading-guide-wheel-"))
    return _build(source, wheel_dir)


# PEP 517 by hand, in a child process: the project's build backend, as this Python has it, builds the
# wheel with no download; exit 3 when the backend or what it asks for is not installed here.
BUILD_HERE = """
import importlib, importlib.metadata, re, sys, tomllib
target = sys.argv[1]  # before the backend runs: setuptools rewrites sys.argv
system = tomllib.load(open("pyproject.toml", "rb")).get("build-system", {})
sys.path[:0] = system.get("backend-path", [])
module, _, attribute = system.get("build-backend", "setuptools.build_meta:__legacy__").partition(":")
try:
    backend = importlib.import_module(module)
    for part in filter(None, attribute.split(".")):
        backend = getattr(backend, part)
    for requirement in getattr(backend, "get_requires_for_build_wheel", list)():
        importlib.metadata.version(re.split(r"[<>=!~;\\[ ]", requirement, maxsplit=1)[0])
except (ImportError, AttributeError):
    sys.exit(3)
print(backend.build_wheel(target))
"""


def _build_here(folder: Path, wheel_dir: Path) -> Path | None:
    """A wheel built offline by the build backend `folder` names, if this Python has it; else None."""
    wheel_dir.mkdir(parents=True, exist_ok=True)
    run = subprocess.run([sys.executable, "-c", BUILD_HERE, str(wheel_dir)], cwd=folder, capture_output=True,
                         text=True, check=False)
    name = run.stdout.strip().splitlines()[-1] if run.returncode == 0 and run.stdout.strip() else ""
    return wheel_dir / name if name and (wheel_dir / name).is_file() else None


def _build(source: str, wheel_dir: Path) -> Path:
    """`pip wheel --no-deps`: offline with the interpreter's own setuptools when it can build one alone,
    else in pip's isolated build environment (which installs the build backend from the index)."""
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--disable-pip-version-check",
               "--wheel-dir", str(wheel_dir), source]
    offline = _backend_builds_offline()
    run = subprocess.run(command[:5] + (["--no-build-isolation", "--no-index"] if offline else []) + command[5:],
                         capture_output=True, text=True, check=False)
    wheels = sorted(wheel_dir.glob("reading_guide-*.whl"))
    if run.returncode != 0 or not wheels:
        raise TextImportError(f"could not build a wheel of the generator from {source} for the new guide's {VENDOR}/ "
                              f"(pip wheel said: {(run.stderr or run.stdout).strip()[-600:] or 'nothing'}). "
                              + ("" if offline else "Without setuptools 70.1 or newer in this Python, pip fetches it "
                                 "from the package index: connect, or install setuptools here. ")
                              + "Nothing was written")
    return wheels[0]


def _backend_builds_offline() -> bool:
    """Whether setuptools here can build a wheel with no other package (70.1 and newer: no `wheel` needed)."""
    try:
        major, minor = (int(part) for part in metadata.version("setuptools").split(".")[:2])
    except (metadata.PackageNotFoundError, ValueError):
        return False
    return (major, minor) >= (70, 1) or _has("wheel")


def _has(name: str) -> bool:
    try:
        metadata.version(name)
    except metadata.PackageNotFoundError:
        return False
    return True


def _tree_digest(folder: Path) -> str:
    """What the wheel is made of: every file's path and bytes, outside NOT_BUILT."""
    digest = hashlib.sha256()
    for path in sorted(_files(folder)):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def _not_built(top: Path) -> Callable[[str, list[str]], set[str]]:
    """shutil.copytree's `ignore`: NOT_BUILT anywhere, NOT_BUILT_TOP in `top` only."""
    anywhere = shutil.ignore_patterns(*NOT_BUILT)

    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = set(anywhere(folder, names))
        if Path(folder) != top:
            return skipped
        # Hidden folders at the top (.venv-zensical, .guide-build, caches) are no part of the package,
        # and walking an engine's venv made every import take seconds.
        return skipped | (NOT_BUILT_TOP & set(names)) | {name for name in names if name.startswith(".")}
    return ignore


def _files(folder: Path) -> list[Path]:
    ignore = _not_built(folder)
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        skipped = ignore(root, [*dirs, *files])
        dirs[:] = [d for d in dirs if d not in skipped]
        found += [Path(root) / f for f in files if f not in skipped]
    return found


def _cache() -> Path:
    """Wheels built from local folders, by digest: READING_GUIDE_WHEELS, else the user's cache folder."""
    if os.environ.get("READING_GUIDE_WHEELS"):
        return Path(os.environ["READING_GUIDE_WHEELS"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reading-guide" / "wheels"
