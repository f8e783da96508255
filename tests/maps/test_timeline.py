"""The time slider in a real browser: what a person sees when moving the range, with the keyboard.

Four places and three claims without a place, over 2020-10-01..09 (see ``timeline_features``):
Alpha (AZ, 1st and 2nd, one claim merged from three outlets), Bravo (AM, 9th), Charlie (AZ 2nd and
AM 9th: contested), Delta (AZ, no date: filed under its article's day, the 5th).
"""

from __future__ import annotations

import pytest

from .pages import ARTIFACTS, Page

LON = {"Alpha": 44.0, "Bravo": 46.0, "Charlie": 48.0, "Delta": 50.0, "Echo": 45.0, "Foxtrot": 45.5, "Golf": 46.5}


def claim(n, side, place, date, *, published="2020-10-10", **props):
    geometry = {"type": "Point", "coordinates": [LON[place], 40.0]} if place else None
    base = {
        "claim_id": f"t#{n}",
        "role": "event",
        "side": side,
        "side_type": "belligerent",
        "claimant_en": f"{side} ministry",
        "event_type": "Battles",
        "place_name": place,
        "mention": place,
        "precision": 1,
        "text": f"Claim {n}: fighting reported.",
        "date": date,
        "time_precision": 1 if date else None,
        "article": f"art{n}",
        "article_title": f"Article {n}",
        "outlet": "Outlet",
        "url": f"https://news.example/{n}",
        "published": published,
    }
    return {"type": "Feature", "geometry": geometry, "properties": base | props}


@pytest.fixture(scope="module")
def timeline_features():
    sources = [
        {"article": "a1", "outlet": "First Wire", "url": "https://first.example/1", "published": "2020-10-02"},
        {"article": "a2", "outlet": "Second Daily", "url": "javascript:alert(1)", "published": "2020-10-02"},
        {"article": "a3", "outlet": "Third News", "url": "https://third.example/3", "published": "2020-10-03"},
    ]
    for i, s in enumerate(sources):
        s |= {"article_title": f"Report {i + 1}", "claim_id": f"{s['article']}#1"}
    return [
        claim(1, "AZ", "Alpha", "2020-10-01"),
        claim(
            2,
            "AZ",
            "Alpha",
            "2020-10-02",
            sources=sources,
            source_count=3,
            quantities=[{"value": 241, "value_max": 250, "item": "tank", "action": "destroyed"}],
            fatalities=10,
            fatalities_max=12,
        ),
        claim(3, "AM", "Bravo", "2020-10-09"),
        claim(4, "AZ", "Charlie", "2020-10-02"),
        claim(5, "AM", "Charlie", "2020-10-09"),
        claim(6, "AZ", "Delta", None, published="2020-10-05"),
        claim(7, "AZ", None, "2020-10-01", text="Unplaced early claim."),
        claim(8, "AM", None, "2020-10-09", text="Unplaced late claim."),
        claim(9, "AM", None, None, published=None, text="Unplaced claim without a date."),
    ]


def visible(p) -> set[str]:
    return {name for name, v in p.places().items() if v["visible"]}


def unplaced(p) -> str:
    return p.page.locator("#gc-unplaced").inner_text()


def test_slider_hides_and_shows_markers_and_unplaced_claims(browser, server, timeline_features):
    p = Page(browser, server, "timeline", timeline_features)
    tl = p.page.locator("#gc-timeline")
    start, end = tl.locator("#gc-tl-from"), tl.locator("#gc-tl-to")
    assert tl.locator("label[for=gc-tl-from]").inner_text() == "From"
    assert tl.locator("label[for=gc-tl-to]").inner_text() == "To"
    assert tl.locator("#gc-tl-from-date").inner_text() == "2020-10-01"
    assert tl.locator("#gc-tl-to-date").inner_text() == "2020-10-09"
    assert "9 of 9 claims shown" in tl.inner_text() and "1 claim(s) without a date" in tl.inner_text()
    assert visible(p) == {"Alpha", "Bravo", "Charlie", "Delta"}
    assert p.places()["Charlie"]["contested"] and p.places()["Charlie"]["count"] == 2
    p.page.locator("#gc-unplaced summary").click()
    assert "Claims without a place (3)" in unplaced(p)

    # Keyboard: the slider steps through the days with claims (1st, 2nd, 5th, 9th): one step back is the 5th.
    assert (start.get_attribute("min"), start.get_attribute("max")) == ("0", "3")
    end.press("ArrowLeft")
    p.page.wait_for_function("document.getElementById('gc-tl-to-date').textContent === '2020-10-05'")
    assert end.get_attribute("aria-valuetext") == "2020-10-05"
    p.page.wait_for_function("!window.geoClaims.entries.find(e => e.place.name === 'Bravo').on")
    assert visible(p) == {"Alpha", "Charlie", "Delta"}  # Bravo's only claim is on the 9th
    charlie = p.places()["Charlie"]
    assert charlie["count"] == 1 and not charlie["contested"] and charlie["side"] == "AZ"
    assert p.page.locator('.gc-marker[data-place="Charlie"] .gc-tally').count() == 0
    text = unplaced(p)
    assert "(1 of 3)" in text and "Unplaced early claim." in text
    assert "Unplaced late claim." not in text and "without a date" not in text
    assert "5 of 9 claims shown" in tl.inner_text()

    popup = p.open("Charlie")
    assert "1 of 2 claims shown" in popup and "Claim 4" in popup and "Claim 5" not in popup
    p.page.evaluate("window.geoClaims.map.closePopup()")

    # Back to the last day: everything again, undated claims too.
    end.press("End")
    p.page.wait_for_function("window.geoClaims.entries.every(e => e.on)")
    assert visible(p) == {"Alpha", "Bravo", "Charlie", "Delta"}
    assert p.places()["Charlie"]["contested"] and p.places()["Charlie"]["count"] == 2
    assert "Claims without a place (3)" in unplaced(p) and "without a date" in unplaced(p)

    # The start past the end pushes the end along: only the 9th.
    end.press("Home")
    start.press("End")
    p.page.wait_for_function("document.getElementById('gc-tl-to-date').textContent === '2020-10-09'")
    p.page.wait_for_function("!window.geoClaims.entries.find(e => e.place.name === 'Alpha').on")
    assert visible(p) == {"Bravo", "Charlie"}
    assert "(1 of 3)" in unplaced(p) and "Unplaced late claim." in unplaced(p)

    # With the side toggles: AM off leaves nothing on the 9th; on again brings it back.
    p.page.locator('#gc-filters input[data-side="AM"]').uncheck()
    assert visible(p) == set() and "(0 of 3)" in unplaced(p)
    p.page.locator('#gc-filters input[data-side="AM"]').check()
    assert visible(p) == {"Bravo", "Charlie"}

    tl.locator("button.gc-tl-reset").click()
    p.page.wait_for_function("window.geoClaims.entries.every(e => e.on)")
    assert "9 of 9 claims shown" in tl.inner_text()

    ARTIFACTS.mkdir(exist_ok=True)
    p.page.screenshot(path=str(ARTIFACTS / "timeline-map.png"))
    assert p.errors == [] and p.dialogs == []
    assert not [u for u in p.blocked if not u.startswith("https://tile.")]


def test_play_walks_to_the_last_day(browser, server, timeline_features):
    p = Page(browser, server, "timeline-play", timeline_features)
    # Record what the end date and the button show while playing (each step lasts a moment only).
    p.page.evaluate(
        """() => {
          const out = document.getElementById("gc-tl-to-date");
          const button = document.querySelector("#gc-timeline button.gc-tl-play");
          window.seenDates = [];
          window.seenPressed = [];
          new MutationObserver(() => window.seenDates.push(out.textContent))
            .observe(out, {childList: true, characterData: true, subtree: true});
          new MutationObserver(() => window.seenPressed.push(button.getAttribute("aria-pressed")))
            .observe(button, {attributes: true, attributeFilter: ["aria-pressed"]});
        }"""
    )
    p.page.locator("#gc-timeline button.gc-tl-play").click()
    p.page.wait_for_function("window.seenPressed.includes('false')", timeout=20000)
    assert p.page.evaluate("window.seenPressed") == ["true", "false"]
    dates = p.page.evaluate("window.seenDates")
    assert dates[0] == "2020-10-01" and dates[-1] == "2020-10-09" and dates == sorted(dates)
    assert sorted(set(dates)) == ["2020-10-01", "2020-10-02", "2020-10-05", "2020-10-09"]  # days without claims skipped
    p.page.wait_for_function("window.geoClaims.entries.every(e => e.on)")
    assert p.errors == []


def test_popup_lists_every_source_and_ranges(browser, server, timeline_features):
    p = Page(browser, server, "timeline-sources", timeline_features)
    text = p.open("Alpha")
    assert "241–250 tanks destroyed" in text and "Fatalities reported: 10–12" in text
    assert "Reported by 3 sources" in text
    for outlet in ("First Wire", "Second Daily", "Third News"):
        assert outlet in text
    links = p.page.locator(".gc-popup .gc-sources a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        "https://first.example/1",
        "https://third.example/3",
    ]  # the javascript: link is shown as text only
    assert p.page.locator(".gc-popup a[href^='javascript']").count() == 0
    assert p.errors == [] and p.dialogs == []


def test_no_slider_for_one_day(browser, server, timeline_features):
    one_day = [f for f in timeline_features if f["properties"]["date"] == "2020-10-01"]
    p = Page(browser, server, "one-day", one_day)
    assert p.page.locator("#gc-timeline").count() == 0
    assert visible(p) == {"Alpha"}
    assert p.errors == []


def test_an_old_background_claim_does_not_stretch_the_slider(browser, server):
    """A June 2024 article recalling an April 2023 event: the slider opens on the article's days,
    the old claim is one step away (not fourteen months of track), and Play steps only through days
    that have claims."""
    days = ["2024-06-10", "2024-06-10", "2024-06-11", "2024-06-13", "2024-06-14"]
    places = ["Echo", "Foxtrot", "Echo", "Foxtrot", "Echo"]
    features = [claim(10 + i, "AZ", place, day) for i, (place, day) in enumerate(zip(places, days, strict=True))]
    features.append(claim(20, "AM", "Golf", "2023-04-02", text="Claim 20: the April 2023 offensive recalled."))
    p = Page(browser, server, "background", features)
    tl = p.page.locator("#gc-timeline")
    start = tl.locator("#gc-tl-from")
    assert tl.locator("#gc-tl-from-date").inner_text() == "2024-06-10"
    assert tl.locator("#gc-tl-to-date").inner_text() == "2024-06-14"
    assert (start.get_attribute("min"), start.get_attribute("max"), start.input_value()) == ("0", "4", "1")
    assert "5 of 6 claims shown" in tl.inner_text() and "1 claim(s) on days far from the others" in tl.inner_text()
    assert visible(p) == {"Echo", "Foxtrot"}

    start.press("ArrowLeft")  # one step back: the old claim
    p.page.wait_for_function("document.getElementById('gc-tl-from-date').textContent === '2023-04-02'")
    p.page.wait_for_function("window.geoClaims.entries.every(e => e.on)")
    assert "6 of 6 claims shown" in tl.inner_text()

    p.page.evaluate(
        """() => {
          const out = document.getElementById("gc-tl-to-date");
          window.seenDates = [];
          new MutationObserver(() => window.seenDates.push(out.textContent))
            .observe(out, {childList: true, characterData: true, subtree: true});
        }"""
    )
    tl.locator("button.gc-tl-play").click()
    p.page.wait_for_function(
        "document.querySelector('.gc-tl-play').getAttribute('aria-pressed') === 'false'", timeout=20000
    )
    seen = p.page.evaluate("window.seenDates")
    assert sorted(set(seen)) == ["2023-04-02", "2024-06-10", "2024-06-11", "2024-06-13", "2024-06-14"]
    assert p.errors == [] and p.dialogs == []
