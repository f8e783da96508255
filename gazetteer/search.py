"""Search the index by name in any script: :class:`Gazetteer`.

A query is looked up two ways. Its folded spelling is matched exactly against every stored name
(so a name GeoNames already knows in the query's script is found at once). Its phonetic form is
reduced to a coarse key; names whose key is within one edit are retrieved and ranked by the
weighted phonetic similarity, plus small priors for population and feature type, plus the
optional ``country`` / ``near`` bias.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .distance import coarse_key, key_variants, similarities
from .errors import IndexCorrupt, IndexMissing, IndexOutdated
from .geometry import distance_km
from .index import FormBucket, IndexReader, build_index
from .options import DEFAULT_OPTIONS, SearchOptions
from .paths import default_index_dir
from .place import ABBREVIATION, Match, Place
from .priors import script_affinity
from .prominence import prominence
from .ranking import abbreviation_allowed, display_score, split_qualifier
from .translit import ABJADS, detect_script, fold, phonetic

__all__ = ["Gazetteer", "SearchOptions", "DEFAULT_OPTIONS"]

_log = logging.getLogger("gazetteer")


class Gazetteer:
    """A place index opened for searching.

    >>> from gazetteer import Gazetteer                        # doctest: +SKIP
    >>> Gazetteer.open().search("زنغلان", limit=1)[0].place.name  # doctest: +SKIP
    'Zangilan'
    >>> Gazetteer.open().search("   ")                          # doctest: +SKIP
    []
    """

    def __init__(self, reader: IndexReader, *, options: SearchOptions = DEFAULT_OPTIONS):
        self._reader = reader
        self.options = options

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        *,
        show_progress: bool | None = None,
        options: SearchOptions = DEFAULT_OPTIONS,
    ) -> Gazetteer:
        """Open the index in ``path``, or the default one (built on first use, with a progress bar).

        A missing, outdated or damaged *default* index is rebuilt; for an explicit ``path`` the
        error is raised, since only the user knows which files it was built from.
        """
        if path is not None:
            return cls(IndexReader(path), options=options)
        directory = default_index_dir()
        try:
            return cls(IndexReader(directory), options=options)
        except (IndexMissing, IndexOutdated, IndexCorrupt):
            from .sources import default_sources

            _log.info("building the default gazetteer index in %s (once; about a minute)", directory)
            build_index(default_sources(), directory, show_progress=show_progress, skip_if_valid=True)
            return cls(IndexReader(directory), options=options)

    # -- introspection -------------------------------------------------------------------------
    @property
    def path(self) -> Path:
        """The index file."""
        return self._reader.path

    def info(self) -> dict:
        """Sources, counts, size and build details of the index."""
        meta = self._reader.meta
        return {
            "path": str(self._reader.path),
            "format": int(meta.get("format", 0)),
            "package_version": meta.get("package_version"),
            "built_at": meta.get("built_at"),
            "build_seconds": float(meta.get("build_seconds", 0)),
            "places": int(meta.get("places", 0)),
            "names": int(meta.get("names", 0)),
            "size_bytes": self._reader.size_bytes(),
            "sources": self._reader.sources(),
        }

    def place(self, place_id: int, *, with_names: bool = False) -> Place | None:
        """The place with this id, or ``None``; ``with_names`` also loads all its names."""
        place = self._reader.places([place_id]).get(place_id)
        if place is not None and with_names:
            place = replace(place, names=self._reader.names_of(place_id))
        return place

    # -- search --------------------------------------------------------------------------------
    def search(
        self,
        name: str,
        *,
        limit: int = 5,
        country: str | Iterable[str] | None = None,
        near: tuple[float, float] | None = None,
        exact: bool = False,
        abbreviations: bool | None = None,
    ) -> list[Match]:
        """Places that ``name`` (any script) may denote, best first; ``[]`` when nothing fits.

        Parameters
        ----------
        name:
            The place name as written: ``"زنغلان"``, ``"Zəngilan"``, ``"Зангелан"``; a last
            comma-separated part naming a country, division or region qualifies it
            (``"Baku, Azerbaijan"``, ``"Paris, Tex."``).
        limit:
            How many matches to return at most.
        country:
            ISO 3166-1 alpha-2 code(s) to favour (a bias, not a filter).
        near:
            ``(lat, lon)`` to favour places close to.
        exact:
            Only places with a name spelled exactly so (after folding): fast, no transliteration.
        abbreviations:
            Whether stored abbreviations ("KY", "Ky.", "U.S.", "EU") may match: ``True`` when
            spelled the same (case and dots included), ``False`` never, ``None`` (default) as
            ``True`` except bare two-letter codes, which a plain search never returns.
        """
        if limit <= 0:
            return []
        text = (name or "").strip()[: self.options.max_query_chars]
        inside = None
        parts = split_qualifier(text)
        if parts is not None:
            inside = self._qualifier(parts[1])
            if inside:
                text = parts[0]
        found = self._candidates(text, exact=exact, abbreviations=abbreviations)
        if not found:
            return []
        countries = {country.upper()} if isinstance(country, str) else {c.upper() for c in country or ()}
        return self._rank(found, detect_script(text), countries, near, inside)[:limit]

    def _rank(
        self,
        found: dict[int, tuple[float, str, str]],
        script: str,
        countries: set[str],
        near: tuple[float, float] | None,
        inside: set[tuple[str, str]] | None,
    ) -> list[Match]:
        opts = self.options
        # Rank by similarity first to bound the number of places fetched.
        top = sorted(found.items(), key=lambda kv: -kv[1][0])[: opts.ranked]
        places = self._reader.places(pid for pid, _ in top)
        scored = []
        for pid, (sim, matched, kind) in top:
            place = places.get(pid)
            if place is None:
                continue
            prom = prominence(place)
            prior = self._prior(place, prom, exact=sim > 1.0)
            if sim <= 1.0 and script != "latin" and script_affinity(script, place.country_code):
                prior += opts.script_bonus
            key = sim + prior
            if countries and place.country_code in countries:
                key += opts.country_bonus
            if near is not None:
                d = distance_km(near[0], near[1], place.lat, place.lon)
                key += opts.near_bonus * math.exp(-d / opts.near_scale_km)
            if inside and _within(place, inside):
                key += opts.qualifier_bonus
            score = display_score(key)
            if kind == "similar":  # a name matched by sound is never certain
                score = min(score, opts.similar_score_cap * sim)
            match = Match(place, score, matched, sim, prior, kind, round(prom, 4))
            scored.append((key, -place.population, place.id, match))
        scored = _below_seats(scored, opts.seat_share)
        scored.sort(key=lambda t: (-t[0], t[1], t[2]))
        return [t[3] for t in scored]

    def _qualifier(self, text: str) -> set[tuple[str, str]]:
        """Areas (``(country, admin1 or "")``) that a qualifier spelled ``text`` names exactly."""
        norm = fold(text)
        areas: set[tuple[str, str]] = set()
        hits = [
            h
            for h in self._reader.by_norm_tagged(norm)
            if h[2] != ABBREVIATION or abbreviation_allowed(text, h[1], True)
        ]
        for place in self._reader.places(pid for pid, _, _ in hits).values():
            if place.feature_code.startswith("PCL") or place.feature_code == "TERR":
                areas.add((place.country_code, ""))
            elif place.feature_code == "ADM1" and place.country_code:
                areas.add((place.country_code, place.admin1))
        return areas

    def _candidates(self, text: str, *, exact: bool, abbreviations: bool | None) -> dict[int, tuple[float, str, str]]:
        """``{place id: (similarity, name matched, kind)}`` of every candidate (kinds: see :class:`Match`)."""
        if exact:
            norm = fold(text)
            kinds: dict[int, str] = {}
            best = self._exact(text, norm, abbreviations, kinds, pivot=False) if norm else {}
        else:
            kinds = {}
            best = {}
            for i, variant in enumerate(_variants(text)):
                variant_kinds: dict[int, str] = {}
                for pid, (sim, matched) in self._similarities(variant, abbreviations, variant_kinds).items():
                    sim -= 0.005 * bool(i)
                    if sim > best.get(pid, (0.0, ""))[0]:
                        best[pid] = (sim, matched)
                        kinds[pid] = variant_kinds.get(pid, "similar")
        return {pid: (sim, matched, kinds.get(pid, "similar")) for pid, (sim, matched) in best.items()}

    def known_names(self, names: Iterable[str]) -> list[bool]:
        """For each string, whether it may be spelled exactly as some place's name.

        Answered in memory (a hash filter, no false negatives): a cheap first test before
        :meth:`search` when scanning every word sequence of a text.
        """
        return self._reader.maybe_names(fold(n) for n in names)

    def known_folded(self, norms: Iterable[str]) -> list[bool]:
        """:meth:`known_names` for strings already folded (see :func:`gazetteer.fold`)."""
        return self._reader.maybe_names(norms)

    def similarities(self, name: str) -> dict[int, tuple[float, str]]:
        """Best similarity of ``name`` to each candidate place: ``{place id: (similarity, name matched)}``.

        Exact matches of the folded spelling score above 1 (``1 + exact_bonus``, and
        ``primary_bonus`` more when the name is the place's primary name). The name is
        also tried without a parenthesis or a generic word ("مقاطعة X", "X Oblast"). This is
        the retrieval step of :meth:`search` without priors, for callers that rank in context.
        """
        text = (name or "").strip()[: self.options.max_query_chars]
        found = self._candidates(text, exact=False, abbreviations=None)
        return {pid: (sim, matched) for pid, (sim, matched, _) in found.items()}

    def _exact(
        self, text: str, norm: str, abbreviations: bool | None, kinds: dict[int, str], *, pivot: bool = True
    ) -> dict[int, tuple[float, str]]:
        """Places with a name spelled ``norm`` (folded): primary names above alternate ones."""
        opts = self.options
        exact = 1.0 + opts.exact_bonus
        best: dict[int, tuple[float, str]] = {}
        hits = [
            (pid, name, lang)
            for pid, name, lang in self._reader.by_norm_tagged(norm)
            if lang != ABBREVIATION or abbreviation_allowed(text, name, abbreviations)
        ]
        places = self._reader.places(pid for pid, _, _ in hits[: opts.ranked])
        for pid, matched, lang in hits:
            place = places.get(pid)
            primary = place is not None and fold(place.name) == norm
            sim = exact + opts.primary_bonus if primary else exact
            if not primary and matched[:1].islower() and matched.isascii():
                sim -= opts.machine_romanisation_penalty  # "baku" as a machine romanisation of a US town
            if sim > best.get(pid, (0.0, ""))[0]:
                best[pid] = (sim, matched)
                kinds[pid] = "exact" if primary else ("abbreviation" if lang == ABBREVIATION else "alternate")
        if pivot and "exact" not in kinds.values():
            # A name that is no place's own primary name (an Arabic spelling, say) also says what
            # the place it names is called: places whose primary name is that (every "Washington"
            # when واشنطن names one) are nearly as likely.
            pivots = {fold(places[pid].name) for pid, _, _ in hits[:20] if pid in places}
            for other in sorted(pivots - {norm})[:5]:
                for pid, matched in self._reader.by_norm(other):
                    if pid not in best:
                        best[pid] = (exact - opts.pivot_penalty, matched)
                        kinds[pid] = "pivot"
        return best

    def _similarities(
        self, text: str, abbreviations: bool | None = None, kinds: dict[int, str] | None = None
    ) -> dict[int, tuple[float, str]]:
        opts = self.options
        script = detect_script(text)
        norm = fold(text)
        best = self._exact(text, norm, abbreviations, {} if kinds is None else kinds) if norm else {}
        pf = phonetic(text, script)
        key = coarse_key(pf)
        if not key:
            return best
        abjad = script in ABJADS
        exact_keys = {key}
        if abjad and "w" in pf:
            exact_keys.add(coarse_key(pf.replace("w", "v")))  # و is v in Persian and Turkic names
        self._score_forms(pf, abjad, self._reader.by_keys(exact_keys), best)
        # Neighbouring keys (one class symbol off) only when the key's own bucket fits poorly.
        top = max((sim for sim, _ in best.values()), default=0.0)
        if top < opts.good_enough:
            keys = set().union(*(key_variants(k) for k in exact_keys)) - exact_keys
            if keys:
                self._score_forms(pf, abjad, self._reader.by_keys(keys), best)
        return best

    def _score_forms(self, pf: str, abjad: bool, forms: Mapping[str, list[tuple[int, str]]], best: dict) -> None:
        opts = self.options
        candidates = list(forms)
        if len(candidates) > opts.prefilter:
            candidates = _prefilter(pf, candidates, opts.prefilter)
        penalty = opts.machine_romanisation_penalty
        floor = opts.min_similarity
        # One call scores the whole bucket; places are read (in one query) only for the forms that
        # score well.
        scored = [
            (cpf, base)
            for cpf, base in zip(candidates, similarities(pf, candidates, abjad=abjad, floor=floor), strict=True)
            if base + penalty >= floor
        ]
        if isinstance(forms, FormBucket):
            forms.fetch([cpf for cpf, _ in scored])
        for cpf, base in scored:
            for pid, matched in forms[cpf]:
                sim = base - penalty if matched[:1].islower() and matched.isascii() else base
                if sim >= floor and sim > best.get(pid, (0.0, ""))[0]:
                    best[pid] = (sim, matched)

    def _prior(self, place: Place, prom: float, *, exact: bool) -> float:
        """What the place's prominence (and source) adds to its name similarity."""
        opts = self.options
        prior = opts.prominence_weight * prom * (1.0 if exact else opts.fuzzy_prominence_share)
        if place.source.endswith("supplement"):
            return prior + opts.supplement_bonus
        if not exact and place.feature_code in opts.official_codes:
            prior -= opts.fuzzy_official_penalty
        return prior

    def close(self) -> None:
        """Release the index file."""
        self._reader.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_BRACKETS = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")


@lru_cache(maxsize=1)
def _descriptors() -> tuple[tuple[str, ...], tuple[str, ...]]:
    text = resources.files("gazetteer").joinpath("data/descriptors.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    prefixes = tuple(sorted({w.strip() for pos, w in rows if pos == "prefix"}, key=len, reverse=True))
    suffixes = tuple(sorted({w.strip() for pos, w in rows if pos == "suffix"}, key=len, reverse=True))
    return prefixes, suffixes


def _below_seats(scored: list[tuple], share: float) -> list[tuple]:
    """Put a division that is little more than its seat town just below the town.

    A rayon with its town's name and at most ``1 / share`` more people (Zəngilan, Qubadlı) is not
    what the name means: the town is. Seats are towns of the division matched exactly.
    """
    seats: dict[tuple[str, str], tuple[float, int]] = {}
    for key, _, _, m in scored:
        p = m.place
        if p.feature_class == "P" and m.similarity > 1.0 and p.admin1:
            k = (p.country_code, p.admin1)
            seats[k] = max(seats.get(k, (key, p.population)), (key, p.population))
    out = []
    for key, neg_pop, pid, m in scored:
        seat = seats.get((m.place.country_code, m.place.admin1)) if m.place.feature_code == "ADM1" else None
        if seat is not None and seat[1] * share >= m.place.population and key >= seat[0]:
            demoted = seat[0] - 0.001
            # the prior carries the demotion, so callers ranking by similarity + prior agree
            m = replace(m, score=min(m.score, display_score(demoted)), prior=m.prior - (key - demoted))
            key = demoted
        out.append((key, neg_pop, pid, m))
    return out


def _within(place: Place, areas: set[tuple[str, str]]) -> bool:
    """Whether ``place`` lies in one of ``areas`` (``(country, admin1 or "")``)."""
    return (place.country_code, "") in areas or (place.country_code, place.admin1) in areas


def _variants(text: str) -> list[str]:
    """The query, then the query without brackets or a generic prefix/suffix word, if any."""
    if not text:
        return []
    out = [text]
    bare = _BRACKETS.sub(" ", text).strip()
    if bare and bare != text:
        out.append(bare)
    prefixes, suffixes = _descriptors()
    words = bare.split()
    folded = fold(bare)
    for p in prefixes:
        if folded.startswith(p + " ") and len(words) > len(p.split()):
            out.append(" ".join(words[len(p.split()) :]))
            break
    for sfx in suffixes:
        if folded.endswith(" " + sfx) and len(words) > len(sfx.split()):
            out.append(" ".join(words[: -len(sfx.split())]))
            break
    return out


# For the fast prefilter: emphatics and long vowels fold to their plain kin, markers vanish.
_PLAIN = str.maketrans(
    {
        "ʈ": "t",
        "ɖ": "d",
        "ʂ": "s",
        "ʐ": "z",
        "ħ": "h",
        "ʕ": "'",
        "A": "a",
        "I": "i",
        "U": "u",
        "E": "a",
        "@": None,
        "H": None,
    }
)


def _prefilter(pf: str, forms: list[str], keep: int) -> list[str]:
    """Keep the ``keep`` forms closest to the query by a fast unweighted edit distance."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    # All the forms made plain at once; a form holding the separator would change the count, and
    # then each form is done on its own.
    choices = _plain(_SEP.join(forms)).split(_SEP)
    if len(choices) != len(forms):
        choices = [_plain(f) for f in forms]
    best = process.extract(_plain(pf), choices, scorer=Levenshtein.normalized_distance, limit=keep)
    return [forms[i] for _, _, i in best]


_SEP = "\x1f"
_PLAIN_PAIRS = tuple((chr(k), v or "") for k, v in _PLAIN.items())
# str.replace per symbol is many times faster than str.translate on non-ASCII text, and gives the
# same result as long as no replacement brings in a symbol that is itself replaced.
_REPLACE_SAFE = not {ch for _, v in _PLAIN_PAIRS for ch in v} & {k for k, _ in _PLAIN_PAIRS}


def _plain(text: str) -> str:
    """``text.translate(_PLAIN)``, fast."""
    if not _REPLACE_SAFE:  # pragma: no cover - guards an edit of _PLAIN
        return text.translate(_PLAIN)
    for old, new in _PLAIN_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text
