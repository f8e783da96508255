"""``geo batch``: the command line of :mod:`geo.batch` (kept apart from :mod:`geo.cli` for size)."""

from __future__ import annotations

from pathlib import Path

import click

from .options import (
    EXIT_FAILURES,
    EXIT_STATUSES,
    check_online,
    lang_option,
    limit_options,
    online_options,
    raw_csv_option,
)

__all__ = ["batch"]


@click.command(epilog=EXIT_STATUSES)
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file: .parquet (GeoParquet), .geojson, .jsonl or .csv.",
)
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes (default: every core).")
@click.option("--engine", type=click.Choice(["processes", "dask"]), default="processes", show_default=True)
@click.option("--scheduler", metavar="URL", help="Dask scheduler (tcp://host:8786); default: a local cluster.")
@click.option("--gazetteer", "index_dir", type=click.Path(file_okay=False, path_type=Path), help="Index directory.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=32, show_default=True, help="Articles per partition.")
@click.option("--strict", is_flag=True, help="Stop at the first article that fails.")
@click.option("--no-dedup", is_flag=True, help="Keep one row per article's report of a claim.")
@click.option("--fresh", is_flag=True, help="Forget the partitions of earlier runs and start over.")
@click.option(
    "--retry-failed",
    is_flag=True,
    help="Extract again the articles that failed for their content in earlier runs (by default they are "
    "not: they would fail again; one refused by --max-chars or --article-timeout is tried again when raised).",
)
@click.option("--date", "published", metavar="YYYY-MM-DD", help="Publication date for every article.")
@lang_option
@click.option("--encoding", help="Text encoding of the articles (default: detect).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@limit_options
@raw_csv_option
@online_options
def batch(
    inputs, output, workers, engine, scheduler, index_dir, chunk_size, strict, no_dedup, fresh, retry_failed, published,
    lang, encoding, quiet, max_chars, article_timeout, raw_csv, online, online_url, user_agent, geonames_username,
) -> None:  # fmt: skip
    """Extract the claims of many ARTICLES (files, folders, '-' for JSON lines on stdin) into one table.

    Resumable: results are committed in OUTPUT.parts/ as they come, and a rerun with the same
    OUTPUT skips the articles already done. One bad record never stops the run: each failure (its
    input, line, article and reason) goes to OUTPUT.errors.jsonl and the rest is written.
    """
    from gazetteer import GazetteerError

    from ..batch import run_batch
    from ..errors import GeoError

    check_online(online, online_url, user_agent, geonames_username)
    online_config = None
    if online:
        online_config = {"service": online, "url": online_url, "user_agent": user_agent, "username": geonames_username}
    date = None
    if published:
        import datetime

        try:
            date = datetime.date.fromisoformat(published)
        except ValueError:
            raise click.BadParameter(f"{published!r} is not a date like 2020-10-20", param_hint="--date") from None
    try:
        report = run_batch(
            list(inputs),
            output,
            workers=workers,
            engine=engine,
            scheduler=scheduler,
            index_dir=index_dir,
            chunk_size=chunk_size,
            strict=strict,
            dedup=not no_dedup,
            fresh=fresh,
            encoding=encoding,
            date=date,
            language=None if lang == "auto" else lang,
            online=online_config,
            show_progress=False if quiet else None,
            retry_failed=retry_failed,
            max_chars=max_chars,
            article_timeout=article_timeout,
            raw_csv=raw_csv,
        )
    except (GazetteerError, GeoError) as err:
        raise click.ClickException(str(err)) from None
    for warning in report.warnings[:20]:
        click.echo(f"geo: warning: {warning}", err=True)
    if len(report.warnings) > 20:
        click.echo(f"geo: ... and {len(report.warnings) - 20} more warning(s)", err=True)
    done = f"{report.already_done} already done, " if report.already_done else ""
    repeated = f"{report.repeated} repeated, " if report.repeated else ""
    empty = f"{report.empty} empty, " if report.empty else ""
    failed = f"{report.failed} failed"
    if report.failed_before:
        failed += f", {report.failed_before} of them in an earlier run and not retried (--retry-failed)"
    click.echo(
        f"extracted {report.extracted} article(s) ({done}{repeated}{empty}{failed}) in {report.seconds:.1f} s"
        f" ({report.rate:.0f}/s, {report.workers} worker(s), engine {report.engine}); "
        f"{report.claims} claim(s); wrote {report.rows} row(s) to {output}"
        + (f" ({report.merged} merged as repeated reports)" if report.merged else ""),
        err=True,
    )
    if report.unresolved:
        names = "; ".join(f"{name!r} ({reason})" for name, reason in report.unresolved[:10])
        more = f" and {len(report.unresolved) - 10} more" if len(report.unresolved) > 10 else ""
        click.echo(
            f"geo: warning: online lookup failed for {len(report.unresolved)} name(s), left unresolved "
            f"(asked again next run): {names}{more}",
            err=True,
        )
    if report.failed:
        click.echo(f"geo: {report.failed} record(s) failed; each is listed in {report.errors_file}", err=True)
        raise SystemExit(EXIT_FAILURES)
