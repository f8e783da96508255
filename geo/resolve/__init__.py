"""Stage: resolution in context. Chooses the place each mention means (``Doc.places``).

Reads the mentions and the country focus of the :class:`~geo.model.Doc`; see :mod:`.context` for
the rules, :mod:`.features` and :mod:`.ranker` for the learned ranker. :mod:`.online` turns the answers of the opt-in online geocoder into candidates.
"""

from __future__ import annotations

from ..model import Context, Doc
from .context import resolve
from .online import OnlineMatcher

__all__ = ["resolve_places", "resolve", "OnlineMatcher"]


def resolve_places(doc: Doc, ctx: Context) -> Doc:
    """Add ``places``: one :class:`~geo.model.Resolved` per mention that has a fitting candidate."""
    return doc.add(places=tuple(resolve(doc.mentions, focus=doc.focus, options=ctx.options.resolve, text=doc.text)))
