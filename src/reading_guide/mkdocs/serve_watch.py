"""`mkdocs serve` watches the glossary folder; this keeps watching it when it is moved away and back.

The file watcher drops a watched folder that is moved or deleted, and does not take it up again
when a folder of that name comes back: later edits were never picked up. A second watch on the
folder's parent (not recursive, so edits elsewhere in the project cost nothing) sees it come back,
and watches it afresh.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler


class _Comeback(FileSystemEventHandler):
    def __init__(self, server: LiveReloadServer, folder: Path):
        self.server, self.folder = server, str(folder)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if self.folder not in (event.src_path, getattr(event, "dest_path", None)) or not Path(self.folder).is_dir():
            return
        if event.event_type in ("created", "moved"):
            self.server.unwatch(self.folder)
            self.server.watch(self.folder)
            rebuild(self.server)  # its entries may differ from before it left


def rebuild(server: LiveReloadServer) -> None:
    """Ask for a rebuild as the server's own watches do (MkDocs 1.6 offers no public call for it)."""
    condition = getattr(server, "_rebuild_cond", None)
    if condition is not None:
        with condition:
            server._want_rebuild = True
            condition.notify_all()


def watch_folder(server: LiveReloadServer, folder: Path) -> None:
    """Watch `folder` for the live preview, also across its being moved away and back."""
    folder = folder.resolve()
    server.watch(str(folder))
    server.observer.schedule(_Comeback(server, folder), str(folder.parent), recursive=False)
