"""A new guide: a whole project of the flagship's shape, made from an imported text.

mkdocs.yml, docs/ (home, about, chapters), an empty glossary/, hooks/guide.py, source/ with the
text, tests/, README.md, Makefile, requirements, .gitignore and a Pages workflow. Nothing in it
points into the generator's checkout: the guide installs the generator from requirements.txt, which
names it as it was installed here (generator_install.py): a version, a URL, or a wheel in vendor/.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from string import Template

from ..core.strings import ENGLISH, Strings, strings_for
from .errors import TextImportError
from .generator_install import Origin, installed_origin, requirement_for
from .layout import GENERATED, nav_items, nav_lines, text_pages, yaml_text
from .pages import Text, as_markdown, in_order, part_file_name, slugify
from .structure import Part

TEMPLATE = Path(__file__).resolve().parent / "template"


# The files the generator owns in every guide: `reading-guide upgrade` replaces them (the teacher's
# docs/, glossary/, source/, mkdocs.yml and README stay as they are). Path in the guide: template file.
OWNED = {
    "hooks/guide.py": "hooks/guide.py",
    "tests/test_guide.py": "tests/test_guide.py",
    "Makefile": "Makefile",
    "requirements-test.txt": "requirements-test.txt",
    "requirements-zensical.txt": "requirements-zensical.txt",  # make build ENGINE=zensical
    "requirements-properdocs.txt": "requirements-properdocs.txt",
    ".github/workflows/pages.yml": "workflows/pages.yml",
}
REQUIREMENTS = "# The reading-guide generator, with its exact pins (mkdocs, Material, ...): see README, \"The generator\".\n"
# The README's paragraph on how the generator is installed, between these marks so that an upgrade rewrites it.
GENERATOR_MARKS = ("<!-- generator: written by the import and `make upgrade-generator` -->", "<!-- /generator -->")


def owned_files() -> dict[str, str]:
    """The generator-owned files of a guide, as this generator writes them."""
    try:
        return {name: (TEMPLATE / template).read_text(encoding="utf-8") for name, template in OWNED.items()}
    except OSError as err:
        raise TextImportError(f"the generator installed here is incomplete ({err.filename} is missing): reinstall it "
                              "(a wheel built by an older generator may lack files) and run the command again; "
                              "nothing was written") from err


def generator_paragraph(origin: Origin) -> str:
    """The README's words on where the generator comes from, between GENERATOR_MARKS."""
    return (f"{GENERATOR_MARKS[0]}\nThis guide installs reading-guide {origin.version}, the version it was made (or "
            f"last upgraded) with. That generator was installed {origin.described()}.\n{GENERATOR_MARKS[1]}")


def new_guide(text: Text, source: Path, folder: Path, language: str = "en", kept: list[str] | None = None,
              said: list[str] | None = None) -> list[str]:
    """Write a new guide for `text` into `folder` (which holds no guide yet); the files written.

    A file the folder holds already is never overwritten: it is kept and named in `kept`; a chapter
    page that exists stops the import before anything is written. `said` gets how the guide installs
    the generator.
    """
    origin = installed_origin()
    strings = strings_for(language) or ENGLISH
    slug = slugify(text.title) or "guide"
    chapters = {f"docs/chapters/{name}": page for name, page in text_pages(text).items()}
    files = {
        "mkdocs.yml": _mkdocs_yml(text, source, slug, strings),
        "docs/index.md": home_page(text, strings),
        "docs/about.md": about_page(text, source, strings),
        **chapters,
        "glossary/.gitkeep": "",
        "source/corrections.yml": CORRECTIONS,
        **owned_files(),
        "README.md": _readme(text, source, origin),
        "requirements.txt": REQUIREMENTS,  # the generator's line is added below, once nothing can clash
        ".gitignore": (TEMPLATE / "gitignore").read_text(encoding="utf-8"),
    }
    copy = folder / "source" / source.name
    taken = sorted(name for name in files if (folder / name).exists())
    clash = [name for name in taken if name in chapters]
    if copy.exists() and source.resolve() != copy.resolve() and copy.read_bytes() != source.read_bytes():
        clash.append(f"source/{source.name} (another text)")
    if clash:
        raise TextImportError(f"{folder} already holds {', '.join(clash)}, which the new guide would overwrite with "
                              "the text's chapters; nothing was written. Choose an empty (or new) folder, or move "
                              "these files away first")
    for name in taken:  # the folder's own README, Makefile, home page...: kept, and the report says so
        files.pop(name)
        if kept is not None:
            kept.append(name)
    vendored: list[str] = []
    if "requirements.txt" in files:  # first of all writes: a wheel that cannot be built leaves nothing behind
        line, vendored = requirement_for(origin, folder)
        files["requirements.txt"] += f"{line}\n"
        if said is not None:
            said.append(f"Generator: reading-guide {origin.version}, installed {origin.described()}")
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    if not copy.exists():
        shutil.copyfile(source, copy)
    write_images(text, folder / "docs")
    return sorted([*files, *vendored, f"source/{source.name}", *(f"docs/images/{name}" for name, _ in text.images)])


def write_images(text: Text, docs: Path) -> list[str]:
    """The images an HTML or EPUB edition shows, copied into docs/images/ (the pages link ../images/NAME)."""
    if not text.images:
        return []
    (docs / "images").mkdir(parents=True, exist_ok=True)
    for name, data in text.images:
        (docs / "images" / name).write_bytes(data)
    return [f"{len(text.images)} image(s) copied to {docs / 'images'}"]


CORRECTIONS = """\
# Obvious typos corrected in the chapters, each listed on the About page and undone by the
# fidelity test before it compares the chapters with the text, e.g.:
# - chapter: 2
#   paragraph: 4
#   original: "suppressed .They"
#   corrected: "suppressed. They"
[]
"""


def _mkdocs_yml(text: Text, source: Path, slug: str, strings: Strings) -> str:
    author = text.metadata.author
    values = {
        # Every value from the text (its file name, title, author) as one quoted scalar: never new keys.
        "source": yaml_text(source.name), "source_path": yaml_text(f"source/{source.name}"), "slug": slug,
        "site_name": f"{yaml_text(text.title)}  # {GENERATED}",
        "site_author": f"site_author: {yaml_text(author)}  # {GENERATED}\n" if author else "",
        "site_description": yaml_text(f"{strings.a_reading_guide}: {text.title}") + f"  # {GENERATED}",
        "language": strings.language, "dark_mode": json.dumps(strings.dark_mode, ensure_ascii=False),
        "light_mode": json.dumps(strings.light_mode, ensure_ascii=False), "split": text.split,
        "home": strings.home, "glossary": strings.glossary, "timeline": strings.timeline,
        "questions": strings.questions, "about": strings.about_guide,
        "chapters": f"  - {strings.the_text}:\n" + "".join(nav_lines(nav_items(text, strings.chapters_range), "      ")),
    }
    return Template((TEMPLATE / "mkdocs.yml").read_text(encoding="utf-8")).substitute(values)


def home_page(text: Text, strings: Strings) -> str:
    first = in_order(text)[0]  # a part's own text, when it comes first, is where reading begins
    if isinstance(first, Part) and not first.blocks:  # else with the part's first chapter
        first = text.chapters[0]
    title = as_markdown(text.title, text.markdown)
    intro = strings.home_intro.format(title=title, count=len(text.chapters), glossary="glossary/index.md",
                                      timeline="timeline.md")
    page = part_file_name(first) if isinstance(first, Part) else first.file_name
    begin = strings.begin_with.format(chapter=f"[{as_markdown(first.title, text.markdown)}](chapters/{page})")
    return f"<!-- {GENERATED} -->\n\n# {as_markdown(text.title, text.markdown, heading=True)}\n\n{intro}\n\n{begin}\n"


def about_page(text: Text, source: Path, strings: Strings) -> str:
    """What the guide is made from, as the text states it; the corrections are listed as they are made."""
    meta = text.metadata
    facts = [f"*{as_markdown(text.title, text.markdown)}*"]
    facts += [as_markdown(value, False) for value in (meta.author, meta.year, meta.release, *meta.lines) if value]
    dropped = [f"- lines {d.first_line}–{d.last_line}: {as_markdown(d.what, False)}" for d in text.dropped]
    lines = [f"<!-- {GENERATED} -->", "", f"# {strings.about_guide}", "", " · ".join(facts), "", f"`source/{source.name}`", ""]
    if dropped:
        lines += [strings.not_in_chapters, "", *dropped, ""]
    return "\n".join([*lines, f"## {strings.corrections}", "", strings.no_corrections, ""])


def _readme(text: Text, source: Path, origin: Origin) -> str:
    readme = (TEMPLATE / "README.md").read_text(encoding="utf-8").replace("$generator", generator_paragraph(origin))
    return re.sub(r"\$title", lambda _: text.title, readme).replace("$source", source.name)
