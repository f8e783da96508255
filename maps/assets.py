"""Leaflet and Leaflet.markercluster for the page: inlined, linked from a CDN, or copied beside the map.

The scripts and style sheets are vendored in ``static/vendor/`` (listed in ``data/assets.tsv``, with
their licences), so a map needs no network: ``inline`` (the default) puts them into the page itself,
``cdn`` links the same published files on a CDN, and any other value is the address (a URL, or a
path relative to the page) of a folder that :func:`write_assets` filled.

Inlined text cannot end its element early: a script containing ``</script`` (or ``<!--`` /
``<script``, which change how HTML parses script text) or a style sheet containing ``</style`` is
refused, whatever file sits in the package. The images Leaflet's style sheet refers to are inlined as
``data:`` addresses, so an inline page makes no request at all.
"""

from __future__ import annotations

import base64
import html
import os
import re
import tempfile
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from .errors import MapError

__all__ = ["Asset", "vendor_assets", "asset_tags", "write_assets", "inline_script", "inline_style", "CDN", "INLINE"]

INLINE = "inline"
CDN = "cdn"
_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S*\s*$")
_CSS_IMAGE = re.compile(r"url\((['\"]?)(images/[\w.-]+\.png)\1\)")
_SCRIPT_END = re.compile(r"</script|<!--|<script", re.I)
_STYLE_END = re.compile(r"</style", re.I)
_LICENCES = {"leaflet": "leaflet/LICENSE", "markercluster": "markercluster/MIT-LICENCE.txt"}


@dataclass(frozen=True)
class Asset:
    """One vendored file: its name, ``js`` or ``css``, its path under ``static/vendor/``, its CDN address."""

    name: str
    kind: str
    path: str
    cdn: str

    @property
    def filename(self) -> str:
        """The file's name in a folder of assets (``leaflet.js``)."""
        return self.path.rsplit("/", 1)[-1]


def _vendor():
    return resources.files("maps").joinpath("static/vendor")


@lru_cache(maxsize=1)
def vendor_assets() -> tuple[Asset, ...]:
    """The vendored files in the order the page loads them (style sheets, then scripts)."""
    text = resources.files("maps").joinpath("data/assets.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(Asset(*row) for row in rows)


@cache
def _text(path: str) -> str:
    return _vendor().joinpath(path).read_text("utf-8")


def inline_script(text: str, what: str = "script") -> str:
    """``<script>text</script>``; raises :class:`MapError` when ``text`` could end or alter the element."""
    if _SCRIPT_END.search(text):
        raise MapError(f"{what}: contains '</script', '<script' or '<!--' and cannot be inlined")
    return f"<script>{text}</script>"


def inline_style(text: str, what: str = "style sheet") -> str:
    """``<style>text</style>``; raises :class:`MapError` when ``text`` could end the element."""
    if _STYLE_END.search(text):
        raise MapError(f"{what}: contains '</style' and cannot be inlined")
    return f"<style>{text}</style>"


def _with_images(css: str, folder: str) -> str:
    """The style sheet with each ``url(images/x.png)`` replaced by the image as a ``data:`` address."""

    def data_url(match: re.Match) -> str:
        image = _vendor().joinpath(f"{folder}/{match.group(2)}")
        if not image.is_file():
            raise MapError(f"vendored image {folder}/{match.group(2)} is missing")
        return f'url("data:image/png;base64,{base64.b64encode(image.read_bytes()).decode("ascii")}")'

    return _CSS_IMAGE.sub(data_url, css)


@lru_cache(maxsize=1)
def _inline_tags() -> str:
    parts = []
    for a in vendor_assets():
        if a.kind == "css":
            parts.append(inline_style(_with_images(_text(a.path), a.path.split("/")[0]), a.path))
        else:
            parts.append(inline_script(_SOURCE_MAP.sub("", _text(a.path)), a.path))
    return "\n".join(parts)


def _link(kind: str, url: str) -> str:
    url = html.escape(url, quote=True)
    return f'<link rel="stylesheet" href="{url}"/>' if kind == "css" else f'<script src="{url}"></script>'


def asset_tags(assets: str = INLINE) -> str:
    """The ``<head>`` markup that gives the page Leaflet and Leaflet.markercluster.

    ``assets``: ``"inline"``, ``"cdn"``, or the address of a folder :func:`write_assets` filled (a URL
    or a path relative to the page, e.g. ``"map_files/"``). Raises :class:`MapError` for an address
    with a scheme other than http(s) or file.
    """
    if assets == INLINE:
        return _inline_tags()
    if assets == CDN:
        return "\n".join(_link(a.kind, a.cdn) for a in vendor_assets())
    base = assets.strip()
    if not base or re.match(r"(?i)^(?!https?:|file:)[a-z][a-z0-9+.-]*:", base):
        raise MapError(f"assets {assets!r}: give 'inline', 'cdn', or a folder's address (http(s), file: or relative)")
    base = base if base.endswith("/") else base + "/"
    return "\n".join(_link(a.kind, base + a.filename) for a in vendor_assets())


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder (never half a file)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_assets(directory: str | Path) -> list[Path]:
    """Copy the vendored scripts, style sheets, their images and licences into ``directory`` (created
    when missing; files already there are replaced). Returns the files written.

    The page links them with ``MapOptions(assets=<the folder's address relative to the page>)``.
    Raises :class:`MapError` when the folder cannot be written.
    """
    directory = Path(directory)
    written: list[Path] = []
    try:
        (directory / "images").mkdir(parents=True, exist_ok=True)
        for a in vendor_assets():
            data = _vendor().joinpath(a.path).read_bytes()  # as published (line ends included)
            if a.kind == "js":
                data = _SOURCE_MAP.sub("", data.decode("utf-8")).encode("utf-8")
            _write(directory / a.filename, data)
            written.append(directory / a.filename)
        for image in sorted(_vendor().joinpath("leaflet/images").iterdir(), key=lambda p: p.name):
            if image.name.endswith(".png"):
                _write(directory / "images" / image.name, image.read_bytes())
                written.append(directory / "images" / image.name)
        for package, licence in _LICENCES.items():
            _write(directory / f"LICENSE-{package}.txt", _vendor().joinpath(licence).read_bytes())
            written.append(directory / f"LICENSE-{package}.txt")
    except OSError as err:
        raise MapError(f"{directory}: cannot write the map's scripts there ({err.strerror or err})") from None
    return written
