"""A big book's PDF in volumes (volumes.py cuts it): each volume laid out by Typst in a process of its
own, one after another, so that the peak memory is one volume's, never the whole book's (the typst
package keeps its caches in the process between compilations).

Volume k carries on from volume k-1: its first page number, its first note's number, its first
figure's, its part of the book. Each volume reports, from the compiled document (a metadata element
the template ends it with, read by Typst's query), where those counters ended and the page of every
anchor a later volume links to: the number printed on it (the glossary's places print it) and its
place in the file (a link from another file goes to the page: Typst gives only headings a named
destination).

Run as `python -m reading_guide.book.pdf_volumes SPEC` for one volume (the parent does).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from .model import Book, Link, Section, carried_anchors, nodes
from .pdf import FONTS, TEMPLATE, Elsewhere, Json, PdfError, book_data, link_target, typst_failure, warning_text
from .volumes import Volume, volume_file


def write_volumes(book: Book, volumes: list[Volume], target: Path, *, paper: str, pdf_ua: bool,
                  timestamp: datetime, simple: bool = False) -> list[str]:
    """Write each volume beside `target` (guide.pdf: guide-1.pdf, guide-2.pdf...); Typst's warnings
    (`simple`: pdf.simple_lines)."""
    emitted = carried_anchors(book)
    volume_of: dict[str, int] = {}
    for volume in volumes:
        for section in volume.sections:
            volume_of.update(dict.fromkeys(carried_anchors(replace(book, sections=(section,))), volume.number))
    files = tuple(volume_file(target.name, v.number) for v in volumes)
    wanted: dict[int, set[str]] = {v.number: set() for v in volumes}  # anchors a later volume links to
    for volume in volumes:
        for found in (node for node in nodes(volume.sections) if isinstance(node, Link)):
            link = link_target(found, book, emitted)
            home = volume_of.get(link.target) if link.kind != "external" else None
            if home is not None and home < volume.number:
                wanted[home].add(link.target)
    pages: dict[str, tuple[int, int]] = {}
    state: dict[str, Json] = {"page": None, "footnote": 0, "figure": 0, "part_number": 0, "current_part": None,
                              "header": None}
    warnings: list[str] = []
    count = len(volumes)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(  # this copy of the package, as the parent has it
        [str(Path(__file__).resolve().parents[2]), *filter(None, [os.environ.get("PYTHONPATH")])])}
    with tempfile.TemporaryDirectory(prefix="guide-volumes-") as work:
        # The project Typst compiles: the template, and the site (for the images) linked as site/.
        shutil.copyfile(TEMPLATE, Path(work) / TEMPLATE.name)
        (Path(work) / "site").symlink_to(book.site_dir.resolve(), target_is_directory=True)
        for volume in volumes:
            data = book_data(book, paper, Elsewhere(volume.number, files, volume_of, pages), volume.sections, emitted,
                             simple)
            report: list[Json] = [*sorted(wanted[volume.number])]
            data["volume"] = {**state, "number": volume.number, "count": count, "report": report,
                              "first": volume.first, "last": volume.last}
            source = Path(work) / f"volume-{volume.number}.json"
            source.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            del data
            spec = {"data": str(source), "output": str(target.with_name(files[volume.number - 1])),
                    "root": work, "template": str(Path(work) / TEMPLATE.name),
                    "pdf_ua": pdf_ua, "timestamp": int(timestamp.timestamp())}
            result = run_volume(spec, env)
            if "error" in result:
                raise PdfError(f"volume {volume.number} of {count} ({files[volume.number - 1]}): {result['error']}")
            warnings += [f"volume {volume.number}: {w}" for w in result["warnings"]]
            end = result["end"]
            pages.update({anchor: (int(printed), int(place)) for anchor, (printed, place) in end["pages"].items()})
            titles = [s.title for s in volume.sections if s.part != "entry"]  # the template's outlined titles
            state = {"page": int(end["page"]) + 1, "footnote": int(end["footnote"]), "figure": int(end["figure"]),
                     "header": titles[-1] if titles else state.get("header"), **_parts_after(volume.sections, state)}
    return warnings


def _parts_after(sections: tuple[Section, ...], state: dict[str, Json]) -> dict[str, Json]:
    """The template's part count and current part after these sections (as book.typ counts them)."""
    number, current = state["part_number"], state["current_part"]
    assert isinstance(number, int)
    for section in sections:
        if section.book_part is not None and section.book_part != current:
            number += 1
        current = section.book_part
    return {"part_number": number, "current_part": current}


def run_volume(spec: dict[str, Any], env: dict[str, str]) -> dict[str, Any]:
    """One volume in a process of its own: its result, or {"error": why}."""
    proc = subprocess.run([sys.executable, "-m", __name__, json.dumps(spec)], capture_output=True, text=True,
                          env=env, check=False)
    lines = proc.stdout.strip().splitlines()
    try:
        result: dict[str, Any] = json.loads(lines[-1])
    except (IndexError, ValueError):
        if proc.returncode < 0:
            name = signal.Signals(-proc.returncode).name
            return {"error": f"Typst's process ended by {name}" + (
                " (out of memory?: set extra.guide.pdf.volume_words lower)" if name == "SIGKILL" else "")}
        return {"error": f"Typst's process ended with exit code {proc.returncode}: {proc.stderr.strip()[-500:]}"}
    return result


def peak_memory_mb() -> float:
    """This process's peak resident memory (VmHWM: its own, not carried over from its parent)."""
    status = Path("/proc/self/status").read_text(encoding="ascii") if Path("/proc/self/status").exists() else ""
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(found.group(1)) / 1024 if found else 0.0


def compile_volume(spec: dict[str, Any]) -> dict[str, Any]:
    """In the volume's own process: lay it out, write it, read back where its counters ended."""
    try:
        import typst

        compiler = typst.Compiler(
            input=spec["template"], root=spec["root"], font_paths=[str(FONTS)], ignore_system_fonts=True,
            sys_inputs={"book": Path(spec["data"]).read_text(encoding="utf-8")})
        started = time.perf_counter()
        _, warnings = compiler.compile_with_warnings(
            output=spec["output"], format="pdf", pdf_standards=["ua-1"] if spec["pdf_ua"] else [],
            timestamp=spec["timestamp"])
        compiled = time.perf_counter()
        end = json.loads(compiler.query("<volume-end>", field="value", one=True, format="json"))
        times = {"compile_s": round(compiled - started, 3), "query_s": round(time.perf_counter() - compiled, 3)}
    except ImportError as err:
        return {"error": f"the PDF book needs {err.name} ({err}); run `make build`"}
    except Exception as err:
        import typst

        if isinstance(err, typst.TypstError):
            return {"error": typst_failure(err)}
        return {"error": f"{type(err).__name__}: {err} (writing {spec['output']}: check that it can be written)"}
    except BaseException as err:  # a panic in Typst's Rust code (pyo3's PanicException)
        return {"error": f"{type(err).__name__}: {err}"}
    return {"warnings": [warning_text(w) for w in warnings], "end": end, "peak_mb": round(peak_memory_mb(), 1), **times}


if __name__ == "__main__":
    result = compile_volume(json.loads(sys.argv[1]))
    print(json.dumps(result, ensure_ascii=False))
    sys.exit(1 if "error" in result else 0)
