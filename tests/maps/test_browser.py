"""The map in a real browser (headless Chromium, driven by Playwright), fully offline.

See ``pages.py`` for how scripts, tiles and pages are served locally; the fixtures are in ``conftest.py``.
"""

from __future__ import annotations

import pytest

from ..texts import SEED_DIR
from .pages import ARTIFACTS, Page


@pytest.fixture(scope="module")
def seed_features(default_gazetteer):
    from geo.pipeline import Extractor
    from geo.readers import read_articles

    article = read_articles(SEED_DIR / "karabakh-2020-10-20.ar.txt").articles[0]
    return Extractor(default_gazetteer).features(article)


def test_seed_map(browser, server, seed_features):
    p = Page(browser, server, "seed", seed_features)
    places = p.places()
    for name in ("Zangilan", "Ganja", "Tap Qaraqoyunlu", "Qubadlı"):
        assert places[name]["side"] == "AZ", name
    for name in ("Ishkhanadzor", "Khojavend"):
        assert places[name]["side"] == "AM", name
    assert "Washington" in places
    assert "Yerevan" not in places and "Baku" not in places  # claimant seats are not event markers
    assert p.page.locator("path.gc-region").count() >= 1  # Karabakh drawn as a region
    assert p.page.locator("path.gc-near").count() >= 3  # near / direction of: dashed rings

    text = p.open("Zangilan")
    assert "Azerbaijan Ministry of Defence" in text and "Territory taken" in text and "2020-10-20" in text
    quote = p.page.locator(".gc-popup blockquote.gc-sentence")
    assert quote.get_attribute("dir") == "rtl" and quote.get_attribute("lang") == "ar"
    assert p.page.locator(".gc-popup blockquote mark").inner_text() == "زنغلان"
    assert "GeoNames 146901" in text

    panel = p.page.locator("#gc-unplaced")
    panel.locator("summary").click()
    unplaced = panel.inner_text()
    assert "241 tanks destroyed" in unplaced and "39 tanks captured" in unplaced
    assert "Fatalities reported: 746" in unplaced  # Yerevan's toll

    ARTIFACTS.mkdir(exist_ok=True)
    p.page.wait_for_timeout(400)
    p.page.screenshot(path=str(ARTIFACTS / "seed-map-popup.png"))
    p.page.evaluate("window.geoClaims.map.closePopup(); window.geoClaims.fit()")
    p.page.wait_for_timeout(400)
    p.page.screenshot(path=str(ARTIFACTS / "seed-map.png"))

    p.page.locator('#gc-filters input[data-side="AZ"]').uncheck()
    after = p.places()
    assert not after["Zangilan"]["visible"] and after["Khojavend"]["visible"]
    p.page.locator('#gc-filters input[data-side="AZ"]').check()
    p.page.locator('#gc-filters input[data-type="Violence against civilians"]').uncheck()
    assert not p.places()["Khojavend"]["visible"]

    assert p.errors == [] and p.dialogs == []
    assert not [u for u in p.blocked if not u.startswith("https://tile.")]


def test_contested_place(browser, server, default_gazetteer):
    from geo.pipeline import Extractor
    from geo.readers.text import TextReader

    text = (
        "Barda shelled\n"
        "Azerbaijan's defence ministry said Armenian forces shelled the town of Barda on Tuesday.\n"
        "Armenia's defence ministry denied shelling Barda.\n"
    )
    article = next(TextReader().parse(text, name="barda.txt", stem="barda"))
    p = Page(browser, server, "contested", Extractor(default_gazetteer).features(article))
    assert p.places()["Barda"]["contested"]
    marker = p.page.locator('.gc-marker.gc-contested[data-place="Barda"]')
    assert marker.count() == 1 and marker.locator(".gc-badge").count() == 1
    text = p.open("Barda")
    assert "Contested" in text and "denies" in text
    assert p.errors == []


def test_untrusted_text_runs_nothing(browser, server):
    evil = (
        '<script>window.__xss=1;alert("script")</script><img src=x onerror="window.__xss=2;alert(2)">'
        '</div></li></ol>${alert(3)}`<a href="javascript:alert(4)">click</a>'
    )
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [47.1, 40.3]},
        "properties": {
            "claim_id": "x#1",
            "role": "event",
            "side": "AZ",
            "side_type": "belligerent",
            "place_name": evil,
            "mention": evil,
            "text": evil,
            "claimant": evil,
            "claimant_en": evil,
            "article_title": evil,
            "outlet": evil,
            "url": "javascript:alert(5)",
            "precision": 1,
        },
    }
    unplaced = dict(feature, geometry=None)
    p = Page(browser, server, "xss", [feature, unplaced], title=evil)
    text = p.open(evil)
    assert "<script>" in text and "onerror" in text  # shown as text
    p.page.locator("#gc-unplaced summary").click()
    assert p.page.evaluate("window.__xss") is None
    assert p.page.locator("img[src='x']").count() == 0
    assert p.page.locator("a[href^='javascript']").count() == 0
    assert p.dialogs == [] and p.errors == []
    assert evil[:20] in p.page.locator("#gc-title").inner_text()
