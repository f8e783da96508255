"""Source readers: GeoNames dumps (plain and zipped), alternate names, supplements."""

import zipfile

import pytest

from gazetteer import BadSourceLine, SourceError
from gazetteer.sources import GeoNamesAlternateNames, GeoNamesDump, PackagedSupplement, Supplement, source_class
from gazetteer.sources.geonames import parse_geoname

from ..texts import GEONAMES_SAMPLE


def test_parse_geoname_row():
    line = GEONAMES_SAMPLE.read_text("utf-8").splitlines()[0]
    place = parse_geoname(line.split("\t"))
    assert (place.id, place.name, place.country_code) == (146901, "Zangilan", "AZ")
    assert place.population == 7483
    assert any(n.text == "Зангелан" for n in place.names)


def test_reads_plain_and_zipped_dumps(tmp_path):
    plain = list(GeoNamesDump(GEONAMES_SAMPLE).places())
    archive = tmp_path / "AZ.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("readme.txt", "not data")
        zf.write(GEONAMES_SAMPLE, "AZ.txt")
    zipped = list(GeoNamesDump(archive).places())
    assert len(plain) == len(zipped) == 18
    assert [p.id for p in plain] == [p.id for p in zipped]


def _with_bad_line(tmp_path, bad: str):
    lines = GEONAMES_SAMPLE.read_text("utf-8").splitlines()
    lines.insert(3, bad)
    path = tmp_path / "XX.txt"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("123\tShort", "expected 19 tab-separated columns, found 2"),
        ("abc" + "\tx" * 18, "geonameid"),
        ("\t".join(["5", "Nowhere", "", "", "north", "east"] + [""] * 13), "latitude/longitude"),
        ("\t".join(["5", "Pole", "", "", "95", "0"] + [""] * 13), "out of range"),
    ],
)
def test_malformed_line_names_file_and_line(tmp_path, bad, reason):
    path = _with_bad_line(tmp_path, bad)
    with pytest.raises(BadSourceLine) as info:
        list(GeoNamesDump(path).places())
    assert info.value.line == 4
    assert str(path) in str(info.value) and "line 4" in str(info.value)
    assert reason in str(info.value)


def test_skip_bad_lines_counts_them(tmp_path):
    path = _with_bad_line(tmp_path, "123\tShort")
    src = GeoNamesDump(path, on_error="skip")
    assert len(list(src.places())) == 18
    assert src.skipped == 1


def test_on_error_is_validated():
    with pytest.raises(ValueError, match="on_error"):
        GeoNamesDump(GEONAMES_SAMPLE, on_error="ignore")


def test_missing_file(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        list(GeoNamesDump(tmp_path / "nope.zip").places())


def test_truncated_zip(tmp_path):
    archive = tmp_path / "allCountries.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("allCountries.txt", GEONAMES_SAMPLE.read_text("utf-8") * 200)
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceError, match="zip"):
        list(GeoNamesDump(archive).places())


def test_not_utf8(tmp_path):
    path = tmp_path / "XX.txt"
    path.write_bytes(GEONAMES_SAMPLE.read_bytes() + b"7\t\xff\xfe bad\n")
    with pytest.raises(SourceError, match="line 19: not UTF-8"):
        list(GeoNamesDump(path).places())


def test_alternate_names_with_languages(tmp_path):
    path = tmp_path / "alternateNamesV2.txt"
    path.write_text(
        "1\t146901\tru\tЗангелан\t\t\t\t\t\t\n"
        "2\t146901\tlink\thttps://en.wikipedia.org/wiki/Zangilan\t\t\t\t\t\t\n"
        "3\t586523\taz\tGəncə\t1\t\t\t\t\t\n",
        "utf-8",
    )
    pairs = list(GeoNamesAlternateNames(path).names())
    assert [(pid, n.text, n.lang) for pid, n in pairs] == [(146901, "Зангелан", "ru"), (586523, "Gəncə", "az")]


def test_supplement_csv_and_geojson(tmp_path):
    csv_path = tmp_path / "extra.csv"
    csv_path.write_text(
        "name,lat,lon,country_code,feature_class,feature_code,population,alternate_names,geonameid,source\n"
        "Talish,40.38,46.74,AZ,P,PPL,597,Talış|Թալիշ,,https://example.org\n"
        "Ganja,40.68,46.36,AZ,P,PPL,0,Elisabethpol,586523,https://example.org\n",
        "utf-8",
    )
    places = list(Supplement(csv_path).places())
    assert places[0].id < 0 and places[0].name == "Talish"
    assert {n.text for n in places[0].names} == {"Talish", "Talış", "Թալիշ"}
    assert places[1].id == 586523
    geojson = tmp_path / "extra.geojson"
    geojson.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"geometry": {"type": "Point", "coordinates": [46.74, 40.38]}, '
        '"properties": {"name": "Talish", "alternate_names": ["Talış"]}}]}',
        "utf-8",
    )
    (place,) = Supplement(geojson).places()
    assert (place.lat, place.lon) == (40.38, 46.74)


def test_supplement_bad_row_names_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name,lat,lon\nGood,1,2\nBad,north,2\n", "utf-8")
    with pytest.raises(BadSourceLine, match="line 3"):
        list(Supplement(path).places())
    path.write_text("title,lat\nX,1\n", "utf-8")
    with pytest.raises(SourceError, match="line 1: the CSV header lacks name, lon"):
        list(Supplement(path).places())


def test_packaged_supplement_has_the_seed_places_with_sources():
    places = {p.name: p for p in PackagedSupplement().places()}
    assert {"Karabakh", "Ishkhanadzor", "Tap Qaraqoyunlu"} <= set(places)
    assert places["Karabakh"].feature_code == "RGN"
    # names come from public sources in Latin, Azerbaijani, Armenian and Russian, not typed-in Arabic
    for place in places.values():
        assert not any("\u0600" <= ch <= "\u06ff" for n in place.names for ch in n.text)


def test_registry_lists_valid_kinds_on_error():
    assert source_class("geonames") is GeoNamesDump
    with pytest.raises(KeyError, match="known: .*geonames"):
        source_class("osm")
