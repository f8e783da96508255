"""Language packs: all that extraction knows about a language, one folder per language.

``geo/lang/<code>/`` holds a pack: its tables (see :data:`TABLES`) and a small module defining
``LANGUAGE``, a :class:`Language` (or subclass) with the rules of its word forms. Packs in this
package are found by their folder; others (a user's, a test's) are added with
:func:`register_language`. Nothing outside this package names a language.

>>> from geo.lang import get_language, languages
>>> languages()
('ar', 'en')
>>> get_language("ar").name
'Arabic'
>>> get_language("xx")
Traceback (most recent call last):
...
geo.errors.UnknownLanguage: no language pack for 'xx'; available: ar, en
"""

from __future__ import annotations

from .base import TABLES, WORD_CLASSES, Language
from .detect import detect_language
from .names import display_name
from .registry import get_language, languages, neutral_language, register_language, unregister_language

__all__ = [
    "Language",
    "TABLES",
    "WORD_CLASSES",
    "get_language",
    "languages",
    "register_language",
    "unregister_language",
    "neutral_language",
    "detect_language",
    "display_name",
]
