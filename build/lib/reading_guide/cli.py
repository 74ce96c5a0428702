"""`reading-guide`: make a new guide from a text, or import a text into a guide.

    reading-guide new TEXT DIR [--language de]
    reading-guide import TEXT [--into DIR] [--force]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .importer.command import import_text
from .importer.parse import TextImportError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="reading-guide", description="Turn a text into a reading guide.")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="make a new guide (a whole project) from a text")
    new.add_argument("text", type=Path, help="the text: a .txt or .md file")
    new.add_argument("folder", type=Path, help="the new guide's folder (made if missing; must hold no mkdocs.yml)")
    new.add_argument("--language", default="en", help="the guide's language, as in theme.language (en, de)")
    into = commands.add_parser("import", help="the chapters of an existing guide from a text (or a new guide)")
    into.add_argument("text", type=Path, help="the text: a .txt or .md file")
    into.add_argument("--into", type=Path, default=Path("."), help="the guide's folder (default: here); "
                      "a folder without mkdocs.yml becomes a new guide")
    into.add_argument("--force", action="store_true", help="replace the chapter files that exist")
    args = parser.parse_args(argv)
    try:
        if args.command == "new":
            if (args.folder / "mkdocs.yml").exists():
                raise TextImportError(f"{args.folder} already holds a guide (mkdocs.yml); choose a new folder, or "
                                      "use `reading-guide import TEXT --into FOLDER` to replace its chapters")
            lines = import_text(args.text, args.folder, language=args.language)
        else:
            lines = import_text(args.text, args.into, args.force)
    except TextImportError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
