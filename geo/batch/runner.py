"""``geo batch``: a corpus of articles to one table of claims, in parallel, resumable, loss-free.

The run: find the inputs, skip the articles whose content key is already committed in
``OUT.parts/``, extract the rest in chunks on an engine (this process, a process pool, or Dask),
commit each chunk's records as a partition the moment it returns, then merge every partition
(de-duplicating claims across articles) into ``OUT`` with one atomic rename. Killed at any point,
a run loses at most the chunks in flight; the next run with the same ``OUT`` picks up from there.

One record never stops the run: a record that cannot be read, an article whose extraction raises or
runs past ``article_timeout``, rows that cannot be written, each is that record's failure, committed
like a result and listed in ``OUT.errors.jsonl``; what stops a run is what concerns every record (the
output's disk is full, the output is locked, the engine is gone, ``strict``).
"""

from __future__ import annotations

import contextlib
import gc
import sys
import time
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

from ..errors import GeoError, OutputError
from ..readers.hygiene import Limits
from .engines import make_engine
from .inputs import discover
from .merge import errors_path, output_format, write_output
from .plan import Plan
from .store import PartitionStore
from .work import Chunk

__all__ = ["BatchError", "BatchReport", "run_batch"]


class BatchError(GeoError):
    """A batch stopped: ``--strict`` and an article failed, or it was interrupted."""


@dataclass(slots=True)
class BatchReport:
    """What a run did: articles extracted now, skipped (done before, repeated, empty, failed before and
    not tried again), failed, and the output. ``failed`` counts every failure the output lists (this
    run's and those kept from earlier runs), ``failed_now`` this run's."""

    output: Path
    extracted: int = 0
    already_done: int = 0
    repeated: int = 0
    empty: int = 0
    failed: int = 0
    failed_now: int = 0
    failed_before: int = 0
    claims: int = 0
    rows: int = 0
    merged: int = 0
    seconds: float = 0.0
    merge_seconds: float = 0.0
    engine: str = ""
    workers: int = 0
    peak_worker_rss_mb: dict[int, float] = field(default_factory=dict)
    errors_file: Path | None = None
    #: Names the online fallback could not ask about (network trouble): (name, reason).
    unresolved: list[tuple[str, str]] = field(default_factory=list)
    #: What the readers said about the inputs (metadata dropped, characters replaced).
    warnings: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Articles extracted per second of wall time."""
        return self.extracted / self.seconds if self.seconds else 0.0


def run_batch(
    inputs: list[str],
    output: str | Path,
    *,
    workers: int | None = None,
    engine: str = "processes",
    scheduler: str | None = None,
    index_dir: str | Path | None = None,
    chunk_size: int = 32,
    strict: bool = False,
    dedup: bool = True,
    fresh: bool = False,
    encoding: str | None = None,
    date: Date | None = None,
    language: str | None = None,
    online: dict | None = None,
    show_progress: bool | None = None,
    retry_failed: bool = False,
    max_chars: int | None = None,
    article_timeout: float = 0.0,
    raw_csv: bool = False,
) -> BatchReport:
    """Extract every article of ``inputs`` (files, folders, ``-`` for JSON lines on stdin) into ``output``.

    ``output``'s suffix picks the format: ``.parquet`` (GeoParquet), ``.geojson``, ``.jsonl`` or
    ``.csv``. Failures are listed in ``OUT.errors.jsonl`` and do not stop the run unless ``strict``.
    ``fresh`` forgets the committed partitions and starts over. ``online`` (keys ``service``, and
    optionally ``url``, ``user_agent``, ``username``) turns the online fallback on in every worker,
    each pacing its requests so that together they ask about one name a second. ``max_chars``
    bounds an article's length (default :data:`~geo.readers.hygiene.DEFAULT_MAX_CHARS`; 0: none),
    ``article_timeout`` its extraction time in seconds (0: none). An article that failed in an
    earlier run for its content is not tried again unless ``retry_failed`` (one refused by a limit
    is, when the limit is raised).
    """
    output = Path(output)
    fmt = output_format(output)
    if scheduler and engine != "dask":
        raise GeoError("--scheduler needs --engine dask")
    sources = discover(inputs, exclude=_own_files(output))
    report = BatchReport(output=output, engine=engine)
    started = time.perf_counter()
    with PartitionStore(output) as store:
        _clean_merge_leftovers(output)
        if fresh:
            store.clear()
        index_path = _check_index(index_dir)
        options = {"gazetteer": index_path, "language": language, "date": str(date or ""), "encoding": encoding}
        options["online"] = online.get("service") if online else None
        store.check_manifest(options, fresh=fresh)
        done, failed = store.outcomes()
        limits = Limits() if max_chars is None else Limits(max_chars=max_chars)
        plan = Plan(
            sources,
            done,
            chunk_size=chunk_size,
            failed=failed,
            retry_failed=retry_failed,
            article_timeout=article_timeout,
            limits=limits,
            encoding=encoding,
            date=date,
            language=language,
        )
        del failed
        bar = _bar(show_progress, sources)
        try:
            with make_engine(engine, workers, scheduler) as runner:
                report.engine, report.workers = runner.name, runner.workers
                online_config = None
                if online:  # every worker paces itself so that together they ask one name a second
                    online_config = (online["service"], online.get("url"), online.get("user_agent"))
                    online_config += (online.get("username"), float(runner.workers))

                def make(articles, keys) -> Chunk:
                    return Chunk(articles, keys, str(index_dir) if index_dir else None, online_config, article_timeout)

                for result in runner.run(plan.chunks(make, on_skip=bar.update if bar else lambda n: None)):
                    failures = plan.take_failures()
                    store.commit([*result.lines, *failures])
                    if result.worker:
                        report.peak_worker_rss_mb[result.worker] = result.peak_rss_mb
                    report.unresolved += result.unresolved
                    _count(report, result.summary, bar)
                    report.failed_now += len(failures)
                    errors = [f"{src}: {err}" for _, _, src, _, err in result.summary if err]
                    errors += [f"{f['source']}: {f['error']}" for f in failures]
                    if strict and errors:
                        raise BatchError(f"{errors[0]} (--strict)")
            failures = plan.take_failures()
            store.commit(failures)
            report.failed_now += len(failures)
            if strict and failures:
                raise BatchError(f"{failures[0]['source']}: {failures[0]['error']} (--strict)")
        except KeyboardInterrupt:
            raise BatchError(
                f"interrupted: {report.extracted} article(s) committed in {store.folder}; rerun to go on"
            ) from None
        except OutputError as err:  # the partitions' disk: every record is concerned
            raise type(err)(f"{err}; {report.extracted} article(s) committed before; rerun to go on") from None
        except GeoError:
            raise
        except Exception as err:  # the cluster went away, a worker died twice on one article
            reason = " ".join(str(err).split()) or "no reason given"
            raise BatchError(
                f"the {engine} engine stopped ({type(err).__name__}: {reason}); "
                f"{report.extracted} article(s) committed in {store.folder}; rerun to go on"
            ) from None
        finally:
            if bar is not None:
                bar.close()
        report.already_done, report.repeated = plan.already_done, plan.repeated
        report.empty, report.failed_before, report.warnings = plan.empty, plan.failed_before, plan.warnings
        if bar is not None:
            print(f"merging {len(store.partitions())} partition(s) into {output} ...", file=sys.stderr)
        merging = time.perf_counter()
        try:
            with _collector_paused():  # a few million new dicts, none in a cycle
                summary = write_output(store, plan.current, output, fmt, dedup=dedup, raw_csv=raw_csv)
        except KeyboardInterrupt:
            raise BatchError(f"interrupted during the merge: {output} is unchanged; rerun to merge again") from None
        except OutputError as err:
            raise type(err)(f"{err}; every result is kept in {store.folder}: rerun to merge again") from None
        except Exception as err:  # noqa: BLE001 (a bug, or a partition damaged by hand: said in one line)
            reason = " ".join(str(err).split())[:300]
            raise BatchError(
                f"the merge stopped ({type(err).__name__}: {reason}); {output} is unchanged and every result is "
                f"kept in {store.folder}"
            ) from None
        report.merge_seconds = time.perf_counter() - merging
    report.failed, report.rows, report.merged = summary.failed, summary.rows, summary.merged
    report.errors_file = errors_path(output) if summary.failed or summary.unresolved else None
    report.seconds = time.perf_counter() - started
    if strict and summary.failed:
        raise BatchError(
            f"{summary.failed} record(s) failed, first {summary.first_failure} (see {errors_path(output)}) (--strict)"
        )
    return report


def _own_files(output: Path) -> tuple[Path, ...]:
    """The files and folder a batch writes: never read as inputs."""
    return (output, output.with_name(output.name + ".parts"), errors_path(output))


def _clean_merge_leftovers(output: Path) -> None:
    """Temporary files of a merge that was killed mid-write."""
    parent = output.parent if str(output.parent) else Path(".")
    for name in (output.name, errors_path(output).name):
        for stale in parent.glob(f".{name}.*.tmp"):
            stale.unlink(missing_ok=True)


@contextlib.contextmanager
def _collector_paused():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_index(index_dir) -> str:
    """Open the index once here: the default one is built now (not by every worker at once), and
    a bad ``--gazetteer`` is reported before any work starts."""
    from gazetteer import Gazetteer

    with Gazetteer.open(Path(index_dir) if index_dir else None) as gz:
        return str(Path(gz.info()["path"]).resolve())


def _count(report: BatchReport, summary: list[tuple], bar) -> None:
    done = [claims for *_, claims, error in summary if error is None]
    report.extracted += len(done)
    report.claims += sum(done)
    report.failed += len(summary) - len(done)
    report.failed_now += len(summary) - len(done)
    if bar is not None:
        bar.update(len(done))
        postfix = {"claims": report.claims} | ({"failed": report.failed} if report.failed else {})
        bar.set_postfix(postfix, refresh=False)


def _estimate(sources) -> int | None:
    """How many articles the inputs hold, when cheap to tell (a line count for JSON lines)."""
    total = 0
    for s in sources:
        suffix = Path(s.path).suffix.lower()
        if s.path == "-" or suffix == ".json":
            return None
        if suffix in (".jsonl", ".ndjson", ".jsonlines"):
            try:
                with open(s.path, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                pass  # reported as a failure when read
        else:
            total += 1
    return total


def _bar(enabled: bool | None, sources):
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(
        total=_estimate(sources), desc="articles", unit="art", file=sys.stderr, dynamic_ncols=True, smoothing=0.1
    )
