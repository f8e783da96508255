"""The registry of language packs: the packaged ones, found by folder, and those registered at run time."""

from __future__ import annotations

import importlib
import pkgutil
import threading
from functools import cache

from ..errors import UnknownLanguage
from .base import Language

__all__ = ["get_language", "languages", "register_language", "unregister_language", "neutral_language"]

_PACKAGE = __name__.rpartition(".")[0]
_registered: dict[str, Language] = {}
_lock = threading.Lock()


@cache
def _packaged() -> tuple[str, ...]:
    """Codes of the packs in this package (sub-packages named by a language code)."""
    modules = pkgutil.iter_modules(importlib.import_module(_PACKAGE).__path__)
    return tuple(m.name for m in modules if m.ispkg and m.name.isalpha() and m.name.islower())


def languages() -> tuple[str, ...]:
    """The codes of every language with a pack, sorted."""
    return tuple(sorted(set(_packaged()) | set(_registered)))


def get_language(code: str) -> Language:
    """The pack of language ``code`` (``"ar"``, ``"en"``); :class:`~geo.errors.UnknownLanguage` if none."""
    key = (code or "").strip().lower()
    found = _registered.get(key)
    if found is not None:
        return found
    if key in _packaged():
        with _lock:
            if key not in _registered:
                module = importlib.import_module(f"{_PACKAGE}.{key}")
                _registered[key] = module.LANGUAGE
        return _registered[key]
    raise UnknownLanguage(f"no language pack for {code!r}; available: {', '.join(languages())}")


def register_language(language: Language, *, replace: bool = False) -> None:
    """Make ``language`` available under its code (a pack kept outside this package)."""
    with _lock:
        if language.code in _registered and not replace:
            raise ValueError(f"a language {language.code!r} is registered already (pass replace=True)")
        _registered[language.code] = language


def unregister_language(code: str) -> None:
    """Forget a language added by :func:`register_language` (packaged ones come back on next use)."""
    with _lock:
        _registered.pop(code, None)


@cache
def neutral_language(code: str = "und") -> Language:
    """A language with no pack: no lexicon, dates or counts, words read only as written. Text in it
    still yields places (names the gazetteer knows); every claim is the outlet's."""
    from importlib import resources

    # the package folder holds no pack tables, so every table of this language is empty
    return Language(code or "und", "no language pack", resources.files(_PACKAGE))
