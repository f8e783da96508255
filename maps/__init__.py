"""Claims to interactive Leaflet maps (static HTML). Renders what :mod:`geo` extracts; never geocodes.

Nothing is implemented here yet: the map renderer is planned work (see the project's issues).
"""

from __future__ import annotations

__all__: list[str] = []
