"""The ``geo`` command line: a thin edge over the gazetteer and the article pipeline.

Heavy modules are imported inside the commands, so ``geo --help`` and a single geocode start fast.
Errors the user can fix (a missing file, a bad line, a damaged index) become one clean line on
stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import sys

import click

from .batch import batch
from .extract import extract
from .gazetteer import gazetteer
from .geocode import geocode
from .map import map_command

__all__ = ["main"]


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


for _command in (gazetteer, geocode, extract, batch, map_command):
    main.add_command(_command)

if __name__ == "__main__":  # pragma: no cover
    main()
