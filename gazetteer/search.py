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
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from .candidates import Scored, below_seats, prior_bound, seats_of, within
from .distance import coarse_key, key_variants, similarities
from .errors import IndexCorrupt, IndexMissing, IndexOutdated
from .geometry import distance_km
from .index import build_index
from .options import DEFAULT_OPTIONS, SearchOptions
from .paths import default_index_dir
from .place import ABBREVIATION, Match, Place
from .priors import script_affinity
from .prominence import prominence
from .ranking import abbreviation_allowed, display_score, split_qualifier
from .reader import PLACE_CACHE, FormBucket, IndexReader, PlaceRow
from .retrieval import plain_forms, prefilter, query_variants
from .translit import ABJADS, detect_script, fold, phonetic

__all__ = ["Gazetteer", "SearchOptions", "DEFAULT_OPTIONS"]

_log = logging.getLogger("gazetteer")
_NEIGHBOUR_MEMO = 50_000  # keys whose stored neighbours are remembered (each a few short strings)


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
        self._prominence: dict[int, float] = {}  # place id -> prominence, of recent candidates
        self._neighbours: dict[str, frozenset[str]] = {}  # key -> its stored neighbouring keys

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
        return self._rank(found, detect_script(text), countries, near, inside, limit)

    def _rank(
        self,
        found: dict[int, tuple[float, str, str]],
        script: str,
        countries: set[str],
        near: tuple[float, float] | None,
        inside: set[tuple[str, str]] | None,
        limit: int | None = None,
    ) -> list[Match]:
        """The candidates as matches, best first (the first ``limit``).

        Candidates are ranked on their index rows; a :class:`Match` (and its :class:`Place`) is
        made only for those returned. Every candidate matched exactly is ranked, and the first
        ``limit`` matched by sound; of the others, only those whose similarity plus the largest
        prior they may get (:func:`~gazetteer.candidates.prior_bound`) reaches the ``limit``-th
        key so far: the rest cannot be returned, and their places are not read.
        """
        opts = self.options
        # Rank by similarity first to bound the number of places fetched.
        top = sorted(found.items(), key=lambda kv: -kv[1][0])[: opts.ranked]
        first = len(top)
        if limit is not None and len(top) > limit:
            first = next((k for k, (_, (sim, _, _)) in enumerate(top) if sim <= 1.0), len(top)) + limit
        scored = self._score_rows(top[:first], script, countries, near, inside)
        seats = seats_of(scored)  # every candidate matched exactly is among the first
        below_seats(scored, seats, opts.seat_share)
        rest = top[first:]
        if rest and len(scored) >= limit:  # type: ignore[operator]  # rest is empty without a limit
            bar = sorted((t[0] for t in scored), reverse=True)[limit - 1]  # type: ignore[operator]
            flags = {"countries": bool(countries), "near": near is not None, "inside": bool(inside)}
            plain = prior_bound(opts, script, supplement=False, **flags)
            extra = prior_bound(opts, script, supplement=True, **flags)
            if plain is not None and extra is not None:
                supplements = self._reader.supplement_ids()
                rest = [c for c in rest if c[1][0] + (extra if c[0] in supplements else plain) >= bar]
        if rest:
            more = self._score_rows(rest, script, countries, near, inside)
            below_seats(more, seats, opts.seat_share)
            scored += more
        scored.sort(key=lambda t: (-t[0], t[1], t[2]))
        return [self._match(t) for t in scored[:limit]]

    def _score_rows(
        self,
        candidates: list[tuple[int, tuple[float, str, str]]],
        script: str,
        countries: set[str],
        near: tuple[float, float] | None,
        inside: set[tuple[str, str]] | None,
    ) -> list[Scored]:
        """Ranking keys of candidates (``(place id, (similarity, name matched, kind))``) on their rows."""
        opts = self.options
        rows = self._reader.rows(pid for pid, _ in candidates)
        scored: list[Scored] = []
        for pid, (sim, matched, kind) in candidates:
            row = rows.get(pid)
            if row is None:
                continue
            prom = self._prominence_of(row)
            prior = self._prior(row, prom, exact=sim > 1.0)
            if sim <= 1.0 and script != "latin" and script_affinity(script, row.country_code):
                prior += opts.script_bonus
            key = sim + prior
            if countries and row.country_code in countries:
                key += opts.country_bonus
            if near is not None:
                d = distance_km(near[0], near[1], row.lat, row.lon)
                key += opts.near_bonus * math.exp(-d / opts.near_scale_km)
            if inside and within(row, inside):
                key += opts.qualifier_bonus
            scored.append([key, -row.population, pid, row, sim, matched, kind, prior, prom, key])
        return scored

    def _match(self, t: Scored) -> Match:
        """The match of one ranked candidate (see :meth:`_rank` and :func:`~gazetteer.candidates.below_seats`)."""
        key, _, _, row, sim, matched, kind, prior, prom, first_key = t
        score = display_score(first_key)
        if kind == "similar":  # a name matched by sound is never certain
            score = min(score, self.options.similar_score_cap * sim)
        if key != first_key:  # demoted below its seat: the prior carries the demotion
            score = min(score, display_score(key))
            prior = prior - (first_key - key)
        return Match(self._reader.place_of(row), score, matched, sim, prior, kind, round(prom, 4))

    def _prominence_of(self, row: PlaceRow) -> float:
        memo = self._prominence
        prom = memo.get(row.id)
        if prom is None:
            if len(memo) >= PLACE_CACHE:
                memo.clear()
            prom = memo[row.id] = prominence(row)  # type: ignore[arg-type]  # reads the fields Place has
        return prom

    def _qualifier(self, text: str) -> set[tuple[str, str]]:
        """Areas (``(country, admin1 or "")``) that a qualifier spelled ``text`` names exactly."""
        norm = fold(text)
        areas: set[tuple[str, str]] = set()
        hits = [
            h
            for h in self._reader.by_norm_tagged(norm)
            if h[2] != ABBREVIATION or abbreviation_allowed(text, h[1], True)
        ]
        for place in self._reader.rows(pid for pid, _, _ in hits).values():
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
            for i, variant in enumerate(query_variants(text)):
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
        places = self._reader.rows(pid for pid, _, _ in hits[: opts.ranked])
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
            keys = set().union(*(self._neighbours_of(k) for k in exact_keys)) - exact_keys
            if keys:
                self._score_forms(pf, abjad, self._reader.by_keys(keys), best)
        return best

    def _neighbours_of(self, key: str) -> frozenset[str]:
        """The keys one edit from ``key`` (itself included) that some stored form has, remembered."""
        memo = self._neighbours
        found = memo.get(key)
        if found is None:
            if len(memo) >= _NEIGHBOUR_MEMO:
                memo.clear()
            found = memo[key] = self._reader.present_keys(key_variants(key))
        return found

    def _score_forms(self, pf: str, abjad: bool, forms: Mapping[str, list[tuple[int, str]]], best: dict) -> None:
        opts = self.options
        bucket = forms if isinstance(forms, FormBucket) else None
        candidates = bucket.forms if bucket is not None else list(forms)
        positions = None
        if len(candidates) > opts.prefilter:
            positions = prefilter(
                pf, candidates, opts.prefilter, plain_forms(bucket.joined) if bucket is not None else None
            )
            candidates = [candidates[i] for i in positions]
        penalty = opts.machine_romanisation_penalty
        floor = opts.min_similarity
        # One call scores the whole bucket; places are read (in one query) only for the forms that
        # score well.
        sims = similarities(pf, candidates, abjad=abjad, floor=floor)
        kept = [k for k, base in enumerate(sims) if base >= floor]  # the penalty only lowers a form's score
        if bucket is not None:
            bucket.fetch_at(kept if positions is None else [positions[k] for k in kept])
        for k in kept:
            cpf, base = candidates[k], sims[k]
            for pid, matched in forms[cpf]:
                sim = base - penalty if matched[:1].islower() and matched.isascii() else base
                if sim >= floor and sim > best.get(pid, (0.0, ""))[0]:
                    best[pid] = (sim, matched)

    def _prior(self, place: Place | PlaceRow, prom: float, *, exact: bool) -> float:
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
