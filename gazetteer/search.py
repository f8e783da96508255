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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .distance import coarse_key, key_variants, similarities
from .errors import IndexCorrupt, IndexMissing, IndexOutdated
from .geometry import distance_km
from .index import FormBucket, IndexReader, build_index
from .paths import default_index_dir
from .place import Match, Place
from .priors import place_prior, script_affinity
from .translit import ABJADS, detect_script, fold, phonetic

__all__ = ["Gazetteer", "SearchOptions", "DEFAULT_OPTIONS"]

_log = logging.getLogger("gazetteer")


@dataclass(frozen=True)
class SearchOptions:
    """Tunables of ranking. Scores are similarities in [0, 1] plus these small adjustments.

    Attributes
    ----------
    min_similarity:
        Candidates less similar than this are not returned ("nothing fits").
    exact_bonus:
        Added when the query's folded spelling equals a stored name.
    population_weight:
        Weight of ``log10(population + 1) / 7`` (capped at 1).
    names_weight:
        Weight of ``log(names + 1) / log(100)`` (capped at 1): places known under many names
        (in many languages) are better known, hence more often meant.
    script_bonus:
        Added to similar (not exact) matches when the query's script (not Latin) is written in
        the place's country: a name in Arabic script more often means a place where Arabic
        script is written.
    feature_bonus:
        Added per GeoNames feature code (countries, capitals, first-order seats, regions).
    supplement_bonus:
        Added to places from a supplement (packaged or the user's): supplements exist to add
        the places and names that matter in the user's domain, so they win near-ties with
        same-named places of the generic gazetteer (قره باغ is Karabakh, not an Afghan village).
    official_codes, fuzzy_official_penalty:
        Countries and provinces are written in their standard forms, and their names come in
        hundreds of languages: for these codes the feature bonus needs an exact match, and a
        merely similar name loses ``fuzzy_official_penalty`` (غنجة is not Guinea).
    country_bonus, near_bonus, near_scale_km:
        The ``country`` bias adds ``country_bonus``; ``near`` adds
        ``near_bonus * exp(-distance / near_scale_km)``.
    machine_romanisation_penalty:
        Subtracted for all-lower-case ASCII names (``rwdbar``, ``ye li wen``): GeoNames' machine
        romanisations, which copy another script letter by letter rather than spell the name.
    max_query_chars:
        Longer queries are cut to this many characters (no place name is longer).
    prefilter:
        At most this many retrieved forms are scored with the full weighted distance.
    good_enough:
        When a name in the query's own key bucket is this similar, neighbouring buckets are
        not searched.
    """

    min_similarity: float = 0.62
    exact_bonus: float = 0.04
    population_weight: float = 0.03
    names_weight: float = 0.02
    script_bonus: float = 0.03
    feature_bonus: tuple[tuple[str, float], ...] = (
        ("PCLI", 0.06),
        ("PCLD", 0.05),
        ("PCLF", 0.05),
        ("PCLS", 0.05),
        ("PCL", 0.05),
        ("TERR", 0.03),
        ("PPLC", 0.04),
        ("PPLA", 0.02),
        ("PPLA2", 0.01),
        ("RGN", 0.08),
        ("ADM1", 0.01),
    )
    supplement_bonus: float = 0.08
    official_codes: frozenset[str] = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCL", "TERR", "ADM1"})
    fuzzy_official_penalty: float = 0.05
    country_bonus: float = 0.1
    near_bonus: float = 0.1
    near_scale_km: float = 300.0
    machine_romanisation_penalty: float = 0.03
    max_query_chars: int = 200
    prefilter: int = 80
    good_enough: float = 0.93


DEFAULT_OPTIONS = SearchOptions()


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
        self._features = dict(options.feature_bonus)

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
            from dataclasses import replace

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
    ) -> list[Match]:
        """Places that ``name`` (any script) may denote, best first; ``[]`` when nothing fits.

        Parameters
        ----------
        name:
            The place name as written: ``"زنغلان"``, ``"Zəngilan"``, ``"Зангелан"``.
        limit:
            How many matches to return at most.
        country:
            ISO 3166-1 alpha-2 code(s) to favour (a bias, not a filter).
        near:
            ``(lat, lon)`` to favour places close to.
        exact:
            Only places with a name spelled exactly so (after folding): fast, no transliteration.
        """
        sims = self._exact_similarities(name) if exact else self.similarities(name)
        if not sims or limit <= 0:
            return []
        script = detect_script(name)
        countries = {country.upper()} if isinstance(country, str) else {c.upper() for c in country or ()}
        # Rank by similarity first to bound the number of places fetched.
        top = sorted(sims.items(), key=lambda kv: -kv[1][0])[: max(50, limit * 10)]
        places = self._reader.places(pid for pid, _ in top)
        scored = []
        for pid, (sim, matched) in top:
            place = places.get(pid)
            if place is None:
                continue
            prior = self._prior(place, exact=sim > 1.0)
            if sim <= 1.0 and script != "latin" and script_affinity(script, place.country_code):
                prior += self.options.script_bonus
            score = sim + prior
            if countries and place.country_code in countries:
                score += self.options.country_bonus
            if near is not None:
                d = distance_km(near[0], near[1], place.lat, place.lon)
                score += self.options.near_bonus * math.exp(-d / self.options.near_scale_km)
            scored.append((score, -place.population, place.id, Match(place, min(1.0, score), matched, sim, prior)))
        scored.sort(key=lambda t: (-t[0], t[1], t[2]))
        return [t[3] for t in scored[:limit]]

    def known_names(self, names: Iterable[str]) -> list[bool]:
        """For each string, whether it may be spelled exactly as some place's name.

        Answered in memory (a hash filter, no false negatives): a cheap first test before
        :meth:`search` when scanning every word sequence of a text.
        """
        return self._reader.maybe_names(fold(n) for n in names)

    def known_folded(self, norms: Iterable[str]) -> list[bool]:
        """:meth:`known_names` for strings already folded (see :func:`gazetteer.fold`)."""
        return self._reader.maybe_names(norms)

    def _exact_similarities(self, name: str) -> dict[int, tuple[float, str]]:
        norm = fold((name or "").strip()[: self.options.max_query_chars])
        if not norm:
            return {}
        return {pid: (1.0 + self.options.exact_bonus, matched) for pid, matched in self._reader.by_norm(norm)}

    def similarities(self, name: str) -> dict[int, tuple[float, str]]:
        """Best similarity of ``name`` to each candidate place: ``{place id: (similarity, name matched)}``.

        Exact matches of the folded spelling score above 1 (``1 + exact_bonus``). The name is
        also tried without a parenthesis or a generic word ("مقاطعة X", "X Oblast"). This is
        the retrieval step of :meth:`search` without priors, for callers that rank in context.
        """
        text = (name or "").strip()[: self.options.max_query_chars]
        best: dict[int, tuple[float, str]] = {}
        for i, variant in enumerate(_variants(text)):
            for pid, (sim, matched) in self._similarities(variant).items():
                sim -= 0.005 * bool(i)
                if sim > best.get(pid, (0.0, ""))[0]:
                    best[pid] = (sim, matched)
        return best

    def _similarities(self, text: str) -> dict[int, tuple[float, str]]:
        opts = self.options
        script = detect_script(text)
        best: dict[int, tuple[float, str]] = {}
        norm = fold(text)
        if norm:
            exact = 1.0 + opts.exact_bonus
            hits = self._reader.by_norm(norm)
            for pid, matched in hits:
                best[pid] = (exact, matched)
            # An exact match also says what the name is called elsewhere: places whose primary
            # name is that of a match (every "Washington" when واشنطن names one) are as likely.
            pivots = {fold(p.name) for p in self._reader.places(pid for pid, _ in hits[:20]).values()}
            for pivot in sorted(pivots - {norm})[:5]:
                for pid, matched in self._reader.by_norm(pivot):
                    if pid not in best:
                        best[pid] = (exact, matched)
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

    def _prior(self, place: Place, *, exact: bool) -> float:
        opts = self.options
        prior = place_prior(place, population_weight=opts.population_weight, names_weight=opts.names_weight)
        if place.source.endswith("supplement"):
            prior += opts.supplement_bonus
        if place.feature_code not in opts.official_codes or exact:
            return prior + self._features.get(place.feature_code, 0.0)
        return prior - opts.fuzzy_official_penalty

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
