"""Exceptions of the ``maps`` package: one root, leaves that also inherit the built-in they resemble."""

from __future__ import annotations

__all__ = ["MapError", "ClaimsError"]


class MapError(Exception):
    """Root of every error ``maps`` raises on purpose."""


class ClaimsError(MapError, ValueError):
    """The claims given cannot be mapped (not a FeatureCollection, a feature missing properties)."""
