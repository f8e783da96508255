"""``geo map``: the command line of the map (kept apart from :mod:`geo.cli` for size).

Reads articles (extracted on the fly), GeoJSON FeatureCollections, JSON lines of features, and the
claims tables ``geo batch`` writes (GeoParquet, CSV); filters them; writes one HTML map atomically.
"""

from __future__ import annotations

from pathlib import Path

import click

from .options import IsoDate, lang_option

__all__ = ["map_command"]


@click.command("map")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="HTML file to write (default: the first input's name with .html).",
)
@click.option("--gazetteer", "index_dir", type=click.Path(file_okay=False, path_type=Path), help="Index directory.")
@click.option("--title", help="Title of the map (default: the article's headline).")
@click.option(
    "--tiles",
    default="openstreetmap",
    show_default=True,
    help="Base map: 'openstreetmap', any XYZ URL template, a local MBTiles file or {z}/{x}/{y} tile folder "
    "(offline), or 'none'.",
)
@click.option(
    "--assets",
    default="inline",
    show_default=True,
    metavar="inline|cdn|DIR",
    help="Leaflet's scripts: in the page (works offline), from a CDN, or copied into folder DIR and linked.",
)
@click.option("--date", "published", type=IsoDate(), help="Publication date of the articles.")
@lang_option
@click.option("--encoding", help="Text encoding of the articles.")
@click.option(
    "--since",
    type=IsoDate(),
    help="Only claims on or after this day. A claim's day is its date, else its article's publication "
    "day; with --since or --until, claims with neither are left out (without, all are kept).",
)
@click.option("--until", type=IsoDate(), help="Only claims on or before this day (same rule as --since).")
@click.option(
    "--side",
    "sides",
    multiple=True,
    metavar="CODE",
    help="Only claims by this side (AZ, AM, UN, media...); repeatable.",
)
@click.option(
    "--event-type",
    "event_types",
    multiple=True,
    metavar="TEXT",
    help="Only claims of this event or sub-event type ('Battles', 'Armed clash'); repeatable.",
)
def map_command(
    inputs, output, index_dir, title, tiles, assets, published, lang, encoding, since, until, sides, event_types
) -> None:
    """Draw ARTICLES, or the claims geo extract / geo batch wrote (GeoJSON, GeoParquet .parquet, CSV),
    as one interactive HTML map, with a time slider when the claims span several days."""
    import dataclasses

    from gazetteer import Gazetteer, GazetteerError
    from maps import MapError, filter_claims, page_options, render

    from ..errors import GeoError, InputError
    from ..files import atomic_text
    from ..readers import read_articles

    target = output or Path(inputs[0]).with_suffix(".html") if inputs[0] != "-" else output or Path("map.html")
    try:
        features: list = []
        articles = []
        for path in inputs:
            collection = _feature_collection(path)
            if collection is not None:
                if not collection:
                    raise InputError(f"{path}: no claims in it; nothing to map")
                features += collection
                continue
            result = read_articles(path, encoding=encoding, date=published)
            for warning in result.warnings:
                click.echo(f"geo: warning: {warning}", err=True)
            articles += result.articles
        if articles:
            if lang != "auto":
                articles = [dataclasses.replace(a, language=lang) for a in articles]
            from ..pipeline import Extractor

            with Gazetteer.open(index_dir) as gz:
                extractor = Extractor(gz)
                features += [f for a in articles for f in extractor.features(a)]
            for warning in extractor.warnings:
                click.echo(f"geo: warning: {warning}", err=True)
        if since or until or sides or event_types:
            features = filter_claims(features, since=since, until=until, sides=sides, event_types=event_types)
        m = render(features, title=title, options=page_options(target, tiles=tiles, assets=assets))
        with atomic_text(target) as fh:
            fh.write(m.get_root().render())
        click.echo(f"wrote {target}", err=True)
    except (GazetteerError, GeoError, MapError) as err:
        raise click.ClickException(str(err)) from None


def _feature_collection(path: str) -> list | None:
    """The features of a GeoJSON FeatureCollection or a claims table (GeoParquet, or CSV as geo extract
    writes it), or ``None`` when ``path`` is an article."""
    from ..errors import InputError

    if path == "-":
        return None
    from maps import is_claims_table, read_claims_table

    if is_claims_table(path):
        return read_claims_table(path)
    if Path(path).suffix.lower() in (".jsonl", ".ndjson"):
        return _feature_lines(path)
    if Path(path).suffix.lower() not in (".geojson", ".json"):
        return None
    try:
        text = Path(path).read_text("utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read ({err})") from None
    from ..readers.hygiene import BadRecord, load_json

    try:
        doc = load_json(text)
    except BadRecord as err:
        if Path(path).suffix.lower() == ".geojson":
            raise InputError(f"{err.where(path)}: {err}") from None
        return None  # a .json that is not one document: JSON lines of articles
    if isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
        features = doc.get("features")
        if not isinstance(features, list):
            raise InputError(f"{path}: 'features' is not a list")
        from ..output import with_articles

        return with_articles(doc)  # each article's title, outlet, url and date, written once, back on its features
    if Path(path).suffix.lower() == ".geojson":
        raise InputError(f"{path}: not a GeoJSON FeatureCollection")
    return None


def _feature_lines(path: str) -> list | None:
    """The features of JSON lines as ``geo extract --format jsonl`` and ``geo batch`` write them, or
    ``None`` when the first record is not a feature (JSON lines of articles)."""
    from ..errors import InputError
    from ..readers.hygiene import BadRecord, load_json

    features: list[dict] = []
    try:
        with open(path, encoding="utf-8-sig") as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    record = load_json(line)
                except BadRecord as err:
                    if not features:
                        return None  # not ours to judge: the article reader reports it
                    raise InputError(f"{path}, line {number}: {err}") from None
                if not (isinstance(record, dict) and record.get("type") == "Feature"):
                    if not features:
                        return None
                    raise InputError(f"{path}, line {number}: not a GeoJSON Feature")
                features.append(record)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read ({err})") from None
    return features or None
