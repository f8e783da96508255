"""``geo extract``: the places and attributed claims of articles, as GeoJSON, JSON lines or CSV.

One record never stops the run: a record that cannot be read, an article whose extraction raises
or runs past ``--article-timeout``, rows that cannot be written, each is that record's failure (a
line on stderr, a row of ``OUTPUT.errors.jsonl``) and every other article is written. The exit
status says which way it went (see :data:`~.options.EXIT_STATUSES`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import (
    EXIT_FAILURES,
    EXIT_STATUSES,
    EXIT_STOPPED,
    IsoDate,
    check_online,
    fail,
    lang_option,
    limit_options,
    online_options,
    raw_csv_option,
)

__all__ = ["extract"]

#: Failures printed one by one on stderr when they also go to a file; the rest are counted.
_SHOWN = 20


@click.command(epilog=EXIT_STATUSES)
@click.argument("articles", nargs=-1, required=True)
@click.option("--date", "published", type=IsoDate(), help="Publication date (overrides sidecars and metadata).")
@lang_option
@click.option("--gazetteer", "index_dir", type=click.Path(file_okay=False, path_type=Path), help="Index directory.")
@click.option("--format", "fmt", type=click.Choice(["geojson", "jsonl", "csv"]), default="geojson", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout).")
@click.option("--encoding", help="Text encoding of the articles (default: detect UTF-8/16 or Windows-1256).")
@click.option(
    "--failures",
    "failures_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the failed records here as JSON lines (default: OUTPUT.errors.jsonl beside -o; none for stdout).",
)
@click.option("--strict", is_flag=True, help="Stop at the first record that fails (nothing is written to -o).")
@click.option("--skip-bad-lines", is_flag=True, hidden=True, help="Kept for old scripts: now always so.")
@click.option(
    "--explain",
    is_flag=True,
    help="Add mention_evidence to every place: the features that decided it was a place, with their weights.",
)
@limit_options
@raw_csv_option
@online_options
def extract(
    articles, published, lang, index_dir, fmt, output, encoding, failures_path, strict, skip_bad_lines, explain,
    max_chars, article_timeout, raw_csv, online, online_url, user_agent, geonames_username,
) -> None:  # fmt: skip
    """Find the places and attributed claims of ARTICLES (text, HTML, JSON/JSONL files, folders; '-' for stdin).

    A broken record (invalid or too deeply nested JSON, not text, longer than --max-chars, failing
    or too slow to extract) is a failure of its own: it is listed and every other article is written.

    With --online, a place name announced as a town or village ("قرية X", "the town of X") that the
    offline gazetteer cannot resolve is looked up on the web service (once ever; cached).
    """
    from gazetteer import Gazetteer, GazetteerError

    from ..errors import GeoError
    from ..files import atomic_text, exit_on_termination

    exit_on_termination()
    from ..readers import Limits, discover

    check_online(online, online_url, user_agent, geonames_username)
    if failures_path is None and output is not None:
        from ..batch.merge import errors_path

        failures_path = errors_path(output)
    run = _Run(fmt, raw_csv, strict, article_timeout)
    try:
        sources = discover(list(articles), exclude=tuple(p for p in (output, failures_path) if p is not None))
        fallback = None
        if online:
            from ..online import make_online

            fallback = make_online(online, url=online_url, user_agent=user_agent, username=geonames_username)
        options = {"encoding": encoding, "date": published, "language": None if lang == "auto" else lang}
        options["limits"] = Limits(max_chars=max_chars)
        with Gazetteer.open(index_dir) as gz:
            run.extractor = _extractor(gz, fallback, explain)
            if output is None:
                run.write(sources, options, sys.stdout)
            else:
                with atomic_text(output) as fh:
                    run.write(sources, options, fh)
        run.report(output, failures_path)
        if fallback is not None and fallback.failures:
            click.echo(f"geo: warning: {fallback.failure_message()}", err=True)
    except _Stopped as stop:
        run.report(None, failures_path)
        raise click.ClickException(str(stop)) from None
    except BrokenPipeError:  # the reader went away (`geo extract ... | head`): stop quietly
        _silence_stdout()
        sys.exit(EXIT_STOPPED)
    except (GazetteerError, GeoError) as err:
        raise fail(err) from None
    except OSError as err:  # writing to stdout (a full disk behind a redirection), or the machine
        if output is None:
            _silence_stdout()
            raise click.ClickException(
                f"cannot write to standard output ({err.strerror or err}); the output is incomplete"
            ) from None
        raise click.ClickException(f"{type(err).__name__}: {' '.join(str(err).split())}") from None
    if run.failures:
        sys.exit(EXIT_FAILURES)


class _Stopped(Exception):
    """The run stopped: nothing could be read, or a record failed under --strict."""


def _extractor(gazetteer, fallback, explain: bool):
    import dataclasses

    from ..options import ExtractOptions
    from ..pipeline import Extractor

    options = ExtractOptions()
    if explain:
        options = dataclasses.replace(options, mentions=dataclasses.replace(options.mentions, explain=True))
    return Extractor(gazetteer, online=fallback, options=options)


class _Run:
    """One ``geo extract``: reads the inputs, writes each article whole, collects the failures."""

    def __init__(self, fmt: str, raw_csv: bool, strict: bool, timeout: float):
        self.fmt, self.raw_csv, self.strict, self.timeout = fmt, raw_csv, strict, timeout
        self.extractor = None
        self.failures: list = []
        self.read = self.extracted = self.rows = 0
        self._ids: dict[str, str] = {}

    def write(self, sources, options: dict, out) -> None:
        from ..batch.budget import time_budget
        from ..errors import ArticleTimeout, UnwritableRows
        from ..output.stream import FeatureStream
        from ..readers import Failure, iter_inputs

        stream = FeatureStream(out, self.fmt, raw_csv=self.raw_csv)
        warnings: list[str] = []
        for item in iter_inputs(sources, warnings=warnings, **options):
            _echo_warnings(warnings)
            if isinstance(item, Failure):
                self._failed(item)
                continue
            self.read += 1
            if not item.title and not item.body:
                click.echo(f"geo: warning: {item.source or item.id}: empty article", err=True)
                continue
            article = self._unique(item)
            try:
                with time_budget(self.timeout):
                    self.rows += stream.add(self.extractor.iter_features(article))
                self.extracted += 1
            except ArticleTimeout:
                limit = {"article_timeout": self.timeout}
                self._failed(
                    _failure(article, f"took longer than --article-timeout {self.timeout:g} s", "timeout", limit)
                )
            except UnwritableRows as err:
                self._failed(_failure(article, str(err), "write"))
            except OSError:  # the output itself (a full disk, a closed pipe): every record is concerned
                raise
            except Exception as err:  # noqa: BLE001 (one article's failure is its own)
                self._failed(_failure(article, f"{type(err).__name__}: {' '.join(str(err).split())[:300]}", "extract"))
            _echo_warnings(self.extractor.warnings)
        _echo_warnings(warnings)
        if self.failures and not self.read:
            raise _Stopped(f"no article could be read ({len(self.failures)} input(s) failed); nothing written")
        stream.close()

    def _failed(self, failure) -> None:
        self.failures.append(failure)
        if self.strict:
            raise _Stopped(f"{failure.message} (--strict; nothing written)")

    def _unique(self, article):
        """Two different articles with one id (two feeds both numbering from 1): the second gets
        ``id~KEY``, as in ``geo batch``, so claim ids never collide."""
        import dataclasses

        from ..batch.inputs import article_hash

        key = article_hash(article)
        owner = self._ids.setdefault(article.id, key)
        return article if owner == key else dataclasses.replace(article, id=f"{article.id}~{key[:8]}")

    def report(self, output: Path | None, failures_path: Path | None) -> None:
        """The failures on stderr (and in their file) and, when writing a file, a one-line summary."""
        import contextlib

        from ..files import atomic_text

        if failures_path is not None:
            if self.failures:
                with atomic_text(failures_path) as fh:
                    for f in self.failures:
                        fh.write(f.json_line() + "\n")
            elif output is not None:
                with contextlib.suppress(FileNotFoundError):
                    failures_path.unlink()  # an old list of failures no longer true
        shown = self.failures if failures_path is None else self.failures[:_SHOWN]
        for f in shown:
            click.echo(f"geo: failed: {f.message}", err=True)
        if len(shown) < len(self.failures):
            click.echo(f"geo: ... and {len(self.failures) - len(shown)} more failure(s)", err=True)
        if output is not None or self.failures:
            listed = f" (listed in {failures_path})" if self.failures and failures_path is not None else ""
            where = f" to {output}" if output is not None else ""
            click.echo(
                f"geo: {self.extracted} article(s) extracted, {len(self.failures)} failed{listed}; "
                f"{self.rows} row(s) written{where}",
                err=True,
            )


def _failure(article, reason: str, stage: str, limit: dict | None = None):
    from ..batch.work import failure_of

    return failure_of(article, reason, stage, "limit" if limit else "content", limit)


def _echo_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        click.echo(f"geo: warning: {warning}", err=True)
    warnings.clear()


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush does not fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
