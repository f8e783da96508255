"""The partitions of a batch: results committed atomically as they come, so a run can resume.

Beside the output ``OUT`` lives the folder ``OUT.parts/``. Each partition is one JSON-lines file
holding, per article, its content key (see :func:`.inputs.article_hash`) and either its features or
the reason it failed. A partition is written to a temporary file, flushed to disk and renamed into
place, so a crash leaves whole partitions only: a rerun reads the keys already done and skips them.
One run at a time: the folder is locked while a batch writes to it (a POSIX record lock, which
worker processes do not inherit, so it goes with the process that took it). ``manifest.json`` holds
the options the results were made with; a run with other options must start over (``--fresh``).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import OutputError
from ..files import disk_error
from ..readers.failure import json_line

__all__ = ["PartitionStore", "Record"]

#: One article's outcome: {"key", "article", "source", "features": [...]} or {..., "error": reason}.
Record = dict


class PartitionStore:
    """The ``OUT.parts/`` folder of a batch output ``OUT``."""

    def __init__(self, output: Path):
        self.output = Path(output)
        self.folder = self.output.with_name(self.output.name + ".parts")
        self._lock_fh = None
        self._run = f"{time.time_ns():x}-{os.getpid()}"
        self._seq = 0
        self._located: list[Path] = []  # the partitions as numbered by located_records
        self._open: dict[int, object] = {}  # partition number -> open file, for read_at

    def __enter__(self) -> PartitionStore:
        parent = self.output.parent if str(self.output.parent) else Path(".")
        if not parent.is_dir():
            raise OutputError(f"{self.output}: the directory {parent} does not exist")
        try:
            self.folder.mkdir(exist_ok=True)
            self._lock_fh = open(self.folder / "lock", "w")  # noqa: SIM115 (held for the run)
        except OSError as err:
            raise OutputError(f"{self.folder}: cannot write here ({err.strerror or err})") from None
        try:
            fcntl.lockf(self._lock_fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._lock_fh.close()
            raise OutputError(
                f"{self.output}: another batch is writing to it (locked: {self.folder / 'lock'})"
            ) from None
        for stale in self.folder.glob(".part-*.tmp"):  # left by a run that was killed mid-write
            stale.unlink(missing_ok=True)
        return self

    def __exit__(self, *exc) -> None:
        for fh in self._open.values():
            fh.close()
        self._open.clear()
        if self._lock_fh is not None:
            self._lock_fh.close()
            self._lock_fh = None

    def partitions(self) -> list[Path]:
        """The committed partitions, oldest first."""
        if not self.folder.is_dir():
            return []
        return sorted(self.folder.glob("part-*.jsonl"))

    def records(self) -> Iterator[Record]:
        """Every committed record, oldest first (a later record of the same key supersedes it)."""
        import orjson

        for part in self.partitions():
            with open(part, "rb") as fh:
                for line in fh:
                    if line.strip():
                        yield orjson.loads(line)

    def located_records(self) -> Iterator[tuple[int, Record, int]]:
        """Every committed record with where it is: (partition number, record, byte offset)."""
        import orjson

        self._located = self.partitions()
        for number, part in enumerate(self._located):
            with open(part, "rb") as fh:
                offset = 0
                for line in fh:
                    if line.strip():
                        yield number, orjson.loads(line), offset
                    offset += len(line)

    def read_at(self, number: int, offset: int) -> Record:
        """The record at ``offset`` of partition ``number`` (as :meth:`located_records` gave it)."""
        import orjson

        fh = self._open.get(number)
        if fh is None:
            if len(self._open) >= 64:  # a few files open at a time
                self._open.pop(next(iter(self._open))).close()
            fh = self._open[number] = open(self._located[number], "rb")  # noqa: SIM115 (closed on exit)
        fh.seek(offset)
        return orjson.loads(fh.readline())

    def done_keys(self) -> set[str]:
        """Keys of the articles extracted completely (see :meth:`outcomes`)."""
        return self.outcomes()[0]

    def outcomes(self) -> tuple[set[str], dict[str, dict]]:
        """What earlier runs settled: the keys of the articles extracted completely, and the latest
        failure record of each key that failed (without its features: they are not kept). Articles
        whose online lookups failed are neither, so the next run tries them again."""
        done: set[str] = set()
        failed: dict[str, dict] = {}
        for r in self.records():
            key = r["key"]
            if "error" in r:
                done.discard(key)
                failed[key] = r
            elif r.get("unresolved"):
                done.discard(key)
                failed.pop(key, None)
            else:
                done.add(key)
                failed.pop(key, None)
        return done, failed

    def check_manifest(self, options: dict, *, fresh: bool) -> None:
        """Refuse to mix results made with other options; record the options of this run."""
        path = self.folder / "manifest.json"
        if path.exists() and not fresh and self.partitions():
            try:
                before = json.loads(path.read_text("utf-8")).get("options", {})
            except (OSError, ValueError):
                before = {}
            changed = sorted(k for k in set(before) | set(options) if before.get(k) != options.get(k))
            if changed:
                raise OutputError(
                    f"{self.output}: its results were made with other options ({', '.join(changed)}); "
                    "rerun with --fresh to start over, or write to another output"
                )
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"options": options}, indent=1, sort_keys=True), "utf-8")
        os.replace(tmp, path)

    def commit(self, records: list[Record] | list[str]) -> Path | None:
        """Write ``records`` (dicts, or their JSON lines) as one new partition, whole or not at all."""
        if not records:
            return None
        self._seq += 1
        target = self.folder / f"part-{self._run}-{self._seq:06d}.jsonl"
        try:
            fd, tmp = tempfile.mkstemp(prefix=".part-", suffix=".tmp", dir=self.folder)
        except OSError as err:
            raise disk_error(self.folder, err, "nothing was written") from None
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                for r in records:
                    fh.write((r if isinstance(r, str) else json_line(r)) + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException as err:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            if isinstance(err, OSError):
                raise disk_error(self.folder, err, "the partition being written was removed") from None
            raise
        return target

    def clear(self) -> None:
        """Forget every committed partition (``--fresh``)."""
        for part in self.partitions():
            part.unlink()
