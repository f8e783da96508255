"""Places and their names in every script: sources, transliteration, an on-disk index, search.

>>> from gazetteer import Gazetteer                          # doctest: +SKIP
>>> [m.place.name for m in Gazetteer.open().search("غنجة", limit=1)]  # doctest: +SKIP
['Ganja']

Nothing here knows about articles; :mod:`geo` builds on this package.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import (  # noqa: E402
    BadSourceLine,
    GazetteerError,
    IndexCorrupt,
    IndexMissing,
    IndexOutdated,
    SourceError,
)
from .index import INDEX_FILE, build_index  # noqa: E402
from .options import DEFAULT_OPTIONS, SearchOptions  # noqa: E402
from .paths import default_index_dir  # noqa: E402
from .place import ABBREVIATION, Match, Name, Place  # noqa: E402
from .prominence import prominence  # noqa: E402
from .search import Gazetteer  # noqa: E402
from .translit import detect_script, fold, phonetic  # noqa: E402

__all__ = [
    "__version__",
    "Gazetteer",
    "SearchOptions",
    "DEFAULT_OPTIONS",
    "Place",
    "Name",
    "Match",
    "ABBREVIATION",
    "prominence",
    "build_index",
    "default_index_dir",
    "INDEX_FILE",
    "detect_script",
    "fold",
    "phonetic",
    "GazetteerError",
    "SourceError",
    "BadSourceLine",
    "IndexMissing",
    "IndexCorrupt",
    "IndexOutdated",
]
