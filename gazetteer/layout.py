"""What the index file's writer (:mod:`gazetteer.index`) and reader (:mod:`gazetteer.reader`) agree on:
its file name, format version, fingerprint, the separator of bucket strings and the name hash.
"""

from __future__ import annotations

import hashlib
import zlib
from importlib import resources

__all__ = [
    "INDEX_FILE",
    "INDEX_FORMAT",
    "SQLITE_MAGIC",
    "BUCKET_SEP",
    "fingerprint",
    "name_hash",
    "bucket_places",
    "split_places",
]

INDEX_FILE = "gazetteer.sqlite"
INDEX_FORMAT = 5
SQLITE_MAGIC = b"SQLite format 3\x00"
#: Separates the forms of a bucket (phonetic forms are made of letters and marks, never of this),
#: and the places of one form from those of the next.
BUCKET_SEP = "\x1f"
_PAIR_SEP = "\x1e"  # between the place ids and names of one form: id, name, id, name, ...


def fingerprint() -> str:
    """Hash of everything that shapes stored keys: the translit tables and the key classes."""
    h = hashlib.sha256(str(INDEX_FORMAT).encode())
    data = resources.files("gazetteer").joinpath("data")
    for name in sorted(p.name for p in data.joinpath("translit").iterdir() if p.name.endswith(".tsv")):
        h.update(data.joinpath("translit", name).read_bytes())
    classes = [
        ln for ln in data.joinpath("phonetic_costs.tsv").read_text("utf-8").splitlines() if ln.startswith("class\t")
    ]
    h.update("\n".join(classes).encode())
    return h.hexdigest()[:16]


def name_hash(norm: str) -> int:
    """32-bit hash of a folded name, for the in-memory "is this some place's name?" filter."""
    return zlib.crc32(norm.encode("utf-8"))


def bucket_places(forms: list[list[tuple[int, str]]]) -> str | None:
    """The ``places`` of a bucket row: for each of its forms, in order, the ``(place id, name)``
    pairs of ``forms``, as one string; ``None`` when a name holds one of the separators (the pairs
    are then read from the ``forms`` table). :func:`split_places` reads one form's part back."""
    joined = BUCKET_SEP.join([_PAIR_SEP.join([f"{pid}{_PAIR_SEP}{name}" for pid, name in hits]) for hits in forms])
    pairs = sum(map(len, forms))
    if joined.count(BUCKET_SEP) != len(forms) - 1 or joined.count(_PAIR_SEP) != 2 * pairs - len(forms):
        return None
    return joined


def split_places(part: str) -> list[tuple[int, str]]:
    """The ``(place id, name)`` pairs of one form's part of a bucket's ``places`` (see :func:`bucket_places`)."""
    items = part.split(_PAIR_SEP)
    return list(zip(map(int, items[0::2]), items[1::2], strict=True))
