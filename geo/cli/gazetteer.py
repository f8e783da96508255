"""``geo gazetteer build`` and ``geo gazetteer info``: the place index."""

from __future__ import annotations

from pathlib import Path

import click

from .options import fail

__all__ = ["gazetteer"]


@click.group()
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
        raise fail(err) from None
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
        raise fail(err) from None
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
