"""The layout ARCHITECTURE.md describes: one direction of dependency and small modules.

- ``gazetteer`` imports neither ``geo`` nor ``maps``; ``maps`` imports neither ``geo`` nor ``gazetteer``.
- Inside ``geo``, the stage packages (``recognize``, ``resolve``, ``claims``) import the model, the
  language packs and the text toolkit (``nlp``), never each other; the toolkit, the packs and the
  model import no stage; ``geo.output`` reads only the model, the schema and the errors.
- No module of the three packages is much over 400 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PACKAGES = ("gazetteer", "geo", "maps")
STAGES = ("geo.recognize", "geo.resolve", "geo.claims")
FOUNDATION = ("geo.model", "geo.options", "geo.lang", "geo.nlp", "geo.article", "geo.errors", "geo.schema")
MAX_LINES = 420


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports (relative imports made absolute), at any depth in the file."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            out.add(module)
            out.update(f"{module}.{alias.name}" for alias in node.names)
    return out


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package.replace(".", "/")).rglob("*.py"))


def _within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


@pytest.mark.parametrize(("package", "forbidden"), [("gazetteer", ("geo", "maps")), ("maps", ("geo", "gazetteer"))])
def test_packages_depend_one_way(package, forbidden):
    bad = {str(p.relative_to(ROOT)): sorted(m for m in _imports(p) if _within(m, forbidden)) for p in _modules(package)}
    assert not {k: v for k, v in bad.items() if v}


def test_stages_import_the_model_and_the_language_not_each_other():
    problems = []
    for stage in STAGES:
        others = tuple(s for s in STAGES if s != stage) + ("geo.pipeline", "geo.output", "geo.cli", "geo.batch")
        for path in _modules(stage):
            problems += [(str(path.relative_to(ROOT)), m) for m in _imports(path) if _within(m, others)]
    assert not problems


def test_the_foundation_imports_no_stage():
    problems = []
    for layer in FOUNDATION:
        paths = (
            _modules(layer) if (ROOT / layer.replace(".", "/")).is_dir() else [ROOT / (layer.replace(".", "/") + ".py")]
        )
        for path in paths:
            stages = (*STAGES, "geo.pipeline", "geo.output", "geo.cli", "geo.batch", "geo.readers")
            problems += [(str(path.relative_to(ROOT)), m) for m in _imports(path) if _within(m, stages)]
    assert not problems


def test_output_reads_the_model_and_the_schema_only():
    # and the package's errors (a foundation module: an article whose rows cannot be encoded fails alone)
    allowed = ("geo.model", "geo.schema", "geo.errors", "geo.output", "gazetteer")
    problems = [
        (str(p.relative_to(ROOT)), m)
        for p in _modules("geo.output")
        for m in _imports(p)
        if _within(m, ("geo",)) and not _within(m, allowed)
    ]
    assert not problems


def test_no_module_is_much_over_400_lines():
    long = {
        str(p.relative_to(ROOT)): n
        for package in PACKAGES
        for p in _modules(package)
        if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert not long
