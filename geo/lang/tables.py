"""The one reader of the tab-separated tables of language packs (and of the other data files of ``geo``).

Every table follows the same rules: UTF-8, one row per line, cells separated by tabs and stripped,
blank lines and lines whose first non-space character is ``#`` ignored. A line ``@NAME<TAB>a|b|c``
defines a macro (used by the pattern files, see :mod:`geo.nlp.patterns`).

>>> rows, macros = parse_table("# a comment\\nوزارة الدفاع\\tministry\\n\\n@ARMY\\tالجيش|القوات\\n", "x.tsv")
>>> rows, macros
([['وزارة الدفاع', 'ministry']], {'@ARMY': ['الجيش', 'القوات']})
>>> parse_table("", "empty.tsv")
([], {})
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Table", "parse_table"]


@dataclass(frozen=True, slots=True)
class Table:
    """The rows of one table (lists of cells) and its macros (``@NAME`` -> alternatives)."""

    name: str
    rows: tuple[tuple[str, ...], ...] = ()
    macros: dict[str, list[str]] = field(default_factory=dict)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def parse_table(text: str, name: str) -> tuple[list[list[str]], dict[str, list[str]]]:
    """The rows and macros of a table's text (``name`` is only for messages)."""
    rows: list[list[str]] = []
    macros: dict[str, list[str]] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if cells[0].startswith("@") and " " not in cells[0] and len(cells) == 2:
            macros[cells[0]] = [alt.strip() for alt in cells[1].split("|") if alt.strip()]
        else:
            rows.append(cells)
    return rows, macros
