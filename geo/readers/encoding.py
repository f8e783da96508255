"""Bytes to text: the encodings news files come in, detected, and binary files refused.

Arabic articles arrive as UTF-8 (with or without a byte-order mark), UTF-16 (Windows "Unicode"
exports) and Windows-1256 (older Arabic Windows software). Detection, in order:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32);
2. NUL bytes: UTF-16 without a mark when they sit in every other byte, else binary data;
3. strict UTF-8;
4. Windows-1256, when nearly all non-ASCII bytes are Arabic letters in that code page and the
   text reads as mostly Arabic;
5. otherwise an error that names the first bad byte and its line and asks for ``--encoding``.

Text that decodes but is mostly control characters is binary data, whatever the encoding. The
result has ``\\n`` newlines and is NFC-normalised (:func:`.hygiene.normalize`), so the same word is
the same string whatever the file's origin; the readers clean it further (:mod:`.hygiene`).

>>> decode("قره باغ\\r\\n".encode("cp1256"), name="a.txt", encoding=None)
'قره باغ\\n'
"""

from __future__ import annotations

import codecs
import contextlib
import re

from ..errors import InputError
from .hygiene import normalize

__all__ = ["decode", "decode_line", "declared_charset", "utf16_without_bom"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HIGH = bytes(range(0x80, 0x100))
# Bytes that Windows-1256 maps to the Arabic block (letters, marks, Arabic punctuation).
_CP1256_ARABIC = bytes(b for b in _HIGH if "\u0600" <= bytes([b]).decode("cp1256") <= "\u06ff")
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # C0/C1 controls, except tab and line breaks
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` an HTML file declares in its first 4 KB, if Python knows it."""
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode(data: bytes, *, name: str, encoding: str | None, declared: str | None = None) -> str:
    """Decode an article file's bytes; raise :class:`InputError` naming ``name`` when they are not text.

    Parameters
    ----------
    data:
        The file's bytes.
    name:
        The file as the user gave it, for messages.
    encoding:
        The user's ``--encoding``; ``None`` detects it (see the module docstring).
    declared:
        An encoding the file itself declares (an HTML ``<meta charset>``), tried when the bytes
        are not UTF-8 and before the Windows-1256 guess.

    Byte positions in messages count from 1, like lines.

    >>> decode(b"", name="empty.txt", encoding=None)
    ''
    """
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise InputError(f"{name}: unknown encoding {encoding!r}") from None
        return _checked(_strict(data, codec, name, f"not valid {encoding} text"), name)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _checked(_strict(data, codec, name, f"not valid {codec} text", start=len(bom)), name)
    if b"\0" in data:
        codec = utf16_without_bom(data)
        if codec is None:
            raise InputError(f"{name}: binary data, not an article")
        return _checked(_strict(data, codec, name, f"not valid {codec} text"), name)
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError as err:
        first_error = err
    guesses = [declared] if declared and declared != "utf-8" else []
    if _looks_like_cp1256(data):
        guesses.append("cp1256")
    for guess in guesses:
        try:
            return _checked(data.decode(guess), name)
        except UnicodeDecodeError:
            pass
    raise InputError(f"{name}: not UTF-8 text ({_where(data, first_error.start)}); give --encoding") from first_error


def decode_line(data: bytes, *, name: str, encoding: str | None) -> str:
    """Decode one line of a JSON lines stream: UTF-8 (or Windows-1256, detected as for a file) or
    ``encoding``; no byte-order marks or UTF-16 inside a stream. A line that is not text raises
    :class:`InputError` with ``name`` and the byte where it goes wrong."""
    if b"\0" in data:
        raise InputError(f"{name}: binary data (a NUL byte at byte {data.index(0) + 1}), not a record")
    if encoding:
        return decode(data, name=name, encoding=encoding)
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError as err:
        if _looks_like_cp1256(data):
            with contextlib.suppress(UnicodeDecodeError):
                return _checked(data.decode("cp1256"), name)
        raise InputError(f"{name}: not UTF-8 text (byte {err.start + 1}); give --encoding") from None


def _strict(data: bytes, codec: str, name: str, problem: str, *, start: int = 0) -> str:
    try:
        return data[start:].decode(codec) if start else data.decode(codec)
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: {problem} ({_where(data, start + err.start, codec, start)})") from err


def _where(data: bytes, offset: int, codec: str = "utf-8", start: int = 0) -> str:
    line = data[start:offset].decode(codec, errors="replace").count("\n") + 1
    return f"byte {offset + 1}, line {line}"


def _checked(text: str, name: str) -> str:
    """Refuse decoded text that is mostly control characters (a binary file that happened to decode)."""
    controls = len(_CONTROL.findall(text, 0, 65536))
    if controls and controls > 0.05 * min(len(text), 65536):
        raise InputError(f"{name}: binary data, not an article")
    return normalize(text)


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NUL bytes fill one byte of each pair (ASCII spaces, digits, Latin)."""
    if len(data) % 2:
        return None
    pairs = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for codec, nuls, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls >= 0.05 * pairs and other <= 0.01 * pairs:
            return codec
    return None


def _looks_like_cp1256(data: bytes) -> bool:
    """Nearly all high bytes are Arabic in Windows-1256, and Arabic letters outnumber Latin ones."""
    high = len(data) - len(data.translate(None, _HIGH))
    arabic = len(data) - len(data.translate(None, _CP1256_ARABIC))
    latin = len(data) - len(data.translate(None, _ASCII_LETTERS)) + (high - arabic)
    return high > 0 and arabic >= 0.9 * high and arabic > latin
