"""The ``geo`` command line: a thin edge over the gazetteer and the article pipeline.

Heavy modules are imported inside the commands, so ``geo --help`` and a single geocode start fast.
Errors the user can fix (a missing file, a bad line, a damaged index) become one clean line on
stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

from .cli_options import IsoDate, check_online, online_options

__all__ = ["main"]


class LatLon(click.ParamType):
    """``LAT,LON`` in decimal degrees."""

    name = "LAT,LON"

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        try:
            lat_text, lon_text = str(value).split(",")
            lat, lon = float(lat_text), float(lon_text)
        except ValueError:
            self.fail(f"{value!r} is not LAT,LON (e.g. 40.4,49.9)", param, ctx)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            self.fail(f"{value!r} is out of range (latitude -90..90, longitude -180..180)", param, ctx)
        return (lat, lon)


class CountryCodes(click.ParamType):
    """One or more ISO 3166-1 alpha-2 codes, comma-separated."""

    name = "CC[,CC...]"

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        codes = tuple(c.strip().upper() for c in str(value).split(",") if c.strip())
        bad = [c for c in codes if len(c) != 2 or not c.isalpha()]
        if bad or not codes:
            self.fail(f"{value!r} is not a two-letter country code (or a comma-separated list of them)", param, ctx)
        return codes


def _fail(err: Exception) -> click.ClickException:
    return click.ClickException(str(err))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="geo-claims", prog_name="geo")
def main() -> None:
    """Find places in war reporting, in any script, and map who claims what where."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("geo: %(message)s"))
    logger = logging.getLogger("gazetteer")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


# -- gazetteer --------------------------------------------------------------------------------
@main.group()
def gazetteer() -> None:
    """Build and inspect the place index."""


@gazetteer.command("build")
@click.option(
    "--geonames",
    "geonames",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="GeoNames dump (allCountries.zip, XX.zip, XX.txt); repeatable.",
)
@click.option(
    "--alternate-names",
    type=click.Path(dir_okay=False, path_type=Path),
    help="GeoNames alternateNamesV2.zip (or .txt) for language-tagged names.",
)
@click.option(
    "--supplement",
    "supplements",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV or GeoJSON of extra places or names; repeatable.",
)
@click.option(
    "--no-default",
    is_flag=True,
    help="Leave out the embedded default (cities500, countries, admin-1, curated supplement).",
)
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), help="Index directory (default: the user cache)."
)
@click.option("--skip-bad-lines", is_flag=True, help="Skip and count malformed lines instead of stopping at the first.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
def gazetteer_build(geonames, alternate_names, supplements, no_default, out, skip_bad_lines, quiet) -> None:
    """Build the place index from the embedded default and/or GeoNames dumps and supplements."""
    from gazetteer import GazetteerError, build_index, default_index_dir
    from gazetteer.sources import GeoNamesAlternateNames, GeoNamesDump, Supplement, default_sources

    on_error = "skip" if skip_bad_lines else "raise"
    sources = [] if no_default else default_sources()
    sources += [GeoNamesDump(p, on_error=on_error) for p in geonames]
    if alternate_names:
        sources.append(GeoNamesAlternateNames(alternate_names, on_error=on_error))
    sources += [Supplement(p, on_error=on_error) for p in supplements]
    if not sources:
        raise click.UsageError("nothing to build: --no-default needs --geonames or --supplement")
    target = out or default_index_dir()
    try:
        path = build_index(sources, target, show_progress=None if not quiet else False)
    except GazetteerError as err:
        raise _fail(err) from None
    skipped = sum(s.skipped for s in sources)
    note = f", {skipped} malformed line(s) skipped" if skipped else ""
    click.echo(f"built {path}{note}", err=True)


@gazetteer.command("info")
@click.option("--gazetteer", "index_dir", type=click.Path(file_okay=False, path_type=Path), help="Index directory.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def gazetteer_info(index_dir, fmt) -> None:
    """Print the index's sources, counts and size."""
    import json

    from gazetteer import Gazetteer, GazetteerError

    try:
        with Gazetteer.open(index_dir) as gz:
            info = gz.info()
    except GazetteerError as err:
        raise _fail(err) from None
    if fmt == "json":
        click.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    click.echo(f"index      {info['path']}")
    click.echo(
        f"format     {info['format']} (package {info['package_version']}), built {info['built_at']} in {info['build_seconds']:.0f} s"
    )
    click.echo(f"places     {info['places']:,}")
    click.echo(f"names      {info['names']:,}")
    click.echo(f"size       {info['size_bytes'] / 1e6:.1f} MB")
    click.echo("sources")
    for src in info["sources"]:
        skipped = f", {src['skipped']} skipped" if src.get("skipped") else ""
        click.echo(f"  {src['name']:26} {src['places']:>9,} places {src['names']:>10,} names{skipped}")
        click.echo(f"  {'':26} {src['path']}")
        click.echo(f"  {'':26} licence: {src['licence']}; {src['attribution']}")


# -- geocode ----------------------------------------------------------------------------------
@main.command()
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
@online_options
def geocode(
    names, input_path, index_dir, country, near, limit, fmt, workers, online, online_url, user_agent, geonames_username
) -> None:
    """Find the places NAMES (any script) may denote, best first.

    With --online, a name the offline gazetteer cannot find is looked up on the web service, once
    ever (answers are cached in online.sqlite in the cache directory, or $GEO_ONLINE_CACHE), and every
    result gets a "source": "offline", "nominatim" or "geonames".
    """
    from gazetteer import Gazetteer, GazetteerError
    from gazetteer.parallel import default_workers

    from .errors import GeoError
    from .queries import geocode_all, write_results

    if not names and not input_path:
        raise click.UsageError("give names as arguments or --input FILE|-")
    check_online(online, online_url, user_agent, geonames_username)
    workers = workers or (default_workers() if input_path else 1)
    options = {"limit": limit, "country": country, "near": near}
    fallback = None
    try:
        if online:
            from .online import make_online

            fallback = make_online(online, url=online_url, user_agent=user_agent, username=geonames_username)
        with Gazetteer.open(index_dir) as gz:
            rows = geocode_all(_queries(names, input_path), gz, workers=workers, **options)
            if fallback is None:
                write_results(rows, sys.stdout, fmt)
            else:
                from .online.output import resolve_rows, write_marked

                write_marked(resolve_rows(rows, fallback, country_codes=country or ()), sys.stdout, fmt)
    except (GazetteerError, GeoError) as err:
        sys.stdout.flush()
        raise _fail(err) from None
    finally:
        if fallback is not None:
            fallback.close()
    if fallback is not None and (message := fallback.failure_message()):
        sys.stdout.flush()
        click.echo(f"geo: warning: {message}", err=True)


# -- extract ----------------------------------------------------------------------------------
@main.command()
@click.argument("articles", nargs=-1, required=True)
@click.option("--date", "published", type=IsoDate(), help="Publication date (overrides sidecars and metadata).")
@click.option("--lang", type=click.Choice(["ar", "en", "auto"]), default="auto", show_default=True)
@click.option("--gazetteer", "index_dir", type=click.Path(file_okay=False, path_type=Path), help="Index directory.")
@click.option("--format", "fmt", type=click.Choice(["geojson", "jsonl", "csv"]), default="geojson", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout).")
@click.option("--encoding", help="Text encoding of the articles (default: detect UTF-8/16 or Windows-1256).")
@click.option("--skip-bad-lines", is_flag=True, help="Skip and count broken JSONL records instead of stopping.")
@online_options
def extract(
    articles, published, lang, index_dir, fmt, output, encoding, skip_bad_lines, online, online_url, user_agent,
    geonames_username,
) -> None:  # fmt: skip
    """Find the places and attributed claims of ARTICLES (text, HTML, JSON/JSONL; '-' for stdin).

    With --online, a place name announced as a town or village ("قرية X", "the town of X") that the
    offline gazetteer cannot resolve is looked up on the web service (once ever; cached).
    """
    import dataclasses

    from gazetteer import Gazetteer, GazetteerError

    from .errors import GeoError
    from .files import atomic_text
    from .output import write_features
    from .pipeline import Extractor
    from .readers import read_articles

    try:
        items = []
        for path in articles:
            result = read_articles(path, encoding=encoding, date=published, skip_bad_lines=skip_bad_lines)
            for warning in result.warnings:
                click.echo(f"geo: warning: {warning}", err=True)
            if result.skipped:
                click.echo(f"geo: {path}: {result.skipped} broken record(s) skipped", err=True)
            items += result.articles
        if lang != "auto":
            items = [dataclasses.replace(a, language=lang) for a in items]
        check_online(online, online_url, user_agent, geonames_username)
        fallback = None
        if online:
            from .online import make_online

            fallback = make_online(online, url=online_url, user_agent=user_agent, username=geonames_username)
        with Gazetteer.open(index_dir) as gz:
            extractor = Extractor(gz, online=fallback)
            features = (f for a in items for part in extractor.iter_features(a) for f in part)
            if output is None:
                write_features(features, sys.stdout, fmt)
            else:
                with atomic_text(output) as fh:
                    write_features(features, fh, fmt)
        for warning in extractor.warnings:
            click.echo(f"geo: warning: {warning}", err=True)
        if fallback is not None and fallback.failures:
            click.echo(f"geo: warning: {fallback.failure_message()}", err=True)
    except (GazetteerError, GeoError) as err:
        raise _fail(err) from None


def _queries(names: tuple[str, ...], input_path: str | None) -> Iterator[str]:
    from .errors import InputError
    from .queries import read_queries

    yield from names
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


def _register() -> None:
    from .cli_batch import batch
    from .cli_map import map_command

    main.add_command(batch)
    main.add_command(map_command)


_register()

if __name__ == "__main__":  # pragma: no cover
    main()
