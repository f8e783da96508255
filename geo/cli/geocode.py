"""``geo geocode``: the places a name may denote, in any script."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

from .options import CountryCodes, LatLon, check_online, fail, online_options, raw_csv_option

__all__ = ["geocode"]


@click.command()
@click.argument("names", nargs=-1)
@click.option(
    "--input",
    "input_path",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Read names one per line from FILE, or '-' for standard input.",
)
@click.option("--gazetteer", "index_dir", type=click.Path(file_okay=False, path_type=Path), help="Index directory.")
@click.option("--country", type=CountryCodes(), help="Favour places in these countries.")
@click.option("--near", type=LatLon(), help="Favour places near this point.")
@click.option("--limit", type=click.IntRange(min=1, max=100), default=5, show_default=True, help="Results per name.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table", show_default=True
)
@click.option("--workers", type=click.IntRange(min=1), help="Processes for --input batches (default: CPUs, at most 4).")
@raw_csv_option
@online_options
def geocode(
    names, input_path, index_dir, country, near, limit, fmt, workers, raw_csv, online, online_url, user_agent,
    geonames_username,
) -> None:  # fmt: skip
    """Find the places NAMES (any script) may denote, best first.

    With --online, a name the offline gazetteer cannot find is looked up on the web service, once
    ever (answers are cached in online.sqlite in the cache directory, or $GEO_ONLINE_CACHE), and every
    result gets a "source": "offline", "nominatim" or "geonames".
    """
    from gazetteer import Gazetteer, GazetteerError
    from gazetteer.parallel import default_workers

    from ..errors import GeoError
    from ..queries import geocode_all, write_results

    if not names and not input_path:
        raise click.UsageError("give names as arguments or --input FILE|-")
    check_online(online, online_url, user_agent, geonames_username)
    workers = workers or (default_workers() if input_path else 1)
    options = {"limit": limit, "country": country, "near": near}
    fallback = None
    try:
        if online:
            from ..online import make_online

            fallback = make_online(online, url=online_url, user_agent=user_agent, username=geonames_username)
        with Gazetteer.open(index_dir) as gz:
            rows = geocode_all(_queries(names, input_path), gz, workers=workers, **options)
            if fallback is None:
                write_results(rows, sys.stdout, fmt, raw_csv=raw_csv)
            else:
                from ..online.output import resolve_rows, write_marked

                rows = resolve_rows(rows, fallback, country_codes=country or ())
                write_marked(rows, sys.stdout, fmt, raw_csv=raw_csv)
    except (GazetteerError, GeoError) as err:
        sys.stdout.flush()
        raise fail(err) from None
    finally:
        if fallback is not None:
            fallback.close()
    if fallback is not None and (message := fallback.failure_message()):
        sys.stdout.flush()
        click.echo(f"geo: warning: {message}", err=True)


def _queries(names: tuple[str, ...], input_path: str | None) -> Iterator[str]:
    from ..errors import InputError
    from ..queries import read_queries
    from ..readers.hygiene import Hygiene

    clean = Hygiene().clean  # an argument's undecodable bytes arrive as lone surrogates: never printable
    yield from (clean(name) for name in names)
    if not input_path:
        return
    if input_path == "-":
        yield from read_queries(sys.stdin.buffer, name="<stdin>")
        return
    try:
        fh = open(input_path, "rb")  # noqa: SIM115 - only open() errors are caught here
    except OSError as err:
        raise InputError(f"{input_path}: cannot read ({err.strerror or err})") from None
    with fh:
        yield from read_queries(fh, name=input_path)
