"""Command-line options shared by several ``geo`` commands."""

from __future__ import annotations

import click

__all__ = [
    "IsoDate",
    "LatLon",
    "CountryCodes",
    "online_options",
    "check_online",
    "lang_option",
    "limit_options",
    "raw_csv_option",
    "fail",
    "EXIT_DONE",
    "EXIT_STOPPED",
    "EXIT_USAGE",
    "EXIT_FAILURES",
    "EXIT_STATUSES",
]

#: Exit statuses of ``geo extract`` and ``geo batch`` (documented in the README and in ``--help``).
EXIT_DONE = 0  # every record read and extracted
EXIT_STOPPED = 1  # stopped: an error that concerns the whole run (the message says which); see OUT for what was kept
EXIT_USAGE = 2  # the command line itself is wrong (click's usage errors)
EXIT_FAILURES = 3  # done, with failures: every other record is in the output, the failures are listed
EXIT_STATUSES = (
    "Exit status: 0 all done; 3 done with failures (each failed record listed on stderr and in "
    "OUTPUT.errors.jsonl, every other record in the output); 1 stopped (a one-line error says why: "
    "nothing readable, the disk full, --strict...); 2 a usage error."
)


def online_options(command):
    """``--online``, ``--online-url``, ``--user-agent``, ``--geonames-username`` (see :mod:`geo.online`)."""
    options = [
        click.option(
            "--online",
            type=click.Choice(["nominatim", "geonames"]),
            help="Opt-in: look names the offline gazetteer cannot find up on this web service (cached, 1 request/s).",
        ),
        click.option(
            "--online-url", metavar="URL", help="Base URL of the --online service (e.g. a self-hosted Nominatim)."
        ),
        click.option(
            "--user-agent", metavar="TEXT", help="User agent for the --online service (default: geo-claims/VERSION)."
        ),
        click.option("--geonames-username", metavar="NAME", help="GeoNames account (default: $GEONAMES_USERNAME)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def check_online(online, online_url, user_agent, geonames_username) -> None:
    """The --online-* options mean nothing without --online: say so rather than ignore them."""
    if not online and (online_url or user_agent or geonames_username):
        raise click.UsageError("--online-url, --user-agent and --geonames-username need --online nominatim|geonames")


class IsoDate(click.ParamType):
    """A calendar date, YYYY-MM-DD."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        import datetime

        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date like 2020-10-20", param, ctx)


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


def fail(err: Exception) -> click.ClickException:
    """A domain error as the one-line message the command line prints."""
    return click.ClickException(str(err))


def lang_option(command):
    """``--lang``: a language pack's code, or ``auto`` (each article's own, else detected).

    The choices are the registered packs (:func:`geo.lang.languages`), so a new pack needs no edit here.
    """
    from ..lang import languages

    return click.option(
        "--lang",
        type=click.Choice([*languages(), "auto"]),
        default="auto",
        show_default=True,
        help="Language of the articles (default: their metadata, else detected).",
    )(command)


def limit_options(command):
    """``--max-chars`` and ``--article-timeout``: the bounds on one article (see :mod:`geo.readers.hygiene`)."""
    from ..batch.budget import DEFAULT_ARTICLE_TIMEOUT
    from ..readers.hygiene import DEFAULT_MAX_CHARS

    options = [
        click.option(
            "--max-chars",
            type=click.IntRange(min=0),
            default=DEFAULT_MAX_CHARS,
            show_default=True,
            help="Longest article read, in characters; a longer one is a failure of its own (0: no bound).",
        ),
        click.option(
            "--article-timeout",
            type=click.FloatRange(min=0),
            default=DEFAULT_ARTICLE_TIMEOUT,
            show_default=True,
            metavar="SECONDS",
            help="Processor seconds one article may take (four times as many on the clock); a slower one is a "
            "failure of its own (0: no bound).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def raw_csv_option(command):
    """``--raw-csv``: CSV cells as written, without the spreadsheet-formula guard."""
    return click.option(
        "--raw-csv",
        is_flag=True,
        help="Write CSV text as it is: without it, a cell starting with = + - @ (a spreadsheet formula) "
        "gets a leading apostrophe.",
    )(command)
