"""Articles to claims: the extraction pipeline and its Python API.

text -> sentences and tokens -> place mentions -> places resolved in context -> attributed clauses
-> events, quantities, dates -> one feature per claim x place (plus claimant seats and other
mentions), as DESIGN.md defines them.

>>> from geo import extract                                           # doctest: +SKIP
>>> gdf = extract(open("seeds/karabakh-2020-10-20.ar.txt").read(), published="2020-10-20")  # doctest: +SKIP
>>> extract("")                                                       # doctest: +SKIP
Empty GeoDataFrame ...
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from gazetteer import Gazetteer, Match, fold

from .article import Article
from .claims import Clause, attribute
from .dates import date_spans
from .events import EventFacts, event_facts
from .fallback import OnlineMatcher
from .frequency import zipf
from .lexicon import Lexicon
from .mentions import Mention, find_mentions
from .output import point, to_geodataframe
from .places import place_roles, precision_of
from .resolve import Resolved, resolve
from .text import sentence_spans, tokenize

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from .online import OnlineFallback

__all__ = ["Extractor", "extract", "detect_language"]


@lru_cache(maxsize=1)
def _language_words() -> dict[str, frozenset[str]]:
    from importlib import resources

    text = resources.files("geo").joinpath("data/language_words.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {lang: frozenset(words.split()) for lang, words in rows}


def detect_language(text: str) -> str:
    """The language of ``text`` (ISO 639-1) from its most frequent function words; ``und`` if unsure.

    >>> detect_language("قالت الوزارة إن القوات"), detect_language("The ministry said"), detect_language("42")
    ('ar', 'en', 'und')
    """
    words = [w.lower() for w in text[:20000].split()]
    if not words:
        return "und"
    table = _language_words()
    counts = {lang: sum(w in vocab for w in words) for lang, vocab in table.items()}
    best = max(counts, key=counts.__getitem__)
    if counts[best] == 0:
        arabic = sum("\u0600" <= ch <= "\u06ff" for ch in text[:2000])
        return "ar" if arabic > len(text[:2000]) / 3 else "und"
    return best


class Extractor:
    """Extracts claims from articles with one gazetteer (opened once, searches cached)."""

    def __init__(self, gazetteer: Gazetteer | None = None, online: OnlineFallback | None = None):
        self.gazetteer = gazetteer or Gazetteer.open()
        self._search = lru_cache(maxsize=65536)(self._search_uncached)
        self.warnings: list[str] = []
        #: Opt-in: names the gazetteer lacks, announced by a settlement cue, asked of a web service.
        self.online = OnlineMatcher(online) if online is not None else None

    def _fallback(self, focus: Counter[str]):
        """The online lookup for this point of the article: biased to its main country so far."""
        if self.online is None:
            return None
        countries = tuple(code for code, _ in focus.most_common(1))
        return lambda name: self.online(name, countries)

    def _search_uncached(self, name: str) -> list[Match]:
        return self.gazetteer.search(name, limit=8)

    def features(self, article: Article) -> list[dict]:
        """Every feature of one article: claims x places, claimant seats, other mentions."""
        return [f for part in self.iter_features(article) for f in part]

    def iter_features(self, article: Article) -> Iterator[list[dict]]:
        """The features of an article part by part: a very long "article" (a dump, a transcript)
        is read in parts of about a hundred news articles' length, each with its own context, so
        time grows linearly and memory stays bounded when the parts are written as they come."""
        lang = article.language or detect_language(article.document)
        lexicon = Lexicon.for_language(lang)
        if lang not in ("ar", "en") and article.document.strip():
            self.warnings.append(
                f"{article.source or article.id}: no lexicon for language {lang!r}; "
                "places are found but claims are all attributed to the outlet"
            )
        text = _mask_outlet_prefix(article)
        for part in _parts(sentence_spans(text), _PART_CHARS):
            yield self._features_of(article, text, part, lexicon, lang)

    def _features_of(self, article: Article, text: str, spans: list[tuple[int, int]], lexicon, lang: str) -> list[dict]:
        sentences = [(a, b, tokenize(text[a:b], offset=a)) for a, b in spans]
        mentions: list[Mention] = []
        focus: Counter[str] = Counter()
        sentence_actors = {}
        for index, (_, _, tokens) in enumerate(sentences):
            actors = sentence_actors[index] = lexicon.actors_in(tokens)
            blocked = set()
            for a in actors:
                if a.side and len(a.side) == 2:
                    focus[a.side] += 1
                blocked.update(k for k in range(a.start, a.end) if lexicon.country([tokens[k].norm]) is None)
            for t in tokens:
                code = lexicon.demonym(t.norm)
                if code:
                    focus[code] += 1
            s_start = tokens[0].start if tokens else 0
            sentence = text[s_start : tokens[-1].end] if tokens else ""
            for a, b in date_spans(sentence, lang=lang):
                blocked.update(k for k, t in enumerate(tokens) if t.start < s_start + b and t.end > s_start + a)
            found = find_mentions(
                tokens,
                text,
                sentence=index,
                gazetteer=self.gazetteer,
                lexicon=lexicon,
                search=self._search,
                blocked=blocked,
                fallback=self._fallback(focus),
            )
            mentions += [m for m in found if not _adjectival(m, tokens, lexicon)]
        mentions = [m for m in mentions if _plausible(m, lang)]
        resolved = resolve(mentions, focus=focus)
        clauses = attribute(
            sentences,
            resolved,
            text=text,
            lexicon=lexicon,
            outlet=article.outlet,
            actors=sentence_actors,
            home=_home_country(resolved),
        )
        return _features(article, text, clauses, resolved, lexicon, lang)


#: Above this Zipf frequency a single word is an everyday word (العاصمة، التحالف، جرائم، "Reading").
_EVERYDAY = 4.0
_VERY_COMMON = 5.0
_SETTLEMENT_CUES = frozenset({"city", "capital", "town", "village", "region", "province", "district", "camp"})


def _plausible(m: Mention, lang: str) -> bool:
    """An everyday word is a place only when introduced as one (مدينة الباب) or when it names a
    well-known place (حلب, غزة): not the hamlet "At Taḩāluf" for التحالف ("the coalition")."""
    if " " in m.text.strip() or zipf(m.text, lang) < _EVERYDAY:
        return True
    if m.cue is not None and m.cue.kind in ("feature", "region") and m.cue.feature in _SETTLEMENT_CUES:
        return True
    best = max(m.candidates, key=lambda c: c.similarity + c.prior, default=None)
    if best is None:
        return False
    p = best.place
    if zipf(m.text, lang) >= _VERY_COMMON:
        # العاصمة "the capital" also names Sanaa's governorate: only a well-known city or country passes
        return p.feature_code.startswith("PCL") or p.feature_code == "PPLC" or p.population >= 100_000
    return p.feature_class == "A" or p.feature_code in ("PPLC", "PPLA", "RGN") or p.population >= 100_000


_ARTICLE_PREPOSITIONS = frozenset(fold(w) for w in ("في", "من", "إلى", "الى", "على", "عن", "مع", "ضد", "بين", "و"))


def _adjectival(m: Mention, tokens, lexicon: Lexicon) -> bool:
    """A word that is both a country and a nationality, after a noun, is the adjective:
    "حافلة مدنية أرمينية" is an Armenian bus, not Armenia."""
    word = m.text.strip()
    if " " in word or lexicon.demonym(fold(word)) is None or m.start > tokens[m.token_start].start:
        return False
    if m.token_start == 0:
        return False
    prev = tokens[m.token_start - 1]
    return prev.is_word and prev.norm not in _ARTICLE_PREPOSITIONS and lexicon.verb(prev) is None


def _home_country(resolved: list[Resolved]) -> str | None:
    """The country most of the article's places lie in, if one clearly dominates."""
    counts = Counter(r.place.country_code for r in resolved if r.place.country_code)
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2) + [("", 0)]
    return top if n >= 2 and n >= 2 * rest[0][1] else None


#: Longest stretch of text read with one context (about 100 news articles).
_PART_CHARS = 150_000


def _parts(spans: list[tuple[int, int]], limit: int) -> list[list[tuple[int, int]]]:
    parts: list[list[tuple[int, int]]] = [[]]
    size = 0
    for a, b in spans:
        if parts[-1] and size + (b - a) > limit:
            parts.append([])
            size = 0
        parts[-1].append((a, b))
        size += b - a
    return parts if parts[-1] else parts[:-1] or [[]]


def _mask_outlet_prefix(article: Article) -> str:
    """Blank out the outlet's name glued to the first body word ("رابطة علماء أهل السنةأعلنت").

    The site that republished an article often prints its name at the start of the body; it is
    not a speaker. Blanking (not deleting) keeps every offset valid.
    """
    text = article.document
    outlet = (article.outlet or "").strip()
    start = article.body_offset
    if outlet and len(outlet) > 3 and text.startswith(outlet, start):
        text = text[:start] + " " * len(outlet) + text[start + len(outlet) :]
    return text


def _claim_id(article: Article, clause: Clause) -> str:
    digest = hashlib.sha1(f"{article.id}|{clause.start}|{clause.end}|{clause.claimant.canonical}".encode()).hexdigest()
    return f"{article.id}#{digest[:10]}"


def _features(article, text, clauses, resolved, lexicon, lang) -> list[dict]:
    facts: list[EventFacts] = [
        event_facts(c, text=text, lexicon=lexicon, lang=lang, published=article.published) for c in clauses
    ]
    roles = place_roles(clauses, facts, lexicon, text=text)
    belligerents = {
        c.claimant.side
        for c, f in zip(clauses, facts, strict=True)
        if c.explicit and f.conflict and c.claimant.side and c.claimant.side != "media"
    }
    base = {
        "article": article.id,
        "article_title": article.title or None,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
    }
    out: list[dict] = []
    used: set[int] = set()
    for clause, fact in zip(clauses, facts, strict=True):
        events = roles.events.get(id(clause), [])
        if not (clause.explicit or events or fact.is_event):
            continue
        claim = _claim_props(article, clause, fact, text, belligerents) | base
        for r, precision, note in events:
            used.add(id(r))
            out.append(_feature(r, claim, "event", precision, note))
        if not events:
            out.append(
                {"type": "Feature", "geometry": None, "properties": claim | _place_props(None) | {"role": "event"}}
            )
        for r in roles.seats.get(id(clause), []):
            used.add(id(r))
            out.append(_feature(r, claim, "claimant_seat", *precision_of(r, None)))
    for r in resolved:
        if id(r) not in used:
            props = {k: None for k in _claim_props_keys()} | base | {"text": _sentence_text(text, r)}
            out.append(_feature(r, props, "other", *precision_of(r, None)))
    return out


def _claim_props_keys() -> tuple[str, ...]:
    return (
        "claim_id",
        "claimant",
        "claimant_en",
        "side",
        "side_type",
        "stance",
        "verb",
        "event_type",
        "sub_event_type",
        "text",
        "start",
        "end",
        "quantities",
        "fatalities",
        "date",
        "time_precision",
    )


def _claim_props(article, clause: Clause, fact: EventFacts, text: str, belligerents: set) -> dict:
    c = clause.claimant
    side_type = "media" if c.side == "media" else ("belligerent" if c.side in belligerents else "third_party")
    return {
        "claim_id": _claim_id(article, clause),
        "claimant": c.text or None,
        "claimant_en": c.canonical,
        "side": c.side,
        "side_type": side_type,
        "stance": clause.stance,
        "verb": clause.verb,
        "event_type": fact.event_type,
        "sub_event_type": fact.sub_event_type,
        "text": text[clause.start : clause.end],
        "start": clause.start,
        "end": clause.end,
        "quantities": [q.as_dict() for q in fact.quantities],
        "fatalities": fact.fatalities,
        "date": fact.date.isoformat() if fact.date else None,
        "time_precision": fact.time_precision,
    }


def _sentence_text(text: str, r: Resolved) -> str:
    a = text.rfind("\n", 0, r.mention.start) + 1
    b = text.find("\n", r.mention.end)
    return text[a : b if b >= 0 else len(text)].strip()


def _place_props(r: Resolved | None) -> dict:
    keys = (
        "mention",
        "mention_start",
        "mention_end",
        "place_name",
        "geonameid",
        "country_code",
        "feature_code",
        "place_source",
        "radius_km",
        "needs_review",
        "alternatives",
        "precision",
        "precision_note",
    )
    if r is None:
        return dict.fromkeys(keys)
    p = r.place
    return {
        "mention": r.mention.text,
        "mention_start": r.mention.start,
        "mention_end": r.mention.end,
        "place_name": p.name,
        "geonameid": p.geonameid,
        "country_code": p.country_code or None,
        "feature_code": p.feature_code,
        "place_source": p.source or None,
        "radius_km": p.radius_km,
        "needs_review": r.needs_review,
        "alternatives": [
            {
                "place_name": m.place.name,
                "geonameid": m.place.geonameid,
                "lat": m.place.lat,
                "lon": m.place.lon,
                "country_code": m.place.country_code,
            }
            for m in r.alternatives
        ],
    }


def _feature(r: Resolved, claim: dict, role: str, precision: int, note: str) -> dict:
    props = claim | _place_props(r) | {"role": role, "precision": precision, "precision_note": note}
    return {"type": "Feature", "geometry": point(r.place.lat, r.place.lon), "properties": props}


@lru_cache(maxsize=1)
def _default_extractor() -> Extractor:
    return Extractor()


def extract(
    text: str | Article,
    *,
    published: str | date | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    language: str | None = None,
    article_id: str = "text",
    gazetteer: Gazetteer | None = None,
) -> geopandas.GeoDataFrame:
    """Extract claims and places from an article (its text, title on the first line) as a GeoDataFrame.

    ``published`` (``"2020-10-20"`` or a date) resolves weekday words and "this month".
    """
    if isinstance(text, Article):
        article = text
    else:
        first, _, rest = (text or "").strip().partition("\n")
        when = date.fromisoformat(published) if isinstance(published, str) else published
        article = Article(
            article_id,
            title if title is not None else first.strip(),
            rest.strip() if title is None else (text or "").strip(),
            when,
            language,
            outlet,
            url,
            "<text>",
        )
    extractor = Extractor(gazetteer) if gazetteer is not None else _default_extractor()
    return to_geodataframe(extractor.features(article))
