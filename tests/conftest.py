"""Fixtures shared by all tests: the embedded default index and a tiny index from real GeoNames rows."""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer, build_index
from gazetteer.sources import GeoNamesDump

from .texts import GEONAMES_SAMPLE


@pytest.fixture(scope="session")
def default_gazetteer():
    """The embedded default gazetteer (built once into the user cache, then reused)."""
    with Gazetteer.open() as gz:
        yield gz


@pytest.fixture(scope="session")
def sample_index_dir(tmp_path_factory):
    """An index of 18 GeoNames rows whose Arabic-script names were removed."""
    out = tmp_path_factory.mktemp("sample-index")
    build_index([GeoNamesDump(GEONAMES_SAMPLE)], out, show_progress=False)
    return out


@pytest.fixture(scope="session")
def sample_gazetteer(sample_index_dir):
    with Gazetteer.open(sample_index_dir) as gz:
        yield gz
