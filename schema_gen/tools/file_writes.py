"""Writing generated files: each whole, and all of them or none where the disk allows.

Every file goes first to a temporary file beside it, flushed and synced; only when
all are on disk are they renamed over the old files. A full disk, a read-only
folder or a file system mounted read-only fails that first step, so no file is
changed; a kill at any moment leaves each file old or new, never partial. A file
keeps its mode (a file made read-only stays read-only); a new one gets the umask's.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Mapping
from pathlib import Path

# What to do about the errors a write meets, by errno.
_FIXES = {
    errno.ENOSPC: "free some space and run it again",
    errno.EDQUOT: "free some space (the disk quota is used up) and run it again",
    errno.EACCES: "make the file and its folder writable for this user",
    errno.EPERM: "make the file and its folder writable for this user",
    errno.EROFS: "the file system is read-only: generate in a writable copy of the tree",
}


class UnwritableFile(Exception):
    """A generated file that cannot be written: ``FILE: why, the fix, and what was changed``."""

    def __init__(self, path: Path, error: OSError, replaced: list[Path]) -> None:
        why = (error.strerror or str(error)).lower()
        fix = _FIXES.get(error.errno or 0, "check the file and its folder")
        done = (
            "no generated file was changed"
            if not replaced
            else f"{len(replaced)} generated file(s) before it were already replaced"
        )
        super().__init__(f"{path}: cannot write it ({why}): {fix}; {done}")


def _partial(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")  # .helmignore skips *.tmp


def _staged(path: Path, text: str) -> Path:
    """Write ``text`` to a temporary file beside ``path``, synced, with ``path``'s mode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = _partial(path)
    try:
        with open(partial, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):  # a new file keeps the umask's mode
            os.chmod(partial, stat.S_IMODE(path.stat().st_mode))
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return partial


def write_whole(files: Mapping[Path, str]) -> None:
    """Write each file's text, every file whole; raise :class:`UnwritableFile` on a fault.

    A fault while the temporary files are written changes no file; one while they
    are renamed (rare: the folder was writable a moment ago) leaves the files before
    it new and the rest old.
    """
    staged: dict[Path, Path] = {}
    try:
        for path, text in files.items():
            try:
                staged[path] = _staged(path, text)
            except OSError as error:
                raise UnwritableFile(path, error, []) from None
        replaced: list[Path] = []
        for path, partial in staged.items():
            try:
                os.replace(partial, path)
            except OSError as error:
                raise UnwritableFile(path, error, replaced) from None
            replaced.append(path)
    finally:
        for partial in staged.values():
            partial.unlink(missing_ok=True)
