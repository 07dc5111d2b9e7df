"""Writing generated files: each whole, and all of them or none where the disk allows.

Every file goes first to a temporary file beside it, flushed and synced; only when
all are on disk are they renamed over the old files. A full disk, a read-only
folder or a file system mounted read-only fails that first step, so no file is
changed; a kill at any moment leaves each file old or new, never partial, and the
temporary file a killed run left is removed by the next write beside it. A file
keeps its mode (a file made read-only stays read-only) and its owner (root writing
another user's file); a new one gets the umask's. A symbolic link stays a link:
the file it points to is the one written.
"""

from __future__ import annotations

import contextlib
import errno
import glob
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


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def remove_leftovers(path: Path) -> None:
    """Remove the temporary files that runs killed while writing ``path`` left beside it
    (named by their process id, which no longer runs)."""
    for leftover in glob.glob(glob.escape(str(path.parent / f".{path.name}.")) + "*.tmp"):
        pid = leftover[len(str(path.parent / f".{path.name}.")) : -len(".tmp")]
        if pid.isdigit() and not _running(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(leftover)


def _staged(path: Path, text: str | bytes) -> Path:
    """Write ``text`` to a temporary file beside ``path``, synced, with its mode and owner."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(path)
    partial = _partial(path)
    try:
        with open(partial, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):  # a new file keeps the umask's mode
            old = path.stat()
            os.chmod(partial, stat.S_IMODE(old.st_mode))
            made = partial.stat()
            if (made.st_uid, made.st_gid) != (old.st_uid, old.st_gid):
                os.chown(partial, old.st_uid, old.st_gid)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return partial


def write_whole(files: Mapping[Path, str | bytes]) -> None:
    """Write each file's text (or bytes), every file whole; raise :class:`UnwritableFile`.

    A fault while the temporary files are written changes no file; one while they
    are renamed (rare: the folder was writable a moment ago) leaves the files before
    it new and the rest old.
    """
    staged: dict[Path, Path] = {}
    try:
        for named, text in files.items():
            path = Path(os.path.realpath(named))  # through a link, to the file it names
            try:
                staged[path] = _staged(path, text)
            except OSError as error:
                raise UnwritableFile(named, error, []) from None
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
