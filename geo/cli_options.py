"""Command-line options shared by several ``geo`` commands."""

from __future__ import annotations

import click

__all__ = ["IsoDate", "online_options", "check_online"]


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
