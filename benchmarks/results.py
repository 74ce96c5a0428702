"""The results file: machine facts and every figure of one benchmark run, as JSON.

`make bench` writes benchmarks/results/latest.json (committed, from a real run on the 2-core
machine); `--quick` writes benchmarks/results/quick.json (ignored by git), so a smoke test never
replaces the measurement the README's table is made from.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
LATEST = HERE / "results" / "latest.json"
QUICK = HERE / "results" / "quick.json"
PACKAGES = ("reading-guide", "mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "PyYAML", "typst",
            "EbookLib")
SCHEMA = 1


def _git(*args: str) -> str:
    try:
        out = subprocess.run(["git", *args], capture_output=True, text=True, cwd=HERE.parent, timeout=10,
                             check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def machine_facts() -> dict:
    """What the figures depend on: the machine, the interpreter, the packages, the commit."""
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = []
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": _git("rev-parse", "HEAD"),
        "commit_dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
        "cpus": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "executable": sys.executable,
        "packages": versions,
        "load_average_at_start": load,
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def write(results: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read(path: Path = LATEST) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
