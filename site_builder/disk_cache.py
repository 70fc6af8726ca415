"""The build's disk cache (``.cache/site_builder/`` in the project): chart drawings, Open
Graph PNGs and workbooks, each keyed by a hash of what it holds; also jieba's dictionary,
pickled (``search/``), and compiled templates (``templates/``, ``theme-templates/``, kept by
Jinja's own bytecode cache).

Builds may run side by side on one cache (a preview and a build), so an entry is written
atomically, read without asking first whether it exists (another build may delete it in
between), and marked used when read. Every edit leaves the entry of the old content behind;
what no build has used for a month is deleted, so the cache does not grow with every edit,
while a branch switched back to, or a second copy of the data, still finds its entries.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

KEEP_UNUSED_DAYS = 30


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def read(path: Path) -> bytes | None:
    """The entry's bytes, marked used now; None when there is none."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    with contextlib.suppress(OSError):  # a read-only cache still serves
        os.utime(path)
    return data


def prune(folder: Path, days: int = KEEP_UNUSED_DAYS) -> int:
    """Delete the entries in ``folder`` no build has used for ``days`` days; their count."""
    limit = time.time() - days * 86400
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        try:
            if entry.is_file() and entry.stat().st_mtime < limit:
                os.unlink(entry.path)
                removed += 1
        except OSError:  # another build removed or replaced it meanwhile
            continue
    return removed
