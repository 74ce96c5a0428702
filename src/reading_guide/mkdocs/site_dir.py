"""The site folder of one build: writable, and written by one build at a time.

Two builds into one folder deleted and wrote each other's files (one crashed in 3 of 9 trials);
a read-only folder gave a PermissionError traceback. Both are now a message before anything is
written. The lock is a file in the system's temporary folder, keyed by the site folder's path,
so nothing is added to the site or the project.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path
from typing import IO

from mkdocs.exceptions import PluginError


class SiteLock:
    """Held from on_config to the end of the build (on_post_build or on_build_error)."""

    def __init__(self) -> None:
        self._file: IO[str] | None = None

    def acquire(self, site_dir: Path) -> None:
        self.release()
        check_writable(site_dir)
        if sys.platform == "win32":  # no fcntl: one build at a time is then the user's care
            return
        import fcntl

        key = hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:16]
        path = Path(tempfile.gettempdir()) / f"reading-guide-{key}.lock"
        handle = path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip()
            handle.close()
            raise PluginError(f"another build is writing {site_dir} ({holder or 'a process'}); wait for it to "
                              "finish, or build into another folder (mkdocs build -d OTHER)") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()}")
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing the file releases the lock
            self._file = None


def check_writable(site_dir: Path) -> None:
    """The site folder and every folder in it can be written (MkDocs empties it, then writes it)."""
    def refuse(folder: Path, err: OSError | None = None) -> PluginError:
        why = f" ({err.strerror})" if err is not None and err.strerror else ""
        return PluginError(f"the site folder cannot be written: {folder}{why}; make it writable "
                           f"(chmod -R u+w {site_dir}), delete it, or build into another folder (mkdocs build -d OTHER)")

    try:
        site_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=site_dir):  # what the user's rights allow, read-only mounts included
            pass
    except OSError as err:
        raise refuse(site_dir, err) from err
    for folder, folders, _names in os.walk(site_dir):
        if not os.access(folder, os.W_OK | os.X_OK):
            raise refuse(Path(folder))
        folders[:] = [f for f in folders if not os.path.islink(os.path.join(folder, f))]
