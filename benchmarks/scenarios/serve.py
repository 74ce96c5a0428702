"""`mkdocs serve` on a copy of the real guide: a glossary file of the copy is edited and the entry
page polled until it shows the edit; the wait, MkDocs' own "built in" time and the builds per edit.
"""

from __future__ import annotations

import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from builds import ENV, ROOT

from . import Context

BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


def run(context: Context) -> dict:
    edits = context.args.serve_edits
    print(f"\n== mkdocs serve on a copy of the real guide: edit one glossary file, wait for the new page ({edits} edits) ==")
    result = time_serve(context.work, edits)
    if result is None:
        print("  could not measure (see the log above)")
        return {"measured": False}
    waits, built, passes = result
    print(f"  write -> new page served: {', '.join(f'{w:.2f}' for w in waits)} s (median {statistics.median(waits):.2f} s)")
    print(f"  MkDocs 'built in' per edit: {', '.join(f'{b:.2f}' for b in built)} s; builds per edit: {passes}")
    print("  (MkDocs' own watcher polls every 0.5 s and waits 0.1 s before building: 0.1-0.6 s of every wait)")
    return {"measured": True, "wait_s": [round(w, 3) for w in waits], "median_wait_s": round(statistics.median(waits), 3),
            "built_s": [round(b, 3) for b in built], "median_built_s": round(statistics.median(built), 3),
            "builds_per_edit": passes}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def time_serve(work: Path, edits: int) -> tuple[list[float], list[float], list[int]] | None:
    """Serve a copy of the real guide, edit one glossary file, time until the new page is served.

    Returns (seconds from the write to the new page being served, MkDocs' own "built in" seconds,
    builds per edit) for each edit.
    """
    copy = work / "serve-copy"
    ignore = shutil.ignore_patterns(".git", ".venv", "site", "benchmarks", "tests", "build", "*.egg-info", ".hypothesis",
                                    ".pytest_cache", "__pycache__", "node_modules")
    shutil.copytree(ROOT, copy, ignore=ignore)
    entries = sorted((copy / "glossary").glob("*.md"))
    if not entries:
        return None
    target = entries[0]
    port = free_port()
    log_path = work / "serve.log"
    with open(log_path, "w") as log:  # unbuffered: each build's log line is in the file when it is done
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=copy,
                                stdout=log, stderr=subprocess.STDOUT, env={**ENV, "GUIDE_BOOKS": "0", "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.time() + 300
        url = None
        while url is None or fetch(url) is None:
            if proc.poll() is not None or time.time() > deadline:
                print(log_path.read_text()[-3000:])
                return None
            time.sleep(0.1)
            serving = re.search(r"Serving on (http://\S+)", log_path.read_text())
            if serving:
                url = serving.group(1).rstrip("/") + f"/glossary/{target.stem}.html"
        time.sleep(1.0)  # let the watcher settle
        waits, built, passes = [], [], []
        original = target.read_text(encoding="utf-8")
        for n in range(edits):
            marker = f"Benchmarkmarker{n}x{random.randrange(10**9)}"
            before = log_path.read_text()
            start = time.perf_counter()
            target.write_text(original.rstrip("\n") + f" {marker}\n", encoding="utf-8")
            while marker not in (fetch(url) or ""):
                if time.perf_counter() - start > 300:
                    return None
                time.sleep(0.02)
            waits.append(time.perf_counter() - start)
            # The page is on disk before its build has ended: wait for the build's own log line (on a
            # loaded machine it can come seconds later), then 2 s more for any further pass it causes.
            done = time.perf_counter() + 30
            while BUILT.search(log_path.read_text()[len(before):]) is None and time.perf_counter() < done:
                time.sleep(0.05)
            time.sleep(2.0)
            seconds = [float(s) for s in BUILT.findall(log_path.read_text()[len(before):])]
            built.append(sum(seconds))
            passes.append(len(seconds))
        target.write_text(original, encoding="utf-8")
        return waits, built, passes
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
