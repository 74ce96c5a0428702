"""`reading-guide`: make a new guide from a text, or import a text into a guide.

    reading-guide new TEXT DIR [--language de] [--split parts|chapters|sections] [--dry-run] [--outline FILE]
    reading-guide import TEXT [--into DIR] [--force] [--split ...] [--dry-run] [--ask] [--outline FILE] [--language de]
    reading-guide candidates [DIR] [--json] [--accept "A, B"] [--accept-ticked]
    reading-guide upgrade [DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .importer import candidates
from .importer.command import ImportOptions, check_target, import_text
from .importer.errors import TextImportError
from .importer.upgrade import upgrade


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="reading-guide", description="Turn a text into a reading guide.")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="make a new guide (a whole project) from a text")
    new.add_argument("text", type=Path, help="the text: a .txt, .md, .html, .htm, .xhtml or .epub file")
    new.add_argument("folder", type=Path, help="the new guide's folder (made if missing; must hold no mkdocs.yml)")
    into = commands.add_parser("import", help="the chapters of an existing guide from a text (or a new guide)")
    into.add_argument("text", type=Path, help="the text: a .txt, .md, .html, .htm, .xhtml or .epub file")
    into.add_argument("--into", type=Path, default=Path("."), help="the guide's folder (default: here); "
                      "a folder without mkdocs.yml becomes a new guide")
    into.add_argument("--force", action="store_true", help="replace the chapter files that exist")
    into.add_argument("--ask", action="store_true", help="ask before replacing chapters that exist")
    for command in (new, into):
        command.add_argument("--split", choices=("parts", "chapters", "sections"), default="chapters",
                             help="what becomes a page (default: chapters)")
        command.add_argument("--dry-run", action="store_true", help="print the structure; write nothing")
        command.add_argument("--no-candidates", dest="candidates", action="store_false",
                             help="skip the list of term candidates (make it later with `reading-guide candidates`)")
        command.add_argument("--outline-json", type=Path, metavar="FILE",
                             help="write the outline (parts, chapters, sections) as JSON, as the corpus scorer reads it")
        command.add_argument("--outline", type=Path, metavar="FILE",
                             help="take the headings from this outline.yml (as the import writes it to source/), exactly")
        command.add_argument("--language", default=None,
                             help="the guide's language, as in theme.language (en, de); default: detected from the text")
    terms = commands.add_parser("candidates", help="list the text's term candidates for the glossary; accept some as drafts")
    terms.add_argument("folder", type=Path, nargs="?", default=Path("."), help="the guide's folder (default: here)")
    terms.add_argument("--json", action="store_true", help="print the list as JSON (term, aliases, category, count, "
                       "paragraphs), best first; write nothing")
    terms.add_argument("--accept", metavar="TERMS", help='comma-separated terms (or aliases) to write as draft entries')
    terms.add_argument("--accept-ticked", action="store_true",
                       help=f"write a draft entry for every term ticked ([x]) in {candidates.CHECKLIST}")
    move = commands.add_parser("upgrade", help="move a guide to this generator: requirements.txt, vendor/ and the "
                               "generator's own files (never docs/, glossary/, source/)")
    move.add_argument("folder", type=Path, nargs="?", default=Path("."), help="the guide's folder (default: here)")
    for name, help_text in (("compile", "the compile step alone: the guide checked and staged in .guide-build/ for any engine"),
                            ("zensical", "compile, then `zensical build` (and the books) or `zensical serve`")):
        engine = commands.add_parser(name, help=help_text)
        if name == "zensical":
            engine.add_argument("action", choices=("build", "serve"))
            engine.add_argument("--strict", action="store_true", help="stop on any warning (mkdocs.yml's strict: true does too)")
        engine.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="the guide's mkdocs.yml")
    args = parser.parse_args(argv)
    if args.command in ("compile", "zensical"):
        return run_engine(args)
    try:
        if args.command == "upgrade":
            lines = upgrade(args.folder)
        elif args.command == "candidates":
            accept = [t for t in (args.accept or "").split(",") if t.strip()]
            lines = candidates.run(args.folder, accept, args.accept_ticked, args.json)
        elif args.command == "new":
            check_target(args.folder)
            if (args.folder / "mkdocs.yml").exists():
                raise TextImportError(f"{args.folder} already holds a guide (mkdocs.yml); choose a new folder, or "
                                      "use `make import TEXT=… INTO=…` to replace its chapters")
            options = ImportOptions(split=args.split, dry_run=args.dry_run, language=args.language,
                                    outline_json=args.outline_json, outline=args.outline,
                                    candidates=args.candidates)
            lines = import_text(args.text, args.folder, options)
        else:
            check_target(args.into)
            force = args.force and (not args.ask or args.dry_run or confirmed(args.into))
            lines = import_text(args.text, args.into, ImportOptions(force=force, dry_run=args.dry_run, split=args.split,
                                                                   outline_json=args.outline_json, outline=args.outline,
                                                                   language=args.language, candidates=args.candidates))
    except TextImportError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


def confirmed(folder: Path) -> bool:
    """Whether the user agrees to replace the chapters of the guide in `folder` (never without asking)."""
    chapters = sorted((folder / "docs" / "chapters").glob("*.md"))
    if not chapters:
        return True
    question = (f"This replaces the {len(chapters)} chapter page(s) of the guide in {folder.resolve()}, with every "
                "note written in them. Replace them? [y/N] ")
    if not sys.stdin.isatty():
        raise TextImportError(f"{question.split(',', maxsplit=1)[0]}; to do it without being asked, name the guide: "
                              "make import TEXT=… INTO=. FORCE=1")
    return input(question).strip().lower() in ("y", "yes")


if __name__ == "__main__":
    sys.exit(main())


def run_engine(args: argparse.Namespace) -> int:
    from .compile.engines import zensical
    from .compile.settings import CompileError
    from .compile.stage import compile_guide

    if args.command == "zensical":
        return zensical(args.action, args.config_file, args.strict)
    try:
        result = compile_guide(args.config_file)
    except CompileError as err:
        print(f"ERROR   -  {err}", file=sys.stderr)
        return 1
    for line in [*result.info, *(f"warning: {w}" for w in result.warnings)]:
        print(line)
    print(f"compiled into {result.docs.parent}")
    return 0
