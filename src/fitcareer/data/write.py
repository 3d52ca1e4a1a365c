"""Writing files as the shell's `>` would, except that a regular file is never left
half-written.

A regular file (or a new one) is replaced atomically: the new text goes to a temporary
file in the same directory, is flushed to disk, given the old file's mode (and owner,
where the process may set it) and renamed over the old name. Anything else a path may
name (a terminal, a FIFO, `/dev/null`, `/dev/stdout`) is opened and written in place,
never replaced. A file that `>` could not write is refused, not replaced.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import re
import stat
import tempfile
import time
from pathlib import Path

from fitcareer.errors import OutputError, UsageError

STALE_SECONDS = 3600
"""Age after which a leftover temporary file is taken to be from a killed save."""

_OWN_FD = re.compile(r"/(?:dev/fd|proc/self/fd)/(\d+)")
_STREAMS = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
_IN_PLACE = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_NONBLOCK: int = getattr(os, "O_NONBLOCK", 0)
"""Not on Windows, which has no FIFOs to block on."""


def _euid() -> int | None:
    """The effective user id, or None where there is none (Windows)."""
    geteuid = getattr(os, "geteuid", None)
    return geteuid() if geteuid is not None else None


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``: replaced whole if it is a regular file, else in place.

    Raises UsageError for a directory, OutputError for a file `>` could not write or a
    FIFO nobody reads, and OSError when the write itself fails.
    """
    fd = own_fd(path)
    if fd is not None:
        _write_all(fd, data)
        return
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(f"'{path}' is a directory; give a file name")
    if info is not None and not os.access(path, os.W_OK):
        raise OutputError(f"cannot write {path}: permission denied (the file is read-only)")
    target = Path(os.path.realpath(path))
    if info is None or _replaceable(target, info):
        replace(target, data, _mode(info), info)
    else:
        _in_place(path, data, info)


def own_fd(path: Path) -> int | None:
    """The descriptor `/dev/stdout`, `/dev/fd/N` or `/proc/self/fd/N` names, as the
    shell reads them: output goes to the stream this process already has open."""
    name = os.path.normpath(str(path))
    if name in _STREAMS:
        return _STREAMS[name]
    match = _OWN_FD.fullmatch(name)
    return int(match.group(1)) if match else None


def _replaceable(target: Path, info: os.stat_result) -> bool:
    """Whether replacing the file keeps all `>` would: it is a regular file with one
    name, its owner can be kept, and its directory takes a new file."""
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
        return False
    euid = _euid()
    if euid is not None and info.st_uid != euid and euid != 0:
        return False
    return os.access(target.parent, os.W_OK | os.X_OK)


def _mode(info: os.stat_result | None) -> int:
    if info is not None:
        return stat.S_IMODE(info.st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def replace(
    target: Path,
    data: bytes,
    mode: int,
    owner: os.stat_result | None = None,
    durable: bool = True,
) -> None:
    """Put ``data`` at ``target`` whole or not at all, never following a link there.

    The temporary file lives in the same directory (so the rename cannot cross file
    systems) and is removed on any failure; the rename replaces the name itself, so a
    symbolic link at ``target`` is replaced, never written through. One that a killed
    save left behind is removed by a later save once it is an hour old. Unless
    ``durable`` is false (a file that can be made again, such as a cache entry), the data
    is on disk before the rename and the rename before the return.
    """
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if durable:
                os.fsync(f.fileno())
        if owner is not None:
            _chown(tmp, owner)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sweep(target)
    if durable:
        _sync_dir(target.parent)


def _chown(tmp: str, owner: os.stat_result) -> None:
    """Give the new file the old one's owner (root only) and group (where allowed); a
    platform without owners (Windows) has nothing to keep."""
    euid, chown = _euid(), getattr(os, "chown", None)
    if euid is None or chown is None:
        return
    with contextlib.suppress(OSError):
        chown(tmp, owner.st_uid if euid == 0 else -1, owner.st_gid)


def _in_place(path: Path, data: bytes, info: os.stat_result) -> None:
    """Open and write, as `>` does; without blocking on a FIFO that has no reader."""
    flags = _IN_PLACE | _NONBLOCK | (os.O_TRUNC if stat.S_ISREG(info.st_mode) else 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        if e.errno == errno.ENXIO:
            raise OutputError(f"cannot write {path}: nothing is reading from it") from None
        raise
    try:
        if _NONBLOCK:
            os.set_blocking(fd, True)
        _write_all(fd, data)
        if stat.S_ISREG(info.st_mode):
            os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _sync_dir(folder: Path) -> None:
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _sweep(target: Path) -> None:
    cutoff = time.time() - STALE_SECONDS
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        try:
            if leftover.lstat().st_mtime < cutoff and stat.S_ISREG(leftover.lstat().st_mode):
                leftover.unlink()
        except OSError:
            pass
