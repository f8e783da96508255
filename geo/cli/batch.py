"""``geo batch``: the command line of :mod:`geo.batch` (kept apart from :mod:`geo.cli` for size)."""

from __future__ import annotations

from pathlib import Path

import click

from .options import check_online, lang_option, online_options

__all__ = ["batch"]


@click.command()
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
@click.option("--date", "published", metavar="YYYY-MM-DD", help="Publication date for every article.")
@lang_option
@click.option("--encoding", help="Text encoding of the articles (default: detect).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@online_options
def batch(
    inputs, output, workers, engine, scheduler, index_dir, chunk_size, strict, no_dedup, fresh, published, lang, encoding,
    quiet, online, online_url, user_agent, geonames_username,
) -> None:  # fmt: skip
    """Extract the claims of many ARTICLES (files, folders, '-' for JSON lines on stdin) into one table.

    Resumable: results are committed in OUTPUT.parts/ as they come, and a rerun with the same
    OUTPUT skips the articles already done. Failures go to OUTPUT.errors.jsonl.
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
        )
    except (GazetteerError, GeoError) as err:
        raise click.ClickException(str(err)) from None
    done = f"{report.already_done} already done, " if report.already_done else ""
    repeated = f"{report.repeated} repeated, " if report.repeated else ""
    click.echo(
        f"extracted {report.extracted} article(s) ({done}{repeated}{report.failed} failed) in {report.seconds:.1f} s"
        f" ({report.rate:.0f}/s, {report.workers} {report.engine} worker(s)); "
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
        click.echo(f"geo: warning: {report.failed} input(s) failed; see {report.errors_file}", err=True)
