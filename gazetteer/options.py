"""Tunables of ranking: :class:`SearchOptions` (the defaults are :data:`DEFAULT_OPTIONS`)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SearchOptions", "DEFAULT_OPTIONS"]


@dataclass(frozen=True)
class SearchOptions:
    """Tunables of ranking. A candidate's key is its name similarity plus its prior plus biases.

    Attributes
    ----------
    min_similarity:
        Candidates less similar than this are not returned ("nothing fits").
    exact_bonus:
        Added when the query's folded spelling equals a stored name.
    primary_bonus:
        Added on top when that stored name is the place's primary name: "New Jersey" is the
        state's own name, only an alternate name of a town.
    prominence_weight:
        Weight of the place's prominence (:func:`gazetteer.prominence.prominence`, in [0, 1]:
        feature kind, population, number of names).
    fuzzy_prominence_share:
        Share of that weight a name matched by sound keeps: prominence says which place a
        name means far more surely than which name a misspelling means.
    script_bonus:
        Added to similar (not exact) matches when the query's script (not Latin) is written in
        the place's country: a name in Arabic script more often means a place where Arabic
        script is written.
    supplement_bonus:
        Added to places from a supplement (packaged or the user's): supplements exist to add
        the places and names that matter in the user's domain, so they win near-ties with
        same-named places of the generic gazetteer (قره باغ is Karabakh, not an Afghan village),
        and are never penalised as official names matched by sound.
    official_codes, fuzzy_official_penalty:
        Countries, provinces and regions are written in their standard forms, and their names
        come in hundreds of languages: for these codes a merely similar name loses
        ``fuzzy_official_penalty`` (غنجة is not Guinea).
    country_bonus, near_bonus, near_scale_km:
        The ``country`` bias adds ``country_bonus``; ``near`` adds
        ``near_bonus * exp(-distance / near_scale_km)``.
    qualifier_bonus:
        Added to places inside the area a qualified query names ("Baku, Azerbaijan").
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
    seat_share:
        A first-level division ranks above its same-named seat town only when it holds more than
        ``seat_share`` times the town's population: a rayon that is little more than its town
        (Qubadlı) is not what its town's name means.
    pivot_penalty:
        Subtracted from the exact bonus of a place found by pivoting (its primary name is that
        of a place the query names exactly).
    similar_score_cap:
        The readable score of a name matched by sound is at most this times its similarity.
    ranked:
        At most this many candidates (the most similar) are fetched and ranked with priors.
    """

    min_similarity: float = 0.62
    exact_bonus: float = 0.04
    primary_bonus: float = 0.05
    prominence_weight: float = 0.12
    fuzzy_prominence_share: float = 0.5
    script_bonus: float = 0.03
    supplement_bonus: float = 0.15
    official_codes: frozenset[str] = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCL", "TERR", "ADM1", "RGN", "CONT"})
    fuzzy_official_penalty: float = 0.05
    country_bonus: float = 0.1
    near_bonus: float = 0.1
    near_scale_km: float = 300.0
    qualifier_bonus: float = 0.3
    machine_romanisation_penalty: float = 0.03
    max_query_chars: int = 200
    prefilter: int = 80
    good_enough: float = 0.93
    seat_share: float = 3.0
    pivot_penalty: float = 0.02
    similar_score_cap: float = 0.95
    ranked: int = 100


DEFAULT_OPTIONS = SearchOptions()
