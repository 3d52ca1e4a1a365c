"""Files a person names on the command line for a questionnaire (answers, O*NET's items,
a saved profile): read whole up to 1 MiB, or refused in one line as a usage error."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from fitcareer.errors import UsageError

MAX_BYTES = 1024 * 1024


def read_given(path: Path, what: str) -> bytes:
    """At most one byte over the limit, so `<(...)` pipes work and `/dev/zero` cannot fill
    memory; a FIFO with no writer reads as empty instead of waiting for one."""
    try:
        if stat.S_ISDIR(os.stat(path).st_mode):
            raise UsageError(f"{what} '{path}' is a directory")
        nonblocking = getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, os.O_RDONLY | nonblocking | getattr(os, "O_BINARY", 0))
        if nonblocking:
            os.set_blocking(fd, True)  # then read as written: to its end, or at once if no writer
        with os.fdopen(fd, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise UsageError(f"{what} '{path}': no such file") from None
    except OSError as e:
        raise UsageError(f"{what} '{path}': {e.strerror or e}") from None
    if len(raw) > MAX_BYTES:
        raise UsageError(f"{what} '{path}' is larger than 1 MiB")
    return raw
