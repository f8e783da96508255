"""Stages: who claims what, where. Attributes each statement to its speaker (``Doc.clauses``), says
what it reports (``Doc.facts``) and which of its places are where the event happened, who each claim
is drawn with and as what side type (``Doc.roles``).

- :mod:`.speakers` builds claimants and remembers speakers; :mod:`.subjects` finds a clause's speaker,
  rule by rule (each clause records the rule in ``Clause.how``);
- :mod:`.clauses` cuts sentences into propositions; :mod:`.attribute` attributes each;
  :mod:`.carry` carries attribution through quotations;
- :mod:`.sides` gives the claimant's side and side type (``data/sides.tsv``: side-code conventions);
- :mod:`.events` reads a clause's event type, counts and date;
- :mod:`.places` and :mod:`.roles` sort a clause's places into event places, claimant seats and
  background;
- :mod:`.learned` decides between candidate speakers where the rules leave a choice
  (``data/attribution.json``).
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Claimant, ClauseRoles, Context, Doc, EventPlace
from ..nlp.lexicon import lexicon_of
from .attribute import attribute, home_country
from .events import event_facts
from .learned import NOBODY, candidates, decide, shipped_model
from .roles import place_roles, precision_of
from .sides import contested_places, home_side, settle_side_types
from .speakers import outlet_claimant

__all__ = [
    "attribute_claims",
    "describe_events",
    "assign_roles",
    "attribute",
    "event_facts",
    "place_roles",
    "precision_of",
    "home_country",
    "outlet_claimant",
    "contested_places",
]


def attribute_claims(doc: Doc, ctx: Context) -> Doc:
    """Add ``home`` (the country the places mostly lie in) and ``clauses``: every statement with its
    speaker, the outlet's own narrative where nobody is said to speak."""
    home = home_country(doc.places)
    clauses = attribute(
        doc.sentences,
        doc.places,
        doc.actors,
        text=doc.text,
        lexicon=lexicon_of(doc.language),
        outlet=doc.article.outlet,
        home=home,
        home_side=home_side(doc.places),
    )
    return doc.add(home=home, clauses=clauses)


def describe_events(doc: Doc, ctx: Context) -> Doc:
    """Add ``facts``: each clause's event type, quantities, fatalities and date."""
    lexicon = lexicon_of(doc.language)
    published = doc.article.published
    facts = []
    for c in doc.clauses:
        sentence = doc.sentences[c.sentence]
        whole = sentence.words if c.start == sentence.start and len(c.tokens) == len(sentence.tokens) else None
        facts.append(event_facts(c, text=doc.text, lexicon=lexicon, published=published, words=whole))
    return doc.add(facts=tuple(facts))


def assign_roles(doc: Doc, ctx: Context) -> Doc:
    """Add ``roles`` (per clause: is it a claim, where its event happened, which places stand for its
    claimant) and ``others``: every place that is neither an event place nor a seat of a claim."""
    lexicon = lexicon_of(doc.language)
    roles = place_roles(doc.clauses, doc.facts, lexicon, text=doc.text)
    options = ctx.options.claims
    model = options.model if options.model is not None else (shipped_model() if options.learned else None)
    if model is not None:
        cands = candidates(
            doc.clauses,
            doc.facts,
            roles,
            text=doc.text,
            lexicon=lexicon,
            outlet=doc.article.outlet,
            carry_sentences=options.carry_sentences,
        )
        chosen = decide(cands, model, options.margin)
        roles = tuple(_decided(r, c) for r, c in zip(roles, chosen, strict=True))
    claimants = [r.claimant or c.claimant for c, r in zip(doc.clauses, roles, strict=True)]
    # a denial of violence it inherited the place of is about violence too
    violent = [
        f.conflict or (c.stance == "denies" and bool(r.events))
        for c, f, r in zip(doc.clauses, doc.facts, roles, strict=True)
    ]
    side_types = settle_side_types(doc.clauses, doc.facts, claimants, violent)
    roles = tuple(replace(r, side_type=t) for r, t in zip(roles, side_types, strict=True))
    used = {id(e.place) for r in roles if r.claim for e in (*r.events, *r.seats)}
    others = tuple(EventPlace(r, *precision_of(r, None)) for r in doc.places if id(r) not in used)
    return doc.add(roles=roles, others=others)


def _decided(roles: ClauseRoles, chosen: Claimant | None) -> ClauseRoles:
    """A clause's roles after the learned decision: another claimant, or (nobody) no event place."""
    if chosen is None:
        return roles
    if chosen is NOBODY:
        return replace(roles, events=())
    return replace(roles, claimant=chosen)
