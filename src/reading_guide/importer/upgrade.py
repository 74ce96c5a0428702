"""`reading-guide upgrade [DIR]`: move a guide to the generator running this command.

requirements.txt names it as it is installed here (generator_install.py), a fresh wheel replaces the
old one in vendor/, and the files the generator owns (scaffold.OWNED) are written again. The teacher's
docs/, glossary/, source/ and mkdocs.yml are never touched. The report says which versions and
which files changed.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import TextImportError
from .generator_install import VENDOR, Origin, installed_origin, requirement_for
from .scaffold import GENERATOR_MARKS, REQUIREMENTS, generator_paragraph, owned_files

# A requirements line that installs the generator: by name (==, @ URL) or a wheel file of it.
GENERATOR_LINE = re.compile(r"^\s*(?:reading[-_]guide\b|\S*/reading_guide-[^/\s]+\.whl\b)", re.IGNORECASE)


def named_version(line: str) -> str:
    """The generator's version (or commit, or tag) a requirements line names, as a reader would say it."""
    wheel = re.search(r"reading_guide-([^-/\s]+)-", line)
    if wheel:
        return f"{wheel.group(1)} (the wheel in {VENDOR}/)"
    pinned = re.search(r"==\s*([^\s;#]+)", line)
    if pinned:
        return pinned.group(1)
    url = line.split("@", 1)[1].split("#", maxsplit=1)[0].strip() if "@" in line else ""
    if "+" in url.split("://")[0] and "@" in url.rsplit("/", 1)[-1]:  # name @ vcs+URL@revision
        base, revision = url.rsplit("@", 1)
        return f"{revision[:12]} ({base})"
    return url or line.strip()


def upgrade(guide: Path, origin: Origin | None = None) -> list[str]:
    """Move the guide in `guide` to the installed generator (or to `origin`); the report."""
    if not (guide / "mkdocs.yml").is_file():
        raise TextImportError(f"{guide} holds no mkdocs.yml, so it is no guide: name the guide's folder, e.g. "
                              "`reading-guide upgrade path/to/my-guide`")
    origin = origin or installed_origin()
    requirements = guide / "requirements.txt"
    lines = requirements.read_text(encoding="utf-8").splitlines() if requirements.is_file() else []
    old = [line for line in lines if GENERATOR_LINE.match(line)]
    before = {name: _bytes(guide / name) for name in [*owned_files(), "requirements.txt", "README.md"]}
    before.update({f"{VENDOR}/{p.name}": p.read_bytes() for p in sorted((guide / VENDOR).glob("*.whl"))})

    line, _ = requirement_for(origin, guide)
    # The first generator line becomes the new one, in its place; the teacher's other lines stay.
    first = next((i for i, entry in enumerate(lines) if GENERATOR_LINE.match(entry)), None)
    written = [*(lines or REQUIREMENTS.splitlines()), line] if first is None else [
        line if i == first else entry for i, entry in enumerate(lines) if i == first or not GENERATOR_LINE.match(entry)]
    requirements.write_text("\n".join(written) + "\n", encoding="utf-8")
    for name, content in owned_files().items():
        (guide / name).parent.mkdir(parents=True, exist_ok=True)
        (guide / name).write_text(content, encoding="utf-8")
    readme_note = _rewrite_readme(guide / "README.md", origin)

    after = {name: _bytes(guide / name) for name in before}
    after.update({f"{VENDOR}/{p.name}": p.read_bytes() for p in sorted((guide / VENDOR).glob("*.whl"))})
    changed = sorted(name for name in after if after[name] != before.get(name) and after[name] is not None)
    removed = sorted(name for name in before if before[name] is not None and after.get(name) is None)
    was = ", ".join(named_version(entry) for entry in old) or "not named in requirements.txt"
    report = [f"Generator: {was} -> {named_version(line)}, installed {origin.described()}",
              f"Changed: {', '.join(changed)}" if changed else "Changed: nothing (the guide was on this generator already)"]
    if removed:
        report.append(f"Removed: {', '.join(removed)}")
    return [*report, *readme_note, "Not touched: docs/, glossary/, source/, mkdocs.yml (yours). Next: `make test`, "
            "then commit (git diff shows each change)"]


def _rewrite_readme(readme: Path, origin: Origin) -> list[str]:
    """The README's paragraph on the generator, if it has the marks; else a word in the report."""
    text = readme.read_text(encoding="utf-8") if readme.is_file() else ""
    start, end = (text.find(mark) for mark in GENERATOR_MARKS)
    if start < 0 or end < start:
        return [f"README.md has no paragraph on the generator between {GENERATOR_MARKS[0]} and {GENERATOR_MARKS[1]}: "
                "left as it is; say there how the guide installs the generator if it matters"]
    readme.write_text(text[:start] + generator_paragraph(origin) + text[end + len(GENERATOR_MARKS[1]):], encoding="utf-8")
    return []


def _bytes(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None
