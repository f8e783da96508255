"""Where the default index lives: the user cache directory, or ``$GEO_CACHE_DIR``."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["cache_dir", "default_index_dir"]


def cache_dir() -> Path:
    """The project's cache directory (``$GEO_CACHE_DIR`` overrides the platform default)."""
    env = os.environ.get("GEO_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("geo-claims", appauthor=False))


def default_index_dir() -> Path:
    """The directory of the embedded default gazetteer index."""
    return cache_dir() / "gazetteer"
