"""``geo extract``: the places and attributed claims of articles, as GeoJSON, JSON lines or CSV."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import IsoDate, check_online, fail, lang_option, online_options

__all__ = ["extract"]


@click.command()
@click.argument("articles", nargs=-1, required=True)
@click.option("--date", "published", type=IsoDate(), help="Publication date (overrides sidecars and metadata).")
@lang_option
@click.option("--gazetteer", "index_dir", type=click.Path(file_okay=False, path_type=Path), help="Index directory.")
@click.option("--format", "fmt", type=click.Choice(["geojson", "jsonl", "csv"]), default="geojson", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout).")
@click.option("--encoding", help="Text encoding of the articles (default: detect UTF-8/16 or Windows-1256).")
@click.option("--skip-bad-lines", is_flag=True, help="Skip and count broken JSONL records instead of stopping.")
@click.option(
    "--explain",
    is_flag=True,
    help="Add mention_evidence to every place: the features that decided it was a place, with their weights.",
)
@online_options
def extract(
    articles, published, lang, index_dir, fmt, output, encoding, skip_bad_lines, explain, online, online_url,
    user_agent, geonames_username,
) -> None:  # fmt: skip
    """Find the places and attributed claims of ARTICLES (text, HTML, JSON/JSONL; '-' for stdin).

    With --online, a place name announced as a town or village ("قرية X", "the town of X") that the
    offline gazetteer cannot resolve is looked up on the web service (once ever; cached).
    """
    import dataclasses

    from gazetteer import Gazetteer, GazetteerError

    from ..errors import GeoError
    from ..files import atomic_text
    from ..options import ExtractOptions
    from ..output import write_features
    from ..pipeline import Extractor
    from ..readers import read_articles

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
            from ..online import make_online

            fallback = make_online(online, url=online_url, user_agent=user_agent, username=geonames_username)
        with Gazetteer.open(index_dir) as gz:
            options = ExtractOptions()
            if explain:
                options = dataclasses.replace(options, mentions=dataclasses.replace(options.mentions, explain=True))
            extractor = Extractor(gz, online=fallback, options=options)
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
        raise fail(err) from None
