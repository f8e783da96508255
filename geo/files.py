"""Writing output files atomically: a reader never sees half a file, a failure never eats the old one.

A full disk (or a quota, or a vanished directory) while writing is one clear line, never a
traceback: :func:`disk_error` turns the :class:`OSError` into a :class:`~geo.errors.DiskFull` (or
:class:`~geo.errors.OutputError`) naming the file and saying what became of it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from .errors import DiskFull, OutputError

__all__ = ["atomic_text", "disk_error", "DISK_FULL"]

#: The error numbers of a full disk or an exhausted quota.
DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_WRITE_ERRORS = DISK_FULL | {errno.EIO, errno.EROFS}


def disk_error(path: str | Path, err: OSError, what: str) -> OutputError:
    """``err``, raised while writing ``path``, as the one-line error the command line prints;
    ``what`` says what became of the output ("the partial file was removed")."""
    reason = err.strerror or " ".join(str(err).split()) or type(err).__name__
    if err.errno in DISK_FULL:
        return DiskFull(f"{path}: the disk is full ({reason}); {what}")
    return OutputError(f"{path}: cannot write ({reason}); {what}")


def exit_on_termination() -> None:
    """Make SIGTERM (``kill``, ``timeout``) end the process as an exception does, so that an output
    being written atomically is removed, not left as a stray temporary file."""
    if threading.current_thread() is not threading.main_thread():
        return

    def _stop(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _stop)


@contextlib.contextmanager
def atomic_text(path: str | Path) -> Iterator[TextIO]:
    """Open a temporary file beside ``path`` for writing text; on success it replaces ``path``.

    Raises :class:`OutputError` (one line, naming the path) when the directory is missing or
    not writable, and :class:`~geo.errors.DiskFull` when the disk fills up while writing. If the
    body raises, the temporary file is removed and ``path`` is untouched.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{target}: the directory {directory} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as err:
        raise OutputError(f"{target}: cannot write here ({err.strerror or err})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as err:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(err, OSError) and not isinstance(err, OutputError) and err.errno in _WRITE_ERRORS:
            kept = "the old file is unchanged" if target.exists() else "nothing was written"
            raise disk_error(target, err, f"the partial output was removed and {kept}") from None
        raise
