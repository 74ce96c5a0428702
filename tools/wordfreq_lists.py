"""Make src/reading_guide/core/data/wordfreq-<lang>.txt.gz from the wordfreq package's data.

Run once by hand, with wordfreq 3.1.1 and msgpack installed in any environment (neither is a
dependency of the generator):

    python tools/wordfreq_lists.py path/to/site-packages/wordfreq/data

It reads wordfreq's "small" lists (`small_en.msgpack.gz`, `small_de.msgpack.gz`: words down to
about one in a million, by centibel bins) and writes, per language, one line per bin:
`<bin>\t<word> <word> ...`, where a word of bin n has the frequency 10 ** (-n / 100). Only words
of letters (with inner apostrophes or hyphens) are kept. The data is CC BY-SA 4.0 (see
src/reading_guide/core/data/README.md).
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

import msgpack  # type: ignore[import-not-found]

WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")
OUT = Path(__file__).resolve().parent.parent / "src" / "reading_guide" / "core" / "data"


def main(data: Path) -> None:
    for lang in ("en", "de"):
        with gzip.open(data / f"small_{lang}.msgpack.gz") as raw:
            bins = msgpack.load(raw, raw=False)
        assert bins[0] == {"format": "cB", "version": 1}, bins[0]
        lines = [f"{n}\t{' '.join(w for w in words if WORD.match(w))}\n"
                 for n, words in enumerate(bins[1:]) if any(WORD.match(w) for w in words)]
        # mtime=0: the same bytes on every run
        with gzip.GzipFile(OUT / f"wordfreq-{lang}.txt.gz", "wb", mtime=0) as out:
            out.write("".join(lines).encode("utf-8"))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
